"""Step 2: keep the raw bytes of every message before anything else, keyed by their sha256."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models.schemas import IncomingMessage, SplitMessage
from models.tables import Message

log = logging.getLogger(__name__)


def archive_path(archive_dir: Path, sha256: str) -> Path:
    """Where a message with this digest lives: two fan-out levels keep directories small."""
    return archive_dir / sha256[:2] / sha256[2:4] / f"{sha256}.eml"


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def archive_raw(session: Session, archive_dir: Path, incoming: IncomingMessage) -> Message:
    """Raw bytes -> file under archive_dir (content-addressed) -> one Message row; a re-run returns that row."""
    sha256 = hashlib.sha256(incoming.raw).hexdigest()
    path = archive_path(archive_dir, sha256)
    # Same digest, same bytes: an existing file is already right, so only a missing one is written.
    if not path.exists():
        write_atomically(path, incoming.raw)
    existing = session.exec(select(Message).where(Message.sha256 == sha256)).first()
    if existing is not None:
        return existing
    message = Message(
        sha256=sha256,
        archive_path=str(path.relative_to(archive_dir)),
        mailbox=incoming.mailbox,
        mailbox_key=incoming.key,
        size=len(incoming.raw),
    )
    try:
        # A savepoint: another worker archiving the same message at the same moment is not an error.
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        log.info("message %s archived concurrently by another run", sha256[:12])
        return session.exec(select(Message).where(Message.sha256 == sha256)).one()
    log.info("archived message %s (%d bytes) from %s", sha256[:12], len(incoming.raw), incoming.mailbox)
    return message


def read_archived(archive_dir: Path, message: Message) -> bytes:
    """The raw bytes of an archived message."""
    return (archive_dir / message.archive_path).read_bytes()


def split_archived(archive_dir: Path, message: Message, limits, max_message_bytes: int) -> SplitMessage:
    """The archived message split into documents; one over max_message_bytes is read for its headers only,
    with a problem sentence for the recruiter (it stays in the archive, nothing is lost)."""
    from tasks.split import split_message

    raw = read_archived(archive_dir, message)
    if len(raw) <= max_message_bytes:
        return split_message(raw, limits)
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0] + b"\r\n\r\n"
    headers_only = split_message(head, limits)
    sentence = f"The message was {len(raw) / 2**20:.0f} MB, over the {max_message_bytes / 2**20:.0f} MB we accept; nothing in it was imported."
    log.warning("message %s is %d bytes, over max_message_bytes", message.sha256[:12], len(raw))
    return headers_only.model_copy(update={"documents": (), "problems": (sentence,)})
