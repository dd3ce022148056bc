"""PDF text with layout: read_pdf(content, name) -> Text, lines in reading order (columns one after another).

Steps, each a function: glyphs (chars with font facts) -> rows (glyphs sharing a baseline, split into
segments at wide gaps) -> blocks (rows cut at column gutters, recursively) -> Lines.

Glyphs come from pdfium (pypdfium2) rather than pdfplumber: the same positions, font sizes and names,
at about a fifth of the time (pdfplumber's pdfminer parse alone took a median 113 ms a resume here).
"""

from __future__ import annotations

import ctypes
import math
import statistics
import threading
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from models.schemas import Line, Text
from tasks.errors import UnreadableDocument
from tasks.text_clean import clean_char, clean_text, unique

BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demibold", "extrabold", "ultrabold")
# Icon fonts map their pictures to letters ('I' for a phone, '#' for mail in moderncv): never text.
ICON_FONT_MARKERS = (
    "fontawesome", "awesome", "materialicons", "material-icons", "materialsymbols", "icomoon", "glyphicons",
    "academicons", "ionicons", "octicons", "phosphor", "remixicon", "bootstrap-icons", "fontello", "entypo",
    "typicons", "lineicons", "marvosym",
)
# A gap wider than this share of the font size separates words even without a space glyph (7 pt text
# positioned word by word leaves 2.2 pt = 0.31 em; Chromium prints some spaces as a bare 0.13 em shift;
# letters of ordinary text sit within 0.05 em).
WORD_GAP_EM = 0.12
# A gap wider than this share of the font size separates segments of a row: columns, or items spread out.
SEGMENT_GAP_EM = 1.0
# Rows whose baselines differ by less than this share of the font size are one row.
ROW_TOLERANCE_EM = 0.3
MIN_COLUMN_ROWS = 3  # a column needs this many rows on each side of a gutter; fewer is a table row or a date
PDFACTION_URI = 3
# pdfium is not thread-safe, not even across documents, and Prefect runs tasks in threads: every pdfium
# call in this process goes through this lock (text_ocr renders under it too).
PDFIUM_LOCK = threading.RLock()
# Resumes are a few pages; a 300-page PDF attached by mistake should not hold a worker.
MAX_PAGES = 12


