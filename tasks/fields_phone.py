"""The candidate's phone as printed, and its E.164 form with the region taken from the document's location.

Dates, year ranges, ORCID ids and decimals look like digit runs too: the candidate filter drops the obvious
ones, features push the rest down. Placeholder numbers (555, area code 123) are kept: phonenumbers would call
them invalid, so E.164 is built from `is_possible_number`, and mechanically for NANP (area code 0xx aside).
"""

from __future__ import annotations

import re

import phonenumbers

from models.schemas import MessageContext
from tasks.lines import Layout
from tasks.scoring import Candidate, Feature, Scored, best_scored

PHONE_RE = re.compile(
    r"(?<![\w.@/])"
    r"(?:(?:\+|00)\s?\d{1,3}\s?-?\s?|\(\s?\+\s?\d{1,3}\s?\)\s?)?"  # +1, + 91-, 0044, (+1)
    r"(?:\(\s?\d{1,5}\s?\)\s?-?\s?)?"  # (617), (0)
    r"\d(?:[\d]|[ .\-](?=\d)|--(?=\d)| - (?=\d)){5,22}"
    r"(?:\s*(?:ext\.?|x\.?|extension|poste)\s*\d{1,6})?"
    r"(?![\w@])",
    re.I,
)
EXTENSION_RE = re.compile(r"\s*(?:ext\.?|x\.?|extension|poste)\s*(\d{1,6})$", re.I)
LABEL_RE = re.compile(r"(?:\b(?:phone|tel|telephone|téléphone|telefono|teléfono|mobile|mob|cell|cellphone|handy|móvil|"
                      r"movil|portable|contact|office|work|home|direct|main|number|whatsapp|ph|hp|cel)\.?|\b[mtpohw][.:])"
                      r"\s*(?:\(\w+\))?\s*[:.#]?\s*$", re.I)
FAX_RE = re.compile(r"\bfax\b\.?\s*:?\s*$", re.I)
YEAR = r"(?:19|20)\d\d"
DATE_LIKE = re.compile(rf"^(?:{YEAR}\s*-{{1,2}}\s*{YEAR}|{YEAR}[.\-]\d{{1,4}}([.\-]\d{{1,2}})?|\d{{1,2}}[.\-]\d{{1,2}}[.\-]{YEAR}|{YEAR}\s+{YEAR})$")
NANP_REGIONS = {"US", "CA"}
NANP_GROUPINGS = [[3, 3, 4], [1, 3, 3, 4], [10], [11], [3, 7], [1, 10]]


def drop_stray_group(raw: str) -> str:
    """'123-456-7890 9' -> '123-456-7890': a lone digit after a full group is noise (OCR, a footnote), not the number."""
    groups = raw.rsplit(" ", 1)
    if len(groups) == 2 and len(digits_of(groups[1])) <= 1 and len(digits_of(groups[0])) >= 7:
        last_group = re.findall(r"\d+", groups[0])[-1]
        if len(last_group) >= 3:
            return groups[0].rstrip(" -.")
    return raw


def split_extension(raw: str) -> tuple[str, str | None]:
    m = EXTENSION_RE.search(raw)
    return (raw[: m.start()].strip(), m.group(1)) if m else (raw.strip(), None)


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_date_like(raw: str) -> bool:
    return DATE_LIKE.match(re.sub(r"\s+", " ", raw.strip())) is not None


