"""tasks/text_ocr.py: tesseract on a scan made by tests/factories.py, and the missing-tool sentence."""

from __future__ import annotations

import shutil

import pytest

from tasks import text_ocr
from tasks.errors import UnreadableDocument
from tests.factories import make_scanned_pdf

TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def test_tsv_words_group_into_lines_with_positions_in_points():
    tsv = TSV_HEADER + (
        "5\t1\t1\t1\t1\t1\t300\t300\t200\t50\t96\tJane\n"
        "5\t1\t1\t1\t1\t2\t520\t300\t200\t50\t95\tDoe\n"
        "5\t1\t2\t1\t1\t1\t300\t450\t400\t40\t91\tjane@example.com\n"
        "5\t1\t2\t1\t1\t2\t800\t450\t10\t40\t-1\t \n"
    )
    lines = text_ocr.tsv_lines(tsv, page=0, first_block=0)
    assert [(line.text, line.block) for line in lines] == [("Jane Doe", 1), ("jane@example.com", 2)]
    assert lines[0].x0 == 72.0 and lines[0].top == 72.0 and lines[0].size == 12.0


def test_missing_tesseract_says_the_scan_could_not_be_read(monkeypatch):
    monkeypatch.setattr(text_ocr.shutil, "which", lambda name: None)
    with pytest.raises(UnreadableDocument, match="cv.pdf is a scan and could not be read"):
        text_ocr.ocr_pdf(make_scanned_pdf(["Jane"]), "cv.pdf")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Debian tesseract-ocr is not installed")
def test_only_the_first_pages_are_read(monkeypatch):
    rendered = []
    real_render = text_ocr.render_pages

    def spy(content, name, folder, pages):
        rendered.append(pages)
        return real_render(content, name, folder, pages)

    monkeypatch.setattr(text_ocr, "render_pages", spy)
    text = text_ocr.ocr_pdf(make_scanned_pdf(["Jane Doe"]), "cv.pdf")
    assert rendered == [text_ocr.OCR_PAGES] and text.ocr and "Jane Doe" in text.plain
