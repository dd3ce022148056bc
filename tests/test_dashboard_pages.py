"""Every dashboard page and error path through the real app (streamlit.testing.v1.AppTest)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from dashboard.style import SIGNED_IN_KEY
from models.db import session_scope
from models.settings import get_settings
from models.tables import Candidate, Draft, OutboxEmail, RetiredAddress, User
from tests.conftest import ROOT, outbox_messages
from tests.seed import make_draft, make_links, seed_history, seed_home


APP = ROOT / "dashboard" / "app.py"


@pytest.fixture
def seeded(app_settings):
    return app_settings, seed_home(app_settings)


def _app(token: str | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    if token is not None:
        at.query_params["t"] = token
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _text(at: AppTest) -> str:
    parts = [*at.title, *at.markdown, *at.caption, *at.error, *at.warning, *at.success, *at.info, *at.subheader]
    return "\n".join(str(e.value) for e in parts)


def _button(at: AppTest, label: str):
    [button] = [b for b in at.button if b.label == label]
    return button


def _draft(settings, draft_id) -> Draft:
    with session_scope(settings.db_url) as session:
        return session.get(Draft, draft_id)


def _emails(settings, draft_id) -> list[str]:
    with session_scope(settings.db_url) as session:
        return [e.kind for e in session.exec(select(OutboxEmail).where(OutboxEmail.draft_id == draft_id)).all()]


# ---------- the link page ----------


def test_save_link_saves_at_once_and_says_so(seeded):
    settings, seed = seeded
    at = _app(seed["links"][seed["complete"]]["save"])
    text = _text(at)
    assert "Candidate Jane Doe saved." in text and "on its way to rita@agency.test" in text
    assert _draft(settings, seed["complete"]).status == "saved"

    at.run()  # a rerun in the same browser session keeps showing the success, it does not try again
    assert "Candidate Jane Doe saved." in _text(at)
    assert _emails(settings, seed["complete"]) == ["saved"]


def test_used_link_shows_the_error_page_and_sends_nothing(seeded):
    settings, seed = seeded
    links = seed["links"][seed["complete"]]
    _app(links["save"])
    for action in ("save", "cancel", "review"):
        text = _text(_app(links[action]))
        assert "This link can't be used" in text and "This candidate was already saved on" in text
        assert "Nothing was changed and no email was sent." in text
    assert _emails(settings, seed["complete"]) == ["saved"]


def test_cancel_link_asks_for_one_click_then_removes(seeded):
    settings, seed = seeded
    at = _app(seed["links"][seed["low"]]["cancel"])
    assert "Remove the resume of Li Wei?" in _text(at)
    assert _draft(settings, seed["low"]).status == "pending" and _emails(settings, seed["low"]) == []

    _button(at, "Remove resume").click().run()

    assert "Resume removed." in _text(at)
    assert _draft(settings, seed["low"]).status == "cancelled" and _emails(settings, seed["low"]) == ["cancelled"]
    assert "already removed on" in _text(_app(seed["links"][seed["low"]]["cancel"]))


def test_cancel_link_can_open_the_review_instead(seeded):
    settings, seed = seeded
    at = _app(seed["links"][seed["low"]]["cancel"])
    _button(at, "Review it instead").click().run()
    assert "Extracted fields" in _text(at)
    assert _draft(settings, seed["low"]).status == "pending"


def test_expired_link_shows_when_it_expired(app_settings):
    with session_scope(app_settings.db_url) as session:
        from tests.seed import make_user

        draft = make_draft(app_settings, session, make_user(session))
        links = make_links(session, draft.id, ttl=timedelta(seconds=-5))
    text = _text(_app(links["save"]))
    assert "This link expired on" in text and "no email was sent" in text
    assert _draft(app_settings, draft.id).status == "pending"


@pytest.mark.parametrize("token", ["", "forged-token-1234567890", "x"])
def test_forged_link_is_refused(seeded, token):
    text = _text(_app(token))
    assert "This link can't be used" in text and "This link is not valid" in text


def test_save_link_without_an_email_opens_the_review_with_the_reason(seeded):
    settings, seed = seeded
    at = _app(seed["links"][seed["no_email"]]["save"])
    assert "The email address is missing. Fill it in below, then save." in _text(at)
    assert _draft(settings, seed["no_email"]).status == "pending"


def test_save_link_of_a_candidate_saved_before_opens_the_review_naming_them_then_saves_deliberately(seeded):
    from tasks import actions
    from tests.seed import make_fields

    settings, seed = seeded
    actions.apply_link(settings, seed["links"][seed["complete"]]["save"], confirmed=False)  # Jane Doe saved
    with session_scope(settings.db_url) as session:
        second = make_draft(settings, session, session.get(User, seed["user_id"]), make_fields(email="JANE.DOE@example.com", phone=None))
        links = make_links(session, second.id)

    at = _app(links["save"])

    text = _text(at)
    assert "Not saved yet: you already saved Jane Doe (jane.doe@example.com) on " in text and "with the same email" in text
    assert "Possible duplicate: **Jane Doe**" not in text, "the notice names them once"
    assert "Extracted fields" in text
    assert _draft(settings, second.id).status == "pending" and _emails(settings, second.id) == []
    _button(at, "Save candidate").click().run()
    assert "Candidate Jane Doe saved." in _text(at)
    assert _emails(settings, second.id) == ["saved"]


# ---------- the review page ----------


def _field(at: AppTest, draft_id: int, name: str):
    key = f"review:{draft_id}:{name}"
    return next(w for w in [*at.text_input, *at.text_area, *at.selectbox, *at.multiselect] if w.key == key)


def test_review_shows_every_field_flags_low_scores_and_prefills_options(seeded):
    settings, seed = seeded
    draft_id = seed["low"]
    at = _app(seed["links"][draft_id]["review"])
    assert "Li Wei" in _text(at) and "Original file" in _text(at)
    labels = {w.label for w in at.text_input}
    assert {"First name · check", "Last name · check", "Email", "Phone", "Location"} <= labels
    assert _field(at, draft_id, "email").value == "li.wei@example.org"
    assert _field(at, draft_id, "skills").value == "Python\nSQL\nAirflow"
    assert _field(at, draft_id, "source").value == "LinkedIn"
    assert _field(at, draft_id, "folders").value == ["Shortlist"]
    assert _field(at, draft_id, "tags").value == ["Remote"]
    assert len(at.get("image")) >= 1  # the PDF's first page, inline


def test_review_edit_then_save(seeded):
    settings, seed = seeded
    draft_id = seed["low"]
    at = _app(seed["links"][draft_id]["review"])
    _field(at, draft_id, "first_name").input("Wei")
    _field(at, draft_id, "last_name").input("Li")
    _field(at, draft_id, "source").select("Referral")
    _field(at, draft_id, "tags").select("Senior")
    _button(at, "Save candidate").click().run()

    assert "Candidate Wei Li saved." in _text(at)
    with session_scope(settings.db_url) as session:
        candidate = session.exec(select(Candidate).where(Candidate.draft_id == draft_id)).one()
        user = session.get(User, seed["user_id"])
    assert (candidate.first_name, candidate.last_name) == ("Wei", "Li")
    assert candidate.options["source"] == "Referral" and candidate.options["tags"] == ["Remote", "Senior"]
    assert user.last_options["source"] == "Referral"
    assert _emails(settings, draft_id) == ["saved"]


def test_review_save_with_a_bad_email_names_the_problem_and_saves_nothing(seeded):
    settings, seed = seeded
    draft_id = seed["complete"]
    at = _app(seed["links"][draft_id]["review"])
    _field(at, draft_id, "first_name").input("")
    _field(at, draft_id, "email").input("jane.doe@")
    _button(at, "Save candidate").click().run()

    errors = [e.value for e in at.error]
    assert "The first name is missing." in errors
    assert any("is not a valid email address" in e for e in errors)
    assert any(e.startswith("Not saved yet: The first name is missing.") for e in errors), "said beside the Save button too"
    assert _draft(settings, draft_id).status == "pending" and _emails(settings, draft_id) == []


def test_review_cancel_asks_then_removes(seeded):
    settings, seed = seeded
    draft_id = seed["complete"]
    at = _app(seed["links"][draft_id]["review"])
    _button(at, "Cancel resume").click().run()
    assert "Remove this resume?" in _text(at) and _draft(settings, draft_id).status == "pending"
    _button(at, "Remove resume").click().run()
    assert "Resume removed." in _text(at)
    assert _draft(settings, draft_id).status == "cancelled"


# ---------- Desktop Tools ----------


def _signed_in(user_id: int) -> AppTest:
    """Desktop Tools as a recruiter whose sign-in link was used in this browser session."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state[SIGNED_IN_KEY] = user_id
    at.run()
    at.switch_page("desktop_tools.py").run()
    assert not at.exception, at.exception
    return at


