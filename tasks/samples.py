"""Realistic sample resumes and the demo inbox: varied names (accents included), layouts and formats.

Everything is deterministic (fixed seed, fixed dates, fixed Message-IDs), so building the demo inbox
twice gives the same bytes, and the archive's sha256 key makes the second run a no-op.
"""

from __future__ import annotations

import io
import random
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from pathlib import Path

FORMATS = ("pdf", "docx", "txt", "html", "body")
LAYOUTS = ("classic", "sidebar", "labelled")
MIME = {
    "pdf": ("application", "pdf"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "txt": ("text", "plain"),
    "html": ("text", "html"),
    "zip": ("application", "zip"),
}


_SPELLED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "ß": "ss", "æ": "ae", "đ": "d", "Đ": "D"})


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    title: str
    employer: str
    city: str
    phone: str
    skills: tuple[str, ...]
    school: str
    degree: str

    @property
    def email(self) -> str:
        # NFKD splits é into e + accent, but ø, ł, ı, ß have no decomposition: spell them out first.
        spelled = f"{self.first}.{self.last}".translate(_SPELLED)
        ascii_name = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
        return ascii_name.lower().replace(" ", "").replace("'", "") + "@example.net"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


PEOPLE = (
    Person("José", "Álvarez", "Senior Backend Engineer", "Mercado Digital", "Madrid, Spain", "+34 612 345 678",
           ("Python", "PostgreSQL", "Kafka", "Kubernetes"), "Universidad Politécnica de Madrid", "MSc Computer Science"),
    Person("Siobhán", "O'Connor", "Registered Nurse", "St. James's Hospital", "Dublin, Ireland", "+353 87 123 4567",
           ("Critical care", "Patient assessment", "IV therapy"), "University College Dublin", "BSc Nursing"),
    Person("Łukasz", "Wiśniewski", "Data Analyst", "Allegro", "Poznań, Poland", "+48 512 345 678",
           ("SQL", "Power BI", "Python", "Statistics"), "Poznań University of Technology", "BSc Mathematics"),
    Person("Chloé", "Dubois", "Product Manager", "Doctolib", "Paris, France", "+33 6 12 34 56 78",
           ("Roadmapping", "User research", "Scrum"), "HEC Paris", "MBA"),
    Person("Mehmet", "Yılmaz", "Accountant", "Koç Holding", "Istanbul, Türkiye", "+90 532 123 45 67",
           ("IFRS", "SAP FI", "Auditing"), "Boğaziçi University", "BA Economics"),
    Person("Anna-Lena", "Müller", "UX Designer", "Zalando", "Berlin, Germany", "+49 151 23456789",
           ("Figma", "Prototyping", "Accessibility"), "Universität der Künste Berlin", "BA Design"),
    Person("Priya", "Raghunathan", "Machine Learning Engineer", "Infosys", "Bengaluru, India", "+91 98765 43210",
           ("PyTorch", "NLP", "MLOps"), "IIT Madras", "B.Tech Electrical Engineering"),
    Person("Kwame", "Mensah", "Sales Executive", "MTN Ghana", "Accra, Ghana", "+233 24 123 4567",
           ("B2B sales", "CRM", "Negotiation"), "University of Ghana", "BSc Marketing"),
    Person("Ingrid", "Sørensen", "Software Engineer", "Spotify", "Stockholm, Sweden", "+46 70 123 45 67",
           ("Java", "Go", "AWS"), "KTH Royal Institute of Technology", "MSc Software Engineering"),
    Person("Emily", "Carter", "Nurse Practitioner", "Mass General Brigham", "Boston, MA", "(617) 555-0142",
           ("Family medicine", "Telehealth", "EHR (Epic)"), "Boston College", "MSN"),
    Person("Nguyễn", "Thị Mai", "Financial Analyst", "Vietcombank", "Hanoi, Vietnam", "+84 912 345 678",
           ("Financial modelling", "Excel", "Valuation"), "Foreign Trade University", "BBA Finance"),
    Person("Jean-Baptiste", "Lefèvre", "DevOps Engineer", "OVHcloud", "Lyon, France", "+33 7 98 76 54 32",
           ("Terraform", "Ansible", "Linux"), "INSA Lyon", "Diplôme d'ingénieur"),
)

RECRUITER_NAMES = ("Dana Whitfield", "Marco Rossi", "Hannah Berg")


@dataclass(frozen=True)
class SampleResume:
    person: Person
    format: str  # pdf | docx | txt | html | body (pasted into the email)
    layout: str
    filename: str
    content: bytes
    experience: tuple[str, ...] = field(default=())


def _experience(person: Person, rng: random.Random) -> tuple[str, ...]:
    start = rng.randint(2012, 2018)
    return (
        f"{person.title}, {person.employer} ({start + 3} - present)",
        f"Led a team of {rng.randint(3, 9)}; cut turnaround time by {rng.randint(15, 45)}%.",
        f"Junior {person.title.split()[-1]}, {rng.choice(('Northwind', 'Contoso', 'Globex', 'Initech'))} ({start} - {start + 3})",
    )


