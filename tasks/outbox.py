"""The outbox: emails queued in the same transaction as the change that causes them, then sent once.

Transports, picked by settings.smtp_url (one interface, two implementations):
  empty            -> MaildirTransport: files in settings.outbox_dir (new/), openable by any mail client
  smtp://u:p@h:25  -> SmtpTransport (smtplib; ?starttls=1 for STARTTLS, smtps:// for TLS from the start)
"""

from __future__ import annotations

import hashlib
import logging
import os
import smtplib
import socket
import ssl
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import or_, update
from sqlmodel import Session, select

from models.db import session_scope
from models.schemas import DeliveryReport, RenderedEmail
from models.settings import Settings
from models.tables import Draft, OpsEvent, OutboxEmail, User, utcnow
from tasks.crashpoints import crash_point
from tasks.render import render_email

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10  # across deliver runs; then the email is failed and operations see an OpsEvent
CLAIM_LEASE = timedelta(minutes=5)  # longer than one SMTP conversation; a crashed sender's claim runs out


class TransientDeliveryError(Exception):
    """The mail server said 'try later' (4xx) or could not be reached; the deliver flow retries."""


class PermanentDeliveryError(Exception):
    """The mail server refused for good (5xx); retrying can't help."""


# ---------- queueing ----------


def queue_email(
    session: Session, dedupe_key: str, kind: str, to: str, rendered: RenderedEmail, draft_id: int | None = None
) -> OutboxEmail:
    """Queue one email in the caller's transaction; the same dedupe_key again returns the queued row."""
    existing = session.exec(select(OutboxEmail).where(OutboxEmail.dedupe_key == dedupe_key)).first()
    if existing is not None:
        return existing
    email = OutboxEmail(
        dedupe_key=dedupe_key,
        kind=kind,
        draft_id=draft_id,
        to_address=to,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
    )
    session.add(email)
    session.flush()
    return email


def recruiter_address(session: Session, user_id: int) -> str:
    user = session.get(User, user_id)
    if user is None:
        raise LookupError(f"no recruiter with id {user_id}")
    return user.confirmation_address or user.email


def draft_context(draft: Draft) -> dict:
    """What every draft email shows: the original message, the file, the name read from it, the options."""
    fields = draft.fields or {}

    def value(name: str) -> str | None:
        return (fields.get(name) or {}).get("value")

    name = " ".join(v for v in (value("first_name"), value("last_name")) if v) or None
    options = {"source": None, "folders": [], "jobs": [], "tags": [], **(draft.options or {})}
    return {
        "original_subject": draft.subject,
        "sent_at": draft.sent_at,
        "document_name": draft.document_name,
        "name": name,
        "email": value("email"),
        "options": options,
        # A zip's first file only is processed; the document's note (tasks/split.py) names it and the files not processed.
        "notes": list(draft.notes or []),
    }


def email_for(session: Session, draft: Draft, kind: str, **extra) -> OutboxEmail:
    """Render `kind` for a draft and queue it to its recruiter, once per (draft, kind).

    The actions engineer's Save / Cancel call this in the same transaction as the state change:
    `outbox.email_for(session, draft, "saved")`.
    """
    rendered = render_email(kind, **{**draft_context(draft), **extra})
    to = recruiter_address(session, draft.user_id)
    return queue_email(session, f"draft:{draft.id}:{kind}", kind, to, rendered, draft_id=draft.id)


# ---------- transports ----------


class Transport(Protocol):
    def send(self, message: EmailMessage, key: str) -> None: ...


class MaildirTransport:
    """Deliver into a Maildir folder. The file name is the email's key, so a re-send after a crash is a no-op."""

    def __init__(self, root: Path):
        self.root = root
        for sub in ("tmp", "new", "cur"):
            (root / sub).mkdir(parents=True, exist_ok=True)

    def delivered(self, key: str) -> bool:
        # A mail client moves read messages to cur/ and appends ":2,S" flags to the name.
        return (self.root / "new" / key).exists() or any((self.root / "cur").glob(f"{key}:*"))

    def send(self, message: EmailMessage, key: str) -> None:
        if self.delivered(key):
            return
        tmp = self.root / "tmp" / key
        with open(tmp, "wb") as out:
            out.write(message.as_bytes())
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.root / "new" / key)  # Maildir's rule: write in tmp/, rename into new/


class SmtpTransport:
    """Send with smtplib to smtp://user:password@host:port (?starttls=1) or smtps://..."""

    def __init__(self, url: str, timeout: float = 30):
        parts = urlsplit(url)
        self.tls = parts.scheme == "smtps"
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if self.tls else 25)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.starttls = parse_qs(parts.query).get("starttls", ["0"])[0].lower() in ("1", "true", "yes")
        self.timeout = timeout

    def send(self, message: EmailMessage, key: str) -> None:
        context = ssl.create_default_context()
        if self.tls:
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with client:
            if self.starttls:
                client.starttls(context=context)
            if self.user:
                client.login(self.user, self.password or "")
            client.send_message(message)


def transport_for(settings: Settings, timeout: float = 30) -> Transport:
    if settings.smtp_url:
        return SmtpTransport(settings.smtp_url, timeout=timeout)
    return MaildirTransport(settings.outbox_dir)


