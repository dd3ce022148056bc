"""The candidate's name, split into first and last.

Candidates are short letter-only pieces of the lines near the top of the first page (and of a contact sidebar),
with credentials ('RN, BSN', 'M.SC.', 'PhD'), labels ('Name:') and honorifics removed; two one-word lines in
the same font make one candidate ('JOHN' / 'DOE'). Features weigh font size, position, agreement with the email's
local part and the file name, spaCy's PERSON reading and the first-name list against what else short capitalised
lines usually are: headings, job titles, places, organisations, referees.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from models.schemas import MessageContext
from tasks import nlp
from tasks.fields_location import COUNTRIES, US_STATES
from tasks.lines import HEADING_SECTION, Layout, fold, letters_key, segments
from tasks.scoring import Candidate, Feature, Scored, best_scored, rank

NAME_ZONE_LINES = 40  # a name further down than this is in a sidebar, which the contact section covers
CREDENTIALS = {
    "rn", "bsn", "msn", "lpn", "np", "aprn", "cna", "cfa", "cpa", "cma", "pe", "pmp", "phd", "md", "do", "dds", "jd",
    "esq", "mba", "msc", "ms", "ma", "bsc", "bs", "ba", "beng", "meng", "mph", "mpa", "llb", "llm", "dphil", "edd",
    "jr", "sr", "ii", "iii", "iv", "cissp", "cisa", "cism", "shrm", "sphr", "phr", "ccna", "ccnp", "csm", "cpsm",
    "rd", "pt", "dpt", "ot", "pharmd", "facs", "frcs", "mrcp", "acca", "aca", "fca", "cima", "frm", "caia", "leed",
    "ap", "ra", "aia", "cfp", "chfc", "clu", "cdl", "emt", "bcba", "lcsw", "lmft", "lpc", "psyd", "dipl", "ing",
    "mag", "bcom", "mcom", "btech", "mtech", "be", "me", "mca", "bca", "ceng", "mieee", "fhea",
    "fache", "bcps", "ccrn", "cphq", "cpc", "cscs", "rhia", "rrt", "crna", "fnp", "cnm", "slp", "otr", "atc", "faan",
    "dvm", "vmd", "bvsc", "mrcvs", "od", "dc", "dnp", "med", "mft", "rm", "mpsi", "cfe", "cia", "cmc", "mcips",
}
# A nickname between brackets or quotes inside the name; an apostrophe inside a word (O'Neil) is not a quote.
NICKNAME_RE = re.compile(r"(?<!\w)[(\"“”‘'«]\w[\w .\-]{0,18}[)\"“”’'»](?!\w)")
ACADEMIC_TITLE_RE = re.compile(r"(?:Dr|Prof|Dipl)\.(?:-\w+\.?)?", re.I)  # 'Dr.-Ing.', 'Dipl.-Kfm.' before a German name
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "m", "mme", "mlle", "herr", "frau", "sr", "sra",
              "srta", "dra", "mtro", "mtra", "lic", "lcdo", "lcda", "ing", "arq", "arch", "dott", "dottssa", "avv", "mgr"}
PARTICLES = {"van", "von", "de", "der", "den", "da", "das", "dos", "del", "della", "di", "du", "la", "le", "ter", "ten",
             "bin", "ibn", "al", "el", "mac", "st", "zu", "af", "y", "ni", "nic", "o", "ui"}  # ni, o: Irish
NAME_LABEL_RE = re.compile(r"^\s*(full name|name|nom|nombre|name and surname|candidate|(?:resume|résumé|cv|curriculum vitae)"
                           r"\s+(?:of|de|von))\s*[:\-]?\s+", re.I)
TITLE_WORDS = {
    "engineer", "developer", "designer", "manager", "analyst", "consultant", "nurse", "scientist", "specialist",
    "director", "intern", "assistant", "coordinator", "officer", "accountant", "teacher", "architect", "administrator",
    "lead", "senior", "junior", "principal", "head", "chief", "president", "associate", "executive", "technician",
    "representative", "advisor", "adviser", "programmer", "researcher", "professor", "lecturer", "student",
    "graduate", "editor", "writer", "producer", "supervisor", "clerk", "agent", "operator", "therapist",
    "pharmacist", "physician", "surgeon", "attorney", "lawyer", "paralegal", "recruiter", "marketing", "sales",
    "software", "product", "data", "project", "program", "business", "financial", "finance", "operations",
    "full-stack", "fullstack", "frontend", "backend", "stack", "web", "mobile", "devops", "cloud", "security",
    "registered", "certified", "licensed", "professional", "freelance", "entrepreneur", "founder", "cofounder",
    "ceo", "cto", "cfo", "vp", "team", "staff", "customer", "service", "support", "human", "resources", "hr",
    "desarrolladora", "desarrollador", "ingeniero", "ingeniera", "développeuse", "développeur", "ingénieur",
    "chef", "gerente", "entwickler", "ingenieur", "berater", "intern", "trainee", "apprentice", "volunteer",
    "veterinarian", "dentist", "midwife", "electrician", "carpenter", "plumber", "welder", "driver", "chef", "cook",
    "profesor", "profesora", "professeur", "maestro", "maestra", "enfermera", "enfermero", "abogado", "abogada",
    "analista", "jefe", "jefa", "directora", "coordinadora", "coordinador", "técnico", "técnica", "contador", "contadora",
    "infirmière", "infirmier", "comptable", "responsable", "ingénieure", "lehrer", "lehrerin", "entwicklerin",
    "ingenieurin", "leiter", "leiterin", "referentin", "kauffrau", "kaufmann", "pflegefachfrau", "krankenschwester",
}
NOT_NAME_WORDS = {  # words of titles, headings and organisations a name line never has
    "resume", "résumé", "curriculum", "vitae", "cv", "template", "portfolio", "page", "updated", "lebenslauf",
    "university", "college", "school", "institute", "academy", "inc", "llc", "ltd", "gmbh", "corp", "corporation",
    "company", "hospital", "bank", "group", "solutions", "technologies", "services", "systems", "street", "avenue",
    "road", "objective", "summary", "profile", "experience", "education", "skills", "contact", "references",
    "information", "personal", "details", "phone", "email", "address", "linkedin", "github", "website", "mobile",
    "languages", "projects", "certifications", "interests", "hobbies", "awards", "the", "and", "of", "for", "in",
    "at", "with", "to", "on", "my", "i", "a", "an", "is", "am", "years", "year", "present", "citizen",
    "dear", "sincerely", "regards", "hello", "welcome", "thank", "you", "about", "me", "available", "request",
    "upon", "strengths", "city", "state", "country", "remote", "hybrid", "english", "spanish", "french", "german",
    "via", "viale", "piazza", "calle", "rue", "avenida", "rua", "strasse", "straße", "ul",  # street words: an address line
    "persönliche", "personliche", "daten", "angaben", "kontakt", "profil", "berufserfahrung", "ausbildung", "kenntnisse",
    "sprachen", "datos", "personales", "données", "personnelles", "dados", "pessoais", "informazioni", "personali",
}


def _is_credential(token: str) -> bool:
    key = re.sub(r"[^a-z]", "", fold(token))
    if not key:
        return False
    if key in CREDENTIALS:
        return True
    # 'MEDSURG-BC', 'P.E.', 'M.SC.': dotted or dashed capitals are certifications, not surnames
    return bool(re.fullmatch(r"(?:[A-Z]{1,4}\.){1,4}[A-Z]{0,3}\.?|[A-Z]{2,}-[A-Z]{2,}", token))


def _unlisted_credential(token: str, beside_listed: bool) -> bool:
    """'BCPS' in 'PharmD, BCPS': 2-6 capitals beside a listed credential are one too. Alone they prove nothing:
    'DOE, JANE', 'Toronto, ON' and 'SCM Tool: SVN' have the same shape."""
    letters = re.sub(r"[^A-Za-z]", "", token)
    return beside_listed and 2 <= len(letters) <= 6 and letters.isupper()


def _script(token: str) -> str | None:
    """'latin' when the token's letters are Latin (accents included), 'other' (Han, Arabic, Cyrillic...), None: no letters."""
    letters = [ch for ch in token if ch.isalpha()]
    if not letters:
        return None
    return "latin" if all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters) else "other"


