"""Text extraction over the shared corpus: per-format speed (median / p95 ms) and labelled e-mails found.

    python scripts/text_speed.py [--corpus ../shared/corpus] [--no-ocr] [--show r039.pdf]

Wall time is the fastest of --repeat runs; CPU time (this process only, so not tesseract's) is shown
beside it because a shared machine's load inflates wall time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tasks.errors import InboxProblem  # noqa: E402
from tasks.text import read_path  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "corpus")
    parser.add_argument("--no-ocr", action="store_true", help="skip OCR of scans (they then count as unreadable)")
    parser.add_argument("--show", nargs="*", default=[], help="print the lines of these files")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per file; the fastest counts")
    args = parser.parse_args()
    resumes = args.corpus / "resumes"
    labels = {label["file"]: label for label in json.loads((resumes / "labels.json").read_text())}
    timings: dict[str, list[float]] = defaultdict(list)
    cpu_timings: dict[str, list[float]] = defaultdict(list)
    found, missing = 0, []
    for path in sorted(p for p in resumes.iterdir() if p.name in labels):
        best = best_cpu = float("inf")
        text = None
        for _ in range(1 if path.name == "r002.pdf" else args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            try:
                text = read_path(path, ocr=not args.no_ocr)
            except InboxProblem as problem:
                print(f"{path.name}: {problem}")
                break
            best = min(best, (time.perf_counter() - started) * 1000)
            best_cpu = min(best_cpu, (time.process_time() - started_cpu) * 1000)
        if text is None:
            missing.append(path.name)
            continue
        kind = "pdf (OCR)" if text.ocr else path.suffix.lstrip(".")
        timings[kind].append(best)
        cpu_timings[kind].append(best_cpu)
        email = labels[path.name]["email"]
        if email and email.lower() in text.plain.lower().replace(" ", ""):
            found += 1
        elif email:
            missing.append(path.name)
        if path.name in args.show:
            print(f"--- {path.name} ({best:.0f} ms, links {text.links})")
            for line in text.lines:
                print(f"  p{line.page} b{line.block:<3} {line.size:5.1f} {'B' if line.bold else ' '} {line.style:8} {line.text}")
    print(f"{'format':10} {'files':>5} {'median ms':>10} {'p95 ms':>8} {'CPU median':>11} {'CPU p95':>8}")
    for kind, values in sorted(timings.items()):
        cpu = cpu_timings[kind]
        print(f"{kind:10} {len(values):5d} {statistics.median(values):10.1f} {percentile(values, 0.95):8.1f}"
              f" {statistics.median(cpu):11.1f} {percentile(cpu, 0.95):8.1f}")
    labelled = sum(1 for label in labels.values() if label["email"])
    print(f"labelled e-mail in the text: {found}/{labelled}; missing: {missing or 'none'}")


if __name__ == "__main__":
    main()
