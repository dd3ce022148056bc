from __future__ import annotations

import hashlib

from sqlmodel import select

from models.db import session_scope
from models.schemas import IncomingMessage
from models.tables import Message
from tasks.archive import archive_path, archive_raw, read_archived


def incoming(raw: bytes = b"From: a@b\r\nSubject: hi\r\n\r\nbody\r\n", key: str = "k1") -> IncomingMessage:
    return IncomingMessage(raw=raw, mailbox="maildir:///inbox", key=key)


def test_bytes_are_stored_under_their_sha256_before_the_row(settings):
    raw = b"Subject: cv\r\n\r\nJane"
    sha = hashlib.sha256(raw).hexdigest()
    with session_scope(settings.db_url) as session:
        message = archive_raw(session, settings.archive_dir, incoming(raw))
        assert message.sha256 == sha
        assert read_archived(settings.archive_dir, message) == raw
    assert archive_path(settings.archive_dir, sha).read_bytes() == raw
    assert not list(settings.archive_dir.rglob(".tmp-*")), "the atomic write leaves no temporary file"


def test_archiving_the_same_message_again_returns_the_existing_row(settings):
    with session_scope(settings.db_url) as session:
        first = archive_raw(session, settings.archive_dir, incoming(key="k1"))
    with session_scope(settings.db_url) as session:
        again = archive_raw(session, settings.archive_dir, incoming(key="k2"))
        assert again.id == first.id
        assert len(session.exec(select(Message)).all()) == 1
    assert len(list(settings.archive_dir.rglob("*.eml"))) == 1


def test_a_row_lost_in_a_crash_is_inserted_when_the_file_already_exists(settings):
    raw = b"Subject: crash\r\n\r\nbody"
    with session_scope(settings.db_url) as session:
        archive_raw(session, settings.archive_dir, incoming(raw))
        session.rollback()  # the process died before the commit: the file stays, the row doesn't
    with session_scope(settings.db_url) as session:
        message = archive_raw(session, settings.archive_dir, incoming(raw))
        assert message.id is not None
        assert read_archived(settings.archive_dir, message) == raw


def test_a_message_over_the_size_limit_is_kept_but_only_its_headers_are_read(settings):
    from tasks.archive import split_archived
    from tasks.split import SplitLimits
    from tests.factories import make_message

    raw = make_message(to="dana.x@import.test", files=[("big.txt", b"Jane Doe\n" * 5000)]).as_bytes()
    with session_scope(settings.db_url) as session:
        message = archive_raw(session, settings.archive_dir, incoming(raw))
    parsed = split_archived(settings.archive_dir, message, SplitLimits(), max_message_bytes=10_000)
    assert parsed.documents == () and parsed.recipients == ("dana.x@import.test",)
    assert "MB we accept; nothing in it was imported" in parsed.problems[0]
    assert len(split_archived(settings.archive_dir, message, SplitLimits(), max_message_bytes=10**9).documents) == 1
