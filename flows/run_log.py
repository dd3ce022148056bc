"""State hooks that write each flow run into our database, for the operations page.

Prefect keeps run history in its own API; on the embedded default that API lives only while one process
runs, so operations would see nothing. The hooks run inside the flow run, where the real parameters
(the Settings object, passwords and all) are in the run context, not the redacted copy Prefect stores.
"""

from __future__ import annotations

import logging

from prefect.context import FlowRunContext

from models.db import session_scope
from models.settings import get_settings
from models.tables import FlowRun, utcnow
from tasks import operations

log = logging.getLogger(__name__)


def record_run(flow, flow_run, state) -> None:
    """on_completion / on_failure / on_crashed: one FlowRun row per run, its latest final state."""
    context = FlowRunContext.get()
    settings = (context.parameters.get("settings") if context else None) or get_settings()
    run = FlowRun(
        prefect_run_id=str(flow_run.id),
        flow=flow.name,
        name=flow_run.name,
        state=state.name,
        started_at=flow_run.start_time or utcnow(),
        ended_at=utcnow(),
        summary=_summary(state),
    )
    with session_scope(settings.db_url) as session:
        operations.record_flow_run(session, run)
    log.info("flow run %s (%s) recorded as %s: %s", run.name, run.flow, run.state, run.summary)


def _summary(state) -> str:
    if not state.is_completed():
        return state.message or state.name
    result = state.result(raise_on_failure=False)
    return result.summary() if hasattr(result, "summary") else ""


HOOKS = {"on_completion": [record_run], "on_failure": [record_run], "on_crashed": [record_run]}
