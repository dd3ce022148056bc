"""Step 5: one document -> text -> fields -> Draft + stored file + links + confirmation email, in ONE transaction.

The only place that catches InboxProblem: a document we can't use becomes a failed draft and an email
that names the file and says why. Anything else is a bug and fails the task (the raw mail is kept).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models.schemas import Document, DraftOutcome, ExtractedFields, MessageContext, Options, RoutedMessage, SplitMessage, Text
from models.settings import Settings
from models.tables import Draft, Message, OpsEvent, OutboxEmail, User
from tasks import duplicates, files, outbox, render, tokens
from tasks.body import why_not_a_resume, without_mail_parts
from tasks.crashpoints import crash_point
from tasks.errors import InboxProblem
from tasks.split import OVER_LIMIT

log = logging.getLogger(__name__)

FIELD_LABELS = (("first_name", "First name"), ("last_name", "Last name"), ("email", "Email"), ("phone", "Phone"))

Reader = Callable[..., Text]
Extractor = Callable[[Text, MessageContext], ExtractedFields]


def _default_reader() -> Reader:
    from tasks.text import read_text

    return read_text


def _default_extractor() -> Extractor:
    from tasks.extract import extract_fields

    return extract_fields


def file_key(message_sha256: str, index: int) -> str:
    """The draft's folder under files_dir: the same on every re-run, so a crash never leaves two copies."""
    return f"{message_sha256[:16]}-{index}"


def existing_draft(session: Session, message_id: int, index: int) -> Draft | None:
    return session.exec(select(Draft).where(Draft.message_id == message_id, Draft.document_index == index)).first()


def _outcome(draft: Draft, routed: RoutedMessage, created: bool) -> DraftOutcome:
    status = "failed" if draft.status == "failed" else "duplicate" if draft.duplicate_of else "pending"
    return DraftOutcome(
        draft_id=draft.id,
        message_sha256=routed.message_sha256,
        document=draft.document_name,
        status=status,
        error=draft.error,
        created=created,
    )


def draft_document(
    session: Session,
    settings: Settings,
    routed: RoutedMessage,
    document: Document,
    *,
    read: Reader | None = None,
    extract: Extractor | None = None,
) -> DraftOutcome:
    """A routed message's document -> its draft and confirmation (or failure) email, committed together.

    A re-run finds the draft by (message, document index) and adds nothing.
    """
    found = existing_draft(session, routed.message_id, document.index)
    if found is not None:
        return _outcome(found, routed, created=False)
    user = session.get(User, routed.user_id)
    # End the read transaction before parsing: on SQLite it holds the write lock (BEGIN IMMEDIATE), and an
    # OCR'd scan can take longer than the dashboard's busy timeout. Nothing is written yet.
    session.commit()
    split = routed.split
    recruiter_emails = tuple(a for a in (user.email, user.confirmation_address) if a)
    sender = split.sender if split else None
    context = MessageContext(
        # A candidate writing to the import address (a jobs alias redirected to it) is not the recruiter: their
        # own address must not count against their resume's email.
        sender=sender if from_the_recruiter(sender, recruiter_emails) else None,
        recruiter_emails=recruiter_emails,
        file_name=document.name,
        subject=split.subject if split else None,
    )
    started = time.perf_counter()
    text: Text | None = None
    fields = ExtractedFields()
    error: str | None = None
    try:
        text = (read or _default_reader())(document, ocr=settings.ocr)
        fields = (extract or _default_extractor())(text, context)
    except InboxProblem as problem:
        error = str(problem)
    parse_ms = (time.perf_counter() - started) * 1000

    earlier = session.exec(
        select(Draft)
        .where(Draft.user_id == user.id, Draft.document_sha256 == document.sha256, Draft.message_id != routed.message_id)
        .order_by(Draft.id)
    ).first()
    options = Options.model_validate(user.last_options or {})
    draft = Draft(
        message_id=routed.message_id,
        document_index=document.index,
        user_id=user.id,
        status="failed" if error else "pending",
        document_name=document.name,
        document_type=document.type,
        document_sha256=document.sha256,
        origin=document.origin,
        subject=split.subject if split else None,
        sender=split.sender if split else None,
        sent_at=split.sent_at if split else None,
        fields=fields.model_dump(mode="json"),
        options=options.model_dump(mode="json"),
        text=text.plain if text else "",
        notes=[*document.notes, *(text.notes if text else [])],
        error=error,
        duplicate_of=earlier.id if earlier and not error else None,
        parse_ms=round(parse_ms, 1),
    )
    try:
        with session.begin_nested():
            session.add(draft)
    except IntegrityError:
        # Another run drafted this document between our look-up and our insert: theirs stands.
        return _outcome(existing_draft(session, routed.message_id, document.index), routed, created=False)
    crash_point("after_draft")

    if error:
        _queue_failure(session, draft, error, routed.message_sha256)
    else:
        draft.file_path = files.store_file(settings.files_dir, file_key(routed.message_sha256, document.index), document.name, document.content)
        session.add(draft)
        _queue_confirmation(session, settings, draft, fields, options, earlier)
    session.commit()
    crash_point("after_email_queued")
    log.info("draft %d for %s: %s (%.0f ms)", draft.id, document.name, draft.status if not error else f"failed: {error}", parse_ms)
    return _outcome(draft, routed, created=True)


