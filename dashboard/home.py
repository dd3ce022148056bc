"""The landing page: what Resume Inbox does and where each job lives."""

from __future__ import annotations

import streamlit as st

from dashboard.style import brand
from models.settings import Settings


def render(settings: Settings) -> None:
    brand()
    st.title("Your resumes, one email away")
    st.markdown(
        "Forward a resume to your **private import address**. Resume Inbox reads it, fills in the candidate's "
        "details and emails you a confirmation with three links:"
    )
    save, review, cancel = st.columns(3)
    with save.container(border=True):
        st.markdown("#### :material/check_circle: Save\nSaves the candidate as read, with your usual source, folders, jobs and tags.")
    with review.container(border=True):
        st.markdown("#### :material/edit_note: Review\nShows the resume beside every field: correct anything, then save.")
    with cancel.container(border=True):
        st.markdown("#### :material/delete: Cancel\nRemoves the resume and its draft. Asks once before it deletes.")
    st.markdown(
        "Each link works once. Find your import address and where confirmations go under **Desktop Tools**; "
        "analysts see how well fields are read under **Extraction quality**; operations watch the pipeline under **Operations**."
    )
    st.caption(f"Links in confirmation emails open {settings.dashboard_url}.")


if __name__ == "__main__":  # run as a page by app.py's st.navigation
    from dashboard.style import page_settings

    render(page_settings())
