"""Step 3: whose import address a message reached. Unknown or retired address: quarantined, never answered."""

from __future__ import annotations

import logging

from sqlmodel import Session, select

from models.schemas import RoutedMessage, SplitMessage
from models.tables import Message, OpsEvent, RetiredAddress, User, utcnow
from tasks import outbox, render
from tasks.mime import AUTOMATIC_MAIL
from tasks.users import confirmation_address_of

log = logging.getLogger(__name__)

# Our own emails, bounces and out-of-office replies carry no resume a recruiter sent; importing them would
# answer them. Other machine-sent mail (a job board's "new applicant" with a CV) is imported, never answered.
NEVER_IMPORTED = {"ours", "bounce", "auto_reply"}


def route_message(session: Session, message: Message, split: SplitMessage, our_address: str | None = None) -> RoutedMessage:
    """Message + its parsed headers -> the recruiter it belongs to and its documents, or quarantine.

    A message to an unknown address gets no reply: answering would confirm to a stranger that the
    domain takes mail. A retired address's former owner gets one notice (to their own confirmation
    address, never to the sender).
    """
    message.subject = (split.subject or "")[:500] or None
    message.sender = split.sender
    message.sent_at = split.sent_at
    already_seen = message.processed_at is not None
    recipients = _with_base_addresses(split.recipients)
    # Our From: address counts too: a forward can drop our X-Resume-Inbox-Kind and Auto-Submitted headers.
    automatic = "ours" if our_address and split.sender == our_address.lower() else split.automatic
    if automatic in NEVER_IMPORTED:
        return _quarantine(session, message, split, f"{AUTOMATIC_MAIL[automatic]}: not imported, not answered",
                           kind="automatic_mail", already_seen=already_seen)
    owners = {u.import_address: u for u in session.exec(select(User).where(User.import_address.in_(recipients)))} if recipients else {}
    matched = [owners[r] for r in recipients if r in owners]
    user = matched[0] if matched else None
    if user is not None:
        if len(matched) > 1 and not already_seen:
            others = ", ".join(f"{u.name} ({u.import_address})" for u in matched[1:])
            session.add(OpsEvent(kind="several_recruiters", message_sha256=message.sha256,
                                 detail=f"also addressed to {others}: imported for {user.name} only"))
        message.user_id = user.id
        message.status = "processed" if already_seen else "routed"
        session.add(message)
        return RoutedMessage(
            message_id=message.id,
            message_sha256=message.sha256,
            status=message.status,
            user_id=user.id,
            # A processed message was fully drafted before: never again, even if a newer split finds more.
            documents=() if already_seen else split.documents,
            split=split,
            already_seen=already_seen,
        )
    retired = session.exec(select(RetiredAddress).where(RetiredAddress.address.in_(recipients))).first() if recipients else None
    reason = f"sent to a retired import address ({retired.address})" if retired else f"no recruiter owns {', '.join(recipients) or 'any recipient'}"
    routed = _quarantine(session, message, split, reason, kind="retired_address" if retired else "unknown_recipient",
                         already_seen=already_seen)
    if retired is not None and split.automatic is None:
        _notify_former_owner(session, message, split, retired)
    return routed


def _quarantine(session: Session, message: Message, split: SplitMessage, reason: str, *, kind: str, already_seen: bool) -> RoutedMessage:
    """Kept (archived) but not imported; operations hear of it once."""
    first_time = message.status != "quarantined"
    message.status, message.error = "quarantined", reason
    session.add(message)
    if first_time:
        session.add(OpsEvent(kind=kind, message_sha256=message.sha256, detail=f"from {split.sender}: {reason}"))
        log.warning("message %s quarantined: %s", message.sha256[:12], reason)
    return RoutedMessage(
        message_id=message.id, message_sha256=message.sha256, status="quarantined", reason=reason, split=split, already_seen=already_seen
    )


def _with_base_addresses(recipients: tuple[str, ...]) -> list[str]:
    """Lower-cased recipients plus each one without a +tag: dana.x+acme@... is still dana.x@..."""
    found: list[str] = []
    for address in (r.strip().lower() for r in recipients):
        local, at, domain = address.partition("@")
        for candidate in (address, f"{local.split('+', 1)[0]}{at}{domain}"):
            if candidate not in found:
                found.append(candidate)
    return found


def _notify_former_owner(session: Session, message: Message, split: SplitMessage, retired: RetiredAddress) -> None:
    owner = session.get(User, retired.user_id)
    rendered = render.render_email(
        "notice",
        address=retired.address,
        retired_at=retired.retired_at,
        original_subject=split.subject,
        sender=split.sender,
        sent_at=split.sent_at,
        current_address=owner.import_address,
    )
    outbox.queue_email(session, f"message:{message.sha256}:retired", "notice", confirmation_address_of(owner), rendered)


def finish_message(session: Session, message_id: int) -> Message:
    """Every document of a routed message is drafted: mark it processed (quarantined ones keep their status)."""
    message = session.get(Message, message_id)
    if message.status == "routed":
        message.status = "processed"
    message.processed_at = message.processed_at or utcnow()
    session.add(message)
    return message
