"""Test fixtures built in code: documents (reportlab, python-docx), zips and email messages (EmailMessage)."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone

# ---------- documents ----------


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer: one line of text per entry."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx(lines: list[str]) -> bytes:
    """A .docx with one paragraph per entry."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt(lines: list[str]) -> bytes:
    """A minimal OpenDocument text file (mimetype member first, stored)."""
    body = "".join(f"<text:p>{line}</text:p>" for line in lines)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def make_rtf(lines: list[str]) -> bytes:
    return ("{\\rtf1\\ansi " + "\\par ".join(lines) + "}").encode("ascii")


def make_zip(files: list[tuple[str, bytes]], *, encrypted: bool = False) -> bytes:
    """A zip of (name, bytes); encrypted=True sets the encryption flag (zipfile can't encrypt, readers check the flag)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    data = buffer.getvalue()
    if encrypted:
        # zipfile resets flag_bits when writing, so set the "encrypted" bit in the local and central headers afterwards.
        out = bytearray(data)
        for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = out.find(signature)
            while start != -1:
                out[start + flag_offset] |= 0x1
                start = out.find(signature, start + 4)
        data = bytes(out)
    return data


RESUME_LINES = [
    "Jane Example",
    "jane.example@example.com | +1 416 555 0148 | Toronto, ON",
    "Experience",
    "2019 - present  Senior Data Engineer, Northwind Traders",
    "2015 - 2019  Data Engineer, Contoso",
    "Education",
    "2011 - 2015  BSc Computer Science, University of Example",
    "Skills",
    "Python, SQL, Airflow, Prefect, PostgreSQL",
]


# ---------- messages ----------

MAIN_TYPES = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".doc": ("application", "msword"),
    ".odt": ("application", "vnd.oasis.opendocument.text"),
    ".rtf": ("application", "rtf"),
    ".zip": ("application", "zip"),
    ".png": ("image", "png"),
    ".jpg": ("image", "jpeg"),
    ".ics": ("text", "calendar"),
    ".vcf": ("text", "vcard"),
    ".eml": ("message", "rfc822"),
}


def make_message(
    to: str | list[str] = "abc123@import.resume-inbox.local",
    files: list[tuple[str, bytes]] | None = None,
    body: str = "Please find the CV attached.\n\nBest regards,\nRita Recruiter",
    *,
    html: str | None = None,
    subject: str = "Candidate for the data role",
    sender: str = "Rita Recruiter <rita@agency.example>",
    date: datetime | None = datetime(2026, 12, 1, 9, 15, tzinfo=timezone.utc),
    cc: str | None = None,
    headers: dict[str, str] | None = None,
    content_types: dict[str, str] | None = None,
) -> EmailMessage:
    """A message as a mail client would send it: body (plain, optionally HTML too) and attachments."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to if isinstance(to, str) else ", ".join(to)
    if cc:
        message["Cc"] = cc
    message["Subject"] = subject
    if date is not None:
        message["Date"] = format_datetime(date)
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, content in files or []:
        declared = (content_types or {}).get(name)
        if declared:
            maintype, subtype = declared.split("/", 1)
        else:
            suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
            maintype, subtype = MAIN_TYPES.get(suffix, ("application", "octet-stream"))
        if maintype == "text":
            message.add_attachment(content.decode("utf-8"), subtype=subtype, filename=name)
        else:
            message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message


def make_forward(inner: EmailMessage, *, to: str = "abc123@import.resume-inbox.local", body: str = "FYI",
                 filename: str | None = None, subject: str | None = None) -> EmailMessage:
    """A message forwarding `inner` as a message/rfc822 attachment."""
    outer = make_message(to=to, body=body, subject=subject or f"Fwd: {inner['Subject']}")
    outer.add_attachment(inner, filename=filename) if filename else outer.add_attachment(inner)
    return outer
