"""Operations (placeholder until tasks/operations.py lands)."""

from __future__ import annotations

import streamlit as st

from dashboard.style import brand
from models.settings import Settings


def render(settings: Settings) -> None:
    brand()
    st.title("Operations")


if __name__ == "__main__":  # run as a page by app.py's st.navigation
    from dashboard.style import page_settings

    render(page_settings())