def classify(error: BaseException) -> type[Exception]:
    """Transient (retry later) or permanent (give up) for an error raised while sending."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return TransientDeliveryError if codes and all(400 <= c < 500 for c in codes) else PermanentDeliveryError
    if isinstance(error, smtplib.SMTPResponseException):
        return TransientDeliveryError if 400 <= error.smtp_code < 500 else PermanentDeliveryError
    if isinstance(error, (smtplib.SMTPServerDisconnected, socket.timeout, ConnectionError, OSError)):
        return TransientDeliveryError
    return PermanentDeliveryError


# ---------- sending ----------


def email_key(email: OutboxEmail) -> str:
    """A stable name for one email: Maildir file name and Message-ID, so receivers can spot a repeat."""
    return f"{email.id:08d}.{hashlib.sha256(email.dedupe_key.encode()).hexdigest()[:16]}"


def build_message(email: OutboxEmail, mail_from: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = email.to_address
    message["Subject"] = email.subject
    message["Date"] = format_datetime(email.created_at if email.created_at.tzinfo else email.created_at.replace(tzinfo=timezone.utc))
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "resume-inbox.local"
    message["Message-ID"] = f"<{email_key(email)}@{domain}>"
    # RFC 3834: tells vacation responders not to answer the robot.
    message["Auto-Submitted"] = "auto-generated"
    message["X-Resume-Inbox-Kind"] = email.kind
    message.set_content(email.body_text)
    if email.body_html:
        message.add_alternative(email.body_html, subtype="html")
    return message


def _claim(settings: Settings, email_id: int) -> OutboxEmail | None:
    """Take an expiring claim on a queued email; None when it is sent, failed, or another sender holds it."""
    now = utcnow()
    with session_scope(settings.db_url) as session:
        claimed = session.exec(
            update(OutboxEmail)
            .where(OutboxEmail.id == email_id, OutboxEmail.status == "queued")
            .where(or_(OutboxEmail.locked_until.is_(None), OutboxEmail.locked_until < now))
            .values(locked_until=now + CLAIM_LEASE)
        ).rowcount
        return session.get(OutboxEmail, email_id) if claimed else None


def _record(settings: Settings, email_id: int, *, status: str, error: str | None = None) -> OutboxEmail:
    with session_scope(settings.db_url) as session:
        email = session.get(OutboxEmail, email_id)
        email.attempts += 1
        email.locked_until = None
        email.last_error = error
        if status == "sent":
            email.status, email.sent_at = "sent", utcnow()
        elif status == "failed" or email.attempts >= MAX_ATTEMPTS:
            email.status = "failed"
            session.add(OpsEvent(level="error", kind="delivery_failed", draft_id=email.draft_id,
                                 detail=f"email {email.id} ({email.kind}) to {email.to_address}: {error}"))
        session.add(email)
        return email


def send_one(settings: Settings, email_id: int, timeout: float = 30) -> str:
    """Send one queued email: 'sent', 'failed' (permanent), 'skipped' (not ours to send); transient errors raise."""
    email = _claim(settings, email_id)
    if email is None:
        return "skipped"
    message = build_message(email, settings.mail_from)
    try:
        transport_for(settings, timeout).send(message, email_key(email))
    except (smtplib.SMTPException, OSError) as e:
        kind = classify(e)
        reason = f"{type(e).__name__}: {e}"
        recorded = _record(settings, email_id, status="failed" if kind is PermanentDeliveryError else "queued", error=reason)
        log.warning("email %d to %s not sent (attempt %d): %s", email_id, email.to_address, recorded.attempts, reason)
        if kind is TransientDeliveryError and recorded.status == "queued":
            raise TransientDeliveryError(reason) from e
        return "failed"
    crash_point("after_send")
    _record(settings, email_id, status="sent")
    log.info("email %d (%s) sent to %s", email_id, email.kind, email.to_address)
    return "sent"


def send_now(settings: Settings, email_id: int) -> str:
    """Right after the commit that queued it (a click on Save or Cancel): one quick try, so the email follows the
    page within seconds; a mail server that says 'later' leaves it queued for the deliver flow's retries."""
    try:
        return send_one(settings, email_id, timeout=5)
    except TransientDeliveryError:
        return "queued"


def queued_ids(settings: Settings) -> list[int]:
    """Emails waiting to be sent, oldest first (claimed ones whose claim ran out included)."""
    now = utcnow()
    with session_scope(settings.db_url) as session:
        rows = session.exec(
            select(OutboxEmail.id)
            .where(OutboxEmail.status == "queued")
            .where(or_(OutboxEmail.locked_until.is_(None), OutboxEmail.locked_until < now))
            .order_by(OutboxEmail.id)
        ).all()
        return list(rows)


def delivery_report(settings: Settings, email_ids: list[int]) -> DeliveryReport:
    """Where the given emails stand now."""
    with session_scope(settings.db_url) as session:
        statuses = session.exec(select(OutboxEmail.status).where(OutboxEmail.id.in_(email_ids))).all() if email_ids else []
    return DeliveryReport(
        sent=statuses.count("sent"),
        queued=statuses.count("queued"),
        failed=statuses.count("failed"),
        finished_at=datetime.now(timezone.utc),
    )