def phone_candidates(layout: Layout, context: MessageContext) -> list[Candidate]:
    linked = {digits_of(link[4:]) for link in layout.links if link.lower().startswith("tel:")}
    out: list[Candidate] = []
    seen: set[str] = set()
    for i, text in enumerate(layout.texts):
        for m in PHONE_RE.finditer(text):
            raw, extension = split_extension(m.group(0).strip(" -."))  # the extension is kept apart (shared case)
            raw = re.sub(r"-{2,}", "-", drop_stray_group(raw))  # soft hyphen + hyphen printed as one
            digits = digits_of(raw)
            if not 7 <= len(digits) <= 15 or is_date_like(raw) or digits in seen:
                continue
            seen.add(digits)
            before = text[: m.start()]
            international = raw.startswith("+") or raw.startswith("(+") or raw.startswith("00")
            groups = re.findall(r"\d+", raw)
            out.append(Candidate(raw, i, layout.lines[i], context, facts={
                "digits": digits,
                "extension": extension,
                "order": len(out),
                "international": international,
                "grouped": len(groups) >= 2 or international,
                "short": len(digits) < 10 and not international,
                "zip_code": re.search(r"\b[A-Z]{2}\s*$", before) is not None and len(groups) <= 2,
                "page0": layout.lines[i].page == layout.first_page,
                "header": layout.in_header(i),
                "referee": layout.in_referees(i),
                "labelled": LABEL_RE.search(before[-20:]) is not None if before else False,
                "fax": FAX_RE.search(before[-12:]) is not None,
                "linked": digits in linked or any(d.endswith(digits[-9:]) for d in linked if len(d) >= 9),
                "wordy_line": len(re.findall(r"[^\W\d_]{3,}", text)) > 10,
                "decimal": re.fullmatch(r"\d+\.\d+", raw) is not None,
                "same_digit": len(set(digits[-7:])) == 1,
            }))
    for link in layout.links:  # a number only in a tel: link (the text layer lost it behind an icon)
        raw = link[4:].split(";")[0].strip() if link.lower().startswith("tel:") else ""
        digits = digits_of(raw)
        if 7 <= len(digits) <= 15 and digits not in seen and not any(d.endswith(digits[-9:]) or digits.endswith(d[-9:]) for d in seen):
            seen.add(digits)
            out.append(Candidate(raw, -1, None, context, facts={
                "digits": digits, "extension": None, "order": len(out), "international": raw.startswith("+"),
                "grouped": True, "short": len(digits) < 9 and not raw.startswith("+"), "page0": False, "header": False,
                "referee": False, "labelled": False, "fax": False, "zip_code": False, "linked": True, "wordy_line": False,
                "decimal": False, "same_digit": False}))
    return out


PHONE_FEATURES = [
    Feature("shaped like a phone number", +3, lambda c: c.grouped),
    Feature("ten to twelve digits in one run", +2, lambda c: not c.grouped and 10 <= len(c.digits) <= 12),
    Feature("labelled as a phone", +2, lambda c: c.labelled),
    Feature("written with a country code", +1, lambda c: c.international),
    Feature("also a tel: link", +1, lambda c: c.linked),
    Feature("on the first page", +1, lambda c: c.page0),
    Feature("in the header block or contact section", +1, lambda c: c.header),
    Feature("the first number in the document", +1, lambda c: c.order == 0),
    Feature("in the referee section", -4, lambda c: c.referee),
    Feature("labelled as a fax", -3, lambda c: c.fax),
    Feature("too short for a full number without a country code", -3, lambda c: c.short),
    Feature("in a sentence of body text", -2, lambda c: c.wordy_line and not c.labelled),
    Feature("a decimal number", -4, lambda c: c.decimal),
    Feature("after a state code (a ZIP+4 code)", -4, lambda c: c.zip_code),
    Feature("one digit repeated (a placeholder or a rule)", -2, lambda c: c.same_digit),
]


def extract_phone(layout: Layout, context: MessageContext) -> Scored | None:
    return best_scored(phone_candidates(layout, context), PHONE_FEATURES, minimum=4)


def to_e164(raw: str, region: str | None) -> str | None:
    """E.164 for a printed number: the country code it carries, else the region's; None when it can't be known."""
    raw, _ = split_extension(raw)
    digits = digits_of(raw)
    stripped = raw.lstrip("( ")
    if stripped.startswith("+") or stripped.startswith("00"):
        if stripped.startswith("00"):
            digits = digits[2:]
        if len(set(digits[-8:])) == 1:  # +91-0000000000: an anonymised placeholder, not a number
            return None
        text = "+" + stripped[2:] if stripped.startswith("00") else raw
        try:
            number = phonenumbers.parse(text, None)  # drops a '(0)' trunk prefix: +44 (0) 20 -> +4420
        except phonenumbers.NumberParseException:
            return "+" + digits if 8 <= len(digits) <= 15 else None
        # '+1 555-0142': seven digits are dialable only locally, never as a full +1 number
        if phonenumbers.is_possible_number_with_reason(number) != phonenumbers.ValidationResult.IS_POSSIBLE:
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    region = region or "US"
    if region in NANP_REGIONS:
        # Mechanical NANP: ten digits not starting with 0 (123-456-7890 placeholders included), or 1 + ten.
        groups = [len(g) for g in re.findall(r"\d+", raw)]
        if groups not in NANP_GROUPINGS:  # '98765 43210' is ten digits but not a North American number
            return None
        if len(digits) == 10 and digits[0] != "0":
            return "+1" + digits
        if len(digits) == 11 and digits[0] == "1":
            return "+" + digits
        return None
    if len(set(digits[-8:])) == 1:
        return None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    if number.country_code != phonenumbers.country_code_for_region(region):
        return None  # '010-4821-7735' read in Japan: 010 dials abroad there, so the region was the wrong guess
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
