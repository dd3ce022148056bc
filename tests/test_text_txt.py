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


def test_markdown_marks_become_styled_lines_not_words():
    text = read_txt("# Bjørn Aasgaard\n\n**Data Engineer** at Nordlys\n\n## Experience\n- Built **fast** pipelines\n".encode(), "cv.md")
    assert [(line.text, line.style, line.bold) for line in text.lines] == [
        ("Bjørn Aasgaard", "title", True),
        ("Data Engineer at Nordlys", "", False),
        ("Experience", "heading", True),
        ("- Built fast pipelines", "", False),
    ]


def test_markdown_title_is_read_as_the_name():
    from models.schemas import MessageContext
    from tasks.extract import extract_fields

    text = read_txt(b"# Pia Sorensen\npia.s@example.com | +45 20 12 34 56 | Aarhus, Denmark\n\n## Experience\nAnalyst, Vestas\n", "cv.txt")
    fields = extract_fields(text, MessageContext())
    assert (fields.first_name.value, fields.last_name.value) == ("Pia", "Sorensen")
