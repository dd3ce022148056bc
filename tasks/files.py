"""A draft's resume file under settings.files_dir: stored on draft, removed on cancel and purge."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

from tasks.archive import write_atomically


def safe_name(name: str) -> str:
    """A file name that can't climb out of its folder or trip a file system: 'résumé (1).pdf' stays readable."""
    base = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    base = re.sub(r'[\x00-\x1f<>:"/|?*]', "_", base).strip(" .")
    return base[:150] or "resume"


def store_file(files_dir: Path, key: str, name: str, content: bytes) -> str:
    """Write content as files_dir/key/name; returns the path relative to files_dir.

    key is deterministic (message sha + document index), so a re-run after a crash overwrites the same
    file instead of leaving a second copy.
    """
    relative = Path(key) / safe_name(name)
    write_atomically(files_dir / relative, content)
    return relative.as_posix()


def file_path(files_dir: Path, relative: str) -> Path:
    return files_dir / relative


def remove_file(files_dir: Path, relative: str | None) -> bool:
    """Delete a stored file and its folder; False when it was already gone."""
    if not relative:
        return False
    path = files_dir / relative
    folder = path.parent
    existed = path.exists()
    if folder != files_dir and folder.is_relative_to(files_dir):
        shutil.rmtree(folder, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    return existed
