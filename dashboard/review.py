"""The Review page: the original file beside every extracted field, editable; Save and Cancel call tasks/actions.py."""

from __future__ import annotations

import html
import io
from pathlib import Path

import streamlit as st

from dashboard.style import LOW_MARK, brand, plain, when
from models.schemas import Options
from models.settings import Settings
from tasks import actions
from tasks.actions import FIELD_LABELS, LIST_FIELDS, SCALAR_FIELDS, CandidateFields, DraftView, IncompleteCandidate, LinkOutcome
from tasks.errors import LinkNotUsable
from tasks.text_pdf import page_images

MULTILINE = (*LIST_FIELDS, "education", "experience")
PREVIEW_PAGES = 4


def render_review(settings: Settings, token: str, view: DraftView, notice: str | None = None) -> None:
    brand()
    st.title(plain(view.candidate_name))
    # The sent time first, as the confirmation email shows it; received only when the sender's clock is unknown.
    sent = f"sent {when(view.sent_at)}" if view.sent_at else f"received {when(view.received_at)}"
    meta = [plain(view.document_name), f"“{plain(view.subject)}”" if view.subject else None, f"from {plain(view.sender)}" if view.sender else None, sent]
    st.caption(" · ".join(m for m in meta if m))
    if notice:
        st.warning(notice, icon=":material/edit_note:")
    for dup in view.duplicates:
        if notice and dup.name in notice:  # the Save link's notice already names them
            continue
        contact = ", ".join(plain(v) for v in (dup.email, dup.phone) if v)
        saved = f" on {when(dup.saved_at)}" if dup.saved_at else ""
        st.warning(f"Possible duplicate: **{plain(dup.name)}** ({contact}) was already saved{saved}; same {dup.matched_on}.", icon=":material/group:")
    if view.same_file_sent_at:
        st.info(f"You sent this same file before, on {when(view.same_file_sent_at)}.", icon=":material/content_copy:")
    for note in view.notes:
        st.info(plain(note), icon=":material/info:")
    if unusable := st.session_state.pop(f"unusable:{token}", None):
        st.error(unusable)

    left, right = st.columns([1.1, 1], gap="large")
    with left:
        _original(view)
    with right:
        _form(settings, token, view)


# ---------- the original file ----------


def _original(view: DraftView) -> None:
    st.subheader("Original file")
    path = Path(view.file_path) if view.file_path else None
    if path is None or not path.exists():
        st.info("The original file is no longer stored; the extracted text is below.")
        _text(view.text)
        return
    content = path.read_bytes()
    if view.document_type == "pdf":
        pages = _pdf_pages(str(path), path.stat().st_mtime)
        with st.container(height=820, border=True):
            for number, png in enumerate(pages, start=1):
                st.image(png, caption=f"Page {number}", width="stretch")
        if not pages:
            _text(view.text)
    else:
        _text(view.text)
    st.download_button("Download original", content, file_name=view.document_name, icon=":material/download:")


def _text(text: str) -> None:
    with st.container(height=820, border=True):
        st.markdown(f'<div style="white-space: pre-wrap; font-size: .92rem;">{html.escape(text or "(no text)")}</div>', unsafe_allow_html=True)


@st.cache_data(show_spinner=False, max_entries=32)
def _pdf_pages(path: str, mtime: float) -> list[bytes]:
    """The first pages as PNG: images show in every browser, unlike a PDF viewer in an iframe."""
    pages: list[bytes] = []
    for image in page_images(Path(path).read_bytes(), Path(path).name, pages=PREVIEW_PAGES, dpi=115):
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        pages.append(buf.getvalue())
    return pages


# ---------- the fields ----------


def _key(view: DraftView, name: str) -> str:
    return f"review:{view.draft_id}:{name}"


def _label(view: DraftView, name: str) -> tuple[str, str | None]:
    field = getattr(view.fields, name)
    reasons = "; ".join(field.reasons) or "no reason recorded"
    help_text = f"Confidence {field.score:.0%}: {reasons}"
    if name in view.low_score:
        # A plain label keeps the input's accessible name readable; style.py colours inputs whose label ends with LOW_MARK.
        return f"{FIELD_LABELS[name]}{LOW_MARK}", help_text
    return FIELD_LABELS[name], help_text


