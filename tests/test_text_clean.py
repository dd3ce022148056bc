"""tasks/text_clean.py: glyph clean-up shared by the readers."""

from __future__ import annotations

from tasks.text_clean import clean_char, clean_text


def test_ligatures_spelled_out():
    assert clean_text("Certi\ufb01ed work\ufb02ow e\ufb00ort") == "Certified workflow effort"


def test_icons_and_invisible_marks_dropped():
    assert clean_char("\uf0e0") == "" and clean_char("\ue853") == ""
    assert clean_text("\uf095 (909) 555-\u00ad\u20105555") == "(909) 555-5555"


def test_odd_spaces_squeezed_and_pdfminer_cids_dropped():
    assert clean_text("Jane\u00a0\u00a0Doe\t(cid:3)") == "Jane Doe"
