"""What a message holds, as the pipeline would see it: inspect_message(raw) -> a JSON-ready dict."""

from __future__ import annotations

from typing import Any

from tasks.sniff import is_ole2, sniff_type
from tasks.split import SplitLimits, split_message


BODY_PREVIEW_CHARS = 300


def inspect_message(raw: bytes, limits: SplitLimits | None = None) -> dict[str, Any]:
    """Subject, sent time, attachment names, the documents split_message would process, skipped parts, problems."""
    result = split_message(raw, limits)
    problems = list(result.problems)
    if not (result.subject or result.sender or result.sent_at or result.recipients) and not is_ole2(raw):
        kind = sniff_type(raw)
        if kind not in (None, "txt"):  # a resume itself, given where a message was expected
            problems.insert(0, f"This is not an email message: it is a {kind.upper()} document with no mail headers.")
    return {
        "subject": result.subject,
        "sent_at": result.sent_at.isoformat() if result.sent_at else None,
        "sender": result.sender,
        "recipients": list(result.recipients),
        "attachments": list(result.attachments),
        "documents": [{"name": d.name, "type": d.type, "origin": d.origin} for d in result.documents],
        "skipped": [{"name": s.name, "content_type": s.content_type, "reason": s.reason} for s in result.skipped],
        "problems": problems,
        "notes": list(result.notes),
        "body_preview": result.body_text[:BODY_PREVIEW_CHARS],
    }
