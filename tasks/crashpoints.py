"""A test hook: kill the process at a named step, to prove a re-run reaches the same end state (issue 5).

Read from the environment here, not from Settings, because it is a fault-injection switch for the crash
test's subprocess, never configuration: RESUME_INBOX_CRASH_AT=after_draft (or after_draft:3 for the third
time the point is reached). Unset, crash_point() is a dictionary lookup.
"""

from __future__ import annotations

import os
import signal

_hits: dict[str, int] = {}


def crash_point(name: str) -> None:
    """SIGKILL this process when RESUME_INBOX_CRASH_AT names this point (and its hit count is reached)."""
    wanted = os.environ.get("RESUME_INBOX_CRASH_AT", "")
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= int(nth or 1):
        # SIGKILL, not an exception: no finally blocks, no rollback handlers, like a power cut.
        os.kill(os.getpid(), signal.SIGKILL)
