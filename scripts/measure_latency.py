"""Time from a message landing in the inbox to its confirmation in the outbox, with `resume-inbox watch` running.

Usage: .venv/bin/python scripts/measure_latency.py [--messages 10] [--interval 2]
Prints each message's seconds and the median / max. Uses a temporary home; touches nothing else.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.db import migrate  # noqa: E402
from models.settings import Settings  # noqa: E402
from tasks import samples, users  # noqa: E402


def wait_for(predicate, timeout: float) -> float:
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("nothing arrived in time")
        time.sleep(0.05)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--interval", type=float, default=2.0)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="resume-inbox-latency-"))
    settings = Settings(home=home)
    migrate(settings.db_url)
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    samples.fill_maildir(settings.inbox_dir, [])
    env = {**os.environ, "RESUME_INBOX_HOME": str(home)}
    watcher = subprocess.Popen([str(ROOT / ".venv/bin/resume-inbox"), "watch", "--interval", str(args.interval)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        print(watcher.stdout.readline().strip())
        # the first flow run in a process starts Prefect's local API: timed separately
        seconds = []
        outbox = settings.outbox_dir / "new"
        for i in range(args.messages + 1):
            person = samples.PEOPLE[i % len(samples.PEOPLE)]
            resume = samples.make_resume(person, ("pdf", "docx", "txt", "html")[i % 4])
            raw = samples.resume_message(resume, user.import_address, "Dana <dana@agency.example>", i)
            samples.fill_maildir(settings.inbox_dir, [(f"latency-{i}", raw)])
            took = wait_for(lambda: outbox.exists() and len(list(outbox.iterdir())) == i + 1, timeout=180)
            label = "first (starts Prefect's local API)" if i == 0 else f"message {i}"
            print(f"{label}: confirmation after {took:.1f} s")
            if i:
                seconds.append(took)
        print(f"{len(seconds)} messages after the first: median {statistics.median(seconds):.1f} s, "
              f"max {max(seconds):.1f} s (poll interval {args.interval:g} s)")
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)


if __name__ == "__main__":
    main()
