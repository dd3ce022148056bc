"""run_tool: a tool's output, or the recruiter's sentence when it fails or hangs."""

import sys

import pytest

from tasks.errors import UnreadableDocument
from tasks.text_tool import run_tool

SENTENCES = {"too_slow": "cv.doc took too long.", "failed": "cv.doc could not be read."}


def test_output_is_decoded_text():
    assert run_tool([sys.executable, "-c", "print('Zoë')"], timeout=10, **SENTENCES).strip() == "Zoë"


def test_a_failing_tool_gives_the_failure_sentence():
    with pytest.raises(UnreadableDocument, match="could not be read"):
        run_tool([sys.executable, "-c", "raise SystemExit(3)"], timeout=10, **SENTENCES)


def test_a_hanging_tool_is_stopped_with_the_too_slow_sentence():
    with pytest.raises(UnreadableDocument, match="took too long") as caught:
        run_tool([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5, **SENTENCES)
    assert caught.value.__cause__ is not None
