"""tasks/text_rtf.py on RTF written in code."""

from __future__ import annotations

import pytest

from tasks.errors import UnreadableDocument
from tasks.text_rtf import read_rtf
from tests.factories import make_rtf


def test_paragraphs_become_lines():
    assert read_rtf(make_rtf(["Jane Doe", "jane@example.com"]), "cv.rtf").plain == "Jane Doe\njane@example.com"


def test_escapes_decode_in_the_code_page():
    content = b"{\\rtf1\\ansi\\ansicpg1252 {\\b SOPHIE MARTIN}\\par D\\'e9veloppeuse\\par}"
    assert read_rtf(content, "cv.rtf").plain == "SOPHIE MARTIN\nDéveloppeuse"


def test_hyperlink_fields_are_links():
    content = b'{\\rtf1\\ansi {\\field{\\*\\fldinst HYPERLINK "mailto:jane@example.com"}{\\fldrslt jane@example.com}}\\par}'
    text = read_rtf(content, "cv.rtf")
    assert text.links == ["mailto:jane@example.com"] and "jane@example.com" in text.plain


def test_not_rtf_is_unreadable():
    with pytest.raises(UnreadableDocument, match="cv.rtf"):
        read_rtf(b"hello", "cv.rtf")


def test_raw_utf8_bytes_in_a_hand_written_rtf():
    content = "{\\rtf1\\ansi Senior Engineer (2020–Present)\\par}".encode()
    assert read_rtf(content, "cv.rtf").plain == "Senior Engineer (2020–Present)"
