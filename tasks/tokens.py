"""Links: a random secret goes in the email, only its sha256 goes in the database."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from sqlmodel import Session, select

from models.tables import ActionToken, utcnow

ACTIONS = ("save", "cancel", "review")
_TOKEN_BYTES = 24  # 192 bits from the OS's CSPRNG; 32 url-safe characters


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_secret() -> str:
    """A fresh secret for a link: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(_TOKEN_BYTES)


def issue_link(session: Session, draft_id: int, action: str, ttl: timedelta) -> str:
    """A new single-use secret for (draft, action); stores its hash and expiry, returns the raw secret."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    raw = new_secret()
    session.add(ActionToken(token_hash=hash_token(raw), draft_id=draft_id, action=action, expires_at=utcnow() + ttl))
    session.flush()
    return raw


def link_url(dashboard_url: str, raw: str, param: str = "t") -> str:
    """The URL a recruiter clicks: the dashboard's action page reads ?t=, the sign-in page ?signin=."""
    return f"{dashboard_url.rstrip('/')}/?{param}={quote(raw)}"


def when_text(when: datetime) -> str:
    """'3 Dec 2026 at 14:02 UTC': when a link was used or ran out, for the sentence its page shows.

    SQLite hands back naive datetimes; they were written in UTC."""
    when = (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    return f"{when.day} {when:%b %Y} at {when:%H:%M} UTC"


def find_token(session: Session, raw: str) -> ActionToken | None:
    """The token row for a raw secret (by hash), or None; callers check used_at and expires_at."""
    if not raw:
        return None
    return session.exec(select(ActionToken).where(ActionToken.token_hash == hash_token(raw))).first()
