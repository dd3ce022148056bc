"""The page a Save / Review / Cancel link opens: reads ?t=, calls actions.apply_link, shows the outcome."""

from __future__ import annotations

import html

import streamlit as st

from dashboard import review
from dashboard.style import brand, card, facts, pills, when
from models.schemas import Options
from models.settings import Settings
from tasks import actions
from tasks.errors import LinkNotUsable


def render(settings: Settings) -> None:
    token = st.query_params.get("t", "")
    # A rerun (any click) must show what this session already did, not try the used link again.
    done = st.session_state.get(f"done:{token}")
    if done is not None:
        show_done(done)
        return
    if st.session_state.get(f"review:{token}"):
        _review_instead(settings, token)
        return
    try:
        outcome = actions.apply_link(settings, token, confirmed=st.session_state.pop(f"confirm:{token}", False))
    except LinkNotUsable as problem:
        show_not_usable(str(problem))
        return
    if outcome.state in ("saved", "removed"):
        st.session_state[f"done:{token}"] = outcome
        show_done(outcome)
    elif outcome.state == "confirm_cancel":
        _ask_to_confirm(outcome, token)
    else:
        notice = outcome.message if outcome.action == "save" else None
        review.render_review(settings, token, outcome.view, notice=notice)


def _centered():
    return st.columns([1, 2.2, 1])[1]


def show_done(outcome: actions.LinkOutcome) -> None:
    with _centered():
        brand()
        if outcome.state == "saved":
            saved, options = outcome.saved, outcome.options or Options()
            filed = facts(
                [
                    ("Email", html.escape(saved.email) if saved else ""),
                    ("Source", pills([options.source] if options.source else [])),
                    ("Folders", pills(options.folders)),
                    ("Jobs", pills(options.jobs)),
                    ("Tags", pills(options.tags)),
                ]
            )
            card("check", outcome.message, [f"From {outcome.document_name}." if outcome.document_name else ""], extra_html=filed)
        else:
            card("trash", outcome.message, [f"{outcome.document_name} and its draft were deleted. Nothing was saved." if outcome.document_name else ""])
        if outcome.email_to:
            st.caption(f"A confirmation email is on its way to {outcome.email_to}. You can close this tab.")


def show_not_usable(sentence: str) -> None:
    with _centered():
        brand()
        card("alert", "This link can't be used", [sentence, "Nothing was changed and no email was sent."], tone="bad")


def _ask_to_confirm(outcome: actions.LinkOutcome, token: str) -> None:
    view = outcome.view
    with _centered():
        brand()
        card(
            "trash",
            outcome.message,
            [
                f"{view.document_name}, received {when(view.received_at)}.",
                "The draft and its file will be deleted and nothing will be saved.",
            ],
            tone="warn",
        )
        left, right = st.columns(2)
        left.button("Remove resume", type="primary", key="confirm-remove", width="stretch", on_click=_set, args=(f"confirm:{token}",))
        right.button("Review it instead", key="review-instead", width="stretch", on_click=_set, args=(f"review:{token}",))
        st.caption("Nothing changes until you click Remove resume.")


def _review_instead(settings: Settings, token: str) -> None:
    try:
        view = actions.review_view(settings, token)
    except LinkNotUsable as problem:
        show_not_usable(str(problem))
        return
    review.render_review(settings, token, view)


def _set(key: str) -> None:
    st.session_state[key] = True


if __name__ == "__main__":  # run as a page by app.py's st.navigation
    from dashboard.style import page_settings

    render(page_settings())
