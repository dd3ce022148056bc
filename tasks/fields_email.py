"""The candidate's email: every address in the lines and mailto: links, scored; the recruiter's never wins."""

from __future__ import annotations

import re

from models.schemas import MessageContext
from tasks.lines import Layout
from tasks.scoring import Candidate, Feature, Scored, best_scored

EMAIL_RE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+'\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}"
)
MAX_TOKEN = 320  # RFC 5321: 64 + 1 + 255
_AT = re.compile(r"\s*[\[({<]\s*(?:at|AT|@)\s*[\])}>]\s*")
_DOT = re.compile(r"\s*[\[({<]\s*(?:dot|DOT|\.)\s*[\])}>]\s*")
_SPACED = re.compile(r"(\S)\s*([@.])\s*(?=\S)")
LABEL_RE = re.compile(r"\b(e-?mail|mail|courriel|correo|email address)\b", re.I)
ROLE_LOCAL_PARTS = {"noreply", "no-reply", "donotreply", "jobs", "careers", "recruiting", "recruitment", "hr", "talent",
                    "admin", "support", "privacy", "webmaster", "postmaster", "mailer-daemon"}


def deobfuscate(text: str) -> str:
    """'name [at] example [dot] com' -> 'name@example.com'."""
    return _DOT.sub(".", _AT.sub("@", text))


def emails_in(text: str) -> list[str]:
    text = deobfuscate(text)
    # Token by token: an address has no spaces, and a 6,000-character run of dots would make the regex crawl.
    found = [m.group(0).rstrip(".-'") for token in text.split() if "@" in token and len(token) <= MAX_TOKEN
             for m in EMAIL_RE.finditer(token)]
    if not found and "@" in text and len(text) <= MAX_TOKEN:
        # 'john . doe @ mail . com': spaces around the separators only
        found = [m.group(0).rstrip(".-'") for m in EMAIL_RE.finditer(_SPACED.sub(r"\1\2", text))]
    return found


def email_candidates(layout: Layout, context: MessageContext) -> list[Candidate]:
    linked = {link[7:].split("?")[0].strip().casefold() for link in layout.links if link.lower().startswith("mailto:")}
    seen: dict[str, Candidate] = {}
    order = 0
    for i, text in enumerate(layout.texts):
        for address in emails_in(text):
            key = address.casefold()
            if key in seen:
                seen[key].facts["count"] += 1
                continue
            before = text[: text.find(address)] if address in text else text
            seen[key] = Candidate(address, i, layout.lines[i], context, facts={
                "order": order,
                "count": 1,
                "page0": layout.lines[i].page == layout.first_page,
                "header": layout.in_header(i),
                "referee": layout.in_referees(i),
                "labelled": LABEL_RE.search(before[-24:]) is not None,
                "linked": key in linked,
            })
            order += 1
    for address in linked - set(seen):
        if EMAIL_RE.fullmatch(address):
            seen[address] = Candidate(address, -1, None, context, facts={
                "order": order, "count": 1, "page0": False, "header": False, "referee": False, "labelled": False,
                "linked": True})
            order += 1
    return list(seen.values())


def is_recruiter(c: Candidate) -> bool:
    own = {a.casefold() for a in (c.context.sender, *c.context.recruiter_emails) if a}
    return c.value.casefold() in own


EMAIL_FEATURES = [
    Feature("looks like an email address", +4, lambda c: EMAIL_RE.fullmatch(c.value) is not None),
    Feature("on the first page", +1, lambda c: c.page0),
    Feature("in the header block or contact section", +1, lambda c: c.header),
    Feature("labelled as an email", +1, lambda c: c.labelled),
    Feature("also a mailto: link", +1, lambda c: c.linked),
    Feature("the first address in the document", +1, lambda c: c.order == 0),
    Feature("in the referee section", -4, lambda c: c.referee),
    Feature("a role address (jobs@, noreply@)", -2, lambda c: c.value.split("@")[0].casefold() in ROLE_LOCAL_PARTS),
    Feature("is the forwarding recruiter's own address", -8, is_recruiter),
]


def extract_email(layout: Layout, context: MessageContext) -> Scored | None:
    return best_scored(email_candidates(layout, context), EMAIL_FEATURES, minimum=4)
