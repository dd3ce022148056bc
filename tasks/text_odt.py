"""ODT text: read_odt(content, name) -> Text, via odfpy. Headings (text:h) as well as paragraphs, lists,
tables and frames, in document order; page headers and footers from the master pages first."""

from __future__ import annotations

import io
import zipfile
from xml.parsers.expat import ExpatError

from odf import opendocument
from odf.namespaces import DRAWNS, STYLENS, TABLENS, TEXTNS, XLINKNS
from odf.element import Element, Text as OdfText

from models.schemas import Line, Text
from tasks.errors import UnreadableDocument
from tasks.text_clean import clean_text, unique

PARAGRAPH = (TEXTNS, "p")
HEADING = (TEXTNS, "h")
TABLE_ROW = (TABLENS, "table-row")
TABLE_CELL = (TABLENS, "table-cell")
TEXT_BOX = (DRAWNS, "text-box")
SPACE, TAB, LINE_BREAK = (TEXTNS, "s"), (TEXTNS, "tab"), (TEXTNS, "line-break")
LINK = (TEXTNS, "a")
# Tracked deletions and notes are not part of the visible resume text.
SKIPPED = {(TEXTNS, "tracked-changes"), (TEXTNS, "note"), (TEXTNS, "bookmark-ref"), (TEXTNS, "sequence-decls")}
OPEN_ERRORS = (zipfile.BadZipFile, KeyError, ExpatError, ValueError)


class OdtLines:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.links: list[str] = []
        self.block = 0

    def new_block(self) -> None:
        if self.lines and self.lines[-1].block == self.block:
            self.block += 1

    def inline_text(self, element: Element, parts: list[str], frames: list[Element]) -> None:
        """Text of a paragraph: spans, spaces (text:s c=N), tabs, breaks; frames kept aside."""
        for node in element.childNodes:
            if isinstance(node, OdfText) or node.nodeType == node.TEXT_NODE:
                parts.append(str(node.data))
                continue
            qname = node.qname
            if qname == SPACE:
                parts.append(" " * int(node.getAttrNS(TEXTNS, "c") or 1))
            elif qname == TAB:
                parts.append("  ")
            elif qname == LINE_BREAK:
                parts.append("\n")
            elif qname in SKIPPED:
                continue
            elif qname == TEXT_BOX:
                frames.append(node)
            else:
                if qname == LINK and node.getAttrNS(XLINKNS, "href"):
                    self.links.append(node.getAttrNS(XLINKNS, "href"))
                self.inline_text(node, parts, frames)

    def paragraph(self, element: Element, style: str) -> None:
        parts: list[str] = []
        frames: list[Element] = []
        self.inline_text(element, parts, frames)
        kind = "heading" if element.qname == HEADING else style
        for text in "".join(parts).split("\n"):
            cleaned = clean_text(text)
            if cleaned:
                self.lines.append(Line(text=cleaned, block=self.block, style=kind))
        for frame in frames:
            self.new_block()
            self.blocks(frame, "textbox")
            self.new_block()

    def table_row(self, row: Element, style: str) -> None:
        """A row of one-paragraph cells reads across ("Email | jane@x.org"); richer cells read as blocks."""
        cells = [c for c in row.childNodes if getattr(c, "qname", None) == TABLE_CELL]
        contents = [[n for n in c.childNodes if getattr(n, "qname", None) is not None] for c in cells]
        if all(len(c) <= 1 and all(n.qname in (PARAGRAPH, HEADING) for n in c) for c in contents):
            texts = []
            for content in contents:
                parts: list[str] = []
                for node in content:
                    self.inline_text(node, parts, [])
                texts.append(clean_text(" ".join("".join(parts).split("\n"))))
            joined = " | ".join(t for t in texts if t)
            if joined:
                self.lines.append(Line(text=joined, block=self.block, style=style or "table"))
            return
        for cell in cells:
            self.new_block()
            self.blocks(cell, style or "table")

    def blocks(self, element: Element, style: str = "") -> None:
        """Paragraphs, headings, lists, sections, tables and frames under an element, in order."""
        for node in element.childNodes:
            qname = getattr(node, "qname", None)
            if qname is None or qname in SKIPPED:
                continue
            if qname in (PARAGRAPH, HEADING):
                self.paragraph(node, style)
            elif qname == TABLE_ROW:
                self.table_row(node, style)
            elif qname == TEXT_BOX:
                self.new_block()
                self.blocks(node, "textbox")
                self.new_block()
            else:
                if qname[1] in ("table", "section", "list"):
                    self.new_block()
                self.blocks(node, style)


def read_odt(content: bytes, name: str) -> Text:
    """Header lines, body lines (text:h and text:p, lists, tables, frames) and footer lines, plus links."""
    try:
        document = opendocument.load(io.BytesIO(content))
    except OPEN_ERRORS as e:
        raise UnreadableDocument(f"{name} is damaged and could not be opened as an OpenDocument file.") from e
    reader = OdtLines()
    footers = []
    for master in document.masterstyles.childNodes:
        for node in getattr(master, "childNodes", []):
            qname = getattr(node, "qname", None)
            if qname in ((STYLENS, "header"), (STYLENS, "header-first")):
                reader.blocks(node, "header")
                reader.new_block()
            elif qname in ((STYLENS, "footer"), (STYLENS, "footer-first")):
                footers.append(node)
    reader.blocks(document.text)
    for node in footers:
        reader.new_block()
        reader.blocks(node, "footer")
    return Text(lines=reader.lines, links=unique([l.strip() for l in reader.links if l.strip()]))
