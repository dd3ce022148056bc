"""Locations: 'City, ST', 'City, Country', labelled addresses without the street; employer towns don't count."""

from __future__ import annotations

import pytest

from models.schemas import MessageContext
from tasks.extract import extract_fields
from tasks.fields_location import region_of
from tests.factories import make_text


def location_of(*rows):
    return extract_fields(make_text(*rows), MessageContext()).location.value


@pytest.mark.parametrize(("location", "region"), [
    ("Chicago, IL", "US"), ("Toronto, ON", "CA"), ("Bremen, Germany", "DE"), ("Sydney, AUS", "AU"),
    ("Hyderabad, India", "IN"), ("Birmingham B26 3QJ United Kingdom", "GB"), ("Somewhere", None),
])
def test_region_of(location, region):
    assert region_of(location) == region


def test_city_and_state_in_the_contact_line():
    assert location_of("Etta", "etta@example.com • (312) 555-0123 • Chicago, IL") == "Chicago, IL"


def test_labelled_address_drops_the_street():
    assert location_of("Jane Doe", "Address: 123 Main St, Anywhere, USA") == "Anywhere, USA"


def test_city_and_country():
    assert location_of("Jan Küster", "Bremen, Germany") == "Bremen, Germany"


def test_employer_town_is_not_the_candidate_location():
    assert location_of("Jordan Patel", "jordan@example.com", "EXPERIENCE", "Northwind Robotics - Springfield, IL") is None


def test_street_line_then_town():
    assert location_of("John Doe", "CONTACT", "1234 Broadway", "New York") == "New York"


@pytest.mark.parametrize(("address", "town"), [
    ("123 Example Way, Springfield, IL 62701", "Springfield, IL"),  # a postal address: the town, no ZIP
    ("Boston, MA 02115", "Boston, MA 02115"),  # printed as the location: kept as printed
    ("Google HQ, Mountain View, CA, USA", "Mountain View, CA, USA"),
    ("L-196/b,semra railway coloney badgaon,gonda(Uttar pradesh)", "gonda(Uttar pradesh)"),
    ("123 Main St, Springfield, Illinois", "Springfield, Illinois"),
])
def test_drop_street(address, town):
    from tasks.fields_location import drop_street

    assert drop_street(address) == town


def test_labelled_postal_address():
    assert location_of("Ravi Kumar", "Postal Address : L-196/b,semra colony,gonda(Uttar pradesh)") == "gonda(Uttar pradesh)"


def test_town_and_postcode_after_a_street():
    assert location_of("José Arango", "Avenida Alcanfores, Totoltepec s/n • Sta Cruz Acatlán, 53150") == "Sta Cruz Acatlán, 53150"


@pytest.mark.parametrize(("rows", "expected"), [
    (("Liam Quinn", "liam@example.com | 0412 345 678 | Sydney, NSW"), "Sydney, NSW"),
    (("Liam Quinn", "liam@example.com", "Brisbane QLD 4000"), "Brisbane QLD 4000"),  # no comma, as Australians write it
    (("Wei Chow", "wei@example.com", "Singapore"), "Singapore"),  # a country alone on its line
    (("Joris Smit", "joris@example.nl | 06-38291745 | Utrecht"), "Utrecht"),  # a large town alone
    (("Anil Rao", "anil@example.com", "Pune, Maharashtra"), "Pune, Maharashtra"),
    (("Ana Ruiz", "ana@example.com", "Guadalajara, Jalisco, México"), "Guadalajara, Jalisco, México"),
    (("Ute Kern", "ute@example.de", "Anschrift: Lindenstraße 12, 80802 München"), "80802 München"),  # street dropped
    (("Ola Nowak", "ola@example.pl", "Miasto: Wrocław"), "Wrocław"),
    (("Zola Dube", "082 615 0000 · zola@example.com · Johannesburg, Gauteng, 2196"), "Johannesburg, Gauteng"),
    (("Cal Reid", "07723 000 305 | cal@example.co.uk | Leeds, West Yorkshire LS6 3HN"), "Leeds, West Yorkshire"),
    (("Elif Kaya", "elif@example.com", "İstanbul, Türkiye"), "İstanbul, Türkiye"),  # the country as its people write it
])
def test_places_without_a_us_shape(rows, expected):
    assert location_of(*rows) == expected


def test_a_credential_on_the_name_line_is_not_a_state():
    text = make_text(("ADAEZE OBI, MD, MPH", {"size": 22.0, "bold": True}), "adaeze.obi@example.com", "Houston, TX")
    assert extract_fields(text, MessageContext()).location.value == "Houston, TX"


def test_a_country_code_in_the_skills_section_is_no_location():
    assert location_of("Ines Duarte", "ines@example.com", "SKILLS", "IFRS, US GAAP, consolidation") is None


@pytest.mark.parametrize(("location", "region"), [
    ("Tokyo", "JP"), ("Shibuya-ku, Tokyo", "JP"), ("Nairobi", "KE"), ("Sydney, NSW", "AU"), ("Toronto, ON", "CA"),
    ("Austin, TX 78701", "US"), ("Lyon, France", "FR"), ("Nowhere Special", None),
])
def test_region_of_a_location_without_a_country(location, region):
    assert region_of(location) == region


def test_a_phone_under_a_home_label_is_no_place():
    assert location_of("Ewan Ross", "ewan@example.com", "Home: 01463 234567") is None


def test_a_job_title_before_the_town_is_not_part_of_it():
    assert location_of("Bo Lind", "Bo Lind · Sales Engineer Göteborg, Sweden · bo@example.se") == "Göteborg, Sweden"


def test_credentials_on_the_name_line_are_no_place_even_when_an_acronym_is_a_town():
    text = make_text(("PAULA K. HART, MBA, CPA", {"size": 22.0, "bold": True}),
                     "Dallas, TX 75201 | Direct: (214) 555-0133 | paula.hart@example.com")
    fields = extract_fields(text, MessageContext())
    assert (fields.location.value, fields.phone_e164.value) == ("Dallas, TX 75201", "+12145550133")
