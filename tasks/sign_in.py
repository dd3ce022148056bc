"""Desktop Tools sign-in: a single-use link mailed to the recruiter's login email proves who opens the page.

No passwords to keep: the recruiter already reads this mailbox for every confirmation. A request for an
address that is no recruiter's sends nothing and says nothing different, so the page can't be used to
find out who has an account.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select

from models.db import session_scope
from models.settings import Settings
from models.tables import SignInLink, User, utcnow
from tasks import outbox, tokens
from tasks.errors import LinkNotUsable
from tasks.render import render_email

log = logging.getLogger(__name__)

SIGN_IN_TTL = timedelta(minutes=30)
RESEND_AFTER = timedelta(minutes=1)  # one email a minute at most, however often the button is pressed


def request_sign_in(settings: Settings, login_email: str) -> None:
    """Mail a sign-in link to the recruiter with this login email (sent at once); for any other address, nothing."""
    address = login_email.strip().lower()
    now = utcnow()
    with session_scope(settings.db_url) as session:
        user = session.exec(select(User).where(User.email == address)).first()
        if user is None:
            log.info("sign-in asked for %r: no recruiter has that login email; nothing sent", address)
            return
        recent = session.exec(
            select(SignInLink).where(SignInLink.user_id == user.id, SignInLink.used_at.is_(None),
                                     SignInLink.created_at > now - RESEND_AFTER)
        ).first()
        if recent is not None:
            log.info("sign-in for %s asked again within a minute: the link already sent stands", address)
            return
        raw = tokens.new_secret()
        link = SignInLink(token_hash=tokens.hash_token(raw), user_id=user.id, created_at=now, expires_at=now + SIGN_IN_TTL)
        session.add(link)
        session.flush()
        rendered = render_email("sign_in", name=user.name, link=tokens.link_url(settings.dashboard_url, raw, "signin"),
                                minutes=int(SIGN_IN_TTL.total_seconds() // 60))
        email_id = outbox.queue_email(session, f"signin:{link.id}", "sign_in", user.email, rendered).id
    outbox.send_now(settings, email_id)


def redeem_sign_in(settings: Settings, raw: str) -> int:
    """The signed-in recruiter's id for a sign-in link, once; LinkNotUsable (one sentence) when used, expired or forged."""
    now = utcnow()
    with session_scope(settings.db_url) as session:
        link = session.exec(select(SignInLink).where(SignInLink.token_hash == tokens.hash_token(raw))).first() if raw else None
        if link is None:
            raise LinkNotUsable("This sign-in link is not valid. Ask for a new one on the Desktop Tools page.")
        # One conditional UPDATE is the gate: of two tabs opening the link at once, exactly one signs in.
        won = session.exec(
            update(SignInLink).where(SignInLink.id == link.id, SignInLink.used_at.is_(None), SignInLink.expires_at > now)
            .values(used_at=now).execution_options(synchronize_session=False)  # SQLite hands back naive times
        ).rowcount
        if not won:
            session.refresh(link)
            if link.used_at is not None:
                raise LinkNotUsable(f"This sign-in link was already used on {tokens.when_text(link.used_at)}. Ask for a new one on the Desktop Tools page.")
            raise LinkNotUsable(f"This sign-in link expired on {tokens.when_text(link.expires_at)}. Ask for a new one on the Desktop Tools page.")
        log.info("recruiter %s signed in to Desktop Tools", link.user_id)
        return link.user_id
