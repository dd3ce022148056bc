"""The spine's commands as a user types them: users, and the demo twice on a fresh home."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

import cli
from models.settings import get_settings


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RESUME_INBOX_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RESUME_INBOX_CORPUS", str(tmp_path / "no-corpus"))
    get_settings.cache_clear()
    yield tmp_path / "home"
    get_settings.cache_clear()


def run(*args: str) -> str:
    cli.console.width = 250  # rich wraps table cells to the terminal; a test has none
    result = CliRunner().invoke(cli.app, list(args))
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def test_users_add_prints_the_import_address_and_new_address_replaces_it(home):
    address = run("users", "add", "rita@agency.example", "--name", "Rita Recruiter").strip()
    assert re.fullmatch(r"rita\.[a-z0-9]{22}@import\.resume-inbox\.local", address)
    assert run("users", "add", "rita@agency.example", "--name", "Rita Recruiter").strip() == address
    renewed = run("users", "new-address", "rita@agency.example").strip()
    assert renewed != address and renewed.startswith("rita.")
    assert run("users", "confirm-to", "rita@agency.example", "desk@agency.example").strip() == "desk@agency.example"
    listed = run("users", "list")
    assert "rita@agency.example" in listed and renewed in listed


def test_demo_on_a_fresh_home_then_again_adds_nothing(settings, prefect_api_url):
    # run_demo in-process: typer's CliRunner swaps sys.stdout, and Prefect's log handler would keep the closed one.
    from flows.demo import run_demo

    first = run_demo(settings, corpus_dir=None)
    resumes = 13  # twelve generated resumes and a zip (no corpus here)
    assert (first.report.messages, first.report.quarantined, sum(d.created for d in first.report.drafts)) == (resumes + 1, 1, resumes)
    assert (first.confirmations, first.failures, first.outbox_files) == (resumes, 0, resumes)
    assert all(row.first_name[0] and row.email[0] for row in first.rows), first.rows
    assert first.example_save.startswith("http://dashboard.test/?t=") and first.example_review

    second = run_demo(settings, corpus_dir=None)
    assert (second.messages_added, second.report.messages, second.outbox_files) == (0, 0, resumes)
    assert len(second.rows) == resumes
