"""Where messages arrive: open_mailbox(url) -> Mailbox with fetch_new() and mark_done(message).

maildir:///abs/path                   Python's mailbox.Maildir; done = moved to cur/ with flag S
folder:///abs/path                    a plain folder of .eml / .msg files (read-only); done = moved into done/
imap://user:password@host:port/FOLDER  imap-tools, plain connection (tests, local relays)
imaps://user:password@host:port/FOLDER imap-tools over TLS
A message stays new until mark_done() is called, which the pipeline does only after the draft and its
emails are committed: a crash in between means the message is read again, never lost.
"""

from __future__ import annotations

import logging
import mailbox as std_mailbox
import os
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit, urlunsplit

from models.schemas import IncomingMessage

log = logging.getLogger(__name__)

DONE_FLAG = "S"  # Maildir "seen": the flag our pipeline sets when a message is done
IMAP_DONE_KEYWORD = "ResumeInboxDone"  # our own keyword, so a human reading the mailbox doesn't hide mail from us
IMAP_TIMEOUT_SECONDS = 60  # a stalled server fails the task (and its retry) instead of hanging the flow


class Mailbox(Protocol):
    url: str  # password stripped

    def fetch_new(self, limit: int | None = None) -> list[IncomingMessage]: ...

    def mark_done(self, message: IncomingMessage) -> None: ...


def open_mailbox(url: str) -> Mailbox:
    """A Maildir or IMAP mailbox from its URL; ValueError for anything else."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "maildir":
        return MaildirMailbox(url)
    if scheme == "folder":
        return EmlFolderMailbox(url)
    if scheme in ("imap", "imaps"):
        return ImapMailbox(url)
    raise ValueError(f"unsupported mailbox URL scheme {scheme!r} (use maildir://, folder://, imap:// or imaps://)")


def redact(url: str) -> str:
    """The URL with any password removed: what logs and IncomingMessage.mailbox carry."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.hostname or ""
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# ---------- Maildir ----------


