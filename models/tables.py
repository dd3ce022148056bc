"""Database rows (SQLModel tables). Only the owning task modules change them."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _when(**kw) -> Field:
    return Field(sa_type=DateTime(timezone=True), **kw)


class User(SQLModel, table=True):
    """A recruiter. Owned by tasks/users.py."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    email: str = Field(unique=True, index=True)  # login email
    import_address: str = Field(unique=True, index=True)
    confirmation_address: str | None = None  # None: the login email
    desktop_tools: bool = True  # may see and change the Desktop Tools settings
    last_options: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _when(default_factory=utcnow)


class RetiredAddress(SQLModel, table=True):
    """An import address replaced by a new one; mail to it is quarantined, not routed."""

    id: int | None = Field(default=None, primary_key=True)
    address: str = Field(unique=True, index=True)
    user_id: int = Field(foreign_key="user.id")
    retired_at: datetime = _when(default_factory=utcnow)


class Message(SQLModel, table=True):
    """One raw email, archived before anything else. sha256 makes every re-run a no-op. Owned by archive/route."""

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(unique=True, index=True)
    archive_path: str
    mailbox: str = ""
    mailbox_key: str = ""
    size: int = 0
    status: str = Field(default="archived", index=True)  # archived | routed | processed | quarantined | failed
    user_id: int | None = Field(default=None, foreign_key="user.id")
    subject: str | None = None
    sender: str | None = None
    sent_at: datetime | None = _when(default=None)
    received_at: datetime = _when(default_factory=utcnow)
    processed_at: datetime | None = _when(default=None)
    error: str | None = None


class Draft(SQLModel, table=True):
    """One resume document waiting for the recruiter's Save / Cancel. Owned by drafts.py and actions.py."""

    __table_args__ = (UniqueConstraint("message_id", "document_index"),)

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    document_index: int
    user_id: int = Field(foreign_key="user.id", index=True)
    status: str = Field(default="pending", index=True)  # pending | saved | cancelled | failed
    document_name: str
    document_type: str | None = None
    document_sha256: str | None = Field(default=None, index=True)
    origin: str = "attachment"
    file_path: str | None = None  # under settings.files_dir; removed on cancel and purge
    subject: str | None = None  # the original message's
    sender: str | None = None
    sent_at: datetime | None = _when(default=None)
    fields: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # ExtractedFields dump
    options: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # Options dump
    text: str = ""  # extracted text, for the review page
    notes: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    error: str | None = None  # recruiter-facing reason for a failed draft
    duplicate_of: int | None = None  # an earlier draft of the same file (same sha256) for this recruiter
    parse_ms: float | None = None
    created_at: datetime = _when(default_factory=utcnow)
    decided_at: datetime | None = _when(default=None)


class Candidate(SQLModel, table=True):
    """A saved resume: what the recruiter kept, as they left it."""

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="draft.id", unique=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    first_name: str
    last_name: str
    email: str = Field(index=True)
    phone: str | None = Field(default=None, index=True)
    phone_e164: str | None = None
    # The phone's last 9 digits (tasks/duplicates.py: phone_key): one indexed lookup finds the same number
    # however it was written ("+44 20 7946 0000" and "020 7946 0000").
    phone_key: str | None = Field(default=None, index=True)
    location: str | None = None
    fields: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # all fields as saved
    options: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    file_path: str | None = None
    created_at: datetime = _when(default_factory=utcnow)


class ActionToken(SQLModel, table=True):
    """A single-use action link. Only the sha256 of the secret is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, index=True)
    draft_id: int = Field(foreign_key="draft.id", index=True)
    action: str  # save | cancel | review
    created_at: datetime = _when(default_factory=utcnow)
    expires_at: datetime = _when()
    used_at: datetime | None = _when(default=None)


class SignInLink(SQLModel, table=True):
    """A single-use Desktop Tools sign-in link, mailed to a recruiter's login email. Only the sha256 is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = _when(default_factory=utcnow)
    expires_at: datetime = _when()
    used_at: datetime | None = _when(default=None)


class OutboxEmail(SQLModel, table=True):
    """An email to send, written in the same transaction as the state change that causes it."""

    __table_args__ = (UniqueConstraint("dedupe_key"),)

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str  # e.g. "draft:12:confirmation", "draft:12:saved", "message:<sha>:unknown"
    kind: str  # confirmation | failure | saved | cancelled | notice
    draft_id: int | None = Field(default=None, foreign_key="draft.id", index=True)
    to_address: str
    subject: str
    body_text: str
    body_html: str | None = None
    status: str = Field(default="queued", index=True)  # queued | sent | failed
    attempts: int = 0
    last_error: str | None = None
    locked_until: datetime | None = _when(default=None)  # a sender's claim; expires so a crashed sender's email is retried
    created_at: datetime = _when(default_factory=utcnow)
    sent_at: datetime | None = _when(default=None)


class OpsEvent(SQLModel, table=True):
    """Something operations should see: bad input, quarantine, delivery failure, purge."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _when(default_factory=utcnow)
    level: str = "warning"  # info | warning | error
    kind: str = Field(index=True)  # unknown_recipient | unreadable_document | delivery_failed | purge | ...
    message_sha256: str | None = None
    draft_id: int | None = None
    detail: str = ""


class FlowRun(SQLModel, table=True):
    """One run of a flow as operations see it, written by the flow's state hooks (flows/run_log.py).

    Kept in our database so the operations page shows run history on the embedded default too, where the
    local Prefect API lives only as long as the process that started it.
    """

    id: int | None = Field(default=None, primary_key=True)
    prefect_run_id: str = Field(unique=True)  # a run's later state (retried, then completed) updates its row
    flow: str = Field(index=True)  # ingest | deliver | purge
    name: str  # Prefect's run name, to find the run's logs
    state: str  # Completed | Failed | Crashed | Cancelled
    started_at: datetime = _when(index=True)
    ended_at: datetime = _when()
    summary: str = ""  # "3 messages, 4 drafts (1 failed)", or why the run failed


class Source(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Folder(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Job(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Tag(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
