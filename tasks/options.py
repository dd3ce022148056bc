"""The lists a recruiter files a candidate under: Source, Folders, Jobs, Tags. Read, add, seed."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sqlmodel import Session, select

from models.tables import Folder, Job, Source, Tag

OptionKind = Literal["source", "folder", "job", "tag"]
TABLES = {"source": Source, "folder": Folder, "job": Job, "tag": Tag}

# What a small agency starts with; recruiters add their own from the Review page.
DEFAULT_OPTIONS: dict[str, tuple[str, ...]] = {
    "source": ("Email", "LinkedIn", "Referral", "Job board", "Careers page", "Agency", "Event"),
    "folder": ("Inbox", "Shortlist", "Interviewing", "Talent pool", "Archive"),
    "job": ("Software Engineer", "Data Analyst", "Product Manager", "Sales Executive", "Nurse", "Accountant"),
    "tag": ("Senior", "Junior", "Remote", "Relocation", "Contract", "Hot"),
}


class OptionLists(BaseModel):
    """Every choice the Review page offers, sorted by name."""

    sources: list[str] = Field(default_factory=list)
    folders: list[str] = Field(default_factory=list)
    jobs: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


def list_options(session: Session) -> OptionLists:
    """The four lists as they are in the database."""

    def names(kind: OptionKind) -> list[str]:
        table = TABLES[kind]
        return sorted(session.exec(select(table.name)).all(), key=str.casefold)

    return OptionLists(sources=names("source"), folders=names("folder"), jobs=names("job"), tags=names("tag"))


def add_option(session: Session, kind: OptionKind, name: str) -> str:
    """Add name to a list unless it (case-insensitively) is there; returns the stored spelling."""
    clean = " ".join(name.split())
    if not clean:
        raise ValueError(f"an empty {kind} name")
    table = TABLES[kind]
    for existing in session.exec(select(table.name)).all():
        if existing.casefold() == clean.casefold():
            return existing
    session.add(table(name=clean))
    session.flush()
    return clean


def seed_default_options(session: Session) -> OptionLists:
    """Fill empty lists with DEFAULT_OPTIONS (a list someone already filled is left alone); idempotent."""
    for kind, names in DEFAULT_OPTIONS.items():
        table = TABLES[kind]
        if session.exec(select(table.id).limit(1)).first() is None:
            for name in names:
                session.add(table(name=name))
    session.flush()
    return list_options(session)
