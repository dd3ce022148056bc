"""Text of a resume document: read_text(document) -> Text, one reader module per format.

read_path(path) does the same for a file on disk (CLI, notebooks, evaluation), sniffing the type.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from models.schemas import Document, DocumentType, Text
from tasks.errors import UnreadableDocument, UnsupportedFile
from tasks.sniff import sniff_type
from tasks.text_doc import read_doc
from tasks.text_docx import read_docx
from tasks.text_html import read_html
from tasks.text_ocr import ocr_pdf
from tasks.text_odt import read_odt
from tasks.text_pdf import read_pdf
from tasks.text_rtf import read_rtf
from tasks.text_txt import read_txt

log = logging.getLogger(__name__)

READERS: dict[DocumentType, Callable[[bytes, str], Text]] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "doc": read_doc,
    "rtf": read_rtf,
    "odt": read_odt,
    "txt": read_txt,
    "html": read_html,
}
# A PDF with less text than this is treated as a scan (a name stamped on an image is not a resume's text).
MIN_TEXT_LAYER_CHARS = 40
GARBLED_SHARE = 0.3
EXTENSION_TYPES: dict[str, DocumentType] = {
    ".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".rtf": "rtf", ".odt": "odt",
    ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
}


def has_text(text: Text, minimum: int = 1) -> bool:
    return sum(len(line.text) for line in text.lines) >= minimum


def is_garbled(text: Text) -> bool:
    """A text layer without a Unicode map reads as replacement characters: the page image says more."""
    visible = [ch for line in text.lines for ch in line.text if not ch.isspace()]
    return bool(visible) and sum(1 for ch in visible if ch == "\ufffd") > GARBLED_SHARE * len(visible)


def read_text(document: Document, *, ocr: bool = True) -> Text:
    """Lines in reading order with layout facts, plus links; UnreadableDocument when no text can be had."""
    reader = READERS.get(document.type)
    if reader is None:
        raise UnsupportedFile(f"{document.name} is a file type we don't read.")
    text = reader(document.content, document.name)
    if document.type == "pdf" and ocr and (not has_text(text, MIN_TEXT_LAYER_CHARS) or is_garbled(text)):
        log.info("%s has %d characters of usable text: reading it by OCR", document.name, len(text.plain))
        scanned = ocr_pdf(document.content, document.name)
        if has_text(scanned, MIN_TEXT_LAYER_CHARS) or not has_text(text):
            text = scanned.model_copy(update={"links": text.links})
    if not has_text(text):
        raise UnreadableDocument(f"{document.name} has no text we could read; it may be a scan or an image.")
    return text


def sniff_path_type(content: bytes, name: str) -> DocumentType:
    """The type from the bytes (tasks/sniff.py), the extension when the bytes don't say."""
    found = sniff_type(content, name)
    if found is not None:
        return found
    by_extension = EXTENSION_TYPES.get(Path(name).suffix.lower())
    if by_extension is None:
        raise UnsupportedFile(f"{name} is a file type we don't read.")
    return by_extension


def read_path(path: Path, *, ocr: bool = True) -> Text:
    """read_text for a file on disk, its type sniffed from its content."""
    content = Path(path).read_bytes()
    document = Document(index=0, name=Path(path).name, type=sniff_path_type(content, Path(path).name),
                        content=content, origin="file")
    return read_text(document, ocr=ocr)
