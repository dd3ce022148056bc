"""The purge flow: drafts left pending past the retention period lose their files (daily)."""

from __future__ import annotations

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows import run_log, steps
from flows.retry import is_transient
from models.db import session_scope
from models.settings import Settings, get_settings
from tasks import purge as purge_step
from tasks.purge import PurgeReport


@task(retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=is_transient, cache_policy=NO_CACHE)
def purge_expired(settings: Settings) -> PurgeReport:
    with session_scope(settings.db_url) as session:
        return purge_step.purge_expired(session, settings.files_dir, settings.retention_days)


@flow(name="purge", log_prints=True, **run_log.HOOKS)
def purge(settings: Settings | None = None) -> PurgeReport:
    """Remove drafts and files pending longer than settings.retention_days."""
    settings = settings or get_settings()
    steps.ensure_schema(settings)
    return purge_expired(settings)
