"""Rows for the action, dashboard and metrics tests: a recruiter, drafts with files and their links.

Links come from the spine's tokens.issue_link so a test clicks exactly what an email would carry.
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import unquote

from sqlmodel import Session, select

from models.db import session_scope
from models.schemas import Entry, EntriesGuess, ExtractedFields, FieldGuess, ListGuess, Options
from models.settings import Settings
from models.tables import ActionToken, Candidate, Draft, Message, OpsEvent, OutboxEmail, User
from tasks import options as option_lists
from tasks import files, tokens

ACTIONS = ("save", "review", "cancel")


def make_pdf(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    y = 800
    for i, line in enumerate(lines):
        pdf.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 18 if i == 0 else 11)
        pdf.drawString(60, y, line)
        y -= 28 if i == 0 else 16
    pdf.save()
    return buf.getvalue()


def make_fields(first="Jane", last="Doe", email="jane.doe@example.com", phone="+1 415 555 0100", *, low=()) -> ExtractedFields:
    """Fields as the extractor would give them; names in low get a low score."""

    def guess(name: str, value: str | None) -> FieldGuess:
        if value is None:
            return FieldGuess.missing()
        score = 0.35 if name in low else 0.95
        return FieldGuess(value=value, score=score, reasons=("in the header block",))

    return ExtractedFields(
        first_name=guess("first_name", first),
        last_name=guess("last_name", last),
        email=guess("email", email),
        phone=guess("phone", phone),
        phone_e164=guess("phone_e164", phone.replace(" ", "") if phone else None),
        location=guess("location", "San Francisco, CA"),
        title=guess("title", "Senior Data Engineer"),
        employer=guess("employer", "Acme Analytics"),
        links=ListGuess(values=("https://linkedin.com/in/janedoe",), score=0.9, reasons=("a LinkedIn URL",)),
        skills=ListGuess(values=("Python", "SQL", "Airflow"), score=0.8, reasons=("under Skills",)),
        education=EntriesGuess(entries=(Entry(title="BSc Computer Science", organisation="UC Davis", dates="2012 – 2016"),), score=0.7),
        experience=EntriesGuess(entries=(Entry(title="Senior Data Engineer", organisation="Acme Analytics", dates="2019 – now"),), score=0.75),
    )


def make_user(session: Session, email: str = "rita@agency.test", name: str = "Rita Recruiter", **kw) -> User:
    user = User(name=name, email=email, import_address=f"in-{hashlib.sha256(email.encode()).hexdigest()[:10]}@import.resume-inbox.local", **kw)
    session.add(user)
    session.flush()
    return user


def make_draft(
    settings: Settings,
    session: Session,
    user: User,
    fields: ExtractedFields | None = None,
    *,
    document_type: str = "pdf",
    status: str = "pending",
    created_at: datetime | None = None,
    options: Options | None = None,
) -> Draft:
    """A draft with its file under files_dir, as drafts.draft_document leaves it."""
    fields = fields or make_fields()
    first, last = fields.first_name.value or "", fields.last_name.value or ""
    lines = [f"{first} {last}".strip() or "Resume", fields.email.value or "", fields.phone.value or "", "Senior Data Engineer, Acme Analytics"]
    lines += ["", "Experience", "2019 – now  Senior Data Engineer, Acme Analytics", "", "Skills", "Python, SQL, Airflow"]
    content = make_pdf(lines) if document_type == "pdf" else "\n".join(lines).encode()
    sha = hashlib.sha256(content + str(datetime.now().timestamp()).encode()).hexdigest()
    when = created_at or datetime.now(timezone.utc)
    message = Message(sha256=sha, archive_path=f"archive/{sha}.eml", status="processed", user_id=user.id, subject=f"Fw: {first} {last} resume", sender=user.email, sent_at=when, received_at=when, processed_at=when)
    session.add(message)
    session.flush()
    name = f"{first or 'resume'}_{last or 'cv'}.{document_type}".lower()
    path = files.store_file(settings.files_dir, f"{sha}-0", name, content)
    draft = Draft(
        message_id=message.id,
        document_index=0,
        user_id=user.id,
        status=status,
        document_name=name,
        document_type=document_type,
        document_sha256=sha,
        file_path=path,
        subject=message.subject,
        sender=user.email,
        sent_at=when,
        fields=fields.model_dump(mode="json"),
        options=(options or Options.model_validate(user.last_options or {})).model_dump(mode="json"),
        text="\n".join(lines),
        created_at=when,
        parse_ms=120.0,
    )
    session.add(draft)
    session.flush()
    return draft


def make_links(session: Session, draft_id: int, ttl: timedelta = timedelta(days=14)) -> dict[str, str]:
    """action -> raw token, through the same function the confirmation email uses."""
    return {action: tokens.issue_link(session, draft_id, action, ttl) for action in ACTIONS}


def seed_home(settings: Settings) -> dict:
    """A recruiter with option lists and three pending drafts (complete, missing email, low scores)."""
    with session_scope(settings.db_url) as session:
        option_lists.seed_default_options(session)
        user = make_user(session, last_options={"source": "LinkedIn", "folders": ["Shortlist"], "jobs": ["Software Engineer"], "tags": ["Remote"]})
        make_user(session, email="sam@agency.test", name="Sam Sourcer", desktop_tools=False)
        complete = make_draft(settings, session, user)
        no_email = make_draft(settings, session, user, make_fields("Omar", "Haddad", email=None))
        low = make_draft(settings, session, user, make_fields("Li", "Wei", "li.wei@example.org", low=("first_name", "last_name")))
        links = {d.id: make_links(session, d.id) for d in (complete, no_email, low)}
        return {"user_id": user.id, "complete": complete.id, "no_email": no_email.id, "low": low.id, "links": links}


def seed_history(settings: Settings) -> None:
    """Decided drafts, emails and events, so metrics and operations have something to show."""
    with session_scope(settings.db_url) as session:
        user = session.get(User, 1) or make_user(session)
        now = datetime.now(timezone.utc)
        people = [("pdf", "Ann", 34), ("docx", "Bob", 27), ("pdf", "Cara", 20), ("txt", "Dev", 13), ("pdf", "Eve", 9), ("docx", "Finn", 6), ("pdf", "Gus", 2), ("html", "Hana", 1)]
        for i, (doc_type, first_saved, days_ago) in enumerate(people):
            when = now - timedelta(days=days_ago)
            # Every other resume had its first name misread (and scored low); the recruiter fixed it.
            misread = i % 2 == 1
            extracted_first = first_saved.lower() + "x" if misread else first_saved
            fields = make_fields(extracted_first, "Smith", f"{first_saved.lower()}@example.com", low=("first_name",) if misread else ())
            draft = make_draft(settings, session, user, fields, document_type=doc_type, status="saved", created_at=when)
            draft.decided_at = when + timedelta(minutes=30)
            saved = {"first_name": first_saved, "last_name": "Smith", "email": f"{first_saved.lower()}@example.com", "phone": "+1 (415) 555-0100", "location": "Austin, TX" if i % 3 == 0 else "San Francisco, CA", "skills": ["python", "SQL", "Airflow"]}
            session.add(Candidate(draft_id=draft.id, user_id=user.id, first_name=first_saved, last_name="Smith", email=saved["email"], fields=saved, created_at=when + timedelta(minutes=30)))
            session.add(OutboxEmail(dedupe_key=f"draft:{draft.id}:confirmation", kind="confirmation", draft_id=draft.id, to_address=user.email, subject="Resume received", body_text="...", status="sent", created_at=when, sent_at=when + timedelta(seconds=20 + 10 * i)))
        failed = make_draft(settings, session, user, make_fields(None, None, None), status="failed", created_at=now - timedelta(days=1))
        failed.error = "cv.pdf is encrypted and can't be read."
        session.add(OutboxEmail(dedupe_key="notice:bounce", kind="notice", to_address="nobody@example.invalid", subject="Notice", body_text="...", status="failed", attempts=5, last_error="550 mailbox unavailable"))
        session.add(OpsEvent(level="warning", kind="unknown_recipient", detail="mail to old-address@import.resume-inbox.local"))


LINK = re.compile(r"https?://\S+?/\?t=([A-Za-z0-9_%-]+)")


def draft_from_sample_email(settings: Settings, index: int = 0) -> dict:
    """The real pipeline, no Prefect: a generated resume email -> archive -> split -> route -> draft + confirmation.

    Returns the draft id and the raw tokens of the links as the confirmation email carries them.
    """
    from tasks import archive, drafts, route, samples, split, users
    from models.schemas import IncomingMessage

    with session_scope(settings.db_url) as session:
        option_lists.seed_default_options(session)
        user = users.create_user(session, settings.import_domain, email="dana.whitfield@example.com", name="Dana Whitfield")
        resume = [r for r in samples.sample_resumes() if r.format == "pdf"][index]
        raw = samples.resume_message(resume, user.import_address, "Dana Whitfield <dana.whitfield@example.com>", index)
        message = archive.archive_raw(session, settings.archive_dir, IncomingMessage(raw=raw, mailbox="test", key=str(index)))
        parsed = archive.split_archived(settings.archive_dir, message, split.SplitLimits.from_settings(settings), settings.max_message_bytes)
        routed = route.route_message(session, message, parsed)
        outcome = drafts.draft_document(session, settings, routed, routed.documents[0])
        email = session.exec(select(OutboxEmail).where(OutboxEmail.draft_id == outcome.draft_id, OutboxEmail.kind == "confirmation")).one()
        tokens_in_email = [unquote(t) for t in LINK.findall(email.body_text)]
        by_action = {session.exec(select(ActionToken).where(ActionToken.token_hash == tokens.hash_token(t))).one().action: t for t in tokens_in_email}
        return {"draft_id": outcome.draft_id, "person": resume.person, "links": by_action}
