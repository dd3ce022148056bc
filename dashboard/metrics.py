"""Extraction quality for analysts (placeholder until tasks/metrics.py lands)."""

from __future__ import annotations

import streamlit as st

from dashboard.style import brand
from models.settings import Settings


def render(settings: Settings) -> None:
    brand()
    st.title("Extraction quality")
