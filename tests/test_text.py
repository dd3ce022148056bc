"""tasks/text.py: dispatch by type, the scan fallback, and the empty-text rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from models.schemas import Document, Line, Text
from tasks import text as text_module
from tasks.errors import UnreadableDocument, UnsupportedFile
from tasks.text import read_path, read_text
from tests.factories import make_docx, make_html, make_odt, make_pdf, make_rtf, make_scanned_pdf

TESSERACT = shutil.which("tesseract") is not None


def document(name: str, type_: str, content: bytes) -> Document:
    return Document(index=0, name=name, type=type_, content=content, origin="attachment")


@pytest.mark.parametrize(
    ("name", "type_", "content"),
    [
        ("cv.pdf", "pdf", make_pdf(["Jane Doe", "jane@example.com"])),
        ("cv.docx", "docx", make_docx(["Jane Doe", "jane@example.com"])),
        ("cv.odt", "odt", make_odt(["Jane Doe", "jane@example.com"])),
        ("cv.rtf", "rtf", make_rtf(["Jane Doe", "jane@example.com"])),
        ("cv.html", "html", make_html("<p>Jane Doe</p><p>jane@example.com</p>")),
        ("body.txt", "txt", b"Jane Doe\njane@example.com\n"),
    ],
)
def test_every_format_reads_to_lines(name, type_, content):
    assert read_text(document(name, type_, content)).plain == "Jane Doe\njane@example.com"


def test_empty_document_is_unreadable_with_a_sentence_for_the_recruiter():
    with pytest.raises(UnreadableDocument, match=r"^cv\.docx has no text we could read; it may be a scan or an image\.$"):
        read_text(document("cv.docx", "docx", make_docx([])))


def test_pdf_without_text_is_unreadable_when_ocr_is_off():
    with pytest.raises(UnreadableDocument, match="cv.pdf has no text we could read"):
        read_text(document("cv.pdf", "pdf", make_scanned_pdf(["Jane Doe"])), ocr=False)


def test_pdf_without_text_goes_to_ocr(monkeypatch):
    def fake_ocr(content: bytes, name: str):
        return Text(lines=[Line(text="Jane Doe reads from the scan")], ocr=True)

    monkeypatch.setattr(text_module, "ocr_pdf", fake_ocr)
    text = read_text(document("cv.pdf", "pdf", make_scanned_pdf(["Jane Doe"])))
    assert text.ocr and text.plain == "Jane Doe reads from the scan"


@pytest.mark.skipif(not TESSERACT, reason="Debian tesseract-ocr is not installed (scripts/bootstrap installs it)")
def test_scanned_pdf_is_read_by_ocr_end_to_end():
    text = read_text(document("cv.pdf", "pdf", make_scanned_pdf(["Jane Doe", "jane.doe@example.com", "Data Engineer"])))
    assert text.ocr
    assert "Jane Doe" in text.plain and "jane.doe@example.com" in text.plain


def test_read_path_sniffs_the_type_from_content(tmp_path: Path):
    path = tmp_path / "resume.bin"
    path.write_bytes(make_docx(["Jane Doe"]))
    assert read_path(path).plain == "Jane Doe"


def test_read_path_falls_back_to_the_extension_and_refuses_the_unknown(tmp_path: Path):
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(UnsupportedFile, match="photo.png"):
        read_path(image)


def test_garbled_text_layer_goes_to_ocr(monkeypatch):
    garbled = Text(lines=[Line(text="\ufffd" * 60 + " ab")])
    scanned = Text(lines=[Line(text="Jane Doe, data engineer, jane@example.com")], ocr=True)
    monkeypatch.setitem(text_module.READERS, "pdf", lambda content, name: garbled)
    monkeypatch.setattr(text_module, "ocr_pdf", lambda content, name: scanned)
    assert read_text(document("cv.pdf", "pdf", b"%PDF-1.4")).ocr


@pytest.mark.parametrize("type_", ["pdf", "docx", "odt", "rtf", "html", "txt"])
def test_damaged_files_raise_only_unreadable_document(type_):
    import random

    from tasks.errors import InboxProblem

    builders = {
        "pdf": lambda: make_pdf(["Jane Doe", "jane@example.com"], links=["mailto:jane@example.com"]),
        "docx": lambda: make_docx(["Jane Doe"], header="jane@example.com", table=[["a", "b"]], textbox="box"),
        "odt": lambda: make_odt(["Jane Doe"], headings=["CV"], table=[["a", "b"]], header="h"),
        "rtf": lambda: make_rtf(["Jane Doe", "jane@example.com"]),
        "html": lambda: make_html("<h1>Jane Doe</h1><p>jane@example.com</p>"),
        "txt": lambda: "Jane Doe\njane@example.com\n".encode(),
    }
    original = builders[type_]()
    rng = random.Random(type_)
    for trial in range(40):
        damaged = bytearray(original)
        for _ in range(rng.choice((3, 30, 300))):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        cut = bytes(damaged[: rng.randrange(1, len(damaged) + 1)]) if trial % 4 == 0 else bytes(damaged)
        try:
            text = read_text(document(f"cv.{type_}", type_, cut), ocr=False)
        except InboxProblem as problem:
            assert f"cv.{type_}" in str(problem)
        else:
            assert text.lines
