"""What a recruiter's click does: Save, Cancel, Review. The link page, the Review page and the CLI all call these.

Each state change and the email it causes share one commit. A conditional UPDATE (status = 'pending')
is the single gate: of two clicks racing on one draft exactly one changes a row, the other gets
LinkNotUsable and changes nothing, sends nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, Field
from sqlalchemy import update
from sqlmodel import Session, select

from models.db import session_scope
from models.schemas import KEY_FIELDS, ExtractedFields, Options
from models.settings import Settings
from models.tables import ActionToken, Candidate, Draft, User, utcnow
from tasks import duplicates, files, outbox, tokens, users
from tasks import options as option_lists
from tasks.duplicates import PossibleDuplicate
from tasks.errors import InboxProblem, LinkNotUsable

log = logging.getLogger(__name__)

LOW_SCORE = 0.6  # below this a field is highlighted on the Review page for a second look
SCALAR_FIELDS = ("first_name", "last_name", "email", "phone", "location", "title", "employer")
LIST_FIELDS = ("links", "skills")
ENTRY_FIELDS = ("education", "experience")
FIELD_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone": "Phone",
    "location": "Location",
    "title": "Current title",
    "employer": "Current employer",
    "links": "Links",
    "skills": "Skills",
    "education": "Education",
    "experience": "Experience",
}


class IncompleteCandidate(InboxProblem):
    """A save without first name, last name or a valid email. problems maps field -> sentence."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(" ".join(problems.values()))


# ---------- values pages and flows exchange ----------


class CandidateFields(BaseModel):
    """What the recruiter keeps: the extracted values as edited (plain values, no scores)."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    location: str = ""
    title: str = ""
    employer: str = ""
    links: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    education: list[str] = Field(default_factory=list)  # one entry per item, as one line of text
    experience: list[str] = Field(default_factory=list)

    @classmethod
    def from_extracted(cls, fields: ExtractedFields) -> CandidateFields:
        def entry_line(entry) -> str:
            parts = [entry.title, entry.organisation, entry.dates]
            return " · ".join(p for p in parts if p) or entry.text.strip()

        values = {name: getattr(fields, name).value or "" for name in SCALAR_FIELDS}
        values |= {name: list(getattr(fields, name).values) for name in LIST_FIELDS}
        values |= {name: [entry_line(e) for e in getattr(fields, name).entries] for name in ENTRY_FIELDS}
        return cls(**values)

    def cleaned(self) -> CandidateFields:
        """Whitespace trimmed, empty list items dropped, the email normalised when it is valid."""
        data = {name: " ".join(getattr(self, name).split()) for name in SCALAR_FIELDS}
        for name in (*LIST_FIELDS, *ENTRY_FIELDS):
            data[name] = [" ".join(v.split()) for v in getattr(self, name) if v.strip()]
        try:
            data["email"] = validate_email(data["email"], check_deliverability=False).normalized
        except EmailNotValidError:
            pass  # problems() names it
        return CandidateFields(**data)

    def problems(self) -> dict[str, str]:
        """Field -> one sentence, for each reason this can't be saved yet; empty when it can."""
        found: dict[str, str] = {}
        if not self.first_name.strip():
            found["first_name"] = "The first name is missing."
        if not self.last_name.strip():
            found["last_name"] = "The last name is missing."
        if not self.email.strip():
            found["email"] = "The email address is missing."
        else:
            try:
                validate_email(self.email.strip(), check_deliverability=False)
            except EmailNotValidError as e:
                found["email"] = f"“{self.email.strip()}” is not a valid email address ({e})."
        return found


class DraftView(BaseModel):
    """Everything the Review page shows about one draft; pages get this, never a row."""

    draft_id: int
    status: str
    recruiter_name: str
    recruiter_email: str
    email_to: str  # where this draft's emails go: the confirmation address
    subject: str | None = None
    sender: str | None = None
    sent_at: datetime | None = None
    received_at: datetime
    document_name: str
    document_type: str | None = None
    file_path: str | None = None  # absolute; None once the file is gone
    text: str = ""
    notes: list[str] = Field(default_factory=list)
    fields: ExtractedFields
    values: CandidateFields  # the extracted values, ready to edit
    low_score: list[str] = Field(default_factory=list)  # field names under LOW_SCORE
    options: Options  # pre-filled: the draft's own (the recruiter's last used when it was drafted)
    option_lists: option_lists.OptionLists
    duplicates: list[PossibleDuplicate] = Field(default_factory=list)  # saved candidates with the same email or phone
    same_file_sent_at: datetime | None = None  # this very file arrived before (Draft.duplicate_of)
    expires_at: datetime | None = None

    @property
    def candidate_name(self) -> str:
        return " ".join(v for v in (self.values.first_name, self.values.last_name) if v) or self.document_name


