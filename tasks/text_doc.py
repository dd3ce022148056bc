"""Word 97-2003 .doc text: read_doc(content, name) -> Text, via Debian's catdoc (installed by scripts/bootstrap)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from models.schemas import Text
from tasks.errors import UnreadableDocument
from tasks.sniff import is_ole2
from tasks.text_tool import run_tool
from tasks.text_txt import lines_by_paragraph

CATDOC_TIMEOUT_SECONDS = 30


def read_doc(content: bytes, name: str) -> Text:
    """Lines of a .doc file as catdoc reads them (UTF-8 out, no re-wrapping)."""
    # catdoc prints any non-Word file as if it were text: only hand it real Word (OLE2) files.
    if not is_ole2(content):
        raise UnreadableDocument(f"{name} is not a readable Word document.")
    catdoc = shutil.which("catdoc")
    if catdoc is None:
        raise UnreadableDocument(f"{name} is an old Word file and the reader for it (catdoc) is not installed.")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.doc"
        path.write_bytes(content)
        output = run_tool(
            [catdoc, "-d", "utf-8", "-w", str(path)],
            timeout=CATDOC_TIMEOUT_SECONDS,
            too_slow=f"{name} took too long to read as a Word document.",
            failed=f"{name} is damaged and could not be read as a Word document.",
        )
    return Text(lines=lines_by_paragraph(output))
