"""The steps as Prefect tasks: each opens its own transaction and declares how it is retried.

Step functions (tasks/) stay plain and take a session; here each gets one session per call, so a task's
retry starts from a clean transaction. No results are cached: every step is idempotent in the database.
"""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parseaddr

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.states import State
from prefect.tasks import exponential_backoff

from flows.retry import is_transient
from models.db import migrate, session_scope
from models.schemas import Document, DraftOutcome, IncomingMessage, IngestReport, RoutedMessage, SplitMessage
from models.settings import Settings
from models.tables import Message
from tasks import archive, drafts, mailbox, outbox, route, split
from tasks.crashpoints import crash_point

TRANSIENT = {"retry_condition_fn": is_transient, "cache_policy": NO_CACHE}


# Raw bytes of a batch are held in memory at once: a bounded batch keeps a run small after an outage; the
# next scheduled run (a minute later) takes the rest.
BATCH = 200


@task(retries=2, retry_delay_seconds=[5, 30], **TRANSIENT)
def ensure_schema(settings: Settings) -> None:
    """A deployment's first run on a new database creates the schema; later runs find it current (~10 ms)."""
    migrate(settings.db_url)


@task(retries=3, retry_delay_seconds=[5, 30, 120], **TRANSIENT)
def fetch_new(mailbox_url: str) -> list[IncomingMessage]:
    return mailbox.open_mailbox(mailbox_url).fetch_new(limit=BATCH)


@task(retries=2, retry_delay_seconds=[1, 5], **TRANSIENT)
def archive_raw(settings: Settings, incoming: IncomingMessage) -> Message:
    with session_scope(settings.db_url) as session:
        message = archive.archive_raw(session, settings.archive_dir, incoming)
    crash_point("after_archive")
    return message


@task(cache_policy=NO_CACHE)
def split_message(settings: Settings, message_id: int) -> SplitMessage:
    with session_scope(settings.db_url) as session:
        message = session.get(Message, message_id)
    return archive.split_archived(settings.archive_dir, message, split.SplitLimits.from_settings(settings), settings.max_message_bytes)


@task(retries=2, retry_delay_seconds=[1, 5], **TRANSIENT)
def route_message(settings: Settings, message_id: int, parsed: SplitMessage) -> RoutedMessage:
    with session_scope(settings.db_url) as session:
        return route.route_message(session, session.get(Message, message_id), parsed, our_address=parseaddr(settings.mail_from)[1])


@task(retries=2, retry_delay_seconds=[1, 5], **TRANSIENT)
def draft_document(settings: Settings, routed: RoutedMessage, document: Document) -> DraftOutcome:
    with session_scope(settings.db_url) as session:
        return drafts.draft_document(session, settings, routed, document)


@task(retries=2, retry_delay_seconds=[1, 5], **TRANSIENT)
def finish_message(settings: Settings, routed: RoutedMessage) -> RoutedMessage:
    with session_scope(settings.db_url) as session:
        drafts.report_problems(session, routed)
        route.finish_message(session, routed.message_id)
    crash_point("before_mark_done")
    return routed


@task(retries=3, retry_delay_seconds=[5, 30, 120], **TRANSIENT)
def mark_done(mailbox_url: str, mailbox_key: str) -> None:
    # The mailbox finds a message by its key alone; the bytes are in the archive by now.
    done = IncomingMessage(raw=b"", mailbox=mailbox.redact(mailbox_url), key=mailbox_key)
    mailbox.open_mailbox(mailbox_url).mark_done(done)


@task(cache_policy=NO_CACHE)
def queued_emails(settings: Settings) -> list[int]:
    return outbox.queued_ids(settings)


# Back-off 10 s, 20 s, 40 s, 80 s (with jitter); after that the email stays queued for the next run.
@task(retries=4, retry_delay_seconds=exponential_backoff(backoff_factor=10), retry_jitter_factor=0.5, tags=["smtp"], **TRANSIENT)
def send_one(settings: Settings, email_id: int) -> str:
    return outbox.send_one(settings, email_id)


@task(cache_policy=NO_CACHE)
def delivery_report(settings: Settings, email_ids: list[int]):
    return outbox.delivery_report(settings, email_ids)


def ingest_report(states: list[State]) -> IngestReport:
    """One report from the per-message sub-flow runs; a failed one counts as a failure (its run shows why)."""
    report = IngestReport()
    for state in states:
        part = state.result(raise_on_failure=False)
        if not isinstance(part, IngestReport):
            report.failed_messages += 1
            report.errors.append(f"{type(part).__name__}: {part}")
            continue
        report.messages += part.messages
        report.already_seen += part.already_seen
        report.quarantined += part.quarantined
        report.drafts.extend(part.drafts)
    report.finished_at = datetime.now(timezone.utc)
    return report


def message_report(routed: RoutedMessage, outcomes: list[DraftOutcome]) -> IngestReport:
    return IngestReport(
        messages=1,
        already_seen=int(routed.already_seen),
        quarantined=int(routed.status == "quarantined"),
        drafts=outcomes,
    )
