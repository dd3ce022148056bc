"""tasks/operations.py: backlog, failures, latency."""

from __future__ import annotations

from tasks import operations
from tests.seed import seed_history, seed_home


def test_empty_database(settings):
    assert operations.counts_by_status(settings).empty
    assert operations.backlog(settings) == operations.Backlog()
    assert operations.failures(settings).empty and operations.latency(settings).empty
    assert operations.latency_summary(operations.latency(settings)).empty


def test_figures_on_a_seeded_database(settings):
    seed_home(settings)
    seed_history(settings)
    counts = operations.counts_by_status(settings).set_index(["what", "status"])["count"]
    assert counts[("drafts", "pending")] == 3 and counts[("drafts", "saved")] == 8 and counts[("emails", "failed")] == 1

    backlog = operations.backlog(settings)
    assert (backlog.pending_drafts, backlog.failed_drafts, backlog.failed_emails, backlog.queued_emails) == (3, 1, 1, 0)
    assert backlog.oldest_pending_draft is not None and operations.age(backlog.oldest_pending_draft).endswith("min")

    failures = operations.failures(settings)
    assert set(failures["kind"]) == {"draft failed", "email failed", "unknown_recipient"}
    assert failures["at"].is_monotonic_decreasing

    latency = operations.latency(settings)
    assert len(latency) == 8 and latency["seconds"].tolist()[:2] == [20.0, 30.0]
    assert operations.latency_summary(latency)["messages"].sum() == 8
