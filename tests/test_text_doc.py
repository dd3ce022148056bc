"""tasks/text_doc.py: the catdoc boundary (real .doc files are read in tests/test_text_corpus.py)."""

from __future__ import annotations

import pytest

from tasks import text_doc
from tasks.errors import UnreadableDocument
from tasks.sniff import OLE2_MAGIC


def test_missing_catdoc_says_so(monkeypatch):
    monkeypatch.setattr(text_doc.shutil, "which", lambda name: None)
    with pytest.raises(UnreadableDocument, match="catdoc"):
        text_doc.read_doc(OLE2_MAGIC + b"\x00" * 600, "cv.doc")


def test_non_word_bytes_are_unreadable():
    with pytest.raises(UnreadableDocument, match="cv.doc is not a readable Word document"):
        text_doc.read_doc(b"plain text pretending", "cv.doc")


def test_broken_word_file_is_unreadable():
    with pytest.raises(UnreadableDocument, match="cv.doc"):
        text_doc.read_doc(OLE2_MAGIC + b"\x00" * 600, "cv.doc")