def _lines(person: Person, layout: str, experience: tuple[str, ...]) -> list[tuple[str, str]]:
    """(style, text) lines of a resume: style is name | contact | heading | text."""
    if layout == "labelled":
        head = [("name", "CURRICULUM VITAE"), ("contact", f"Name: {person.name}"), ("contact", f"Email: {person.email}"),
                ("contact", f"Phone: {person.phone}"), ("contact", f"Location: {person.city}")]
    else:
        head = [("name", person.name), ("text", person.title),
                ("contact", f"{person.email} | {person.phone} | {person.city}")]
    return [
        *head,
        ("heading", "Summary"),
        ("text", f"{person.title} with a track record at {person.employer}."),
        ("heading", "Experience"),
        *(("text", line) for line in experience),
        ("heading", "Education"),
        ("text", f"{person.degree}, {person.school}"),
        ("heading", "Skills"),
        ("text", ", ".join(person.skills)),
    ]


def _pdf(person: Person, layout: str, experience: tuple[str, ...]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    regular, bold = _fonts(pdfmetrics, TTFont)
    buffer = io.BytesIO()
    # invariant=1: no timestamp or random ID in the file, so the same resume always has the same sha256.
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(f"Resume - {person.name}")
    width, height = A4
    y = height - 60
    lines = _lines(person, layout, experience)
    if layout == "sidebar":
        # Contact details in a right-hand column: the reading order must come from positions.
        pdf.setFont(regular, 9)
        for i, text in enumerate((person.email, person.phone, person.city)):
            pdf.drawString(width - 190, height - 60 - i * 14, text)
        lines = [line for line in lines if line[0] != "contact"]
    for style, text in lines:
        size = {"name": 20, "heading": 12}.get(style, 10)
        pdf.setFont(bold if style in ("name", "heading") else regular, size)
        y -= 6 if style == "heading" else 0
        pdf.drawString(50, y, text)
        y -= size + 6
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _fonts(pdfmetrics, TTFont) -> tuple[str, str]:
    """DejaVu when the machine has it (every accent renders); Helvetica otherwise (Latin-1 only)."""
    for folder in (Path("/usr/share/fonts/truetype/dejavu"),):
        if (folder / "DejaVuSans.ttf").exists() and (folder / "DejaVuSans-Bold.ttf").exists():
            pdfmetrics.registerFont(TTFont("DejaVu", str(folder / "DejaVuSans.ttf")))
            pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(folder / "DejaVuSans-Bold.ttf")))
            return "DejaVu", "DejaVu-Bold"
    return "Helvetica", "Helvetica-Bold"


