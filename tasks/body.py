"""A resume pasted into a message body: resume_from_body(text) -> the resume text, or None when it is too short."""

from __future__ import annotations

import re

MIN_CHARS = 200  # shorter than any real resume: "see attached", "CV for the Leeds role"
MIN_LINES = 5

# A line that opens a forwarded or quoted message; what follows is the forwarded mail's header block.
FORWARD_MARKERS = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|original message|weitergeleitete nachricht|message d'origine|"
    r"messaggio originale|mensaje original)\s*-{2,}|begin forwarded message:|-{5,}\s*$|_{10,}\s*$)",
    re.IGNORECASE,
)
# Outlook-style forwards have no marker line, just the header block: "From: ... / Sent: ... / To: ... / Subject: ...".
HEADER_LINE = re.compile(
    r"^\s*\*?(?:from|sent|date|to|cc|bcc|subject|reply-to|von|gesendet|an|betreff|de|envoyé|à|objet|da|inviato|a|oggetto)"
    r"\*?\s*:\s*.*$",
    re.IGNORECASE,
)
REPLY_HEADER = re.compile(r"^\s*(?:on\b.{0,200}\bwrote:|le\b.{0,200}\ba écrit\s*:|am\b.{0,200}\bschrieb\b.*:)\s*$", re.IGNORECASE)
FROM_KEYS = {"from", "von", "de", "da"}
SIGN_OFF = re.compile(
    r"^\s*(?:best(?: regards| wishes)?|kind regards|warm regards|regards|many thanks|thanks(?: again)?|thank you|cheers|"
    r"sincerely|yours sincerely|yours truly|all the best|br|mit freundlichen grüßen|cordialement|saluti)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
SIGNATURE_DELIMITER = re.compile(r"^--\s?$")
SIGNATURE_LINE_CHARS = 100  # name, title, "Direct: +44 ...", an address: a signature's lines are short
DATE_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–—]\s*(?:(?:19|20)\d\d|present|now|current|today)", re.IGNORECASE)
# The forwarding recruiter's note above a pasted resume: a greeting, or a line asking us to take the candidate.
COVER_LINE = re.compile(
    r"^\W*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|bonjour|ciao|hola)\b|.*\b(?:"
    r"please (?:add|find|see|import|upload|review|consider|take a look)|see (?:below|attached)|"
    r"(?:resume|cv|profile|details)(?: is| are)? (?:below|pasted)|here(?: is|'s| are)\b|fyi\b|for your (?:review|consideration)|"
    r"as discussed|(?:candidate|applicant) (?:below|for)))",
    re.IGNORECASE,
)
COVER_LINE_CHARS = 160
FOOTER_WORDS = re.compile(
    r"(?:confidential|vertraulich|confidentiel|poufne|riservat|intended recipient|intended solely|privileged|disclaimer|virus|unsubscribe|"
    r"sent from my (?:iphone|ipad|android|mobile|samsung)|get outlook for|please consider the environment|"
    r"this (?:e-?mail|message) (?:and any attachments|is intended|may contain))",
    re.IGNORECASE,
)


# A pasted resume has section headings and contact details; a letter or a note has not.
SECTION_HEADING = re.compile(
    r"^\W*(?:(?:work |professional |employment |career )?(?:experience|history)|education|skills|employment|"
    r"qualifications|profile|summary|objective|certifications?|languages|projects|training|"
    r"exp[ée]rience(?:s)? professionnelles?|formation|comp[ée]tences|berufserfahrung|ausbildung|kenntnisse|"
    r"do[śs]wiadczenie(?: zawodowe)?|wykszta[łl]cenie|umiej[ęe]tno[śs]ci|experiencia|educaci[óo]n|habilidades|"
    r"esperienz[ae]|istruzione|competenze)\b.{0,40}$",
    re.IGNORECASE | re.MULTILINE,
)
CONTACT_OR_DATES = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ().-]{7,}\d|(?:19|20)\d\d\s*[-–—]\s*(?:(?:19|20)\d\d|present|now|current|today)",
    re.IGNORECASE,
)


def looks_like_resume(text: str) -> bool:
    """Long enough, with a section heading and contact details or date ranges."""
    lines = [line for line in text.splitlines() if line.strip()]
    return (
        len(text) >= MIN_CHARS
        and len(lines) >= MIN_LINES
        and SECTION_HEADING.search(text) is not None
        and CONTACT_OR_DATES.search(text) is not None
    )


def resume_from_body(text: str | None, sender_name: str | None = None) -> str | None:
    """The pasted resume in a body (signature, footers, quoting headers removed); None when too short to be one.

    sender_name is the From: display name: a signature with no sign-off and no "-- " still starts with it.
    """
    if not text:
        return None
    resume = without_mail_parts(text, sender_name)
    return resume if looks_like_resume(resume) else None


