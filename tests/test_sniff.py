"""sniff_type: the real type from the bytes."""

from __future__ import annotations

import pytest

from tasks.sniff import describe, sniff_type
from tests.factories import make_docx, make_odt, make_pdf, make_rtf, make_zip


def test_document_formats_are_recognised_from_content():
    assert sniff_type(make_pdf(["x"]), "cv.doc") == "pdf"
    assert sniff_type(make_docx(["x"]), None) == "docx"
    assert sniff_type(make_odt(["x"]), "cv.zip") == "odt"
    assert sniff_type(make_rtf(["x"]), "cv.doc") == "rtf"
    assert sniff_type(b"<!DOCTYPE html><html><body>x</body></html>", "cv.txt") == "html"
    assert sniff_type("Jane Doe\nEngineer, Zürich\n".encode("cp1252"), "cv.txt") == "txt"
    assert sniff_type("Jane\n".encode("utf-16"), "cv.txt") == "txt"


def test_other_zips_images_and_binary_are_not_documents():
    assert sniff_type(make_zip([("a.pdf", make_pdf(["x"]))]), "cv.docx") is None
    # an uncompressed member puts "%PDF-" within the zip's first KB: still a zip, not a PDF
    assert sniff_type(make_zip([("a.pdf", make_pdf(["x"]))], stored=True), "cv.zip") is None
    xlsx = make_zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")])
    assert sniff_type(xlsx, "cv.xlsx") is None
    assert sniff_type(b"\x89PNG\r\n\x1a\n\x00\x00", "cv.pdf") is None
    assert sniff_type(b"\x00\x01\x02\x03" * 50, None) is None
    assert sniff_type(b"", "cv.txt") is None


def test_outlook_item_is_ole2_but_not_a_doc(corpus):
    emails = corpus / "emails"
    assert sniff_type((emails / "m005.msg").read_bytes(), "m.msg") is None
    assert describe((emails / "m005.msg").read_bytes()) == "an Outlook item"


def test_damaged_ole2_named_doc_is_left_to_the_doc_reader():
    damaged = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    assert sniff_type(damaged, "cv.doc") == "doc"
    assert sniff_type(damaged, "cv.bin") is None


@pytest.mark.parametrize("content, words", [(b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"hello", "5 bytes of plain text")])
def test_describe_names_what_the_bytes_are(content, words):
    assert describe(content) == words
