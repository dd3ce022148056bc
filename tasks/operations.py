"""Figures operations watch: message and draft states, backlog, failures, latency, recent Prefect runs."""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func
from sqlmodel import select

from models.db import session_scope
from models.settings import Settings
from models.tables import Draft, Message, OpsEvent, OutboxEmail, utcnow


class Backlog(BaseModel):
    pending_drafts: int = 0  # waiting for the recruiter's Save / Cancel
    oldest_pending_draft: datetime | None = None
    queued_emails: int = 0  # waiting for the deliver flow
    oldest_queued_email: datetime | None = None
    failed_emails: int = 0
    failed_drafts: int = 0
    quarantined_messages: int = 0


class FlowRuns(BaseModel):
    """Recent Prefect flow runs, or why there are none to show."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    available: bool
    note: str  # one sentence for the page
    runs: pd.DataFrame


FLOW_RUN_COLUMNS = ["flow", "run", "state", "started", "ended", "seconds"]


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


def recent_flow_runs(limit: int = 20) -> FlowRuns:
    """The latest flow runs from the Prefect server, or a plain sentence why not.

    Prefect is imported here only, to read run history (no orchestration from tasks/). Without
    PREFECT_API_URL the client would start a private ephemeral API that holds no one else's runs,
    so that case is reported, not queried.
    """
    import httpx
    from prefect.client.orchestration import get_client
    from prefect.exceptions import PrefectException
    from prefect.settings import PREFECT_API_URL

    empty = pd.DataFrame(columns=FLOW_RUN_COLUMNS)
    api_url = PREFECT_API_URL.value()
    if not api_url:
        return FlowRuns(available=False, note="No Prefect server is configured (PREFECT_API_URL is not set), so there is no shared run history to show.", runs=empty)
    try:
        with get_client(sync_client=True, httpx_settings={"timeout": 3.0}) as client:
            runs = client.read_flow_runs(limit=limit)
            names = {flow_id: client.read_flow(flow_id).name for flow_id in {r.flow_id for r in runs}}
    except (httpx.HTTPError, OSError, PrefectException) as problem:
        return FlowRuns(available=False, note=f"The Prefect server at {api_url} could not be reached: {problem}.", runs=empty)
    rows = [
        {
            "flow": names.get(r.flow_id, str(r.flow_id)),
            "run": r.name,
            "state": r.state_name or "",
            "started": r.start_time,
            "ended": r.end_time,
            "seconds": round(r.total_run_time.total_seconds(), 1) if r.total_run_time else None,
        }
        for r in runs
    ]
    return FlowRuns(available=True, note=f"The {len(rows)} most recent flow runs on {api_url}.", runs=pd.DataFrame(rows, columns=FLOW_RUN_COLUMNS))


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
