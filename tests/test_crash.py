"""Issue 5: kill the ingest process at each step, restart it, and every resume still has exactly one draft and
one confirmation email. The process is `resume-inbox ingest` in a subprocess, killed with SIGKILL by the
RESUME_INBOX_CRASH_AT hook (tasks/crashpoints.py); it shares the session's Prefect harness via PREFECT_API_URL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import select

from models.db import session_scope
from models.settings import Settings
from models.tables import Draft, Message, OutboxEmail, utcnow
from tasks import samples, users
from tests.factories import make_message

RESUME_INBOX = Path(sys.executable).parent / "resume-inbox"
# "point:n" kills the process the n-th time it reaches point, so some work is done and some is not. One kill
# after another on the same data: each restart starts from what the previous kill left behind.
CRASH_POINTS = ["after_archive:2", "after_draft:2", "after_email_queued:1", "before_mark_done:1", "after_send:2"]


def fill_inbox(settings: Settings, inbox: Path) -> int:
    """Three messages, four resumes: one PDF, one message with a .txt and a .docx, one pasted into the body."""
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    pdf, docx, txt, body = (samples.make_resume(samples.PEOPLE[i], fmt) for i, fmt in enumerate(("pdf", "docx", "txt", "body")))
    two = make_message(to=user.import_address, files=[(txt.filename, txt.content), (docx.filename, docx.content)])
    samples.fill_maildir(inbox, [
        ("one", samples.resume_message(pdf, user.import_address, "Dana <dana@agency.example>", 1)),
        ("two", two.as_bytes()),
        ("body", samples.resume_message(body, user.import_address, "Dana <dana@agency.example>", 3)),
    ])
    return 4


def ingest(settings: Settings, inbox: Path, api_url: str, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "RESUME_INBOX_HOME": str(settings.home),
        "RESUME_INBOX_DATABASE_URL": settings.database_url,
        "RESUME_INBOX_DASHBOARD_URL": settings.dashboard_url,
        "PREFECT_API_URL": api_url,
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    env.pop("RESUME_INBOX_CRASH_AT", None)
    if crash_at:
        env["RESUME_INBOX_CRASH_AT"] = crash_at
    return subprocess.run([str(RESUME_INBOX), "ingest", "--maildir", str(inbox)], env=env, capture_output=True, text=True, timeout=300)


def assert_exactly_once(settings: Settings, inbox: Path, resumes: int) -> None:
    with session_scope(settings.db_url) as session:
        drafts = session.exec(select(Draft)).all()
        keys = Counter((d.message_id, d.document_index) for d in drafts)
        emails = session.exec(select(OutboxEmail)).all()
        assert len(drafts) == resumes and set(keys.values()) == {1}
        assert all(d.status == "pending" for d in drafts), [(d.document_name, d.error) for d in drafts]
        assert Counter(e.draft_id for e in emails if e.kind == "confirmation") == Counter(d.id for d in drafts)
        assert {e.status for e in emails} == {"sent"}
        assert len(session.exec(select(Message)).all()) == 3
        assert {m.status for m in session.exec(select(Message)).all()} == {"processed"}
    delivered = [*(settings.outbox_dir / "new").iterdir(), *(settings.outbox_dir / "cur").iterdir()]
    assert len(delivered) == resumes, "one confirmation file per resume in the outbox Maildir"
    assert not list((inbox / "new").iterdir()), "every message marked done"
    assert len(list(settings.files_dir.rglob("*.*"))) == resumes, "one stored file per draft, no leftovers"


def crash_then_recover(settings: Settings, inbox: Path, api_url: str) -> None:
    for point in CRASH_POINTS:
        crashed = ingest(settings, inbox, api_url, crash_at=point)
        assert crashed.returncode == -signal.SIGKILL, f"{point} did not kill the process:\n{crashed.stdout}\n{crashed.stderr}"
    # A sender killed mid-send holds its claim for outbox.CLAIM_LEASE (5 minutes): let that time pass.
    with session_scope(settings.db_url) as session:
        session.exec(update(OutboxEmail).where(OutboxEmail.locked_until.is_not(None)).values(locked_until=utcnow()))
    finished = ingest(settings, inbox, api_url)
    assert finished.returncode == 0, finished.stdout + finished.stderr


def test_sqlite_killed_at_every_step_recovers_to_one_draft_and_one_email_per_resume(settings, tmp_path, prefect_api_url):
    inbox = tmp_path / "inbox"
    resumes = fill_inbox(settings, inbox)
    crash_then_recover(settings, inbox, prefect_api_url)
    assert_exactly_once(settings, inbox, resumes)


@pytest.mark.postgres
def test_postgres_killed_at_every_step_recovers_to_one_draft_and_one_email_per_resume(pg_settings, tmp_path, prefect_api_url):
    inbox = tmp_path / "inbox"
    resumes = fill_inbox(pg_settings, inbox)
    crash_then_recover(pg_settings, inbox, prefect_api_url)
    assert_exactly_once(pg_settings, inbox, resumes)
