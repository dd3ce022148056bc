"""`resume-inbox parse FILE...`: one file -> its key fields with scores, as a JSON-ready dict."""

from __future__ import annotations

from pathlib import Path

from models.schemas import ExtractedFields, MessageContext
from tasks.errors import InboxProblem
from tasks.extract import extract_fields

PRINTED_FIELDS = ("first_name", "last_name", "email", "phone", "phone_e164", "location")


def parse_file(path: Path) -> dict:
    """{"file", "fields": {name: {"value", "score"}}} or {"file", "error"} when the file can't be read."""
    from tasks.text import read_path

    try:
        text = read_path(path)
    except InboxProblem as problem:
        return {"file": str(path), "error": str(problem)}
    except OSError as e:  # a missing or unreadable path on the command line: say so and go on
        return {"file": str(path), "error": f"{path.name} could not be opened: {e.strerror or e}"}
    fields = extract_fields(text, MessageContext(file_name=path.name))
    return {"file": str(path), "fields": key_fields(fields)}


def key_fields(fields: ExtractedFields) -> dict[str, dict]:
    return {name: {"value": getattr(fields, name).value, "score": getattr(fields, name).score} for name in PRINTED_FIELDS}