def _sign_in_link(settings) -> str:
    [mail] = [m for m in outbox_messages(settings) if m["X-Resume-Inbox-Kind"] == "sign_in"]
    return re.search(r"\?signin=([A-Za-z0-9_%-]+)", mail.get_body(("plain",)).get_content()).group(1)


def _ask_for_sign_in(address: str) -> AppTest:
    at = _app(page="desktop_tools.py")
    at.text_input[0].input(address)
    _button(at, "Email me a sign-in link").click().run()
    return at


def _open_sign_in(token: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params["signin"] = token
    at.run()
    return at


def test_desktop_tools_asks_for_a_sign_in_and_shows_nothing_before(seeded):
    at = _app(page="desktop_tools.py")
    assert not at.code and "Email me a sign-in link" in [b.label for b in at.button]


def test_a_sign_in_link_mailed_to_the_login_email_opens_desktop_tools_once(seeded):
    settings, seed = seeded
    at = _ask_for_sign_in("Rita@Agency.test")
    assert "If Rita@Agency.test is a recruiter's login email, a sign-in link is on its way to it." in _text(at)
    [mail] = outbox_messages(settings)
    assert mail["To"] == "rita@agency.test" and mail["Subject"] == "Your Desktop Tools sign-in link"

    token = _sign_in_link(settings)
    opened = _open_sign_in(token)
    with session_scope(settings.db_url) as session:
        user = session.get(User, seed["user_id"])
    assert [c.value for c in opened.code] == [user.import_address], "straight to the recruiter's own settings"
    assert "Signed in as Rita" in _text(opened)

    again = _open_sign_in(token)
    assert "This sign-in link was already used on" in _text(again) and not again.code


def test_a_sign_in_for_an_unknown_address_says_the_same_and_sends_nothing(seeded):
    settings, _ = seeded
    at = _ask_for_sign_in("stranger@elsewhere.example")
    assert "If stranger@elsewhere.example is a recruiter's login email, a sign-in link is on its way" in _text(at)
    assert outbox_messages(settings) == []


def test_a_forged_sign_in_link_changes_nothing(seeded):
    at = _open_sign_in("not-a-real-token")
    assert "This sign-in link is not valid." in _text(at) and not at.code


def test_desktop_tools_shows_the_import_address(seeded):
    settings, seed = seeded
    at = _signed_in(seed["user_id"])
    with session_scope(settings.db_url) as session:
        user = session.get(User, seed["user_id"])
    assert [c.value for c in at.code] == [user.import_address]
    _button(at, "Sign out").click().run()
    assert not at.code and "Email me a sign-in link" in [b.label for b in at.button]


def test_desktop_tools_changes_and_validates_the_confirmation_address(seeded):
    settings, seed = seeded
    at = _signed_in(seed["user_id"])
    at.text_input[0].input("not-an-address")
    _button(at, "Save address").click().run()
    # Typed text is escaped so Streamlit shows it as typed: read the message without the escapes.
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("“not-an-address” can't be used for confirmations" in e and "@-sign" in e for e in errors)

    with session_scope(settings.db_url) as session:
        import_address = session.get(User, seed["user_id"]).import_address
    at.text_input[0].input(import_address)
    _button(at, "Save address").click().run()
    assert any("would be imported again" in e.value for e in at.error)

    at.text_input[0].input("Rita.Team@Agency.example.com")
    _button(at, "Save address").click().run()
    assert "Confirmations now go to Rita.Team@agency.example.com." in _text(at).replace("\\", "")
    with session_scope(settings.db_url) as session:
        assert session.get(User, seed["user_id"]).confirmation_address == "Rita.Team@agency.example.com"


def test_desktop_tools_issues_a_new_import_address_and_retires_the_old(seeded):
    settings, seed = seeded
    at = _signed_in(seed["user_id"])
    old = at.code[0].value
    assert _button(at, "Issue a new import address").disabled
    at.checkbox[0].check().run()
    _button(at, "Issue a new import address").click().run()

    new = at.code[0].value
    assert new != old and "New import address issued" in _text(at)
    with session_scope(settings.db_url) as session:
        assert [r.address for r in session.exec(select(RetiredAddress)).all()] == [old]


def test_desktop_tools_is_closed_to_recruiters_without_the_privilege(seeded):
    settings, _ = seeded
    with session_scope(settings.db_url) as session:
        sam = session.exec(select(User).where(User.email == "sam@agency.test")).one()
    at = _signed_in(sam.id)
    assert "Desktop Tools are not enabled for Sam Sourcer" in _text(at) and not at.code


# ---------- home, analysts, operations ----------


def test_home_page_renders(app_settings):
    assert "Your resumes, one email away" in _text(_app())


@pytest.mark.parametrize("page", ["metrics.py", "operations.py"])
def test_analyst_and_operations_pages_render_on_an_empty_database(app_settings, page):
    text = _text(_app(page=page))
    assert "No saved candidates yet" in text if page == "metrics.py" else "No mail processed yet." in text


def test_extraction_quality_page_on_a_seeded_database(app_settings):
    seed_home(app_settings)
    seed_history(app_settings)
    at = _app(page="metrics.py")
    assert [m.value for m in at.metric][:2] == ["8", "85%"]
    assert "Recent corrections" in _text(at) and len(at.dataframe) == 4


def test_operations_page_on_a_seeded_database(app_settings):
    seed_home(app_settings)
    seed_history(app_settings)
    at = _app(page="operations.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Drafts awaiting a decision"] == "3" and metrics["Failed emails"] == "1"
    [failures] = [d.value for d in at.dataframe if "kind" in d.value.columns]
    assert {"draft failed", "email failed", "unknown_recipient"} <= set(failures["kind"])


def test_review_says_when_the_same_file_was_sent_before(seeded):
    settings, seed = seeded
    with session_scope(settings.db_url) as session:
        draft = session.get(Draft, seed["low"])
        draft.duplicate_of = seed["complete"]
        session.add(draft)
    assert "You sent this same file before, on" in _text(_app(seed["links"][seed["low"]]["review"]))


def test_review_shows_email_text_as_typed_not_as_markdown(seeded):
    settings, seed = seeded
    with session_scope(settings.db_url) as session:
        draft = session.get(Draft, seed["low"])
        draft.subject = "Fw: [click me](http://evil.example) *now*"
        session.add(draft)
    caption = _app(seed["links"][seed["low"]]["review"]).caption[0].value
    assert r"\[click me\]\(http\://evil\.example\) \*now\*" in caption


def test_dashboard_command_runs_streamlit_headless_on_the_links_port(app_settings, monkeypatch):
    import os

    from typer.testing import CliRunner

    import cli

    calls, cwd = [], []
    monkeypatch.setenv("RESUME_INBOX_DASHBOARD_URL", "http://localhost:8642")
    get_settings.cache_clear()
    # The command replaces its process with Streamlit (os.execv): stopped here, it must not replace pytest.
    monkeypatch.setattr(os, "execv", lambda path, command: calls.append((path, command)))
    monkeypatch.setattr(os, "chdir", cwd.append)
    result = CliRunner().invoke(cli.app, ["dashboard"])
    assert result.exit_code == 0, result.output
    [(path, command)] = calls
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4].endswith("dashboard/app.py") and path == command[0]
    options = dict(zip(command[5::2], command[6::2]))
    assert options["--server.headless"] == "true" and options["--server.port"] == "8642" and options["--server.address"] == "127.0.0.1"
    assert cwd == [ROOT]


def test_links_from_a_real_confirmation_email_save_and_review(app_settings):
    from tests.seed import draft_from_sample_email

    first = draft_from_sample_email(app_settings, 0)
    assert set(first["links"]) == {"save", "review", "cancel"}
    text = _text(_app(first["links"]["save"]))
    assert f"Candidate {first['person'].first} {first['person'].last} saved." in text
    assert _emails(app_settings, first["draft_id"]) == ["confirmation", "saved"]

    second = draft_from_sample_email(app_settings, 1)
    at = _app(second["links"]["review"])
    assert _field(at, second["draft_id"], "first_name").value == second["person"].first
    _button(at, "Save candidate").click().run()
    assert f"Candidate {second['person'].first} {second['person'].last} saved." in _text(at)
