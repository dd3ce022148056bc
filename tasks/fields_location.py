"""Where the candidate lives ('Boston, MA 02115', 'Bremen, Germany'), and the phone region that follows from it.

Candidates are 'City, ST', 'City, Country' and labelled address values; the street part is dropped. Employer and
school locations sit in experience/education sections and score down.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from models.schemas import MessageContext
from tasks.lines import Layout, fold
from tasks.scoring import Candidate, Feature, Scored, best_scored

US_STATES = set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA "
    "RI SC SD TN TX UT VT VA WA WV WI WY DC PR".split()
)
US_STATE_NAMES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida", "georgia",
    "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland",
    "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
    "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont",
    "virginia", "washington", "west virginia", "wisconsin", "wyoming", "ontario", "quebec", "british columbia", "alberta",
}
CA_PROVINCES = set("AB BC MB NB NL NS NT NU ON PE QC SK YT".split())
# Australian states and territories; WA stays Washington unless 'Australia' is printed too (region_of).
AU_STATES = set("NSW VIC QLD TAS ACT NT SA WA".split())
AU_ONLY = "NSW|VIC|QLD|TAS|ACT"  # the codes no US state or Canadian province shares
COUNTRIES = {  # name as folded text -> ISO region (phonenumbers' region codes)
    "usa": "US", "us": "US", "u.s.a.": "US", "united states": "US", "united states of america": "US",
    "canada": "CA", "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "great britain": "GB", "ireland": "IE", "india": "IN", "germany": "DE", "deutschland": "DE",
    "france": "FR", "spain": "ES", "espana": "ES", "italy": "IT", "italia": "IT", "portugal": "PT",
    "netherlands": "NL", "the netherlands": "NL", "nederland": "NL", "belgium": "BE", "switzerland": "CH",
    "austria": "AT", "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI", "poland": "PL",
    "polska": "PL", "czech republic": "CZ", "czechia": "CZ", "hungary": "HU", "romania": "RO", "greece": "GR",
    "turkey": "TR", "russia": "RU", "ukraine": "UA", "australia": "AU", "aus": "AU", "new zealand": "NZ",
    "mexico": "MX", "brazil": "BR", "brasil": "BR", "argentina": "AR", "chile": "CL", "colombia": "CO",
    "peru": "PE", "china": "CN", "japan": "JP", "south korea": "KR", "korea": "KR", "singapore": "SG",
    "malaysia": "MY", "indonesia": "ID", "philippines": "PH", "vietnam": "VN", "thailand": "TH",
    "pakistan": "PK", "bangladesh": "BD", "sri lanka": "LK", "nepal": "NP", "uae": "AE",
    "united arab emirates": "AE", "saudi arabia": "SA", "qatar": "QA", "israel": "IL", "egypt": "EG",
    "nigeria": "NG", "kenya": "KE", "south africa": "ZA", "ghana": "GH", "morocco": "MA", "hong kong": "HK",
    "taiwan": "TW", "luxembourg": "LU", "estonia": "EE", "latvia": "LV", "lithuania": "LT", "croatia": "HR",
    "serbia": "RS", "slovakia": "SK", "slovenia": "SI", "bulgaria": "BG", "iceland": "IS",
    # as people write their own country
    "turkiye": "TR", "sverige": "SE", "belgie": "BE", "belgique": "BE", "osterreich": "AT", "schweiz": "CH",
    "suisse": "CH", "svizzera": "CH", "norge": "NO", "danmark": "DK", "suomi": "FI", "eire": "IE", "ceska republika": "CZ",
    "magyarorszag": "HU", "cote d'ivoire": "CI", "ivory coast": "CI", "senegal": "SN", "cameroon": "CM", "ethiopia": "ET",
    "uganda": "UG", "tanzania": "TZ", "rwanda": "RW", "zimbabwe": "ZW", "zambia": "ZM", "algeria": "DZ", "tunisia": "TN",
    "lebanon": "LB", "kuwait": "KW", "bahrain": "BH", "oman": "OM", "iran": "IR", "iraq": "IQ",
    "venezuela": "VE", "ecuador": "EC", "bolivia": "BO", "uruguay": "UY", "paraguay": "PY", "costa rica": "CR",
    "panama": "PA", "guatemala": "GT", "dominican republic": "DO", "puerto rico": "PR", "jamaica": "JM", "cyprus": "CY",
    "malta": "MT", "moldova": "MD", "belarus": "BY", "armenia": "AM", "kazakhstan": "KZ",
}
CITY = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'.\-]*(?: [A-ZÀ-ÖØ-ÞĀ-ſ][\w'.\-]*){0,3}"  # 'İstanbul', 'Łódź' start outside A-Z
CITY_STATE_RE = re.compile(
    rf"(?<![\w])({CITY}),\s*([A-Z]{{2,3}})(?:\s+(\d{{5}}(?:-\d{{4}})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{{4}}))?"
    rf"(?:,?\s*(USA|U\.S\.A\.|United States|US|Canada|Australia))?(?![\w])"
)
# 'Sydney NSW 2000': Australian addresses often drop the comma; only the unmistakable state codes.
AU_PLAIN_RE = re.compile(rf"(?<![\w])({CITY}) ({AU_ONLY})(?: (\d{{4}}))?(?![\w])")
# 'Bremen, Germany': capitalised words before a comma and a country after it, looked up in COUNTRIES (a 200-way
# regex alternation cost 20 ms a document).
LABEL_RE = re.compile(r"^\s*(?:postal|home|current|permanent|mailing|street)?\s*(location|address|adresse|dirección|"
                      r"direccion|city|based in|lives in|residence|home|domicile|wohnort|anschrift|ubicación|ubicacion|"
                      r"miasto|adres|ciudad|ville|città|citta|indirizzo|endereço|endereco|woonplaats)\s*[:\-]\s*", re.I)
US_ZIP_RE = re.compile(r"\s+\d{5}(?:-\d{4})?$")
CITY_POSTCODE_RE = re.compile(rf"(?<![\w])({CITY}),\s*(\d{{4,6}})(?![\w\-])")
STREET_RE = re.compile(r"^\s*\d+[\w/\-]*\s+\w|\b(street|st\.?|avenue|ave\.?|road|rd\.?|way|blvd|lane|ln\.?|drive|dr\.?|"
                       r"suite|apt\.?|floor|court|ct\.?|place|pl\.?|p\.?o\.? box)\s*$"
                       # 'Leopoldstraße 112', 'Kerkstraat 4', 'ul. Długa 5', 'rue de la Paix', 'Calle Mayor 3'
                       r"|\w(?:straße|strasse|str\.|weg|gasse|allee|platz|straat|laan|gracht|vej|gatan|gata)\s+\d+\w*\s*$"
                       r"|^\s*(?:ul\.|rue|calle|avenida|av\.|via|viale|piazza|rua|carrer)\s", re.I)
POSTCODE_FIRST_RE = re.compile(r"^\s*(\d{4,5})\s+([A-ZÀ-ÖØ-ÞĀ-ſ][\w'.\-]*(?: [\w'.\-]+){0,2})\s*$")  # '80802 München'



def _country_prefix(words: str) -> str | None:
    """'Germany  Tel' -> 'Germany': the longest run of leading words that names a country."""
    parts = words.split()
    for n in range(min(4, len(parts)), 0, -1):
        candidate = " ".join(parts[:n]).rstrip(".,;")
        if fold(candidate) in COUNTRIES and (len(candidate) > 2 or candidate.isupper()):
            return candidate
    return None


def _country_suffix(words: list[str]) -> bool:
    return any(fold(" ".join(words[-n:])).rstrip(".") in COUNTRIES and len(" ".join(words[-n:])) > 3 for n in (1, 2, 3))


ORGANISATION_RE = re.compile(r"\b(university|universidad|universit\w*|college|school|institute|inc|llc|ltd|gmbh|corp|"
                             r"company|hospital|bank|labs?|technologies|solutions)\b", re.I)


DATA = Path(__file__).resolve().parent / "data"
# Country domains people use as generic ones ('.io', '.co', '.me'): they say nothing of where someone lives.
GENERIC_COUNTRY_DOMAINS = {"io", "co", "me", "tv", "ai", "ly", "fm", "am", "to", "cc", "ws", "gg", "sh", "so", "nu", "la", "im"}


@lru_cache(maxsize=1)
def _towns() -> dict[str, str]:
    """Folded town name -> region: GeoNames towns of 100,000 people or more (tasks/data/build_places.py)."""
    return dict(line.split("\t") for line in (DATA / "cities.tsv").read_text(encoding="utf-8").splitlines() if line)


@lru_cache(maxsize=1)
def _email_domains() -> dict[str, str]:
    rows = (DATA / "email_tlds.tsv").read_text(encoding="utf-8").splitlines()
    return {tld: region for tld, region in (row.split("\t") for row in rows if row) if tld not in GENERIC_COUNTRY_DOMAINS}


def town_region(name: str) -> str | None:
    """'Tokyo' -> 'JP', 'Utrecht' -> 'NL'; None for a name that is no large town, or an acronym ('ABA' is also Aba, Nigeria)."""
    if re.fullmatch(r"[A-Z]{2,4}", name.strip(" .")):
        return None
    return _towns().get(fold(name).strip(" ."))


def email_region(email: str | None) -> str | None:
    """'anna@posteo.de' -> 'DE', 'sam@mail.co.za' -> 'ZA'; None for .com, .org and the domains used as generic."""
    if not email or "@" not in email:
        return None
    return _email_domains().get(email.rsplit(".", 1)[-1].lower())


def region_of(location: str | None) -> str | None:
    """'Chicago, IL' -> 'US'; 'Toronto, ON' -> 'CA'; 'Bremen, Germany' -> 'DE'; None when it names no country."""
    if not location:
        return None
    folded = fold(location)
    for name, region in sorted(COUNTRIES.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", folded) and (len(name) > 2 or name.upper() in location):
            return region
    if re.search(rf"\b(?:{AU_ONLY})\b|,\s*SA\b", location):
        return "AU"
    m = re.search(r",\s*([A-Z]{2})\b", location)
    if m and m.group(1) in US_STATES:
        return "US"
    if m and m.group(1) in CA_PROVINCES:
        return "CA"
    for part in reversed(location.split(",")):  # 'Shibuya-ku, Tokyo' -> JP: the town, when no country is printed
        if region := town_region(US_ZIP_RE.sub("", part)):
            return region
    return None


def _is_region(part: str) -> bool:
    """'IL', 'IL 62701', 'USA', 'Germany', 'Illinois': a part that qualifies a town rather than being one."""
    words = part.split()
    return bool(words) and (words[0] in US_STATES | CA_PROVINCES or _country_prefix(part) is not None
                            or fold(part) in US_STATE_NAMES or bool(re.fullmatch(r"\d{4,6}", part)))


def drop_street(value: str) -> str:
    """A postal address -> the town and its region: '123 Main St, Anywhere, USA' -> 'Anywhere, USA';
    '123 Example Way, Springfield, IL 62701' -> 'Springfield, IL'; 'L-196/b, a colony, gonda (UP)' -> 'gonda (UP)'.
    A location printed without a street ('Boston, MA 02115') stays as printed."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    had_street = False
    while len(parts) > 1 and (STREET_RE.search(parts[0]) or re.match(r"^[\w\-]*\d", parts[0])):
        parts, had_street = parts[1:], True
    regions: list[str] = []
    while len(parts) > 1 and _is_region(parts[-1]):
        regions.insert(0, parts.pop())
    if len(parts) > 1:  # more than one place-like part before the region: the last one is the town
        parts, had_street = parts[-1:], True
    parts += regions
    if had_street:
        parts[-1] = US_ZIP_RE.sub("", parts[-1])
    return ", ".join(parts)


