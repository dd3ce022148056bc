"""`resume-inbox evaluate DIR`: parse every file named in DIR/labels.json and score the key fields against it.

Rules (the issue's): names and emails compare case-insensitively, phones by their digits, a null label is right
only when nothing was extracted. Time is per file, reading included; scanned PDFs (OCR) are timed apart.
The same run refits the calibration table (`--fit-calibration PATH`) from each field's summed weight and rightness.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from models.schemas import ExtractedFields, MessageContext
from tasks.errors import InboxProblem
from tasks.extract import extract_weighted
from tasks.scoring import fit_calibration, write_calibration

EVALUATED_FIELDS = ("first_name", "last_name", "email", "phone", "phone_e164", "location")


def normalise(field_name: str, value: str | None) -> str | None:
    if value is None or not str(value).strip():
        return None
    value = unicodedata.normalize("NFC", str(value))
    if field_name.startswith("phone"):
        return re.sub(r"\D", "", value) or None
    if field_name == "location":
        return re.sub(r"[\W_]+", " ", value.casefold()).strip()
    return re.sub(r"\s+", " ", value.casefold()).strip()


def is_right(field_name: str, label: str | None, value: str | None) -> bool:
    return normalise(field_name, label) == normalise(field_name, value)


@dataclass
class FileResult:
    file: str
    ms: float
    ocr: bool = False
    error: str | None = None
    values: dict[str, str | None] = field(default_factory=dict)
    weights: dict[str, float | None] = field(default_factory=dict)
    wrong: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # field -> (label, extracted)


@dataclass
class Evaluation:
    files: list[FileResult]

    def accuracy(self) -> dict[str, dict[str, float]]:
        n = len(self.files)
        out = {}
        for name in EVALUATED_FIELDS:
            correct = sum(1 for r in self.files if name not in r.wrong)
            out[name] = {"correct": correct, "accuracy": round(correct / n, 4) if n else 0.0}
        return out

    def times(self, ocr: bool = False) -> list[float]:
        return [r.ms for r in self.files if r.ocr == ocr and r.error is None]

    def summary(self) -> dict:
        ms = self.times()
        scanned = self.times(ocr=True)
        return {
            "files": len(self.files),
            "fields": self.accuracy(),
            "ms_median": round(statistics.median(ms), 1) if ms else None,
            "ms_p95": round(percentile(ms, 95), 1) if ms else None,
            "scanned": {"files": len(scanned), "ms_median": round(statistics.median(scanned), 1) if scanned else None},
            "errors": {r.file: r.error for r in self.files if r.error},
        }

    def observations(self) -> dict[str, list[tuple[float, bool]]]:
        """(winner's summed weight, right) per field, for every value extraction put out: what the score claims."""
        obs: dict[str, list[tuple[float, bool]]] = {name: [] for name in EVALUATED_FIELDS}
        for r in self.files:
            for name in EVALUATED_FIELDS:
                weight = r.weights.get(name)
                if weight is not None:
                    obs[name].append((weight, name not in r.wrong))
        return obs


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def evaluate_file(path: Path, label: dict) -> FileResult:
    from tasks.text import read_path

    start = time.perf_counter()
    try:
        text = read_path(path)
        fields, weights = extract_weighted(text, MessageContext(file_name=path.name))
    except (InboxProblem, OSError) as problem:  # unreadable or missing: every field counts as not extracted
        ms = (time.perf_counter() - start) * 1000
        result = FileResult(path.name, ms, error=str(problem))
        fields, weights = ExtractedFields(), {}
    else:
        result = FileResult(path.name, (time.perf_counter() - start) * 1000, ocr=text.ocr)
    result.weights = weights
    for name in EVALUATED_FIELDS:
        value = getattr(fields, name).value
        result.values[name] = value
        if not is_right(name, label.get(name), value):
            result.wrong[name] = (label.get(name), value)
    return result


def check_folder(directory: Path) -> None:
    """FileNotFoundError / NotADirectoryError, one sentence each, unless directory is a folder."""
    if not directory.exists():
        raise FileNotFoundError(f"{directory} does not exist.")
    if not directory.is_dir():
        raise NotADirectoryError(f"{directory} is not a folder.")


def read_labels(directory: Path) -> list[dict]:
    """DIR/labels.json: a list of {"file": name, field: value, ...}.

    FileNotFoundError / NotADirectoryError / ValueError with a one-sentence message (the CLI prints it).
    """
    check_folder(directory)
    path = directory / "labels.json"
    if not path.is_file():
        raise FileNotFoundError(f"{directory} has no labels.json, so there is nothing to compare the fields with.")
    try:
        labels = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ValueError(f"{path} is not valid JSON ({e}).") from e
    if not isinstance(labels, list) or not all(isinstance(x, dict) and isinstance(x.get("file"), str) for x in labels):
        raise ValueError(f"{path} must be a list of objects, each with a \"file\" name.")
    return labels


def evaluate_dir(directory: Path) -> Evaluation:
    """Every labelled file of directory evaluated; read_labels' errors when the folder or its labels are missing."""
    from tasks import nlp

    labels = read_labels(directory)
    nlp.header_pipeline()  # loaded once per worker: its 0.4 s belongs to no single resume's time
    return Evaluation([evaluate_file(directory / label["file"], label) for label in labels])


def report_lines(evaluation: Evaluation) -> list[str]:
    summary = evaluation.summary()
    lines = [f"{summary['files']} files"]
    for name, row in summary["fields"].items():
        lines.append(f"  {name:<11} {row['correct']:>3}/{summary['files']}  {row['accuracy']:.1%}")
    lines.append(f"  time per file (text layer): median {summary['ms_median']} ms, p95 {summary['ms_p95']} ms")
    if summary["scanned"]["files"]:
        lines.append(f"  scanned (OCR) files: {summary['scanned']['files']}, median {summary['scanned']['ms_median']} ms")
    wrong = [r for r in evaluation.files if r.wrong or r.error]
    if wrong:
        lines.append("wrong:")
    for r in wrong:
        why = "; ".join(f"{k}: expected {a!r}, got {b!r}" for k, (a, b) in r.wrong.items())
        lines.append(f"  {r.file}: {('error: ' + r.error + '; ') if r.error else ''}{why}")
    return lines


def refit(evaluation: Evaluation, path: Path) -> None:
    summary = evaluation.summary()
    figures = ", ".join(f"{k} {v['accuracy']:.1%}" for k, v in summary["fields"].items())
    write_calibration(path, fit_calibration(evaluation.observations()),
                      note=f"fitted on {summary['files']} files ({figures}); refit with "
                           "`resume-inbox evaluate DIR --fit-calibration tasks/data/calibration.json`")


# ---------- title and employer: the synthetic samples (tasks/samples.py) and a hand check of the corpus ----------

ROLE_FIELDS = ("title", "employer")
SAMPLE_FIELDS = ("first_name", "last_name", "email", "title", "employer")
ROLE_CHECK_PATH = Path(__file__).resolve().parent / "data" / "role_check.json"
SAMPLE_TYPES = {"pdf": "pdf", "docx": "docx", "txt": "txt", "html": "html", "body": "txt"}


@dataclass
class SampleEvaluation:
    resumes: int
    correct: dict[str, int]  # field -> renderings right
    wrong: list[str]  # "person / format / layout: field expected X, got Y"
    observations: dict[str, list[tuple[float, bool]]]  # per role field, one per person: right in every rendering

    def lines(self) -> list[str]:
        people = len(next(iter(self.observations.values()), []))
        out = [f"{self.resumes} synthetic resumes ({people} people x formats x layouts)"]
        out += [f"  {name:<11} {n:>3}/{self.resumes}" for name, n in self.correct.items()]
        return out + ([f"wrong: {w}" for w in self.wrong[:20]] if self.wrong else [])


def evaluate_samples(people=None, formats=None, layouts=None) -> SampleEvaluation:
    """Every sample resume (tasks/samples.py) read and extracted; its Person is the truth (same rules as evaluate).

    The text of a person's resume is the same in each format and layout, so for calibration a person counts once,
    right only when right in every rendering.
    """
    from models.schemas import Document
    from tasks import samples
    from tasks.text import read_text

    people = samples.PEOPLE if people is None else people
    correct = {name: 0 for name in SAMPLE_FIELDS}
    wrong: list[str] = []
    observations: dict[str, list[tuple[float, bool]]] = {name: [] for name in ROLE_FIELDS}
    total = 0
    for person in people:
        weights: dict[str, list[float | None]] = {name: [] for name in ROLE_FIELDS}
        right_everywhere = {name: True for name in ROLE_FIELDS}
        for fmt in formats or samples.FORMATS:
            for layout in layouts or samples.LAYOUTS:
                resume = samples.make_resume(person, fmt, layout)
                document = Document(index=0, name=resume.filename, type=SAMPLE_TYPES[fmt], content=resume.content,
                                    origin="file")
                fields, found = extract_weighted(read_text(document, ocr=False), MessageContext(file_name=resume.filename))
                total += 1
                truth = {"first_name": person.first, "last_name": person.last, "email": person.email,
                         "title": person.title, "employer": person.employer}
                for name in SAMPLE_FIELDS:
                    value = getattr(fields, name).value
                    if is_right(name, truth[name], value):
                        correct[name] += 1
                    else:
                        wrong.append(f"{person.name} / {fmt} / {layout}: {name} expected {truth[name]!r}, got {value!r}")
                        if name in ROLE_FIELDS:
                            right_everywhere[name] = False
                for name in ROLE_FIELDS:
                    weights[name].append(found.get(name))
        for name in ROLE_FIELDS:
            put_out = [w for w in weights[name] if w is not None]
            if put_out:  # the score claims something only where a value was put out; its lowest weight is the claim
                observations[name].append((min(put_out), right_everywhere[name]))
    return SampleEvaluation(total, correct, wrong, observations)


def read_role_check(path: Path = ROLE_CHECK_PATH) -> dict[str, list[tuple[float, bool]]]:
    """The corpus hand check as (weight, right) pairs: per field, [[weight, right, checked], ...] counts."""
    counts = json.loads(path.read_text(encoding="utf-8"))["counts"]
    return {name: [(w, i < right) for w, right, n in rows for i in range(n)] for name, rows in counts.items()}


def fit_role_calibration(path: Path, samples: SampleEvaluation | None = None) -> dict[str, list[list[float]]]:
    """Title and employer tables from the samples (one observation per person) plus the corpus hand check."""
    samples = samples or evaluate_samples()
    checked = read_role_check()
    observations = {name: samples.observations[name] + checked.get(name, []) for name in ROLE_FIELDS}
    tables = fit_calibration(observations)
    notes = {}
    for name in ROLE_FIELDS:
        pairs = observations[name]
        right = sum(r for _, r in pairs)
        notes[name] = (f"fitted on {len(pairs)} observations, {right} right: {samples.correct[name]}/{samples.resumes} "
                       f"synthetic renderings ({len(samples.observations[name])} people, counted once each) and "
                       f"{len(checked.get(name, []))} hand-checked corpus files (tasks/data/role_check.json); refit with "
                       "`python -m tasks.evaluate --samples --fit-calibration tasks/data/calibration.json`")
    write_calibration(path, tables, field_notes=notes)
    return tables


if __name__ == "__main__":  # python -m tasks.evaluate --samples [--fit-calibration PATH]
    import argparse

    parser = argparse.ArgumentParser(description="Title/employer accuracy on the synthetic samples (tasks/samples.py).")
    parser.add_argument("--samples", action="store_true", required=True)
    parser.add_argument("--fit-calibration", type=Path, help="refit the title and employer tables into this file")
    args = parser.parse_args()
    result = evaluate_samples()
    print("\n".join(result.lines()))
    if args.fit_calibration:
        for name, table in fit_role_calibration(args.fit_calibration, result).items():
            print(f"  {name} calibration: {table}")
