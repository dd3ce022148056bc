"""split_message on the shared corpus: real messages from public test suites and the eml_* cases."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import pytest

from models.schemas import SplitMessage
from tasks.split import split_message

pytestmark = pytest.mark.corpus

# manifest `real_type` wording -> our DocumentType
REAL_TYPES = {"application/pdf": "pdf", "docx": "docx", "odt": "odt", "text/plain": "txt", "application/msword": "doc"}


def manifest(corpus: Path) -> list[dict]:
    return json.loads((corpus / "emails" / "manifest.json").read_text())



def _ids() -> list[str]:
    from tests.conftest import CORPUS

    path = CORPUS / "emails" / "manifest.json"
    return sorted(e["file"] for e in json.loads(path.read_text())) if path.exists() else ["absent"]


def _case_ids() -> list[str]:
    from tests.conftest import CORPUS

    path = CORPUS / "cases" / "cases.json"
    if not path.exists():
        return ["absent"]
    return [c["file"] for c in json.loads(path.read_text()) if c["file"].startswith("eml_")]


def _expected_type(real_type: str) -> str | None:
    for prefix, type_ in REAL_TYPES.items():
        if real_type.startswith(prefix):
            return type_
    return None


def _skipped_or_problem(result: SplitMessage, name: str) -> bool:
    return any(s.name == name for s in result.skipped) or any(name in p for p in result.problems)


@pytest.mark.parametrize("file", _ids())
def test_corpus_message(corpus, file):
    entry = next(e for e in manifest(corpus) if e["file"] == file)
    expected = entry["expected"]
    result = split_message((corpus / "emails" / file).read_bytes())

    assert result.subject == expected["subject"] or result.subject in expected.get("subject_alternatives", [])
    if expected["date"] is None:
        assert result.sent_at is None
    else:
        assert result.sent_at == datetime.fromisoformat(expected["date"])
        assert result.sent_at.tzinfo is not None
    for name in expected["attachments"] + expected.get("nested_attachments", []):
        assert name in result.attachments, f"{name} not among {result.attachments}"

    assert bool(result.body_text) == expected["has_text_body"], result.body_text[:200]
    if "body_startswith" in expected:
        assert result.body_text.startswith(expected["body_startswith"]), result.body_text[:200]

    if "original_sender" in expected:
        assert result.forwarded_from == expected["original_sender"]

    documents = {(d.origin.split(":", 1)[1] + "/" if d.origin.startswith("forwarded:") else "") + d.name: d
                 for d in result.documents}
    for candidate in expected["resume_candidates"]:
        name = candidate["name"]
        if "reject" in candidate.get("expect", ""):
            assert name not in documents and _skipped_or_problem(result, name), f"{name} should be refused"
        elif "first_member" in candidate:
            document = next(d for d in result.documents if d.origin == f"zip:{name}")
            assert document.name == candidate["first_member"]
        else:
            assert name in documents, f"{name} not among documents {list(documents)}"
            wanted = _expected_type(candidate["real_type"])
            if wanted:
                assert documents[name].type == wanted

    for part in expected["skip_parts"]:
        if part.startswith("text/calendar part"):
            assert any(s.content_type == "text/calendar" for s in result.skipped)
            continue
        name = part.split(" (")[0]
        assert any(s.name == name for s in result.skipped), f"{name} not skipped: {result.skipped}"


@pytest.mark.parametrize("file", _case_ids())
def test_corpus_eml_case(corpus, file):
    case = next(c for c in json.loads((corpus / "cases" / "cases.json").read_text()) if c["file"] == file)
    expected = case["expected"]
    result = split_message((corpus / "cases" / file).read_bytes())
    assert result.subject == expected["subject"]
    assert result.sent_at == datetime.fromisoformat(expected["date"])
    assert list(result.attachments) == expected["attachments"]
    sha = {d.name: hashlib.sha256(d.content).hexdigest() for d in result.documents}
    assert sha == expected["attachment_sha256"]


def test_attached_outlook_msg_counts_like_a_forwarded_message(corpus):
    from tests.factories import make_message

    item = (corpus / "emails" / "m005.msg").read_bytes()
    result = split_message(make_message(files=[("Fw candidate.msg", item)],
                                        content_types={"Fw candidate.msg": "application/vnd.ms-outlook"}).as_bytes())
    assert result.attachments == ("Fw candidate.msg", "Fw candidate.msg/test-unicode.doc", "Fw candidate.msg/pj1.txt")
    assert [(d.name, d.type, d.origin) for d in result.documents] == [
        ("test-unicode.doc", "doc", "forwarded:Fw candidate.msg"), ("pj1.txt", "txt", "forwarded:Fw candidate.msg")]
