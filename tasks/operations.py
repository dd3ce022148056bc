"""Figures operations watch: message and draft states, backlog, failures, latency, flow runs."""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, select

from models.db import session_scope
from models.settings import Settings
from models.tables import Draft, FlowRun, Message, OpsEvent, OutboxEmail, utcnow


class Backlog(BaseModel):
    pending_drafts: int = 0  # waiting for the recruiter's Save / Cancel
    oldest_pending_draft: datetime | None = None
    queued_emails: int = 0  # waiting for the deliver flow
    oldest_queued_email: datetime | None = None
    failed_emails: int = 0
    failed_drafts: int = 0
    quarantined_messages: int = 0




def counts_by_status(settings: Settings) -> pd.DataFrame:
    """Rows: what (messages, drafts, emails) and status, with how many."""
    rows = []
    with session_scope(settings.db_url) as session:
        for what, table in (("messages", Message), ("drafts", Draft), ("emails", OutboxEmail)):
            for status, count in session.exec(select(table.status, func.count()).group_by(table.status)).all():
                rows.append({"what": what, "status": status, "count": int(count)})
    return pd.DataFrame(rows, columns=["what", "status", "count"])


def backlog(settings: Settings) -> Backlog:
    with session_scope(settings.db_url) as session:

        def count(table, *where) -> int:
            return int(session.exec(select(func.count()).select_from(table).where(*where)).one())

        def oldest(column, *where) -> datetime | None:
            value = session.exec(select(func.min(column)).where(*where)).one()
            return _utc(value) if value else None

        return Backlog(
            pending_drafts=count(Draft, Draft.status == "pending"),
            oldest_pending_draft=oldest(Draft.created_at, Draft.status == "pending"),
            queued_emails=count(OutboxEmail, OutboxEmail.status == "queued"),
            oldest_queued_email=oldest(OutboxEmail.created_at, OutboxEmail.status == "queued"),
            failed_emails=count(OutboxEmail, OutboxEmail.status == "failed"),
            failed_drafts=count(Draft, Draft.status == "failed"),
            quarantined_messages=count(Message, Message.status == "quarantined"),
        )


def failures(settings: Settings, limit: int = 100) -> pd.DataFrame:
    """Newest first: failed drafts, failed emails and operations events, one table."""
    rows = []
    with session_scope(settings.db_url) as session:
        for draft in session.exec(select(Draft).where(Draft.status == "failed").order_by(Draft.created_at.desc()).limit(limit)).all():
            rows.append({"at": _utc(draft.created_at), "level": "warning", "kind": "draft failed", "detail": f"{draft.document_name}: {draft.error or 'no reason recorded'}"})
        for email in session.exec(select(OutboxEmail).where(OutboxEmail.status == "failed").order_by(OutboxEmail.created_at.desc()).limit(limit)).all():
            rows.append({"at": _utc(email.created_at), "level": "error", "kind": "email failed", "detail": f"{email.kind} to {email.to_address} after {email.attempts} attempts: {email.last_error or 'no error recorded'}"})
        for event in session.exec(select(OpsEvent).order_by(OpsEvent.at.desc()).limit(limit)).all():
            rows.append({"at": _utc(event.at), "level": event.level, "kind": event.kind, "detail": event.detail})
    frame = pd.DataFrame(rows, columns=["at", "level", "kind", "detail"])
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame.sort_values("at", ascending=False, ignore_index=True).head(limit)


def latency(settings: Settings) -> pd.DataFrame:
    """Per draft: message received -> its first confirmation (or failure) email sent, in seconds."""
    rows = []
    with session_scope(settings.db_url) as session:
        query = (
            select(Message.received_at, OutboxEmail.sent_at, Draft.id, Draft.document_type)
            .join(Draft, Draft.message_id == Message.id)
            .join(OutboxEmail, OutboxEmail.draft_id == Draft.id)
            .where(OutboxEmail.kind.in_(("confirmation", "failure")), OutboxEmail.sent_at.is_not(None))
        )
        for received, sent, draft_id, document_type in session.exec(query).all():
            rows.append({"draft_id": draft_id, "document_type": document_type or "unknown", "received_at": _utc(received), "sent_at": _utc(sent), "seconds": (_utc(sent) - _utc(received)).total_seconds()})
    frame = pd.DataFrame(rows, columns=["draft_id", "document_type", "received_at", "sent_at", "seconds"])
    for column in ("received_at", "sent_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame.sort_values("received_at", ignore_index=True)


def latency_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per day: count, median and 95th percentile seconds."""
    if frame.empty:
        return pd.DataFrame(columns=["messages", "median_s", "p95_s"])
    day = frame["received_at"].dt.tz_convert(None).dt.floor("D")
    grouped = frame.assign(day=day).groupby("day")["seconds"]
    return pd.DataFrame({"messages": grouped.size(), "median_s": grouped.median().round(1), "p95_s": grouped.quantile(0.95).round(1)})


FLOW_RUN_COLUMNS = ["flow", "state", "started", "seconds", "summary", "run"]


def record_flow_run(session: Session, run: FlowRun) -> None:
    """Insert or update (by Prefect's run id) one flow run; a run seen again in a later state keeps one row."""
    row = session.exec(select(FlowRun).where(FlowRun.prefect_run_id == run.prefect_run_id)).first()
    if row is None:
        session.add(run)
        return
    for column in ("state", "ended_at", "summary"):
        setattr(row, column, getattr(run, column))


def flow_runs(settings: Settings, limit: int = 30) -> pd.DataFrame:
    """The newest flow runs first: flow, state, start, duration, what it did."""
    with session_scope(settings.db_url) as session:
        runs = session.exec(select(FlowRun).order_by(FlowRun.started_at.desc()).limit(limit)).all()
        rows = [
            {
                "flow": r.flow,
                "state": r.state,
                "started": _utc(r.started_at),
                "seconds": round((_utc(r.ended_at) - _utc(r.started_at)).total_seconds(), 1),
                "summary": r.summary,
                "run": r.name,
            }
            for r in runs
        ]
    frame = pd.DataFrame(rows, columns=FLOW_RUN_COLUMNS)
    frame["started"] = pd.to_datetime(frame["started"], utc=True)
    return frame


def age(when: datetime | None) -> str:
    """'3 h 5 min' since when; '' for None."""
    if when is None:
        return ""
    minutes = int((utcnow() - _utc(when)).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def _utc(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
