"""Work history, and from its first entry the current title and employer.

An entry starts at a line carrying a date range (or a bold line after a gap); its first lines hold the title and
the employer in either order, told apart by title words.
"""

from __future__ import annotations

import re

from models.schemas import EntriesGuess, Entry, FieldGuess, MessageContext
from tasks.fields_name import TITLE_WORDS
from tasks.lines import Layout, fold
from tasks.scoring import calibrate

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc|ene|abr|ago|dic)[a-zéû]*\.?"
DATE = rf"(?:{MONTH}\s*\d{{4}}|\d{{1,2}}/\d{{4}}|\d{{4}})"
DATES_RE = re.compile(rf"{DATE}\s*(?:-|to|until|à|a|bis)\s*(?:{DATE}|present|current|now|today|actuel|présent|actualidad|heute)|{DATE}", re.I)
RANGE_RE = re.compile(rf"{DATE}\s*(?:-|to|until|à|a|bis)\s*(?:{DATE}|present|current|now|today|actuel|présent|actualidad|heute)", re.I)
CURRENT_RE = re.compile(r"present|current|now|today|actuel|présent|actualidad|heute", re.I)
SPLIT_RE = re.compile(r"\s*(?:\||•|·| - |,| at | @ |  )\s*")


def entries_of(layout: Layout, rows: list[int]) -> list[list[int]]:
    """Section lines grouped into entries: a new entry at each line with dates once the current one has text."""
    blocks: list[list[int]] = []
    for i in rows:
        starts = DATES_RE.search(layout.texts[i]) is not None or (layout.lines[i].bold and not layout.texts[i].startswith(("•", "-")))
        if not blocks or (starts and _has_body(layout, blocks[-1])):
            blocks.append([i])
        else:
            blocks[-1].append(i)
    return blocks


def _has_body(layout: Layout, block: list[int]) -> bool:
    return any(DATES_RE.search(layout.texts[i]) for i in block) and len(block) >= 2


def _is_title(text: str) -> bool:
    return any(w in TITLE_WORDS for w in re.findall(r"[\w\-]+", fold(text)))


def extract_experience(layout: Layout, context: MessageContext) -> EntriesGuess:
    entries = []
    for block in entries_of(layout, layout.section_lines("experience")):
        texts = [layout.texts[i] for i in block]
        dates = next((m.group(0) for t in texts for m in [RANGE_RE.search(t) or DATES_RE.search(t)] if m), None)
        heads = [p for t in texts[:3] for p in SPLIT_RE.split(DATES_RE.sub(" ", t)) if 2 < len(p.strip()) < 60 and not p.strip().startswith(("•", "-"))]
        title = next((p.strip() for p in heads if _is_title(p)), None)
        organisation = next((p.strip() for p in heads if p.strip() != title and not _is_title(p) and len(p.split()) <= 6
                             and (p.strip()[:1].isupper() or p.strip()[:1].isdigit())), None)
        if dates or title:
            entries.append(Entry(title=title, organisation=organisation, dates=dates, text="\n".join(texts)))
    if not entries:
        return EntriesGuess(reasons=("no experience section with dated entries",))
    weight = 3 + all(e.dates for e in entries) + all(e.title for e in entries)
    return EntriesGuess(entries=tuple(entries), score=calibrate("experience", weight), reasons=("+3 entries of an experience section",))


def current_role(experience: EntriesGuess) -> tuple[FieldGuess, FieldGuess]:
    """Title and employer of the first experience entry (resumes list the latest first)."""
    if not experience.entries:
        return FieldGuess.missing(), FieldGuess.missing()
    first = experience.entries[0]
    current = bool(first.dates and CURRENT_RE.search(first.dates))
    reasons = ("+2 first entry of the experience section",) + (("+1 dated to the present",) if current else ())
    weight = 2 + current
    title = FieldGuess(value=first.title, score=calibrate("title", weight), reasons=reasons) if first.title else FieldGuess.missing()
    employer = FieldGuess(value=first.organisation, score=calibrate("employer", weight), reasons=reasons) if first.organisation else FieldGuess.missing()
    return title, employer
