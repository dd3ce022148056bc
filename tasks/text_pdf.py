"""PDF text with layout: read_pdf(content, name) -> Text, lines in reading order (columns one after another).

Steps, each a function: glyphs (chars with font facts) -> rows (glyphs sharing a baseline, split into
segments at wide gaps) -> blocks (rows cut at column gutters, recursively) -> Lines.
"""

from __future__ import annotations

import io
import logging
import statistics
import struct
import zlib
from dataclasses import dataclass
from typing import NamedTuple

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from models.schemas import Line, Text
from tasks.errors import UnreadableDocument
from tasks.text_clean import clean_char, clean_text, unique

log = logging.getLogger(__name__)

BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demibold", "extrabold", "ultrabold")
# A gap wider than this share of the font size separates words even without a space glyph (7 pt text
# positioned word by word leaves 2.2 pt = 0.31 em; letters of ordinary text sit within 0.1 em).
WORD_GAP_EM = 0.2
# A gap wider than this share of the font size separates segments of a row: columns, or items spread out.
SEGMENT_GAP_EM = 1.0
# Rows whose baselines differ by less than this share of the font size are one row.
ROW_TOLERANCE_EM = 0.3
MIN_COLUMN_ROWS = 3  # a column needs this many rows on each side of a gutter; fewer is a table row or a date
# pdfminer raises these (and plain Python errors from its parser) on damaged files.
PARSE_ERRORS = (PSException, PdfminerException, MalformedPDFException, struct.error, zlib.error, KeyError, ValueError, TypeError, IndexError)


