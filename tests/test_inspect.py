"""inspect_message and the `resume-inbox inspect MESSAGE` command."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cli import app
from tasks.inspect import inspect_message
from tests.factories import make_message, make_pdf, make_zip

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_inspect_lists_attachments_documents_skipped_and_problems():
    message = make_message(
        files=[("Życiorys.pdf", make_pdf(["x"])), ("logo.png", PNG), ("cv.zip", make_zip([("a.png", PNG)]))],
        subject="CV – Łucja",
    )
    report = inspect_message(message.as_bytes())
    assert report["subject"] == "CV – Łucja"
    assert report["sent_at"] == "2026-12-01T09:15:00+00:00"
    assert report["attachments"] == ["Życiorys.pdf", "logo.png", "cv.zip"]
    assert report["documents"] == [{"name": "Życiorys.pdf", "type": "pdf", "origin": "attachment"}]
    assert [(s["name"], s["reason"]) for s in report["skipped"]] == [("logo.png", "image, not a resume"), ("cv.zip", "no supported file in zip")]
    assert report["problems"] == ["cv.zip holds no resume we can read (a.png); please send a PDF, Word or text file."]
    json.dumps(report)


def test_inspect_command_prints_json_for_an_eml(tmp_path):
    path = tmp_path / "m.eml"
    path.write_bytes(make_message(files=[("cv.pdf", make_pdf(["x"]))]).as_bytes())
    result = CliRunner().invoke(app, ["inspect", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == [{"name": "cv.pdf", "type": "pdf", "origin": "attachment"}]


@pytest.mark.corpus
def test_inspect_command_reads_an_outlook_msg(corpus):
    result = CliRunner().invoke(app, ["inspect", str(corpus / "emails" / "m005.msg")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["subject"] == "test pièce jointe 1"
    assert report["attachments"] == ["test-unicode.doc", "pj1.txt"]
    assert [d["type"] for d in report["documents"]] == ["doc", "txt"]


def test_a_document_given_instead_of_a_message_is_named_as_such():
    assert inspect_message(make_pdf(["Jane Doe"]))["problems"][0] == "This is not an email message: it is a PDF document with no mail headers."
