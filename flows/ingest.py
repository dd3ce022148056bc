"""The ingest flow: read new mail once; one draft and one confirmation email per resume."""

from __future__ import annotations

from pathlib import Path

from prefect import flow

from flows import steps
from flows.deliver import deliver as deliver_outbox
from models.schemas import IncomingMessage, IngestReport
from models.settings import Settings, get_settings


@flow(name="ingest-message", log_prints=True)
def ingest_message(settings: Settings, mailbox_url: str, incoming: IncomingMessage) -> IngestReport:
    """One message, start to finish; a bug in one message fails this run only, never its neighbours."""
    message = steps.archive_raw(settings, incoming)                                # 2. bytes kept before anything else
    parsed = steps.split_message(settings, message)                               # 3. headers, documents, problems
    routed = steps.route_message(settings, message, parsed)                       # 4. whose import address (or quarantine)
    outcomes = [steps.draft_document(settings, routed, d) for d in routed.documents]  # 5. text -> fields -> draft + email
    steps.finish_message(settings, routed)                                        # 6. message processed
    steps.mark_done(mailbox_url, incoming)                                        # 7. only now leaves the mailbox's "new"
    return steps.message_report(routed, outcomes)


@flow(name="ingest")
def ingest(settings: Settings | None = None, mailbox_urls: list[str] | None = None) -> IngestReport:
    """Every configured mailbox once: fetch what arrived and ingest each message."""
    settings = settings or get_settings()
    urls = mailbox_urls or settings.mailboxes
    runs = [
        ingest_message(settings, url, incoming, return_state=True)                # 1. what arrived, message by message
        for url in urls
        for incoming in steps.fetch_new(url)
    ]
    return steps.ingest_report(runs)


def run_ingest_once(settings: Settings, maildir: Path | None = None, deliver: bool = True) -> IngestReport:
    """The CLI's `ingest`: the flow over --maildir (or the configured mailboxes), then the outbox when asked."""
    urls = [f"maildir://{Path(maildir).resolve()}"] if maildir else None
    report = ingest(settings, urls)
    if deliver:
        deliver_outbox(settings)
    return report
