"""The running dashboard in headless Debian chromium: links clicked as a recruiter would, screenshots kept.

One `streamlit run` server and one browser for the module; screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import migrate, session_scope
from models.settings import Settings
from models.tables import Candidate, Draft, OutboxEmail
from tests.conftest import free_port, outbox_messages
from tests.seed import seed_history, seed_home

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A seeded home and `streamlit run dashboard/app.py` on a free port, as `resume-inbox dashboard` starts it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/bootstrap (it installs Debian chromium)")
    home = tmp_path_factory.mktemp("browser") / "home"
    home.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    settings = Settings(home=home, dashboard_url=url)
    migrate(settings.db_url)
    seed = seed_home(settings)
    seed_history(settings)
    env = {**os.environ, "RESUME_INBOX_HOME": str(home), "RESUME_INBOX_DASHBOARD_URL": url, "RESUME_INBOX_DATABASE_URL": ""}
    log = (tmp_path_factory.getbasetemp() / f"streamlit-{port}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start; see {log.name}")
                time.sleep(0.3)
        yield settings, seed, url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def _open(page, url: str, text: str):
    page.goto(url)
    page.get_by_text(text).first.wait_for()
    page.wait_for_timeout(400)  # let images and fonts settle before a screenshot


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _draft(settings, draft_id) -> Draft:
    with session_scope(settings.db_url) as session:
        return session.get(Draft, draft_id)


def test_a_scanner_fetching_the_link_does_not_use_it(server):
    settings, seed, url = server
    link = f"{url}/?t={seed['links'][seed['complete']]['save']}"
    for method in ("HEAD", "GET"):
        with urllib.request.urlopen(urllib.request.Request(link, method=method), timeout=10) as response:
            assert response.status == 200
    assert _draft(settings, seed["complete"]).status == "pending"


def test_save_link_saves_then_the_same_link_shows_the_error_page(server, page):
    settings, seed, url = server
    link = f"{url}/?t={seed['links'][seed['complete']]['save']}"

    _open(page, link, "Candidate Jane Doe saved.")
    _shot(page, "link-saved")
    assert _draft(settings, seed["complete"]).status == "saved"

    _open(page, link, "This link can't be used")
    assert page.get_by_text("This candidate was already saved on").is_visible()
    _shot(page, "link-used")
    with session_scope(settings.db_url) as session:
        assert len(session.exec(select(OutboxEmail).where(OutboxEmail.draft_id == seed["complete"])).all()) == 1


def test_cancel_link_asks_once_then_removes(server, page):
    settings, seed, url = server
    _open(page, f"{url}/?t={seed['links'][seed['low']]['cancel']}", "Remove the resume of Li Wei?")
    _shot(page, "link-cancel-confirm")
    assert _draft(settings, seed["low"]).status == "pending"

    page.get_by_role("button", name="Remove resume").click()
    page.get_by_text("Resume removed.").wait_for()
    _shot(page, "link-cancel-done")
    assert _draft(settings, seed["low"]).status == "cancelled"


def test_review_edit_then_save(server, page):
    settings, seed, url = server
    draft_id = seed["no_email"]
    _open(page, f"{url}/?t={seed['links'][draft_id]['review']}", "Extracted fields")
    page.get_by_text("Page 1").first.wait_for()
    _shot(page, "review")

    email = page.get_by_label(re.compile(r"^Email"))  # its label carries the low-confidence mark
    email.fill("omar.haddad@example.com")
    email.press("Tab")
    page.get_by_label("Location", exact=True).fill("Berlin, Germany")
    page.get_by_role("button", name="Save candidate").click()
    page.get_by_text("Candidate Omar Haddad saved.").wait_for()
    _shot(page, "review-saved")
    with session_scope(settings.db_url) as session:
        candidate = session.exec(select(Candidate).where(Candidate.draft_id == draft_id)).one()
    assert (candidate.email, candidate.location) == ("omar.haddad@example.com", "Berlin, Germany")


@pytest.mark.parametrize(
    ("path", "last_text", "name"),
    [
        ("", "Links in confirmation emails open", "home"),
        ("desktop-tools", "Email me a sign-in link", "desktop-tools-sign-in"),
        ("extraction-quality", "Recent corrections", "extraction-quality"),
        ("operations", "Figures as of", "operations"),
    ],
)
def test_other_pages_render(server, page, path, last_text, name):
    _, _, url = server
    page.set_viewport_size({"width": 1366, "height": 1900})  # the app scrolls inside its own container: a tall window shows it all
    # A fresh server learns its page list from the first script run; before that a deep link shows
    # Streamlit's "Page not found" over the right page. Email links use "/", so warm up through it.
    _open(page, url, "Your resumes, one email away")
    _open(page, f"{url}/{path}", last_text)
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')")
    page.wait_for_timeout(1500)  # charts and data grids draw after the script ends
    assert page.get_by_text("Traceback").count() == 0 and page.get_by_text("Page not found").count() == 0
    _shot(page, name)


def test_sign_in_by_emailed_link_then_desktop_tools(server, page):
    """The recruiter asks for a link, opens it from the (Maildir) outbox, lands on their own settings."""
    settings, _, url = server
    _open(page, url, "Your resumes, one email away")
    _open(page, f"{url}/desktop-tools", "Email me a sign-in link")
    page.get_by_label("Your login email").fill("rita@agency.test")
    page.get_by_role("button", name="Email me a sign-in link").click()
    page.get_by_text("a sign-in link is on its way").wait_for()
    bodies = [m.get_body(("plain",)).get_content() for m in outbox_messages(settings) if m["X-Resume-Inbox-Kind"] == "sign_in"]
    [link] = [m.group(0) for text in bodies for m in [re.search(r"http://\S+/\?signin=[A-Za-z0-9_%-]+", text)] if m]

    _open(page, link, "Issue a new import address")
    assert page.get_by_text("Signed in as Rita").count() == 1
    _shot(page, "desktop-tools")
    _open(page, link, "This sign-in link was already used")  # a second tab with the same link: no entry
