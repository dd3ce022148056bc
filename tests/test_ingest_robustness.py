"""Issue 5: malformed MIME and damaged documents never make the ingest steps raise; each ends as a draft
(pending or failed) with its email, or as a message with a problem email. Plain step functions, real parsers."""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from sqlmodel import select

from models.db import migrate, session_scope
from models.schemas import IncomingMessage
from models.settings import Settings
from models.tables import Draft, OutboxEmail
from tasks import archive, drafts, route, samples, users
from tasks.split import SplitLimits
from tests.factories import make_message


@functools.lru_cache(maxsize=1)
def resumes() -> dict[str, bytes]:
    return {r.filename.rsplit(".", 1)[-1]: r.content for r in (samples.make_resume(samples.PEOPLE[1], f) for f in ("pdf", "docx", "html", "txt"))}


def ingest_plainly(settings: Settings, raw: bytes) -> None:
    with session_scope(settings.db_url) as session:
        message = archive.archive_raw(session, settings.archive_dir, IncomingMessage(raw=raw, mailbox="test", key="k"))
    parsed = archive.split_archived(settings.archive_dir, message, SplitLimits.from_settings(settings), settings.max_message_bytes)
    with session_scope(settings.db_url) as session:
        routed = route.route_message(session, session.get(type(message), message.id), parsed)
    for document in routed.documents:
        with session_scope(settings.db_url) as session:
            drafts.draft_document(session, settings, routed, document)
    with session_scope(settings.db_url) as session:
        drafts.report_problems(session, routed)


def damage(data: bytes, cut: float, flips: list[tuple[float, int]]) -> bytes:
    """Cut the tail off at fraction `cut`, then overwrite bytes at the given fractions."""
    out = bytearray(data[: max(1, int(len(data) * cut))])
    for where, value in flips:
        out[int(where * (len(out) - 1))] = value
    return bytes(out)


FRACTION = st.floats(min_value=0.0, max_value=1.0)
FLIPS = st.lists(st.tuples(FRACTION, st.integers(0, 255)), max_size=8)


@hypothesis_settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(["pdf", "docx", "html", "txt"]), cut=FRACTION, flips=FLIPS, damage_mime=st.booleans())
def test_damaged_documents_and_mangled_mime_never_raise(tmp_path_factory, kind, cut, flips, damage_mime):
    home = tmp_path_factory.mktemp("home")
    settings = Settings(home=home, dashboard_url="http://dashboard.test", ocr=False)
    migrate(settings.db_url)
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    content = resumes()[kind]
    raw = make_message(to=user.import_address, files=[(f"cv.{kind}", damage(content, cut, flips))]).as_bytes()
    if damage_mime:
        # Mangle the message itself below its headers, so it still reaches the recruiter.
        head, _, body = raw.partition(b"\n\n")
        raw = head + b"\n\n" + damage(body, cut, flips)

    ingest_plainly(settings, raw)

    with session_scope(settings.db_url) as session:
        rows = session.exec(select(Draft)).all()
        emails = session.exec(select(OutboxEmail)).all()
        assert emails, "every message routed to a recruiter gets an email: confirmation, failure or problem report"
        assert {e.draft_id for e in emails if e.draft_id} == {d.id for d in rows}
