"""Work history, and from its first entry the current title and employer.

An entry is its head lines (title, employer, dates in any order, told apart by title words) and then its bullets.
"""

from __future__ import annotations

import re

from models.schemas import EntriesGuess, Entry, FieldGuess, MessageContext
from tasks.fields_name import TITLE_WORDS
from tasks.lines import Layout, fold
from tasks.scoring import calibrate

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc|ene|abr|ago|dic)[a-zéû]*\.?"
DATE = rf"(?:{MONTH}\s*\d{{4}}|\d{{1,2}}/\d{{4}}|\d{{4}})"
NOW = r"present|current|now|today|actuel|présent|actualidad|heute"
# 'Sep. 2023 Mar. 2024': some text layers lose the dash between the two ends of a range.
RANGE = rf"{DATE}\s*(?:[-–—]|to|until|à|a|bis|\s)\s*(?:{DATE}|{NOW})"
DATES_RE = re.compile(rf"{RANGE}|{DATE}", re.I)
RANGE_RE = re.compile(RANGE, re.I)
CURRENT_RE = re.compile(NOW, re.I)
SPLIT_RE = re.compile(r"\s*(?:\||•|·| - |,| at | @ |  )\s*")
BULLET_RE = re.compile(r"^\s*[•\-*–·▪●◦‣>]\s*")
SEPARATORS = " \t-–—,;:|/·•"
# What a removed date leaves: '(2016 - present)' -> '( )', '(Remote, 2019)' -> '(Remote, )', '[ - ]'.
EMPTY_BRACKETS_RE = re.compile(r"\(\s*[-–—,;:|/·•\s]*\)|\[\s*[-–—,;:|/·•\s]*\]")
BRACKET_EDGE_RE = re.compile(r"(?<=[(\[])[-–—,;:|/·•\s]+|[-–—,;:|/·•\s]+(?=[)\]])")


def entries_of(layout: Layout, rows: list[int]) -> list[list[int]]:
    """Section lines grouped into entries.

    An entry is head lines (employer, title, dates) then body lines (bullets and their wrapped continuations). A
    new entry starts at a head-like line once the current entry has a body, or at a second date range in a run
    of one-line entries.
    """
    blocks: list[list[int]] = []
    body_size = max((layout.lines[i].size for i in rows if BULLET_RE.match(layout.texts[i])), default=0.0)
    for n, i in enumerate(rows):
        text = layout.texts[i]
        if not blocks:
            blocks.append([i])
            continue
        block = blocks[-1]
        has_bullets = any(BULLET_RE.match(layout.texts[k]) for k in block)
        dated = RANGE_RE.search(text) is not None
        next_dated = n + 1 < len(rows) and RANGE_RE.search(layout.texts[rows[n + 1]]) is not None
        head_like = (not BULLET_RE.match(text) and text[:1].isupper() or text[:1].isdigit()) and (
            dated or next_dated or layout.lines[i].bold or (body_size and layout.lines[i].size > body_size + 0.5))
        block_dated = any(RANGE_RE.search(layout.texts[k]) for k in block)
        if (head_like and has_bullets) or (dated and block_dated and not has_bullets and not next_dated):
            blocks.append([i])
        else:
            block.append(i)
    return blocks


def strip_dates(text: str) -> str:
    """A head line without its dates and what they leave behind: 'Engineer, Spotify (2016 - present)' ->
    'Engineer, Spotify'; '(Remote, 2019)' -> '(Remote)'; no empty brackets or dangling separators."""
    text = BRACKET_EDGE_RE.sub("", DATES_RE.sub(" ", text))
    text = EMPTY_BRACKETS_RE.sub(" ", text)
    return re.sub(r"\s{3,}", "  ", text).strip(SEPARATORS)


def head_parts(text: str) -> list[str]:
    """The pieces of a head line (title, employer, place) once its dates are gone."""
    parts = (p.strip(SEPARATORS) for p in SPLIT_RE.split(strip_dates(text)))
    return [p for p in parts if 2 < len(p) < 60 and any(ch.isalnum() for ch in p)]


def _is_title(text: str) -> bool:
    return any(w in TITLE_WORDS for w in re.findall(r"[\w\-]+", fold(text)))


def extract_experience(layout: Layout, context: MessageContext) -> EntriesGuess:
    entries = []
    for block in entries_of(layout, layout.section_lines("experience")):
        texts = [layout.texts[i] for i in block]
        dates = next((m.group(0) for t in texts for m in [RANGE_RE.search(t) or DATES_RE.search(t)] if m), None)
        head_texts = [t for t in texts[:3] if not BULLET_RE.match(t)]
        heads = [p for t in head_texts for p in head_parts(t)]
        title = next((p for p in heads if _is_title(p)), None)
        organisation = next((p for p in heads if p != title and not _is_title(p) and len(p.split()) <= 6
                             and (p[:1].isupper() or p[:1].isdigit())), None)
        if dates or title:
            entries.append(Entry(title=title, organisation=organisation, dates=dates, text="\n".join(texts)))
    if not entries:
        return EntriesGuess(reasons=("no experience section with dated entries",))
    weight = 3 + all(e.dates for e in entries) + all(e.title for e in entries)
    return EntriesGuess(entries=tuple(entries), score=calibrate("experience", weight), reasons=("+3 entries of an experience section",))


def role_weight(experience: EntriesGuess) -> int | None:
    """The current title's and employer's summed weight: +2 first entry, +1 dated to the present; None: no entry."""
    if not experience.entries:
        return None
    first = experience.entries[0]
    return 2 + bool(first.dates and CURRENT_RE.search(first.dates))


def current_role(experience: EntriesGuess) -> tuple[FieldGuess, FieldGuess]:
    """Title and employer of the first experience entry (resumes list the latest first)."""
    weight = role_weight(experience)
    if weight is None:
        return FieldGuess.missing(), FieldGuess.missing()
    first = experience.entries[0]
    reasons = ("+2 first entry of the experience section",) + (("+1 dated to the present",) if weight > 2 else ())
    title = FieldGuess(value=first.title, score=calibrate("title", weight), reasons=reasons) if first.title else FieldGuess.missing()
    employer = FieldGuess(value=first.organisation, score=calibrate("employer", weight), reasons=reasons) if first.organisation else FieldGuess.missing()
    return title, employer
