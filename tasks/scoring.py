"""One scoring engine for every field: candidates -> features -> summed weight -> calibrated probability -> best.

The summed weight ranks candidates; `calibrate` turns it into P(right) with a per-field table fitted on the
corpus evaluation (tasks/data/calibration.json). Refit it with
`resume-inbox evaluate ../shared/corpus/resumes --fit-calibration tasks/data/calibration.json`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

from models.schemas import FieldGuess, Line, MessageContext

CALIBRATION_PATH = Path(__file__).resolve().parent / "data" / "calibration.json"


@dataclass
class Candidate:
    """One possible value of a field, where it was found, and facts the features test."""

    value: str
    line_no: int = 0  # index in the document's lines (-1: from a hyperlink, not a line)
    line: Line | None = None
    context: MessageContext = field(default_factory=MessageContext)
    facts: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # Features read facts as attributes (c.in_header) so tables stay one short line each.
        facts = self.__dict__.get("facts", {})
        if name in facts:
            return facts[name]
        raise AttributeError(name)


class Feature(NamedTuple):
    reason: str  # shown on the review page: "in the header block"
    weight: int  # -4..+4; negative means "this is something else"
    test: Callable[[Candidate], bool]


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    weight: int
    reasons: tuple[str, ...]


def score(candidate: Candidate, features: list[Feature]) -> Scored:
    hits = [f for f in features if f.test(candidate)]
    return Scored(candidate, sum(f.weight for f in hits), tuple(f"{f.weight:+d} {f.reason}" for f in hits))


def rank(candidates: Iterable[Candidate], features: list[Feature]) -> list[Scored]:
    """All candidates scored, best first; ties keep document order (earlier wins)."""
    scored = [score(c, features) for c in candidates]
    return sorted(scored, key=lambda s: -s.weight)


def best_scored(candidates: Iterable[Candidate], features: list[Feature], minimum: int = 1) -> Scored | None:
    ranked = rank(candidates, features)
    if not ranked or ranked[0].weight < minimum:
        return None
    return ranked[0]


def best(candidates: Iterable[Candidate], features: list[Feature], field_name: str = "", minimum: int = 1) -> FieldGuess:
    """The highest-weighted candidate as a FieldGuess with a calibrated score; missing below `minimum`."""
    top = best_scored(candidates, features, minimum)
    return guess_of(top, field_name)


def guess_of(top: Scored | None, field_name: str, value: str | None = None) -> FieldGuess:
    if top is None:
        return FieldGuess.missing()
    return FieldGuess(
        value=value if value is not None else top.candidate.value,
        score=calibrate(field_name, top.weight),
        reasons=top.reasons,
    )


# ---------- calibration ----------


@lru_cache(maxsize=1)
def calibration_table() -> dict[str, list[list[float]]]:
    if not CALIBRATION_PATH.exists():
        return {}
    return json.loads(CALIBRATION_PATH.read_text())["fields"]


def calibrate(field_name: str, weight: float) -> float:
    """P(right | summed weight) from the fitted step table; a logistic guess for fields never fitted."""
    table = calibration_table().get(field_name)
    guess = round(prior(weight), 3)
    if not table:
        return guess
    if weight < table[0][0]:
        return min(guess, table[0][1])  # below anything the corpus showed: no surer than its lowest bucket
    probability = table[0][1]
    for threshold, p in table:  # rows sorted by threshold: take the last one at or below weight
        if weight >= threshold:
            probability = p
    return probability


def prior(weight: float) -> float:
    """What a summed weight means before any evaluation: 0.5 at +4 (one strong feature), 0.88 at +10."""
    return 1 / (1 + math.exp(-(weight - 4) / 3))


MAX_PROBABILITY = 0.99  # a few dozen files can't show a value is certain
PRIOR_STRENGTH = 2  # pseudo-observations of the prior per bucket: a bucket of 3 right answers reads ~0.9, not 1.0


def fit_calibration(observations: dict[str, list[tuple[float, bool]]]) -> dict[str, list[list[float]]]:
    """Per field, (winner's weight, right) pairs -> monotone step table [[min_weight, P(right)], ...].

    Pool-adjacent-violators on weight order (a higher weight never reads less likely), then each pooled bucket
    shrunk toward the prior with PRIOR_STRENGTH pseudo-observations: the corpus is a few dozen files, and a fresh
    set of resumes must not be over-trusted.
    """
    tables: dict[str, list[list[float]]] = {}
    for name, pairs in observations.items():
        if not pairs:
            continue
        by_weight: dict[float, list[int]] = {}
        for weight, right in pairs:
            by_weight.setdefault(weight, []).append(int(right))
        blocks = [[w, sum(v), len(v)] for w, v in sorted(by_weight.items())]  # [min_weight, right, n]
        merged: list[list[float]] = []
        for block in blocks:
            merged.append(block)
            while len(merged) > 1 and merged[-2][1] / merged[-2][2] > merged[-1][1] / merged[-1][2]:
                top = merged.pop()
                merged[-1] = [merged[-1][0], merged[-1][1] + top[1], merged[-1][2] + top[2]]
        table: list[list[float]] = []
        for w, right, n in merged:
            p = (right + PRIOR_STRENGTH * prior(w)) / (n + PRIOR_STRENGTH)
            table.append([w, round(min(MAX_PROBABILITY, max(p, table[-1][1] if table else 0.0)), 3)])
        tables[name] = table
    return tables


def write_calibration(path: Path, tables: dict[str, list[list[float]]], note: str | None = None,
                      field_notes: dict[str, str] | None = None) -> None:
    """Write tables into the calibration file; fields it already holds and that were not refitted are kept, and so
    is the note when none is given (the key fields and title/employer are fitted by different runs)."""
    old = json.loads(path.read_text()) if path.exists() else {}
    data: dict[str, Any] = {"note": note if note is not None else old.get("note", "")}
    notes = {**old.get("field_notes", {}), **(field_notes or {})}
    if notes:
        data["field_notes"] = notes
    data["fields"] = {**old.get("fields", {}), **tables}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    calibration_table.cache_clear()