class LinkOutcome(BaseModel):
    """What a link did (or, for Cancel before its confirming click, would do)."""

    action: Literal["save", "cancel", "review"]
    state: Literal["saved", "removed", "confirm_cancel", "review"]
    message: str  # one sentence for the page headline
    draft_id: int
    candidate_id: int | None = None
    view: DraftView | None = None  # for review and confirm_cancel
    document_name: str | None = None
    saved: CandidateFields | None = None  # what was saved, for the page's summary
    options: Options | None = None
    email_to: str | None = None  # where the "saved" / "cancelled" email goes


# ---------- the link page ----------


def apply_link(settings: Settings, raw_token: str, *, confirmed: bool) -> LinkOutcome:
    """Carry out the link's action, or return the review view.

    Save runs as soon as the page runs: a scanner's GET never runs the page's script, so reaching
    this call already means a browser. Cancel deletes the resume, so it runs only with
    confirmed=True (the page's one confirming click). A save link whose draft lacks a key field, or
    whose candidate this recruiter already saved (same email, phone or file), returns the review view
    instead, with the reason.
    """
    with session_scope(settings.db_url) as session:
        token, draft = _usable(session, raw_token)
        action = token.action
        if action == "review":
            return LinkOutcome(action="review", state="review", message="Review the resume, then save or cancel.", draft_id=draft.id, view=_view(settings, session, draft, token))
        if action == "cancel" and not confirmed:
            view = _view(settings, session, draft, token)
            return LinkOutcome(action="cancel", state="confirm_cancel", message=f"Remove the resume of {view.candidate_name}?", draft_id=draft.id, view=view)
        draft_id, document_name = draft.id, draft.document_name
        email_to = users.confirmation_address_of(session.get(User, draft.user_id))
        stored_options = Options.model_validate(draft.options or {})
        edits = CandidateFields.from_extracted(ExtractedFields.model_validate(draft.fields or {}))
        if action == "save" and edits.problems():
            view = _view(settings, session, draft, token)
            missing = " ".join(edits.problems().values())
            return LinkOutcome(action="save", state="review", message=f"{missing} Fill it in below, then save.", draft_id=draft_id, view=view)
        # One click must not silently save the same person twice: the recruiter decides on the Review page,
        # whose Save then saves deliberately.
        if action == "save" and (earlier := _duplicates(session, draft, ExtractedFields.model_validate(draft.fields or {}))):
            view = _view(settings, session, draft, token)
            return LinkOutcome(action="save", state="review", message=duplicate_sentence(earlier), draft_id=draft_id, view=view)
        if action not in ("save", "cancel"):
            raise LinkNotUsable("This link is not valid: open it again from your confirmation email.")

    if action == "save":
        candidate = save_draft(settings, draft_id, edits, stored_options, via_token=raw_token)
        return LinkOutcome(
            action="save",
            state="saved",
            message=f"Candidate {candidate.first_name} {candidate.last_name} saved.",
            draft_id=draft_id,
            candidate_id=candidate.id,
            document_name=document_name,
            saved=CandidateFields.model_validate(candidate.fields),
            options=Options.model_validate(candidate.options),
            email_to=email_to,
        )
    cancel_draft(settings, draft_id, via_token=raw_token)
    return LinkOutcome(action="cancel", state="removed", message="Resume removed.", draft_id=draft_id, document_name=document_name, email_to=email_to)


def review_view(settings: Settings, raw_token: str) -> DraftView:
    """The Review page's content for any usable link of a pending draft."""
    with session_scope(settings.db_url) as session:
        token, draft = _usable(session, raw_token)
        return _view(settings, session, draft, token)


# ---------- the two decisions ----------


