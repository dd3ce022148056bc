"""Names: each hard case from the issue on a document built here."""

from __future__ import annotations

import pytest

from models.schemas import MessageContext
from tasks.extract import extract_fields
from tasks.fields_name import UNKNOWN_ORDER_PROBABILITY, split_full_name, split_name, strip_name
from tests.factories import make_text

BIG = {"size": 22.0, "bold": True}


def names(text, **context):
    fields = extract_fields(text, MessageContext(**context))
    return fields.first_name.value, fields.last_name.value


@pytest.mark.parametrize(("printed", "expected"), [
    ("SARAH JOHNSON, RN, BSN", "SARAH JOHNSON"),
    ("Robert Chen, CFA", "Robert Chen"),
    ("JAN KÜSTER M.SC.", "JAN KÜSTER"),
    ("Carol Summers, RN, MEDSURG-BC", "Carol Summers"),
    ("Name: Jane Doe", "Jane Doe"),
    ("Dr. Maria Lopez PhD", "Maria Lopez"),
    ("Springfield, IL", None),
    ("Toronto, ON", None),
    ("DOE, JANE", None),
    ("SCM Tool : SVN", None),  # punctuation is no script of its own
    ("jane@example.com", None),
    ("Lena Brauer, PharmD, BCPS", "Lena Brauer"),  # an unlisted credential beside a listed one
    ("Paul Imrie, CPA, CA", "Paul Imrie"),
    ("Jin Park   朴振", "Jin Park"),  # the name printed in two scripts: the Latin one
    ("Darius Karimi دریوش کریمی", "Darius Karimi"),
    ("朴振", "朴振"),
    ("Thomas (Tom) Ekwueme", "Thomas Ekwueme"),  # nicknames go
    ("Margaret “Peggy” Lowe III", "Margaret Lowe"),
    ("Seán 'Shane' O'Neil", "Seán O'Neil"),  # an apostrophe inside a word is no quote
    ("Dr.-Ing. Helga von Rabe", "Helga von Rabe"),
    ("Mtro. Rafael Olvera Ibáñez", "Rafael Olvera Ibáñez"),
    ("Orla MacNeill RM", "Orla MacNeill"),  # letters after a mixed-case name: vowel-poor capitals
    ("Jean DUPONT", "Jean DUPONT"),  # a surname in capitals keeps its vowels
    ("Dr. Ingrid Haugland, DVM", "Ingrid Haugland"),
    ("Arch. Giulia Renzi", "Giulia Renzi"),
])
def test_strip_name_removes_credentials_and_labels(printed, expected):
    assert strip_name(printed) == expected


@pytest.mark.parametrize(("name", "first", "last"), [
    ("Jordan A. Patel", "Jordan", "Patel"),
    ("Joost van den Berg", "Joost", "van den Berg"),
    ("JOSÉ DOROTEO ARANGO ARÁMBULA", "José Doroteo", "Arango Arámbula"),
    ("ANNA WIŚNIEWSKA", "Anna", "Wiśniewska"),
    ("Etta", "Etta", None),
    ("TAN Wei Ling", "Wei Ling", "Tan"),  # family name first, in capitals
    ("Rafael Olvera Ibáñez", "Rafael", "Olvera Ibáñez"),  # a middle word that is only a surname
    ("Mary Ann Smith", "Mary Ann", "Smith"),  # a middle word that is a given name stays with the first
    ("Ana Sofía Ramírez de la Vega", "Ana Sofía", "Ramírez de la Vega"),  # six words, a surname before the particle
])
def test_split_name(name, first, last):
    assert split_name(name) == (first, last)


def test_capitals_with_credentials_after_the_name():
    text = make_text(("JAMES WILSON, P.E.", BIG), "Mechanical Engineer", "Email: james.wilson@engineering.com")
    assert names(text) == ("James", "Wilson")


def test_title_above_the_name_loses_to_the_name():
    text = make_text(("Product Designer", {"size": 12.0}), ("Jane Smith", BIG), "jane.smith@example.com | (312) 555-0147")
    assert names(text) == ("Jane", "Smith")


def test_document_title_above_the_name_loses():
    text = make_text(("Functional Resume Sample", BIG), ("Jane Smith", {"size": 16.0}), "jane.smith@example.com")
    assert names(text) == ("Jane", "Smith")


def test_middle_initial_is_dropped():
    text = make_text(("Jordan A. Patel", BIG), "(805) 555-0143 jordan.patel@example.com")
    assert names(text) == ("Jordan", "Patel")