def _queue_confirmation(
    session: Session, settings: Settings, draft: Draft, fields: ExtractedFields, options: Options, earlier: Draft | None
) -> None:
    ttl = timedelta(days=settings.link_ttl_days)
    actions = ["review", "cancel"] + (["save"] if fields.has_key_fields else [])
    links = {action: tokens.link_url(settings.dashboard_url, tokens.issue_link(session, draft.id, action, ttl)) for action in actions}
    links.setdefault("save", None)
    rendered = render.render_email(
        "confirmation",
        **outbox.draft_context(draft),
        fields=[
            {"label": label, "value": getattr(fields, name).value, "score": getattr(fields, name).score}
            for name, label in FIELD_LABELS
        ],
        links=links,
        duplicate_of=_earlier_message(session, earlier) if earlier else None,
        duplicates=duplicates.possible_duplicates(
            session, draft.user_id, fields.email.value, fields.phone.value, fields.phone_e164.value
        ),
        expires_at=draft.created_at + ttl,
    )
    to = outbox.recruiter_address(session, draft.user_id)
    outbox.queue_email(session, f"draft:{draft.id}:confirmation", "confirmation", to, rendered, draft_id=draft.id)


def _earlier_message(session: Session, earlier: Draft) -> dict:
    """When and with what subject the earlier copy was sent: its Date:, else when we received it (not when we parsed it)."""
    sent_at = earlier.sent_at
    if sent_at is None:
        message = session.get(Message, earlier.message_id)
        sent_at = message.received_at if message else earlier.created_at
    return {"sent_at": sent_at, "subject": earlier.subject, "document_name": earlier.document_name}


def _queue_failure(session: Session, draft: Draft, reason: str, message_sha256: str) -> None:
    session.add(OpsEvent(kind="unreadable_document", message_sha256=message_sha256, draft_id=draft.id,
                         detail=f"{draft.document_name}: {reason}"))
    rendered = render.render_email("failure", **outbox.draft_context(draft), reason=reason)
    to = outbox.recruiter_address(session, draft.user_id)
    outbox.queue_email(session, f"draft:{draft.id}:failure", "failure", to, rendered, draft_id=draft.id)


# Skipped-part reasons (tasks/split.py) that are a problem told to the recruiter -> the OpsEvent kind operations see.
PROBLEM_KINDS = {
    "zip bomb": "zip_bomb",
    "encrypted zip": "encrypted_zip",
    "encrypted message": "encrypted_message",
    "not a readable document": "not_a_document",
    "over the attachment size limit": "attachment_too_large",
    "archive nested too deep": "archive_too_deep",
    "no supported file in zip": "no_document_in_zip",
    "unreadable zip": "unreadable_zip",
    "unreadable zip member": "unreadable_zip",
    "empty zip": "empty_zip",
    OVER_LIMIT: "too_many_documents",
    "forwarded messages nested too deep": "forwarded_too_deep",
    "unreadable forwarded message": "unreadable_forwarded_message",
    "unreadable Outlook item": "unreadable_outlook_item",
}
MESSAGE_TOO_LARGE = re.compile(r"^The message was \d+ MB, over the \d+ MB we accept")  # tasks/archive.py's sentence
SHOWN_NAMES = 3  # file names in a subject line; the body lists them all


