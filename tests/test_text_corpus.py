"""Text extraction on the shared corpus (../shared/corpus, read in place; skipped plainly when absent).

Every resume yields text holding its labelled e-mail (the scan r002.pdf through OCR when tesseract is
installed), and the cases that broke other tools keep their column order and text rules.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from models.schemas import Text
from tasks.text import read_path


@cache
def read(path: Path) -> Text:
    return read_path(path)


def labels(corpus: Path) -> list[dict]:
    return json.loads((corpus / "resumes" / "labels.json").read_text())


def cases(corpus: Path) -> dict[str, dict]:
    return {case["file"]: case for case in json.loads((corpus / "cases" / "cases.json").read_text())}


def test_every_resume_gives_text_with_its_labelled_email(corpus: Path):
    missing = []
    for label in labels(corpus):
        if label["file"] == "r002.pdf" and shutil.which("tesseract") is None:
            continue  # a scan: only OCR reads it
        text = read(corpus / "resumes" / label["file"])
        assert text.lines, label["file"]
        if label["email"] and label["email"].lower() not in text.plain.lower():
            missing.append(label["file"])
    assert missing == []


def test_the_scan_is_read_by_ocr(corpus: Path):
    if shutil.which("tesseract") is None:
        pytest.skip("Debian tesseract-ocr is not installed (scripts/bootstrap installs it)")
    text = read(corpus / "resumes" / "r002.pdf")
    assert text.ocr and "John Doe" in text.plain


def test_pdf_links_carry_the_mailto_targets(corpus: Path):
    text = read(corpus / "resumes" / "r030.pdf")
    assert "mailto:john.doe@email.com" in text.links


def test_two_columns_on_shared_baselines_read_one_after_the_other(corpus: Path):
    expected = cases(corpus)["two_column_same_baselines.pdf"]["expected"]["column_blocks"]
    lines = [line.text for line in read(corpus / "cases" / "two_column_same_baselines.pdf").lines]
    assert lines == [line for block in expected for line in block]
    assert "Recruiting coordinator with six years Jordan Sample" not in lines


def test_words_positioned_without_spaces_keep_their_spaces(corpus: Path):
    expected = cases(corpus)["positioned_words_no_spaces.pdf"]["expected"]["text_lines"]
    assert [line.text for line in read(corpus / "cases" / "positioned_words_no_spaces.pdf").lines] == expected


def test_ligatures_read_as_letters(corpus: Path):
    expected = cases(corpus)["ligature_glyphs.pdf"]["expected"]["text_lines_nfkc"]
    lines = [unicodedata.normalize("NFKC", line.text) for line in read(corpus / "cases" / "ligature_glyphs.pdf").lines]
    assert lines == expected
    assert "\ufb01" not in read(corpus / "cases" / "ligature_glyphs.pdf").plain


def test_table_values_stay_beside_their_labels(corpus: Path):
    pairs = cases(corpus)["table_layout_resume.pdf"]["expected"]["label_value_pairs"]
    lines = [line.text for line in read(corpus / "cases" / "table_layout_resume.pdf").lines]
    for label, value in pairs.items():
        assert f"{label} {value}" in lines


def test_docx_cases_keep_table_and_header_text(corpus: Path):
    table_case = cases(corpus)["docx_resume_in_table.docx"]["expected"]
    in_table = read(corpus / "cases" / "docx_resume_in_table.docx").plain
    for snippet in table_case["text_contains"]:
        assert snippet in in_table
    assert table_case["fields"]["email"] in in_table
    header_fields = cases(corpus)["docx_contact_in_header.docx"]["expected"]["fields"]
    header = read(corpus / "cases" / "docx_contact_in_header.docx")
    assert header.lines[0].style == "header"
    for value in header_fields.values():
        assert value in header.lines[0].text


def test_letter_spaced_pdf_text_reads_as_words(corpus: Path):
    sidebar = read(corpus / "resumes" / "r030.pdf").plain
    assert "john.doe@email.com" in sidebar and "0123 456789" in sidebar
    assert "JOHN DOE" in read(corpus / "resumes" / "r035.pdf").plain.splitlines()


def test_sidebar_contact_is_not_interleaved_with_experience(corpus: Path):
    lines = [line.text for line in read(corpus / "resumes" / "r039.pdf").lines]
    contact = lines.index("CONTACT")
    assert lines[contact + 1 : contact + 4] == ["• jane.smith@example.com", "• (312) 555-0123", "• Springfield, IL"]
