"""A real Dovecot IMAP server for tests: private config in a temp dir, passwd-file user, plain port on 127.0.0.1.

Use it by importing the fixtures into a test module: `from tests.imap_server import imap_server, imap_folder`.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import free_port

USER = "recruiting"
PASSWORD = "s3cret-pw"
DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
info_log_path = {dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{dir}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dir}/users
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={dir}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    log: Path

    def url(self, folder: str = "INBOX") -> str:
        return f"imap://{self.user}:{self.password}@{self.host}:{self.port}/{folder}"

    def connect(self, folder: str = "INBOX"):
        from imap_tools import MailBoxUnencrypted

        return MailBoxUnencrypted(self.host, self.port).login(self.user, self.password, initial_folder=folder)


def _wait_for(port: int, log: Path, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if s.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)
    text = log.read_text() if log.exists() else "(no log)"
    raise RuntimeError(f"Dovecot did not answer on 127.0.0.1:{port} within {timeout} s; its log:\n{text}")


@pytest.fixture(scope="session")
def imap_server():
    """Dovecot on a free port for the whole session; stopped and removed afterwards."""
    if DOVECOT is None:
        pytest.fail("dovecot binary not found: install the Debian package dovecot-imapd (scripts/bootstrap does)")
    root = Path(tempfile.mkdtemp(prefix="dovecot-"))  # short path: Dovecot's unix sockets live under it
    root.chmod(0o755)
    (root / "mail").mkdir()
    (root / "mail").chmod(0o777)  # mail is stored as "nobody"
    (root / "users").write_text(f"{USER}:{PASSWORD}\n")
    port = free_port()
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(dir=root, port=port))
    log = root / "dovecot.log"
    # Not capture_output: the daemon inherits the pipes and run() would wait for it to exit.
    with open(root / "start.log", "w") as start_log:
        started = subprocess.run([DOVECOT, "-c", str(config)], stdin=subprocess.DEVNULL, stdout=start_log,
                                 stderr=subprocess.STDOUT, timeout=30)
    if started.returncode != 0:
        pytest.fail(f"dovecot failed to start: {(root / 'start.log').read_text()}")
    try:
        _wait_for(port, log)
        yield ImapServer("127.0.0.1", port, USER, PASSWORD, log)
    finally:
        subprocess.run([DOVECOT, "-c", str(config), "stop"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=30)
        for _ in range(50):  # the master removes its pid file when every child has gone
            if not (root / "run" / "master.pid").exists():
                break
            time.sleep(0.1)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_folder(imap_server: ImapServer) -> str:
    """A fresh, empty folder for one test; its name."""
    name = f"T{uuid.uuid4().hex[:10]}"
    with imap_server.connect() as box:
        box.folder.create(name)
    return name
