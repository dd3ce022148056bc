"""Operations: backlog, failures, latency and flow runs (tasks/operations.py; the Prefect server's list: flow_runs.py)."""

from __future__ import annotations

import streamlit as st

from dashboard import flow_runs
from dashboard.style import brand, when
from models.settings import Settings
from tasks import operations


def render(settings: Settings) -> None:
    brand()
    st.title("Operations")
    backlog = operations.backlog(settings)
    kpis = st.columns(4)
    kpis[0].metric("Drafts awaiting a decision", backlog.pending_drafts, help="Pending Save / Cancel")
    kpis[1].metric("Emails queued", backlog.queued_emails)
    kpis[2].metric("Failed drafts", backlog.failed_drafts)
    kpis[3].metric("Failed emails", backlog.failed_emails)
    ages = []
    if backlog.oldest_pending_draft:
        ages.append(f"oldest pending draft {operations.age(backlog.oldest_pending_draft)} old")
    if backlog.oldest_queued_email:
        ages.append(f"oldest queued email {operations.age(backlog.oldest_queued_email)} old")
    if backlog.quarantined_messages:
        n = backlog.quarantined_messages
        ages.append(f"{n} {'message' if n == 1 else 'messages'} quarantined")
    st.caption(" · ".join(ages) or "Nothing waiting.")

    counts = operations.counts_by_status(settings)
    st.subheader("Messages, drafts and emails by status")
    if counts.empty:
        st.info("No mail processed yet.", icon=":material/inbox:")
    else:
        columns = st.columns(3)
        for column, what in zip(columns, ("messages", "drafts", "emails")):
            part = counts[counts["what"] == what][["status", "count"]]
            column.markdown(f"**{what.capitalize()}**")
            column.dataframe(part, hide_index=True, width="stretch")

    st.subheader("Time to confirmation")
    latency = operations.latency(settings)
    if latency.empty:
        st.info("No confirmation sent yet.", icon=":material/schedule:")
    else:
        figures = st.columns(3)
        figures[0].metric("Median", f"{latency['seconds'].median():.0f} s")
        figures[1].metric("95th percentile", f"{latency['seconds'].quantile(0.95):.0f} s")
        figures[2].metric("Confirmations", len(latency))
        daily = operations.latency_summary(latency).rename(columns={"median_s": "median", "p95_s": "95th percentile"})
        if len(daily) > 1:
            st.line_chart(daily[["median", "95th percentile"]], y_label="seconds", x_label="day", color=["#4f46e5", "#f79009"])
        else:  # one point draws empty axes
            st.caption("One day of confirmations so far: the day-by-day chart starts with a second day.")

    st.subheader("Failures and events")
    failures = operations.failures(settings)
    if failures.empty:
        st.success("No failures recorded.", icon=":material/check_circle:")
    else:
        st.dataframe(failures, hide_index=True, width="stretch", column_config={
            "at": st.column_config.DatetimeColumn("at", format="D MMM YYYY, HH:mm"),
            "detail": st.column_config.TextColumn("detail", width="large"),  # the sentence is the point: give it room
        })

    st.subheader("Flow runs")
    recorded = operations.flow_runs(settings)
    if recorded.empty:
        st.info("No flow has run yet: `resume-inbox ingest`, `resume-inbox watch` or a Prefect worker runs them.", icon=":material/schedule:")
    else:
        failed = int((recorded["state"] != "Completed").sum())
        st.caption(f"The {len(recorded)} most recent runs, as each flow recorded itself"
                   + (f"; {failed} did not complete (their run name finds the logs)." if failed else "."))
        st.dataframe(recorded, hide_index=True, width="stretch", column_config={
            "started": st.column_config.DatetimeColumn("started", format="D MMM YYYY, HH:mm:ss"),
            "seconds": st.column_config.NumberColumn("seconds", format="%.1f"),
        })
    server = flow_runs.recent_flow_runs()
    with st.expander("On the Prefect server (scheduled and running runs too)"):
        if server.available:
            st.caption(server.note)
            st.dataframe(server.runs, hide_index=True, width="stretch")
        else:
            st.info(server.note, icon=":material/cloud_off:")
    st.caption(f"Figures as of {when(_now())}; reload the page to refresh.")


def _now():
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


if __name__ == "__main__":  # run as a page by app.py's st.navigation
    from dashboard.style import page_settings

    render(page_settings())
