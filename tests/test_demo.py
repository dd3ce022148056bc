"""flows/demo.py: the example links printed are ones that still work."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage

from models.db import session_scope
from models.tables import ActionToken, utcnow
from flows.demo import _example_links
from tasks import tokens
from tests import spine
from tests.seed import make_user


def _confirmation(path, save: str, review: str):
    message = EmailMessage()
    message["X-Resume-Inbox-Kind"] = "confirmation"
    message.set_content(f"Save:   http://dashboard.test/?t={save}\nReview: http://dashboard.test/?t={review}\n")
    path.write_bytes(message.as_bytes())
    return path


def test_example_links_skip_links_already_used(settings, tmp_path):
    with session_scope(settings.db_url) as session:
        user = make_user(session)
        paths = []
        for i in range(2):
            routed = spine.routed(session, user, (spine.document(content=f"cv{i}".encode()),), sha=f"{i}" * 64)
            outcome = spine_draft(settings, session, routed)
            raw = {a: tokens.issue_link(session, outcome.draft_id, a, timedelta(days=7)) for a in ("save", "review")}
            paths.append(_confirmation(tmp_path / f"m{i}", raw["save"], raw["review"]))
        first_save = paths[0].read_text().split("?t=")[1].split()[0]
        assert _example_links(session, paths)[0].endswith(first_save)

        tokens.find_token(session, first_save).used_at = utcnow()  # the first demo run's Save was clicked
        save, review = _example_links(session, paths)
        assert save and review and paths[1].read_text().split("?t=")[1].split()[0] in save

        for token in session.exec(ActionToken.__table__.select()).all():
            session.get(ActionToken, token.id).used_at = utcnow()
        assert _example_links(session, paths) == (None, None)


def spine_draft(settings, session, routed):
    from tasks import drafts

    return drafts.draft_document(session, settings, routed, routed.documents[0], read=spine.reader, extract=spine.extractor())
