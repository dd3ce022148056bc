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
        event = session.exec(select(OpsEvent)).one()
        assert event.kind == "unreadable_document" and event.message_sha256 == routed.message_sha256
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
        assert "sent this same file" not in emails[0].body_text
        assert "You sent this same file before, as jane_doe.pdf" in emails[1].body_text
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


def test_a_zip_document_says_once_which_file_was_processed_and_which_were_not(settings):
    note = "cv.zip held 2 files and only jane_doe.pdf was processed: john.pdf was not; send them one per email, or as separate attachments."
    zipped = spine.document(notes=(note,)).model_copy(update={"origin": "zip:cv.zip"})
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        routed = spine.routed(session, user, (zipped,))
        draft(settings, session, routed, routed.documents[0])
        email = session.exec(select(OutboxEmail)).one()
        for body in (email.body_text, email.body_html):
            assert body.count(note) == 1 and body.count("cv.zip") == 1


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
        assert "We found no resume in this message: it held only budget.xlsx (unsupported type .xlsx)." in email.body_text


def routed_from_raw(session, user, raw: bytes, limits=None, sha: str = "b" * 64, split=None):
    """An archived, routed message as route.route_message gives it, split by the real split_message."""
    from models.schemas import RoutedMessage
    from models.tables import Message
    from tasks.split import split_message

    message = Message(sha256=sha, archive_path=f"{sha}.eml", status="routed", user_id=user.id)
    session.add(message)
    session.flush()
    split = split or split_message(raw, limits)
    return RoutedMessage(message_id=message.id, message_sha256=sha, status="routed", user_id=user.id,
                         documents=split.documents, split=split)


def test_too_many_attachments_email_names_what_was_imported_and_what_was_not(settings):
    from tasks.split import SplitLimits
    from tests.factories import RESUME_LINES, make_message

    files = [(f"cv_{i:02d}.txt", ("\n".join(RESUME_LINES) + f"\n{i}").encode()) for i in range(5)]
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        routed = routed_from_raw(session, user, make_message(to=user.import_address, files=files).as_bytes(), SplitLimits(max_documents=2))
        drafts.report_problems(session, routed)
        email = session.exec(select(OutboxEmail)).one()
        assert email.subject == "Not imported: cv_02.txt, cv_03.txt, cv_04.txt"
        for body in (email.body_text, email.body_html):
            assert "Part of your message was not imported" in body and "Nothing was saved" not in body
            assert "cv_00.txt" in body and "cv_01.txt" in body and "own confirmation email" in body
            assert "these 3 were not imported: cv_02.txt, cv_03.txt, cv_04.txt" in body and "another email" in body
            assert "We could not read" not in body
        event = session.exec(select(OpsEvent)).one()
        assert event.kind == "too_many_documents" and event.message_sha256 == routed.message_sha256
        assert "cv_04.txt" in event.detail


def _bad_input_cases():
    from tests.factories import make_pdf, make_zip

    pdf = make_pdf(["Jane Doe"])
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    bomb = make_zip([("cv.txt", b"a" * (3 * 1024 * 1024))])
    nested = make_zip([("middle.zip", make_zip([("inner.zip", make_zip([("cv.pdf", pdf)]))]))])
    return [
        ("zip_bomb", [("bomb.zip", bomb)]),
        ("encrypted_zip", [("locked.zip", make_zip([("cv.pdf", pdf)], encrypted=True))]),
        ("not_a_document", [("photo.pdf", png)]),
        ("archive_too_deep", [("outer.zip", nested)]),
        ("no_document_in_zip", [("resume.docx", make_zip([("junk.bin", bytes(range(256)) * 10)]))]),
        ("no_resume", [("budget.xlsx", b"PK-not-really")]),
        ("no_resume", [("invite.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")]),
        ("no_resume", [("empty.pdf", b"")]),
        ("no_resume", []),
    ]


def test_every_problem_told_to_the_recruiter_is_an_ops_event_in_the_same_transaction(settings):
    from tests.factories import make_message

    for i, (kind, files) in enumerate(_bad_input_cases()):
        with session_scope(settings.db_url) as session:
            user = make_user(session, email=f"r{i}@agency.test")
            raw = make_message(to=user.import_address, files=files, body="see attached").as_bytes()
            routed = routed_from_raw(session, user, raw, sha=f"{i:064d}")
            assert drafts.report_problems(session, routed) >= 1
            email = session.exec(select(OutboxEmail).where(OutboxEmail.dedupe_key.contains(routed.message_sha256))).one()
            events = session.exec(select(OpsEvent).where(OpsEvent.message_sha256 == routed.message_sha256)).all()
            assert [e.kind for e in events] == [kind], (kind, files and files[0][0], email.body_text)
            drafts.report_problems(session, routed)  # a re-run adds neither email nor event
            assert len(session.exec(select(OpsEvent).where(OpsEvent.message_sha256 == routed.message_sha256)).all()) == 1


