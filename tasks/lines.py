"""Layout helpers shared by the field extractors: clean line text, find section headings, the header block,
and the referee section (whose contacts belong to someone else).

`read_layout(text)` runs once per document; every extractor reads the same `Layout`.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from models.schemas import Line, Text

# ---------- text cleaning ----------

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_SPACES = dict.fromkeys(map(ord, "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " ")
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)  # soft hyphen, zero widths


def _is_glyph_junk(ch: str) -> bool:
    # Icon fonts land in private use (Co) or as symbols (So); unassigned/control chars never belong in a value.
    return unicodedata.category(ch) in {"Co", "So", "Cn", "Cc", "Cs"}


def unspace(text: str) -> str:
    """'j o h n . d o e @ m a il . c o m' -> 'john.doe@mail.com'; wider gaps stay word breaks ('J O H N   D O E')."""
    out: list[str] = []
    collapsed: list[bool] = []
    for chunk in re.split(r"( {2,})", text):
        if chunk.startswith("  ") or not chunk:
            out.append(chunk)
            collapsed.append(False)
            continue
        tokens = chunk.split(" ")
        merged: list[str] = []
        i = 0
        while i < len(tokens):
            j = i
            while j < len(tokens) and 0 < len(tokens[j]) <= 2:
                j += 1
            run = tokens[i:j]
            if len(run) >= 3 and sum(len(t) == 1 for t in run) >= 0.75 * len(run):
                merged.append("".join(run))
            else:
                merged.extend(tokens[i:max(j, i + 1)])  # jump past the run: linear even on 'A, A, A, ...'
            i = max(j, i + 1)
        out.append(" ".join(merged))
        collapsed.append(len(merged) < len(tokens) and len(merged) == 1)
    # 'J O H N   D O E': the wide gap between two letter-spaced words is an ordinary word space
    for k in range(1, len(out) - 1):
        if out[k].startswith("  ") and collapsed[k - 1] and collapsed[k + 1]:
            out[k] = " "
    return "".join(out)


def clean(text: str) -> str:
    """NFKC (ligatures), one kind of dash and space, icon glyphs dropped, letter spacing undone; gaps kept as '  '."""
    if text.isascii():  # most lines: no ligatures, icons or odd spaces to look for, one cheap pass
        text = _ASCII_CONTROL.sub("  ", text.replace("\t", " "))
    else:
        text = unicodedata.normalize("NFKC", text).translate(_DROP).translate(_DASHES).translate(_SPACES)
        text = "".join("  " if _is_glyph_junk(ch) else ch for ch in text)  # an icon separates items
    text = unspace(text)
    return re.sub(r" {3,}", "  ", text).strip()


@lru_cache(maxsize=65536)  # the same words are folded again by every field's features: 47k calls a corpus pass
def fold(text: str) -> str:
    """Lower-case ASCII letters only, accents removed: 'Müller' -> 'muller'; for comparisons, never for values."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ł", "l").replace("ø", "o")


def letters_key(text: str) -> str:
    """'C ONTACT:' / 'Work  Experience' -> 'contact' / 'workexperience': how headings compare."""
    return re.sub(r"[^a-z]", "", fold(text))


# ---------- section headings ----------

