"""Values moving between steps (pydantic). Rows live in tables.py; steps take and return these."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocumentType = Literal["pdf", "docx", "doc", "rtf", "odt", "txt", "html"]


# ---------- documents and their text ----------


class Document(BaseModel):
    """One resume to process: an attachment, the first file of a zip, or a message body."""

    model_config = ConfigDict(frozen=True)

    index: int  # position among the message's documents; (message sha256, index) is the draft's key
    name: str  # decoded file name the recruiter sees ("body.txt" for a pasted resume)
    type: DocumentType  # sniffed from content, not trusted from the header
    content: bytes
    origin: str  # "attachment", "zip:cv.zip", "forwarded:Fw: Jane", "body"
    notes: tuple[str, ...] = ()  # oddities worked around, told to the recruiter ("zip held 3 files; used cv.pdf")

    @property
    def sha256(self) -> str:
        import hashlib

        return hashlib.sha256(self.content).hexdigest()


class SkippedPart(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str | None
    content_type: str
    reason: str  # "inline image", "calendar invite", "S/MIME signature", "unsupported type .xlsx"


class SplitMessage(BaseModel):
    """A parsed message: headers decoded once, resume documents found, the rest skipped with a reason."""

    subject: str | None
    sender: str | None  # bare address of From:
    sender_name: str | None = None
    sent_at: datetime | None  # Date: header, timezone-aware
    recipients: tuple[str, ...] = ()  # To / Cc / Delivered-To / X-Original-To, lower-cased bare addresses
    attachments: tuple[str, ...] = ()  # every decoded attachment name, document order
    documents: tuple[Document, ...] = ()
    skipped: tuple[SkippedPart, ...] = ()
    problems: tuple[str, ...] = ()  # recruiter-facing sentences for parts we could not use (corrupt zip, too big, ...)
    notes: tuple[str, ...] = ()
    body_text: str = ""  # the message's own visible body text (plain, or HTML as text); "" when it has none
    forwarded_from: str | None = None  # From: of a forwarded message (attached or quoted inline): often the candidate
    automatic: str | None = None  # machine-sent mail (tasks/mime.py AUTOMATIC_MAIL key): never answered


class Line(BaseModel):
    """One visual line of a document, with the layout facts extraction scores on."""

    model_config = ConfigDict(frozen=True)

    text: str
    page: int = 0
    x0: float = 0.0
    top: float = 0.0  # distance from the page top, in points (0 where the format has no geometry)
    x1: float = 0.0
    size: float = 0.0  # font size in points (0: unknown)
    bold: bool = False
    block: int = 0  # reading-order block/column id: lines of one column share it
    style: str = ""  # "heading", "title", "table", "header", "footer", "textbox" where the format says so


class Text(BaseModel):
    """Text of one document in reading order, plus hyperlinks the format carries (mailto:, tel:, https:)."""

    lines: list[Line]
    links: list[str] = Field(default_factory=list)
    ocr: bool = False
    notes: list[str] = Field(default_factory=list)

    @property
    def plain(self) -> str:
        return "\n".join(line.text for line in self.lines)


# ---------- extracted fields ----------


class FieldGuess(BaseModel):
    """A field's best value, its calibrated probability of being right, and the reasons behind it."""

    model_config = ConfigDict(frozen=True)

    value: str | None = None
    score: float = 0.0  # calibrated: P(value is right); 0 when missing
    reasons: tuple[str, ...] = ()

    @classmethod
    def missing(cls, reason: str = "not found") -> FieldGuess:
        return cls(value=None, score=0.0, reasons=(reason,))


class ListGuess(BaseModel):
    """A list-valued field (links, skills): values in document order, one score for the list."""

    model_config = ConfigDict(frozen=True)

    values: tuple[str, ...] = ()
    score: float = 0.0
    reasons: tuple[str, ...] = ()


class Entry(BaseModel):
    """One education or work-history item."""

    model_config = ConfigDict(frozen=True)

    title: str | None = None  # degree or job title
    organisation: str | None = None  # school or employer
    dates: str | None = None
    text: str = ""


