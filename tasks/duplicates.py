"""Saved candidates that may be the same person as a new draft: same email or same phone, per recruiter."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import or_
from sqlmodel import Session, select

from models.tables import Candidate, Draft
from tasks.fields_phone import split_extension


class PossibleDuplicate(BaseModel):
    model_config = ConfigDict(frozen=True)

    candidate_id: int
    name: str
    email: str
    phone: str | None
    matched_on: str  # "email" | "phone" | "file"
    draft_id: int | None = None  # the draft it was saved from
    saved_at: datetime | None = None


def possible_duplicates(
    session: Session,
    user_id: int,
    email: str | None,
    phone: str | None,
    phone_e164: str | None = None,
    *,
    document_sha256: str | None = None,
) -> list[PossibleDuplicate]:
    """Candidates this recruiter saved with the same email (case-insensitive), phone (same digits) or, given
    document_sha256, from the very same file."""
    same_file = set(_saved_from_file(session, user_id, document_sha256)) if document_sha256 else set()
    phone_keys = {key for key in (phone_key(phone), phone_key(phone_e164)) if key}
    conditions = []
    if email:
        conditions.append(Candidate.email == email.strip().lower())
    if phone_keys:
        conditions.append(Candidate.phone_key.in_(phone_keys))
    if same_file:
        conditions.append(Candidate.id.in_(same_file))
    if not conditions:
        return []
    rows = session.exec(select(Candidate).where(Candidate.user_id == user_id, or_(*conditions)).order_by(Candidate.id)).all()
    found: list[PossibleDuplicate] = []
    for c in rows:
        if email and c.email == email.strip().lower():
            matched = "email"
        elif c.phone_key and c.phone_key in phone_keys:
            matched = "phone"
        else:
            matched = "file"
        name = f"{c.first_name} {c.last_name}".strip()
        found.append(
            PossibleDuplicate(candidate_id=c.id, name=name, email=c.email, phone=c.phone, matched_on=matched, draft_id=c.draft_id, saved_at=c.created_at)
        )
    return found


def phone_key(phone: str | None) -> str | None:
    """The last 9 digits of a phone number: they survive country-code and trunk-prefix differences
    (+44 20 7946 0000 vs 020 7946 0000). None for fewer than 7 digits (not a phone)."""
    number, _ = split_extension(phone or "")  # '212-555-0198 ext. 204' is the same line as 212-555-0198
    digits = re.sub(r"\D", "", number)
    return digits[-9:] if len(digits) >= 7 else None


def _saved_from_file(session: Session, user_id: int, document_sha256: str) -> list[int]:
    """Ids of this recruiter's candidates saved from a draft of the same file (its email may have been edited since)."""
    query = select(Candidate.id).join(Draft, Draft.id == Candidate.draft_id)
    return list(session.exec(query.where(Candidate.user_id == user_id, Draft.document_sha256 == document_sha256)).all())
