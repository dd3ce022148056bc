from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.schemas import Options
from models.tables import ActionToken, Candidate, Draft, OpsEvent, OutboxEmail
from tasks import drafts
from tests import spine
from tests.seed import make_fields, make_user


def draft(settings, session, routed, document, **kw):
    kw.setdefault("read", spine.reader)
    kw.setdefault("extract", spine.extractor())
    return drafts.draft_document(session, settings, routed, document, **kw)


def test_a_document_becomes_draft_file_links_and_one_confirmation(settings):
    with session_scope(settings.db_url) as session:
        user = make_user(session, last_options=Options(source="LinkedIn", tags=["Remote"]).model_dump())
        routed = spine.routed(session, user, (spine.document(),))
        outcome = draft(settings, session, routed, routed.documents[0])
        assert outcome.created and outcome.status == "pending"
        row = session.get(Draft, outcome.draft_id)
        assert (settings.files_dir / row.file_path).read_bytes() == b"%PDF-1.4 jane"
        assert row.options["source"] == "LinkedIn" and row.subject == "Candidate for the data role"
        assert sorted(t.action for t in session.exec(select(ActionToken)).all()) == ["cancel", "review", "save"]
        email = session.exec(select(OutboxEmail)).one()
        assert email.kind == "confirmation" and email.to_address == user.email
        assert "http://dashboard.test/?t=" in email.body_text and "LinkedIn" in email.body_text


def test_a_rerun_adds_nothing(settings):
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        routed = spine.routed(session, user, (spine.document(),))
        first = draft(settings, session, routed, routed.documents[0])
    with session_scope(settings.db_url) as session:
        again = draft(settings, session, routed, routed.documents[0])
        assert not again.created and again.draft_id == first.draft_id
        assert len(session.exec(select(Draft)).all()) == 1
        assert len(session.exec(select(OutboxEmail)).all()) == 1
        assert len(session.exec(select(ActionToken)).all()) == 3


def test_no_save_link_without_all_three_key_fields(settings):
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        routed = spine.routed(session, user, (spine.document(),))
        draft(settings, session, routed, routed.documents[0], extract=spine.extractor(make_fields(email=None)))
        assert sorted(t.action for t in session.exec(select(ActionToken)).all()) == ["cancel", "review"]
        assert "Save:" not in session.exec(select(OutboxEmail)).one().body_text


def test_an_unreadable_document_becomes_a_failed_draft_and_a_failure_email(settings):
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        routed = spine.routed(session, user, (spine.document(name="locked.pdf"),))
        outcome = draft(settings, session, routed, routed.documents[0], read=spine.broken_reader)
        assert outcome.status == "failed" and "encrypted" in outcome.error
        row = session.get(Draft, outcome.draft_id)
        assert row.status == "failed" and row.file_path is None
        email = session.exec(select(OutboxEmail)).one()
        assert email.kind == "failure" and "locked.pdf" in email.subject and "encrypted" in email.body_text
        assert session.exec(select(OpsEvent)).one().kind == "unreadable_document"
        assert session.exec(select(ActionToken)).all() == []


def test_the_same_file_sent_again_is_recognised(settings):
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        first = spine.routed(session, user, (spine.document(),), sha="1" * 64)
        draft(settings, session, first, first.documents[0])
        second = spine.routed(session, user, (spine.document(),), sha="2" * 64)
        outcome = draft(settings, session, second, second.documents[0])
        assert outcome.status == "duplicate"
        emails = session.exec(select(OutboxEmail).order_by(OutboxEmail.id)).all()
        assert "sent this same file before" not in emails[0].body_text
        assert "You sent this same file before" in emails[1].body_text
        assert emails[1].subject.startswith("Sent before:")


def test_saved_candidates_with_the_same_email_are_listed(settings):
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        old = spine.routed(session, user, (spine.document(content=b"old"),), sha="3" * 64)
        old_outcome = draft(settings, session, old, old.documents[0])
        session.add(Candidate(draft_id=old_outcome.draft_id, user_id=user.id, first_name="Jane", last_name="Doe", email="jane.doe@example.com"))
        session.flush()
        new = spine.routed(session, user, (spine.document(content=b"new"),), sha="4" * 64)
        draft(settings, session, new, new.documents[0])
        email = session.exec(select(OutboxEmail).order_by(OutboxEmail.id.desc())).first()
        assert "Possibly already saved" in email.body_text and "same email" in email.body_text


def test_a_zip_document_says_only_the_first_file_was_processed(settings):
    note = "cv.zip held 2 files; used jane_doe.pdf"
    zipped = spine.document(notes=(note,)).model_copy(update={"origin": "zip:cv.zip"})
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        routed = spine.routed(session, user, (zipped,))
        draft(settings, session, routed, routed.documents[0])
        email = session.exec(select(OutboxEmail)).one()
        for body in (email.body_text, email.body_html):
            assert "came from the zip file cv.zip: only the first file was processed" in body
            assert note in body


def test_parts_split_could_not_use_are_reported_once(settings):
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        routed = spine.routed(session, user, (), problems=("budget.xlsx is a spreadsheet, not a resume we can read.",))
        assert drafts.report_problems(session, routed) == 1
        drafts.report_problems(session, routed)
        email = session.exec(select(OutboxEmail)).one()
        assert email.kind == "failure" and "budget.xlsx" in email.body_text


def test_a_message_with_no_resume_gets_one_email_saying_what_was_skipped(settings):
    from models.schemas import SkippedPart

    with session_scope(settings.db_url) as session:
        user = make_user(session)
        routed = spine.routed(session, user, ())
        split = routed.split.model_copy(update={"skipped": (SkippedPart(name="budget.xlsx", content_type="application/vnd.ms-excel", reason="unsupported type .xlsx"),)})
        routed = routed.model_copy(update={"split": split})
        assert drafts.report_problems(session, routed) == 1
        email = session.exec(select(OutboxEmail)).one()
        assert "We found no resume in this message" in email.body_text and "budget.xlsx: unsupported type .xlsx" in email.body_text
