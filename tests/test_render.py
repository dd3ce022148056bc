from __future__ import annotations

from datetime import datetime, timezone

import pytest

from models.schemas import Options
from tasks.render import render_email

SENT = datetime(2026, 12, 1, 9, 15, tzinfo=timezone.utc)
LINKS = {"save": "http://d.test/?t=S", "review": "http://d.test/?t=R", "cancel": "http://d.test/?t=C"}


def confirmation(**overrides):
    context = dict(
        original_subject="Data role <urgent>",
        sent_at=SENT,
        document_name="jane_doe.pdf",
        name="Jane Doe",
        fields=[
            {"label": "First name", "value": "Jane", "score": 0.97},
            {"label": "Last name", "value": "Doe", "score": 0.95},
            {"label": "Email", "value": "jane@example.com", "score": 0.9},
            {"label": "Phone", "value": None, "score": 0.0},
        ],
        options=Options(source="LinkedIn", folders=["Shortlist"], jobs=["Data Analyst"], tags=["Remote", "Senior"]),
        links=LINKS,
        duplicates=[],
        expires_at=SENT,
        notes=[],
    )
    return render_email("confirmation", **{**context, **overrides})


def test_confirmation_shows_original_fields_options_and_three_links():
    email = confirmation()
    for body in (email.text, email.html):
        assert "Tue 1 Dec 2026, 09:15 UTC" in body
        assert "Jane" in body and "Doe" in body and "jane@example.com" in body
        assert "LinkedIn" in body and "Shortlist" in body and "Data Analyst" in body and "Remote, Senior" in body
        assert all(url in body for url in LINKS.values())
    assert "Data role <urgent>" in email.text
    assert "Data role &lt;urgent&gt;" in email.html, "HTML is autoescaped"
    assert email.subject == "Resume received: Jane Doe"


def test_save_link_only_when_all_key_fields_were_found():
    email = confirmation(links={**LINKS, "save": None})
    assert "?t=S" not in email.text and "?t=S" not in email.html
    assert "Save is not offered" in email.text and "?t=R" in email.html


def test_save_not_offered_names_exactly_what_is_missing():
    fields = [
        {"label": "First name", "value": "Jane", "score": 0.97},
        {"label": "Last name", "value": None, "score": 0.0},
        {"label": "Email", "value": None, "score": 0.0},
        {"label": "Phone", "value": None, "score": 0.0},
    ]
    email = confirmation(links={**LINKS, "save": None}, fields=[fields[0], {**fields[1], "value": "Doe"}, *fields[2:]])
    for body in (email.text, email.html):
        assert "Save is not offered because the email was not found: use Review to add it." in body
        assert "first name" not in body
    email = confirmation(links={**LINKS, "save": None}, fields=fields)
    assert "because the last name and the email were not found: use Review to add them." in email.text


def test_no_options_chosen_yet_is_said_plainly():
    email = confirmation(options=Options())
    for body in (email.text, email.html):
        assert "No source, folder, job or tag is chosen yet: you can pick them on Review." in body
        assert "your last choice" not in body and "Source" not in body


def test_zip_note_and_sent_before_and_possible_duplicates_are_shown():
    earlier = {"sent_at": SENT, "subject": "Earlier mail", "document_name": "cv.pdf"}
    dup = type("P", (), {"name": "Jane Doe", "email": "jane@example.com", "matched_on": "email"})()
    email = confirmation(
        notes=["The zip held 3 files; only the first file, jane_doe.pdf, was processed."], duplicate_of=earlier, duplicates=[dup]
    )
    for body in (email.text, email.html):
        assert "only the first file" in body
        assert 'You sent this same file before, as cv.pdf, on Tue 1 Dec 2026, 09:15 UTC, in the message with the subject' in body
        assert "Possibly already saved" in body
    assert email.subject.startswith("Sent before:")


def test_failure_names_the_file_and_the_reason():
    email = render_email("failure", original_subject="CV", sent_at=SENT, document_name="scan.pdf", reason="scan.pdf is encrypted.")
    assert email.subject == "Could not read scan.pdf"
    assert "scan.pdf is encrypted." in email.text and "scan.pdf is encrypted." in email.html


@pytest.mark.parametrize("kind", ["saved", "cancelled"])
def test_decision_emails_render_with_the_actions_context(kind):
    email = render_email(
        kind, name="Jane Doe", email="jane@example.com", options=Options(source="Email"), original_subject="CV",
        sent_at=SENT, document_name="jane.pdf",
    )
    assert "Jane Doe" in email.subject and "jane.pdf" in email.text


def test_subject_is_one_line_even_with_a_newline_in_a_name():
    email = render_email("saved", name="Jane\r\nBcc: evil@example.com", options=Options(), original_subject=None, sent_at=None, document_name="x")
    assert "\n" not in email.subject and "\r" not in email.subject