def from_the_recruiter(sender: str | None, recruiter_emails: tuple[str, ...]) -> bool:
    """The sender is the recruiter, or someone at their domain (a colleague, a shared desk), not the candidate."""
    if not sender:
        return False
    domains = {a.rpartition("@")[2].lower() for a in recruiter_emails}
    return sender.lower() in {a.lower() for a in recruiter_emails} or sender.rpartition("@")[2].lower() in domains


def report_problems(session: Session, routed: RoutedMessage) -> int:
    """Parts of a routed message that could not be used (split's problems), or no resume at all: one email, once,
    and an OpsEvent per problem in the same transaction."""
    split = routed.split
    if split is None or routed.user_id is None or routed.already_seen:
        return 0
    problems = list(split.problems)
    if not routed.documents and not problems:
        problems.append(_no_resume_sentence(split))
    if not problems:
        return 0
    bad_parts = [p for p in split.skipped if p.reason in PROBLEM_KINDS]
    not_imported = list(dict.fromkeys(p.name or p.content_type for p in bad_parts))
    shown = ", ".join(not_imported[:SHOWN_NAMES]) + (f" and {len(not_imported) - SHOWN_NAMES} more" if len(not_imported) > SHOWN_NAMES else "")
    rendered = render.render_email(
        "problems",
        original_subject=split.subject,
        sent_at=split.sent_at,
        document_name=shown or None,
        imported=[d.name for d in routed.documents],
        reasons=problems,
        notes=list(split.notes),
    )
    to = outbox.recruiter_address(session, routed.user_id)
    dedupe_key = f"message:{routed.message_sha256}:problems"
    if session.exec(select(OutboxEmail).where(OutboxEmail.dedupe_key == dedupe_key)).first() is None:
        for kind, detail in _ops_events(split, problems, bad_parts, no_resume=not routed.documents and not split.problems):
            session.add(OpsEvent(kind=kind, message_sha256=routed.message_sha256, detail=detail))
    if split.automatic is None:  # machine-sent mail is never answered (RFC 3834); operations saw the events above
        outbox.queue_email(session, dedupe_key, "failure", to, rendered)
    return len(problems)


def _no_resume_sentence(split: SplitMessage) -> str:
    """Why a message gave no document, true for what it held: skipped parts, a short note, a long non-resume text."""
    named = {p.reason for p in split.skipped if p.name}
    # A calendar invite comes as a text/calendar body part and as invite.ics: name it once.
    parts = list(dict.fromkeys(f"{p.name or p.content_type} ({p.reason})" for p in split.skipped if p.name or p.reason not in named))
    if parts:
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return f"We found no resume in this message: it held only {listed}."
    body = split.body_text.strip()
    if not body:
        return "We found no resume in this message: it had no attachment and no text in its body."
    # Judged on what the resume test saw: the body without signature, footers and quoted headers.
    why = why_not_a_resume(without_mail_parts(body, split.sender_name))
    if why == "short":
        return ("We found no resume in this message: it had no attachment, and the text in its body (without your "
                "signature and any footer) is too short to be a resume. Did you forget to attach it?")
    if why == "sections":
        return ("We found no resume in this message: it had no attachment, and the text in its body has no resume "
                "sections (such as Experience, Education or Skills).")
    return ("We found no resume in this message: it had no attachment, and the text in its body has no email address, "
            "phone number or dates, as a resume would.")


def _ops_events(split: SplitMessage, problems: list[str], bad_parts: list, *, no_resume: bool) -> list[tuple[str, str]]:
    """(kind, detail) for each problem the recruiter is told about; the documents over the limit are one event."""
    events: list[tuple[str, str]] = []
    over = [p.name or p.content_type for p in bad_parts if p.reason == OVER_LIMIT]
    if over:
        events.append(("too_many_documents", f"{len(over)} documents over the limit: {', '.join(over)}"))
    events += [(PROBLEM_KINDS[p.reason], f"{p.name or p.content_type}: {p.reason}") for p in bad_parts if p.reason != OVER_LIMIT]
    if no_resume:
        events.append(("no_resume", problems[-1]))
    if not events:  # a problem with the message itself, not one of its parts
        events += [("message_too_large" if MESSAGE_TOO_LARGE.match(p) else "unreadable_message", p) for p in problems]
    return events
