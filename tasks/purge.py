"""Drafts nobody decided on: past settings.retention_days their file, text and links are removed."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import delete
from sqlmodel import Session, select

from models.tables import ActionToken, Draft, OpsEvent, utcnow
from tasks import files

log = logging.getLogger(__name__)

PURGEABLE = ("pending", "failed")


class PurgeReport(BaseModel):
    drafts: int = 0
    files: int = 0
    cutoff: datetime

    def summary(self) -> str:
        return f"{self.drafts} drafts and {self.files} files purged (pending since before {self.cutoff:%d %b %Y})"


def purge_expired(session: Session, files_dir: Path, retention_days: int, now: datetime | None = None) -> PurgeReport:
    """Pending or failed drafts created before now - retention_days -> status 'purged', file and links gone.

    The row stays (status 'purged', personal data cleared) so an old link says "removed from temporary
    storage" instead of "never issued", and the message's (sha256, index) key still stops a re-import.
    """
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    stale = session.exec(select(Draft).where(Draft.status.in_(PURGEABLE), Draft.created_at < cutoff)).all()
    report = PurgeReport(cutoff=cutoff)
    doomed: list[str] = []
    for draft in stale:
        if draft.file_path:
            doomed.append(draft.file_path)
        log.info("purging draft %d (%s, %s since %s)", draft.id, draft.document_name, draft.status, draft.created_at)
        draft.status, draft.file_path, draft.text, draft.fields, draft.decided_at = "purged", None, "", {}, utcnow()
        session.add(draft)
        session.exec(delete(ActionToken).where(ActionToken.draft_id == draft.id))
        report.drafts += 1
    if report.drafts:
        session.add(OpsEvent(level="info", kind="purge", detail=f"{report.drafts} drafts older than {retention_days} days purged"))
    session.commit()
    # Files go after the commit: a rolled-back purge must not leave pending drafts without their files.
    report.files = sum(files.remove_file(files_dir, path) for path in doomed)
    log.info("purge: %d drafts, %d files older than %s removed", report.drafts, report.files, cutoff.isoformat())
    return report
