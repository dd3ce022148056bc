"""The first-name ruler alone on a blank pipeline, and the shipped model's PERSON reading on a header line."""

from __future__ import annotations

import spacy

from tasks import nlp


def test_first_name_ruler_marks_a_capitalised_run_starting_with_a_known_first_name():
    blank = spacy.blank("en")
    blank.add_pipe("first_name_ruler")
    doc = blank("Etta Quill")
    assert [(e.text, e.label_) for e in doc.ents] == [("Etta Quill", "PERSON")]
    assert blank("Product Designer").ents == ()


def test_first_name_lists():
    assert nlp.is_first_name("José") and nlp.is_first_name("SARAH")
    assert not nlp.is_first_name("Kubernetes")
    assert nlp.is_last_name("Johnson")


def test_header_pipeline_reads_people():
    spans = nlp.person_spans(["Sarah Johnson", "Product Designer"])
    assert spans["Sarah Johnson"] == ["Sarah Johnson"]
    assert spans["Product Designer"] == []
