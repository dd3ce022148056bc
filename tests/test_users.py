from __future__ import annotations

import re

import pytest
from sqlmodel import select

from models.db import session_scope
from models.tables import RetiredAddress, User
from tasks import users

ADDRESS = re.compile(r"^[a-z0-9]+\.[a-z0-9]{22}@import\.resume-inbox\.local$")


def test_import_address_is_first_name_slug_and_22_random_lowercase_chars(settings):
    user = users.add_user(settings, email="Zoe@Agency.example", name="Zoë Ångström")
    assert ADDRESS.match(user.import_address), user.import_address
    assert user.import_address.startswith("zoe.")
    assert user.email == "zoe@agency.example"


def test_adding_an_existing_recruiter_returns_them_unchanged(settings):
    first = users.add_user(settings, email="rita@agency.example", name="Rita Recruiter")
    again = users.add_user(settings, email="rita@agency.example", name="Someone Else")
    assert again.id == first.id and again.import_address == first.import_address
    assert [u.email for u in users.list_users(settings)] == ["rita@agency.example"]


def test_confirmation_address_is_validated_and_defaults_to_login(settings):
    user = users.add_user(settings, email="rita@agency.example", name="Rita")
    with session_scope(settings.db_url) as session:
        assert users.confirmation_address_of(users.get_user(session, user_id=user.id)) == "rita@agency.example"
        changed = users.set_confirmation_address(session, user.id, "team@agency.example")
        assert users.confirmation_address_of(changed) == "team@agency.example"
        with pytest.raises(users.InvalidAddress):
            users.set_confirmation_address(session, user.id, "not an address")
        assert users.confirmation_address_of(users.set_confirmation_address(session, user.id, "")) == "rita@agency.example"


def test_new_import_address_retires_the_old_one(settings):
    user = users.add_user(settings, email="rita@agency.example", name="Rita")
    with session_scope(settings.db_url) as session:
        renewed = users.issue_new_import_address(session, user.id, settings.import_domain)
        assert renewed.import_address != user.import_address and ADDRESS.match(renewed.import_address)
        retired = session.exec(select(RetiredAddress)).all()
        assert [r.address for r in retired] == [user.import_address]
        assert users.user_by_import_address(session, user.import_address) is None
        assert users.user_by_import_address(session, renewed.import_address.upper()).id == user.id


def test_an_import_address_is_refused_as_a_confirmation_address(settings):
    settings = settings.model_copy(update={"import_domain": "in.agency.example"})  # a deliverable-looking domain
    rita = users.add_user(settings, email="rita@agency.example", name="Rita")
    sam = users.add_user(settings, email="sam@agency.example", name="Sam")
    with session_scope(settings.db_url) as session:
        for address in (rita.import_address, sam.import_address, f"anything@{settings.import_domain}"):
            with pytest.raises(users.InvalidAddress, match="imported again"):
                users.set_confirmation_address(session, rita.id, address)
        retired = users.issue_new_import_address(session, sam.id, settings.import_domain)
        with pytest.raises(users.InvalidAddress):
            users.set_confirmation_address(session, rita.id, sam.import_address)  # retired now: still ours
        assert retired.import_address != sam.import_address
        assert users.confirmation_address_of(session.get(User, rita.id)) == "rita@agency.example"


def test_a_login_email_at_the_import_domain_is_refused(settings):
    settings = settings.model_copy(update={"import_domain": "in.agency.example"})
    with pytest.raises(users.InvalidAddress, match="import domain"):
        users.add_user(settings, email=f"desk@{settings.import_domain}", name="Desk")
