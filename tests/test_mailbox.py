"""Mailboxes: Maildir on tmp_path, IMAP against a real Dovecot (tests/imap_server.py)."""

from __future__ import annotations

import mailbox as std_mailbox
from pathlib import Path

import pytest

from tasks.mailbox import ImapMailbox, MaildirMailbox, open_mailbox, open_mailboxes, redact
from tests.factories import make_message
from tests.imap_server import ImapServer, imap_folder, imap_server  # noqa: F401  (fixtures)


def deliver(path: Path, subject: str, subdir: str = "new", flags: str = "") -> str:
    maildir = std_mailbox.Maildir(path, create=True)
    message = std_mailbox.MaildirMessage(make_message(subject=subject).as_bytes())
    message.set_subdir(subdir)
    if flags:
        message.set_flags(flags)
    return maildir.add(message)


def test_maildir_fetches_new_messages_until_marked_done(tmp_path):
    inbox = tmp_path / "inbox"
    first = deliver(inbox, "one")
    deliver(inbox, "two", subdir="cur", flags="F")  # read by a human, not by us: still new to the pipeline
    deliver(inbox, "three", subdir="cur", flags="S")  # done earlier
    box = open_mailbox(f"maildir://{inbox}")
    assert isinstance(box, MaildirMailbox)
    fetched = box.fetch_new()
    assert sorted(b"Subject: one" in m.raw or b"Subject: two" in m.raw for m in fetched) == [True, True]
    assert {m.mailbox for m in fetched} == {f"maildir://{inbox}"}

    raw_before = next(m.raw for m in fetched if m.key == first)
    box.mark_done(next(m for m in fetched if m.key == first))
    box.mark_done(next(m for m in fetched if m.key == first))  # idempotent
    left = box.fetch_new()
    assert len(left) == 1 and left[0].key != first
    done = [p for p in (inbox / "cur").iterdir() if p.name.startswith(first)]
    assert [p.name.split(":", 1)[1] for p in done] == ["2,S"]
    assert done[0].read_bytes() == raw_before  # marking done never rewrites the message


def test_maildir_limit_and_fresh_folder(tmp_path):
    inbox = tmp_path / "fresh"
    box = open_mailbox(f"maildir://{inbox}")
    assert box.fetch_new() == []
    for i in range(3):
        deliver(inbox, f"m{i}")
    assert len(box.fetch_new(limit=2)) == 2


def test_bad_urls_are_refused():
    with pytest.raises(ValueError):
        open_mailbox("pop3://user@host")
    with pytest.raises(ValueError):
        open_mailbox("maildir://relative/path")


def test_password_never_leaves_the_mailbox_object():
    url = "imap://rita:s3cr%40t@mail.example:1143/INBOX"
    box = open_mailbox(url)
    assert isinstance(box, ImapMailbox)
    assert (box.user, box.host, box.port, box.folder, box.tls) == ("rita", "mail.example", 1143, "INBOX", False)
    assert "s3cr" not in repr(box) and redact(url) == "imap://rita@mail.example:1143/INBOX"
    assert open_mailbox("imaps://rita:pw@mail.example/Resumes").port == 993
    assert len(open_mailboxes([url, "maildir:///tmp/x"])) == 2


@pytest.mark.imap
def test_imap_fetches_by_uid_without_marking_until_done(imap_server: ImapServer, imap_folder: str):
    from imap_tools import MailMessageFlags

    raws = [make_message(subject=f"cv {i}").as_bytes().replace(b"\n", b"\r\n") for i in range(3)]
    with imap_server.connect(imap_folder) as box:
        box.append(raws[0], imap_folder)
        box.append(raws[1], imap_folder, flag_set=[MailMessageFlags.SEEN])  # a human read it: still new to us
        box.append(raws[2], imap_folder)

    box = open_mailbox(imap_server.url(imap_folder))
    fetched = box.fetch_new()
    assert [m.raw for m in fetched] == raws
    assert all(m.mailbox == f"imap://{imap_server.user}@127.0.0.1:{imap_server.port}/{imap_folder}" for m in fetched)
    assert all(imap_server.password not in m.mailbox for m in fetched)
    assert [m.raw for m in box.fetch_new()] == raws  # reading twice changes nothing

    uids = [m.key.split("/")[1] for m in fetched]
    with imap_server.connect(imap_folder) as client:
        flags = {m.uid: m.flags for m in client.fetch(mark_seen=False, headers_only=True)}
    assert flags[uids[0]] == ()  # fetch used BODY.PEEK: no \\Seen

    box.mark_done(fetched[0])
    box.mark_done(fetched[0])  # idempotent
    assert [m.key for m in box.fetch_new()] == [fetched[1].key, fetched[2].key]
    assert [m.raw for m in box.fetch_new(limit=1)] == [raws[1]]
    with imap_server.connect(imap_folder) as client:
        flags = {m.uid: m.flags for m in client.fetch(mark_seen=False, headers_only=True)}
    assert MailMessageFlags.SEEN in flags[uids[0]] and "ResumeInboxDone" in flags[uids[0]]

    stale = fetched[1].model_copy(update={"key": "1/" + uids[1]})  # from before the folder was renumbered
    box.mark_done(stale)
    assert [m.key for m in box.fetch_new()] == [fetched[1].key, fetched[2].key]


@pytest.mark.imap
def test_imap_wrong_password_fails_without_showing_it(imap_server: ImapServer):
    from imap_tools.errors import MailboxLoginError

    box = open_mailbox(f"imap://{imap_server.user}:wrong-pw@127.0.0.1:{imap_server.port}/INBOX")
    with pytest.raises(MailboxLoginError) as failure:
        box.fetch_new()
    assert "wrong-pw" not in str(failure.value)


# ---------- a folder of saved .eml / .msg files ----------


def test_eml_folder_reads_message_files_and_moves_done_ones_into_done(tmp_path):
    from tasks.mailbox import EmlFolderMailbox

    folder = tmp_path / "saved mail"
    folder.mkdir()
    (folder / "one.eml").write_bytes(make_message(subject="one").as_bytes())
    (folder / "two.EML").write_bytes(make_message(subject="two").as_bytes())
    (folder / "notes.txt").write_text("not a message")
    box = open_mailbox(f"folder://{folder}")
    assert isinstance(box, EmlFolderMailbox)

    fetched = box.fetch_new()
    assert sorted(m.key for m in fetched) == ["one.eml", "two.EML"]
    one = next(m for m in fetched if m.key == "one.eml")
    raw_before = one.raw
    box.mark_done(one)
    box.mark_done(one)  # idempotent
    assert [m.key for m in box.fetch_new()] == ["two.EML"]
    assert (folder / "done" / "one.eml").read_bytes() == raw_before and (folder / "notes.txt").exists()


def test_eml_folder_never_creates_a_missing_folder(tmp_path):
    box = open_mailbox(f"folder://{tmp_path / 'typo'}")
    with pytest.raises(FileNotFoundError):
        box.fetch_new()
    assert not (tmp_path / "typo").exists()
    with pytest.raises(ValueError):
        open_mailbox("folder://relative/path")