class Glyph(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    baseline: float  # top-down; glyphs of one line share it whatever their font's ascent and descent


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


def open_pdf(content: bytes, name: str) -> pdfium.PdfDocument:
    """The document; UnreadableDocument naming the problem when it is encrypted or damaged."""
    try:
        return pdfium.PdfDocument(content)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise UnreadableDocument(f"{name} is password-protected.") from e
        raise UnreadableDocument(f"{name} is damaged and could not be opened as a PDF.") from e


def page_images(content: bytes, name: str, *, pages: int, dpi: int, grayscale: bool = False) -> list["PIL.Image.Image"]:
    """The first pages rendered at dpi (OCR, the review page's preview), under the pdfium lock."""
    with PDFIUM_LOCK:
        document = open_pdf(content, name)
        try:
            return [document[i].render(scale=dpi / 72, grayscale=grayscale).to_pil() for i in range(min(pages, len(document)))]
        finally:
            document.close()


# ---------- glyphs ----------


def is_bold(fontname: str) -> bool:
    # Font names only: pdfium's weights are guesses on subset fonts (Georgia regular 665, italic 1176).
    lowered = fontname.lower()
    return any(marker in lowered for marker in BOLD_MARKERS)


def is_icon_font(fontname: str) -> bool:
    lowered = fontname.lower().replace(" ", "")
    return any(marker in lowered for marker in ICON_FONT_MARKERS)


class TextObjectFacts(NamedTuple):
    size: float  # effective size on the page: the font size scaled by the object's matrix
    bold: bool
    upright: bool
    baseline: float  # page space, bottom-up: a horizontal text object's glyphs all sit on it
    icon: bool


def text_object_facts(text_page: ctypes.c_void_p, index: int, text_object: ctypes.c_void_p) -> TextObjectFacts:
    """Facts shared by all glyphs of one text object (one show-text operator), read at its first glyph.

    The glyph's own matrix (text matrix times CTM) gives size, orientation and baseline; the object's
    matrix alone misleads where Chromium flips the CTM and the text matrix both."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(text_page, index, matrix)
    font = pdfium_c.FPDFTextObj_GetFont(text_object)
    name = ""
    if font:
        length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(max(length, 1))
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
        name = buffer.value.decode("utf-8", errors="replace")
    upright = abs(matrix.b) < 1e-3 and abs(matrix.c) < 1e-3 and matrix.a > 0 and matrix.d > 0
    size = round(pdfium_c.FPDFText_GetFontSize(text_page, index) * math.hypot(matrix.b, matrix.d), 2)
    return TextObjectFacts(size, is_bold(name), upright, matrix.f, is_icon_font(name))


def page_text(text_page: ctypes.c_void_p, count: int) -> str | None:
    """All characters of a text page in one call; None when surrogate pairs break the index mapping."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = pdfium_c.FPDFText_GetText(text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
    return text if len(text) == count else None


def page_glyphs(page: pdfium.PdfPage) -> list[Glyph]:
    """Upright, visible glyphs of a page, top-down coordinates; icons dropped, ligatures spelled out.

    pdfium adds generated spaces where it sees a word gap; they come back as zero-width space glyphs at
    the end of the glyph before them, a hint split_words weighs against the measured gaps."""
    text_page = page.get_textpage()
    try:
        raw_page = text_page.raw
        count = pdfium_c.FPDFText_CountChars(raw_page)
        if count <= 0:  # -1 when pdfium could not read the page's text
            return []
        text = page_text(raw_page, count)
        left, _, right, top = page.get_cropbox()
        box = pdfium_c.FS_RECTF()
        objects: dict[int | None, TextObjectFacts] = {}
        glyphs: list[Glyph] = []
        glyph_objects: list[int | None] = []
        last_object = None
        for index in range(count):
            char = text[index] if text is not None else chr(pdfium_c.FPDFText_GetUnicode(raw_page, index) or 32)
            text_object = pdfium_c.FPDFText_GetTextObject(raw_page, index)
            if not text_object:
                # Generated by pdfium: a space or line break between words it found.
                if char == " " and glyphs:
                    last = glyphs[-1]
                    glyphs.append(last._replace(text=" ", x0=last.x1, bold=False))
                    glyph_objects.append(None)
                continue
            cleaned = clean_char(char)
            if not cleaned:
                continue
            key = ctypes.cast(text_object, ctypes.c_void_p).value
            facts = objects.get(key)
            if facts is None:
                facts = objects[key] = text_object_facts(raw_page, index, text_object)
            if not facts.upright:
                continue
            pdfium_c.FPDFText_GetLooseCharBox(raw_page, index, box)
            x0, x1 = box.left - left, box.right - left
            # Text outside the crop box is invisible to the reader.
            if x1 < 0 or box.left > right or box.top < 0 or box.bottom > top:
                continue
            if glyphs and key == last_object and glyphs[-1].x0 == x0 and glyphs[-1].x1 == x1:
                # A ligature glyph comes back as its letters ('f', 'f', 'i'), all with the glyph's box: one
                # glyph. Quartz's hyphen comes back as '-', soft hyphen, U+2010 the same way: one hyphen.
                if not (cleaned == "-" and glyphs[-1].text.endswith("-")):
                    glyphs[-1] = glyphs[-1]._replace(text=glyphs[-1].text + cleaned)
                continue
            last_object = key
            baseline = top - facts.baseline
            glyphs.append(Glyph(cleaned, x0, x1, top - box.top, top - box.bottom, facts.size, facts.bold, baseline))
            glyph_objects.append(key)
        # An icon font draws one picture per object ('I' for a phone in moderncv); longer runs in such a
        # font are real text that pdfium attributed to it (ActualText spans): keep those.
        icon_glyphs = Counter(key for key in glyph_objects if key is not None and objects[key].icon)
        return [g for g, key in zip(glyphs, glyph_objects) if not (0 < icon_glyphs.get(key, 0) <= 2)]
    finally:
        text_page.close()


def page_links(document: pdfium.PdfDocument, page: pdfium.PdfPage) -> list[str]:
    """URI targets of the page's link annotations (mailto:, tel:, https:)."""
    links = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(page.raw, position, link):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != PDFACTION_URI:
            continue
        length = pdfium_c.FPDFAction_GetURIPath(document.raw, action, None, 0)
        buffer = ctypes.create_string_buffer(max(length, 1))
        pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, length)
        uri = buffer.value.decode("utf-8", errors="replace").strip()
        if uri:
            links.append(uri)
    return links


# ---------- rows and segments ----------


