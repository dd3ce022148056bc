"""Test fixtures built in code: documents (reportlab, python-docx), zips and email messages (EmailMessage)."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone

# ---------- documents ----------


def make_pdf(
    lines: list[str],
    *,
    columns: list[list[str]] | None = None,
    font: str = "Helvetica",
    size: float = 12,
    links: list[str] | None = None,
    password: str | None = None,
    positioned_words: bool = False,
    letter_spacing: float = 0.0,
) -> bytes:
    """A one-page PDF with a text layer: one line of text per entry.

    columns: blocks drawn side by side under the lines, sharing baselines (x = 72, 342, ...).
    font: a standard font name or a .ttf path (registered under its file stem).
    links: URIs added as link annotations. password: encrypts the file (user password).
    positioned_words: each word drawn on its own, no space glyphs. letter_spacing: points between letters.
    """
    from pathlib import Path

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    encrypt = None
    if password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, canPrint=1)
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    if font.endswith(".ttf"):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont(Path(font).stem, font))
        font = Path(font).stem
    pdf.setFont(font, size)

    def draw(x: float, y: float, line: str) -> None:
        if positioned_words:
            for word in line.split(" "):
                pdf.drawString(x, y, word)
                x += pdf.stringWidth(word, font, size) + 0.31 * size
        elif letter_spacing:
            text = pdf.beginText(x, y)
            text.setFont(font, size)
            text.setCharSpace(letter_spacing)
            text.textLine(line)
            pdf.drawText(text)
        else:
            pdf.drawString(x, y, line)

    y = 800
    for line in lines:
        draw(72, y, line)
        y -= size + 4
    for row in range(max((len(c) for c in columns or []), default=0)):
        for index, column in enumerate(columns or []):
            if row < len(column):
                draw(72 + 270 * index, y, column[row])
        y -= size + 4
    for index, uri in enumerate(links or []):
        pdf.linkURL(uri, (72, 60 + 20 * index, 272, 75 + 20 * index), relative=0)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_scanned_pdf(lines: list[str]) -> bytes:
    """An image-only PDF (no text layer), the text drawn into a 200 dpi picture as a scanner would."""
    import os

    import reportlab
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    dpi = 200
    width, height = int(A4[0] / 72 * dpi), int(A4[1] / 72 * dpi)
    image = Image.new("L", (width, height), 255)
    pen = ImageDraw.Draw(image)
    face = ImageFont.truetype(os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf"), 40)
    for index, line in enumerate(lines):
        pen.text((150, 150 + 70 * index), line, fill=0, font=face)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx(
    lines: list[str],
    *,
    title: str | None = None,
    styled: list[tuple[str, str]] | None = None,
    bold: list[str] | None = None,
    header: str | None = None,
    footer: str | None = None,
    table: list[list[str]] | None = None,
    nested_table: list[list[str]] | None = None,
    textbox: str | None = None,
    links: list[tuple[str, str]] | None = None,
    alt_chunk: bool = False,
) -> bytes:
    """A .docx with one paragraph per entry.

    title: a Title paragraph first. styled: (style name, text) paragraphs after the lines. bold: bold
    paragraphs (14 pt) after those. header/footer: the first section's header/footer paragraph.
    table: rows of cells; nested_table: a table inside the first cell of `table`. textbox: a text box
    drawn as Word does (mc:AlternateContent with a DrawingML choice and a VML fallback holding the same text).
    links: (text, url) hyperlinks, one paragraph each. alt_chunk: an altChunk element (an embedded file).
    """
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from docx.shared import Pt

    document = docx.Document()
    if title is not None:
        document.add_paragraph(title, style="Title")
    for line in lines:
        document.add_paragraph(line)
    for style, text in styled or []:
        document.add_paragraph(text, style=style)
    for text in bold or []:
        run = document.add_paragraph().add_run(text)
        run.bold = True
        run.font.size = Pt(14)
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    if table is not None:
        grid = document.add_table(rows=len(table), cols=max(len(r) for r in table))
        for row, cells in zip(grid.rows, table):
            for cell, text in zip(row.cells, cells):
                cell.text = text
        if nested_table is not None:
            inner = grid.rows[0].cells[0].add_table(rows=len(nested_table), cols=max(len(r) for r in nested_table))
            for row, cells in zip(inner.rows, nested_table):
                for cell, text in zip(row.cells, cells):
                    cell.text = text
    namespaces = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    )
    if textbox is not None:
        box = f"<w:txbxContent><w:p><w:r><w:t>{textbox}</w:t></w:r></w:p></w:txbxContent>"
        document.add_paragraph()._p.append(parse_xml(
            f"<w:r {namespaces}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box}"
            f"</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox>"
            "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        ))
    for text, url in links or []:
        rel_id = document.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        document.add_paragraph()._p.append(parse_xml(
            f'<w:hyperlink {namespaces} r:id="{rel_id}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'
        ))
    if alt_chunk:
        document.element.body.append(parse_xml(f'<w:altChunk {namespaces} r:id="rIdMissing"/>'))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt(
    lines: list[str],
    *,
    headings: list[str] | None = None,
    table: list[list[str]] | None = None,
    frame: str | None = None,
    header: str | None = None,
) -> bytes:
    """A minimal OpenDocument text file (mimetype member first, stored).

    headings: text:h elements before the lines. table: rows of cells after them. frame: a draw:text-box
    paragraph. header: the master page's header (styles.xml).
    """
    body = "".join(f'<text:h text:outline-level="1">{h}</text:h>' for h in headings or [])
    body += "".join(f"<text:p>{line}</text:p>" for line in lines)
    if table is not None:
        rows = "".join(
            "<table:table-row>" + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in r)
            + "</table:table-row>" for r in table
        )
        body += f"<table:table>{rows}</table:table>"
    if frame is not None:
        body += f"<text:p><draw:frame><draw:text-box><text:p>{frame}</text:p></draw:text-box></draw:frame></text:p>"
    namespaces = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {namespaces} office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        if header is not None:
            archive.writestr("styles.xml", (
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {namespaces}><office:master-styles>'
                f'<style:master-page style:name="Standard"><style:header><text:p>{header}</text:p></style:header>'
                "</style:master-page></office:master-styles></office:document-styles>"
            ), compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def make_rtf(lines: list[str]) -> bytes:
    return ("{\\rtf1\\ansi " + "\\par ".join(lines) + "}").encode("ascii")


def make_html(body: str, *, head: str = "") -> bytes:
    """An HTML resume page: `body` is the inner HTML of <body>, `head` of <head>."""
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>".encode()


def make_zip(files: list[tuple[str, bytes]], *, encrypted: bool = False, stored: bool = False) -> bytes:
    """A zip of (name, bytes); encrypted=True sets the encryption flag (zipfile can't encrypt, readers check the flag);
    stored=True keeps members uncompressed, as some zip tools do."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
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


def make_tnef(files: list[tuple[str, bytes]]) -> bytes:
    """A minimal winmail.dat (TNEF) carrying files: attachment title + data attributes per file."""
    import struct

    def attribute(level: int, attribute_id: int, data: bytes) -> bytes:
        return struct.pack("<BII", level, attribute_id, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)

    raw = struct.pack("<IH", 0x223E9F78, 1) + attribute(1, 0x00089006, b"\x00\x00\x01\x00")
    raw += attribute(1, 0x00069007, struct.pack("<II", 1252, 0))
    for name, content in files:
        raw += attribute(2, 0x00069002, b"\x00" * 14)  # attAttachRendData opens an attachment
        raw += attribute(2, 0x00018010, name.encode("cp1252") + b"\x00")  # attAttachTitle
        raw += attribute(2, 0x0006800F, content)  # attAttachData
    return raw


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


# ---------- text (the input of field extraction) ----------


def make_text(*rows, links: list[str] | None = None, ocr: bool = False):
    """Text from rows: a str, or (str, {"size": 20, "bold": True, "page": 1, "top": 40, ...}); tops default to 14 pt steps."""
    from models.schemas import Line, Text

    lines = []
    for i, row in enumerate(rows):
        text, layout = (row, {}) if isinstance(row, str) else row
        layout = {"size": 10.0, "top": 40.0 + 14 * i, **layout}
        lines.append(Line(text=text, **layout))
    return Text(lines=lines, links=links or [], ocr=ocr)
