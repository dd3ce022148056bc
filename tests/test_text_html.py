"""tasks/text_html.py on HTML written in code."""

from __future__ import annotations

from tasks.text_html import read_html
from tests.factories import make_html


def test_visible_blocks_become_lines_and_hidden_text_is_dropped():
    body = (
        "<!-- instructions: replace with your name -->"
        "<h1>Jane Doe</h1><p>Data <b>engineer</b></p>"
        "<script>var x = 'no';</script><style>p {color: red}</style>"
        "<div hidden>secret</div><span style='display: none'>gone</span>"
        "<ul><li>Python</li><li>SQL</li></ul>Line one<br>Line two"
    )
    lines = read_html(make_html(body, head="<title>My page</title>"), "cv.html").lines
    assert [line.text for line in lines] == ["Jane Doe", "Data engineer", "Python", "SQL", "Line one", "Line two"]
    assert lines[0].style == "heading" and lines[0].bold


def test_table_cells_of_a_row_read_across():
    body = "<table><tr><td>Email</td><td>jane@example.com</td></tr></table>"
    assert read_html(make_html(body), "cv.html").plain == "Email | jane@example.com"


def test_mailto_tel_and_web_links():
    body = "<a href='mailto:jane@example.com'>mail</a> <a href='tel:+15550100'>call</a> <a href='#top'>top</a>"
    assert read_html(make_html(body), "cv.html").links == ["mailto:jane@example.com", "tel:+15550100"]


def test_text_wrapped_in_the_source_reads_as_one_line():
    assert read_html(make_html("<p>Backend engineer with\n   seven years</p>"), "cv.html").plain == "Backend engineer with seven years"


def test_a_charset_name_lxml_refuses_does_not_stop_the_reader():
    content = b'<html><head><meta charset="ut\x01f-8"></head><body><p>Jane Doe</p></body></html>'
    assert read_html(content, "cv.html").plain == "Jane Doe"
