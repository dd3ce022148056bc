"""ODT text: read_odt(content, name) -> Text. Headings (text:h) as well as paragraphs, lists, tables and
frames, in document order; page headers from the master pages first, footers last.

Reads content.xml and styles.xml with lxml rather than odfpy: odfpy loads only the parts the manifest
lists (a file with a thin manifest comes back empty) and takes about 50 ms a resume; lxml takes about 2.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from models.schemas import Line, Text
from tasks.errors import UnreadableDocument
from tasks.text_clean import clean_text, unique

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
XLINK = "http://www.w3.org/1999/xlink"

PARAGRAPH, HEADING = f"{{{TEXT}}}p", f"{{{TEXT}}}h"
TABLE_ROW, TABLE_CELL, COVERED_CELL = f"{{{TABLE}}}table-row", f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"
TEXT_BOX = f"{{{DRAW}}}text-box"
SPACE, TAB, LINE_BREAK, LINK = f"{{{TEXT}}}s", f"{{{TEXT}}}tab", f"{{{TEXT}}}line-break", f"{{{TEXT}}}a"
# Deleted tracked changes, notes and field declarations are not visible resume text.
SKIPPED = {f"{{{TEXT}}}{t}" for t in ("tracked-changes", "note", "sequence-decls", "variable-decls", "user-field-decls")}
HEADERS = {f"{{{STYLE}}}header", f"{{{STYLE}}}header-first", f"{{{STYLE}}}header-left"}
FOOTERS = {f"{{{STYLE}}}footer", f"{{{STYLE}}}footer-first", f"{{{STYLE}}}footer-left"}
# What zipfile and lxml raise on damaged files (ValueError: member names that are not UTF-8;
# NotImplementedError: zip features Python lacks).
OPEN_ERRORS = (zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, OSError, EOFError, NotImplementedError, ValueError)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class OdtLines:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.links: list[str] = []
        self.block = 0

    def new_block(self) -> None:
        if self.lines and self.lines[-1].block == self.block:
            self.block += 1

    def inline_text(self, element: etree._Element, parts: list[str], frames: list[etree._Element]) -> None:
        """Text of a paragraph: spans, spaces (text:s c=N), tabs, breaks; frames kept aside."""
        if element.text:
            parts.append(element.text)
        for node in element:
            tag = node.tag
            if tag == SPACE:
                count = node.get(f"{{{TEXT}}}c") or "1"
                parts.append(" " * (int(count) if count.isdigit() else 1))
            elif tag == TAB:
                parts.append("  ")
            elif tag == LINE_BREAK:
                parts.append("\n")
            elif tag == TEXT_BOX:
                frames.append(node)
            elif tag not in SKIPPED and isinstance(tag, str):
                if tag == LINK and node.get(f"{{{XLINK}}}href"):
                    self.links.append(node.get(f"{{{XLINK}}}href"))
                self.inline_text(node, parts, frames)
            if node.tail:
                parts.append(node.tail)

    def paragraph(self, element: etree._Element, style: str) -> None:
        parts: list[str] = []
        frames: list[etree._Element] = []
        self.inline_text(element, parts, frames)
        kind = "heading" if element.tag == HEADING else style
        for text in "".join(parts).split("\n"):
            cleaned = clean_text(text)
            if cleaned:
                self.lines.append(Line(text=cleaned, block=self.block, style=kind))
        for frame in frames:
            self.new_block()
            self.blocks(frame, "textbox")
            self.new_block()

    def table_row(self, row: etree._Element, style: str) -> None:
        """A row of one-paragraph cells reads across ("Email | jane@x.org"); richer cells read as blocks."""
        cells = [c for c in row if c.tag == TABLE_CELL]
        if all(len(c) <= 1 and all(n.tag in (PARAGRAPH, HEADING) for n in c) for c in cells):
            texts = []
            for cell in cells:
                parts: list[str] = []
                for node in cell:
                    self.inline_text(node, parts, [])
                texts.append(clean_text(" ".join("".join(parts).split("\n"))))
            joined = " | ".join(t for t in texts if t)
            if joined:
                self.lines.append(Line(text=joined, block=self.block, style=style or "table"))
            return
        for cell in cells:
            self.new_block()
            self.blocks(cell, style or "table")

    def blocks(self, element: etree._Element, style: str = "") -> None:
        """Paragraphs, headings, lists, sections, tables and frames under an element, in order."""
        for node in element:
            tag = node.tag
            if not isinstance(tag, str) or tag in SKIPPED or tag == COVERED_CELL:
                continue
            if tag in (PARAGRAPH, HEADING):
                self.paragraph(node, style)
            elif tag == TABLE_ROW:
                self.table_row(node, style)
            elif tag == TEXT_BOX:
                self.new_block()
                self.blocks(node, "textbox")
                self.new_block()
            else:
                if tag.rsplit("}", 1)[-1] in ("table", "section", "list"):
                    self.new_block()
                self.blocks(node, style)


def parse_part(archive: zipfile.ZipFile, member: str) -> etree._Element | None:
    if member not in archive.namelist():
        return None
    return etree.fromstring(archive.read(member), PARSER)


def read_odt(content: bytes, name: str) -> Text:
    """Header lines, body lines (text:h and text:p, lists, tables, frames) and footer lines, plus links."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            body = parse_part(archive, "content.xml")
            styles = parse_part(archive, "styles.xml")
    except OPEN_ERRORS as e:
        raise UnreadableDocument(f"{name} is damaged and could not be opened as an OpenDocument file.") from e
    if body is None:
        raise UnreadableDocument(f"{name} is damaged: it has no document content.")
    reader = OdtLines()
    footers = []
    for master in styles.iter(f"{{{STYLE}}}master-page") if styles is not None else ():
        for node in master:
            if node.tag in HEADERS:
                reader.blocks(node, "header")
                reader.new_block()
            elif node.tag in FOOTERS:
                footers.append(node)
    for text in body.iter(f"{{{OFFICE}}}text"):
        reader.blocks(text)
    for node in footers:
        reader.new_block()
        reader.blocks(node, "footer")
    return Text(lines=reader.lines, links=unique([link.strip() for link in reader.links if link.strip()]))
