"""resume_from_body: a pasted resume without the recruiter's signature, footers and quoting headers."""

from __future__ import annotations

from tasks.body import forwarded_sender, html_to_text, resume_from_body
from tests.factories import RESUME_LINES

RESUME = "\n".join(RESUME_LINES)


def test_short_notes_are_not_resumes():
    assert resume_from_body("see attached") is None
    assert resume_from_body("") is None
    assert resume_from_body(None) is None
    assert resume_from_body("Hi,\n\nPlease find Jane's CV attached.\n\nBest regards,\nRita\nAgency Ltd\n+44 20 7946 0000") is None


def test_a_long_letter_without_resume_sections_is_not_a_resume():
    letter = "Dear Sir,\n\n" + "We write about the new bike lanes in the town centre. " * 20 + "\n\nYours sincerely,\nA. Person"
    assert resume_from_body(letter) is None


def test_signature_after_delimiter_is_removed():
    text = resume_from_body(f"{RESUME}\n\n-- \nRita Recruiter\nAgency Ltd\nrita@agency.example")
    assert text is not None and text.endswith("Python, SQL, Airflow, Prefect, PostgreSQL")


def test_sign_off_and_footer_disclaimer_are_removed():
    body = (f"Hi, here is Jane:\n\n{RESUME}\n\nKind regards,\nRita Recruiter\n+44 20 7946 0000\n\n"
            "This email and any attachments are confidential and intended solely for the addressee.\n\nSent from my iPhone")
    text = resume_from_body(body)
    assert "Rita Recruiter" not in text and "confidential" not in text and "iPhone" not in text
    assert "Senior Data Engineer" in text


def test_forward_header_block_and_recruiter_note_are_removed():
    body = (
        "Rita's note: strong candidate.\n\nBest,\nRita\n\n---------- Forwarded message ---------\n"
        "From: Jane Example <jane.example@example.com>\nDate: Mon, 30 Nov 2026 at 10:00\n"
        f"Subject: My CV\nTo: Rita <rita@agency.example>\n\n{RESUME}\n"
    )
    text = resume_from_body(body)
    assert text.startswith("Jane Example\njane.example@example.com")
    assert "Forwarded message" not in text and "Rita's note" not in text


def test_outlook_forward_block_without_marker_line():
    body = (f"FYI\n\nFrom: Jane Example\nSent: Monday, November 30, 2026 10:00 AM\nTo: Rita\nSubject: CV\n\n{RESUME}\n")
    text = resume_from_body(body)
    assert text.startswith("Jane Example") and "Sent:" not in text


def test_quoted_reply_lines_are_removed():
    text = resume_from_body(f"{RESUME}\n\nOn Mon, Rita wrote:\n> can you send your CV?\n> thanks")
    assert text is not None and "> can you" not in text


def test_html_to_text_keeps_blocks_on_lines():
    assert html_to_text("<html><head><style>p{}</style></head><body><p>Jane</p><p>Engineer<br>Toronto</p></body></html>") \
        == "Jane\n\nEngineer\nToronto"


def test_forwarded_sender_from_gmail_and_outlook_blocks():
    gmail = "FYI\n\n---------- Forwarded message ---------\nFrom: Jane Example <jane@example.com>\nDate: Mon\nSubject: CV\n\nHi"
    assert forwarded_sender(gmail) == "Jane Example <jane@example.com>"
    outlook = "FYI\n\nDe : Jane Example [mailto:jane@example.com]\nEnvoyé : lundi\nÀ : Rita\nObjet : CV\n\nBonjour"
    assert forwarded_sender(outlook) == "Jane Example <jane@example.com>"
    assert forwarded_sender("From the start of my career I have...") is None


SIGNATURE = (
    "Best regards,\n\nRita Recruiter\nSenior Talent Partner | Acme Staffing Ltd.\nDirect: +44 20 7946 0999\n"
    "Mobile: +44 7700 900123\nEmail: rita.recruiter@example.com\n1 Long Street, London EC1A 1BB, United Kingdom\n"
    "www.acme-staffing.example\nLinkedIn: https://www.linkedin.com/in/rita-recruiter\nTwitter: @acme_staffing\n"
    "Acme Staffing - Winner, Recruitment Agency of the Year 2025\n\n"
    "CONFIDENTIALITY NOTICE: This email and any attachments are confidential and may be legally privileged. If you are "
    "not the intended recipient, please notify the sender immediately and delete it. Acme Staffing Ltd. is registered "
    "in England and Wales, company number 01234567.\n"
)


def test_a_long_signature_after_a_sign_off_is_removed_whatever_its_length():
    text = resume_from_body(f"Hi team,\n\n{RESUME}\n\n{SIGNATURE}")
    assert text is not None and text.endswith("Python, SQL, Airflow, Prefect, PostgreSQL")
    assert "Rita" not in text and "Acme" not in text and "CONFIDENTIALITY" not in text


def test_the_recruiters_cover_note_is_not_left_at_the_top():
    note = "Hi team, please add this candidate for the data role.\n\nThanks,\nRita\n+44 20 7946 0999\n\n"
    for body in (f"Hi team,\n\n{RESUME}", f"{note}{RESUME}", f"Hello,\nplease find Jane's resume below:\n{RESUME}\n\n{SIGNATURE}"):
        text = resume_from_body(body)
        assert text is not None and text.startswith("Jane Example\n"), body


def test_a_cover_notes_sign_off_does_not_cut_the_resume_below_it():
    text = resume_from_body(f"Please add Jane.\n\nThanks,\nRita\n\n{RESUME}")
    assert text is not None and text.startswith("Jane Example") and text.endswith("PostgreSQL")


def test_a_bare_signature_that_opens_with_the_senders_name_is_removed():
    body = (f"{RESUME}\n\nDana Whitfield\nSenior Recruiter\nTalent Partners Inc\n+1 206 555 0199\n\n"
            "This message may contain confidential information.")
    text = resume_from_body(body, sender_name="Dana Whitfield")
    assert "Dana Whitfield" not in text and "Talent Partners" not in text and "206 555 0199" not in text
    assert text.endswith("Python, SQL, Airflow, Prefect, PostgreSQL")
    assert "Talent Partners" in resume_from_body(body), "without the sender's name nothing says it is a signature"


def test_the_senders_name_inside_the_resume_is_not_a_signature():
    body = f"{RESUME}\n\nREFERENCES\n\nDana Whitfield\nHead of Data, 2019 - 2024\ndana@example.com"
    assert "Dana Whitfield" in resume_from_body(body, sender_name="Dana Whitfield")
