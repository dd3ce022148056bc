"""Desktop Tools: a recruiter's import address (copy), confirmation address (change), and a new import address.

Signed in by a single-use link mailed to the recruiter's login email (tasks/sign_in.py); the sign-in holds for
this browser tab's session. Only recruiters with the Desktop Tools privilege see their settings.
"""

from __future__ import annotations

import streamlit as st

from dashboard.style import SIGNED_IN_KEY, brand, plain
from models.db import session_scope
from models.settings import Settings
from tasks import sign_in, users


def render(settings: Settings) -> None:
    brand()
    st.title("Desktop Tools")
    with session_scope(settings.db_url) as session:
        user_id = st.session_state.get(SIGNED_IN_KEY)
        user = users.get_user(session, user_id=user_id) if user_id is not None else None
    if user is None:
        _sign_in_form(settings)
        return
    who, out = st.columns([4, 1])
    who.caption(f"Signed in as {user.name} ({user.email}).")
    out.button("Sign out", key="sign-out", on_click=lambda: st.session_state.pop(SIGNED_IN_KEY, None), width="stretch")
    if not user.desktop_tools:
        st.warning(f"Desktop Tools are not enabled for {user.name}. Ask an administrator to turn them on.", icon=":material/lock:")
        return

    if flash := st.session_state.pop("desktop-flash", None):
        st.success(flash, icon=":material/check_circle:")

    with st.container(border=True):
        st.markdown("#### Import address")
        st.markdown("Forward or send resumes to this address. Point at it for a copy button on its right.")
        st.code(user.import_address, language=None)
        st.caption("Keep it private: anyone who knows it can send resumes into your inbox.")

    with st.container(border=True):
        st.markdown("#### Confirmation emails")
        st.markdown(f"Confirmations with the Save / Review / Cancel links go to **{users.confirmation_address_of(user)}**.")
        with st.form(f"confirm-to-{user.id}", border=False):
            address = st.text_input("Send confirmations to", value=user.confirmation_address or "", placeholder=f"{user.email} (your login email)")
            submitted = st.form_submit_button("Save address", type="primary")
        if submitted:
            try:
                with session_scope(settings.db_url) as session:
                    changed = users.set_confirmation_address(session, user.id, address)
            except users.InvalidAddress as problem:
                st.error(f"“{plain(address.strip())}” can't be used for confirmations: {plain(str(problem))}", icon=":material/error:")
            else:
                st.session_state["desktop-flash"] = f"Confirmations now go to {plain(users.confirmation_address_of(changed))}."
                st.rerun()

    with st.container(border=True):
        st.markdown("#### New import address")
        st.markdown("If your import address leaked or receives spam, issue a new one. Mail sent to the old address will no longer be imported.")
        sure = st.checkbox("I understand the current address stops working", key=f"retire-{user.id}")
        if st.button("Issue a new import address", disabled=not sure, key=f"new-address-{user.id}"):
            with session_scope(settings.db_url) as session:
                changed = users.issue_new_import_address(session, user.id, settings.import_domain)
            st.session_state["desktop-flash"] = f"New import address issued: {plain(changed.import_address)}. The old one {plain(user.import_address)} is retired."
            st.session_state.pop(f"retire-{user.id}", None)
            st.rerun()


def _sign_in_form(settings: Settings) -> None:
    if sent_to := st.session_state.pop("sign-in-sent", None):
        st.success(f"If {sent_to} is a recruiter's login email, a sign-in link is on its way to it. "
                   "It works once, within 30 minutes.", icon=":material/mark_email_read:")
    st.markdown("Sign in to see your import address and choose where confirmations go. "
                "We email a one-time sign-in link to your login email: no password needed.")
    with st.form("sign-in", border=True):
        address = st.text_input("Your login email", placeholder="you@agency.com")
        asked = st.form_submit_button("Email me a sign-in link", type="primary")
    if asked:
        if "@" not in address:
            st.error("Type the email address you log in with.", icon=":material/error:")
            return
        sign_in.request_sign_in(settings, address)
        st.session_state["sign-in-sent"] = address.strip()
        st.rerun()


if __name__ == "__main__":  # run as a page by app.py's st.navigation
    from dashboard.style import page_settings

    render(page_settings())
