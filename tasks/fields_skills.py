"""Skills: the items of a skills section, split on commas, bullets and bars."""

from __future__ import annotations

import re

from models.schemas import ListGuess, MessageContext
from tasks.lines import Layout
from tasks.scoring import calibrate

ITEM_SPLIT = re.compile(r"\s*(?:[,;|•·●▪■◆►/]|\s{2,}|\s-\s)\s*")
LABEL = re.compile(r"^[^:]{2,40}:\s*")  # 'Languages: Python, Go' -> 'Python, Go'


def extract_skills(layout: Layout, context: MessageContext) -> ListGuess:
    """Short items from the skills section(s), in order, deduplicated case-insensitively."""
    rows = layout.section_lines("skills")
    items: list[str] = []
    for i in rows:
        text = LABEL.sub("", layout.texts[i])
        for item in ITEM_SPLIT.split(text):
            item = re.sub(r"^(?:and|&|or)\s+", "", item.strip(" .-*"), flags=re.I)  # 'Word, PowerPoint, and Excel'
            if 1 <= len(item) <= 40 and len(item.split()) <= 4 and not item.isdigit():
                items.append(item)
    unique = list({s.casefold(): s for s in reversed(items)}.values())[::-1]
    if not unique:
        return ListGuess(reasons=("no skills section",))
    weight = 4 + (len(unique) >= 3)
    return ListGuess(values=tuple(unique[:60]), score=calibrate("skills", weight),
                     reasons=("+4 items of a skills section",) + (("+1 three or more items",) if len(unique) >= 3 else ()))
