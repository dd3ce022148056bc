"""tasks/text_odt.py on .odt files made by tests/factories.py."""

from __future__ import annotations

import pytest

from tasks.errors import UnreadableDocument
from tasks.text_odt import read_odt
from tests.factories import make_odt


def test_headings_paragraphs_tables_frames_and_header_in_order():
    content = make_odt(
        ["Registered Nurse"],
        headings=["SARAH JOHNSON, RN"],
        table=[["Email", "sarah@example.com"]],
        frame="Boston, MA",
        header="Sarah Johnson | 617-555-0100",
    )
    lines = read_odt(content, "cv.odt").lines
    assert [(line.text, line.style) for line in lines] == [
        ("Sarah Johnson | 617-555-0100", "header"),
        ("SARAH JOHNSON, RN", "heading"),
        ("Registered Nurse", ""),
        ("Email | sarah@example.com", "table"),
        ("Boston, MA", "textbox"),
    ]


def test_not_a_zip_is_unreadable():
    with pytest.raises(UnreadableDocument, match="cv.odt is damaged") as raised:
        read_odt(b"not a zip", "cv.odt")
    assert raised.value.__cause__ is not None
