from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from sqlmodel import select

from models.db import session_scope
from models.tables import ActionToken, utcnow
from tasks import tokens
from tests.seed import make_draft, make_user


def test_a_link_secret_is_random_url_safe_and_only_its_hash_is_stored(settings):
    with session_scope(settings.db_url) as session:
        draft = make_draft(settings, session, make_user(session))
        raw = tokens.issue_link(session, draft.id, "save", timedelta(days=14))
        other = tokens.issue_link(session, draft.id, "save", timedelta(days=14))
        assert raw != other
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", raw)  # 24 bytes = 192 bits
        rows = session.exec(select(ActionToken)).all()
        assert {r.token_hash for r in rows} == {hashlib.sha256(t.encode()).hexdigest() for t in (raw, other)}
        assert all(raw not in (r.token_hash, str(r.id)) for r in rows)


def test_find_token_by_hash_and_expiry(settings):
    with session_scope(settings.db_url) as session:
        draft = make_draft(settings, session, make_user(session))
        raw = tokens.issue_link(session, draft.id, "review", timedelta(days=3))
        found = tokens.find_token(session, raw)
        assert found.draft_id == draft.id and found.action == "review"
        expires = found.expires_at if found.expires_at.tzinfo else found.expires_at.replace(tzinfo=utcnow().tzinfo)
        assert abs(expires - (utcnow() + timedelta(days=3))) < timedelta(minutes=1)
        assert tokens.find_token(session, raw + "x") is None
        assert tokens.find_token(session, "") is None


def test_link_url_points_at_the_dashboard_with_t():
    assert tokens.link_url("http://dash.test/", "abc-_1") == "http://dash.test/?t=abc-_1"