SECTION_KEYS: dict[str, set[str]] = {
    "contact": {"contact", "contacts", "contactinformation", "contactinfo", "contactdetails", "personalinformation",
                "personaldetails", "personalinfo", "personaldata", "details", "coordonnees", "datospersonales",
                "kontakt", "informationpersonnelle", "informacionpersonal"},
    "summary": {"summary", "profile", "professionalsummary", "professionalprofile", "objective", "careerobjective",
                "about", "aboutme", "profil", "perfil", "resumen", "overview", "careersummary", "personalstatement",
                "summaryofqualifications", "introduction"},
    "experience": {"experience", "workexperience", "professionalexperience", "employment", "employmenthistory",
                   "workhistory", "careerhistory", "relevantexperience", "experienceprofessionnelle", "experiences",
                   "experiencia", "experienciaprofesional", "experiencialaboral", "experienciaenlaindustria",
                   "berufserfahrung", "professionalbackground", "jobhistory", "internships", "internship",
                   "workexperiences", "clinicalexperience", "teachingexperience", "researchexperience"},
    "education": {"education", "formation", "educacion", "ausbildung", "academicbackground", "academics",
                  "educationandtraining", "educationtraining", "academicqualifications", "qualifications",
                  "educationalbackground", "studies", "bildung", "formacion", "formacionacademica", "training"},
    "skills": {"skills", "technicalskills", "keyskills", "coreskills", "skillset", "competences", "competencies",
               "corecompetencies", "strengths", "expertise", "competencias", "habilidades", "kenntnisse",
               "technologies", "tools", "skillsandtools", "technicalproficiencies", "skillsexpertise",
               "languagesandtechnologies", "programminglanguages", "personalskills", "softskills", "hardskills",
               "digitalskills", "computerskills", "jobrelatedskills"},
    "references": {"references", "referees", "reference", "referencias", "references", "referenzen",
                   "professionalreferences", "referencesavailableuponrequest"},
    "other": {"projects", "personalprojects", "certifications", "certificates", "licenses", "licensesandcertifications",
              "licensure", "awards", "honors", "honorsandawards", "achievements", "publications", "interests",
              "hobbies", "volunteer", "volunteering", "volunteerexperience", "languages", "langues", "idiomas",
              "activities", "leadership", "courses", "coursework", "relevantcoursework", "affiliations",
              "memberships", "professionalaffiliations", "conferences", "presentations", "research", "additional",
              "additionalinformation", "misc", "extracurricular", "extracurricularactivities", "portfolio",
              "jobappliedfor", "positionappliedfor", "desiredjob", "talks", "patents", "grants", "teaching",
              "software", "sprachen", "intereses", "loisirs", "centresdinteret", "proyectos", "premios"},
}
HEADING_SECTION = {key: name for name, keys in SECTION_KEYS.items() for key in keys}


def heading_section(line: Line, text: str) -> str | None:
    """The section a heading line opens ('experience', 'references', ...), or None for a body line."""
    if not text or len(text) > 48 or len(text.split()) > 6:
        return None
    key = letters_key(text)
    if key in HEADING_SECTION:
        return HEADING_SECTION[key]
    # 'EXPERIENCE  2019 - 2024' or 'Skills:' with trailing noise: the first words decide when styled as a heading.
    words = re.findall(r"[^\W\d_]+", text)
    for n in (3, 2, 1):
        head = letters_key(" ".join(words[:n]))
        rest_is_noise = len(words) == n  # only dates or numbers after the heading words
        if head in HEADING_SECTION and (rest_is_noise or text.endswith(":")) and (
                line.bold or text.isupper() or line.style == "heading" or text.endswith(":")):
            return HEADING_SECTION[head]
    return None


# ---------- the layout every extractor reads ----------

HEADER_TOP_PT = 170  # the top fifth of a Letter/A4 page: names and contact lines sit there in any column
LAST_WORD_SECTIONS = {"experience", "education", "skills", "projects", "references"}  # 'Computer Engineering Experience'
DATE_LINE_RE = re.compile(r"^[\w.]*\s*\d{4}\s*(-\s*([\w.]*\s*\d{4}|present|current|now))?$", re.I)


