"""tasks/text_pdf.py on PDFs made by tests/factories.py (reportlab)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.errors import UnreadableDocument
from tasks.text_pdf import Glyph, read_pdf, split_words, word_text
from tests.factories import make_pdf

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def texts(content: bytes) -> list[str]:
    return [line.text for line in read_pdf(content, "cv.pdf").lines]


def test_lines_come_out_in_order_with_layout_facts():
    text = read_pdf(make_pdf(["Jane Doe", "jane@example.com"], font="Helvetica-Bold", size=14), "cv.pdf")
    assert [line.text for line in text.lines] == ["Jane Doe", "jane@example.com"]
    first = text.lines[0]
    assert first.bold and first.size == 14 and first.page == 0
    assert first.x0 == pytest.approx(72, abs=1) and first.top < text.lines[1].top


def test_regular_font_is_not_bold():
    assert not read_pdf(make_pdf(["Jane Doe"]), "cv.pdf").lines[0].bold


def test_two_columns_on_shared_baselines_read_one_after_the_other():
    left = ["PROFILE", "Recruiting coordinator with six years", "of experience scheduling interviews"]
    right = ["CONTACT", "Jordan Sample", "jordan.sample@example.org"]
    lines = read_pdf(make_pdf([], columns=[left, right], size=10), "cv.pdf").lines
    assert [line.text for line in lines] == left + right
    assert lines[0].block != lines[-1].block


def test_label_value_rows_stay_together():
    rows = [["Name", "Email", "Phone"], ["Morgan Placeholder", "morgan@example.com", "+1 555-0142"]]
    assert texts(make_pdf([], columns=rows)) == ["Name Morgan Placeholder", "Email morgan@example.com", "Phone +1 555-0142"]


def test_full_width_header_stays_above_the_columns():
    left = ["Experience", "Software engineer at Acme Corp", "Built the billing platform for", "forty thousand customers"]
    right = ["Contact", "jane@example.com", "555-0100", "Boston"]
    header = "Jane Doe - Senior Software Engineer with a very long headline across the page"
    assert texts(make_pdf([header], columns=[left, right], size=10)) == [header, *left, *right]


def test_words_drawn_one_by_one_without_spaces_keep_their_spaces():
    assert texts(make_pdf(["Led a team of five engineers"], positioned_words=True, size=7)) == ["Led a team of five engineers"]


def test_letter_spaced_name_reads_as_words():
    assert texts(make_pdf(["J O H N   D O E"], size=14)) == ["JOHN DOE"]


def test_tracked_letters_join_into_one_word():
    assert texts(make_pdf(["john.doe@email.com"], letter_spacing=1.5)) == ["john.doe@email.com"]


def test_letter_spaced_words_with_a_space_glyph_between_every_letter():
    # GraphCompose draws 'R O S E   H A R R I S': a space glyph after every letter, three between words.
    glyphs = []
    x = 0.0
    for ch in "R O S E   H A R R I S":
        glyphs.append(Glyph(ch, x, x + (7 if ch == " " else 10), 0, 10, 20, False, 10))
        x += 7 if ch == " " else 10
    assert [word_text(w) for w in split_words(glyphs)] == ["ROSE", "HARRIS"]


def test_tracked_heading_with_a_space_glyph_between_words():
    assert texts(make_pdf(["SOFTWARE DEVELOPER"], size=10, letter_spacing=2.0)) == ["SOFTWARE DEVELOPER"]


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVuSans.ttf (Debian fonts-dejavu-core) is not installed")
def test_ligatures_and_icon_glyphs():
    lines = texts(make_pdf(["Certi\ufb01ed work\ufb02ow", "\uf0e0 jane@example.com"], font=str(DEJAVU)))
    assert lines == ["Certified workflow", "jane@example.com"]


def test_hyperlinks_are_collected():
    text = read_pdf(make_pdf(["Jane"], links=["mailto:jane@example.com", "https://linkedin.com/in/jane"]), "cv.pdf")
    assert text.links == ["mailto:jane@example.com", "https://linkedin.com/in/jane"]


def test_password_protected_pdf_names_the_problem():
    with pytest.raises(UnreadableDocument, match=r"^cv\.pdf is password-protected\.$") as raised:
        read_pdf(make_pdf(["Jane"], password="secret"), "cv.pdf")
    assert raised.value.__cause__ is not None


def test_damaged_pdf_is_unreadable():
    with pytest.raises(UnreadableDocument, match="cv.pdf is damaged") as raised:
        read_pdf(b"%PDF-1.4\n1 0 obj garbage", "cv.pdf")
    assert raised.value.__cause__ is not None


def test_truncated_pdf_is_unreadable_or_partial():
    content = make_pdf(["Jane Doe"])
    try:
        text = read_pdf(content[: len(content) // 2], "cv.pdf")
    except UnreadableDocument as problem:
        assert "cv.pdf" in str(problem)
    else:
        assert isinstance(text.lines, list)


def test_long_pdfs_are_read_up_to_max_pages_with_a_note():
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(1, 4):
        pdf.drawString(72, 800, f"Page {number} text")
        pdf.showPage()
    pdf.save()
    text = read_pdf(buffer.getvalue(), "cv.pdf", max_pages=2)
    assert [(line.page, line.text) for line in text.lines] == [(0, "Page 1 text"), (1, "Page 2 text")]
    assert text.notes == ["the PDF has 3 pages; only the first 2 were read"]


def test_short_right_sidebar_on_the_same_line_pitch_is_a_column():
    left = ["Led the payments platform team of nine", "engineers through two major migrations", "and a PCI audit with zero findings", "Mentored four engineers to senior level"]
    right = ["Skills", "Python", "Kafka"]
    lines = texts(make_pdf([], columns=[left, right], size=10))
    assert lines == left + right


def test_right_aligned_dates_stay_on_their_rows():
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    rows = [("Software Engineer, Acme Corporation", "2019 - 2021"), ("Data Analyst, Globex", "2017 - 2019"),
            ("Intern, Initech Research Laboratories", "Summer 2016")]
    for index, (role, dates) in enumerate(rows):
        pdf.drawString(72, 780 - 16 * index, role)
        pdf.drawRightString(520, 780 - 16 * index, dates)
    pdf.save()
    assert texts(buffer.getvalue()) == [f"{role} {dates}" for role, dates in rows]


def test_right_aligned_label_column_heads_its_rows_without_being_glued_on():
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    rows = [("PERSONAL INFORMATION", "Betty Smith"), ("", "smith@example.com"), ("", "+44 20 1234 5679"),
            ("WORK EXPERIENCE", "Independent consultant"), ("August 2002 - Present", "British Council"),
            ("", "Evaluation of youth training measures")]
    for index, (label, value) in enumerate(rows):
        y = 780 - 16 * index
        if label:
            pdf.drawRightString(170, y, label)
        pdf.drawString(184, y, value)
    pdf.save()
    expected = [text for row in rows for text in row if text]
    assert texts(buffer.getvalue()) == expected


def test_a_sidebar_of_few_rows_under_a_centred_name_is_read_as_its_own_column():
    """A left sidebar (contact, street, town) beside a long main column, the name centred across both:
    the sidebar's gutter must win over the page margin, or the sidebar's lines are glued into the main
    column's rows and its town lands in the education section."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.setFont("Helvetica", 30)
    pdf.drawCentredString(295, 770, "ROBIN EXAMPLE")
    main = ["EXPERIENCE", "Northwind - Developer", "since 2019", "Built the ordering service", "Contoso - Intern",
            "2017 - 2018", "EDUCATION", "BSc Computing", "University of Leeds, Leeds, UK", "SKILLS", "Python Go SQL"]
    # The email reaches under the name (x 40-198 against 172-418), so no gap runs from the sidebar to the name.
    sidebar = {8: "CONTACT", 10: "robin.example@example.org", 12: "0113 496 0000", 14: "12 Park Row", 15: "Bristol"}
    pdf.setFont("Helvetica", 12)
    for i, text in enumerate(main):
        pdf.drawString(280, 700 - 20 * i, text)
    for row, text in sidebar.items():
        pdf.drawString(40, 700 - 20 * row + 10, text)  # half a row off the main column's baselines
    pdf.save()
    lines = texts(buffer.getvalue())
    assert lines[0] == "ROBIN EXAMPLE"
    assert lines[1:6] == list(sidebar.values()) and lines[6:] == main