class Glyph(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class Segment:
    """Words of one row that belong together: no gap wider than SEGMENT_GAP_EM between them."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Row:
    segments: list[Segment]

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)


# ---------- opening ----------


def check_pdf(content: bytes, name: str) -> int:
    """Page count; UnreadableDocument naming the problem when the file is encrypted or damaged."""
    try:
        document = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise UnreadableDocument(f"{name} is password-protected.") from e
        raise UnreadableDocument(f"{name} is damaged and could not be opened as a PDF.") from e
    try:
        return len(document)
    finally:
        document.close()


def open_pdf(content: bytes, name: str) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(io.BytesIO(content))
    except PARSE_ERRORS as e:
        raise UnreadableDocument(f"{name} is damaged and could not be read as a PDF.") from e


# ---------- glyphs ----------


def is_bold(fontname: str) -> bool:
    lowered = fontname.lower()
    return any(marker in lowered for marker in BOLD_MARKERS)


def page_glyphs(page: pdfplumber.page.Page) -> list[Glyph]:
    """Upright, visible glyphs of a page; icons dropped, ligatures spelled out."""
    width, height = page.width, page.height
    glyphs = []
    for char in page.chars:
        text = clean_char(char["text"]) if len(char["text"]) == 1 else clean_text(char["text"])
        if not text or not char.get("upright", True):
            continue
        x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
        # Text outside the page box is invisible to the reader (white-on-crop tricks, stray objects).
        if x1 < 0 or x0 > width or bottom < 0 or top > height:
            continue
        glyphs.append(Glyph(text, x0, x1, top, bottom, char["size"], is_bold(char["fontname"])))
    return glyphs


# ---------- rows and segments ----------


def group_rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs sharing a baseline (bottom within ROW_TOLERANCE_EM), each row sorted left to right."""
    rows: list[list[Glyph]] = []
    anchor = None
    for glyph in sorted(glyphs, key=lambda g: g.bottom):
        if anchor is None or glyph.bottom - anchor > ROW_TOLERANCE_EM * max(glyph.size, 1.0):
            rows.append([])
            anchor = glyph.bottom
        rows[-1].append(glyph)
    return [sorted(row, key=lambda g: g.x0) for row in rows]


def split_words(row: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs into words: at a space glyph, or at a gap wider than WORD_GAP_EM (words drawn one by one)."""
    words: list[list[Glyph]] = []
    previous = None
    space_seen = True
    for glyph in row:
        if glyph.text.isspace():
            space_seen = True
            continue
        if previous is not None:
            # Fake bold: the same glyph printed twice at (almost) the same place.
            if glyph.text == previous.text and abs(glyph.x0 - previous.x0) < 0.3 * (previous.x1 - previous.x0 + 0.1):
                continue
            gap = glyph.x0 - previous.x1
            if gap > WORD_GAP_EM * max(glyph.size, previous.size):
                space_seen = True
        if space_seen or not words:
            words.append([])
        words[-1].append(glyph)
        previous = glyph
        space_seen = False
    return words


def word_text(word: list[Glyph]) -> str:
    return "".join(g.text for g in word)


def join_letter_spaced(words: list[list[Glyph]]) -> list[list[Glyph]]:
    """'J O H N   D O E' drawn letter by letter -> words JOHN, DOE: runs of 1-2 letter words with even gaps."""
    out: list[list[Glyph]] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and len(word_text(words[j])) <= 2:
            j += 1
        run = words[i:j]
        singles = sum(1 for w in run if len(word_text(w)) == 1)
        if len(run) >= 4 and singles >= 0.75 * len(run):
            gaps = [b[0].x0 - a[-1].x1 for a, b in zip(run, run[1:])]
            letter_gap = statistics.median(gaps)
            size = max(g.size for w in run for g in w)
            merged = [list(run[0])]
            for gap, word in zip(gaps, run[1:]):
                if gap > max(1.6 * letter_gap, letter_gap + 0.15 * size):
                    merged.append(list(word))
                else:
                    merged[-1].extend(word)
            out.extend(merged)
            i = j
        elif run:
            out.extend(run)
            i = j
        else:
            out.append(words[i])
            i += 1
    return out


def make_segment(words: list[list[Glyph]]) -> Segment:
    glyphs = [g for w in words for g in w]
    bold_count = sum(1 for g in glyphs if g.bold)
    return Segment(
        text=" ".join(word_text(w) for w in words),
        x0=glyphs[0].x0,
        x1=max(g.x1 for g in glyphs),
        top=min(g.top for g in glyphs),
        bottom=max(g.bottom for g in glyphs),
        size=round(max(g.size for g in glyphs), 2),
        bold=bold_count * 2 > len(glyphs),
    )


def row_segments(row: list[Glyph]) -> list[Segment]:
    """A row's words, letter-spacing undone, cut into segments at gaps wider than SEGMENT_GAP_EM."""
    words = join_letter_spaced(split_words(row))
    segments: list[list[list[Glyph]]] = []
    for word in words:
        if segments:
            last = segments[-1][-1]
            size = max(last[-1].size, word[0].size, 4.0)
            if word[0].x0 - last[-1].x1 <= SEGMENT_GAP_EM * size:
                segments[-1].append(word)
                continue
        segments.append([word])
    return [make_segment(s) for s in segments]


# ---------- reading order ----------


def gutter_candidates(rows: list[Row]) -> list[float]:
    """x positions free of text in most rows, with whole segments on both sides, fewest crossings first."""
    edges = sorted({x for row in rows for s in row.segments for x in (s.x0, s.x1)})
    sizes = [s.size for row in rows for s in row.segments]
    min_width = max(6.0, 0.8 * statistics.median(sizes))
    limit = max(1, len(rows) // 3)
    spans = [[(s.x0, s.x1) for s in row.segments] for row in rows]
    candidates = []
    run_start = None
    run_best: tuple[int, float] | None = None
    for left, right in zip(edges, edges[1:]):
        middle = (left + right) / 2
        crossings = sum(1 for row_spans in spans if any(x0 < middle < x1 for x0, x1 in row_spans))
        if crossings <= limit:
            if run_start is None:
                run_start, run_best = left, (crossings, middle)
            elif run_best is not None and crossings < run_best[0]:
                run_best = (crossings, middle)
            run_end = right
            continue
        if run_start is not None and run_best is not None and run_end - run_start >= min_width:
            candidates.append(run_best)
        run_start, run_best = None, None
    if run_start is not None and run_best is not None and run_end - run_start >= min_width:
        candidates.append(run_best)
    return [x for _, x in sorted(candidates)]


def looks_like_table(rows: list[Row], gutter: float) -> bool:
    """True when the right side annotates the left row by row (a label's value, a right-aligned date):
    such rows read across. Independent columns rarely share baselines, or carry long text on both sides."""
    lefts = [s for r in rows for s in r.segments if s.x1 <= gutter]
    rights = [s for r in rows for s in r.segments if s.x0 >= gutter]
    left_rows = sum(1 for r in rows if any(s.x1 <= gutter for s in r.segments))
    right_rows = sum(1 for r in rows if any(s.x0 >= gutter for s in r.segments))
    paired = sum(1 for r in rows if any(s.x1 <= gutter for s in r.segments) and any(s.x0 >= gutter for s in r.segments))
    if paired < 0.8 * right_rows:
        return False
    labels = max(s.words for s in lefts) <= 3
    right_edges = [s.x1 for s in rights]
    left_edges = [s.x0 for s in rights]
    right_aligned = max(right_edges) - min(right_edges) <= 2.0 < max(left_edges) - min(left_edges)
    sparse = left_rows >= 1.5 * right_rows
    return labels or right_aligned or sparse


def side(rows: list[Row], keep) -> list[Row]:
    out = []
    for row in rows:
        kept = [s for s in row.segments if keep(s)]
        if kept:
            out.append(Row(kept))
    return out


def split_at(rows: list[Row], gutter: float) -> list[list[Row]] | None:
    """Blocks when a gutter at x splits some zone (rows between rows that cross it) into columns, else None."""
    blocks: list[list[Row]] = []
    pending: list[Row] = []
    zone: list[Row] = []
    did_split = False

    def close_zone() -> None:
        nonlocal did_split, pending
        if not zone:
            return
        left = side(zone, lambda s: s.x1 <= gutter)
        right = side(zone, lambda s: s.x0 >= gutter)
        if len(left) >= MIN_COLUMN_ROWS and len(right) >= MIN_COLUMN_ROWS and not looks_like_table(zone, gutter):
            if pending:
                blocks.append(pending)
                pending = []
            blocks.extend(reading_order(left))
            blocks.extend(reading_order(right))
            did_split = True
        else:
            pending.extend(zone)
        zone.clear()

    for row in rows:
        if any(s.x0 < gutter < s.x1 for s in row.segments):
            close_zone()
            pending.append(row)
        else:
            zone.append(row)
    close_zone()
    if pending:
        blocks.append(pending)
    return blocks if did_split else None


def reading_order(rows: list[Row]) -> list[list[Row]]:
    """Rows (top to bottom) into blocks in reading order: at a column gutter, the left column before the right."""
    if len(rows) >= MIN_COLUMN_ROWS:
        for gutter in gutter_candidates(rows):
            blocks = split_at(rows, gutter)
            if blocks is not None:
                return blocks
    return [rows]


# ---------- lines ----------


def row_line(row: Row, page: int, block: int) -> Line:
    segments = row.segments
    sizes = [s.size for s in segments]
    return Line(
        text=clean_text(" ".join(s.text for s in segments)),
        page=page,
        x0=round(segments[0].x0, 2),
        top=round(row.top, 2),
        x1=round(max(s.x1 for s in segments), 2),
        size=max(sizes),
        bold=all(s.bold for s in segments),
        block=block,
    )


def page_lines(page: pdfplumber.page.Page, page_index: int, first_block: int) -> list[Line]:
    rows = [Row(row_segments(r)) for r in group_rows(page_glyphs(page))]
    lines = []
    for offset, block in enumerate(reading_order([r for r in rows if r.segments])):
        for row in block:
            line = row_line(row, page_index, first_block + offset)
            if line.text:
                lines.append(line)
    return lines


def page_links(page: pdfplumber.page.Page) -> list[str]:
    return [link["uri"].strip() for link in page.hyperlinks if isinstance(link.get("uri"), str) and link["uri"].strip()]


def read_pdf(content: bytes, name: str, *, max_pages: int | None = None) -> Text:
    """Lines of every page in reading order, plus the hyperlinks the PDF carries."""
    pages = check_pdf(content, name)
    lines: list[Line] = []
    links: list[str] = []
    with open_pdf(content, name) as pdf:
        for index in range(min(pages, max_pages or pages)):
            try:
                page = pdf.pages[index]
                block = lines[-1].block + 1 if lines else 0
                lines.extend(page_lines(page, index, block))
                links.extend(page_links(page))
            except PARSE_ERRORS as e:
                if index == 0:
                    raise UnreadableDocument(f"{name} is damaged and its text could not be read.") from e
                log.warning("%s: page %d unreadable, kept pages before it: %s", name, index + 1, e)
                break
    return Text(lines=lines, links=unique(links))