def save_draft(settings: Settings, draft_id: int, edits: CandidateFields | dict, options: Options | dict, via_token: str | None = None) -> Candidate:
    """Pending draft -> Candidate with its file and options, in one commit with the "saved" email,
    the recruiter's last used options and every link of the draft marked used.

    The file stays where it is: the draft is no longer pending, so the purge leaves it alone, and
    no file move can disagree with a rolled-back commit.
    """
    edits = CandidateFields.model_validate(edits).cleaned()
    options = Options.model_validate(options)
    if problems := edits.problems():
        raise IncompleteCandidate(problems)
    with session_scope(settings.db_url) as session:
        draft = _pending_draft(session, draft_id, via_token)
        now = utcnow()
        _claim(session, draft_id, "saved", now)
        options = _remember_options(session, draft.user_id, options)
        draft = _reread(session, draft)
        extracted = ExtractedFields.model_validate(draft.fields or {})
        candidate = Candidate(
            draft_id=draft_id,
            user_id=draft.user_id,
            first_name=edits.first_name,
            last_name=edits.last_name,
            email=edits.email.lower(),  # duplicates.py matches emails case-insensitively on the stored lower case
            phone=edits.phone or None,
            phone_e164=(e164 := _e164(edits.phone, extracted)),
            phone_key=duplicates.phone_key(e164 or edits.phone),
            location=edits.location or None,
            fields=edits.model_dump(mode="json"),
            options=options.model_dump(mode="json"),
            file_path=draft.file_path,
            created_at=now,
        )
        session.add(candidate)
        session.flush()
        # The email says what was saved (edits and chosen options), not what was extracted.
        email = outbox.email_for(session, draft, "saved", name=f"{candidate.first_name} {candidate.last_name}", email=candidate.email, options=options.model_dump(mode="json"))
        log.info("draft %s saved as candidate %s", draft_id, candidate.id)
        email_id = email.id
    outbox.send_now(settings, email_id)  # after the commit: the email never runs ahead of the saved candidate
    return candidate


def cancel_draft(settings: Settings, draft_id: int, via_token: str | None = None) -> None:
    """Pending draft -> cancelled, its links used and the "cancelled" email queued in one commit; then the file goes."""
    with session_scope(settings.db_url) as session:
        draft = _pending_draft(session, draft_id, via_token)
        doomed = draft.file_path
        _claim(session, draft_id, "cancelled", utcnow(), file_path=None)
        draft = _reread(session, draft)
        email_id = outbox.email_for(session, draft, "cancelled").id
    # Deleted after the commit: a failed commit must never leave a pending draft without its file.
    files.remove_file(settings.files_dir, doomed)
    log.info("draft %s cancelled", draft_id)
    outbox.send_now(settings, email_id)


# ---------- helpers: one gate, one sentence per reason a link can't be used ----------


def _usable(session: Session, raw_token: str) -> tuple[ActionToken, Draft]:
    """The token and its pending draft, or LinkNotUsable with the sentence for the recruiter."""
    token = tokens.find_token(session, raw_token) if raw_token else None
    draft = session.get(Draft, token.draft_id) if token is not None else None
    if token is None or draft is None:
        raise LinkNotUsable("This link is not valid. It may be incomplete: open it again from your confirmation email.")
    if draft.status != "pending":
        raise LinkNotUsable(_decided_sentence(session, draft))
    if token.used_at is not None:
        raise LinkNotUsable(f"This link was already used on {tokens.when_text(token.used_at)}.")
    if _aware(token.expires_at) <= utcnow():
        raise LinkNotUsable(
            f"This link expired on {tokens.when_text(token.expires_at)}. Send the resume to your import address again for new links."
        )
    return token, draft


def _pending_draft(session: Session, draft_id: int, via_token: str | None) -> Draft:
    """The draft, checked through the link that asked for the change (when one did)."""
    if via_token is not None:
        token, draft = _usable(session, via_token)
        if token.draft_id != draft_id:
            raise LinkNotUsable("This link belongs to another resume. Open the link from its own confirmation email.")
        return draft
    draft = session.get(Draft, draft_id)
    if draft is None:
        raise LinkNotUsable("This resume is no longer available.")
    if draft.status != "pending":
        raise LinkNotUsable(_decided_sentence(session, draft))
    return draft


def _claim(session: Session, draft_id: int, status: str, now: datetime, **values) -> None:
    """The race gate: only the transaction that still sees 'pending' moves the draft; the loser says why."""
    result = session.execute(
        update(Draft).where(Draft.id == draft_id, Draft.status == "pending").values(status=status, decided_at=now, **values)
    )
    if result.rowcount != 1:
        draft = _reread(session, session.get(Draft, draft_id))
        raise LinkNotUsable(_decided_sentence(session, draft))
    session.execute(update(ActionToken).where(ActionToken.draft_id == draft_id, ActionToken.used_at.is_(None)).values(used_at=now))


def _reread(session: Session, draft: Draft) -> Draft:
    """The row as the database has it now (the identity map may hold what we read before the UPDATE)."""
    return session.exec(select(Draft).where(Draft.id == draft.id).execution_options(populate_existing=True)).one()


