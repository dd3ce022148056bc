"""cli.py as a user meets it: bad input gets one line and exit code 2, addresses print whole, the dashboard
becomes Streamlit (signals reach it), --maildir takes a Maildir or a folder of saved .eml / .msg files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

import cli
from models.db import session_scope
from models.settings import get_settings
from models.tables import Draft
from tasks import samples, users
from tests.conftest import free_port
from tests.factories import make_message

RESUME_INBOX = Path(sys.executable).parent / "resume-inbox"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RESUME_INBOX_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RESUME_INBOX_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "home"
    get_settings.cache_clear()


def invoke(*args: str):
    return CliRunner().invoke(cli.app, list(args))


def assert_one_line_error(result, *expected: str) -> None:
    assert result.exit_code == 2, (result.output, result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output and all(e in lines[0] for e in expected), lines


# ---------- users ----------


def test_users_add_with_an_invalid_email_prints_one_line_and_exits_2(home):
    assert_one_line_error(invoke("users", "add", "not-an-email", "--name", "X"), "not-an-email: ", "@-sign")
    assert_one_line_error(invoke("users", "add", "ok@agency.example", "--name", "X", "--confirm-to", "desk@"), "desk@: ")
    assert users.list_users(get_settings()) == []


def _two_recruiters() -> tuple[str, str]:
    rita = invoke("users", "add", "rita@agency.example", "--name", "Rita Recruiter", "--confirm-to", "desk@agency.example").output.strip()
    omar = invoke("users", "add", "omar@agency.example", "--name", "Omar [Agency] Haddad").output.strip()
    return rita, omar


def test_users_list_piped_prints_whole_addresses_and_the_effective_confirmation_address(home):
    rita, omar = _two_recruiters()
    result = invoke("users", "list")  # CliRunner's stdout is not a terminal, like a pipe
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "email\tname\timport address\tconfirmations to\tdesktop tools"
    assert lines[1:] == [
        f"omar@agency.example\tOmar [Agency] Haddad\t{omar}\tomar@agency.example (login email)\tyes",
        f"rita@agency.example\tRita Recruiter\t{rita}\tdesk@agency.example\tyes",
    ]


@pytest.mark.parametrize("width", [80, 250])
def test_users_list_on_a_terminal_never_cuts_an_address(home, monkeypatch, width):
    rita, omar = _two_recruiters()
    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    monkeypatch.setattr(cli.console, "width", width)
    output = invoke("users", "list").output
    assert rita in output and omar in output and "…" not in output
    assert "omar@agency.example (login email)" in output and "Omar [Agency] Haddad" in output
    assert ("┃" in output) == (width == 250)  # the table when it fits, a block per recruiter when not
    assert all(len(line) <= width for line in output.splitlines() if "@import." not in line)


# ---------- evaluate / benchmark ----------


def test_evaluate_without_labels_and_benchmark_of_a_missing_folder_print_one_line(tmp_path):
    (tmp_path / "cv.txt").write_text("Jane Doe\njane@example.com\n")
    assert_one_line_error(invoke("evaluate", str(tmp_path)), "has no labels.json")
    assert_one_line_error(invoke("evaluate", str(tmp_path / "nowhere")), "does not exist")
    assert_one_line_error(invoke("benchmark", "/nonexistent"), "/nonexistent does not exist")
    assert_one_line_error(invoke("benchmark", str(tmp_path / "cv.txt")), "is a file")
    (tmp_path / "empty").mkdir()
    assert_one_line_error(invoke("benchmark", str(tmp_path / "empty")), "holds no resume files")


# ---------- ingest --maildir ----------


def test_ingest_of_a_mistyped_maildir_is_an_error_and_creates_nothing(home, tmp_path):
    assert_one_line_error(invoke("ingest", "--maildir", str(tmp_path / "inbx")), "does not exist", "Maildir")
    assert not (tmp_path / "inbx").exists()
    (tmp_path / "one.eml").write_bytes(b"Subject: x\n\nhello\n")
    assert_one_line_error(invoke("ingest", "--maildir", str(tmp_path / "one.eml")), "is a file, not a folder")


def test_ingest_of_a_folder_of_eml_files_drafts_them_and_moves_them_to_done(settings, tmp_path, prefect_api_url):
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    folder = tmp_path / "saved mail"
    folder.mkdir()
    resume = samples.make_resume(samples.PEOPLE[0], "pdf")
    (folder / "cv.eml").write_bytes(samples.resume_message(resume, user.import_address, "Dana <dana@agency.example>", 0))
    bracketed = make_message(to=user.import_address, files=[("CV [final] Kofi.txt", b"Kofi Mensah\nkofi.mensah@example.com\n" + b"Experience " * 30)])
    (folder / "kofi.eml").write_bytes(bracketed.as_bytes())
    env = {
        **os.environ,
        "RESUME_INBOX_HOME": str(settings.home),
        "RESUME_INBOX_DASHBOARD_URL": settings.dashboard_url,
        "PREFECT_API_URL": prefect_api_url,
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    env.pop("RESUME_INBOX_DATABASE_URL", None)
    run = subprocess.run([str(RESUME_INBOX), "ingest", "--maildir", str(folder)], env=env, capture_output=True, text=True, timeout=300)

    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)  # JSON as printed, piped: no markup eaten, no lines wrapped
    assert sorted(d["document"] for d in report["drafts"]) == ["CV [final] Kofi.txt", resume.filename]
    assert not (folder / "cv.eml").exists() and (folder / "done" / "cv.eml").exists()
    assert not (folder / "new").exists()  # read as it is: never turned into a Maildir
    with session_scope(settings.db_url) as session:
        drafts = session.exec(select(Draft)).all()
    assert {d.status for d in drafts} == {"pending"} and {d.user_id for d in drafts} == {user.id}
    assert len(list((settings.home / "outbox" / "new").iterdir())) == 2


# ---------- dashboard ----------


def _dashboard_calls(monkeypatch, *args: str):
    calls = []
    monkeypatch.setattr(os, "execv", lambda path, command: calls.append(command))
    monkeypatch.setattr(os, "chdir", lambda path: None)
    return invoke("dashboard", *args), calls


def test_dashboard_warns_when_it_serves_more_than_this_machine(home, monkeypatch):
    result, calls = _dashboard_calls(monkeypatch, "--address", "0.0.0.0", "--port", "8655")
    assert result.exit_code == 0 and len(calls) == 1
    assert "Warning: serving on 0.0.0.0" in result.output and "have no sign-in" in result.output

    for address in ("127.0.0.1", "::1", "localhost"):
        result, calls = _dashboard_calls(monkeypatch, "--address", address)
        assert result.exit_code == 0 and "Warning" not in result.output, address


def test_dashboard_becomes_streamlit_so_sigterm_stops_it(tmp_path):
    env = {**os.environ, "RESUME_INBOX_HOME": str(tmp_path / "home")}
    env.pop("RESUME_INBOX_DATABASE_URL", None)
    process = subprocess.Popen([str(RESUME_INBOX), "dashboard", "--port", str(free_port())], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        cmdline = b""
        deadline = time.monotonic() + 60
        while b"streamlit" not in cmdline and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        # The same process id is Streamlit now: no child left behind when a supervisor stops the command.
        assert b"streamlit" in cmdline.split(b"\0")[2], cmdline
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) is not None
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
