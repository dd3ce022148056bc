"""Education: entries of the education section, one per school or degree, with dates where printed."""

from __future__ import annotations

import re

from models.schemas import EntriesGuess, Entry, MessageContext
from tasks.fields_work import DATES_RE, entries_of
from tasks.lines import Layout
from tasks.scoring import calibrate

SCHOOL_RE = re.compile(r"\b(university|universit[éeä]t?|universidad|college|school|institute|academy|polytechnic|"
                       r"école|ecole|hochschule|unam|mit)\b", re.I)
DEGREE_RE = re.compile(r"\b(bachelor|master|ph\.?d|doctor|diploma|degree|associate|b\.?sc?|m\.?sc?|b\.?a|m\.?a|mba|"
                       r"b\.?eng|m\.?eng|b\.?tech|m\.?tech|licenciatura|maestr[ií]a|high school|certificate|bsn|msn)\b", re.I)


def extract_education(layout: Layout, context: MessageContext) -> EntriesGuess:
    """Groups of lines under the education heading: school (school words), degree (degree words), dates."""
    entries = []
    for block in entries_of(layout, layout.section_lines("education")):
        texts = [layout.texts[i] for i in block]
        school = next((t for t in texts if SCHOOL_RE.search(t)), None)
        degree = next((t for t in texts if DEGREE_RE.search(t) and t != school), None)
        dates = next((m.group(0) for t in texts for m in [DATES_RE.search(t)] if m), None)
        if school or degree:
            entries.append(Entry(title=_strip_dates(degree), organisation=_strip_dates(school), dates=dates,
                                 text="\n".join(texts)))
    if not entries:
        return EntriesGuess(reasons=("no education section with a school or degree",))
    weight = 4 + all(e.organisation for e in entries)
    return EntriesGuess(entries=tuple(entries), score=calibrate("education", weight),
                        reasons=("+4 entries of an education section",))


def _strip_dates(text: str | None) -> str | None:
    if text is None:
        return None
    return DATES_RE.sub("", text).strip(" ,|-–—") or None
