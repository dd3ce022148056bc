"""Watch the mailboxes: run ingest (then deliver) as soon as mail arrives. The embedded default's scheduler.

Prefect schedules only fire with a Prefect server; on a single machine this loop gives the same flows, run
within seconds of a message landing. With a server, prefect.yaml's deployments do this job instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from flows.deliver import deliver
from flows.ingest import ingest
from models.schemas import IngestReport
from models.settings import Settings
from tasks import mailbox, outbox

log = logging.getLogger(__name__)


def has_new_mail(urls: list[str]) -> bool:
    """Whether any mailbox holds a message not yet marked done (reads at most one per mailbox)."""
    return any(mailbox.open_mailbox(url).fetch_new(limit=1) for url in urls)


def watch(
    settings: Settings,
    *,
    interval: float = 2.0,
    should_stop: Callable[[], bool] = lambda: False,
    on_report: Callable[[IngestReport], None] = lambda report: None,
) -> None:
    """Poll every interval seconds until should_stop(); a poll that finds mail runs ingest, then deliver."""
    urls = settings.mailboxes
    while not should_stop():
        if has_new_mail(urls):
            on_report(ingest(settings, urls))
        if outbox.queued_ids(settings):
            deliver(settings)
        time.sleep(interval)
