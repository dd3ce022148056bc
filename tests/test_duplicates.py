"""tasks/duplicates.py: saved candidates that may be the same person, found by email, phone or file."""

from __future__ import annotations

import pytest

from models.db import session_scope
from models.schemas import Options
from tasks import actions, duplicates
from tasks.actions import CandidateFields
from tests.seed import make_draft, make_fields, make_user


@pytest.mark.parametrize(
    ("phone", "key"),
    [("+44 20 7946 0000", "079460000"), ("020 7946 0000", "079460000"), ("(415) 555-0100", "155550100"),
     ("555 0100", "5550100"), ("12 34", None), (None, None), ("", None)],
)
def test_phone_key_is_the_last_nine_digits(phone, key):
    assert duplicates.phone_key(phone) == key


def _save(settings, user_id: int, **fields) -> int:
    with session_scope(settings.db_url) as session:
        from models.tables import User

        draft = make_draft(settings, session, session.get(User, user_id), make_fields(**fields))
    return actions.save_draft(settings, draft.id, CandidateFields.from_extracted(make_fields(**fields)), Options()).id


def _found(settings, user_id, **kw) -> list[tuple[int, str]]:
    with session_scope(settings.db_url) as session:
        return [(d.candidate_id, d.matched_on) for d in duplicates.possible_duplicates(session, user_id, **kw)]


def test_the_same_number_written_another_way_is_a_possible_duplicate(settings):
    with session_scope(settings.db_url) as session:
        rita, omar = make_user(session).id, make_user(session, email="omar@agency.test", name="Omar").id
    saved = _save(settings, rita, first="Jane", last="Doe", email="jane.doe@example.com", phone="+44 20 7946 0000")

    # National format, another email: found by phone.
    assert _found(settings, rita, email="jdoe@work.example", phone="020 7946 0000") == [(saved, "phone")]
    # The E.164 form alone finds it too; the email in another case is still the same email.
    assert _found(settings, rita, email=None, phone=None, phone_e164="+442079460000") == [(saved, "phone")]
    assert _found(settings, rita, email="Jane.Doe@Example.com", phone=None) == [(saved, "email")]
    # Another number, another recruiter's candidates, nothing to match on: nothing.
    assert _found(settings, rita, email="someone@else.example", phone="020 7946 1111") == []
    assert _found(settings, omar, email="jane.doe@example.com", phone="020 7946 0000") == []
    assert _found(settings, rita, email=None, phone=None) == []
