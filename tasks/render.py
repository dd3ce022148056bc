"""Emails as text: jinja2 templates (HTML autoescaped, plus a plain-text alternative). Renders only; outbox.py sends."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from models.schemas import RenderedEmail

TEMPLATES = Path(__file__).resolve().parent / "templates"

# One subject line per kind; rendered like the bodies, then flattened to one line.
SUBJECTS = {
    "confirmation": "{% if duplicate_of %}Sent before: {% endif %}Resume received: {{ name or document_name }}",
    "failure": "Could not read {{ document_name }}",
    "problems": "{% if document_name %}Not imported: {{ document_name }}{% else %}No resume found in your message{% endif %}",
    "saved": "Saved: {{ name }}",
    "cancelled": "Cancelled: {{ name or document_name }}",
    "notice": "This import address is no longer in use",
    "sign_in": "Your Desktop Tools sign-in link",
}
KINDS = tuple(SUBJECTS)


def _when(value: datetime | None) -> str:
    """'Thu 3 Dec 2026, 19:20 UTC'; naive datetimes are taken as UTC, as the database stores them."""
    if value is None:
        return "unknown time"
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    value = value.astimezone(timezone.utc)
    return f"{value:%a} {value.day} {value:%b %Y, %H:%M} UTC"


def _percent(score: float | None) -> str:
    return f"{round((score or 0) * 100)}%"


KEY_FIELD_LABELS = ("First name", "Last name", "Email")  # Save needs all three (ExtractedFields.has_key_fields)


def _save_missing(fields: list[dict]) -> str:
    """'Save is not offered because the email was not found: use Review to add it.' naming exactly what is missing."""
    missing = [f"the {f['label'].lower()}" for f in fields if f["label"] in KEY_FIELD_LABELS and not f["value"]]
    if not missing:
        return "Save is not offered: use Review to check the first name, last name and email."
    listed = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"
    were, it = ("was", "it") if len(missing) == 1 else ("were", "them")
    return f"Save is not offered because {listed} {were} not found: use Review to add {it}."


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,  # a missing value is our bug: fail the render, don't mail a blank
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["when"] = _when
    env.filters["percent"] = _percent
    env.filters["save_missing"] = _save_missing
    return env


def render_email(kind: str, **context) -> RenderedEmail:
    """Render `kind` (a key of SUBJECTS) with context -> subject, text, html."""
    if kind not in SUBJECTS:
        raise ValueError(f"unknown email kind {kind!r}")
    env = environment()
    defaults = {"name": None, "email": None, "document_name": None, "duplicate_of": None, "notes": [], "original_subject": None, "sent_at": None}
    values = {**defaults, **context}
    subject = " ".join(env.from_string(SUBJECTS[kind]).render(**values).split())
    text = env.get_template(f"{kind}.txt.j2").render(**values)
    html = env.get_template(f"{kind}.html.j2").render(subject=subject, **values)
    return RenderedEmail(subject=subject[:200], text=text, html=html)
