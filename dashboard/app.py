"""Resume Inbox dashboard: `streamlit run dashboard/app.py` (or `resume-inbox dashboard`).

The one place the dashboard reads settings. A link from a confirmation email (`/?t=...`) opens
the link page directly, a sign-in link (`/?signin=...`) the sign-in page: Streamlit drops query params
on sidebar navigation, so neither is a sidebar entry.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root.
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.style import AFTER_SIGN_IN_KEY, SETTINGS_KEY, apply_style  # noqa: E402
from models.db import migrate  # noqa: E402
from models.settings import Settings, get_settings  # noqa: E402


@st.cache_resource(show_spinner=False)
def _ready(db_url: str) -> bool:
    """Schema in place once per server process, so a fresh machine opens without a set-up step."""
    migrate(db_url)
    return True


def main(settings: Settings) -> None:
    st.set_page_config(page_title="Resume Inbox", page_icon="📥", layout="wide")
    apply_style()
    settings.home.mkdir(parents=True, exist_ok=True)
    _ready(settings.db_url)

    # Page files run as scripts; they read the settings from here (see style.page_settings).
    st.session_state[SETTINGS_KEY] = settings

    def page(file: str, title: str, icon: str, url_path: str, default: bool = False) -> st.Page:
        return st.Page(HERE / file, title=title, icon=icon, url_path=url_path, default=default)

    if st.query_params.get("t") is not None:
        st.navigation([page("action.py", "Resume", ":material/mail:", "link", default=True)], position="hidden").run()
        return
    if st.query_params.get("signin") is not None:
        st.navigation([page("sign_in.py", "Sign in", ":material/login:", "sign-in", default=True)], position="hidden").run()
        return
    desktop_tools = page("desktop_tools.py", "Desktop Tools", ":material/settings:", "desktop-tools")
    chosen = st.navigation(
        {
            "Recruiters": [page("home.py", "Home", ":material/inbox:", "home", default=True), desktop_tools],
            "Analysts": [page("metrics.py", "Extraction quality", ":material/insights:", "extraction-quality")],
            "Operations": [page("operations.py", "Operations", ":material/monitor_heart:", "operations")],
        }
    )
    if st.session_state.pop(AFTER_SIGN_IN_KEY, False):  # a sign-in link was just used: straight to the settings
        st.switch_page(desktop_tools)
    chosen.run()


main(get_settings())
