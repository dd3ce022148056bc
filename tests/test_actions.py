"""tasks/actions.py: Save, Cancel, Review through links; single use; races on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from models.db import session_scope
from models.schemas import Options
from models.tables import ActionToken, Candidate, Draft, OutboxEmail, Tag, User
from tasks import actions
from tasks.actions import CandidateFields, IncompleteCandidate
from tasks.errors import LinkNotUsable
from tests.conftest import free_port
from tests.seed import make_draft, make_fields, make_links, make_user, seed_home


@pytest.fixture
def seeded(settings):
    return settings, seed_home(settings)


def _rows(settings, table, **where):
    with session_scope(settings.db_url) as session:
        query = select(table)
        for name, value in where.items():
            query = query.where(getattr(table, name) == value)
        return list(session.exec(query).all())


def test_save_link_saves_the_candidate_with_file_and_options_and_queues_one_email(seeded):
    settings, seed = seeded
    draft_id = seed["complete"]
    links = seed["links"][draft_id]
    draft_before = _rows(settings, Draft, id=draft_id)[0]

    outcome = actions.apply_link(settings, links["save"], confirmed=False)

    assert outcome.state == "saved" and outcome.message == "Candidate Jane Doe saved."
    [candidate] = _rows(settings, Candidate, draft_id=draft_id)
    assert (candidate.first_name, candidate.last_name, candidate.email) == ("Jane", "Doe", "jane.doe@example.com")
    assert candidate.file_path == draft_before.file_path and (settings.files_dir / candidate.file_path).exists()
    assert candidate.options == draft_before.options
    assert candidate.fields["skills"] == ["Python", "SQL", "Airflow"]
    [draft] = _rows(settings, Draft, id=draft_id)
    assert draft.status == "saved" and draft.decided_at is not None
    assert all(t.used_at is not None for t in _rows(settings, ActionToken, draft_id=draft_id))
    assert [e.kind for e in _rows(settings, OutboxEmail, draft_id=draft_id)] == ["saved"]
    user = _rows(settings, User, id=seed["user_id"])[0]
    assert user.last_options == draft_before.options


def test_second_use_of_any_link_says_when_it_was_saved_and_changes_nothing(seeded):
    settings, seed = seeded
    links = seed["links"][seed["complete"]]
    actions.apply_link(settings, links["save"], confirmed=True)
    emails_before = len(_rows(settings, OutboxEmail))

    for action in ("save", "cancel", "review"):
        with pytest.raises(LinkNotUsable, match=r"^This candidate was already saved on \d+ \w{3} \d{4} at \d\d:\d\d UTC\.$"):
            actions.apply_link(settings, links[action], confirmed=True)

    assert len(_rows(settings, OutboxEmail)) == emails_before
    assert len(_rows(settings, Candidate)) == 1


def test_cancel_link_asks_first_then_removes_the_file_and_queues_the_cancelled_email(seeded):
    settings, seed = seeded
    draft_id = seed["complete"]
    links = seed["links"][draft_id]
    path = settings.files_dir / _rows(settings, Draft, id=draft_id)[0].file_path

    asked = actions.apply_link(settings, links["cancel"], confirmed=False)
    assert asked.state == "confirm_cancel" and asked.message == "Remove the resume of Jane Doe?"
    assert _rows(settings, Draft, id=draft_id)[0].status == "pending" and path.exists()
    assert _rows(settings, OutboxEmail, draft_id=draft_id) == []

    done = actions.apply_link(settings, links["cancel"], confirmed=True)
    assert done.state == "removed"
    draft = _rows(settings, Draft, id=draft_id)[0]
    assert draft.status == "cancelled" and draft.file_path is None and not path.exists()
    assert [e.kind for e in _rows(settings, OutboxEmail, draft_id=draft_id)] == ["cancelled"]
    with pytest.raises(LinkNotUsable, match="already removed on"):
        actions.apply_link(settings, links["save"], confirmed=True)


def test_expired_link_says_so_and_changes_nothing(settings):
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        draft = make_draft(settings, session, user)
        links = make_links(session, draft.id, ttl=timedelta(seconds=-1))
    with pytest.raises(LinkNotUsable, match="This link expired on .* new links"):
        actions.apply_link(settings, links["save"], confirmed=True)
    assert _rows(settings, Draft)[0].status == "pending"
    assert _rows(settings, OutboxEmail) == [] and _rows(settings, Candidate) == []


@pytest.mark.parametrize("raw", ["", "not-a-token", "A" * 32])
def test_forged_link_is_not_valid(seeded, raw):
    settings, _ = seeded
    with pytest.raises(LinkNotUsable, match="This link is not valid"):
        actions.apply_link(settings, raw, confirmed=True)
    assert _rows(settings, OutboxEmail) == []


def test_review_link_returns_everything_extracted_with_lists_and_duplicates(seeded):
    settings, seed = seeded
    # Jane Doe saved once already from another resume: the new one is a possible duplicate.
    with session_scope(settings.db_url) as session:
        user = session.get(User, seed["user_id"])
        earlier = make_draft(settings, session, user)
    actions.save_draft(settings, earlier.id, CandidateFields.from_extracted(make_fields()), Options())

    outcome = actions.apply_link(settings, seed["links"][seed["complete"]]["review"], confirmed=False)

    view = outcome.view
    assert outcome.state == "review" and view.values.first_name == "Jane"
    assert view.fields.email.score > 0.9 and view.document_type == "pdf"
    assert view.file_path.endswith(".pdf") and view.text.startswith("Jane Doe")
    assert "LinkedIn" in view.option_lists.sources and view.options.source == "LinkedIn"
    assert [d.matched_on for d in view.duplicates] == ["email"]
    assert view.expires_at is not None and view.same_file_sent_at is None
    low = actions.review_view(settings, seed["links"][seed["low"]]["review"])
    assert {"first_name", "last_name"} <= set(low.low_score) and "email" not in low.low_score


def test_save_link_of_a_draft_without_email_opens_the_review_instead(seeded):
    settings, seed = seeded
    outcome = actions.apply_link(settings, seed["links"][seed["no_email"]]["save"], confirmed=True)
    assert outcome.state == "review" and outcome.message.startswith("The email address is missing.")
    assert _rows(settings, Draft, id=seed["no_email"])[0].status == "pending"


# ---------- one click never saves the same person twice ----------


def _second_draft(settings, seed, fields, **changes) -> tuple[int, dict[str, str]]:
    with session_scope(settings.db_url) as session:
        draft = make_draft(settings, session, session.get(User, seed["user_id"]), fields)
        for name, value in changes.items():
            setattr(draft, name, value)
        session.add(draft)
        return draft.id, make_links(session, draft.id)


def test_save_link_of_a_candidate_saved_before_with_the_same_email_opens_the_review_naming_them(seeded):
    settings, seed = seeded
    actions.apply_link(settings, seed["links"][seed["complete"]]["save"], confirmed=False)  # Jane Doe saved
    draft_id, links = _second_draft(settings, seed, make_fields(email="Jane.Doe@EXAMPLE.com", phone="+44 20 7946 0958"))
    emails_before = len(_rows(settings, OutboxEmail))

    outcome = actions.apply_link(settings, links["save"], confirmed=False)

    assert outcome.state == "review" and outcome.action == "save"
    assert re.fullmatch(
        r"Not saved yet: you already saved Jane Doe \(jane\.doe@example\.com\) on \d+ \w{3} \d{4} at \d\d:\d\d UTC, with the same email\. "
        r"Compare below, then Save candidate to keep both, or Cancel resume to drop this one\.",
        outcome.message,
    ), outcome.message
    assert [(d.name, d.matched_on) for d in outcome.view.duplicates] == [("Jane Doe", "email")]
    assert len(_rows(settings, Candidate)) == 1 and _rows(settings, Draft, id=draft_id)[0].status == "pending"
    assert len(_rows(settings, OutboxEmail)) == emails_before
    # Opening it again still asks; the Review page's Save (through the same link) saves deliberately.
    assert actions.apply_link(settings, links["save"], confirmed=False).state == "review"
    actions.save_draft(settings, draft_id, outcome.view.values, outcome.view.options, via_token=links["save"])
    assert len(_rows(settings, Candidate)) == 2


def test_save_link_of_a_candidate_saved_before_with_the_same_phone_digits_opens_the_review(seeded):
    settings, seed = seeded
    actions.apply_link(settings, seed["links"][seed["complete"]]["save"], confirmed=False)  # phone +1 415 555 0100
    _, links = _second_draft(settings, seed, make_fields("J.", "Doe", "jd@elsewhere.example", phone="(415) 555-0100"))

    outcome = actions.apply_link(settings, links["save"], confirmed=False)

    assert outcome.state == "review" and "you already saved Jane Doe" in outcome.message and "the same phone" in outcome.message
    assert len(_rows(settings, Candidate)) == 1


def test_save_link_of_the_same_file_saved_before_under_an_edited_email_opens_the_review(seeded):
    settings, seed = seeded
    first = seed["complete"]
    edits = actions.review_view(settings, seed["links"][first]["review"]).values.model_copy(update={"email": "jane@newmail.example", "phone": ""})
    actions.save_draft(settings, first, edits, Options(), via_token=seed["links"][first]["review"])
    sha = _rows(settings, Draft, id=first)[0].document_sha256
    _, links = _second_draft(settings, seed, make_fields(phone=None), document_sha256=sha, duplicate_of=first)

    outcome = actions.apply_link(settings, links["save"], confirmed=False)

    assert outcome.state == "review" and "Jane Doe (jane@newmail.example)" in outcome.message and "the same file" in outcome.message
    assert len(_rows(settings, Candidate)) == 1


def test_save_link_of_another_recruiters_candidate_still_saves_in_one_click(seeded):
    settings, seed = seeded
    with session_scope(settings.db_url) as session:
        sam = session.exec(select(User).where(User.email == "sam@agency.test")).one()
        theirs = make_draft(settings, session, sam)
        their_links = make_links(session, theirs.id)
    actions.apply_link(settings, their_links["save"], confirmed=False)

    assert actions.apply_link(settings, seed["links"][seed["complete"]]["save"], confirmed=False).state == "saved"


def test_review_save_keeps_edits_adds_new_options_and_remembers_them(seeded):
    settings, seed = seeded
    draft_id = seed["no_email"]
    review = seed["links"][draft_id]["review"]
    edits = actions.review_view(settings, review).values.model_copy(update={"email": "  Omar.Haddad@Example.COM ", "location": "Berlin"})
    options = Options(source="Referral", folders=["Talent pool"], jobs=[], tags=["Remote", "Speaks Arabic"])

    candidate = actions.save_draft(settings, draft_id, edits, options, via_token=review)

    assert candidate.email == "omar.haddad@example.com" and candidate.location == "Berlin"
    assert "Speaks Arabic" in [t.name for t in _rows(settings, Tag)]
    assert _rows(settings, User, id=seed["user_id"])[0].last_options["tags"] == ["Remote", "Speaks Arabic"]
    with pytest.raises(LinkNotUsable, match="already saved"):
        actions.save_draft(settings, draft_id, edits, options, via_token=review)


def test_save_without_key_fields_names_each_problem_and_changes_nothing(seeded):
    settings, seed = seeded
    draft_id = seed["complete"]
    edits = CandidateFields(first_name=" ", last_name="Doe", email="jane@@example")
    with pytest.raises(IncompleteCandidate) as problem:
        actions.save_draft(settings, draft_id, edits, Options(), via_token=seed["links"][draft_id]["review"])
    assert set(problem.value.problems) == {"first_name", "email"}
    assert "is not a valid email address" in problem.value.problems["email"]
    assert _rows(settings, Draft, id=draft_id)[0].status == "pending" and _rows(settings, OutboxEmail) == []


def test_a_link_of_another_draft_cannot_save_this_one(seeded):
    settings, seed = seeded
    other_link = seed["links"][seed["low"]]["review"]
    with pytest.raises(LinkNotUsable, match="another resume"):
        actions.save_draft(settings, seed["complete"], CandidateFields.from_extracted(make_fields()), Options(), via_token=other_link)


# ---------- races: two clicks at the same moment -> one action, one email ----------


def _race(settings, calls) -> list[object]:
    """Run the calls in threads released together; returns each call's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except LinkNotUsable as e:
            results[i] = e

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _assert_one_winner(settings, seed, results):
    draft_id = seed["complete"]
    winners = [r for r in results if not isinstance(r, LinkNotUsable)]
    losers = [r for r in results if isinstance(r, LinkNotUsable)]
    assert len(winners) == 1 and len(losers) == len(results) - 1, results
    assert all("already" in str(e) for e in losers)
    emails = _rows(settings, OutboxEmail, draft_id=draft_id)
    assert len(emails) == 1
    assert len(_rows(settings, Candidate, draft_id=draft_id)) == (1 if emails[0].kind == "saved" else 0)


