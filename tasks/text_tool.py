"""Running a Debian text tool (catdoc, tesseract) on a file: its stdout, or the recruiter's sentence why not."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence

from tasks.errors import UnreadableDocument


def run_tool(args: Sequence[str], *, timeout: float, too_slow: str, failed: str, env: dict[str, str] | None = None) -> str:
    """stdout of the tool as text; UnreadableDocument(too_slow) past timeout, UnreadableDocument(failed) on a non-zero exit."""
    try:
        result = subprocess.run(list(args), capture_output=True, timeout=timeout, check=False, env=env)
    except subprocess.TimeoutExpired as e:
        raise UnreadableDocument(too_slow) from e
    if result.returncode != 0:
        raise UnreadableDocument(failed)
    return result.stdout.decode("utf-8", errors="replace")
