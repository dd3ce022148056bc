"""End to end on a real Maildir: messages in tmp_path/inbox, the ingest flow once, confirmations in the outbox."""

from __future__ import annotations

import email
from email import policy

import pytest
from sqlmodel import select

from flows.ingest import run_ingest_once
from models.db import session_scope
from models.tables import Draft, Message, OutboxEmail
from tasks import samples, users
from tests.conftest import outbox_messages
from tests.factories import make_message
from tests.imap_server import imap_folder, imap_server  # noqa: F401  (fixtures)


def test_three_resumes_in_three_confirmations_out_and_a_rerun_adds_nothing(settings, tmp_path, prefect_api_url):
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    resumes = [samples.make_resume(samples.PEOPLE[i], fmt) for i, fmt in enumerate(("pdf", "docx", "txt"))]
    messages = [(f"m{i}", samples.resume_message(r, user.import_address, "Dana <dana@agency.example>", i)) for i, r in enumerate(resumes)]
    stranger = make_message(to="nobody@import.resume-inbox.local", files=[("cv.txt", b"Jane Doe\njane@example.com\n")])
    samples.fill_maildir(tmp_path / "inbox", [*messages, ("stranger", stranger.as_bytes())])

    report = run_ingest_once(settings, maildir=tmp_path / "inbox")

    assert (report.messages, report.quarantined, report.failed_messages) == (4, 1, 0)
    assert [d.created for d in report.drafts] == [True, True, True]
    sent = outbox_messages(settings)
    assert len(sent) == 3
    assert all(m["To"] == "dana@agency.example" and m["X-Resume-Inbox-Kind"] == "confirmation" for m in sent)
    for resume in resumes:
        [mail] = [m for m in sent if resume.person.last in m.get_body(("plain",)).get_content()]
        text = mail.get_body(("plain",)).get_content()
        assert resume.person.first in text and resume.person.email in text
        assert "Save:   http://dashboard.test/?t=" in text
    assert not list((tmp_path / "inbox" / "new").iterdir()), "every message is marked done"

    # Run again over the same folder, with every message put back as new: nothing more.
    for path in (tmp_path / "inbox" / "cur").iterdir():
        path.rename(tmp_path / "inbox" / "new" / path.name.split(":")[0])
    again = run_ingest_once(settings, maildir=tmp_path / "inbox")
    assert again.messages == 4 and again.already_seen == 4
    assert not any(d.created for d in again.drafts)
    assert len(outbox_messages(settings)) == 3
    with session_scope(settings.db_url) as session:
        assert len(session.exec(select(Draft)).all()) == 3
        assert len(session.exec(select(Message)).all()) == 4
        assert {e.status for e in session.exec(select(OutboxEmail)).all()} == {"sent"}


def test_a_bug_in_one_message_fails_that_message_only_and_it_stays_new(settings, tmp_path, prefect_api_url, monkeypatch):
    from tasks import drafts

    real = drafts.draft_document

    def buggy(session, settings, routed, document, **kw):
        if document.name == "bug.txt":
            raise RuntimeError("a bug, not bad input")
        return real(session, settings, routed, document, **kw)

    monkeypatch.setattr(drafts, "draft_document", buggy)
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    good = make_message(to=user.import_address, files=[("jane.txt", b"Jane Doe\njane.doe@example.com\n")])
    bad = make_message(to=user.import_address, files=[("bug.txt", b"Bug Report\nbug@example.com\n")], subject="bug")
    samples.fill_maildir(tmp_path / "inbox", [("bad", bad.as_bytes()), ("good", good.as_bytes())])

    report = run_ingest_once(settings, maildir=tmp_path / "inbox", deliver=False)

    assert (report.messages, report.failed_messages) == (1, 1) and "a bug, not bad input" in report.errors[0]
    assert [d.document for d in report.drafts] == ["jane.txt"]
    assert [p.name for p in (tmp_path / "inbox" / "new").iterdir()] == ["bad.demo"], "the failed message is read again next run"


@pytest.mark.imap
def test_ingest_over_imap_marks_a_message_done_only_after_its_draft_and_email(settings, prefect_api_url, imap_server, imap_folder):
    from flows.ingest import ingest
    from tasks.mailbox import open_mailbox

    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    resume = samples.make_resume(samples.PEOPLE[4], "docx")
    with imap_server.connect(imap_folder) as box:
        box.append(samples.resume_message(resume, user.import_address, "Dana <dana@agency.example>", 1), imap_folder)
    url = imap_server.url(imap_folder)
    settings = settings.model_copy(update={"mailbox_urls": url})

    report = ingest(settings)

    assert (report.messages, len(report.drafts), report.drafts[0].status) == (1, 1, "pending")
    with session_scope(settings.db_url) as session:
        assert session.exec(select(OutboxEmail)).one().kind == "confirmation"
    assert open_mailbox(url).fetch_new() == [], "marked done on the server"
    assert ingest(settings).messages == 0


def test_a_deployment_on_a_new_database_creates_the_schema_first(tmp_path, prefect_api_url):
    # What a scheduled deployment meets on a new machine: settings only, no CLI command has run before.
    from flows.deliver import deliver
    from models.settings import Settings

    fresh = Settings(home=tmp_path / "fresh-home", dashboard_url="http://dashboard.test")
    report = deliver(fresh)
    assert report.sent == 0
    with session_scope(fresh.db_url) as session:
        assert session.exec(select(OutboxEmail)).all() == []


def test_a_confirmation_forwarded_back_into_the_inbox_is_not_answered(settings, tmp_path, prefect_api_url):
    """The loop a mis-set forwarding rule makes: our own email arrives at an import address."""
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    resume = samples.make_resume(samples.PEOPLE[0], "txt")
    samples.fill_maildir(tmp_path / "inbox", [("m0", samples.resume_message(resume, user.import_address, "Dana <dana@agency.example>", 0))])
    run_ingest_once(settings, maildir=tmp_path / "inbox")
    [confirmation] = list((settings.outbox_dir / "new").iterdir())
    looped = email.message_from_bytes(confirmation.read_bytes(), policy=policy.default)
    looped.replace_header("To", user.import_address)
    for header in ("X-Resume-Inbox-Kind", "Auto-Submitted"):  # a forwarding client may drop them: our From: still tells
        del looped[header]
    out_of_office = make_message(to=user.import_address, body="I am out of the office until Monday.", headers={"Auto-Submitted": "auto-replied"})
    samples.fill_maildir(tmp_path / "inbox", [("loop", looped.as_bytes()), ("ooo", out_of_office.as_bytes())])

    report = run_ingest_once(settings, maildir=tmp_path / "inbox")

    assert (report.messages, report.quarantined, len(report.drafts)) == (2, 2, 0)
    assert len(outbox_messages(settings)) == 1, "nothing answered either message"
