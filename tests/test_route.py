from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.schemas import SplitMessage
from models.tables import Message, OpsEvent, OutboxEmail
from tasks import route, users
from tests import spine


def message(session, sha: str = "f" * 64) -> Message:
    row = Message(sha256=sha, archive_path=f"{sha}.eml")
    session.add(row)
    session.flush()
    return row


def split_to(*recipients: str) -> SplitMessage:
    return SplitMessage(subject="CV", sender="someone@example.org", sent_at=spine.SENT, recipients=recipients, documents=(spine.document(),))


def test_a_known_import_address_routes_to_its_recruiter(settings):
    user = users.add_user(settings, email="rita@agency.example", name="Rita")
    with session_scope(settings.db_url) as session:
        row = message(session)
        routed = route.route_message(session, row, split_to("cc@else.example", user.import_address))
        assert routed.status == "routed" and routed.user_id == user.id and len(routed.documents) == 1
        assert row.user_id == user.id and row.subject == "CV" and row.sender == "someone@example.org"


def test_an_unknown_address_is_quarantined_without_any_reply(settings):
    with session_scope(settings.db_url) as session:
        row = message(session)
        routed = route.route_message(session, row, split_to("nobody@import.resume-inbox.local"))
        route.route_message(session, row, split_to("nobody@import.resume-inbox.local"))  # a re-run
        assert routed.status == "quarantined" and routed.documents == () and routed.user_id is None
        assert row.status == "quarantined"
        assert [e.kind for e in session.exec(select(OpsEvent)).all()] == ["unknown_recipient"]
        assert session.exec(select(OutboxEmail)).all() == []


def test_a_retired_address_is_quarantined_and_its_former_owner_told_once(settings):
    user = users.add_user(settings, email="rita@agency.example", name="Rita", confirmation_address="desk@agency.example")
    with session_scope(settings.db_url) as session:
        renewed = users.issue_new_import_address(session, user.id, settings.import_domain)
    with session_scope(settings.db_url) as session:
        row = message(session)
        routed = route.route_message(session, row, split_to(user.import_address))
        route.route_message(session, row, split_to(user.import_address))
        assert routed.status == "quarantined" and "retired" in routed.reason
        notice = session.exec(select(OutboxEmail)).one()
        assert notice.kind == "notice" and notice.to_address == "desk@agency.example"
        assert renewed.import_address in notice.body_text and "someone@example.org" in notice.body_text


def test_finish_marks_processed_and_a_rerun_knows_it(settings):
    user = users.add_user(settings, email="rita@agency.example", name="Rita")
    with session_scope(settings.db_url) as session:
        row = message(session)
        route.route_message(session, row, split_to(user.import_address))
        route.finish_message(session, row.id)
        assert row.status == "processed" and row.processed_at is not None
        again = route.route_message(session, row, split_to(user.import_address))
        assert again.already_seen and again.documents == (), "a processed message is never drafted again"


def test_a_plus_tag_on_the_import_address_still_routes(settings):
    user = users.add_user(settings, email="rita@agency.example", name="Rita")
    local, _, domain = user.import_address.partition("@")
    with session_scope(settings.db_url) as session:
        routed = route.route_message(session, message(session), split_to(f"{local}+linkedin@{domain}".upper()))
        assert routed.user_id == user.id


def test_our_own_emails_bounces_and_auto_replies_are_quarantined_and_never_answered(settings):
    user = users.add_user(settings, email="rita@agency.example", name="Rita")
    with session_scope(settings.db_url) as session:
        for i, kind in enumerate(("ours", "bounce", "auto_reply")):
            split = split_to(user.import_address).model_copy(update={"automatic": kind})
            routed = route.route_message(session, message(session, sha=str(i) * 64), split)
            assert routed.status == "quarantined" and routed.documents == ()
        assert [e.kind for e in session.exec(select(OpsEvent)).all()] == ["automatic_mail"] * 3
        assert session.exec(select(OutboxEmail)).all() == []


def test_machine_generated_mail_with_a_resume_is_still_imported(settings):
    user = users.add_user(settings, email="rita@agency.example", name="Rita")
    with session_scope(settings.db_url) as session:
        split = split_to(user.import_address).model_copy(update={"automatic": "auto_generated"})
        routed = route.route_message(session, message(session), split)
        assert routed.status == "routed" and len(routed.documents) == 1


def test_several_import_addresses_route_to_the_envelope_recipient_first_and_operations_hear_of_the_rest(settings):
    rita = users.add_user(settings, email="rita@agency.example", name="Rita")
    sam = users.add_user(settings, email="sam@agency.example", name="Sam")
    with session_scope(settings.db_url) as session:
        routed = route.route_message(session, message(session), split_to(sam.import_address, rita.import_address))
        assert routed.user_id == sam.id, "the first recipient in header priority wins, whatever the database order"
        [event] = session.exec(select(OpsEvent)).all()
        assert event.kind == "several_recruiters" and rita.import_address in event.detail


def test_recipients_list_the_delivered_to_address_before_to_and_cc():
    from tasks.mime import recipients
    from tests.factories import make_message

    raw = make_message(to="a@in.example, b@in.example", cc="c@in.example", headers={"Delivered-To": "b@in.example"})
    assert recipients(raw) == ("b@in.example", "a@in.example", "c@in.example")


def test_our_own_from_address_is_ours_even_without_our_headers(settings):
    user = users.add_user(settings, email="rita@agency.example", name="Rita")
    with session_scope(settings.db_url) as session:
        split = split_to(user.import_address).model_copy(update={"sender": "resume-inbox@localhost"})
        routed = route.route_message(session, message(session), split, our_address="Resume-Inbox@localhost")
        assert routed.status == "quarantined" and "Resume Inbox's own emails" in routed.reason
