"""Plain text: read_txt(content, name) -> Text. UTF-8, UTF-16 (with a BOM, or the zero bytes of one without), else cp1252."""

from __future__ import annotations

import codecs
import re

from models.schemas import Line, Text
from tasks.text_clean import clean_text


def decode(content: bytes) -> str:
    """The text of a file in the charset it was most likely written in."""
    if content.startswith(codecs.BOM_UTF8):
        return content[3:].decode("utf-8", errors="replace")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16", errors="replace")
    head = content[:2000]
    # UTF-16 without a BOM: every other byte of ASCII text is zero.
    if len(head) >= 4 and head.count(b"\x00") > len(head) // 4:
        even_zeros = head[0::2].count(0)
        return content.decode("utf-16-be" if even_zeros > head[1::2].count(0) else "utf-16-le", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Windows editors write cp1252; every byte decodes, so this never fails.
        return content.decode("cp1252", errors="replace")


# Text resumes are often Markdown: '# Name', '## Experience', '**Skills**'. The marks are layout, not words.
MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
MARKDOWN_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def lines_by_paragraph(text: str, style: str = "") -> list[Line]:
    """Non-blank lines; a blank line starts a new block. Markdown headings and bold become styled lines."""
    lines = []
    block = 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n"):
        line_style, bold = style, False
        heading = MARKDOWN_HEADING_RE.match(raw)
        if heading:
            raw, line_style, bold = heading.group(2), "title" if len(heading.group(1)) == 1 else "heading", True
        elif MARKDOWN_STRONG_RE.fullmatch(raw.strip()):
            bold = True
        cleaned = clean_text(MARKDOWN_STRONG_RE.sub(r"\2", raw))
        if not cleaned:
            if lines and lines[-1].block == block:
                block += 1
            continue
        lines.append(Line(text=cleaned, block=block, style=line_style, bold=bold))
    return lines


def read_txt(content: bytes, name: str) -> Text:
    """Lines of a plain-text resume; blank lines separate blocks."""
    return Text(lines=lines_by_paragraph(decode(content)))
