"""split_message never raises: malformed MIME and damaged bytes end up in SplitMessage.problems, or are skipped."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.inspect import inspect_message
from tests.factories import RESUME_LINES, make_docx, make_forward, make_message, make_pdf, make_zip

FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

SEEDS = [
    make_message(files=[("Jane Ö CV.pdf", make_pdf(RESUME_LINES[:3]))]).as_bytes(),
    make_message(files=[("cv.zip", make_zip([("cv.docx", make_docx(["Jane"])), ("b.txt", b"x")]))], html="<p>hi</p>").as_bytes(),
    make_forward(make_message(files=[("cv.txt", "\n".join(RESUME_LINES).encode())])).as_bytes(),
    make_message(body="\n".join(RESUME_LINES)).as_bytes(),
]
HEADER_NOISE = st.sampled_from([
    b"Content-Type: multipart/mixed; boundary=",
    b"Content-Type: multipart/mixed; boundary===--x--==\r\n",
    b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n",
    b"Content-Disposition: attachment; filename*0*=''a%20b; filename*1=\"c.pdf\"\r\n",
    b"Content-Disposition: attachment; filename*=x-unknown''%FF%FE.pdf\r\n",
    b"Content-Disposition: attachment; filename=O'Brien.pdf\r\n",
    b"Content-Type: text/plain; charset=x-no-such-charset\r\n",
    b"Subject: =?utf-8?B?broken?= =?x-bad?Q?=FF?=\r\n",
    b"Date: Mon, 99 Foo 99999 99:99:99 +9999\r\n",
    b"From: <<@@>>, \"unterminated\r\n",
    b"To: undisclosed-recipients:;\r\n",
    b"Content-Transfer-Encoding: base64\r\n",
    b"\r\n--==--x--==\r\n",
    b"\xff\xfe\x00\x80\r\n",
    b"Content-Disposition: attachment; filename=\"\xe9t\xe9 \xff.pdf\"\r\nSubject: \xc3\x28\xe9\r\n",
    b"Content-Type: application/ms-tnef; name=winmail.dat\r\n",
    b"Content-Type: multipart/signed; boundary=\"\"\r\n",
    b"Content-Type: text/html\r\n\r\n<html><body><p>\x00</p>",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"x\x9f>\"",
])


def check(raw: bytes) -> None:
    report = inspect_message(raw)
    json.dumps(report, ensure_ascii=False).encode("utf-8")  # every string is printable UTF-8 (no lone surrogates)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(raw):
    check(raw)


@FUZZ
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)), max_size=6),
       st.integers(0, 10**6))
def test_damaged_messages(seed, edits, cut):
    raw = bytearray(seed)
    for position, data in edits:
        position %= len(raw)
        raw[position:position + len(data)] = data
    check(bytes(raw[: max(1, cut % (len(raw) + 1))]))


@FUZZ
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(0, 10**6), HEADER_NOISE), min_size=1, max_size=5))
def test_malformed_mime(seed, insertions):
    raw = bytearray(seed)
    for position, noise in insertions:
        position %= len(raw)
        line_start = raw.rfind(b"\n", 0, position) + 1  # insert at a line start, where MIME parsers look
        raw[line_start:line_start] = noise
    check(bytes(raw))


def _outlook_seed() -> bytes | None:
    from tests.conftest import CORPUS

    path = CORPUS / "emails" / "m005.msg"
    return path.read_bytes() if path.exists() else None


OUTLOOK_SEED = _outlook_seed()


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=16)), min_size=1, max_size=8),
       st.integers(0, 10**6))
def test_damaged_outlook_items(edits, cut):
    if OUTLOOK_SEED is None:
        pytest.skip("shared corpus absent: no Outlook item to damage")
    raw = bytearray(OUTLOOK_SEED)
    for position, data in edits:
        position %= len(raw)
        raw[position:position + len(data)] = data
    raw[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # keep it an OLE2 file, so the .msg reader is the one tested
    check(bytes(raw[: max(8, cut % (len(raw) + 1))]))
