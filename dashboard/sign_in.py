"""The page a Desktop Tools sign-in link opens: reads ?signin=, calls sign_in.redeem_sign_in, then opens Desktop Tools."""

from __future__ import annotations

import streamlit as st

from dashboard.action import show_not_usable
from dashboard.style import AFTER_SIGN_IN_KEY, SIGNED_IN_KEY
from models.settings import Settings
from tasks import sign_in
from tasks.errors import LinkNotUsable


def render(settings: Settings) -> None:
    raw = st.query_params.get("signin", "")
    try:
        st.session_state[SIGNED_IN_KEY] = sign_in.redeem_sign_in(settings, raw)
    except LinkNotUsable as problem:
        show_not_usable(str(problem))
        st.columns([1, 2.2, 1])[1].button("Ask for a new link", type="primary", on_click=_back_to_desktop_tools)
        return
    _back_to_desktop_tools()
    st.rerun()


def _back_to_desktop_tools() -> None:
    # Without ?signin= the app shows its sidebar again; the flag makes it open Desktop Tools, not Home.
    st.query_params.clear()
    st.session_state[AFTER_SIGN_IN_KEY] = True


if __name__ == "__main__":  # run as a page by app.py's st.navigation
    from dashboard.style import page_settings

    render(page_settings())
