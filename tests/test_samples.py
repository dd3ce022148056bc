from __future__ import annotations

import hashlib

import pytest

from tasks import samples
from tasks.split import split_message


def test_samples_cover_every_format_and_accented_names():
    resumes = samples.sample_resumes(10)
    assert {r.format for r in resumes} == set(samples.FORMATS)
    assert any(any(ord(ch) > 127 for ch in r.person.name) for r in resumes)
    assert resumes[0].content.startswith(b"%PDF") and resumes[1].content.startswith(b"PK")


def test_demo_messages_are_byte_for_byte_stable():
    first = samples.demo_messages("dana.x@import.test", "Dana <dana@agency.example>")
    second = samples.demo_messages("dana.x@import.test", "Dana <dana@agency.example>")
    assert [hashlib.sha256(raw).digest() for _, raw in first] == [hashlib.sha256(raw).digest() for _, raw in second]


def test_every_demo_message_splits_into_one_resume_addressed_to_the_recruiter():
    for name, raw in samples.demo_messages("dana.x@import.test", "Dana <dana@agency.example>"):
        split = split_message(raw)
        assert len(split.documents) == 1, name
        assert split.recipients == ("dana.x@import.test",)
    zipped = split_message(dict(samples.demo_messages("a@b.c", "d@e.f"))["sample-zip"])
    assert zipped.documents[0].origin == "zip:job-fair-resumes.zip", zipped


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt", "html"])
def test_generated_resumes_read_back_with_the_name_on_top(fmt):
    from tasks.text import read_text

    resume = samples.make_resume(samples.PEOPLE[2], fmt)
    document = split_message(samples.resume_message(resume, "a@b.c", "d@e.f", 1)).documents[0]
    text = read_text(document, ocr=False).plain
    assert resume.person.name in text and resume.person.email in text


def test_fill_maildir_adds_each_message_once(tmp_path):
    messages = samples.demo_messages("a@b.c", "d@e.f")[:3]
    assert samples.fill_maildir(tmp_path / "inbox", messages) == 3
    (tmp_path / "inbox" / "new" / "sample-000.demo").rename(tmp_path / "inbox" / "cur" / "sample-000.demo:2,S")
    assert samples.fill_maildir(tmp_path / "inbox", messages) == 0