def _race_same_and_opposite_links(settings, seed):
    links = seed["links"][seed["complete"]]
    results = _race(settings, [lambda: actions.apply_link(settings, links["save"], confirmed=False)] * 4)
    _assert_one_winner(settings, seed, results)

    # Save against Cancel on one draft: still one decision. Another person (the seed's drafts share Jane's
    # phone, and a saved phone match would make Save open the Review page instead).
    with session_scope(settings.db_url) as session:
        draft = make_draft(settings, session, session.get(User, seed["user_id"]), make_fields("Li", "Wei", "li.wei@example.org", phone="+44 20 7946 0958"))
        other, other_links = draft.id, make_links(session, draft.id)
    results = _race(
        settings,
        [
            lambda: actions.apply_link(settings, other_links["save"], confirmed=False),
            lambda: actions.apply_link(settings, other_links["cancel"], confirmed=True),
        ],
    )
    assert sum(not isinstance(r, LinkNotUsable) for r in results) == 1, results
    assert len(_rows(settings, OutboxEmail, draft_id=other)) == 1


def test_racing_clicks_on_sqlite_make_one_action_and_one_email(seeded):
    settings, seed = seeded
    _race_same_and_opposite_links(settings, seed)


@pytest.mark.postgres
def test_racing_clicks_on_postgres_make_one_action_and_one_email(pg_settings):
    seed = seed_home(pg_settings)
    _race_same_and_opposite_links(pg_settings, seed)


