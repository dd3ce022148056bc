"""tasks/sign_in.py: a single-use link mailed to the login email signs a recruiter in to Desktop Tools."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from models.db import session_scope
from models.tables import OutboxEmail, SignInLink, utcnow
from tasks import sign_in, users
from tasks.errors import LinkNotUsable
from tests.conftest import outbox_messages


def mailed_links(settings) -> list[str]:
    return [link for m in outbox_messages(settings) for link in re.findall(r"\?signin=([A-Za-z0-9_%-]+)", m.get_body(("plain",)).get_content())]


def test_a_recruiter_gets_one_link_at_once_and_it_signs_in_once(settings):
    rita = users.add_user(settings, email="rita@agency.example", name="Rita", confirmation_address="desk@agency.example")
    sign_in.request_sign_in(settings, " Rita@Agency.example ")
    sign_in.request_sign_in(settings, "rita@agency.example")  # pressed twice: one email a minute
    [raw] = mailed_links(settings)
    with session_scope(settings.db_url) as session:
        [sent] = session.exec(select(OutboxEmail)).all()
    assert (sent.to_address, sent.status) == ("rita@agency.example", "sent"), "to the login email, not the confirmation address"
    with session_scope(settings.db_url) as session:
        assert session.exec(select(SignInLink)).one().token_hash != raw, "only the hash is stored"

    assert sign_in.redeem_sign_in(settings, raw) == rita.id
    with pytest.raises(LinkNotUsable, match="already used on"):
        sign_in.redeem_sign_in(settings, raw)


def test_an_address_that_is_no_recruiters_gets_nothing(settings):
    sign_in.request_sign_in(settings, "stranger@elsewhere.example")
    with session_scope(settings.db_url) as session:
        assert session.exec(select(OutboxEmail)).all() == [] and session.exec(select(SignInLink)).all() == []


def test_an_expired_or_forged_link_signs_nobody_in(settings):
    users.add_user(settings, email="rita@agency.example", name="Rita")
    sign_in.request_sign_in(settings, "rita@agency.example")
    [raw] = mailed_links(settings)
    with session_scope(settings.db_url) as session:
        session.exec(update(SignInLink).values(expires_at=utcnow() - timedelta(minutes=1)))
    with pytest.raises(LinkNotUsable, match="expired on"):
        sign_in.redeem_sign_in(settings, raw)
    with pytest.raises(LinkNotUsable, match="not valid"):
        sign_in.redeem_sign_in(settings, raw[:-2] + "xx")
    with pytest.raises(LinkNotUsable, match="not valid"):
        sign_in.redeem_sign_in(settings, "")
