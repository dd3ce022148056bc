"""Recent Prefect flow runs for the operations page (dashboard/flow_runs.py)."""

from prefect.settings import PREFECT_API_URL, temporary_settings

from dashboard import flow_runs


def test_flow_runs_say_plainly_when_no_server_is_reachable():
    with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        runs = flow_runs.recent_flow_runs()
    assert not runs.available and "could not be reached" in runs.note and runs.runs.empty
    with temporary_settings({PREFECT_API_URL: None}):
        runs = flow_runs.recent_flow_runs()
    assert not runs.available and "No Prefect server is configured" in runs.note
