"""dashboard/operations.py through the real app (streamlit.testing.v1.AppTest): wording of the backlog line."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from models.db import session_scope
from models.settings import get_settings
from models.tables import Message
from tests.conftest import ROOT


@pytest.fixture
def app_settings(settings, monkeypatch):
    monkeypatch.setenv("RESUME_INBOX_HOME", str(settings.home))
    monkeypatch.setenv("RESUME_INBOX_DASHBOARD_URL", settings.dashboard_url)
    monkeypatch.delenv("RESUME_INBOX_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield settings
    get_settings.cache_clear()


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
