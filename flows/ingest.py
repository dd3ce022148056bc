"""The ingest flow: read new mail once; one draft and one confirmation email per resume."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows import run_log, steps
from flows.deliver import deliver as deliver_outbox
from models.schemas import IngestReport
from models.settings import Settings, get_settings


# A task of tasks, not a sub-flow: the same isolation (a bug in one message fails its run only, never its
# neighbours) at a tenth of the cost; a sub-flow run added about 1 s per message.
@task(name="ingest-message", cache_policy=NO_CACHE)
def ingest_message(settings: Settings, mailbox_url: str, message_id: int, mailbox_key: str) -> IngestReport:
    """One archived message, start to finish."""
    parsed = steps.split_message(settings, message_id)                           # 3. headers, documents, problems
    routed = steps.route_message(settings, message_id, parsed)                   # 4. whose import address (or quarantine)
    outcomes = [steps.draft_document(settings, routed, d) for d in routed.documents]  # 5. text -> fields -> draft + email
    steps.finish_message(settings, routed)                                       # 6. message processed
    steps.mark_done(mailbox_url, mailbox_key)                                    # 7. only now it leaves the mailbox's "new"
    return steps.message_report(routed, outcomes)


@flow(name="ingest", **run_log.HOOKS)
def ingest(settings: Settings | None = None, mailbox_urls: list[str] | None = None) -> IngestReport:
    """Every configured mailbox once: fetch what arrived, archive it, ingest each message in its own run."""
    settings = settings or get_settings()
    steps.ensure_schema(settings)                                                # 0. a new database gets its tables
    runs = [
        ingest_message(settings, url, steps.archive_raw(settings, incoming).id, incoming.key, return_state=True)
        for url in mailbox_urls or settings.mailboxes                           # 1. what arrived, per mailbox
        for incoming in steps.fetch_new(url)                                     # 2. bytes archived before anything else
    ]
    return steps.ingest_report(runs)


def run_ingest_once(settings: Settings, maildir: Path | None = None, deliver: bool = True) -> IngestReport:
    """The CLI's `ingest`: the flow over --maildir (or the configured mailboxes), then the outbox when asked."""
    urls = [f"maildir://{Path(maildir).resolve()}"] if maildir else None
    report = ingest(settings, urls)
    if deliver:
        deliver_outbox(settings)
    return report