def test_one_word_name_agreeing_with_the_email():
    text = make_text(("Etta", BIG), "etta@example.com • (312) 555-0123 • Chicago, IL")
    assert names(text) == ("Etta", None)


def test_accented_and_non_latin_names():
    assert names(make_text(("ANNA WIŚNIEWSKA", BIG), "anna.wisniewska@example.com")) == ("Anna", "Wiśniewska")
    assert names(make_text(("Łucja Przykładowa", BIG), "lucja@example.pl")) == ("Łucja", "Przykładowa")


def test_letter_spaced_name():
    text = make_text(("J O H N   D O E", BIG), "john.doe@email.com")
    assert names(text) == ("John", "Doe")


def test_name_split_over_two_lines():
    text = make_text(("JOHN", {"size": 37.5}), ("DOE", {"size": 37.5}), ("Software Developer", {"size": 15.0}),
                     ("EXPERIENCE", {"size": 16.5}), "john.doe@email.com; 0123 456789")
    assert names(text) == ("John", "Doe")


def test_sidebar_name_after_summary_lines():
    summary = [f"Seasoned engineer line {i} with many words in it for the summary text." for i in range(5)]
    text = make_text(*summary, ("John Doe", {"size": 24.0, "bold": True}), "Experience", "john.doe@gmail.com")
    assert names(text) == ("John", "Doe")


def test_referee_names_are_not_the_candidate():
    text = make_text(("ROSE HARRIS", BIG), "hello@email.com", "+61 409 298 398", "EXPERIENCE", "Designer at Studio",
                     "REFERENCES", ("JOHN SMITH", {"bold": True}), "+61 402 938 209")
    assert names(text) == ("Rose", "Harris")


def test_label_value_table():
    text = make_text(("CURRICULUM VITAE", BIG), "Name Morgan Placeholder", "Email morgan.placeholder@example.com")
    assert names(text) == ("Morgan", "Placeholder")


def test_file_name_agreement_breaks_a_tie():
    text = make_text("Mara Quill", "Tobin Vance", "Chicago, IL")
    assert names(text, file_name="Tobin_Vance_CV.pdf") == ("Tobin", "Vance")


def test_no_name_gives_nothing_not_a_guess():
    text = make_text("XXXXXXXXX", "Career Objective", "0000000000@gmail.com")
    first, last = names(text)
    assert first is None and last is None


def test_resume_of_prefix():
    assert names(make_text(("Resume of Jane Doe", BIG), "jane@example.com")) == ("Jane", "Doe")


def test_name_and_title_on_one_line():
    assert names(make_text(("Jane Doe | Software Engineer", BIG), "jd@example.com")) == ("Jane", "Doe")


def test_hyphen_and_apostrophe():
    assert names(make_text(("Mary-Jane O'Neil", BIG), "mj@example.com")) == ("Mary-Jane", "O'Neil")


def test_non_latin_script_name():
    text = make_text(("Иван Петров", BIG), "Backend Developer", "ivan.p@example.com | +7 912 345-67-89")
    assert names(text) == ("Иван", "Петров")


def test_recruiter_name_from_their_address_is_not_the_candidate():
    text = make_text(("Pat Recruiter", BIG), "Senior Recruiter, Agency", ("Mara Quill", {"size": 16.0}), "mq@example.com")
    assert names(text, sender="pat.recruiter@agency.example") == ("Mara", "Quill")


def test_subject_agreement():
    text = make_text("Mara Quill", "Tobin Vance", "Chicago, IL")
    assert names(text, subject="CV - Tobin Vance") == ("Tobin", "Vance")


def test_irish_particle_belongs_to_the_surname():
    assert split_name("Siobhán Ní Bhriain") == ("Siobhán", "Ní Bhriain")


def test_name_glued_to_the_contact_details_of_a_table_cell():
    text = make_text("Lucas Ferreira lucas.f@example.com +351 912 345 678 Lisbon, Portugal | EXPERIENCE Engineer, Acme")
    assert names(text) == ("Lucas", "Ferreira")


def test_near_email_feature_alone():
    from models.schemas import MessageContext as Context
    from tasks.fields_name import name_candidates
    from tasks.lines import read_layout

    layout = read_layout(make_text("Mara Quill", "Profile", "Summary text here", "More text", "Tobin Vance", "tv@example.com"))
    facts = {c.value: c.near_email for c in name_candidates(layout, Context(), "tv@example.com", email_line=5)}
    assert facts["Tobin Vance"] is True and facts["Mara Quill"] is False


