"""Shared fixtures: a fresh home per test, the shared corpus (skipped plainly when absent), PostgreSQL."""

from __future__ import annotations

import email
import os
import socket
import uuid
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from models.db import migrate
from models.settings import Settings, get_settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("RESUME_INBOX_CORPUS", ROOT.parent / "shared" / "corpus"))
POSTGRES_ADMIN_URL = os.environ.get("RESUME_INBOX_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on, for the servers tests start (IMAP, SMTP, Streamlit)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def outbox_messages(settings: Settings) -> list[EmailMessage]:
    """Every email the Maildir outbox holds (new/ and cur/), parsed, in file-name order."""
    paths = sorted([*(settings.outbox_dir / "new").glob("*"), *(settings.outbox_dir / "cur").glob("*")])
    return [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in paths]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a fresh home with a migrated SQLite database."""
    home = tmp_path / "home"
    home.mkdir()
    s = Settings(home=home, dashboard_url="http://dashboard.test")
    migrate(s.db_url)
    return s


@pytest.fixture
def app_settings(settings, monkeypatch):
    """The app reads settings from the environment, like `resume-inbox dashboard`."""
    monkeypatch.setenv("RESUME_INBOX_HOME", str(settings.home))
    monkeypatch.setenv("RESUME_INBOX_DASHBOARD_URL", settings.dashboard_url)
    monkeypatch.delenv("RESUME_INBOX_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield settings
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus, read in place; tests that need it are skipped with a plain reason when it is absent."""
    if not (CORPUS / "resumes" / "labels.json").exists():
        pytest.skip(f"shared corpus not found at {CORPUS} (set RESUME_INBOX_CORPUS)")
    return CORPUS


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """Admin URL of the machine's PostgreSQL; fails (not skips) when it is not running: CI has it."""
    import sqlalchemy as sa

    engine = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text("select 1"))
    engine.dispose()
    return POSTGRES_ADMIN_URL


@pytest.fixture
def postgres_url(postgres_server_url: str) -> str:
    """A brand-new PostgreSQL database for one test, dropped afterwards."""
    import sqlalchemy as sa

    name = f"resume_inbox_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = postgres_server_url.rsplit("/", 1)[0] + f"/{name}"
    yield url
    from models.db import get_engine

    get_engine(url).dispose()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_settings(tmp_path: Path, postgres_url: str) -> Settings:
    home = tmp_path / "home"
    home.mkdir()
    s = Settings(home=home, database_url=postgres_url, dashboard_url="http://dashboard.test")
    migrate(s.db_url)
    return s


@pytest.fixture(scope="session")
def prefect_api_url() -> str:
    """ONE Prefect test harness for the whole session (it costs 15-23 s to start): flows run against it, and
    its API URL lets subprocesses (the crash test's `resume-inbox ingest`) share it via PREFECT_API_URL."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()
