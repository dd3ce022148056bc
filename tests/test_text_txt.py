"""tasks/text_txt.py: charsets and blocks."""

from __future__ import annotations

import codecs

from tasks.text_txt import decode, read_txt


def test_utf8_lines_and_blocks():
    lines = read_txt("Jane Doe\njane@example.com\n\n\nExperience\r\nAcme\n".encode(), "cv.txt").lines
    assert [(line.text, line.block) for line in lines] == [
        ("Jane Doe", 0), ("jane@example.com", 0), ("Experience", 1), ("Acme", 1)
    ]


def test_utf16_with_bom():
    assert decode(codecs.BOM_UTF16_LE + "Zoë Müller".encode("utf-16-le")) == "Zoë Müller"
    assert decode(codecs.BOM_UTF16_BE + "Zoë Müller".encode("utf-16-be")) == "Zoë Müller"


def test_utf16_without_bom():
    assert decode("Jane Doe, jane@example.com".encode("utf-16-le")) == "Jane Doe, jane@example.com"


def test_utf8_bom_is_dropped():
    assert decode(codecs.BOM_UTF8 + "Jane".encode()) == "Jane"


def test_cp1252_fallback():
    assert decode("Développeuse – Zoë".encode("cp1252")) == "Développeuse – Zoë"