@pytest.mark.parametrize(("word", "local", "words", "inside"), [
    ("doe", "john.doe", ["john", "doe"], True),
    ("john", "johndoe", ["john", "doe"], True),
    ("smith", "jsmith", ["jane", "smith"], True),
    ("jan", "jane.smith", ["acme", "jan"], False),  # a month in an employer line is not 'jane'
])
def test_in_local_part(word, local, words, inside):
    from tasks.fields_name import _in_local_part

    assert _in_local_part(word, local, words) is inside


def test_vietnamese_three_part_name_keeps_the_middle_name_and_is_flagged():
    text = make_text(("Nguyễn Thị Mai", BIG), "Financial Analyst", "mai.work@example.com | +84 912 345 678 | Hanoi, Vietnam")
    fields = extract_fields(text, MessageContext())
    assert (fields.first_name.value, fields.last_name.value) == ("Nguyễn Thị", "Mai")
    assert fields.first_name.score <= UNKNOWN_ORDER_PROBABILITY and fields.last_name.score <= UNKNOWN_ORDER_PROBABILITY
    assert any("uncertain split" in r for r in fields.last_name.reasons)


def test_three_part_name_split_as_the_email_splits_it():
    text = make_text(("Nguyễn Thị Mai", BIG), "nguyen.thimai@example.net | +84 912 345 678")
    fields = extract_fields(text, MessageContext())
    assert (fields.first_name.value, fields.last_name.value) == ("Nguyễn", "Thị Mai")
    assert fields.first_name.score > 0.9


def test_four_part_spanish_name_keeps_its_confident_halves():
    text = make_text(("JOSÉ DOROTEO ARANGO ARÁMBULA", BIG), "+52 55 5623 1715 • panchovilla@gmail.com")
    fields = extract_fields(text, MessageContext())
    assert (fields.first_name.value, fields.last_name.value) == ("José Doroteo", "Arango Arámbula")
    assert fields.last_name.score > 0.9


@pytest.mark.parametrize(("name", "email", "first", "last", "known"), [
    ("Nguyễn Thị Mai", None, "Nguyễn Thị", "Mai", False),
    ("Nguyễn Thị Mai", "nguyen.thimai@example.net", "Nguyễn", "Thị Mai", True),
    ("Mary Ann Smith", "mary.smith@example.com", "Mary Ann", "Smith", True),
    ("Mary Ann Smith", "msmith@example.com", "Mary Ann", "Smith", True),
    ("Mary Ann Smith", "info@example.com", "Mary Ann", "Smith", False),
    ("Joost van den Berg", None, "Joost", "van den Berg", True),
    ("Anna-Lena Müller", "anna-lena.muller@example.net", "Anna-Lena", "Müller", True),
    ("Jordan A. Patel", None, "Jordan", "Patel", True),
])
def test_split_full_name_keeps_every_part(name, email, first, last, known):
    split = split_full_name(name, email)
    assert (split.first, split.last, split.order_known) == (first, last, known)


def test_a_name_broken_over_two_large_lines_with_a_particle():
    text = make_text(("LUCIA", {"size": 40.0, "bold": True}), ("DA COSTA", {"size": 40.0, "bold": True}),
                     ("DATA ANALYST", {"size": 12.0, "bold": True}), "+351 912 000 111 / lucia.dacosta@example.pt / Porto, Portugal")
    assert names(text) == ("Lucia", "da Costa")


def test_a_curriculum_vitae_line_in_german_above_the_name():
    text = make_text("Lebenslauf", ("Dr.-Ing. Helga von Rabe", {"size": 20.0, "bold": True}), "Entwicklungsingenieurin",
                     "E-Mail: h.vonrabe@example.de")
    assert names(text) == ("Helga", "von Rabe")


def test_an_italian_street_line_is_not_the_name():
    text = make_text(("Arch. Giulia Renzi", BIG), "Architetto", "Via Paolo Sarpi 18, Milano (MI)", "giulia.renzi@example.it")
    assert names(text) == ("Giulia", "Renzi")


def test_a_german_personal_data_heading_and_a_photo_placeholder():
    text = make_text("Lebenslauf", ("Persönliche Daten", {"size": 14.0, "bold": True}), "Name Lukas Brandt [Foto]",
                     "E-Mail: l.brandt@example.de", "Telefon: 0171 4829337")
    assert names(text) == ("Lukas", "Brandt")
