"""Issue 2's bar on the shared corpus: every real resume, emailed as an attachment, gives a confirmation with
the extracted fields or a failure email naming the file, and a second pass adds nothing. The steps run as plain
functions (the flow around them is tested in test_flow_ingest.py)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.db import session_scope
from models.schemas import IncomingMessage
from models.tables import Draft, Message, OutboxEmail
from tasks import archive, drafts, route, samples, users
from tasks.split import SplitLimits

pytestmark = pytest.mark.corpus


def ingest_plainly(settings, raw: bytes) -> list:
    with session_scope(settings.db_url) as session:
        message = archive.archive_raw(session, settings.archive_dir, IncomingMessage(raw=raw, mailbox="test", key="k"))
    parsed = archive.split_archived(settings.archive_dir, message, SplitLimits.from_settings(settings), settings.max_message_bytes)
    with session_scope(settings.db_url) as session:
        routed = route.route_message(session, session.get(type(message), message.id), parsed)
    outcomes = []
    for document in routed.documents:
        with session_scope(settings.db_url) as session:
            outcomes.append(drafts.draft_document(session, settings, routed, document))
    with session_scope(settings.db_url) as session:  # the flow's finish step
        drafts.report_problems(session, routed)
        route.finish_message(session, routed.message_id)
    return outcomes


def test_every_corpus_resume_gets_a_confirmation_or_a_failure_naming_it(settings, corpus):
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    files = sorted(p for p in (corpus / "resumes").iterdir() if p.suffix.lower() in samples.CORPUS_SUFFIXES)
    raws = [(p.name, samples.file_message(p, user.import_address, "dana@agency.example", i)) for i, p in enumerate(files)]
    for name, raw in raws:
        outcomes = ingest_plainly(settings, raw)
        assert [o.document for o in outcomes] == [name]
    with session_scope(settings.db_url) as session:
        emails = {e.draft_id: e for e in session.exec(select(OutboxEmail)).all()}
        for draft in session.exec(select(Draft)).all():
            email = emails[draft.id]
            if draft.status == "failed":
                assert email.kind == "failure" and draft.document_name in email.subject and draft.error in email.body_text
            else:
                assert email.kind == "confirmation" and "First name:" in email.body_text
        assert len(emails) == len(files)
    for _, raw in raws:  # a second pass over the same messages
        assert not any(o.created for o in ingest_plainly(settings, raw))
    with session_scope(settings.db_url) as session:
        assert len(session.exec(select(OutboxEmail)).all()) == len(files)


def test_every_corpus_message_ingests_and_its_recruiter_hears_back(settings, corpus):
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    paths = sorted([*(corpus / "emails").glob("*.eml"), *(corpus / "emails").glob("*.msg"), *(corpus / "cases").glob("*.eml")])
    assert paths
    for path in paths:
        raw = path.read_bytes()
        if path.suffix == ".eml":
            # As the receiving mail server adds it: the import address the message was delivered to.
            raw = f"Delivered-To: {user.import_address}\r\n".encode() + raw
        ingest_plainly(settings, raw)
    with session_scope(settings.db_url) as session:
        messages = session.exec(select(Message)).all()
        emails = session.exec(select(OutboxEmail)).all()
        routed = [m for m in messages if m.status != "quarantined"]
        assert len(routed) >= len([p for p in paths if p.suffix == ".eml"])
        heard = {e.draft_id for e in emails} | {e.dedupe_key.split(":")[1] for e in emails if e.dedupe_key.startswith("message:")}
        drafted = {d.message_id for d in session.exec(select(Draft)).all()}
        silent = [m.subject for m in routed if m.id not in drafted and m.sha256 not in heard]
        assert not silent, f"routed messages with no email back: {silent}"

