"""A little CSS and a few page pieces shared by the dashboard pages."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone

import streamlit as st

LOW_MARK = " · check"  # appended to a low-confidence field's label; CSS below shades its input

CSS = """
<style>
  #MainMenu, [data-testid="stToolbar"] [data-testid="stToolbarActions"] {visibility: hidden;}
  .block-container {padding-top: 2.2rem; max-width: 1280px;}
  .ri-brand {font-weight: 700; font-size: 1rem; color: #3730a3; margin-bottom: .6rem; display: flex; align-items: center; gap: .5rem;}
  .ri-brand .ri-icon {width: 30px; height: 30px; border-radius: 8px; margin: 0;}
  .ri-card {border: 1px solid #e5e7eb; border-radius: 14px; padding: 1.6rem 1.8rem; background: #ffffff;
            box-shadow: 0 1px 3px rgba(16,24,40,.06); margin: .6rem 0 1rem 0;}
  .ri-card h2 {margin: 0; padding: 0; font-size: 1.45rem;}
  .ri-head {display: flex; align-items: center; gap: .9rem; margin-bottom: .7rem;}
  .ri-head .ri-icon {margin: 0; flex: none;}
  .ri-facts {display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin-top: 1rem;
             padding-top: 1rem; border-top: 1px solid #f2f4f7; align-items: center;}
  .ri-fact-label {color: #667085; font-size: .9rem;}
  .ri-card p {color: #475467; margin: .2rem 0;}
  .ri-icon {display: inline-flex; align-items: center; justify-content: center; width: 46px; height: 46px;
            border-radius: 999px;}
  .ri-ok {border-left: 6px solid #12b76a;}
  .ri-warn {border-left: 6px solid #f79009;}
  .ri-bad {border-left: 6px solid #f04438;}
  .ri-meta {color: #667085; font-size: .9rem;}
  .ri-pill {display: inline-block; background: #eef2ff; color: #3730a3; border-radius: 999px;
            padding: .1rem .6rem; margin: .1rem .2rem .1rem 0; font-size: .85rem;}
  .ri-low {background: #fffaeb; border: 1px solid #fedf89; border-radius: 8px; padding: .05rem .5rem;
           color: #93370d; font-size: .8rem;}
  input[aria-label$=" · check"], textarea[aria-label$=" · check"] {background: #fffaeb !important;}
  div:has(> input[aria-label$=" · check"]), div:has(> textarea[aria-label$=" · check"]) {border-color: #f79009 !important; background: #fffaeb !important;}
</style>
"""


SETTINGS_KEY = "resume_inbox_settings"
SIGNED_IN_KEY = "resume_inbox_signed_in"  # the recruiter id a sign-in link proved, for this browser tab's session
AFTER_SIGN_IN_KEY = "resume_inbox_after_sign_in"


def page_settings():
    """The Settings app.py read for this run; page files call this, never get_settings()."""
    return st.session_state[SETTINGS_KEY]


def apply_style() -> None:
    st.markdown(CSS, unsafe_allow_html=True)


# Inline SVG, not emoji: a server without emoji fonts (and headless chromium) shows emoji as boxes.
_PATHS = {
    "check": '<path d="M20 6 9 17l-5-5"/>',
    "trash": '<path d="M3 6h18"/><path d="M8 6V4h8v2"/><path d="M19 6l-1 14H6L5 6"/>',
    "alert": '<path d="M12 9v4"/><path d="M12 17h.01"/><path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"/>',
    "inbox": '<path d="M22 12h-6l-2 3h-4l-2-3H2"/><path d="M5.5 5.1 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z"/>',
}
_TONES = {"ok": ("#ecfdf3", "#12b76a"), "warn": ("#fffaeb", "#f79009"), "bad": ("#fef3f2", "#f04438"), "brand": ("#eef2ff", "#4f46e5")}


def icon(name: str, tone: str = "ok", size: int = 22) -> str:
    background, colour = _TONES[tone]
    svg = (
        f'<svg width="{size}" height="{size}" viewBox="0 0 24 24" fill="none" stroke="{colour}" stroke-width="2.2" '
        f'stroke-linecap="round" stroke-linejoin="round">{_PATHS[name]}</svg>'
    )
    return f'<span class="ri-icon" style="background:{background}">{svg}</span>'


def brand() -> None:
    st.markdown(f'<div class="ri-brand">{icon("inbox", "brand", 16)} Resume Inbox</div>', unsafe_allow_html=True)


def card(icon_name: str, title: str, lines: list[str], tone: str = "ok", extra_html: str = "") -> None:
    """A result card; text is escaped here, so callers pass plain sentences (extra_html is trusted markup)."""
    body = "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)
    st.markdown(
        f'<div class="ri-card ri-{tone}"><div class="ri-head">{icon(icon_name, tone)}<h2>{html.escape(title, quote=False)}</h2></div>'
        f"{body}{extra_html}</div>",
        unsafe_allow_html=True,
    )


def facts(rows: list[tuple[str, str]]) -> str:
    """A two-column label/value grid as trusted markup; values are already-escaped HTML (e.g. pills())."""
    cells = "".join(f'<div class="ri-fact-label">{html.escape(label)}</div><div>{value}</div>' for label, value in rows)
    return f'<div class="ri-facts">{cells}</div>'



def when(value: datetime | None) -> str:
    """'3 Dec 2026, 19:25 UTC'."""
    if value is None:
        return "unknown time"
    value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    value = value.astimezone(timezone.utc)
    return f"{value.day} {value:%b %Y, %H:%M} UTC"


def plain(text: str | None) -> str:
    """Text from an email or a resume, escaped so Streamlit's markdown shows it as typed (no links, no markup)."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:])", r"\\\1", text or "")


def pills(values: list[str]) -> str:
    return "".join(f'<span class="ri-pill">{html.escape(v)}</span>' for v in values) or '<span class="ri-meta">none</span>'
