"""The scoring engine: features sum to a weight, the best candidate wins, the weight maps to a calibrated probability."""

from __future__ import annotations

import json

from tasks import scoring
from tasks.scoring import Candidate, Feature, best, best_scored, calibrate, fit_calibration, rank

FEATURES = [
    Feature("has an at sign", +4, lambda c: "@" in c.value),
    Feature("early", +1, lambda c: c.line_no < 3),
    Feature("is a url", -4, lambda c: "/" in c.value),
]


def test_features_sum_and_keep_their_reasons():
    top = best_scored([Candidate("a@b.co", line_no=1)], FEATURES)
    assert top.weight == 5
    assert top.reasons == ("+4 has an at sign", "+1 early")


def test_negative_feature_demotes_a_candidate_that_is_something_else():
    ranked = rank([Candidate("http://x.co/@a", 0), Candidate("a@b.co", 9)], FEATURES)
    assert ranked[0].candidate.value == "a@b.co"


def test_ties_keep_document_order():
    ranked = rank([Candidate("first@b.co", 5), Candidate("second@b.co", 6)], FEATURES)
    assert ranked[0].candidate.value == "first@b.co"


def test_below_minimum_is_missing():
    guess = best([Candidate("plain text", 0)], FEATURES, "email", minimum=2)
    assert guess.value is None and guess.score == 0.0


def test_facts_read_as_attributes():
    c = Candidate("x", facts={"labelled": True})
    assert c.labelled is True


def test_fit_is_monotone_and_smoothed():
    table = fit_calibration({"email": [(3, False), (3, False), (5, True), (5, False), (8, True), (8, True), (8, True)]})
    probabilities = [p for _, p in table["email"]]
    assert probabilities == sorted(probabilities)
    assert 0.8 < probabilities[-1] < 1.0  # 3 of 3 right, shrunk toward the prior: not certainty


def test_calibrate_reads_the_step_table(tmp_path, monkeypatch):
    path = tmp_path / "calibration.json"
    monkeypatch.setattr(scoring, "CALIBRATION_PATH", path)
    scoring.write_calibration(path, {"email": [[0, 0.2], [6, 0.9]]}, note="test")
    try:
        assert calibrate("email", 3) == 0.2
        assert calibrate("email", 7) == 0.9
        assert 0 < calibrate("never_fitted", 6) < 1
        assert json.loads(path.read_text())["note"] == "test"
    finally:
        scoring.calibration_table.cache_clear()


def test_writing_some_fields_keeps_the_others_and_their_notes(tmp_path):
    path = tmp_path / "calibration.json"
    try:
        scoring.write_calibration(path, {"email": [[0, 0.2]]}, note="key fields")
        scoring.write_calibration(path, {"title": [[2, 0.7]]}, field_notes={"title": "samples"})
        scoring.write_calibration(path, {"email": [[0, 0.3]]}, note="key fields again")
        data = json.loads(path.read_text())
        assert data["fields"] == {"email": [[0, 0.3]], "title": [[2, 0.7]]}
        assert (data["note"], data["field_notes"]) == ("key fields again", {"title": "samples"})
    finally:
        scoring.calibration_table.cache_clear()
