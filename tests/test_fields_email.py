"""Emails: mailto: links, several addresses, referees, the recruiter, obfuscation, letter spacing."""

from __future__ import annotations

from models.schemas import MessageContext
from tasks.extract import extract_fields
from tasks.fields_email import deobfuscate, emails_in
from tests.factories import make_text


def email_of(text, **context):
    return extract_fields(text, MessageContext(**context)).email


def test_mailto_prefix_in_the_text_layer_is_not_part_of_the_address():
    assert emails_in("mailto:jane.smith@example.com | tel:(+1) 312-555-0123") == ["jane.smith@example.com"]


def test_obfuscated_address():
    assert deobfuscate("morgan.okafor [at] example [dot] com") == "morgan.okafor@example.com"


def test_letter_spaced_address():
    guess = email_of(make_text("John Doe", "j o h n . d o e @ e m a il . c o m"))
    assert guess.value == "john.doe@email.com"


def test_recruiter_signature_email_loses_to_resume_email():
    text = make_text("Forwarded by Pat Recruiter pat@agency.example", "Jane Doe", "jane.doe@example.com")
    guess = email_of(text, sender="pat@agency.example")
    assert guess.value == "jane.doe@example.com"


def test_only_the_recruiter_address_gives_nothing():
    guess = email_of(make_text("Jane Doe", "pat@agency.example"), recruiter_emails=("pat@agency.example",))
    assert guess.value is None


def test_referee_email_is_not_the_candidate():
    text = make_text("Jane Doe", "EXPERIENCE", "Analyst at Acme", "REFERENCES", "John Smith", "john.smith@acme.example")
    assert email_of(text).value is None


def test_first_of_several_addresses_in_the_header_wins():
    text = make_text("Jane Doe", "jane@personal.example | jane.doe@work.example")
    guess = email_of(text)
    assert guess.value == "jane@personal.example"
    assert 0 < guess.score <= 1
    assert any("first address" in r for r in guess.reasons)


def test_address_only_in_a_mailto_link():
    guess = email_of(make_text("Jane Doe", "Email me"), links=None) if False else email_of(
        make_text("Jane Doe", "Email me", links=["mailto:jane@example.com?subject=hi"]))
    assert guess.value == "jane@example.com"