def _race_past_the_read_check(settings, seed, monkeypatch):
    """Both clicks pass the friendly read check, as they can on PostgreSQL: the conditional UPDATE alone decides."""

    def unchecked(session, draft_id, via_token):
        return session.get(Draft, draft_id)

    monkeypatch.setattr(actions, "_pending_draft", unchecked)
    edits = CandidateFields.from_extracted(make_fields())
    draft_id = seed["complete"]
    results = _race(settings, [lambda: actions.save_draft(settings, draft_id, edits, Options())] * 3 + [lambda: actions.cancel_draft(settings, draft_id)])
    winners = [r for r in results if not isinstance(r, LinkNotUsable)]
    assert len(winners) == 1, results
    assert all(str(r).startswith(("This candidate was already saved on", "This resume was already removed on")) for r in results if r not in winners)
    assert len(_rows(settings, OutboxEmail, draft_id=draft_id)) == 1


def test_the_conditional_update_alone_lets_one_click_win_on_sqlite(seeded, monkeypatch):
    settings, seed = seeded
    _race_past_the_read_check(settings, seed, monkeypatch)


@pytest.mark.postgres
def test_the_conditional_update_alone_lets_one_click_win_on_postgres(pg_settings, monkeypatch):
    _race_past_the_read_check(pg_settings, seed_home(pg_settings), monkeypatch)


def test_the_saved_and_cancelled_emails_go_out_at_once_without_waiting_for_the_deliver_flow(seeded):
    settings, seed = seeded
    actions.apply_link(settings, seed["links"][seed["complete"]]["save"], confirmed=False)
    actions.apply_link(settings, seed["links"][seed["low"]]["cancel"], confirmed=True)
    sent = {e.kind: e.status for e in _rows(settings, OutboxEmail) if e.kind in ("saved", "cancelled")}
    assert sent == {"saved": "sent", "cancelled": "sent"}
    assert len(list((settings.outbox_dir / "new").iterdir())) == 2


def test_a_mail_server_that_says_later_leaves_the_email_queued_and_the_save_done(seeded):
    settings, seed = seeded
    unreachable = settings.model_copy(update={"smtp_url": f"smtp://127.0.0.1:{free_port()}"})
    outcome = actions.apply_link(unreachable, seed["links"][seed["complete"]]["save"], confirmed=False)
    assert outcome.state == "saved"
    [email] = [e for e in _rows(settings, OutboxEmail) if e.kind == "saved"]
    assert (email.status, email.attempts) == ("queued", 1) and "Connection refused" in email.last_error