def test_a_message_over_max_message_bytes_is_an_ops_event_and_not_called_damaged(settings):
    from models.schemas import IncomingMessage
    from tasks.archive import archive_raw, split_archived
    from tasks.split import SplitLimits
    from tests.factories import make_message

    with session_scope(settings.db_url) as session:
        user = make_user(session)
        raw = make_message(to=user.import_address, files=[("big.txt", b"Jane Doe\n" * 5000)]).as_bytes()
        message = archive_raw(session, settings.archive_dir, IncomingMessage(raw=raw, mailbox="maildir:///inbox", key="k1"))
        split = split_archived(settings.archive_dir, message, SplitLimits(), max_message_bytes=10_000)
        routed = routed_from_raw(session, user, raw, split=split)
        drafts.report_problems(session, routed)
        email = session.exec(select(OutboxEmail)).one()
        assert "MB we accept" in email.body_text and "damaged" not in email.body_text
        assert session.exec(select(OpsEvent)).one().kind == "message_too_large"


def test_no_resume_email_says_what_the_message_really_held(settings):
    from tests.factories import make_message

    bodies = {
        "see attached\n\nRita": "is too short to be a resume. Did you forget to attach it?",
        "Zofia\nzofia@example.org\n\n" + "Lorem ipsum dolor sit amet. " * 2000: "the text in its body has no resume sections",
        # long only with the recruiter's signature and disclaimer: what is left is too short
        "Experience: data engineer\nzofia@example.org\n\nRita Recruiter\nSenior Recruiter\nAgency Ltd\n+44 20 7946 0000\n\n"
        + "This email is confidential and intended solely for the addressee. " * 4: "(without your signature and any footer) is too short",
    }
    for i, (body, sentence) in enumerate(bodies.items()):
        with session_scope(settings.db_url) as session:
            user = make_user(session, email=f"n{i}@agency.test")
            routed = routed_from_raw(session, user, make_message(to=user.import_address, body=body).as_bytes(), sha=f"{i + 50:064d}")
            drafts.report_problems(session, routed)
            email = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == user.email)).one()
            assert sentence in email.body_text and "no text in its body" not in email.body_text
            assert email.subject == "No resume found in your message"


def test_sent_before_gives_the_earlier_messages_sent_time_and_subject_not_our_processing_time(settings):
    from datetime import datetime, timezone

    from models.tables import Message

    with session_scope(settings.db_url) as session:
        user = make_user(session)
        first = spine.routed(session, user, (spine.document(),), sha="5" * 64)
        first = first.model_copy(update={"split": first.split.model_copy(update={"subject": "Jane for Leeds"})})
        draft(settings, session, first, first.documents[0])
        second = spine.routed(session, user, (spine.document(),), sha="6" * 64)
        draft(settings, session, second, second.documents[0])
        email = session.exec(select(OutboxEmail).order_by(OutboxEmail.id.desc())).first()
        for body in (email.body_text, email.body_html):
            assert "as jane_doe.pdf, on Tue 1 Dec 2026, 09:15 UTC" in body and "Jane for Leeds" in body

        # No Date: header on the earlier message: the time we received it.
        undated = spine.routed(session, user, (spine.document(content=b"other"),), sha="7" * 64)
        undated = undated.model_copy(update={"split": undated.split.model_copy(update={"sent_at": None})})
        session.get(Message, undated.message_id).received_at = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)
        draft(settings, session, undated, undated.documents[0])
        again = spine.routed(session, user, (spine.document(content=b"other"),), sha="8" * 64)
        draft(settings, session, again, again.documents[0])
        email = session.exec(select(OutboxEmail).order_by(OutboxEmail.id.desc())).first()
        assert "on Fri 20 Nov 2026, 08:00 UTC" in email.body_text


def test_a_calendar_invite_alone_is_named_once(settings):
    from models.schemas import SkippedPart

    with session_scope(settings.db_url) as session:
        user = make_user(session)
        routed = spine.routed(session, user, ())
        invite = (SkippedPart(name=None, content_type="text/calendar", reason="calendar invite"),
                  SkippedPart(name="invite.ics", content_type="text/calendar", reason="calendar invite"))
        routed = routed.model_copy(update={"split": routed.split.model_copy(update={"skipped": invite})})
        drafts.report_problems(session, routed)
        email = session.exec(select(OutboxEmail)).one()
        assert "We found no resume in this message: it held only invite.ics (calendar invite)." in email.body_text


def test_a_candidate_writing_to_the_import_address_keeps_their_own_email(settings):
    from tests.factories import make_message

    cv = b"Lena Vogt\nlena.vogt@example.de | +49 171 4829337 | Berlin, Germany\n\nEXPERIENCE\nData Analyst, Zalando, 2020 - 2024\n"
    for i, (sender, expected) in enumerate((("Lena Vogt <lena.vogt@example.de>", "lena.vogt@example.de"),
                                            # a colleague at the recruiter's domain is the recruiter's side
                                            ("Desk <lena.vogt@agency.test>", None))):
        cv_i = cv.replace(b"example.de", b"agency.test") if expected is None else cv
        with session_scope(settings.db_url) as session:
            user = make_user(session, email=f"rita{i}@agency.test")
            raw = make_message(to=user.import_address, sender=sender, files=[("Lena_Vogt_CV.txt", cv_i)]).as_bytes()
            routed = routed_from_raw(session, user, raw, sha=f"{i + 70:064d}")
            outcome = drafts.draft_document(session, settings, routed, routed.documents[0])
            draft = session.get(Draft, outcome.draft_id)
            assert draft.fields["email"]["value"] == expected