class MaildirMailbox:
    """A Maildir folder: new messages are in new/, or in cur/ without the S flag."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        raw_path = parts.netloc + parts.path
        # settings.mailboxes writes paths unquoted; a quoted URL ("my%20inbox") is decoded unless the raw path exists.
        path = raw_path if Path(raw_path).exists() else unquote(raw_path)
        if parts.netloc or not path.startswith("/"):
            raise ValueError(f"maildir URL needs an absolute path: {url!r} (maildir:///abs/path)")
        self.url = url
        self.path = Path(path)

    def _maildir(self) -> std_mailbox.Maildir:
        # A fresh object each time: Maildir caches its table of contents, and other processes deliver meanwhile.
        return std_mailbox.Maildir(self.path, factory=None, create=True)

    def fetch_new(self, limit: int | None = None) -> list[IncomingMessage]:
        """Messages not yet marked done, oldest delivery first."""
        maildir = self._maildir()
        pending = []
        for subdir in ("new", "cur"):
            for entry in os.scandir(self.path / subdir):
                if entry.name.startswith(".") or not entry.is_file():
                    continue
                key, _, info = entry.name.partition(":")
                flags = info[2:] if info.startswith("2,") else ""
                if DONE_FLAG not in flags:
                    pending.append((entry.stat().st_mtime, key))
        messages = []
        for _, key in sorted(pending)[:limit]:
            try:
                raw = maildir.get_bytes(key)
            except KeyError:  # taken by another worker between listing and reading
                continue
            messages.append(IncomingMessage(raw=raw, mailbox=redact(self.url), key=key))
        return messages

    def mark_done(self, message: IncomingMessage) -> None:
        """Move the message to cur/ with the S flag (a rename: its bytes never change). Idempotent."""
        for subdir in ("new", "cur"):
            for entry in os.scandir(self.path / subdir):
                key, _, info = entry.name.partition(":")
                if key != message.key:
                    continue
                flags = set(info[2:]) if info.startswith("2,") else set()
                flags.add(DONE_FLAG)
                target = self.path / "cur" / f"{key}:2,{''.join(sorted(flags))}"
                if Path(entry.path) != target:
                    os.rename(entry.path, target)
                return
        raise KeyError(f"message {message.key} is not in {self.path}")


# ---------- a folder of .eml / .msg files ----------

MESSAGE_SUFFIXES = (".eml", ".msg")
DONE_FOLDER = "done"


class EmlFolderMailbox:
    """Saved messages dropped in a folder (what a mail client's "Save as" or drag-and-drop gives):
    new = every .eml / .msg file directly in it; done = moved into its done/ subfolder, bytes unchanged."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        path = unquote(parts.path)
        if parts.netloc or not path.startswith("/"):
            raise ValueError(f"folder URL needs an absolute path: {url!r} (folder:///abs/path)")
        self.url = url
        self.path = Path(path)

    def fetch_new(self, limit: int | None = None) -> list[IncomingMessage]:
        """The message files not yet moved to done/, oldest first; a missing folder is an error, never created."""
        if not self.path.is_dir():
            raise FileNotFoundError(f"{self.path} is not a folder")
        pending = sorted(
            (entry.stat().st_mtime, entry.name)
            for entry in os.scandir(self.path)
            if entry.is_file() and not entry.name.startswith(".") and entry.name.lower().endswith(MESSAGE_SUFFIXES)
        )
        return [IncomingMessage(raw=(self.path / name).read_bytes(), mailbox=self.url, key=name) for _, name in pending[:limit]]

    def mark_done(self, message: IncomingMessage) -> None:
        """Move the file into done/ (a rename). Idempotent."""
        done = self.path / DONE_FOLDER
        source, target = self.path / message.key, done / message.key
        if target.exists() and not source.exists():
            return
        if not source.exists():
            raise KeyError(f"message {message.key} is not in {self.path}")
        done.mkdir(exist_ok=True)
        os.rename(source, target)


# ---------- IMAP ----------


class ImapMailbox:
    """An IMAP folder: new messages are those without our keyword, found by UID; reading never marks them."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if not parts.hostname or not parts.username:
            raise ValueError(f"IMAP URL needs a user and a host: {redact(url)!r}")
        self.url = url
        self.tls = parts.scheme.lower() == "imaps"
        self.host = parts.hostname
        self.port = parts.port or (993 if self.tls else 143)
        self.user = unquote(parts.username)
        self._password = unquote(parts.password or "")
        self.folder = unquote(parts.path.lstrip("/")) or "INBOX"

    def __repr__(self) -> str:
        return f"ImapMailbox({redact(self.url)!r})"

    def _connect(self):
        from imap_tools import MailBox, MailBoxUnencrypted

        if self.tls:
            box = MailBox(self.host, self.port, timeout=IMAP_TIMEOUT_SECONDS)
        else:
            box = MailBoxUnencrypted(self.host, self.port, timeout=IMAP_TIMEOUT_SECONDS)
        return box.login(self.user, self._password, initial_folder=self.folder)

    def fetch_new(self, limit: int | None = None) -> list[IncomingMessage]:
        """Messages without our done keyword, lowest UID first; fetched with BODY.PEEK so \\Seen is untouched.

        The key is "UIDVALIDITY/UID": a UID means nothing once the server renumbers the folder.
        """
        from imap_tools import AND

        messages = []
        with self._connect() as box:
            validity = self._uidvalidity(box)
            uids = sorted(box.uids(AND(no_keyword=IMAP_DONE_KEYWORD)), key=int)[:limit]
            for uid in uids:
                status, data = box.client.uid("FETCH", uid, "(BODY.PEEK[])")
                raw = next((item[1] for item in data if isinstance(item, tuple) and len(item) > 1), None)
                if status != "OK" or raw is None:  # expunged by someone else meanwhile
                    log.info("IMAP message %s in %s vanished before it was read", uid, redact(self.url))
                    continue
                messages.append(IncomingMessage(raw=bytes(raw), mailbox=redact(self.url), key=f"{validity}/{uid}"))
        return messages

    def mark_done(self, message: IncomingMessage) -> None:
        """Set our keyword and \\Seen on the message's UID. Idempotent."""
        from imap_tools import MailMessageFlags

        validity, _, uid = message.key.rpartition("/")
        with self._connect() as box:
            if validity and validity != self._uidvalidity(box):
                # The folder was renumbered: this UID may now be another message. Leave it; the next run reads the
                # message again and the archive's sha256 key keeps it from being drafted twice.
                log.warning("UIDVALIDITY of %s changed; not marking %s", redact(self.url), message.key)
                return
            box.flag(uid, (IMAP_DONE_KEYWORD, MailMessageFlags.SEEN), True)

    def _uidvalidity(self, box) -> str:
        return str(box.folder.status(self.folder, ["UIDVALIDITY"])["UIDVALIDITY"])


def open_mailboxes(urls: list[str]) -> list[Mailbox]:
    """One mailbox per configured account (settings.mailboxes)."""
    return [open_mailbox(url) for url in urls]
