"""DOCX text: read_docx(content, name) -> Text, from the XML in document order.

python-docx's Document.paragraphs misses tables (nested too), headers/footers, text boxes and content
controls, so the body is walked element by element. Headers come first: contact details often live there.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from models.schemas import Line, Text
from tasks.errors import UnreadableDocument
from tasks.sniff import is_ole2
from tasks.text_clean import clean_text, unique

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT, ALT_CHUNK = (w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "altChunk"))
T, TAB, BR, CR, DEL, TXBX, INSTR = (w(t) for t in ("t", "tab", "br", "cr", "del", "txbxContent", "instrText"))
NO_BREAK_HYPHEN, RUN, RPR, PPR, PSTYLE = (w(t) for t in ("noBreakHyphen", "r", "rPr", "pPr", "pStyle"))
BOLD, SIZE, HYPERLINK, VAL = w("b"), w("sz"), w("hyperlink"), w("val")
FALLBACK = f"{{{MC}}}Fallback"
# Block-level wrappers whose paragraphs belong to the flow: content controls, custom XML, compatibility choices.
WRAPPERS = {SDT, SDT_CONTENT, w("customXml"), f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"}
REL_ID = f"{{{R}}}id"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# Field codes carry links too: HYPERLINK "mailto:jane@example.com"
FIELD_LINK = re.compile(r'HYPERLINK\s+"([^"]+)"')
# What python-docx and zipfile raise on damaged or non-Word files.
OPEN_ERRORS = (
    PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, NotImplementedError,
    etree.XMLSyntaxError,
)


@dataclass
class Reader:
    """State of one walk: lines so far, links, notes, style names and the current block id."""

    style_names: dict[str, str]
    style_bold: dict[str, bool]
    style_size: dict[str, float]
    rels: dict[str, str] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    block: int = 0

    def new_block(self) -> None:
        if self.lines and self.lines[-1].block == self.block:
            self.block += 1


def style_kind(style_name: str) -> str:
    lowered = style_name.lower()
    if lowered == "title" or lowered == "subtitle":
        return "title"
    if lowered.startswith("heading"):
        return "heading"
    return ""


def is_on(element: etree._Element | None) -> bool:
    """A w:b style toggle: present without val, or val not false/0."""
    return element is not None and element.get(VAL) not in ("0", "false", "off")


def run_text(element: etree._Element, parts: list[str], boxes: list[etree._Element], reader: Reader) -> None:
    """A paragraph's text in order; text boxes kept aside; deleted text and compatibility fallbacks skipped."""
    for child in element:
        tag = child.tag
        if tag == T:
            parts.append(child.text or "")
        elif tag in (TAB,):
            parts.append("  ")
        elif tag in (BR, CR):
            parts.append("\n")
        elif tag == NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == TXBX:
            boxes.append(child)
        elif tag in (DEL, FALLBACK):
            # mc:Fallback repeats the mc:Choice content (a text box drawn the old way): read it once.
            continue
        elif tag == INSTR:
            reader.links.extend(FIELD_LINK.findall(child.text or ""))
        else:
            if tag == HYPERLINK and child.get(REL_ID) in reader.rels:
                reader.links.append(reader.rels[child.get(REL_ID)])
            run_text(child, parts, boxes, reader)


def paragraph_format(p: etree._Element, reader: Reader) -> tuple[str, bool, float]:
    """(style name, bold, size) of a paragraph: runs' own formatting over the paragraph style's."""
    style_id = ""
    ppr = p.find(PPR)
    if ppr is not None and ppr.find(PSTYLE) is not None:
        style_id = ppr.find(PSTYLE).get(VAL, "")
    style_name = reader.style_names.get(style_id, "")
    bolds, sizes = [], []
    for run in p.iter(RUN):
        if not "".join(t.text or "" for t in run.iter(T)).strip():
            continue
        rpr = run.find(RPR)
        bold_tag = rpr.find(BOLD) if rpr is not None else None
        bolds.append(is_on(bold_tag) if bold_tag is not None else reader.style_bold.get(style_id, False))
        size_tag = rpr.find(SIZE) if rpr is not None else None
        if size_tag is not None and (size_tag.get(VAL) or "").isdigit():
            sizes.append(int(size_tag.get(VAL)) / 2)
    size = max(sizes) if sizes else reader.style_size.get(style_id, 0.0)
    return style_name, bool(bolds) and all(bolds), size


def read_paragraph(p: etree._Element, reader: Reader, style: str) -> None:
    parts: list[str] = []
    boxes: list[etree._Element] = []
    run_text(p, parts, boxes, reader)
    style_name, bold, size = paragraph_format(p, reader)
    kind = style or style_kind(style_name)
    for text in "".join(parts).split("\n"):
        cleaned = clean_text(text)
        if cleaned:
            reader.lines.append(Line(text=cleaned, size=size, bold=bold, block=reader.block, style=kind))
    for box in boxes:
        reader.new_block()
        read_blocks(box, reader, "textbox")
        reader.new_block()


