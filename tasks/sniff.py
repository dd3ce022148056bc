"""The real type of a file from its bytes: sniff_type(content, name) -> DocumentType | None."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

import olefile

from models.schemas import DocumentType

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# Magic numbers of files that are never resumes, to name them in a problem sentence.
_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a bitmap image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x78\x9f\x3e\x22", "an Outlook winmail.dat file"),
)


def extension(name: str | None) -> str:
    """Lower-cased suffix of a file name ('.pdf'), '' when there is none."""
    return PurePath(name or "").suffix.lower() if name else ""


def is_zip(content: bytes) -> bool:
    return content[:4] in ZIP_MAGIC


def is_ole2(content: bytes) -> bool:
    return content[:8] == OLE2_MAGIC


def ole2_kind(content: bytes) -> str | None:
    """'doc' for a Word binary file, 'msg' for an Outlook item, None for other or damaged OLE2 files."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(content))
    except (OSError, ValueError, IndexError, KeyError, TypeError):  # olefile raises these on damaged headers
        return None
    try:
        streams = {"/".join(path) for path in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, KeyError, TypeError):
        return None
    finally:
        ole.close()
    if any(s.startswith("__substg1.0_") or s.startswith("__properties_version1.0") for s in streams):
        return "msg"
    if "WordDocument" in streams:
        return "doc"
    return None


def zip_kind(content: bytes) -> str:
    """'docx', 'odt', 'ooxml' (a spreadsheet, slides...), 'zip' (a plain archive) or 'broken'."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names:
                return "ooxml"
            if "mimetype" in names:
                try:
                    mimetype = archive.read("mimetype")[:100].strip()
                except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError):
                    return "broken"
                return "odt" if mimetype == ODT_MIMETYPE else "ooxml"
            return "zip"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return "broken"


def looks_like_html(content: bytes) -> bool:
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and (b"<html" in head or b"<!doctype html" in head):
        return True
    return head.startswith(b"<") and (b"<body" in head or b"<html" in head)


def decode_text(content: bytes) -> str | None:
    """The bytes as text when they read as text (UTF-8/16 or a legacy 8-bit charset), else None."""
    if not content:
        return None
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in content[:4096]:
        return None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f\x1b") + sample.count("\ufffd")
    return text if controls <= len(sample) * 0.02 else None


def sniff_type(content: bytes, name: str | None = None) -> DocumentType | None:
    """The document type the bytes really are; None for anything we don't read (images, archives, .msg...)."""
    if not content:
        return None
    # Containers first: a zip or OLE2 file holding a PDF stored uncompressed has "%PDF-" in its first KB.
    if is_zip(content):
        kind = zip_kind(content)
        return kind if kind in ("docx", "odt") else None
    if b"%PDF-" in content[:1024]:
        return "pdf"
    if is_ole2(content):
        kind = ole2_kind(content)
        if kind == "doc":
            return "doc"
        # A damaged OLE2 file named .doc: let the .doc reader report it as unreadable.
        return "doc" if kind is None and extension(name) == ".doc" else None
    if content.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return "rtf"
    if any(content.startswith(magic) for magic, _ in _KINDS):
        return None
    if looks_like_html(content):
        return "html"
    if decode_text(content) is not None:
        return "txt"
    return None


def describe(content: bytes) -> str:
    """A few words on what the bytes are, for a recruiter-facing sentence ("a PNG image")."""
    for magic, kind in _KINDS:
        if content.startswith(magic):
            return kind
    if is_zip(content):
        return "a zip archive"
    if is_ole2(content):
        return "an Outlook item" if ole2_kind(content) == "msg" else "an Office file"
    if not content:
        return "empty"
    if decode_text(content) is not None:
        return f"{len(content)} bytes of plain text"
    return "binary data"
