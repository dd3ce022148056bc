"""RTF text: read_rtf(content, name) -> Text, via striprtf; escapes decoded in the file's ANSI code page."""

from __future__ import annotations

import re

from striprtf.striprtf import rtf_to_text

from models.schemas import Text
from tasks.errors import UnreadableDocument
from tasks.text_clean import unique
from tasks.text_txt import lines_by_paragraph

CODE_PAGE = re.compile(rb"\\ansicpg(\d+)")
FIELD_LINK = re.compile(rb'HYPERLINK\s+"([^"]+)"')


def read_rtf(content: bytes, name: str) -> Text:
    """Lines of an RTF file; HYPERLINK field targets as links."""
    if not content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise UnreadableDocument(f"{name} is not a readable RTF file.")
    match = CODE_PAGE.search(content[:2000])
    # \'e9 escapes are bytes in the document's code page; RTF without \ansicpg means Windows-1252.
    encoding = f"cp{match.group(1).decode()}" if match else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    # RTF is 7-bit with \'xx escapes, but hand-written files carry raw bytes: UTF-8 when they decode as
    # such, else bytes in the document's code page.
    try:
        source = content.decode("utf-8")
    except UnicodeDecodeError:
        source = content.decode(encoding, errors="replace")
    text = rtf_to_text(source, encoding=encoding, errors="replace")
    links = [m.decode("latin-1") for m in FIELD_LINK.findall(content)]
    return Text(lines=lines_by_paragraph(text), links=unique(links))
