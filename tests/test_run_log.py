"""flows/run_log.py: every flow run leaves one FlowRun row (state, duration, summary) for the operations page."""

from __future__ import annotations

import pytest
from sqlmodel import select

from flows.ingest import ingest, run_ingest_once
from models.db import session_scope
from models.tables import FlowRun
from tasks import operations, samples, users
from tests.factories import make_message


def test_ingest_and_deliver_runs_are_recorded_with_what_they_did(settings, tmp_path, prefect_api_url):
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    good = make_message(to=user.import_address, files=[("jane.txt", b"Jane Doe\njane.doe@example.com\n")])
    stranger = make_message(to="nobody@import.resume-inbox.local", files=[("cv.txt", b"Ann Lee\nann@example.com\n")])
    samples.fill_maildir(tmp_path / "inbox", [("good", good.as_bytes()), ("stranger", stranger.as_bytes())])

    run_ingest_once(settings, maildir=tmp_path / "inbox")

    runs = operations.flow_runs(settings)
    assert list(runs["flow"]) == ["deliver", "ingest"], "newest first"
    assert set(runs["state"]) == {"Completed"}
    ingest_run = runs[runs["flow"] == "ingest"].iloc[0]
    assert ingest_run["summary"] == "2 messages, 1 draft, 1 quarantined"
    assert ingest_run["seconds"] >= 0 and ingest_run["run"]
    assert runs[runs["flow"] == "deliver"].iloc[0]["summary"] == "1 sent, 0 still queued, 0 failed"


def test_a_failed_run_is_recorded_with_the_reason(settings, tmp_path, prefect_api_url):
    missing = tmp_path / "no-such-folder"
    with pytest.raises(Exception):
        ingest(settings, [f"folder://{missing}"])
    [failed] = [r for _, r in operations.flow_runs(settings).iterrows() if r["flow"] == "ingest"]
    assert failed["state"] == "Failed"
    assert str(missing) in failed["summary"]


def test_a_run_seen_again_in_a_later_state_keeps_one_row(settings):
    from datetime import timedelta

    from models.tables import utcnow

    start = utcnow()
    with session_scope(settings.db_url) as session:
        operations.record_flow_run(session, FlowRun(prefect_run_id="r1", flow="deliver", name="calm-otter", state="Failed",
                                                     started_at=start, ended_at=start + timedelta(seconds=2), summary="SMTP down"))
    with session_scope(settings.db_url) as session:
        operations.record_flow_run(session, FlowRun(prefect_run_id="r1", flow="deliver", name="calm-otter", state="Completed",
                                                     started_at=start, ended_at=start + timedelta(seconds=9), summary="1 sent"))
    with session_scope(settings.db_url) as session:
        [row] = session.exec(select(FlowRun)).all()
    assert (row.state, row.summary) == ("Completed", "1 sent")
    assert operations.flow_runs(settings).iloc[0]["seconds"] == 9.0
