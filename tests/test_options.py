"""tasks/options.py: the Source / Folder / Job / Tag lists."""

from __future__ import annotations

import pytest

from models.db import session_scope
from tasks import options


def test_seeding_fills_empty_lists_once(settings):
    with session_scope(settings.db_url) as session:
        first = options.seed_default_options(session)
        again = options.seed_default_options(session)
    assert first == again
    assert "LinkedIn" in first.sources and "Shortlist" in first.folders and first.jobs and first.tags


def test_seeding_leaves_a_list_someone_filled_alone(settings):
    with session_scope(settings.db_url) as session:
        options.add_option(session, "tag", "Bilingual")
        lists = options.seed_default_options(session)
    assert lists.tags == ["Bilingual"] and "Referral" in lists.sources


def test_adding_is_case_insensitive_and_tidies_spaces(settings):
    with session_scope(settings.db_url) as session:
        assert options.add_option(session, "job", "  Data   Analyst ") == "Data Analyst"
        assert options.add_option(session, "job", "data analyst") == "Data Analyst"
        assert options.list_options(session).jobs == ["Data Analyst"]


def test_lists_are_sorted_by_name_ignoring_case(settings):
    with session_scope(settings.db_url) as session:
        for name in ("beta", "Alpha", "gamma"):
            options.add_option(session, "folder", name)
        assert options.list_options(session).folders == ["Alpha", "beta", "gamma"]


def test_an_empty_name_is_refused(settings):
    with session_scope(settings.db_url) as session, pytest.raises(ValueError):
        options.add_option(session, "source", "   ")
