"""split_message on messages built by tests/factories.py."""

from __future__ import annotations

import base64
from datetime import datetime, timezone
from email.message import EmailMessage

import pytest

from models.settings import Settings
from tasks.split import SplitLimits, split_message
from tests.factories import (
    RESUME_LINES,
    make_docx,
    make_forward,
    make_message,
    make_odt,
    make_pdf,
    make_rtf,
    make_tnef,
    make_zip,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
RESUME_TEXT = "\n".join(RESUME_LINES)


def split(message: EmailMessage, limits: SplitLimits | None = None):
    return split_message(message.as_bytes(), limits)


def test_pdf_attachment_becomes_one_document_with_its_name_and_type():
    pdf = make_pdf(RESUME_LINES)
    result = split(make_message(files=[("Jane Example CV.pdf", pdf)]))
    assert [(d.name, d.type, d.origin, d.index) for d in result.documents] == [("Jane Example CV.pdf", "pdf", "attachment", 0)]
    assert result.documents[0].content == pdf
    assert result.attachments == ("Jane Example CV.pdf",)
    assert result.problems == ()


def test_non_ascii_file_name_is_decoded_from_rfc_2231():
    result = split(make_message(files=[("Życiorys Łucja Przykładowa.pdf", make_pdf(["Łucja"]))]))
    assert result.documents[0].name == "Życiorys Łucja Przykładowa.pdf"


def test_type_comes_from_content_not_from_the_header_or_extension():
    message = make_message(
        files=[("cv.bin", make_pdf(["x"])), ("resume.pdf", make_docx(RESUME_LINES)), ("cv.odt", make_odt(["y"])),
               ("cv.rtf", make_rtf(["z"]))],
        content_types={"cv.bin": "application/octet-stream", "resume.pdf": "application/pdf"},
    )
    assert [(d.name, d.type) for d in split(message).documents] == [
        ("cv.bin", "pdf"), ("resume.pdf", "docx"), ("cv.odt", "odt"), ("cv.rtf", "rtf")]


def test_image_named_like_a_resume_is_a_problem_not_a_document():
    result = split(make_message(files=[("cv.pdf", PNG)], content_types={"cv.pdf": "application/pdf"}))
    assert result.documents == ()
    assert result.problems == ("cv.pdf is not a readable PDF file (it is a PNG image).",)


def test_zip_uses_its_first_supported_file_and_says_so():
    archive = make_zip([("photo.png", PNG), ("jane.pdf", make_pdf(["Jane"])), ("notes.docx", make_docx(["n"]))])
    result = split(make_message(files=[("cv.zip", archive)]))
    [document] = result.documents
    assert (document.name, document.type, document.origin) == ("jane.pdf", "pdf", "zip:cv.zip")
    note = ("cv.zip held 3 files and only jane.pdf was processed: photo.png and notes.docx were not; send them one "
            "per email, or as separate attachments.")
    assert document.notes == (note,) and result.notes == (note,)


def test_zip_with_uncompressed_members_is_opened_not_read_as_a_pdf():
    archive = make_zip([("jane.pdf", make_pdf(["Jane"])), ("john.pdf", make_pdf(["John"]))], stored=True)
    [document] = split(make_message(files=[("cv.zip", archive)])).documents
    assert (document.name, document.origin) == ("jane.pdf", "zip:cv.zip")
    assert document.notes[0].startswith("cv.zip held 2 files and only jane.pdf was processed: john.pdf was not;")


def test_zip_inside_a_zip_is_opened_up_to_the_depth_limit():
    inner = make_zip([("jane.docx", make_docx(["Jane"]))])
    result = split(make_message(files=[("outer.zip", make_zip([("inner.zip", inner)]))]))
    assert [(d.name, d.origin) for d in result.documents] == [("jane.docx", "zip:outer.zip/inner.zip")]

    deep = make_zip([("level2.zip", make_zip([("level3.zip", inner)]))])
    result = split(make_message(files=[("deep.zip", deep)]))
    assert result.documents == ()
    assert result.problems == (
        "deep.zip holds zip files inside zip files, too many levels deep for us to open; please attach the resume itself.",
    )
    assert [(s.name, s.reason) for s in result.skipped] == [("deep.zip", "archive nested too deep")]


def test_encrypted_zip_is_a_problem():
    result = split(make_message(files=[("cv.zip", make_zip([("cv.pdf", make_pdf(["x"]))], encrypted=True))]))
    assert result.documents == ()
    assert result.problems == ("cv.zip is password-protected; please send the file without a password.",)


def test_zip_bomb_is_refused_by_ratio_and_total_size():
    bomb = make_zip([("cv.txt", b"0" * (5 * 1024 * 1024))])
    result = split(make_message(files=[("cv.zip", bomb)]))
    assert result.documents == ()
    assert "zip bomb" in result.problems[0]

    small_limit = SplitLimits(max_unzipped_bytes=1000)
    result = split(make_message(files=[("cv.zip", make_zip([("cv.txt", RESUME_TEXT.encode() * 10)]))]), small_limit)
    assert result.documents == () and result.problems


def test_broken_zip_and_zip_without_documents_are_problems():
    result = split(make_message(files=[("cv.zip", b"PK\x03\x04 this is not really a zip")]))
    assert result.problems == ("cv.zip is not a readable zip file.",)
    result = split(make_message(files=[("pics.zip", make_zip([("a.png", PNG)]))]))
    assert result.problems == ("pics.zip holds no resume we can read (a.png); please send a PDF, Word or text file.",)
    result = split(make_message(files=[("resume.docx", make_zip([("junk.bin", bytes(range(256)) * 10)]))]))
    assert result.problems == ("We could not open resume.docx as a Word document; please send it again, or as a PDF.",)


def test_forwarded_message_attachments_count():
    inner = make_message(files=[("jane.pdf", make_pdf(["Jane"]))], subject="Jane's CV")
    result = split(make_forward(inner))
    assert result.attachments == ("Jane's CV.eml", "Jane's CV.eml/jane.pdf")
    assert result.forwarded_from == "Rita Recruiter <rita@agency.example>"
    assert [(d.name, d.origin) for d in result.documents] == [("jane.pdf", "forwarded:Jane's CV.eml")]


def test_forwarded_message_sent_base64_encoded_is_decoded():
    inner = make_message(files=[("jane.pdf", make_pdf(["Jane"]))], subject="inner")
    outer = make_message(body="see attached")
    raw = outer.as_bytes().decode()
    boundary = "XYZBOUNDARY"
    encoded = base64.encodebytes(inner.as_bytes()).decode()
    raw = (
        "From: a@example.com\nTo: b@example.com\nSubject: fwd\nMIME-Version: 1.0\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n--{boundary}\nContent-Type: text/plain\n\nhi\n'
        f"--{boundary}\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n"
        f'Content-Disposition: attachment; filename="inner.eml"\n\n{encoded}\n--{boundary}--\n'
    )
    result = split_message(raw.encode())
    assert [(d.name, d.origin) for d in result.documents] == [("jane.pdf", "forwarded:inner.eml")]


def test_pasted_resume_in_the_body_becomes_body_txt_without_the_signature():
    body = f"Hi team,\n\n{RESUME_TEXT}\n\n-- \nRita Recruiter\nAgency Ltd | +44 20 7946 0000"
    result = split(make_message(body=body))
    [document] = result.documents
    assert (document.name, document.type, document.origin) == ("body.txt", "txt", "body")
    text = document.content.decode()
    assert "Senior Data Engineer" in text and "Rita Recruiter" not in text


def test_html_only_body_is_read_as_text():
    html = "<html><body>" + "".join(f"<p>{line}</p>" for line in RESUME_LINES) + "</body></html>"
    message = make_message(body="", html=html)
    message.get_body(("plain",)).set_content("")  # plain part left empty, as some clients send it
    [document] = split(message).documents
    assert "Northwind Traders" in document.content.decode()


def test_see_attached_without_attachment_gives_no_document():
    result = split(make_message(body="see attached\n\nThanks,\nRita"))
    assert result.documents == ()


def test_images_calendar_and_vcard_are_skipped_with_reasons():
    message = make_message(files=[("logo.png", PNG), ("invite.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
                                  ("rita.vcf", b"BEGIN:VCARD\r\nEND:VCARD\r\n"), ("cv.pdf", make_pdf(["x"]))])
    result = split(message)
    assert [d.name for d in result.documents] == ["cv.pdf"]
    assert {(s.name, s.reason) for s in result.skipped} == {
        ("logo.png", "image, not a resume"), ("invite.ics", "calendar invite"), ("rita.vcf", "contact card (vCard)")}


def test_inline_cid_image_is_not_an_attachment():
    message = make_message(body="x", html='<p>Hi<img src="cid:logo"></p>')
    html_part = message.get_body(("html",))
    html_part.add_related(PNG, maintype="image", subtype="png", cid="<logo>")
    result = split(message)
    assert result.attachments == ()
    assert [s.reason for s in result.skipped] == ["inline image"]


def test_smime_signature_is_skipped_and_signed_attachments_found():
    raw = (
        b"From: a@example.com\r\nTo: Import <ABC@Import.Example>\r\nSubject: signed\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary="s1"\r\n\r\n'
        b'--s1\r\nContent-Type: multipart/mixed; boundary="m1"\r\n\r\n--m1\r\nContent-Type: text/plain\r\n\r\nCV attached\r\n'
        b'--m1\r\nContent-Type: application/pdf; name="cv.pdf"\r\nContent-Transfer-Encoding: base64\r\n'
        b'Content-Disposition: attachment; filename="cv.pdf"\r\n\r\n' + base64.encodebytes(make_pdf(["x"])) +
        b"--m1--\r\n--s1\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
        b"Content-Disposition: attachment; filename=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\nMIIB\r\n--s1--\r\n"
    )
    result = split_message(raw)
    assert [d.name for d in result.documents] == ["cv.pdf"]
    assert [(s.name, s.reason) for s in result.skipped] == [("smime.p7s", "S/MIME signature")]
    assert result.recipients == ("abc@import.example",)


def test_unquoted_boundary_with_equals_and_unquoted_apostrophe_name_fall_back_to_compat32():
    pdf = base64.encodebytes(make_pdf(["x"]))
    raw = (
        b"From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary===--27089--==\r\n\r\n"
        b"--==--27089--==\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
        b"--==--27089--==\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment; filename=O'Brien_Resume.pdf\r\n\r\n" + pdf + b"--==--27089--==--\r\n"
    )
    result = split_message(raw)
    assert [(d.name, d.type) for d in result.documents] == [("O'Brien_Resume.pdf", "pdf")]


def test_attachment_size_and_document_count_limits():
    limits = SplitLimits(max_attachment_bytes=2000, max_documents=2)
    result = split(make_message(files=[("big.pdf", make_pdf(RESUME_LINES * 20))]), limits)
    assert result.documents == () and "larger than" in result.problems[0]

    files = [(f"cv{i}.txt", f"{RESUME_TEXT}\n{i}".encode()) for i in range(4)]
    result = split(make_message(files=files), limits)
    assert [d.name for d in result.documents] == ["cv0.txt", "cv1.txt"]
    assert result.problems == (
        "We import at most 2 resumes from one message, so these 2 were not imported: cv2.txt, cv3.txt. "
        "Please send them in another email.",
    )


def test_same_file_twice_is_one_document():
    pdf = make_pdf(["x"])
    result = split(make_message(files=[("a.pdf", pdf), ("b.pdf", pdf)]))
    assert [d.name for d in result.documents] == ["a.pdf"]
    assert result.skipped[0].reason == "same file as a.pdf"


def test_headers_are_decoded():
    message = make_message(
        to="Import <ABC123@Import.Resume-Inbox.Local>", cc="boss@agency.example",
        subject="Aplikacja – specjalistka ds. rekrutacji",
        sender='"Rita Recruiter" <Rita@Agency.Example>',
        date=datetime(2026, 12, 1, 9, 15, tzinfo=timezone.utc),
        headers={"Delivered-To": "abc123@import.resume-inbox.local", "X-Original-To": "Other@Import.Example"},
    )
    result = split(message)
    assert result.subject == "Aplikacja – specjalistka ds. rekrutacji"
    assert result.sender == "rita@agency.example" and result.sender_name == "Rita Recruiter"
    assert result.sent_at == datetime(2026, 12, 1, 9, 15, tzinfo=timezone.utc) and result.sent_at.tzinfo
    assert result.recipients == ("abc123@import.resume-inbox.local", "other@import.example", "boss@agency.example")  # envelope first


def test_missing_or_bad_date_and_subject_are_none():
    message = make_message(date=None)
    del message["Subject"]
    message["Date"] = "not a date"
    result = split(message)
    assert result.sent_at is None and result.subject is None


def test_body_fragment_attachments_are_skipped():
    result = split(make_message(files=[("ATT00001.htm", b"<html><body>fwd</body></html>")],
                                content_types={"ATT00001.htm": "text/html"}))
    assert result.documents == ()
    assert result.skipped[0].reason == "body fragment added by the mail client"


def test_limits_from_settings(tmp_path):
    settings = Settings(home=tmp_path, max_attachment_bytes=5, max_documents_per_message=3, max_unzipped_bytes=7,
                        max_archive_depth=1)
    assert SplitLimits.from_settings(settings) == SplitLimits(5, 3, 7, 1)


def test_winmail_dat_files_are_used_and_an_empty_one_skipped():
    pdf = make_pdf(["Jane"])
    tnef_types = {"winmail.dat": "application/ms-tnef"}
    result = split(make_message(files=[("winmail.dat", make_tnef([("cv.pdf", pdf), ("logo.png", PNG)]))],
                                content_types=tnef_types))
    assert [(d.name, d.type, d.origin) for d in result.documents] == [("cv.pdf", "pdf", "tnef:winmail.dat")]
    assert result.attachments == ("winmail.dat", "winmail.dat/cv.pdf", "winmail.dat/logo.png")

    result = split(make_message(files=[("winmail.dat", make_tnef([]))], content_types=tnef_types))
    assert result.documents == ()
    assert [(s.name, s.reason) for s in result.skipped] == [("winmail.dat", "Outlook winmail.dat with no files in it")]


def test_messages_nested_past_any_reason_are_problems_not_crashes():
    assert split_message(b"Content-Type: message/rfc822\r\n\r\n" * 20).problems == (
        "A forwarded message holds messages forwarded too many times over; we did not open it.",)
    assert split_message(b"Content-Type: message/rfc822\r\n\r\n" * 3000).problems == (
        "The message is nested too deeply for us to read.",)


def test_pasted_resume_in_a_forwarded_message_body_is_used_when_the_note_is_short():
    inner = make_message(body=RESUME_TEXT, subject="my CV", sender="Jane Example <jane.example@example.com>")
    result = split(make_forward(inner, body="Strong candidate, see below.\n\nRita"))
    [document] = result.documents
    assert (document.name, document.origin) == ("body.txt", "body")
    assert "Senior Data Engineer" in document.content.decode()
    assert result.body_text.startswith("Strong candidate")
    assert result.skipped == ()


def test_a_message_read_for_its_headers_only_is_not_called_damaged():
    raw = make_message(files=[("cv.pdf", make_pdf(RESUME_LINES))]).as_bytes()
    head = raw.split(b"\n\n", 1)[0] + b"\n\n"
    assert split_message(head).notes == ()


@pytest.mark.parametrize(("headers", "sender", "kind"), [
    ({"X-Resume-Inbox-Kind": "confirmation"}, "Resume Inbox <resume-inbox@localhost>", "ours"),
    ({"Auto-Submitted": "auto-replied"}, "Rita Recruiter <rita@agency.example>", "auto_reply"),
    ({"X-Autoreply": "yes"}, "Rita Recruiter <rita@agency.example>", "auto_reply"),
    ({"Return-Path": "<>"}, "Mail Delivery System <mailer@agency.example>", "bounce"),
    ({}, "Mail Delivery Subsystem <MAILER-DAEMON@agency.example>", "bounce"),
    ({"Auto-Submitted": "auto-generated"}, "Jobs Board <no-reply@jobs.example>", "auto_generated"),
    ({"Auto-Submitted": "no"}, "Rita Recruiter <rita@agency.example>", None),
    ({}, "Rita Recruiter <rita@agency.example>", None),
])
def test_machine_sent_mail_is_recognised_by_its_headers(headers, sender, kind):
    assert split_message(make_message(headers=headers, sender=sender).as_bytes()).automatic == kind


def test_a_pasted_resume_loses_the_senders_bare_signature():
    body = "\n".join(RESUME_LINES) + "\n\nDana Whitfield\nSenior Recruiter\nTalent Partners Inc\n+1 206 555 0199\n"
    [document] = split_message(make_message(body=body, sender="Dana Whitfield <dana@talent.example>").as_bytes()).documents
    assert document.name == "body.txt" and b"Talent Partners" not in document.content and b"Python" in document.content
