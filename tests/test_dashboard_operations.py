"""dashboard/operations.py through the real app (streamlit.testing.v1.AppTest): the backlog line, the flow runs."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from models.db import session_scope
from models.tables import Message
from tests.conftest import ROOT


def _captions(settings, quarantined: int) -> str:
    with session_scope(settings.db_url) as session:
        for i in range(quarantined):
            session.add(Message(sha256=f"{i}" * 64, archive_path=f"{i}.eml", status="quarantined"))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("operations.py").run()
    assert not at.exception, at.exception
    return "\n".join(str(c.value) for c in at.caption)


def test_one_quarantined_message_is_singular(app_settings):
    assert "1 message quarantined" in _captions(app_settings, 1)


def test_two_quarantined_messages_are_plural(app_settings):
    assert "2 messages quarantined" in _captions(app_settings, 2)


def test_flow_runs_recorded_in_the_database_are_listed_with_failures_counted(app_settings):
    from datetime import timedelta

    from models.tables import FlowRun, utcnow

    start = utcnow()
    with session_scope(app_settings.db_url) as session:
        session.add(FlowRun(prefect_run_id="a", flow="ingest", name="brisk-heron", state="Completed", started_at=start,
                            ended_at=start + timedelta(seconds=3), summary="2 messages, 2 drafts"))
        session.add(FlowRun(prefect_run_id="b", flow="deliver", name="slow-gecko", state="Failed", started_at=start,
                            ended_at=start + timedelta(seconds=1), summary="SMTP server refused the login"))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("operations.py").run()
    assert not at.exception, at.exception
    [runs] = [d.value for d in at.dataframe if "summary" in d.value.columns]
    assert set(runs["run"]) == {"brisk-heron", "slow-gecko"}
    assert "SMTP server refused the login" in set(runs["summary"])
    assert any("1 did not complete" in str(c.value) for c in at.caption)


def test_no_flow_run_yet_says_how_runs_start(app_settings):
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("operations.py").run()
    assert any("No flow has run yet" in str(i.value) for i in at.info)
