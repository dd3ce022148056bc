from __future__ import annotations

import email
import smtplib
from email import policy

import pytest
from sqlmodel import select

from models.db import session_scope
from models.schemas import RenderedEmail
from models.tables import OutboxEmail
from tasks import outbox

RENDERED = RenderedEmail(subject="Resume received: Jane Doe", text="plain body", html="<p>html body</p>")


def queue(settings, key: str = "draft:1:confirmation") -> int:
    with session_scope(settings.db_url) as session:
        return outbox.queue_email(session, key, "confirmation", "rita@agency.example", RENDERED).id


def outbox_files(settings):
    return sorted((settings.outbox_dir / "new").glob("*"))


def test_queueing_twice_with_one_dedupe_key_queues_once(settings):
    assert queue(settings) == queue(settings)
    with session_scope(settings.db_url) as session:
        assert len(session.exec(select(OutboxEmail)).all()) == 1


def test_maildir_delivery_writes_one_mime_message_and_marks_it_sent(settings):
    email_id = queue(settings)
    assert outbox.queued_ids(settings) == [email_id]
    assert outbox.send_one(settings, email_id) == "sent"
    assert outbox.send_one(settings, email_id) == "skipped"
    [path] = outbox_files(settings)
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["Subject"] == RENDERED.subject and message["To"] == "rita@agency.example"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_body(("plain",)).get_content().strip() == "plain body"
    assert "html body" in message.get_body(("html",)).get_content()
    with session_scope(settings.db_url) as session:
        row = session.get(OutboxEmail, email_id)
        assert row.status == "sent" and row.attempts == 1 and row.sent_at is not None
    assert outbox.queued_ids(settings) == []


def test_a_resend_after_a_crash_between_delivery_and_marking_sent_is_a_no_op(settings):
    email_id = queue(settings)
    outbox.send_one(settings, email_id)
    with session_scope(settings.db_url) as session:  # as if the process died before recording "sent"
        row = session.get(OutboxEmail, email_id)
        row.status, row.sent_at = "queued", None
    outbox.send_one(settings, email_id)
    assert len(outbox_files(settings)) == 1


def test_a_claimed_email_is_not_sent_by_a_second_sender(settings):
    email_id = queue(settings)
    assert outbox._claim(settings, email_id) is not None
    assert outbox.queued_ids(settings) == []
    assert outbox.send_one(settings, email_id) == "skipped"


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (smtplib.SMTPResponseException(451, b"try later"), outbox.TransientDeliveryError),
        (smtplib.SMTPResponseException(550, b"no such user"), outbox.PermanentDeliveryError),
        (smtplib.SMTPRecipientsRefused({"a@b": (450, b"greylisted")}), outbox.TransientDeliveryError),
        (smtplib.SMTPRecipientsRefused({"a@b": (550, b"unknown")}), outbox.PermanentDeliveryError),
        (ConnectionRefusedError(), outbox.TransientDeliveryError),
        (smtplib.SMTPServerDisconnected(), outbox.TransientDeliveryError),
    ],
)
def test_errors_are_classified_transient_or_permanent(error, kind):
    assert outbox.classify(error) is kind


def test_smtp_url_is_parsed():
    transport = outbox.SmtpTransport("smtp://us%40er:p%40ss@mail.example:2525?starttls=1")
    assert (transport.host, transport.port, transport.user, transport.password, transport.starttls) == (
        "mail.example", 2525, "us@er", "p@ss", True,
    )
    assert outbox.SmtpTransport("smtps://mail.example").port == 465


def test_settings_as_json_hide_passwords_but_keep_them_in_python():
    from models.settings import Settings

    s = Settings(smtp_url="smtp://u:p%40ss@mail:25", mailbox_urls="imap://box:pw@h/INBOX,maildir:///x",
                 database_url="postgresql+psycopg://pg:secret@db/x")
    dumped = s.model_dump(mode="json")
    assert dumped["smtp_url"] == "smtp://u:***@mail:25"
    assert dumped["mailbox_urls"] == "imap://box:***@h/INBOX,maildir:///x"
    assert dumped["database_url"] == "postgresql+psycopg://pg:***@db/x"
    assert s.smtp_url == "smtp://u:p%40ss@mail:25"
