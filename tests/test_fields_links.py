"""Links: hyperlinks and bare URLs; email domains and referee sections are not the candidate's links."""

from __future__ import annotations

from models.schemas import MessageContext
from tasks.fields_links import extract_links
from tasks.lines import read_layout
from tests.factories import make_text


def links_of(*rows, links=None):
    return extract_links(read_layout(make_text(*rows, links=links)), MessageContext())


def test_bare_profile_urls_in_the_header():
    guess = links_of("Marcus Halloway", "linkedin.com/in/marcus | github.com/marcus | marcus@example.com")
    assert guess.values == ("https://linkedin.com/in/marcus", "https://github.com/marcus")
    assert 0 < guess.score <= 1


def test_hyperlinks_count_and_mailto_does_not():
    guess = links_of("Jane", "LinkedIn", links=["https://www.linkedin.com/in/jane", "mailto:jane@example.com"])
    assert guess.values == ("https://www.linkedin.com/in/jane",)


def test_no_links():
    assert links_of("Jane Doe", "jane@example.com").values == ()


def test_file_names_and_localhost_are_not_links():
    guess = links_of("Jane Doe", "$ cat summary.md", links=["http://localhost:8080/jane"])
    assert guess.values == ()
