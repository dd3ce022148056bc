"""`resume-inbox benchmark DIR`: resumes per second on one core and the process's peak memory over a folder.

Pinned to one CPU (sched_setaffinity) so the figure is per core whatever the machine; spaCy's load is timed
apart (once per worker, not per resume). Scanned PDFs (OCR) are counted apart: they cost seconds, not ms.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from models.schemas import MessageContext
from tasks.errors import InboxProblem
from tasks.evaluate import check_folder, read_labels
from tasks.extract import extract_fields


@dataclass
class Benchmark:
    files: int
    rounds: int
    text_seconds: float  # text-layer documents: reading + extraction
    text_documents: int
    scanned_seconds: float
    scanned_documents: int
    failed: int
    model_load_seconds: float
    extract_ms_median: float
    peak_rss_mb: float

    @property
    def per_second(self) -> float:
        return self.text_documents / self.text_seconds if self.text_seconds else 0.0

    def lines(self) -> list[str]:
        out = [
            f"{self.files} files x {self.rounds} round(s) on one core",
            f"  text-layer resumes: {self.per_second:.1f} per second ({self.text_documents} in {self.text_seconds:.2f} s; "
            f"extraction alone median {self.extract_ms_median:.1f} ms)",
        ]
        if self.scanned_documents:
            out.append(f"  scanned (OCR): {self.scanned_documents / self.scanned_seconds:.2f} per second "
                       f"({self.scanned_documents} in {self.scanned_seconds:.1f} s)")
        if self.failed:
            out.append(f"  unreadable: {self.failed}")
        out.append(f"  spaCy model load (once per process): {self.model_load_seconds:.2f} s")
        out.append(f"  peak memory (max RSS): {self.peak_rss_mb:.0f} MB")
        return out


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def resume_files(directory: Path) -> list[Path]:
    """The resumes of a folder: those its labels.json names (when it has one), else every file of a type we read.

    FileNotFoundError / NotADirectoryError / ValueError with a one-sentence message when there is nothing to time.
    """
    from tasks.text import EXTENSION_TYPES

    check_folder(directory)
    if (directory / "labels.json").is_file():
        files = sorted(p for p in (directory / label["file"] for label in read_labels(directory)) if p.is_file())
    else:
        files = sorted(p for p in directory.iterdir()
                       if p.is_file() and p.suffix.lower() in EXTENSION_TYPES and not p.name.startswith("."))
    if not files:
        raise ValueError(f"{directory} holds no resume files (PDF, DOCX, DOC, RTF, ODT, TXT or HTML).")
    return files


def run_benchmark(directory: Path, rounds: int = 1) -> Benchmark:
    from tasks import nlp
    from tasks.text import read_path

    files = resume_files(directory)  # a wrong folder fails before the model loads
    pin_to_one_core()
    start = time.perf_counter()
    nlp.header_pipeline()
    load = time.perf_counter() - start
    text_s = scanned_s = 0.0
    text_n = scanned_n = failed = 0
    extract_ms: list[float] = []
    for _ in range(rounds):
        for path in files:
            t0 = time.perf_counter()
            try:
                text = read_path(path)
            except InboxProblem:
                failed += 1
                continue
            t1 = time.perf_counter()
            extract_fields(text, MessageContext(file_name=path.name))
            t2 = time.perf_counter()
            extract_ms.append((t2 - t1) * 1000)
            if text.ocr:
                scanned_s += t2 - t0
                scanned_n += 1
            else:
                text_s += t2 - t0
                text_n += 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return Benchmark(len(files), rounds, text_s, text_n, scanned_s, scanned_n, failed, load,
                     statistics.median(extract_ms) if extract_ms else 0.0, peak)
