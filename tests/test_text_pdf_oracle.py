"""Our PDF reader (pdfium glyphs -> words -> lines) checked against an independent one, pdfplumber.

The production reader uses pypdfium2 because pdfplumber's parse alone took a median 113 ms per resume
here (budget: 100 ms for reading and extraction together). pdfplumber stays as the oracle: on every
text-layer PDF of the shared corpus, the words it finds on page 1 must be found by ours too (as a run of
letters in our text, since pdfplumber glues words that are drawn without space glyphs).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pdfplumber

from tasks.text import read_path

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font warnings are not ours to fix

WORD = re.compile(r"[^\W_]+")  # letters/digits only: the two readers split punctuation and icons differently


def words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text) if len(w) >= 3}


def test_every_word_pdfplumber_reads_on_page_one_our_reader_reads_too(corpus: Path):
    shortfalls = {}
    for label in json.loads((corpus / "resumes" / "labels.json").read_text()):
        path = corpus / "resumes" / label["file"]
        if path.suffix != ".pdf":
            continue
        with pdfplumber.open(path) as pdf:
            # x_tolerance 1.5: pdfplumber's default glues words drawn without space glyphs together
            theirs = words(pdf.pages[0].extract_text(x_tolerance=1.5) or "")
        if len(theirs) < 20:
            continue  # a scan (no text layer): OCR, checked elsewhere
        ours = "".join(w.casefold() for w in WORD.findall(" ".join(l.text for l in read_path(path, ocr=False).lines if l.page == 0)))
        missed = {word for word in theirs if word not in ours}
        if len(missed) > 0.03 * len(theirs):
            shortfalls[label["file"]] = sorted(missed)[:15]
    assert not shortfalls, shortfalls
