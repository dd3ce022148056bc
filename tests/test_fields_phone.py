"""Phones: as printed and E.164, with the region from the document's location; dates and ids are not phones."""

from __future__ import annotations

import pytest

from models.schemas import MessageContext
from tasks.extract import extract_fields
from tasks.fields_phone import to_e164
from tests.factories import make_text


def phone_of(*rows, links=None):
    fields = extract_fields(make_text(*rows, links=links), MessageContext())
    return fields.phone.value, fields.phone_e164.value


@pytest.mark.parametrize(("printed", "region", "e164"), [
    ("(617) 555-2847", "US", "+16175552847"),
    ("123-456-7890", None, "+11234567890"),  # placeholder area code: still formatted mechanically
    ("(+1) 312-555-0123", None, "+13125550123"),
    ("+91 98765 43210", "US", "+919876543210"),
    ("+44 (0) 20 7946 0000", None, "+442079460000"),
    ("+49 170 123 456 789", "DE", "+49170123456789"),
    ("06 12 34 56 78", "FR", "+33612345678"),
    ("0123 456789", "US", None),  # no country code and not a NANP shape
    ("+91-0000000000", None, None),  # anonymised placeholder
])
def test_to_e164(printed, region, e164):
    assert to_e164(printed, region) == e164


def test_dates_and_decimals_are_not_phones():
    assert phone_of("John Smith", "john@example.com", "2019 - 2021", "Score 2021.3456", "03/2019 - 05/2021") == (None, None)


def test_orcid_is_not_a_phone():
    assert phone_of("Jan Küster", "ORCID 0009-0008-8088-9837") == (None, None)


def test_region_from_the_location():
    assert phone_of("Sophie Martin", "Paris, France", "Téléphone: 06 12 34 56 78") == ("06 12 34 56 78", "+33612345678")


def test_international_number_keeps_its_country_code():
    assert phone_of("Akash Kumar", "Hyderabad, India | +91 98765 43210")[1] == "+919876543210"


def test_extension_is_kept_apart():
    printed, e164 = phone_of("Morgan Okafor", "Toronto, ON", "Office: (416) 555-0148 ext. 204    Mobile: (416) 555-0199")
    assert printed == "(416) 555-0148" and e164 == "+14165550148"


def test_referee_phone_is_not_the_candidate():
    rows = ["Rose Harris", "EXPERIENCE", "Designer", "REFERENCES", "John Smith", "+61 402 938 209"]
    assert phone_of(*rows) == (None, None)


def test_candidate_phone_beats_the_referee_phone():
    rows = ["Rose Harris", "+61 409 298 398", "EXPERIENCE", "Designer", "REFERENCES", "John Smith", "+61 402 938 209"]
    assert phone_of(*rows) == ("+61 409 298 398", "+61409298398")


def test_letter_spaced_and_soft_hyphen_numbers():
    assert phone_of("John Doe", "0 1 2 3 4 5 6 7 89")[0] == "0123456789"
    assert phone_of("Leo Leopard", "(909) 555-\u00ad\u20105555")[1] == "+19095555555"


def test_tel_link_agrees():
    assert phone_of("Jane Doe", "Call 312-555-0123", links=["tel:+13125550123"])[1] == "+13125550123"


def test_two_phones_on_one_line_first_wins():
    assert phone_of("Betty Smith", "+44 2012345679 +44 7123456789")[1] == "+442012345679"


def test_icon_glyphs_glued_to_the_number():
    assert phone_of("Alfred Pennyworth", "\uf095(123) 456-7890 \uf0e0alfred@email.com")[1] == "+11234567890"


def test_number_only_in_a_tel_link():
    assert phone_of("Jane Smith", "| | | |", links=["tel:+13125550123"]) == ("+13125550123", "+13125550123")


def test_zip_plus_four_is_not_a_phone():
    assert phone_of("Jane Doe", "Pleasantville, CA 94588-1234", "Phone: (555) 123-4567")[0] == "(555) 123-4567"
    assert phone_of("Jane Doe", "Pleasantville, CA 94588-1234") == (None, None)


def test_other_common_formats():
    assert phone_of("Jane Doe", "312.555.0123")[1] == "+13125550123"
    assert phone_of("Jane Doe", "+1-312-555-0123")[1] == "+13125550123"
    assert phone_of("Jane Doe", "London, United Kingdom", "07700 900123")[1] == "+447700900123"


def test_ten_digits_in_a_foreign_grouping_get_no_assumed_us_code():
    assert to_e164("98765 43210", None) is None
    assert to_e164("9876543210", None) == "+19876543210"


def test_a_number_too_short_for_its_country_code_has_no_e164():
    assert phone_of("Pia Lund", "pia@example.com", "+1 555-0142")[1] is None


def test_the_same_line_with_and_without_an_extension_is_one_duplicate_key():
    from tasks.duplicates import phone_key

    assert phone_key("212-555-0198 ext. 204") == phone_key("+1 212 555 0198")


def test_a_local_number_takes_its_country_from_the_town_or_the_email_domain():
    assert phone_of("Aiko Mori", "aiko@example.com", "Tokyo", "090-4821-7735")[1] == "+819048217735"
    assert phone_of("Jonas Weber", "jonas.weber@posteo.de", "Mobil: 0171 4829337")[1] == "+491714829337"
    assert phone_of("Jonas Weber", "jonas.weber@example.io", "Mobil: 0171 4829337")[1] is None  # .io says nothing


def test_a_region_whose_international_prefix_the_number_starts_with_gives_no_e164():
    from tasks.fields_phone import to_e164

    assert to_e164("010-4821-7735", "JP") is None  # 010 dials abroad from Japan: the region guess was wrong
    assert to_e164("010-4821-7735", "KR") == "+821048217735"


def test_a_singapore_handphone_label_and_eight_digits():
    assert phone_of("Wei Tan", "wei@example.com | Singapore", "HP: 9123 4567") == ("9123 4567", "+6591234567")
