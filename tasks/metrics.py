"""Extraction quality: what the parser read (Draft.fields) against what the recruiter saved (Candidate.fields).

A saved candidate is the only ground truth the product collects for free: each field the recruiter
left alone counts as right, each one they changed as wrong. Everything returns pandas DataFrames
for the Extraction quality page and the analyst notebook.
"""

from __future__ import annotations

import re
from datetime import timezone

import pandas as pd
from sqlmodel import select

from models.db import session_scope
from models.settings import Settings
from models.tables import Candidate, Draft

FIELDS = ("first_name", "last_name", "email", "phone", "location", "title", "employer", "links", "skills")
PAIR_COLUMNS = ["draft_id", "document_type", "saved_at", "field", "extracted", "saved", "score", "outcome"]
# correct: left as read; corrected: changed; missed: read nothing, recruiter typed it; dropped: read
# something, recruiter cleared it; empty: neither has a value (not counted in accuracy).
OUTCOMES = ("correct", "corrected", "missed", "dropped", "empty")


def extraction_pairs(settings: Settings) -> pd.DataFrame:
    """One row per saved candidate and field: extracted value, saved value, score, outcome."""
    rows = []
    with session_scope(settings.db_url) as session:
        for draft, candidate in session.exec(select(Draft, Candidate).where(Candidate.draft_id == Draft.id)).all():
            extracted_fields = draft.fields or {}
            for name in FIELDS:
                if name not in (candidate.fields or {}):
                    continue  # saved before this field was kept: no ground truth
                guess = extracted_fields.get(name) or {}
                extracted = guess.get("values", guess.get("value"))
                saved = candidate.fields[name]
                rows.append(
                    {
                        "draft_id": draft.id,
                        "document_type": draft.document_type or "unknown",
                        "saved_at": _utc(candidate.created_at),
                        "field": name,
                        "extracted": _show(extracted),
                        "saved": _show(saved),
                        "score": float(guess.get("score") or 0.0),
                        "outcome": _outcome(name, extracted, saved),
                    }
                )
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    frame["saved_at"] = pd.to_datetime(frame["saved_at"], utc=True)
    return frame


def accuracy_by_field(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per field: counts of each outcome and accuracy = correct / (all but empty)."""
    return _summarise(pairs, "field").reindex([f for f in FIELDS if f in set(pairs["field"])])


def accuracy_by_file_type(pairs: pd.DataFrame) -> pd.DataFrame:
    return _summarise(pairs, "document_type")


def accuracy_over_time(pairs: pd.DataFrame, freq: str = "W") -> pd.DataFrame:
    """Accuracy per period of the save date (weekly by default), all fields together."""
    if pairs.empty:
        return _summarise(pairs.assign(period=pd.Series(dtype="datetime64[ns, UTC]")), "period")
    period = pairs["saved_at"].dt.tz_convert(None).dt.to_period(freq).dt.start_time
    return _summarise(pairs.assign(period=period), "period")


def score_calibration(pairs: pd.DataFrame, bins: tuple[float, ...] = (0, 0.2, 0.4, 0.6, 0.8, 1.0001)) -> pd.DataFrame:
    """Is a score of 0.8 right 80% of the time? Mean score against observed accuracy per score band."""
    counted = pairs[pairs["outcome"] != "empty"]
    band = pd.cut(counted["score"], bins=list(bins), right=False, labels=[f"{lo:.1f}–{min(hi, 1):.1f}" for lo, hi in zip(bins, bins[1:])])
    grouped = counted.assign(band=band, right=counted["outcome"] == "correct").groupby("band", observed=False)
    return pd.DataFrame({"values": grouped.size(), "mean_score": grouped["score"].mean(), "accuracy": grouped["right"].mean()})


def _summarise(pairs: pd.DataFrame, by: str) -> pd.DataFrame:
    counts = pairs.pivot_table(index=by, columns="outcome", values="draft_id", aggfunc="count", fill_value=0, observed=False)
    counts = counts.reindex(columns=list(OUTCOMES), fill_value=0)
    counted = counts[["correct", "corrected", "missed", "dropped"]].sum(axis=1)
    summary = counts.assign(
        values=counted,
        accuracy=(counts["correct"] / counted.where(counted > 0)).round(3),
        mean_score=pairs.groupby(by, observed=False)["score"].mean().round(3) if not pairs.empty else pd.Series(dtype=float),
    )
    summary.columns.name = None
    return summary[["values", "accuracy", "mean_score", *OUTCOMES]]


def _outcome(field: str, extracted, saved) -> str:
    left, right = _normal(field, extracted), _normal(field, saved)
    if not left and not right:
        return "empty"
    if left == right:
        return "correct"
    if not left:
        return "missed"
    if not right:
        return "dropped"
    return "corrected"


def _normal(field: str, value) -> str | frozenset:
    """Compare as a recruiter would: case, spacing and phone punctuation don't make a value wrong."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return frozenset(" ".join(str(v).split()).casefold() for v in value if str(v).strip())
    text = " ".join(str(value).split()).casefold()
    return re.sub(r"\D", "", text) if field == "phone" else text


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _utc(when):
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