def _docx(person: Person, layout: str, experience: tuple[str, ...]) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.created = datetime(2026, 1, 1)  # fixed metadata: same bytes every build
    document.core_properties.modified = datetime(2026, 1, 1)
    document.core_properties.last_modified_by = "samples"
    lines = _lines(person, layout, experience)
    if layout == "sidebar":
        # Contact details in a table, as many Word templates do: extractors must read tables too.
        document.add_heading(person.name, level=0)
        table = document.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, (person.email, person.phone, person.city)):
            cell.text = text
        lines = [line for line in lines if line[0] not in ("contact", "name")]
    for style, text in lines:
        if style == "name":
            document.add_heading(text, level=0)
        elif style == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(content: bytes) -> bytes:
    """Rewrite a zip with fixed member dates: python-docx stamps the current time into every entry."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _txt(person: Person, layout: str, experience: tuple[str, ...]) -> str:
    out = []
    for style, text in _lines(person, layout, experience):
        out.append(text.upper() if style == "heading" else text)
        if style == "heading":
            out.append("-" * len(text))
    return "\n".join(out) + "\n"


def _html(person: Person, layout: str, experience: tuple[str, ...]) -> str:
    tags = {"name": "h1", "heading": "h2", "contact": "p", "text": "p"}
    body = "\n".join(f"<{tags[s]}>{escape(t)}</{tags[s]}>" for s, t in _lines(person, layout, experience))
    body = body.replace(escape(person.email), f'<a href="mailto:{person.email}">{escape(person.email)}</a>', 1)
    return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{escape(person.name)}</title></head>\n<body>\n{body}\n</body></html>\n'


def make_resume(person: Person, fmt: str, layout: str = "classic", seed: int = 0) -> SampleResume:
    """One resume of person in format fmt (pdf, docx, txt, html, or body for a pasted-in resume)."""
    experience = _experience(person, random.Random(f"{person.name}-{seed}"))
    stem = unicodedata.normalize("NFC", f"{person.first} {person.last} CV").replace(" ", "_")
    if fmt == "pdf":
        content = _pdf(person, layout, experience)
    elif fmt == "docx":
        content = _docx(person, layout, experience)
    elif fmt == "html":
        content = _html(person, layout, experience).encode()
    elif fmt in ("txt", "body"):
        content = _txt(person, layout, experience).encode()
    else:
        raise ValueError(f"unknown sample format {fmt!r}")
    ext = "txt" if fmt == "body" else fmt
    return SampleResume(person, fmt, layout, f"{stem}.{ext}", content, experience)


def sample_resumes(count: int = len(PEOPLE), seed: int = 7) -> list[SampleResume]:
    """count resumes cycling through people, formats and layouts (deterministic for a seed)."""
    rng = random.Random(seed)
    people = list(PEOPLE)
    rng.shuffle(people)
    return [
        make_resume(people[i % len(people)], FORMATS[i % len(FORMATS)], LAYOUTS[(i // len(FORMATS)) % len(LAYOUTS)], seed)
        for i in range(count)
    ]


# ---------- messages ----------

BASE_DATE = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def _envelope(to: str, sender: str, subject: str, index: int) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(BASE_DATE + timedelta(minutes=37 * index))
    message["Message-ID"] = f"<sample-{index:04d}@samples.resume-inbox.local>"
    return message


def resume_message(resume: SampleResume, to: str, sender: str, index: int) -> bytes:
    """A recruiter forwarding one resume: an attachment, or (format body) pasted in with a signature below."""
    subject = f"Fwd: {resume.person.title} - {resume.person.name}"
    message = _envelope(to, sender, subject, index)
    recruiter = sender.split("<")[0].strip() or "Recruiter"
    if resume.format == "body":
        message.set_content(
            f"{resume.content.decode()}\n-- \n{recruiter}\nTalent Acquisition | +1 202 555 0199\n"
            "This email and any attachments are confidential.\n"
        )
        return message.as_bytes()
    message.set_content(f"Hi,\n\nPlease find {resume.person.first}'s resume attached.\n\n{recruiter}\n")
    maintype, subtype = MIME[resume.format]
    if maintype == "text":
        message.add_attachment(resume.content.decode(), subtype=subtype, filename=resume.filename)
    else:
        message.add_attachment(resume.content, maintype=maintype, subtype=subtype, filename=resume.filename)
    return _fixed_boundary(message, index)


def zip_message(resumes: list[SampleResume], to: str, sender: str, index: int) -> bytes:
    """Several resumes in one zip: only the first is processed, and the recruiter is told so."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for resume in resumes:
            info = zipfile.ZipInfo(resume.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED  # a ZipInfo defaults to stored, which no zip tool does
            archive.writestr(info, resume.content)
    message = _envelope(to, sender, "Fwd: candidates from the job fair (zip)", index)
    message.set_content("Hi,\n\nA zip with the resumes from the fair.\n")
    message.add_attachment(buffer.getvalue(), maintype="application", subtype="zip", filename="job-fair-resumes.zip")
    return _fixed_boundary(message, index)


def file_message(path: Path, to: str, sender: str, index: int) -> bytes:
    """A real resume file, attached as it is (the type left for the pipeline to sniff)."""
    message = _envelope(to, sender, f"Fwd: resume {path.name}", index)
    message.set_content(f"Hi,\n\nResume attached: {path.name}.\n")
    message.add_attachment(path.read_bytes(), maintype="application", subtype="octet-stream", filename=path.name)
    return _fixed_boundary(message, index)


def _fixed_boundary(message: EmailMessage, index: int) -> bytes:
    """The email package picks a random MIME boundary; a fixed one keeps the demo's bytes (and sha256) stable."""
    message.set_boundary(f"==sample-boundary-{index:04d}==")
    return message.as_bytes()


CORPUS_SUFFIXES = {".pdf", ".docx", ".doc", ".rtf", ".odt", ".txt", ".html", ".htm"}


def demo_messages(to: str, sender: str, corpus_dir: Path | None = None, count: int = len(PEOPLE)) -> list[tuple[str, bytes]]:
    """(name, raw) of every demo message: generated resumes, one zip, and each corpus resume when given."""
    resumes = sample_resumes(count)
    messages = [(f"sample-{i:03d}", resume_message(r, to, sender, i)) for i, r in enumerate(resumes)]
    messages.append(("sample-zip", zip_message(resumes[:2], to, sender, len(resumes))))
    if corpus_dir is not None and corpus_dir.is_dir():
        files = sorted(p for p in corpus_dir.iterdir() if p.suffix.lower() in CORPUS_SUFFIXES)
        offset = len(messages)
        messages += [(f"corpus-{p.stem}", file_message(p, to, sender, offset + i)) for i, p in enumerate(files)]
    return messages


def fill_maildir(inbox_dir: Path, messages: list[tuple[str, bytes]]) -> int:
    """Drop each message into inbox_dir/new once (skipped when already there, new or read); returns how many."""
    for sub in ("tmp", "new", "cur"):
        (inbox_dir / sub).mkdir(parents=True, exist_ok=True)
    added = 0
    for name, raw in messages:
        key = f"{name}.demo"
        if (inbox_dir / "new" / key).exists() or any((inbox_dir / "cur").glob(f"{key}:*")):
            continue
        tmp = inbox_dir / "tmp" / key
        tmp.write_bytes(raw)
        tmp.rename(inbox_dir / "new" / key)
        added += 1
    return added
