"""Extraction quality for analysts: what the parser read against what recruiters saved (tasks/metrics.py)."""

from __future__ import annotations

import streamlit as st

from dashboard.style import brand
from models.settings import Settings
from tasks import metrics
from tasks.actions import FIELD_LABELS

ACCURACY = st.column_config.ProgressColumn("accuracy", format="percent", min_value=0.0, max_value=1.0)
SCORE = st.column_config.NumberColumn("mean score", format="%.2f")


def render(settings: Settings) -> None:
    brand()
    st.title("Extraction quality")
    st.caption(
        "Each saved candidate is compared field by field with what was extracted from the resume: a field the "
        "recruiter left as read counts as correct, an edited one as corrected, one they had to type as missed."
    )
    pairs = metrics.extraction_pairs(settings)
    if pairs.empty:
        st.info("No saved candidates yet. Figures appear here once recruiters save resumes.", icon=":material/hourglass_empty:")
        return

    by_field = metrics.accuracy_by_field(pairs).rename(index=FIELD_LABELS)
    by_field.index.name = "field"
    counted = pairs[pairs["outcome"] != "empty"]
    total = len(counted)
    left = st.columns(4)
    left[0].metric("Candidates compared", f"{pairs['draft_id'].nunique()}")
    left[1].metric("Fields left as read", f"{(counted['outcome'] == 'correct').mean():.0%}", help=f"of {total} field values")
    left[2].metric("Corrected by recruiters", f"{(counted['outcome'] == 'corrected').sum()}")
    left[3].metric("Missed, typed in", f"{(counted['outcome'] == 'missed').sum()}")

    st.subheader("By field")
    st.dataframe(by_field, column_config={"accuracy": ACCURACY, "mean_score": SCORE}, width="stretch")

    by_type, over_time = st.columns([1.2, 1], gap="large")
    with by_type:
        st.subheader("By file type")
        types = metrics.accuracy_by_file_type(pairs)[["values", "accuracy", "corrected", "missed"]]
        types.index.name = "file type"
        st.dataframe(types, column_config={"accuracy": ACCURACY}, width="stretch")
    with over_time:
        st.subheader("Week by week")
        weekly = metrics.accuracy_over_time(pairs)
        if len(weekly) > 1:
            st.line_chart(weekly["accuracy"], y_label="accuracy", x_label="week", color="#4f46e5", height=260)
        else:  # one point draws empty axes: say the figure instead
            st.caption(f"One week so far: {weekly['accuracy'].iloc[0]:.0%} of fields left as read. The chart starts with a second week.")

    st.subheader("Are the scores honest?")
    st.caption("Values grouped by their extraction score: a well-calibrated 0.8 is right about 80% of the time.")
    st.dataframe(metrics.score_calibration(pairs), column_config={"accuracy": ACCURACY, "mean_score": SCORE}, width="stretch")

    st.subheader("Recent corrections")
    corrections = pairs[pairs["outcome"].isin(["corrected", "missed", "dropped"])].sort_values("saved_at", ascending=False)
    corrections = corrections.assign(field=corrections["field"].map(FIELD_LABELS))
    st.dataframe(
        corrections[["saved_at", "document_type", "field", "extracted", "saved", "score", "outcome"]].head(50),
        hide_index=True,
        width="stretch",
        column_config={"saved_at": st.column_config.DatetimeColumn("saved", format="D MMM YYYY, HH:mm"), "saved": "saved as", "document_type": "file type", "score": st.column_config.NumberColumn("score", format="%.2f")},
    )


if __name__ == "__main__":  # run as a page by app.py's st.navigation
    from dashboard.style import page_settings

    render(page_settings())