class EntriesGuess(BaseModel):
    model_config = ConfigDict(frozen=True)

    entries: tuple[Entry, ...] = ()
    score: float = 0.0
    reasons: tuple[str, ...] = ()


KEY_FIELDS = ("first_name", "last_name", "email")


class ExtractedFields(BaseModel):
    first_name: FieldGuess = FieldGuess.missing()
    last_name: FieldGuess = FieldGuess.missing()
    email: FieldGuess = FieldGuess.missing()
    phone: FieldGuess = FieldGuess.missing()  # as printed
    phone_e164: FieldGuess = FieldGuess.missing()  # +15551234567, None when the region can't be known
    location: FieldGuess = FieldGuess.missing()
    title: FieldGuess = FieldGuess.missing()  # current job title
    employer: FieldGuess = FieldGuess.missing()  # current employer
    links: ListGuess = ListGuess()
    skills: ListGuess = ListGuess()
    education: EntriesGuess = EntriesGuess()
    experience: EntriesGuess = EntriesGuess()

    @property
    def has_key_fields(self) -> bool:
        return all(getattr(self, name).value for name in KEY_FIELDS)


class MessageContext(BaseModel):
    """What extraction may know about the message a document came in: the recruiter is not the candidate."""

    model_config = ConfigDict(frozen=True)

    sender: str | None = None  # the forwarding recruiter's address
    recruiter_emails: tuple[str, ...] = ()  # recruiter's login/confirmation addresses
    file_name: str | None = None
    subject: str | None = None


# ---------- options and pipeline results ----------


class Options(BaseModel):
    """What a recruiter files a candidate under; remembered as the recruiter's last used."""

    source: str | None = None
    folders: list[str] = Field(default_factory=list)
    jobs: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class IncomingMessage(BaseModel):
    """Raw bytes as read from a mailbox, with the key the mailbox needs to mark it done."""

    model_config = ConfigDict(frozen=True)

    raw: bytes
    mailbox: str  # the mailbox URL it came from (password stripped)
    key: str  # Maildir key or IMAP UID


class DraftOutcome(BaseModel):
    draft_id: int
    message_sha256: str
    document: str
    status: Literal["pending", "failed", "duplicate"]
    error: str | None = None
    created: bool  # False when an earlier run already drafted this document


class IngestReport(BaseModel):
    messages: int = 0
    already_seen: int = 0
    quarantined: int = 0
    drafts: list[DraftOutcome] = Field(default_factory=list)
    finished_at: datetime | None = None
    failed_messages: int = 0  # messages whose run failed (a bug, not bad input); kept in the mailbox, retried next run
    errors: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        """One line for the operations page: '3 messages, 4 drafts (1 failed), 1 quarantined'."""
        failed = sum(1 for d in self.drafts if d.status == "failed")
        parts = [_count(self.messages, "message"), _count(len(self.drafts), "draft") + (f" ({failed} failed)" if failed else "")]
        parts += [f"{n} {what}" for n, what in ((self.quarantined, "quarantined"), (self.already_seen, "seen before"),
                                                 (self.failed_messages, "message runs failed")) if n]
        return ", ".join(parts)


# ---------- routing, rendering, delivery (pipeline spine) ----------


class RoutedMessage(BaseModel):
    """An archived message after routing: whose it is, and the documents to draft (none when quarantined)."""

    model_config = ConfigDict(frozen=True)

    message_id: int
    message_sha256: str
    status: Literal["routed", "quarantined", "processed"]
    user_id: int | None = None
    reason: str | None = None  # why it was quarantined
    documents: tuple[Document, ...] = ()
    split: SplitMessage | None = None
    already_seen: bool = False  # an earlier run finished this message


class RenderedEmail(BaseModel):
    """One email ready to queue: subject, plain-text body and its HTML alternative."""

    model_config = ConfigDict(frozen=True)

    subject: str
    text: str
    html: str | None = None


class DeliveryReport(BaseModel):
    sent: int = 0
    queued: int = 0  # still waiting (a transient failure; the next run retries)
    failed: int = 0  # permanent failures, logged as OpsEvents
    finished_at: datetime | None = None

    def summary(self) -> str:
        return f"{self.sent} sent, {self.queued} still queued, {self.failed} failed"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
