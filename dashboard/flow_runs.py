"""Recent Prefect flow runs for the operations page: read from the Prefect server's API."""

from __future__ import annotations

import httpx
import pandas as pd
from prefect.client.orchestration import get_client
from prefect.exceptions import PrefectException
from prefect.settings import PREFECT_API_URL
from pydantic import BaseModel, ConfigDict

FLOW_RUN_COLUMNS = ["flow", "run", "state", "started", "ended", "seconds"]


class FlowRuns(BaseModel):
    """Recent Prefect flow runs, or why there are none to show."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    available: bool
    note: str  # one sentence for the page
    runs: pd.DataFrame


def recent_flow_runs(limit: int = 20) -> FlowRuns:
    """The latest flow runs from the Prefect server, or a plain sentence why not.

    Lives in dashboard/, not tasks/: tasks never import Prefect. Without PREFECT_API_URL the client would start a private ephemeral API that holds no one else's runs,
    so that case is reported, not queried.
    """
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
