"""Saved candidates that may be the same person as a new draft: same email or same phone, per recruiter."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import or_
from sqlmodel import Session, select

from models.tables import Candidate, Draft


class PossibleDuplicate(BaseModel):
    model_config = ConfigDict(frozen=True)

    candidate_id: int
    name: str
    email: str
    phone: str | None
    matched_on: str  # "email" | "phone" | "file"
    draft_id: int | None = None  # the draft it was saved from
    saved_at: datetime | None = None


def _digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")


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
    conditions = []
    if email:
        conditions.append(Candidate.email == email.strip().lower())
    if phone:
        conditions.append(Candidate.phone == phone)
    if phone_e164:
        conditions.append(Candidate.phone_e164 == phone_e164)
    if same_file:
        conditions.append(Candidate.id.in_(same_file))
    wanted_digits = {d for d in (_digits(phone), _digits(phone_e164)) if len(d) >= 7}
    query = select(Candidate).where(Candidate.user_id == user_id)
    # Phones are printed many ways ("+1 (555) 010-2000" vs "555.010.2000"): compare digit tails in Python.
    rows = session.exec(query.where(or_(*conditions)) if conditions and not wanted_digits else query).all()
    found: list[PossibleDuplicate] = []
    for c in rows:
        if email and c.email.lower() == email.strip().lower():
            matched = "email"
        elif wanted_digits and any(_same_phone(d, c) for d in wanted_digits):
            matched = "phone"
        elif c.id in same_file:
            matched = "file"
        else:
            continue
        name = f"{c.first_name} {c.last_name}".strip()
        found.append(
            PossibleDuplicate(candidate_id=c.id, name=name, email=c.email, phone=c.phone, matched_on=matched, draft_id=c.draft_id, saved_at=c.created_at)
        )
    return found


def _saved_from_file(session: Session, user_id: int, document_sha256: str) -> list[int]:
    """Ids of this recruiter's candidates saved from a draft of the same file (its email may have been edited since)."""
    query = select(Candidate.id).join(Draft, Draft.id == Candidate.draft_id)
    return list(session.exec(query.where(Candidate.user_id == user_id, Draft.document_sha256 == document_sha256)).all())


def _same_phone(digits: str, candidate: Candidate) -> bool:
    theirs = {d for d in (_digits(candidate.phone), _digits(candidate.phone_e164)) if len(d) >= 7}
    # The last 9 digits survive country-code and trunk-prefix differences (+44 20... vs 020...).
    return any(t[-9:] == digits[-9:] for t in theirs)
