"""The deliver flow: send the outbox. Apart from ingest, so a slow mail server never holds up parsing."""

from __future__ import annotations

from prefect import flow

from flows import run_log, steps
from models.schemas import DeliveryReport
from models.settings import Settings, get_settings


@flow(name="deliver", **run_log.HOOKS)
def deliver(settings: Settings | None = None) -> DeliveryReport:
    """Every queued email once (retried with back-off on 'try later'); what stays queued goes next run."""
    settings = settings or get_settings()
    steps.ensure_schema(settings)                                                 # 0. a new database gets its tables
    email_ids = steps.queued_emails(settings)                                     # 1. what waits
    [steps.send_one(settings, i, return_state=True) for i in email_ids]           # 2. each sent once, retried alone
    return steps.delivery_report(settings, email_ids)                             # 3. sent / queued / failed
