"""Links the candidate gives: LinkedIn, GitHub, a personal site; from hyperlinks and bare URLs in the lines."""

from __future__ import annotations

import re

from models.schemas import ListGuess, MessageContext
from tasks.lines import Layout
from tasks.scoring import calibrate

URL_RE = re.compile(
    r"(?<![@\w.])(?:https?://)?(?:www\.)?"
    r"(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:com|org|net|io|dev|me|co|ai|app|info|page|site|xyz|tech|[a-z]{2})"
    r"(?:/[^\s,;|)\]]*)?(?![@\w])",
    re.I,
)
PROFILE_HOSTS = ("linkedin.com", "github.com", "gitlab.com", "bitbucket.org", "stackoverflow.com", "behance.net",
                 "dribbble.com", "medium.com", "twitter.com", "x.com", "kaggle.com", "orcid.org", "scholar.google")
SKIP_HOSTS = ("fonts.", "w3.org", "schema.org", "localhost", "127.0.0.1")
FILE_SUFFIXES = {"md", "py", "sh", "js", "ts", "rb", "pl", "cs", "ps", "txt", "pdf", "doc", "docx", "json", "yml", "tex"}
EMAIL_DOMAIN_RE = re.compile(r"@[\w.\-]+$")


def normalise_url(url: str) -> str:
    url = url.strip().rstrip(".,;:)")
    return url if re.match(r"https?://", url, re.I) else "https://" + url


def extract_links(layout: Layout, context: MessageContext) -> ListGuess:
    """Profile and web links in document order, deduplicated; referee sections skipped."""
    found: list[str] = []
    reasons: list[str] = []
    for link in layout.links:
        if link.lower().startswith(("http://", "https://", "www.")) and not any(s in link.lower() for s in SKIP_HOSTS):
            found.append(normalise_url(link))
    if found:
        reasons.append("+2 hyperlinks in the document")
    for i, text in enumerate(layout.texts):
        if layout.in_referees(i) or "." not in text:
            continue
        text = " ".join(t for t in text.split(" ") if len(t) <= 300)  # a URL is short; a huge token makes the regex crawl
        for m in URL_RE.finditer(text):
            value = m.group(0)
            host_part = value.lower()
            if "@" in text[max(0, m.start() - 1): m.start() + 1]:
                continue
            is_profile = any(h in host_part for h in PROFILE_HOSTS)
            if not (is_profile or host_part.startswith(("http", "www.")) or (layout.in_header(i) and "/" not in host_part[:-1] and len(value) > 6)):
                continue
            if re.fullmatch(r"[\d.]+", value) or any(s in host_part for s in SKIP_HOSTS):
                continue
            if not host_part.startswith(("http", "www.")) and host_part.rsplit(".", 1)[-1] in FILE_SUFFIXES:
                continue  # 'cat summary.md' names a file, not a site
            if EMAIL_DOMAIN_RE.search(text[: m.end()]) and text[m.start() - 1: m.start()] == "@":
                continue
            found.append(normalise_url(value))
    unique = list(dict.fromkeys(u.rstrip("/") for u in found))
    if not unique:
        return ListGuess(reasons=("no links found",))
    if len(reasons) == 0:
        reasons.append("+1 URLs printed in the lines")
    weight = 3 + len(reasons) + any(any(h in u.lower() for h in PROFILE_HOSTS) for u in unique)
    return ListGuess(values=tuple(unique[:10]), score=calibrate("links", weight), reasons=tuple(reasons))
