from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlmodel import select

from models.db import session_scope
from models.tables import ActionToken, Draft, OpsEvent
from tasks.purge import purge_expired
from tests.seed import make_draft, make_links, make_user

OLD = datetime.now(timezone.utc) - timedelta(days=40)


def test_pending_drafts_past_retention_lose_file_text_and_links(settings, caplog):
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        old = make_draft(settings, session, user, created_at=OLD)
        make_links(session, old.id)
        fresh = make_draft(settings, session, user)
        saved = make_draft(settings, session, user, created_at=OLD, status="saved")
        ids, paths = (old.id, fresh.id, saved.id), (old.file_path, fresh.file_path, saved.file_path)
    caplog.set_level("INFO", logger="tasks.purge")
    with session_scope(settings.db_url) as session:
        report = purge_expired(session, settings.files_dir, retention_days=30)
    assert (report.drafts, report.files) == (1, 1)
    assert "purge: 1 drafts, 1 files" in caplog.text
    assert not (settings.files_dir / paths[0]).exists()
    assert (settings.files_dir / paths[1]).exists() and (settings.files_dir / paths[2]).exists()
    with session_scope(settings.db_url) as session:
        old, fresh, saved = (session.get(Draft, i) for i in ids)
        assert (old.status, old.file_path, old.text, old.fields) == ("purged", None, "", {})
        assert (fresh.status, saved.status) == ("pending", "saved")
        assert session.exec(select(ActionToken).where(ActionToken.draft_id == old.id)).all() == []
        assert [e.kind for e in session.exec(select(OpsEvent)).all()] == ["purge"]
    with session_scope(settings.db_url) as session:
        assert purge_expired(session, settings.files_dir, retention_days=30).drafts == 0


def test_the_purge_flow_runs_the_step(settings, prefect_api_url):
    from flows.purge import purge

    with session_scope(settings.db_url) as session:
        make_draft(settings, session, make_user(session), created_at=OLD)
    assert purge(settings).drafts == 1
    assert purge(settings).drafts == 0