def group_rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs sharing a baseline (within ROW_TOLERANCE_EM), each row sorted left to right."""
    rows: list[list[Glyph]] = []
    anchor = None
    for glyph in sorted(glyphs, key=lambda g: g.baseline):
        # The smaller font sets the tolerance: a 10 pt phone beside a 25 pt name is a line of its own.
        if anchor is None or glyph.baseline - anchor.baseline > ROW_TOLERANCE_EM * max(min(glyph.size, anchor.size), 1.0):
            rows.append([])
            anchor = glyph
        rows[-1].append(glyph)
    # By centre: a zero-width space glyph sits after its word even where the next letter is kerned under it.
    return [sorted(row, key=lambda g: g.x0 + g.x1) for row in rows]


def split_chunks(row: list[Glyph]) -> list[list[Glyph]]:
    """A row cut where the gap between visible glyphs exceeds SEGMENT_GAP_EM: columns, spread-out items."""
    chunks: list[list[Glyph]] = []
    previous = None
    for glyph in row:
        if glyph.text.isspace():
            if chunks:
                chunks[-1].append(glyph)
            continue
        if previous is None or glyph.x0 - previous.x1 > SEGMENT_GAP_EM * max(glyph.size, previous.size, 4.0):
            chunks.append([])
        # Fake bold: the same glyph printed twice at (almost) the same place.
        width = previous.x1 - previous.x0 + 0.1 if previous is not None else 0.0
        if previous is not None and glyph.text == previous.text and abs(glyph.x0 - previous.x0) < 0.3 * width:
            continue
        chunks[-1].append(glyph)
        previous = glyph
    return chunks


def letter_gap(chunk: list[Glyph]) -> float:
    """The usual gap between neighbouring glyphs: about 0 for ordinary text, the tracking for letter-spaced
    text ('J O H N', 'C O N T A C T'), where gaps between words are wider still."""
    visible = [g for g in chunk if not g.text.isspace()]
    gaps = [b.x0 - a.x1 for a, b in zip(visible, visible[1:])]
    return max(0.0, statistics.median_low(gaps)) if len(gaps) >= 2 else 0.0


def split_words(chunk: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs into words: at a gap wider than the letter gap by WORD_GAP_EM (words drawn one by one, no
    space glyph), or at a space glyph standing in a gap wider than the letter gap."""
    tracking = letter_gap(chunk)
    words: list[list[Glyph]] = []
    previous = None
    space_seen = False
    for glyph in chunk:
        if glyph.text.isspace():
            space_seen = True
            continue
        if previous is not None:
            gap = glyph.x0 - previous.x1 - tracking
            size = max(glyph.size, previous.size)
            if gap > WORD_GAP_EM * size or (space_seen and gap > 0.1 * size):
                words.append([])
        if not words:
            words.append([])
        words[-1].append(glyph)
        previous = glyph
        space_seen = False
    return words


def word_text(word: list[Glyph]) -> str:
    return "".join(g.text for g in word)


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
    """A row's segments (cut at wide gaps), each with its words rebuilt from positions."""
    return [make_segment(split_words(chunk)) for chunk in split_chunks(row) if chunk]


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
        if crossings <= limit and right - left >= min_width:
            # A clear gap of its own: a sidebar of few rows never breaks the run from the page margin to
            # its gutter, so the run's best point alone would be the margin.
            candidates.append((crossings, middle))
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
    return [x for _, x in sorted(set(candidates))]


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
    # Dates and places beside a few of many rows (RenderCV, Jake's resume): short notes on sparse rows.
    sparse_notes = left_rows >= 1.5 * right_rows and max(s.words for s in rights) <= 6
    return labels or right_aligned or sparse_notes


def side(rows: list[Row], keep) -> list[Row]:
    out = []
    for row in rows:
        kept = [s for s in row.segments if keep(s)]
        if kept:
            out.append(Row(kept))
    return out


def is_label_column(left: list[Row]) -> bool:
    """Segments right-aligned against the gutter with ragged starts: labels (Europass) or dates (moderncv)
    that head the rows beside them, not a column to read on its own."""
    segments = [s for row in left for s in row.segments]
    ends = [s.x1 for s in segments]
    starts = [s.x0 for s in segments]
    return max(ends) - min(ends) <= 2.0 < max(starts) - min(starts)


def label_rows(zone: list[Row], gutter: float) -> list[Row]:
    """Each row's label as a line of its own, then what stands beside it: order kept, label not glued on."""
    out = []
    for row in zone:
        label = [s for s in row.segments if s.x1 <= gutter]
        rest = [s for s in row.segments if s.x1 > gutter]
        out.extend(Row(part) for part in (label, rest) if part)
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
                # Rows above this zone are fewer than all rows: other gutters may still split them.
                blocks.extend(reading_order(pending))
                pending = []
            if is_label_column(left):
                blocks.append(label_rows(zone, gutter))
            else:
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
    if not did_split:
        return None
    if pending:
        blocks.extend(reading_order(pending))
    return blocks


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


def page_lines(page: pdfium.PdfPage, page_index: int, first_block: int) -> list[Line]:
    rows = [Row(row_segments(r)) for r in group_rows(page_glyphs(page))]
    lines = []
    for offset, block in enumerate(reading_order([r for r in rows if r.segments])):
        for row in block:
            line = row_line(row, page_index, first_block + offset)
            if line.text:
                lines.append(line)
    return lines


def read_pdf(content: bytes, name: str, *, max_pages: int = MAX_PAGES) -> Text:
    """Lines of the first max_pages pages in reading order, plus the hyperlinks the PDF carries."""
    with PDFIUM_LOCK:
        document = open_pdf(content, name)
        lines: list[Line] = []
        links: list[str] = []
        notes: list[str] = []
        try:
            pages = len(document)
            if pages > max_pages:
                notes.append(f"the PDF has {pages} pages; only the first {max_pages} were read")
            for index in range(min(pages, max_pages)):
                try:
                    page = document[index]
                except pdfium.PdfiumError as e:
                    if index == 0:
                        raise UnreadableDocument(f"{name} is damaged and its pages could not be read.") from e
                    notes.append(f"page {index + 1} of the PDF is damaged; the pages after it were not read")
                    break
                try:
                    block = lines[-1].block + 1 if lines else 0
                    lines.extend(page_lines(page, index, block))
                    links.extend(page_links(document, page))
                finally:
                    page.close()
        finally:
            document.close()
    return Text(lines=lines, links=unique(links), notes=notes)