def without_mail_parts(text: str, sender_name: str | None = None) -> str:
    """A body without what the mail added: forward headers, quoted lines, footers, signature, the cover note."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _forwarded_part(lines)
    lines = [line for line in lines if not line.lstrip().startswith(">")]
    # Footers first: a disclaimer's long lines below a signature must not make the signature look like text.
    lines = [line for p in _paragraphs(lines) if not _is_footer(p) for line in (*p, "")]
    lines = _cut_cover_note(_cut_signature(lines, sender_name))
    return "\n\n".join("\n".join(line.rstrip() for line in p) for p in _paragraphs(lines)).strip()


def why_not_a_resume(text: str) -> str:
    """The first test a body (without its mail parts) fails: 'short', 'sections' or 'contacts'."""
    if len(text) < MIN_CHARS:
        return "short"
    few_lines = len([line for line in text.splitlines() if line.strip()]) < MIN_LINES  # a letter in one paragraph
    return "sections" if few_lines or SECTION_HEADING.search(text) is None else "contacts"


def forwarded_sender(text: str | None) -> str | None:
    """The From: of the first forwarded message quoted in a body ("Jane Doe <jane@example.com>"), else None."""
    if not text:
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        if FORWARD_MARKERS.match(line):
            start = i + 1
        elif HEADER_LINE.match(line) and _key(line) in FROM_KEYS and _skip_header_block(lines, i) - i >= 3:
            start = i
        else:
            continue
        end = _skip_header_block(lines, start)
        for header in lines[start:end]:
            if _key(header) in FROM_KEYS:
                value = header.split(":", 1)[1].strip().strip("*").strip()
                return re.sub(r"\s*\[mailto:([^\]]+)\]", r" <\1>", value) or None
    return None


def _key(line: str) -> str:
    return line.split(":", 1)[0].strip().strip("*").strip().lower()


def _forwarded_part(lines: list[str]) -> list[str]:
    """Past the last forward/reply header block when something substantial follows it; else the lines unchanged."""
    start = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if FORWARD_MARKERS.match(line) or REPLY_HEADER.match(line):
            j = _skip_header_block(lines, i + 1)
            start = j
            i = j
            continue
        if HEADER_LINE.match(line) and _key(line) in FROM_KEYS:
            j = _skip_header_block(lines, i)
            if j - i >= 3:  # From + Sent/Date + To/Subject: an Outlook forward block without a marker line
                start = j
                i = j
                continue
        i += 1
    if start is None:
        return lines
    rest = lines[start:]
    return rest if len("".join(rest).strip()) >= MIN_CHARS else lines


def _skip_header_block(lines: list[str], i: int) -> int:
    """Index after a block of "Name: value" header lines (blank lines before it allowed)."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    while i < len(lines) and (HEADER_LINE.match(lines[i]) or (lines[i][:1] in " \t" and lines[i].strip())):
        i += 1
    return i


def _cut_signature(lines: list[str], sender_name: str | None = None) -> list[str]:
    """Lines before the signature: a "-- " delimiter, the first sign-off followed by a signature block, or the
    sender's own name opening the last block of short lines (a bare signature: name, title, phone)."""
    for i, line in enumerate(lines):
        if SIGNATURE_DELIMITER.match(line):
            return lines[:i]
    for i, line in enumerate(lines):
        if SIGN_OFF.match(line) and _is_signature_block(lines[i + 1:]):
            return lines[:i]
    name = " ".join((sender_name or "").split()).casefold()
    if len(name.split()) >= 2:  # one word ('Recruiting') could be a resume line too
        for i in range(len(lines) - 1, 0, -1):
            if " ".join(lines[i].split()).casefold() == name and not lines[i - 1].strip() and _is_signature_block(lines[i + 1:]):
                return lines[:i]
    return lines


def _is_signature_block(lines: list[str]) -> bool:
    """Short lines (name, title, company, phones, address, links) with no section heading and no date range.

    Length is no test: a recruiter's signature runs to a dozen lines; a resume below a cover note's
    sign-off has headings and dates, so the note's "Thanks," never cuts it off.
    """
    return all(
        len(line.strip()) <= SIGNATURE_LINE_CHARS and not SECTION_HEADING.match(line) and not DATE_RANGE.search(line)
        for line in lines
        if line.strip()
    )


def _cut_cover_note(lines: list[str]) -> list[str]:
    """Without the recruiter's note at the top ("Hi team, please add this candidate:") and its sign-off."""
    i = 0
    signed_off = False
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            signed_off = False  # the note's own signature (name, phone, email) ends at the blank line
        elif len(line) > COVER_LINE_CHARS or SECTION_HEADING.match(line):
            break
        elif SIGN_OFF.match(line):
            signed_off = True
        elif not signed_off and (CONTACT_OR_DATES.search(line) or not COVER_LINE.match(line)):
            break
        i += 1
    return lines[i:]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _is_footer(paragraph: list[str]) -> bool:
    text = " ".join(paragraph)
    return len(paragraph) <= 6 and FOOTER_WORDS.search(text) is not None


BLOCK_TAGS = ["p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "ul", "ol"]


def html_to_text(html: str) -> str:
    """Visible text of an HTML body, one line per block element."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for hidden in soup(["script", "style", "head", "title"]):
        hidden.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(BLOCK_TAGS):
        block.insert_before("\n")
        block.insert_after("\n")
    text = soup.get_text("")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
