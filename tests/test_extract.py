"""extract_fields end to end on Text built here: layouts from the issue, scores are probabilities with reasons."""

from __future__ import annotations

from models.schemas import ExtractedFields, MessageContext
from tasks.extract import extract_fields, extract_weighted
from tests.factories import make_text

BIG = {"size": 22.0, "bold": True}


def test_every_field_is_a_scored_guess():
    text = make_text(("Jane Smith", BIG), "jane.smith@example.com | (312) 555-0123 | Chicago, IL",
                     "linkedin.com/in/janesmith")
    fields = extract_fields(text, MessageContext())
    assert isinstance(fields, ExtractedFields)
    for name in ("first_name", "last_name", "email", "phone", "phone_e164", "location"):
        guess = getattr(fields, name)
        assert guess.value, name
        assert 0 < guess.score <= 1 and guess.reasons, name
    assert fields.phone_e164.value == "+13125550123"
    assert fields.links.values == ("https://linkedin.com/in/janesmith",)


def test_missing_fields_score_zero():
    fields = extract_fields(make_text("Just some words in a line of text."), MessageContext())
    assert fields.email.value is None and fields.email.score == 0.0
    assert fields.phone.value is None


def test_two_column_page_with_a_contact_sidebar_read_after_the_body():
    # Columns read one after the other: the body first, then the sidebar that holds the contact details.
    text = make_text(
        ("PROFILE", {"bold": True, "block": 0}),
        ("Recruiting coordinator with six years of experience scheduling interviews.", {"block": 0}),
        ("EXPERIENCE", {"bold": True, "block": 0}),
        ("Coordinator, Initech, Austin, TX, 2019 - 2024", {"block": 0}),
        ("CONTACT", {"bold": True, "block": 1, "top": 40.0, "x0": 330.0}),
        ("Jordan Sample", {"block": 1, "top": 54.0, "x0": 330.0, "size": 14.0, "bold": True}),
        ("jordan.sample@example.org", {"block": 1, "top": 68.0, "x0": 330.0}),
        ("+44 20 7946 0000", {"block": 1, "top": 82.0, "x0": 330.0}),
        ("London, United Kingdom", {"block": 1, "top": 96.0, "x0": 330.0}),
    )
    fields = extract_fields(text, MessageContext())
    assert (fields.first_name.value, fields.last_name.value) == ("Jordan", "Sample")
    assert fields.email.value == "jordan.sample@example.org"
    assert fields.phone_e164.value == "+442079460000"
    assert fields.location.value == "London, United Kingdom"


def test_icon_glyphs_between_contact_items():
    text = make_text(("Alfred Pennyworth", BIG), "\uf041 Silicon Valley, CA, USA \uf095 (123) 456-7890 \uf0e0 alfred.pennyworth@email.com")
    fields = extract_fields(text, MessageContext())
    assert fields.email.value == "alfred.pennyworth@email.com"
    assert fields.phone_e164.value == "+11234567890"
    assert fields.location.value == "Silicon Valley, CA, USA"


def test_recruiter_is_never_the_candidate():
    text = make_text("From: Pat Recruiter <pat@agency.example>", ("Jane Doe", BIG), "jane.doe@example.com")
    fields = extract_fields(text, MessageContext(sender="pat@agency.example"))
    assert fields.email.value == "jane.doe@example.com"
    assert (fields.first_name.value, fields.last_name.value) == ("Jane", "Doe")


def test_weights_are_reported_for_calibration():
    _, weights = extract_weighted(make_text(("Jane Doe", BIG), "jane.doe@example.com"), MessageContext())
    assert weights["email"] > 0 and weights["first_name"] > 0
    assert weights["phone"] is None


# ---------- through the real readers: documents made here, read by tasks.text ----------

import pytest  # noqa: E402

from tasks.text import read_path  # noqa: E402
from tests.factories import make_docx, make_pdf  # noqa: E402


def fields_of_file(tmp_path, name: str, content: bytes) -> ExtractedFields:
    path = tmp_path / name
    path.write_bytes(content)
    return extract_fields(read_path(path), MessageContext(file_name=name))


def key(fields: ExtractedFields) -> tuple:
    return fields.first_name.value, fields.last_name.value, fields.email.value, fields.phone_e164.value


def test_pdf_two_columns_sharing_baselines(tmp_path):
    content = make_pdf([], columns=[
        ["PROFILE", "Recruiting coordinator with six years", "of experience scheduling interviews", "for engineering teams."],
        ["CONTACT", "Jordan Sample", "jordan.sample@example.org", "+44 20 7946 0000"],
    ], size=10)
    assert key(fields_of_file(tmp_path, "cv.pdf", content)) == ("Jordan", "Sample", "jordan.sample@example.org", "+442079460000")


def test_pdf_letter_spaced_contact_details(tmp_path):
    content = make_pdf(["JOHN DOE", "Software Developer"], columns=[["john.doe@email.com", "(415) 555-0142"]], letter_spacing=2.5)
    fields = fields_of_file(tmp_path, "resume.pdf", content)
    assert key(fields) == ("John", "Doe", "john.doe@email.com", "+14155550142")


def test_pdf_referees_do_not_override_the_candidate(tmp_path):
    content = make_pdf(["ROSE HARRIS", "hello@email.com  +61 409 298 398  Sydney, Australia", "EXPERIENCE",
                        "Designer, Studio North, 2018 - 2024", "REFERENCES", "JOHN SMITH", "Director, Studio North",
                        "+61 402 938 209  john.smith@studio.example"])
    fields = fields_of_file(tmp_path, "cv.pdf", content)
    assert key(fields) == ("Rose", "Harris", "hello@email.com", "+61409298398")
    assert fields.location.value == "Sydney, Australia"


def test_pdf_tel_and_mailto_links(tmp_path):
    content = make_pdf(["Jane Smith", "Email | Phone", "Springfield, IL"],
                       links=["mailto:jane.smith@example.com", "tel:+13125550123", "https://github.com/janesmith"])
    fields = fields_of_file(tmp_path, "cv.pdf", content)
    assert key(fields) == ("Jane", "Smith", "jane.smith@example.com", "+13125550123")
    assert "https://github.com/janesmith" in fields.links.values


@pytest.mark.parametrize(("printed", "first", "last"), [
    ("SARAH JOHNSON, RN, BSN", "Sarah", "Johnson"),
    ("Joost van den Berg", "Joost", "van den Berg"),
    ("Jordan A. Patel", "Jordan", "Patel"),
])
def test_docx_title_paragraph_names(tmp_path, printed, first, last):
    content = make_docx(["Registered Nurse", "Email: someone@example.com | Phone: (617) 555-2847", "Boston, MA 02115"],
                        title=printed)
    fields = fields_of_file(tmp_path, "cv.docx", content)
    assert (fields.first_name.value, fields.last_name.value) == (first, last)
    assert fields.phone_e164.value == "+16175552847" and fields.location.value == "Boston, MA 02115"


@pytest.mark.parametrize("junk", ["a@" + "b." * 3000 + "1", "A, " * 5000, "x" * 20000, "1 " * 5000, "J o h n " * 1000])
def test_pathological_lines_stay_fast(junk):
    import time

    extract_fields(make_text("Jane Doe"), MessageContext())  # spaCy loaded outside the timing
    start = time.perf_counter()
    extract_fields(make_text(("Jane Doe", BIG), junk, "jane@example.com"), MessageContext())
    assert time.perf_counter() - start < 1.0
