"""Recruiters: create, list, change the confirmation address, replace a leaked import address."""

from __future__ import annotations

import logging
import re
import secrets
import string
import unicodedata

from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, select

from models.db import session_scope
from models.schemas import Options
from models.settings import Settings
from models.tables import RetiredAddress, User

log = logging.getLogger(__name__)

# Lower-case letters and digits only: some mail systems lower-case local parts, so case can't carry bits.
_ALPHABET = string.ascii_lowercase + string.digits
_RANDOM_CHARS = 22  # 22 * log2(36) = 113 bits: unguessable, so the address itself is the credential


class InvalidAddress(ValueError):
    """An email address a recruiter typed that is not one; str() says why."""


def _slug(name: str) -> str:
    """'Zoë Ångström' -> 'zoe': the first name, ASCII, so the recruiter recognises the address."""
    first = (name.split() or ["recruiter"])[0]
    ascii_name = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]", "", ascii_name.lower())[:20]
    return slug or "recruiter"


def new_import_address(name: str, import_domain: str) -> str:
    """`<first-name-slug>.<22 random chars>@<import_domain>`, lower case."""
    token = "".join(secrets.choice(_ALPHABET) for _ in range(_RANDOM_CHARS))
    return f"{_slug(name)}.{token}@{import_domain}".lower()


def normalise_address(address: str) -> str:
    """A validated, normalised address (no DNS lookups); InvalidAddress when it is not one."""
    try:
        return validate_email(address.strip(), check_deliverability=False).normalized
    except EmailNotValidError as e:
        raise InvalidAddress(str(e)) from e


def confirmation_address_of(user: User) -> str:
    """Where confirmations go: the chosen address, else the login email."""
    return user.confirmation_address or user.email


def create_user(
    session: Session,
    import_domain: str,
    *,
    email: str,
    name: str,
    confirmation_address: str | None = None,
    desktop_tools: bool = True,
) -> User:
    """A new recruiter with a fresh import address; the existing one when the login email is taken."""
    login = normalise_address(email).lower()
    existing = session.exec(select(User).where(User.email == login)).first()
    if existing is not None:
        return existing
    if login.rpartition("@")[2] == import_domain.lower():
        raise InvalidAddress(f"a login email can't be at the import domain {import_domain}: its confirmations would be imported again")
    user = User(name=name.strip() or login, email=login, import_address=new_import_address(name, import_domain), desktop_tools=desktop_tools)
    session.add(user)
    session.flush()
    if confirmation_address:
        set_confirmation_address(session, user.id, confirmation_address)
    log.info("recruiter %s created with import address %s", login, user.import_address)
    return user


def add_user(
    settings: Settings,
    *,
    email: str,
    name: str,
    confirmation_address: str | None = None,
    desktop_tools: bool = True,
) -> User:
    """create_user in its own transaction (the CLI's `users add`)."""
    with session_scope(settings.db_url) as session:
        return create_user(
            session,
            settings.import_domain,
            email=email,
            name=name,
            confirmation_address=confirmation_address,
            desktop_tools=desktop_tools,
        )


def list_users(settings: Settings) -> list[User]:
    """Every recruiter, by login email."""
    with session_scope(settings.db_url) as session:
        return list(session.exec(select(User).order_by(User.email)).all())


def get_user(session: Session, *, user_id: int | None = None, email: str | None = None) -> User | None:
    """A recruiter by id or login email."""
    if user_id is not None:
        return session.get(User, user_id)
    if email is not None:
        return session.exec(select(User).where(User.email == email.strip().lower())).first()
    return None


def user_by_import_address(session: Session, address: str) -> User | None:
    return session.exec(select(User).where(User.import_address == address.strip().lower())).first()


def set_confirmation_address(session: Session, user_id: int, address: str | None) -> User:
    """Send confirmations to address (validated, no DNS); None or empty: back to the login email."""
    user = session.get(User, user_id)
    if user is None:
        raise LookupError(f"no recruiter with id {user_id}")
    address = (address or "").strip()
    if address and _is_import_address(session, user, address):
        raise InvalidAddress("that is an import address: confirmations sent there would be imported again, without end")
    user.confirmation_address = normalise_address(address) if address else None
    session.add(user)
    session.flush()
    return user


def _is_import_address(session: Session, user: User, address: str) -> bool:
    """Any address at the import domain, or any recruiter's current or retired import address."""
    address = address.lower()
    domain = user.import_address.rpartition("@")[2]
    return (address.rpartition("@")[2] == domain
            or session.exec(select(User).where(User.import_address == address)).first() is not None
            or session.exec(select(RetiredAddress).where(RetiredAddress.address == address)).first() is not None)


def issue_new_import_address(session: Session, user_id: int, import_domain: str) -> User:
    """Retire the current import address (mail to it is quarantined from now on) and issue a new one."""
    user = session.get(User, user_id)
    if user is None:
        raise LookupError(f"no recruiter with id {user_id}")
    session.add(RetiredAddress(address=user.import_address, user_id=user.id))
    old = user.import_address
    user.import_address = new_import_address(user.name, import_domain)
    session.add(user)
    session.flush()
    log.info("recruiter %s: import address %s retired, %s issued", user.email, old, user.import_address)
    return user


def remember_default_options(session: Session, user_id: int, options: Options) -> User:
    """Give a recruiter who never saved a candidate a starting set of options (the demo's); others keep theirs."""
    user = session.get(User, user_id)
    if not user.last_options:
        user.last_options = options.model_dump(mode="json")
        session.add(user)
        session.flush()
    return user