def _known_town_suffix(match: re.Match | None) -> str | None:
    """'Sales Engineer Göteborg' -> 'Göteborg': the shortest run of last words that is a known town, else all of them."""
    if match is None:
        return None
    words = match.group(0).split()
    return next((" ".join(words[k:]) for k in range(len(words) - 1, 0, -1) if town_region(" ".join(words[k:]))), match.group(0))


SEPARATOR_RE = re.compile(r"  |\s[|•·]\s|\s[-]\s|;\s*")


def location_candidates(layout: Layout, context: MessageContext, name: str | None = None, name_line: int | None = None) -> list[Candidate]:
    """`name` is the candidate's name as printed, `name_line` its line: 'JANE DOE, MD, CPA' holds credentials, not places."""
    out: list[Candidate] = []
    for i, text in enumerate(layout.texts):
        if len(text) > 160:
            continue
        found: list[tuple[str, str]] = []
        label = LABEL_RE.search(text)
        if label:
            found.append((drop_street(text[label.end():].split("  ")[0].strip(" .")), "labelled"))
        for m in AU_PLAIN_RE.finditer(text):
            found.append((m.group(0), "city_state"))
        # 'Singapore' or 'Utrecht' alone, or between separators in a contact bar: a country or a large town
        for part in (p.strip(" .") for p in SEPARATOR_RE.split(text)):
            if len(part) > 3 and fold(re.sub(r"\s+\d{4,6}$", "", part)) in COUNTRIES:  # 'Singapore 560123' too
                found.append((part, "bare_country"))
            elif len(part.split()) <= 3 and re.fullmatch(CITY, part) and town_region(part):
                found.append((part, "bare_town"))
            elif (m := POSTCODE_FIRST_RE.match(part)) and town_region(m.group(2)):
                found.append((part, "bare_town"))  # '80802 München', '00-950 Warszawa' written postcode first
        if "," not in text:
            # a street line and the town under it: '1234 Broadway' / 'New York'
            if i and STREET_RE.search(layout.texts[i - 1]) and "," not in layout.texts[i - 1] and re.fullmatch(CITY, text) and len(text.split()) <= 3:
                found.append((text, "after_street"))
        for part in (SEPARATOR_RE.split(text) if "," in text else []):
            if "," not in part:
                continue
            for m in CITY_STATE_RE.finditer(part):
                if m.group(2) in US_STATES or m.group(2) in CA_PROVINCES or m.group(2) in AU_STATES:
                    before = part[: m.start()].strip(" ,")
                    value = m.group(0).strip()
                    if before and STREET_RE.search(before.split(",")[-1]):
                        value = drop_street(f"{before.split(',')[-1]}, {value}")  # a postal address: the town
                    found.append((value, "city_state"))
            for m in CITY_POSTCODE_RE.finditer(part):
                found.append((m.group(0).strip(), "city_postcode"))
            city_country = False
            pieces = part.split(",")
            for left, right in zip(pieces, pieces[1:]) if not _country_suffix(pieces[-1].split()) else ():
                town, region = left.strip(), right.strip()  # 'Pune, Maharashtra (411008)': a large town and its region
                region = re.sub(r"\s+(?:\d{4,6}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$", "", region)  # a postcode after it
                if (town_region(town) and re.fullmatch(CITY, town) and re.fullmatch(CITY, region)
                        and _country_prefix(region) is None and region.split()[0] not in US_STATES | CA_PROVINCES | AU_STATES):
                    found.append((f"{town}, {region}", "town_region"))
            for k, (left, right) in enumerate(zip(pieces, pieces[1:])):
                country = _country_prefix(right.strip())
                city = _known_town_suffix(re.search(rf"(?<![\w-]){CITY}$", left.strip()))
                if country and city:
                    town = pieces[k - 1].strip() if k else ""  # 'Guadalajara, Jalisco, México': the town before its state
                    lead = f"{town}, " if re.fullmatch(CITY, town) and not STREET_RE.search(town) and town_region(town) else ""
                    found.append((f"{lead}{city}, {country}", "city_country"))
                    city_country = True
            if STREET_RE.search(pieces[0]) and len(pieces) == 2 and re.fullmatch(rf"{CITY}", pieces[1].strip()):
                found.append((pieces[1].strip(), "after_street"))  # '1234 Broadway, New York'
            tail = part.rsplit(",", 1)[1].split()
            if not city_country and 2 <= len(tail) <= 8 and _country_suffix(tail):
                found.append((drop_street(part).strip(), "trailing_country"))
        for value, kind in found:
            value = LABEL_RE.sub("", value).strip(" ,.;")
            if not value or len(value) > 60 or not re.search(r"[^\W\d_]{2}", value):
                continue  # 'Home: 01463 234567' is a phone under an address-like label
            out.append(Candidate(value, i, layout.lines[i], context, facts={
                "kind": kind,
                "labelled": kind == "labelled" or LABEL_RE.search(text) is not None,
                "page0": layout.lines[i].page == layout.first_page,
                "header": layout.in_header(i),
                "referee": layout.in_referees(i),
                "in_history": layout.sections[i] in {"experience", "education"},
                "in_skills": layout.sections[i] == "skills",
                "wordy": len(value.split()) > 6,
                "sentence": len(re.findall(r"(?<!\S)[a-z][a-z]+\b", text)) > 4 and kind != "labelled",
                "beside_organisation": ORGANISATION_RE.search(text.split(value)[0] if value in text else "") is not None,
                "has_at": "@" in value or "http" in value or "www." in value,
                "order": len(out),
                "name": bool(name) and fold(value.split(",")[0]) == fold(name) or (name_line == i and not label),
            }))
    return out