def _form(settings: Settings, token: str, view: DraftView) -> None:
    problems: dict[str, str] = st.session_state.get(f"problems:{token}", {})
    st.subheader("Extracted fields")
    if view.low_score:
        st.caption("Fields shaded amber and marked “check” were read with low confidence: please look at them first.")
    with st.form(f"review-{view.draft_id}", border=False):
        values = view.values
        for row in (("first_name", "last_name"), ("email", "phone"), ("title", "employer"), ("location",)):
            columns = st.columns(len(row))
            for column, name in zip(columns, row):
                label, help_text = _label(view, name)
                column.text_input(label, value=getattr(values, name), key=_key(view, name), help=help_text)
                if name in problems:
                    column.error(problems[name])
        for name in MULTILINE:
            label, help_text = _label(view, name)
            help_text = f"One per line. {help_text}"
            st.text_area(label, value="\n".join(getattr(values, name)), key=_key(view, name), help=help_text, height=90)

        st.subheader("File under")
        lists, chosen = view.option_lists, view.options
        st.selectbox(
            "Source",
            options=_with(lists.sources, [chosen.source] if chosen.source else []),
            index=_with(lists.sources, [chosen.source]).index(chosen.source) if chosen.source else None,
            placeholder="Choose or type a source",
            accept_new_options=True,
            key=_key(view, "source"),
        )
        for name, options, default in (("folders", lists.folders, chosen.folders), ("jobs", lists.jobs, chosen.jobs), ("tags", lists.tags, chosen.tags)):
            st.multiselect(name.capitalize(), options=_with(options, default), default=default, accept_new_options=True, key=_key(view, name))

        if problems:  # beside the buttons too: the field's own message may be a screen above
            st.error("Not saved yet: " + " ".join(problems.values()), icon=":material/error:")
        save, cancel = st.columns([1, 1])
        save.form_submit_button("Save candidate", type="primary", icon=":material/check:", width="stretch", on_click=_save, args=(settings, token, view))
        cancel.form_submit_button("Cancel resume", icon=":material/delete:", width="stretch", on_click=_set, args=(f"cancel-asked:{token}",))

    if st.session_state.get(f"cancel-asked:{token}"):
        with st.container(border=True):
            st.markdown("**Remove this resume?** The draft and its file will be deleted and nothing will be saved.")
            yes, no = st.columns(2)
            yes.button("Remove resume", type="primary", key="review-confirm-remove", width="stretch", on_click=_cancel, args=(settings, token, view))
            no.button("Keep reviewing", key="review-keep", width="stretch", on_click=_unset, args=(f"cancel-asked:{token}",))


def _with(options: list[str], chosen: list[str | None]) -> list[str]:
    """The list plus any chosen name no longer in it, so a default never points at nothing."""
    return options + [c for c in chosen if c and c not in options]


def _save(settings: Settings, token: str, view: DraftView) -> None:
    state = st.session_state
    edits = {name: state[_key(view, name)] for name in SCALAR_FIELDS}
    edits |= {name: state[_key(view, name)].splitlines() for name in MULTILINE}
    options = Options(source=state[_key(view, "source")], folders=state[_key(view, "folders")], jobs=state[_key(view, "jobs")], tags=state[_key(view, "tags")])
    try:
        candidate = actions.save_draft(settings, view.draft_id, CandidateFields(**edits), options, via_token=token)
    except IncompleteCandidate as problem:
        state[f"problems:{token}"] = problem.problems
        return
    except LinkNotUsable as problem:
        state[f"unusable:{token}"] = str(problem)
        return
    state.pop(f"problems:{token}", None)
    state[f"done:{token}"] = LinkOutcome(
        action="review",
        state="saved",
        message=f"Candidate {candidate.first_name} {candidate.last_name} saved.",
        draft_id=view.draft_id,
        candidate_id=candidate.id,
        document_name=view.document_name,
        saved=CandidateFields.model_validate(candidate.fields),
        options=Options.model_validate(candidate.options),
        email_to=view.email_to,
    )


def _cancel(settings: Settings, token: str, view: DraftView) -> None:
    try:
        actions.cancel_draft(settings, view.draft_id, via_token=token)
    except LinkNotUsable as problem:
        st.session_state[f"unusable:{token}"] = str(problem)
        return
    st.session_state[f"done:{token}"] = LinkOutcome(action="review", state="removed", message="Resume removed.", draft_id=view.draft_id, document_name=view.document_name, email_to=view.email_to)


def _set(key: str) -> None:
    st.session_state[key] = True


def _unset(key: str) -> None:
    st.session_state.pop(key, None)