def strip_name(text: str) -> str | None:
    """'MAYA OKONJO, RN, BSN' -> 'MAYA OKONJO'; 'Name: Jane Doe' -> 'Jane Doe'; None when no name shape is left."""
    if len(text) > 80:  # a paragraph, not a name line (and spaCy would read all of it)
        return None
    text = NAME_LABEL_RE.sub("", text).strip(" .,:;")
    text = NICKNAME_RE.sub(" ", text).strip()  # 'Robert (Bob) Lane', 'William “Liam” Hart': the form's name is the full one
    text = re.sub(r"\s*\[[^\]]{1,20}\]\s*", " ", text).strip()  # 'Lukas Brandt [Foto]': a placeholder beside the name
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 1:
        after = [t for p in parts[1:] for t in p.split()]
        listed = any(_is_credential(t) for t in after)
        if not all(_is_credential(t) or _unlisted_credential(t, listed) for t in after):
            return None  # 'Springfield, IL' or 'Doe, Jane': a comma that isn't credentials
        text = parts[0]
    tokens = text.split()
    if {_script(t) for t in tokens} >= {"latin", "other"}:
        # 'Xiaoming Wang 王小明', 'Hamid Rezaei حمید رضایی': the name printed twice; the Latin one is what the email,
        # the file name and the recruiter use.
        tokens = [t for t in tokens if _script(t) == "latin"]
    while tokens and (fold(tokens[0]).rstrip(".") in HONORIFICS or ACADEMIC_TITLE_RE.fullmatch(tokens[0])) and len(tokens) > 2:
        tokens = tokens[1:]
    while len(tokens) > 2 and re.fullmatch(r"[^\W\d_]", tokens[-1]):
        tokens = tokens[:-1]  # a lone trailing capital is an icon glyph ('Theo Marsh I'); initials sit mid-name
    while len(tokens) > 2 and _is_credential(tokens[-1]) and not (len(tokens[-1]) > 3 and tokens[-1].isalpha() and not tokens[-1].isupper()):
        tokens = tokens[:-1]
    # 'Fiona MacLeod RM', 'Siobhán Ní Bhriain MPSI': capitals with at most one vowel after a name in mixed case are
    # letters after the name; a surname in capitals has its vowels ('Jean DUPONT').
    while (len(tokens) > 2 and re.fullmatch(r"[A-Z]{2,5}", tokens[-1]) and sum(c in "AEIOU" for c in tokens[-1]) <= 1
           and not any(t.isupper() for t in tokens[:-1])):
        tokens = tokens[:-1]
    if not 1 <= len([t for t in tokens if fold(t) not in PARTICLES]) <= 5:  # 'María Fernanda López de la Cruz' is six
        return None
    for t in tokens:
        if not re.fullmatch(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?", t):
            return None
        if t.endswith(".") and len(t) > 3:
            return None
    return " ".join(tokens)


def _case(token: str) -> str:
    if token.isupper() and len(token) > 1:
        return "-".join(p[:1] + p[1:].lower() for p in token.split("-"))
    return token


class NameSplit(NamedTuple):
    first: str
    last: str | None
    order_known: bool  # False: three or more parts and nothing says which is the given name
    reason: str


# P(split right) when the order of a three-part name is unknown: 'Nguyễn Thị Mai' (family, middle, given) and
# 'Mary Ann Smith' (given, middle, family) look alike. No corpus file has one; a coin flip is the honest claim.
UNKNOWN_ORDER_PROBABILITY = 0.5


def _key(word: str) -> str:
    return re.sub(r"[^a-z]", "", fold(word))


def _email_split(tokens: list[str], local: str) -> int | None:
    """Where the email's local part splits the printed name: 'nguyen.thimai' -> 1 for 'Nguyễn Thị Mai'."""
    parts = [p for p in (re.sub(r"[^a-z]", "", q) for q in re.split(r"[._+]", fold(local))) if p]
    keys = [_key(t) for t in tokens]
    if len(parts) != 2:
        return None
    for k in range(1, len(tokens)):
        if "".join(keys[:k]) == parts[0] and "".join(keys[k:]) == parts[1]:
            return k
    return None


def _latin_order(tokens: list[str], local: str) -> bool:
    """The email names the first printed word first and the last printed word last ('mary.smith', 'msmith')."""
    letters = re.sub(r"[^a-z]", "", fold(local))
    first, last = _key(tokens[0]), _key(tokens[-1])
    return bool(first and last) and letters.endswith(last) and (letters.startswith(first) or letters == first[0] + last)


def split_full_name(name: str, email: str | None = None) -> NameSplit:
    """First and last name, every part kept: middle names go with the first name unless the email says otherwise.

    'Dana R. Whitlock' -> Dana / Whitlock (an initial is dropped); 'Joost van den Berg' -> Joost / van den Berg;
    'María Luisa Ortega Ríos' -> María Luisa / Ortega Ríos (four words: two given, two family names);
    'Nguyễn Thị Mai' -> Nguyễn Thị / Mai, order unknown, unless the email 'nguyen.thimai@' splits it Nguyễn / Thị Mai.
    """
    # 'MARIANA DA SILVA' -> 'Mariana da Silva': a particle printed in capitals is lower case inside a name
    words = name.split()  # ('ANNA LE': a last word is a surname, never a particle)
    tokens = [t.lower() if 0 < i < len(words) - 1 and t.isupper() and fold(t) in PARTICLES else _case(t) for i, t in enumerate(words)]
    tokens = [t for i, t in enumerate(tokens) if not (0 < i < len(tokens) - 1 and re.fullmatch(r"[^\W\d_]\.?", t))]
    if len(tokens) == 1:
        return NameSplit(tokens[0], None, True, "a one-word name")
    if len(words) >= 2 and words[0].isupper() and len(words[0]) > 1 and not any(w.isupper() for w in words[1:]):
        # 'TAN Wei Ling', 'DUPONT Jean': the family name in capitals first, as Asian and French CVs print it
        return NameSplit(" ".join(tokens[1:]), tokens[0], True, "family name first, in capitals")
    for i in range(1, len(tokens) - 1):
        if fold(tokens[i]) in PARTICLES:
            # 'María Fernanda López de la Cruz': a surname just before the particle is the family name's first half
            if i > 1 and nlp.is_last_name(tokens[i - 1]) and not nlp.is_first_name(tokens[i - 1]):
                i -= 1
            return NameSplit(" ".join(tokens[:i]), " ".join(tokens[i:]), True, f"family name from the particle '{tokens[i]}'")
    local = email.split("@")[0] if email else ""
    k = _email_split(tokens, local) if local else None
    if k is not None:
        return NameSplit(" ".join(tokens[:k]), " ".join(tokens[k:]), True, "split as in the email address")
    if len(tokens) == 2:
        return NameSplit(tokens[0], tokens[1], True, "given name then family name")
    if len(tokens) == 4:
        return NameSplit(" ".join(tokens[:2]), " ".join(tokens[2:]), True, "two given names then two family names")
    if len(tokens) == 3 and nlp.is_first_name(tokens[0]) and nlp.is_last_name(tokens[1]) and not nlp.is_first_name(tokens[1]):
        # 'Rafael Ortega Villaseñor', 'Sofía Paredes Quispe': a middle word that is only ever a surname starts the
        # family name (Spanish and Portuguese names carry two)
        return NameSplit(tokens[0], " ".join(tokens[1:]), True, "the middle word is a family name")
    first, last = " ".join(tokens[:-1]), tokens[-1]
    if local and _latin_order(tokens, local):
        return NameSplit(first, last, True, "the email puts the given name first")
    return NameSplit(first, last, False, f"{len(tokens)}-part name: which part is the family name is unknown "
                                         "(middle names kept with the first name)")


def split_name(name: str, email: str | None = None) -> tuple[str, str | None]:
    """(first, last) of split_full_name."""
    split = split_full_name(name, email)
    return split.first, split.last


def _local_words(context_email: str | None) -> str:
    return fold(context_email.split("@")[0]) if context_email else ""


def _in_local_part(word: str, local: str, words: list[str]) -> bool:
    """'doe' in 'john.doe', 'johndoe', 'jdoe'; not 'jan' in 'jane': what is left beside the word must be a word
    of its own (3+ letters) or another name word's initial."""
    initials = {w[0] for w in words if w != word}
    for part in re.split(r"[^a-z]+", local):
        for rest in ([part[len(word):]] if part.startswith(word) else []) + ([part[: -len(word)]] if part.endswith(word) else []):
            if not rest or len(rest) >= 3 or rest in initials:
                return True
    return False


def _file_words(file_name: str | None) -> set[str]:
    if not file_name:
        return set()
    return {w for w in re.split(r"[^a-z]+", fold(file_name.rsplit(".", 1)[0])) if len(w) >= 3}


def name_candidates(layout: Layout, context: MessageContext, email: str | None, email_line: int | None = None) -> list[Candidate]:
    """Name-shaped pieces of the top lines; `email` and `email_line` are the chosen email and where it was printed."""
    raw: list[tuple[int, str, bool]] = []  # (line index, candidate text, the whole line)
    for i, text in enumerate(layout.texts):
        if layout.headings[i] or not (i < NAME_ZONE_LINES or layout.sections[i] == "contact" or NAME_LABEL_RE.match(text)):
            continue
        pieces = segments(text)
        for piece in pieces:
            raw.append((i, piece, len(pieces) == 1))
        lead = _leading_words(text)
        if lead and lead != text:
            raw.append((i, lead, False))  # 'Theo Marsh (123) 456-7890': the name before the contacts
        nxt = i + 1  # 'JOHN' / 'DOE', 'MARIANA' / 'DA SILVA': a name broken over two lines in one font
        if (len(text.split()) == 1 and nxt < len(layout.texts) and layout.lines[nxt].page == layout.lines[i].page
                and abs(layout.lines[nxt].size - layout.lines[i].size) < 0.6 and not layout.headings[nxt]
                and (len(layout.texts[nxt].split()) == 1 or len(layout.texts[nxt].split()) <= 3 and layout.is_large(i))):
            raw.append((i, f"{text} {layout.texts[nxt]}", True))
    local = _local_words(email)
    file_words = _file_words(context.file_name) | _file_words(f"{context.subject or ''}.")
    recruiter = " ".join(_local_words(a) for a in (context.sender, *context.recruiter_emails) if a)
    out: list[Candidate] = []
    seen: set[tuple[int, str]] = set()
    for i, piece, whole in raw:
        name = strip_name(piece)
        if not name or (i, name) in seen:
            continue
        seen.add((i, name))
        words = name.split()
        folded = [fold(w).strip(".") for w in words]
        long_words = [w for w in folded if len(w) >= 2]
        in_local = [w for w in long_words if len(w) >= 3 and _in_local_part(w, local, long_words)]
        line = layout.lines[i]
        out.append(Candidate(name, i, line, context, facts={
            "words": len(words),
            "whole_line": whole,
            "largest": layout.is_largest(i),
            "large": layout.is_large(i),
            "bold": line.bold,
            "styled_title": line.style in {"title", "heading"},
            "capitalised": all(w[:1].isupper() for w in words if fold(w) not in PARTICLES),
            "lower_words": any(w[:1].islower() and fold(w) not in PARTICLES for w in words),
            "top": i < 3,
            "header": layout.in_header(i),
            "page0": line.page == layout.first_page,
            "far": i >= 15 and layout.sections[i] != "contact",
            "referee": layout.in_referees(i),
            "in_local": len(in_local),
            "near_email": email_line is not None and email_line >= 0 and line.page == layout.lines[email_line].page
                and 0 < abs(email_line - i) <= 3,
            "in_file": len(file_words & set(long_words)),
            "recruiter": bool(recruiter) and len(long_words) >= 2 and all(w in recruiter for w in long_words),
            "first_name": nlp.is_first_name(words[0]),
            "last_name": len(words) > 1 and nlp.is_last_name(words[-1]),
            "title_words": any(w in TITLE_WORDS for w in folded),
            "not_name_words": any(w in NOT_NAME_WORDS for w in folded) or letters_key(name) in HEADING_SECTION,
            "place": _looks_like_place(name),
            "person": False,
            "placeholder": any(len(w) >= 3 and len(set(fold(w))) == 1 for w in words),
            "labelled": NAME_LABEL_RE.match(layout.texts[i]) is not None,
        }))
    return out


def _leading_words(text: str) -> str | None:
    """The words before the first contact detail: 'Lucas Ferreira lucas.f@example.com +351 ...' -> 'Lucas Ferreira'."""
    words = []
    for token in text.split():
        if re.search(r"[\d@(+|•/:]", token) or "." in token.strip("."):
            break
        words.append(token)
    return " ".join(words) if 2 <= len(words) <= 5 else None


def _looks_like_place(name: str) -> bool:
    words = name.split()
    return fold(name) in COUNTRIES or (len(words) >= 2 and words[-1] in US_STATES)


def _mark_persons(hopeful: list[Candidate]) -> None:
    """spaCy on the few candidate texts that could still win; title case so 'IVY THORNE' reads as a name."""
    spans = nlp.person_spans(" ".join(_case(w) for w in c.value.split()) for c in hopeful)
    for c in hopeful:
        text = " ".join(_case(w) for w in c.value.split())
        c.facts["person"] = any(len(p.split()) >= min(2, len(text.split())) and p in text for p in spans.get(text, []))


NAME_FEATURES = [
    Feature("in the largest font on the first page", +2, lambda c: c.largest),
    Feature("larger than the body text", +1, lambda c: c.large),
    Feature("bold", +1, lambda c: c.bold),
    Feature("styled as the document title", +1, lambda c: c.styled_title),
    Feature("every word capitalised", +1, lambda c: c.capitalised),
    Feature("one of the first lines", +1, lambda c: c.top),
    Feature("in the header block or contact section", +1, lambda c: c.header),
    Feature("labelled as the name", +3, lambda c: c.labelled),
    Feature("a word of it is in the email address", +3, lambda c: c.in_local >= 1),
    Feature("first and last name both in the email address", +1, lambda c: c.in_local >= 2),
    Feature("within three lines of the email address", +1, lambda c: c.near_email),
    Feature("matches the file name or the subject", +2, lambda c: c.in_file >= 1),
    Feature("the forwarding recruiter's name", -4, lambda c: c.recruiter),
    Feature("spaCy reads it as a person", +2, lambda c: c.person),
    Feature("starts with a known first name", +2, lambda c: c.first_name),
    Feature("ends with a known last name", +1, lambda c: c.last_name),
    Feature("a line on its own", +1, lambda c: c.whole_line),
    Feature("a heading, document title or organisation word", -4, lambda c: c.not_name_words),
    Feature("a job title", -3, lambda c: c.title_words),
    Feature("a place", -3, lambda c: c.place),
    Feature("in the referee section", -4, lambda c: c.referee),
    Feature("a placeholder ('XXXXXXXX')", -4, lambda c: c.placeholder),
    Feature("a single word", -2, lambda c: c.words == 1),
    Feature("too many words for a name", -2, lambda c: c.words > 4),
    Feature("has lower-case words (a sentence)", -3, lambda c: c.lower_words),
    Feature("not on the first page", -2, lambda c: not c.page0),
    Feature("far from the top", -1, lambda c: c.far),
]


PERSON_WEIGHT = next(f.weight for f in NAME_FEATURES if f.reason == "spaCy reads it as a person")


def extract_name(layout: Layout, context: MessageContext, email: str | None, email_line: int | None = None) -> Scored | None:
    """Rank without spaCy, ask spaCy only about candidates its weight could still lift to the top, rank again.

    Same winner as asking about every candidate, at a tenth of the cost (spaCy is most of the time otherwise).
    """
    candidates = name_candidates(layout, context, email, email_line)
    ranked = rank(candidates, NAME_FEATURES)
    if not ranked:
        return None
    reach = ranked[0].weight - PERSON_WEIGHT
    _mark_persons([s.candidate for s in ranked if s.weight >= reach][:6])
    return best_scored(candidates, NAME_FEATURES, minimum=3)
