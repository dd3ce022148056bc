"""tasks/metrics.py: extracted values against what recruiters saved."""

from __future__ import annotations

import pandas as pd

from models.db import session_scope
from models.schemas import Options
from models.tables import User
from tasks import actions, metrics
from tasks.actions import CandidateFields
from tests.seed import make_draft, make_fields, make_user, seed_history


def _save(settings, fields, doc_type="pdf", **edits):
    with session_scope(settings.db_url) as session:
        user = session.get(User, 1) or make_user(session)
        draft = make_draft(settings, session, user, fields, document_type=doc_type)
    values = CandidateFields.from_extracted(fields).model_copy(update=edits)
    actions.save_draft(settings, draft.id, values, Options())


def test_each_field_gets_an_outcome(settings):
    _save(settings, make_fields("jane", "Doe", None, phone="(415) 555-0100"), first_name="Jane", email="jane@example.com", location="", phone="+1 415 555 0100")
    pairs = metrics.extraction_pairs(settings).set_index("field")
    assert pairs.loc["first_name", "outcome"] == "correct"  # case alone doesn't make it wrong
    assert pairs.loc["email", "outcome"] == "missed"
    assert pairs.loc["location", "outcome"] == "dropped"
    assert pairs.loc["phone", "outcome"] == "corrected"  # a country code added is a real change
    assert pairs.loc["last_name", "outcome"] == "correct"
    assert pairs.loc["skills", "outcome"] == "correct"


def test_accuracy_by_field_and_file_type(settings):
    _save(settings, make_fields("Ann", "Lee", "ann@example.com"), "pdf")
    _save(settings, make_fields("Bob", "Ray", "bob@example.com"), "docx", last_name="Roy")
    pairs = metrics.extraction_pairs(settings)

    by_field = metrics.accuracy_by_field(pairs)
    assert by_field.loc["last_name", "accuracy"] == 0.5 and by_field.loc["email", "accuracy"] == 1.0
    assert list(by_field.index[:3]) == ["first_name", "last_name", "email"]
    by_type = metrics.accuracy_by_file_type(pairs)
    assert by_type.loc["pdf", "accuracy"] == 1.0 and by_type.loc["docx", "corrected"] == 1


def test_over_time_and_calibration_on_seeded_history(settings):
    seed_history(settings)
    pairs = metrics.extraction_pairs(settings)
    weekly = metrics.accuracy_over_time(pairs)
    assert len(weekly) >= 4 and weekly["values"].sum() == len(pairs[pairs["outcome"] != "empty"])
    calibration = metrics.score_calibration(pairs)
    assert calibration.loc["0.2–0.4", "accuracy"] == 0.0  # the low-scored first names were all corrected
    assert calibration.loc["0.8–1.0", "accuracy"] > 0.8


def test_empty_database_gives_empty_frames(settings):
    pairs = metrics.extraction_pairs(settings)
    assert pairs.empty and list(pairs.columns) == metrics.PAIR_COLUMNS
    for frame in (metrics.accuracy_by_field(pairs), metrics.accuracy_by_file_type(pairs), metrics.accuracy_over_time(pairs)):
        assert isinstance(frame, pd.DataFrame) and frame.empty


def test_the_analyst_notebook_runs_on_a_fresh_seeded_database(settings, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    from tests.conftest import ROOT
    from tests.seed import seed_home

    seed_home(settings)
    seed_history(settings)
    monkeypatch.setenv("RESUME_INBOX_HOME", str(settings.home))  # the kernel inherits this environment
    monkeypatch.delenv("RESUME_INBOX_DATABASE_URL", raising=False)
    notebook = nbformat.read(ROOT / "notebooks" / "extraction_quality.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    printed = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "8 saved candidates" in printed
    tables = "".join(str(o.get("data", {}).get("text/plain", "")) for c in notebook.cells for o in c.get("outputs", []))
    assert "first_name" in tables and "accuracy" in tables
