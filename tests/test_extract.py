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