def _decided_sentence(session: Session, draft: Draft) -> str:
    when = tokens.when_text(draft.decided_at) if draft.decided_at else None
    if draft.status == "saved":
        return f"This candidate was already saved on {when}." if when else "This candidate was already saved."
    if draft.status == "cancelled":
        return f"This resume was already removed on {when}." if when else "This resume was already removed."
    if draft.status == "failed":
        return "This resume could not be read, so there is nothing to save or remove."
    if draft.status == "purged":
        return f"This resume was removed from temporary storage on {when}: nobody saved it in time." if when else "This resume was removed from temporary storage: nobody saved it in time."
    return "This resume is no longer waiting for a decision."


def _remember_options(session: Session, user_id: int, options: Options) -> Options:
    """Names new to a list join it (the Review page accepts new ones); the result becomes the recruiter's last used."""
    cleaned = Options(
        source=option_lists.add_option(session, "source", options.source) if options.source and options.source.strip() else None,
        folders=[option_lists.add_option(session, "folder", n) for n in options.folders if n.strip()],
        jobs=[option_lists.add_option(session, "job", n) for n in options.jobs if n.strip()],
        tags=[option_lists.add_option(session, "tag", n) for n in options.tags if n.strip()],
    )
    user = session.get(User, user_id)
    user.last_options = cleaned.model_dump(mode="json")
    session.add(user)
    return cleaned


def _e164(phone: str, extracted: ExtractedFields) -> str | None:
    """Keep the extracted E.164 form while the phone is unchanged; an edited one gets it only when it says its country."""
    if not phone:
        return None
    if phone == (extracted.phone.value or ""):
        return extracted.phone_e164.value
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if phonenumbers.is_possible_number(number) else None


def _view(settings: Settings, session: Session, draft: Draft, token: ActionToken | None = None) -> DraftView:
    user = session.get(User, draft.user_id)
    fields = ExtractedFields.model_validate(draft.fields or {})
    values = CandidateFields.from_extracted(fields)
    # Flag what needs a look: a doubtful value, or a missing key field; an absent optional list is not a doubt.
    low = [
        name
        for name in (*SCALAR_FIELDS, *LIST_FIELDS, *ENTRY_FIELDS)
        if getattr(fields, name).score < LOW_SCORE and (getattr(values, name) or name in KEY_FIELDS)
    ]
    return DraftView(
        draft_id=draft.id,
        status=draft.status,
        recruiter_name=user.name,
        recruiter_email=user.email,
        email_to=users.confirmation_address_of(user),
        subject=draft.subject,
        sender=draft.sender,
        sent_at=_aware(draft.sent_at) if draft.sent_at else None,
        received_at=_aware(draft.created_at),
        document_name=draft.document_name,
        document_type=draft.document_type,
        file_path=str(_absolute(settings, draft.file_path)) if draft.file_path else None,
        text=draft.text or "",
        notes=[str(n) for n in draft.notes or []],
        fields=fields,
        values=values,
        low_score=low,
        options=Options.model_validate(draft.options or user.last_options or {}),
        option_lists=option_lists.list_options(session),
        duplicates=_duplicates(session, draft, fields),
        same_file_sent_at=_aware(earlier.created_at) if draft.duplicate_of and (earlier := session.get(Draft, draft.duplicate_of)) else None,
        expires_at=_aware(token.expires_at) if token else None,
    )


def duplicate_sentence(earlier: list[PossibleDuplicate]) -> str:
    """Why a one-click Save opened the Review page instead: who was saved already, when, and what matched."""
    first = earlier[0]
    contact = f" ({first.email})" if first.email else ""
    when = f" on {tokens.when_text(first.saved_at)}" if first.saved_at else ""
    others = len(earlier) - 1
    more = f" (and {others} other saved candidate{'s' if others > 1 else ''})" if others else ""
    return (
        f"Not saved yet: you already saved {first.name}{contact}{when}{more}, with the same {first.matched_on}. "
        "Compare below, then Save candidate to keep both, or Cancel resume to drop this one."
    )


def _duplicates(session: Session, draft: Draft, fields: ExtractedFields) -> list[PossibleDuplicate]:
    found = duplicates.possible_duplicates(
        session, draft.user_id, fields.email.value, fields.phone.value, fields.phone_e164.value, document_sha256=draft.document_sha256
    )
    # A candidate of this very draft is a racing click that already won: that click's loss is LinkNotUsable, not a duplicate.
    return [d for d in found if d.draft_id != draft.id]


def _absolute(settings: Settings, path: str) -> Path:
    return files.file_path(settings.files_dir, path)


def _aware(when: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
