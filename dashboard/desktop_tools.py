"""Desktop Tools: a recruiter's import address (copy), confirmation address (change), and a new import address.

There is no sign-in yet: the recruiter picks their login email from a list. Anyone who can open the
dashboard can therefore change any recruiter's settings; keep the dashboard on a trusted network
until authentication exists (README, "Dashboard").
"""

from __future__ import annotations

import streamlit as st

from dashboard.style import brand
from models.db import session_scope
from models.settings import Settings
from tasks import users


def render(settings: Settings) -> None:
    brand()
    st.title("Desktop Tools")
    recruiters = users.list_users(settings)
    if not recruiters:
        st.info("No recruiters yet. Add one with `resume-inbox users add EMAIL --name NAME`.")
        return
    by_email = {u.email: u for u in recruiters}
    st.caption("No sign-in yet: choose your login email. Anyone who can open this dashboard can change these settings.")
    email = st.selectbox("Recruiter", options=list(by_email), format_func=lambda e: f"{by_email[e].name} — {e}", key="desktop-recruiter")
    user = by_email[email]
    if not user.desktop_tools:
        st.warning(f"Desktop Tools are not enabled for {user.name}. Ask an administrator to turn them on.", icon=":material/lock:")
        return

    if flash := st.session_state.pop("desktop-flash", None):
        st.success(flash, icon=":material/check_circle:")

    with st.container(border=True):
        st.markdown("#### Import address")
        st.markdown("Forward or send resumes to this address. Use the copy button on the right.")
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
                st.error(f"“{address.strip()}” can't be used for confirmations: {problem}", icon=":material/error:")
            else:
                st.session_state["desktop-flash"] = f"Confirmations now go to {users.confirmation_address_of(changed)}."
                st.rerun()

    with st.container(border=True):
        st.markdown("#### New import address")
        st.markdown("If your import address leaked or receives spam, issue a new one. Mail sent to the old address will no longer be imported.")
        sure = st.checkbox("I understand the current address stops working", key=f"retire-{user.id}")
        if st.button("Issue a new import address", disabled=not sure, key=f"new-address-{user.id}"):
            with session_scope(settings.db_url) as session:
                changed = users.issue_new_import_address(session, user.id, settings.import_domain)
            st.session_state["desktop-flash"] = f"New import address issued: {changed.import_address}. The old one {user.import_address} is retired."
            st.session_state.pop(f"retire-{user.id}", None)
            st.rerun()


if __name__ == "__main__":  # run as a page by app.py's st.navigation
    from dashboard.style import page_settings

    render(page_settings())