def is_simple_cell(tc: etree._Element) -> bool:
    """A cell holding at most one paragraph and no text box: part of a label/value row, not a layout column."""
    content = [child for child in tc if child.tag != w("tcPr")]
    return len(content) <= 1 and all(child.tag == P for child in content) and next(tc.iter(TXBX), None) is None


def read_table(tbl: etree._Element, reader: Reader, style: str) -> None:
    """Rows of one-paragraph cells read across ('Email | jane@x.org'); layout cells read one after another."""
    for tr in tbl.iter(TR):
        if tr.getparent() is not tbl:
            continue
        cells = tr.findall(TC)
        if all(is_simple_cell(tc) for tc in cells):
            texts, bolds = [], []
            for p in (p for tc in cells for p in tc.findall(P)):
                parts: list[str] = []
                run_text(p, parts, [], reader)
                text = clean_text("".join(parts))
                if text:
                    texts.append(text)
                    bolds.append(paragraph_format(p, reader)[1])
            if texts:
                line = Line(text=" | ".join(texts), bold=all(bolds), block=reader.block, style=style or "table")
                reader.lines.append(line)
            continue
        for tc in cells:
            reader.new_block()
            read_blocks(tc, reader, style or "table")
        reader.new_block()


def read_blocks(container: etree._Element, reader: Reader, style: str = "") -> None:
    """Paragraphs and tables of a body, cell, header or text box, in document order."""
    for child in container:
        tag = child.tag
        if tag == P:
            read_paragraph(child, reader, style)
        elif tag == TBL:
            reader.new_block()
            read_table(child, reader, style)
            reader.new_block()
        elif tag in WRAPPERS:
            read_blocks(child, reader, style)
        elif tag == ALT_CHUNK:
            reader.notes.append("the document embeds another file (altChunk) whose text was skipped")


def hyperlink_targets(part) -> dict[str, str]:
    return {rid: rel.target_ref for rid, rel in part.rels.items() if rel.reltype == RT.HYPERLINK}


def style_tables(document: docx.document.Document) -> tuple[dict[str, str], dict[str, bool], dict[str, float]]:
    """Style id -> name, bold and size, following based-on styles for bold and size."""
    names, bolds, sizes = {}, {}, {}
    for style in document.styles:
        style_id = style.style_id
        names[style_id] = style.name or ""
        font = getattr(style, "font", None)
        base = style
        bold, size = None, None
        while base is not None and font is not None and (bold is None or size is None):
            base_font = getattr(base, "font", None)
            if base_font is not None:
                bold = base_font.bold if bold is None else bold
                size = base_font.size.pt if size is None and base_font.size is not None else size
            base = getattr(base, "base_style", None)
        bolds[style_id] = bool(bold)
        sizes[style_id] = float(size or 0.0)
    return names, bolds, sizes


def header_footer_parts(document: docx.document.Document) -> tuple[list, list]:
    """Distinct header and footer parts of all sections (linked ones share a part: read once)."""
    headers, footers, seen = [], [], set()
    for section in document.sections:
        for kind, bucket in (("header", headers), ("first_page_header", headers), ("even_page_header", headers),
                             ("footer", footers), ("first_page_footer", footers), ("even_page_footer", footers)):
            item = getattr(section, kind)
            if item.is_linked_to_previous:
                continue
            part = item.part
            if id(part) not in seen:
                seen.add(id(part))
                bucket.append(part)
    return headers, footers


def read_docx(content: bytes, name: str) -> Text:
    """Header, body (paragraphs, tables, text boxes in order) and footer lines, plus hyperlink targets."""
    # Office encrypts a .docx into an OLE2 file whose directory names an EncryptedPackage stream.
    if is_ole2(content) and ENCRYPTED_PACKAGE in content:
        raise UnreadableDocument(f"{name} is password-protected.")
    try:
        document = docx.Document(io.BytesIO(content))
    except OPEN_ERRORS as e:
        raise UnreadableDocument(f"{name} is damaged and could not be opened as a Word document.") from e
    reader = Reader(*style_tables(document))
    headers, footers = header_footer_parts(document)
    for part in headers:
        reader.rels = hyperlink_targets(part)
        read_blocks(part.element, reader, "header")
        reader.new_block()
    reader.rels = hyperlink_targets(document.part)
    read_blocks(document.element.body, reader)
    for part in footers:
        reader.new_block()
        reader.rels = hyperlink_targets(part)
        read_blocks(part.element, reader, "footer")
    links = unique([link.strip() for link in reader.links if link.strip()])
    return Text(lines=reader.lines, links=links, notes=unique(reader.notes))
