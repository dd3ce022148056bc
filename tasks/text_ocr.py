"""Scanned PDFs: ocr_pdf(content, name) -> Text, pages rendered with pypdfium2 and read by Debian tesseract.

Only the first pages are read (OCR costs about 1.5 s a page); the name and contact details live there.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from models.schemas import Line, Text
from tasks.errors import UnreadableDocument
from tasks.text_clean import clean_text
from tasks.text_pdf import page_images
from tasks.text_tool import run_tool

OCR_PAGES = 2
DPI = 300
TESSERACT_TIMEOUT_SECONDS = 60
MIN_CONFIDENCE = 0.0  # tesseract marks non-words with -1
# One OpenMP thread: on a shared 2-core worker tesseract's threads spin against each other (a page took
# 8-9 s with the default, 1.6-1.9 s with one thread). The absolute tesseract path needs no PATH.
TESSERACT_ENV = {"OMP_THREAD_LIMIT": "1"}


def render_pages(content: bytes, name: str, folder: Path, pages: int) -> list[Path]:
    """The first pages as grayscale images at DPI, written to folder."""
    paths = []
    for index, image in enumerate(page_images(content, name, pages=pages, dpi=DPI, grayscale=True)):
        # PGM: written in milliseconds; PNG compression of a 300 dpi page took over 2 s.
        path = folder / f"page-{index}.pgm"
        image.save(path)
        paths.append(path)
    return paths


def tsv_lines(tsv: str, page: int, first_block: int) -> list[Line]:
    """tesseract TSV (one row per word) -> Lines with positions in points."""
    words: dict[tuple[int, int, int], list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        if float(row.get("conf") or -1) < MIN_CONFIDENCE:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        words.setdefault(key, []).append(row)
    points = 72 / DPI
    lines = []
    for (block, _, _), row_words in words.items():
        text = clean_text(" ".join(w["text"] for w in row_words))
        if not text:
            continue
        lefts = [int(w["left"]) for w in row_words]
        rights = [int(w["left"]) + int(w["width"]) for w in row_words]
        tops = [int(w["top"]) for w in row_words]
        heights = sorted(int(w["height"]) for w in row_words)
        lines.append(
            Line(
                text=text,
                page=page,
                x0=round(min(lefts) * points, 2),
                top=round(min(tops) * points, 2),
                x1=round(max(rights) * points, 2),
                size=round(heights[len(heights) // 2] * points, 1),
                block=first_block + block,
            )
        )
    return lines


def ocr_pdf(content: bytes, name: str, *, pages: int = OCR_PAGES) -> Text:
    """Lines read by OCR from the first pages of a PDF without a text layer; Text.ocr is True."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise UnreadableDocument(
            f"{name} is a scan and could not be read: the text recogniser (tesseract) is not installed."
        )
    lines: list[Line] = []
    with tempfile.TemporaryDirectory() as folder:
        for index, image in enumerate(render_pages(content, name, Path(folder), pages)):
            tsv = run_tool(
                [tesseract, str(image), "stdout", "-l", "eng", "--psm", "3", "tsv"],
                timeout=TESSERACT_TIMEOUT_SECONDS,
                too_slow=f"{name} is a scan that took too long to read.",
                failed=f"{name} is a scan that could not be read.",
                env=TESSERACT_ENV,
            )
            first_block = lines[-1].block + 1 if lines else 0
            lines.extend(tsv_lines(tsv, index, first_block))
    return Text(lines=lines, ocr=True, notes=["the file is a scan; its text was read by OCR and may contain mistakes"])