@dataclass
class Layout:
    """Cleaned lines with their section, heading flag and font facts; computed once per document."""

    lines: list[Line]
    texts: list[str]  # cleaned text, one per line
    sections: list[str]  # section name of each line ("header" before the first heading)
    headings: list[bool]
    links: list[str] = field(default_factory=list)
    ocr: bool = False

    @cached_property
    def first_page(self) -> int:
        return min((line.page for line in self.lines), default=0)

    @cached_property
    def sizes_first_page(self) -> list[float]:
        return [ln.size for ln in self.lines if ln.page == self.first_page and ln.size > 0]

    @cached_property
    def max_size(self) -> float:
        return max(self.sizes_first_page, default=0.0)

    @cached_property
    def body_size(self) -> float:
        return statistics.median(self.sizes_first_page) if self.sizes_first_page else 0.0

    @cached_property
    def first_heading(self) -> int:
        """Index of the first heading that is not a contact/profile heading: the header block ends there."""
        for i, (is_heading, section) in enumerate(zip(self.headings, self.sections)):
            if is_heading and section not in {"contact"}:
                return i
        return len(self.lines)

    def in_header(self, i: int) -> bool:
        """Before the first heading, in a contact sidebar, or high on the first page: the candidate's own details."""
        line = self.lines[i]
        top_of_page = line.page == self.first_page and 0 < line.top <= HEADER_TOP_PT and self.sections[i] in {"header", "unknown"}
        return i < self.first_heading or self.sections[i] == "contact" or top_of_page

    def in_referees(self, i: int) -> bool:
        return self.sections[i] == "references"

    def is_largest(self, i: int) -> bool:
        line = self.lines[i]
        return (line.page == self.first_page and line.size > 0 and line.size >= self.max_size - 0.2
                and self.max_size > self.body_size + 0.5)  # one size everywhere distinguishes nothing

    def is_large(self, i: int) -> bool:
        line = self.lines[i]
        return line.page == self.first_page and line.size > 0 and line.size > self.body_size + 1

    def section_lines(self, name: str) -> list[int]:
        return [i for i, s in enumerate(self.sections) if s == name and not self.headings[i]]


def read_layout(text: Text) -> Layout:
    lines = [ln for ln in text.lines if ln.text.strip()]
    texts = [clean(ln.text) for ln in lines]
    sections: list[str] = []
    headings: list[bool] = []
    current = "header"
    body = [ln.size for ln in lines if ln.size > 0]
    body_size = statistics.median(body) if body else 0.0
    for line, cleaned in zip(lines, texts):
        opened = heading_section(line, cleaned) or _styled_heading(line, cleaned, body_size)
        if opened:
            current = opened
        sections.append(current)
        headings.append(opened is not None)
    _undo_label_column(texts, sections, headings)
    return Layout(lines=lines, texts=texts, sections=sections, headings=headings, links=list(text.links), ocr=text.ocr)


def _styled_heading(line: Line, text: str, body_size: float) -> str | None:
    """'Computer Engineering Experience' in a larger or bold font opens the experience section."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not (line.bold or (body_size and line.size > body_size + 0.5) or text.isupper()):
        return None
    last = letters_key(words[-1])
    return HEADING_SECTION.get(last) if last in LAST_WORD_SECTIONS else None


def _undo_label_column(texts: list[str], sections: list[str], headings: list[bool]) -> None:
    """Europass-style label column read before the content: 3+ headings with only dates between them label
    nothing that follows in reading order, so the lines after the column get no section at all."""
    i = 0
    while i < len(texts):
        if not headings[i]:
            i += 1
            continue
        j, count = i, 0
        while j < len(texts) and (headings[j] or DATE_LINE_RE.match(texts[j])):
            count += headings[j]
            j += 1
        if count >= 3:
            for k in range(j, len(texts)):
                if headings[k]:
                    break
                sections[k] = "unknown"
        i = j


def segments(text: str) -> list[str]:
    """A line split where layouts glue separate items: wide gaps, bars, bullets, ' - ', semicolons."""
    parts = re.split(r" {2,}|\s*[|•·●▪■◆♦►✉☎]\s*|\s+[-–—]\s+|;\s*", text)
    return [p.strip(" ,:") for p in parts if p and p.strip(" ,:")]
