"""tasks/text_docx.py on .docx files made by tests/factories.py (python-docx)."""

from __future__ import annotations

import pytest

from tasks.errors import UnreadableDocument
from tasks.text_docx import read_docx
from tests.factories import make_docx, make_zip


def texts(content: bytes) -> list[str]:
    return [line.text for line in read_docx(content, "cv.docx").lines]


def test_body_paragraphs_in_order():
    assert texts(make_docx(["Jane Doe", "jane@example.com"])) == ["Jane Doe", "jane@example.com"]


def test_header_comes_first_and_footer_last():
    text = read_docx(make_docx(["Experience"], header="Jane Doe | jane@example.com", footer="Page 1"), "cv.docx")
    assert [(line.text, line.style) for line in text.lines] == [
        ("Jane Doe | jane@example.com", "header"),
        ("Experience", ""),
        ("Page 1", "footer"),
    ]


def test_table_rows_read_across_and_nested_tables_are_read():
    lines = texts(make_docx([], table=[["Email", "jane@example.com"], ["Phone", "555-0100"]]))
    assert lines == ["Email | jane@example.com", "Phone | 555-0100"]
    nested = texts(make_docx([], table=[["Left", "Right"]], nested_table=[["Kotlin", "Android"]]))
    assert "Kotlin | Android" in nested and "Right" in nested


def test_text_box_is_read_once():
    lines = read_docx(make_docx(["Body"], textbox="jane@example.com"), "cv.docx").lines
    boxed = [line for line in lines if line.text == "jane@example.com"]
    assert len(boxed) == 1 and boxed[0].style == "textbox"


def test_title_heading_and_bold_runs_carry_style_and_size():
    lines = read_docx(make_docx([], title="Jane Doe", styled=[("Heading 1", "Experience")], bold=["Acme"]), "cv.docx").lines
    title, heading, bold = lines
    assert title.style == "title" and title.size > 20
    assert heading.style == "heading" and heading.bold
    assert bold.bold and bold.size == 14 and bold.style == ""


def test_hyperlinks_come_from_relationships():
    text = read_docx(make_docx([], links=[("mail", "mailto:jane@example.com"), ("in", "https://linkedin.com/in/jane")]), "cv.docx")
    assert text.links == ["mailto:jane@example.com", "https://linkedin.com/in/jane"]


def test_alt_chunk_is_noted():
    text = read_docx(make_docx(["Body"], alt_chunk=True), "cv.docx")
    assert any("altChunk" in note for note in text.notes)


def test_not_a_docx_is_unreadable():
    with pytest.raises(UnreadableDocument, match="cv.docx is damaged") as raised:
        read_docx(make_zip([("readme.txt", b"hello")]), "cv.docx")
    assert raised.value.__cause__ is not None


def test_corrupt_deflate_stream_is_unreadable():
    content = bytearray(make_docx(["Jane Doe"] * 50))
    start = content.find(b"word/document.xml") + 40
    content[start : start + 40] = bytes(40)
    with pytest.raises(UnreadableDocument, match="cv.docx is damaged"):
        read_docx(bytes(content), "cv.docx")


def test_password_protected_docx_says_so():
    from tasks.sniff import OLE2_MAGIC

    content = OLE2_MAGIC + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(500)
    with pytest.raises(UnreadableDocument, match=r"^cv\.docx is password-protected\.$"):
        read_docx(content, "cv.docx")


def test_content_controls_are_read_in_place():
    import io

    import docx
    from docx.oxml import parse_xml

    document = docx.Document(io.BytesIO(make_docx(["Before"])))
    document.element.body.insert(1, parse_xml(
        '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdtPr/><w:sdtContent>'
        "<w:p><w:r><w:t>jane@example.com</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    ))
    buffer = io.BytesIO()
    document.save(buffer)
    assert texts(buffer.getvalue()) == ["Before", "jane@example.com"]
