"""`resume-inbox demo`: a recruiter, an inbox of realistic resume emails, one ingest + deliver, a summary.

Running it again adds nothing: the inbox files are named, the archive is keyed by sha256 and the drafts
by (message, document index).
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel
from sqlmodel import Session, select

from flows.ingest import run_ingest_once
from models.db import session_scope
from models.schemas import IngestReport, Options
from models.settings import Settings
from models.tables import Draft
from tasks import options as option_lists
from tasks import samples, tokens, users

DEMO_RECRUITER = ("dana.whitfield@example.com", "Dana Whitfield")
DEMO_OPTIONS = Options(source="Email", folders=["Inbox"], jobs=["Software Engineer"], tags=["Remote"])
LINK = re.compile(r"https?://\S+/\?t=[A-Za-z0-9_%-]+")


class DemoRow(BaseModel):
    file: str
    status: str
    first_name: tuple[str | None, float] = (None, 0.0)
    last_name: tuple[str | None, float] = (None, 0.0)
    email: tuple[str | None, float] = (None, 0.0)
    phone: tuple[str | None, float] = (None, 0.0)
    error: str | None = None


class DemoResult(BaseModel):
    import_address: str
    messages_added: int
    report: IngestReport
    rows: list[DemoRow]
    outbox_dir: Path
    outbox_files: int
    confirmations: int
    failures: int
    example_save: str | None = None
    example_review: str | None = None
    seconds: float


def run_demo(settings: Settings, corpus_dir: Path | None) -> DemoResult:
    started = time.perf_counter()
    with session_scope(settings.db_url) as session:
        option_lists.seed_default_options(session)
        user = users.create_user(session, settings.import_domain, email=DEMO_RECRUITER[0], name=DEMO_RECRUITER[1])
        users.remember_default_options(session, user.id, DEMO_OPTIONS)
        user_id, address = user.id, user.import_address
    sender = f"{DEMO_RECRUITER[1]} <{DEMO_RECRUITER[0]}>"
    messages = samples.demo_messages(address, sender, corpus_dir)
    # One message to an address nobody owns: quarantined, and (rightly) never answered.
    stranger = samples.resume_message(samples.sample_resumes(1)[0], f"nobody.x@{settings.import_domain}", "spam@example.org", 999)
    added = samples.fill_maildir(settings.inbox_dir, [*messages, ("unknown-recipient", stranger)])
    report = run_ingest_once(settings, maildir=None, deliver=True)
    with session_scope(settings.db_url) as session:
        drafts = session.exec(select(Draft).where(Draft.user_id == user_id).order_by(Draft.id)).all()
        rows = [_row(d) for d in drafts]
    outbox_files = sorted([*(settings.outbox_dir / "new").glob("*"), *(settings.outbox_dir / "cur").glob("*")])
    kinds = [_kind(p) for p in outbox_files]
    with session_scope(settings.db_url) as session:
        save, review = _example_links(session, outbox_files)
    return DemoResult(
        import_address=address,
        messages_added=added,
        report=report,
        rows=rows,
        outbox_dir=settings.outbox_dir,
        outbox_files=len(outbox_files),
        confirmations=kinds.count("confirmation"),
        failures=kinds.count("failure"),
        example_save=save,
        example_review=review,
        seconds=time.perf_counter() - started,
    )


def _row(draft: Draft) -> DemoRow:
    fields = draft.fields or {}

    def guess(name: str) -> tuple[str | None, float]:
        value = fields.get(name) or {}
        return value.get("value"), float(value.get("score") or 0.0)

    status = "duplicate" if draft.duplicate_of and draft.status == "pending" else draft.status
    return DemoRow(
        file=draft.document_name,
        status=status,
        first_name=guess("first_name"),
        last_name=guess("last_name"),
        email=guess("email"),
        phone=guess("phone"),
        error=draft.error,
    )


def _kind(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    found = re.search(r"^X-Resume-Inbox-Kind: (\w+)", head, re.M)
    return found.group(1) if found else "unknown"


def _example_links(session: Session, paths: list[Path]) -> tuple[str | None, str | None]:
    """A Save and a Review link, read back from the outbox, of the first confirmation whose links are still unused.

    A re-run of the demo finds the same confirmations: links used since then would only show "already used".
    """
    import email
    from email import policy

    for path in paths:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if message["X-Resume-Inbox-Kind"] != "confirmation":
            continue
        text = message.get_body(("plain",)).get_content()
        save = re.search(r"^Save:\s+(\S+)", text, re.M)
        review = re.search(r"^Review:\s+(\S+)", text, re.M)
        if save and review and _usable(session, save.group(1)) and _usable(session, review.group(1)):
            return save.group(1), review.group(1)
    return None, None


def _usable(session: Session, url: str) -> bool:
    """The link's token exists, is unused and unexpired, and its draft still awaits a decision."""
    raw = parse_qs(urlsplit(url).query).get("t", [""])[0]
    token = tokens.find_token(session, raw)
    if token is None or token.used_at is not None or _aware(token.expires_at) <= datetime.now(timezone.utc):
        return False
    draft = session.get(Draft, token.draft_id)
    return draft is not None and draft.status == "pending"


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value
