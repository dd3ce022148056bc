"""Character clean-up shared by the text readers: ligatures, icon glyphs, invisible marks, odd spaces."""

from __future__ import annotations

import re

from models.schemas import Line

# Word/LaTeX fonts emit ligature code points; skill and keyword matching needs the letters.
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# Invisible marks that split words and numbers (Quartz puts a soft hyphen inside phone numbers).
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Hyphen look-alikes that are not dashes between words: a phone "555\u20105555" should read 555-5555.
HYPHENS = "\u2010\u2011"
# Line breaks too: a Line is one line, and HTML/XML text nodes wrap wherever their author pressed Enter.
ODD_SPACES = "\n\r\x0b\x0c\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

_TABLE = str.maketrans(
    {
        **LIGATURES,
        **dict.fromkeys(INVISIBLE, None),
        **dict.fromkeys(HYPHENS, "-"),
        # pdfium's mark for a hyphen that breaks a word at the end of a line.
        "\ufffe": "-",
        **dict.fromkeys(ODD_SPACES, " "),
    }
)
_SPACE_RUN = re.compile(r" {2,}")
# pdfminer writes glyphs it cannot map as "(cid:123)".
_CID = re.compile(r"\(cid:\d+\)")
# Quartz maps one hyphen glyph to "-", soft hyphen, U+2010: one hyphen on the page, one in the text.
_HYPHEN_TRIPLE = re.compile("[-\u2010\u2011]\u00ad[-\u2010\u2011]")


def is_icon_glyph(ch: str) -> bool:
    """Private-use code points: icon fonts (FontAwesome, Material Icons) draw their pictures there."""
    code = ord(ch)
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


def is_control(ch: str) -> bool:
    return ord(ch) < 32 and ch not in "\t\n\r\x0b\x0c"


def clean_char(ch: str) -> str:
    """One glyph's text as it should read: '' for icons and controls, ligatures spelled out."""
    if is_icon_glyph(ch) or is_control(ch):
        return ""
    return ch.translate(_TABLE)


def clean_text(text: str, *, keep_runs: bool = False) -> str:
    """A line's text without icons, invisible marks and ligatures; space runs squeezed unless keep_runs."""
    text = _HYPHEN_TRIPLE.sub("-", _CID.sub("", text))
    text = "".join(ch for ch in text if not is_icon_glyph(ch) and not is_control(ch)).translate(_TABLE)
    if not keep_runs:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


def lines_from_strings(strings: list[str], **layout: object) -> list[Line]:
    """Plain strings (one per visual line) as Lines, blank ones dropped; layout fields applied to each."""
    out = []
    for raw in strings:
        text = clean_text(raw)
        if text:
            out.append(Line(text=text, **layout))
    return out


def unique(items: list[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