LOCATION_FEATURES = [
    Feature("shaped like 'City, ST' or 'City, Country'", +3, lambda c: c.kind in {"city_state", "city_country"}),
    Feature("labelled as an address or location", +2, lambda c: c.labelled),
    Feature("an address line ending in a country", +1, lambda c: c.kind == "trailing_country"),
    Feature("shaped like 'Town, postcode'", +1, lambda c: c.kind == "city_postcode"),
    Feature("a country on its own", +1, lambda c: c.kind == "bare_country"),
    Feature("a large town on its own", +1, lambda c: c.kind == "bare_town"),
    Feature("a large town and its region ('Pune, Maharashtra')", +3, lambda c: c.kind == "town_region"),
    Feature("the town after a street address", +1, lambda c: c.kind == "after_street"),
    Feature("on the first page", +1, lambda c: c.page0),
    Feature("in the header block or contact section", +2, lambda c: c.header),
    Feature("the first place named", +1, lambda c: c.order == 0),
    Feature("in the referee section", -4, lambda c: c.referee),
    Feature("in work or education history (an employer's town)", -3, lambda c: c.in_history),
    Feature("in the skills section ('IFRS, US GAAP')", -3, lambda c: c.in_skills),
    Feature("too many words for a place", -2, lambda c: c.wordy),
    Feature("inside a sentence of body text", -2, lambda c: c.sentence),
    Feature("after a school or company name (where it is, not where they live)", -2, lambda c: c.beside_organisation),
    Feature("an email or web address", -4, lambda c: c.has_at),
    Feature("on the candidate's name line ('JANE DOE, MD, CPA': credentials)", -6, lambda c: c.name),
]


def extract_location(layout: Layout, context: MessageContext, name: str | None = None, name_line: int | None = None) -> Scored | None:
    return best_scored(location_candidates(layout, context, name, name_line), LOCATION_FEATURES, minimum=4)
