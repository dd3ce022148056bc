"""A raw message -> its resume documents: split_message(raw, limits) -> SplitMessage.

The message is parsed once with policy.default and every part of the tree is walked (iter_attachments()
misses root attachments, files under multipart/signed, alternative and related). compat32 is used only where
policy.default is known to fail on real mail: unquoted boundaries with "=" and unquoted file name parameters.
Nothing here raises on damaged input: what we could not use becomes a recruiter-facing sentence in `problems`.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import errors as email_errors
from email import policy
from email.message import Message
from email.parser import BytesParser
from pathlib import PurePosixPath
from typing import Any

from models.schemas import Document, DocumentType, SkippedPart, SplitMessage
from tasks import mime
from tasks.body import forwarded_sender, html_to_text, resume_from_body
from tasks.sniff import describe, extension, is_ole2, is_zip, ole2_kind, sniff_type, zip_kind

log = logging.getLogger(__name__)

MB = 1024 * 1024
BINARY_DOCUMENT_TYPES = {"pdf", "docx", "doc", "rtf", "odt"}
DOCUMENT_EXTENSIONS = {".pdf": "PDF", ".docx": "Word", ".doc": "Word", ".rtf": "RTF", ".odt": "OpenDocument"}
TEXT_EXTENSIONS = {".txt", ".text", ""}
HTML_EXTENSIONS = {".htm", ".html", ".xhtml", ".doc"}  # Word could save HTML under .doc
# "ATT00001.htm", "att24916.htm": body fragments Outlook/Apple Mail add as attachments, never documents.
BODY_FRAGMENT_NAME = re.compile(r"^att\d+\.(?:html?|txt)$", re.IGNORECASE)
HIDDEN_ZIP_MEMBER = re.compile(r"(?:^|/)(?:__MACOSX/|\.[^/]*$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}
BOUNDARY_DEFECTS = (
    email_errors.NoBoundaryInMultipartDefect,
    email_errors.StartBoundaryNotFoundDefect,
    email_errors.MultipartInvariantViolationDefect,
)
MAX_MESSAGE_NESTING = 5  # forwarded inside forwarded inside ...
MAX_MIME_NESTING = 40  # multipart inside multipart
IMAGE = "image, not a resume"
NO_RESUME_FORWARDED = "forwarded message with no resume attached"
OVER_LIMIT = "over the number of documents per message"
DAMAGED_NOTE = "part of the message's structure is damaged; some of it could not be read"


@dataclass(frozen=True)
class SplitLimits:
    """Size and count limits for one message; defaults match models.settings.Settings."""

    max_attachment_bytes: int = 20 * MB
    max_documents: int = 20
    max_unzipped_bytes: int = 50 * MB
    max_archive_depth: int = 2  # a zip is depth 1, a zip inside it depth 2
    max_zip_ratio: int = 100  # uncompressed/compressed above this (and over 1 MB) is a zip bomb

    @classmethod
    def from_settings(cls, settings: Any) -> SplitLimits:
        return cls(
            max_attachment_bytes=settings.max_attachment_bytes,
            max_documents=settings.max_documents_per_message,
            max_unzipped_bytes=settings.max_unzipped_bytes,
            max_archive_depth=settings.max_archive_depth,
        )


@dataclass
class _Found:
    """What the walk collects, in document order."""

    limits: SplitLimits
    attachments: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    skipped: list[SkippedPart] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bodies: list[tuple[str, str]] = field(default_factory=list)  # (content type, text) of the message itself
    forwarded_bodies: list[tuple[str, str]] = field(default_factory=list)
    forwarded_from: str | None = None  # From: of the first attached forwarded message
    seen: dict[str, str] = field(default_factory=dict)  # sha256 -> name of the document already taken
    offered: int = 0  # documents offered to add(), duplicates and over-limit ones included
    over_limit: list[str] = field(default_factory=list)  # documents past limits.max_documents, not imported

    def skip(self, name: str | None, content_type: str, reason: str) -> None:
        self.skipped.append(SkippedPart(name=name, content_type=content_type, reason=reason))

    def problem(self, sentence: str, name: str | None, content_type: str, reason: str) -> None:
        if sentence not in self.problems:
            self.problems.append(sentence)
        self.skip(name, content_type, reason)

    def add(self, name: str, type_: DocumentType, content: bytes, origin: str, notes: tuple[str, ...] = ()) -> None:
        self.offered += 1
        document = Document(index=len(self.documents), name=name, type=type_, content=content, origin=origin, notes=notes)
        if document.sha256 in self.seen:
            self.skip(name, type_, f"same file as {self.seen[document.sha256]}")
            return
        if len(self.documents) >= self.limits.max_documents:
            self.over_limit.append(name)
            self.skip(name, type_, OVER_LIMIT)
            return
        self.seen[document.sha256] = name
        self.documents.append(document)

    def all_problems(self) -> tuple[str, ...]:
        """The problems, with one sentence naming every document past the limit (known only once the walk ends)."""
        if not self.over_limit:
            return tuple(self.problems)
        limit = self.limits.max_documents
        sentence = (
            f"We import at most {limit} resumes from one message, so these {len(self.over_limit)} were not imported: "
            f"{', '.join(self.over_limit)}. Please send them in another email."
        )
        return (*self.problems, sentence)


# ---------- entry point ----------


def split_message(raw: bytes, limits: SplitLimits | None = None) -> SplitMessage:
    """Raw RFC 5322 (or Outlook .msg) bytes -> decoded headers, resume documents, skipped parts and problems."""
    limits = limits or SplitLimits()
    if is_ole2(raw):
        return _split_outlook_message(raw, limits)
    try:
        headers, tree = _parse(raw)
    except RecursionError:  # the stdlib parser recurses once per nested message: thousands of them exhaust the stack
        return SplitMessage(subject=None, sender=None, sent_at=None,
                            problems=("The message is nested too deeply for us to read.",))
    found = _Found(limits)
    _walk(tree, found, origin="attachment", prefix="", body_sink=found.bodies, level=0)
    return _result(found, subject=mime.decoded_header(headers, "subject"), from_header=mime.decoded_header(headers, "from"),
                   sent_at=mime.sent_date(mime.decoded_header(headers, "date")), recipients=mime.recipients(headers),
                   automatic=mime.automatic(headers))


def _result(found: _Found, *, subject: str | None, from_header: str | None, sent_at: datetime | None,
            recipients: tuple[str, ...], automatic: str | None = None) -> SplitMessage:
    """What a walk found, as the one value both readers (RFC 5322 and Outlook .msg) return."""
    sender_name, sender = mime.sender(from_header)
    _body_fallback(found, sender_name)
    body_text = _body_text(found.bodies).strip()
    return SplitMessage(
        subject=mime.subject(subject),
        sender=sender,
        sender_name=sender_name,
        sent_at=sent_at,
        recipients=recipients,
        attachments=tuple(found.attachments),
        documents=tuple(found.documents),
        skipped=tuple(found.skipped),
        problems=found.all_problems(),
        notes=tuple(found.notes),
        body_text=body_text,
        forwarded_from=found.forwarded_from or forwarded_sender(body_text),
        automatic=automatic,
    )


def _parse(raw: bytes) -> tuple[Message, Message]:
    """(message for headers, tree to walk): policy.default, with compat32's tree where boundaries defeat it."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if any(isinstance(d, BOUNDARY_DEFECTS) for part in message.walk() for d in part.defects):
        # policy.default can't split unquoted boundaries containing "="; compat32 does (STACK-NOTES "Mail").
        fallback = BytesParser(policy=policy.compat32).parsebytes(raw)
        if not any(isinstance(d, BOUNDARY_DEFECTS) for part in fallback.walk() for d in part.defects):
            return message, fallback
    return message, message


# ---------- walking the tree ----------


def _walk(part: Message, found: _Found, *, origin: str, prefix: str, body_sink: list | None, level: int,
          in_related: bool = False, nest: int = 0) -> None:
    ctype = part.get_content_type()
    if nest > MAX_MIME_NESTING:  # no mail client nests this deep; hostile input could exhaust the stack
        if DAMAGED_NOTE not in found.notes:
            found.notes.append(DAMAGED_NOTE)
        return
    if ctype in ("message/rfc822", "message/global"):
        _forwarded(part, found, origin=origin, prefix=prefix, level=level)
        return
    if part.is_multipart():
        children = [c for c in part.get_payload() if isinstance(c, Message)]
        chosen = _chosen_alternative(children) if ctype == "multipart/alternative" else None
        for child in children:
            sink = body_sink if chosen is None or child is chosen else None
            _walk(child, found, origin=origin, prefix=prefix, body_sink=sink, level=level,
                  in_related=in_related or ctype == "multipart/related", nest=nest + 1)
        return
    name = mime.filename(part)
    disposition = mime.disposition(part)
    if name is None and disposition != "attachment" and ctype in ("text/plain", "text/html"):
        if body_sink is not None:
            body_sink.append((ctype, mime.part_text(part)))
        return
    if ctype.startswith("multipart/") or ctype.startswith("message/"):
        # A container the parser could not split (damaged boundaries): nothing in it is a file we can trust.
        # An empty one lost nothing (a message over max_message_bytes is split from its headers alone): no note.
        payload = part.get_payload()
        lost = bool(payload.strip()) if isinstance(payload, (str, bytes)) else bool(payload)
        if lost and DAMAGED_NOTE not in found.notes:
            found.notes.append(DAMAGED_NOTE)
        if name is not None:
            found.skip(name, ctype, "a damaged or unsupported message part")
        return
    cid_inline = in_related and mime.raw_header(part, "content-id") is not None and disposition != "attachment"
    if name is None and disposition != "attachment" and ctype.startswith("text/") and ctype not in _REASONS:
        return  # another rendering of the body (text/watch-html, text/enriched): not a file
    if (name is not None or disposition == "attachment") and not cid_inline:
        found.attachments.append(prefix + (name or f"unnamed {ctype} part"))
    content = mime.payload(part)
    inline = cid_inline or disposition == "inline" or (in_related and name is None)
    _consider(name, content, ctype, found, origin=origin, prefix=prefix, depth=0, inline=inline, level=level)


_REASONS = {
    "text/calendar": "calendar invite",
    "application/ics": "calendar invite",
    "text/vcard": "contact card (vCard)",
    "text/x-vcard": "contact card (vCard)",
    "text/directory": "contact card (vCard)",
    "application/pkcs7-signature": "S/MIME signature",
    "application/x-pkcs7-signature": "S/MIME signature",
    "application/pgp-signature": "PGP signature",
    "application/pgp-keys": "PGP key",
    "message/delivery-status": "delivery report",
    "message/disposition-notification": "read receipt",
}
_REASONS_BY_EXTENSION = {
    ".ics": "calendar invite",
    ".vcs": "calendar invite",
    ".vcf": "contact card (vCard)",
    ".p7s": "S/MIME signature",
    ".asc": "PGP signature",
    ".sig": "PGP signature",
}


def _chosen_alternative(children: list[Message]) -> Message | None:
    """The alternative whose text becomes the body: plain text with visible text, else HTML."""
    for wanted in ("text/plain", "text/html"):
        for child in children:
            if child.get_content_type() == wanted and mime.filename(child) is None and mime.part_text(child).strip():
                return child
    for child in reversed(children):  # RFC 2046: the last one is the richest
        if child.is_multipart():
            return child
    return children[0] if children else None


def _forwarded(part: Message, found: _Found, *, origin: str, prefix: str, level: int) -> None:
    """A message/rfc822 part: one attachment entry, and its own attachments under it."""
    name = mime.filename(part)
    if level + 1 > MAX_MESSAGE_NESTING:
        found.attachments.append(prefix + (name or "forwarded message.eml"))
        found.problem(f"{name or 'A forwarded message'} holds messages forwarded too many times over; we did not open it.",
                      name, "message/rfc822", "forwarded messages nested too deep")
        return
    inner = _inner_message(part)
    if name is None:
        subject = mime.subject(mime.decoded_header(inner, "subject")) if inner is not None else None
        name = f"{subject or 'forwarded message'}.eml"
    found.attachments.append(prefix + name)
    if inner is not None and found.forwarded_from is None:
        found.forwarded_from = mime.decoded_header(inner, "from")
    if inner is None:
        found.problem(f"We could not read the forwarded message {name}.", name, "message/rfc822", "unreadable forwarded message")
        return
    before = found.offered
    _walk(inner, found, origin=f"forwarded:{name}", prefix=f"{prefix}{name}/", body_sink=found.forwarded_bodies,
          level=level + 1)
    if found.offered == before:
        found.skip(name, "message/rfc822", NO_RESUME_FORWARDED)


def _inner_message(part: Message) -> Message | None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload and isinstance(payload[0], Message) else None
    encoding = (mime.raw_header(part, "content-transfer-encoding") or "").strip().lower()
    if encoding in ("base64", "quoted-printable") and inner is not None:
        # RFC 2046 forbids encoding message/rfc822, but GroupWise and SwiftMailer do it: the parser then reads
        # the base64 text as a header-less message; decode it and parse what it really holds.
        text = inner.get_payload() if not inner.keys() else inner.as_string(policy=policy.compat32)
        if isinstance(text, str):
            data = text.encode("ascii", errors="ignore")
            try:
                decoded = base64.b64decode(data) if encoding == "base64" else binascii.a2b_qp(data)
            except (binascii.Error, ValueError):
                return inner
            try:
                return _parse(decoded)[1]
            except RecursionError:  # see split_message
                return None
    return inner


def _consider(name: str | None, content: bytes, declared: str, found: _Found, *, origin: str, prefix: str,
              depth: int, inline: bool, level: int) -> None:
    """One file (attachment, zip member, TNEF or .msg attachment): a document, a skipped part or a problem."""
    label = name or f"the unnamed {declared} part"
    ext = extension(name)
    reason = _REASONS.get(declared) or _REASONS_BY_EXTENSION.get(ext)
    if reason:
        found.skip(name, declared, reason)
        return
    if declared in ("application/pkcs7-mime", "application/x-pkcs7-mime", "application/pgp-encrypted") or ext == ".p7m":
        found.problem("The message is encrypted; please send it again without encryption.", name, declared,
                      "encrypted message")
        return
    if len(content) > found.limits.max_attachment_bytes:
        found.problem(f"{label} is larger than {found.limits.max_attachment_bytes // MB} MB, so we did not import it.",
                      name, declared, "over the attachment size limit")
        return
    if not content:
        found.skip(name, declared, "empty file")
        return
    if declared in TNEF_TYPES or (name or "").lower() == "winmail.dat" or content[:4] == b"\x78\x9f\x3e\x22":
        _tnef(name, content, declared, found, prefix=prefix, level=level)
        return
    archive_kind = zip_kind(content) if is_zip(content) else None
    if archive_kind == "zip" or (archive_kind == "broken" and (ext == ".zip" or "zip" in declared)):
        _zip(name or "archive.zip", content, found, origin=origin, depth=depth + 1)
        return
    if is_ole2(content) and ole2_kind(content) == "msg":
        _outlook_attachment(name or "message.msg", content, found, prefix=prefix, level=level)
        return
    type_, reason, sentence = _classify(name, content, declared)
    if type_ is not None:
        found.add(name or f"attachment.{type_}", type_, content, origin)
    elif sentence:
        found.problem(sentence, name, declared, reason)
    elif inline and reason == IMAGE:
        found.skip(name, declared, "inline image")
    else:
        found.skip(name, declared, reason)


def _classify(name: str | None, content: bytes, declared: str) -> tuple[DocumentType | None, str, str | None]:
    """(type, "", None) for a resume file; else (None, reason to skip, sentence for the recruiter or None)."""
    label = name or f"the unnamed {declared} part"
    ext = extension(name)
    sniffed = sniff_type(content, name)
    if name and BODY_FRAGMENT_NAME.match(PurePosixPath(name).name) and sniffed in ("html", "txt"):
        return None, "body fragment added by the mail client", None
    if sniffed in BINARY_DOCUMENT_TYPES:
        return sniffed, "", None
    if sniffed == "html" and (ext in HTML_EXTENSIONS or (not ext and declared == "text/html")):
        return "html", "", None
    if sniffed in ("txt", "html") and ext in TEXT_EXTENSIONS:
        if sniffed == "txt" and declared.startswith("text/") and declared not in ("text/plain", "text/html") and not ext:
            return None, f"unsupported type {declared}", None
        return "txt", "", None
    if ext in DOCUMENT_EXTENSIONS:
        sentence = f"{label} is not a readable {DOCUMENT_EXTENSIONS[ext]} file (it is {describe(content)})."
        return None, "not a readable document", sentence
    if declared.startswith("image/") or describe(content).endswith(" image"):
        return None, IMAGE, None
    return None, f"unsupported type {ext or declared}", None


def _zip(name: str, content: bytes, found: _Found, *, origin: str, depth: int, outer: str | None = None,
         top: str | None = None) -> None:
    """A zip: only its first supported file is used, and a note names it and the files not processed.

    `top` is the zip the recruiter attached: a zip inside it is named "inner.zip (in cv.zip)" in sentences.
    """
    limits = found.limits
    top = top or name
    label = name if name == top else f"{name} (in {top})"
    if depth > limits.max_archive_depth:
        found.problem(f"{top} holds zip files inside zip files, too many levels deep for us to open; please attach the "
                      "resume itself.", top, "application/zip", "archive nested too deep")
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        log.info("unreadable zip %s: %s", name, e)
        found.problem(f"{label} is not a readable zip file.", name, "application/zip", "unreadable zip")
        return
    members = [i for i in infos if not i.is_dir() and not HIDDEN_ZIP_MEMBER.search(_member_name(i))]
    if not members:
        found.problem(f"{label} is an empty zip file.", name, "application/zip", "empty zip")
        return
    if any(i.flag_bits & 0x1 for i in members):
        found.problem(f"{label} is password-protected; please send the file without a password.", name,
                      "application/zip", "encrypted zip")
        return
    if sum(i.file_size for i in members) > limits.max_unzipped_bytes or any(_bomb(i, limits) for i in members):
        found.problem(f"{label} unpacks to far more than it holds (a zip bomb?); we did not open it.", name,
                      "application/zip", "zip bomb")
        return
    names = [PurePosixPath(_member_name(i)).name for i in members]
    problems_before = len(found.problems)
    unpacked = 0
    for info, member in zip(members, names):
        try:
            with archive.open(info) as stream:
                data = stream.read(limits.max_attachment_bytes + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error) as e:
            log.info("unreadable zip member %s in %s: %s", member, name, e)
            found.problem(f"We could not unpack {member} from {label}.", name, "application/zip", "unreadable zip member")
            return
        unpacked += len(data)
        if len(data) > limits.max_attachment_bytes or unpacked > limits.max_unzipped_bytes:
            found.problem(f"{label} unpacks to more than we accept; we did not open it.", name, "application/zip",
                          "zip bomb")
            return
        if is_zip(data) and zip_kind(data) == "zip":
            before = len(found.documents)
            _zip(member, data, found, origin=origin, depth=depth + 1, outer=name, top=top)
            if len(found.documents) > before:
                return
            continue
        type_, _, _ = _classify(member, data, "application/octet-stream")
        if type_ is not None:
            zip_origin = f"zip:{outer}/{name}" if outer else f"zip:{name}"
            note = _zip_note(label, member, names)
            before = len(found.documents)
            found.add(member, type_, data, zip_origin, notes=(note,))
            if len(found.documents) > before:
                found.notes.append(note)
            return
    if len(found.problems) > problems_before:
        return  # a zip inside this one was the problem, and its sentence says so: one sentence, not one per level
    found.problem(_no_document_in_zip(label, name, names), name, "application/zip", "no supported file in zip")


def _zip_note(label: str, used: str, names: list[str]) -> str:
    """One sentence for the confirmation: the file used from a zip, and the ones not processed."""
    if len(names) == 1:
        return f"{used} came from the zip file {label}."
    others = [n for n in names if n != used]
    were = "was" if len(others) == 1 else "were"
    return (f"{label} held {len(names)} files and only {used} was processed: {_listed(others)} {were} not; send them "
            "one per email, or as separate attachments.")


def _no_document_in_zip(label: str, name: str, names: list[str]) -> str:
    """The recruiter's sentence for a zip (or a .docx/.odt that is a zip inside) holding no resume file."""
    ext = extension(name)
    if ext in DOCUMENT_EXTENSIONS:  # a Word/OpenDocument file is a zip; this one holds none of their parts
        return f"We could not open {label} as a {DOCUMENT_EXTENSIONS[ext]} document; please send it again, or as a PDF."
    return f"{label} holds no resume we can read ({_listed(names)}); please send a PDF, Word or text file."


def _listed(names: list[str], shown: int = 10) -> str:
    """"a.pdf, b.txt and c.png"; past `shown` names, "and 12 more"."""
    if len(names) > shown:
        return f"{', '.join(names[:shown])} and {len(names) - shown} more"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zip member names without the UTF-8 flag are cp437 to Python, though most such zips hold UTF-8."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _bomb(info: zipfile.ZipInfo, limits: SplitLimits) -> bool:
    return info.file_size > MB and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1)


def _tnef(name: str | None, content: bytes, declared: str, found: _Found, *, prefix: str, level: int) -> None:
    """winmail.dat: skipped unless it carries files, which are then considered like attachments."""
    from tnefparse import TNEF

    label = name or "winmail.dat"
    try:
        tnef = TNEF(content, do_checksum=False)
        files = [(_tnef_name(a), a.data) for a in tnef.attachments]
    except Exception as e:  # tnefparse raises assorted errors (struct, index, value, unicode) on damaged input
        log.info("unreadable TNEF %s: %s", label, e)
        found.skip(name, declared, "Outlook winmail.dat we could not read")
        return
    files = [(n, d) for n, d in files if isinstance(d, bytes) and d]
    if not files:
        found.skip(name, declared, "Outlook winmail.dat with no files in it")
        return
    for file_name, data in files:
        found.attachments.append(f"{prefix}{label}/{file_name}")
        _consider(file_name, data, "application/octet-stream", found, origin=f"tnef:{label}", prefix=prefix,
                  depth=0, inline=False, level=level)


def _tnef_name(attachment: Any) -> str:
    try:
        return attachment.long_filename() or attachment.name or "attachment"
    except (UnicodeDecodeError, AttributeError, IndexError, ValueError):
        return "attachment"


# ---------- Outlook .msg ----------


@dataclass
class _OutlookItem:
    subject: str | None = None
    sent_at: datetime | None = None
    sender: str | None = None
    recipients: str = ""
    body: str = ""
    html: str = ""
    files: list[tuple[str, bytes | _OutlookItem]] = field(default_factory=list)


def _read_outlook(raw: bytes | Any) -> _OutlookItem:
    """An Outlook item (bytes or an extract_msg message) as plain values; raises ValueError when unreadable."""
    import extract_msg

    try:
        msg = extract_msg.openMsg(raw) if isinstance(raw, bytes) else raw
        item = _OutlookItem(
            subject=msg.subject,
            sent_at=msg.date if isinstance(msg.date, datetime) else None,
            sender=msg.sender,
            recipients=", ".join(x for x in (msg.to, msg.cc) if x),
            body=msg.body or "",
        )
        if not item.body.strip() and msg.htmlBody:
            html = msg.htmlBody
            item.html = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else str(html)
        for attachment in msg.attachments:
            data = attachment.data
            file_name = attachment.longFilename or attachment.shortFilename or getattr(attachment, "name", None)
            if isinstance(data, bytes):
                item.files.append((file_name or "attachment", data))
            elif data is not None and hasattr(data, "attachments"):
                inner = _read_outlook(data)
                item.files.append((file_name or f"{inner.subject or 'forwarded message'}.msg", inner))
        return item
    except Exception as e:  # extract-msg/olefile raise many unrelated types on damaged or unusual items
        raise ValueError(f"unreadable Outlook item: {e}") from e


def _split_outlook_message(raw: bytes, limits: SplitLimits) -> SplitMessage:
    found = _Found(limits)
    try:
        item = _read_outlook(raw)
    except ValueError as e:
        log.info("%s", e)
        return SplitMessage(subject=None, sender=None, sent_at=None,
                            problems=("We could not read this Outlook message (.msg) file.",))
    found.bodies.append(("text/plain", item.body) if item.body.strip() else ("text/html", item.html))
    _outlook_files(item, found, origin="attachment", prefix="", level=0)
    sent_at = item.sent_at.replace(microsecond=0) if item.sent_at else None  # as precise as a Date: header
    if sent_at is not None and sent_at.tzinfo is None:
        sent_at = sent_at.replace(tzinfo=timezone.utc)
    return _result(found, subject=item.subject, from_header=item.sender, sent_at=sent_at,
                   recipients=mime.addresses([item.recipients]))


def _outlook_files(item: _OutlookItem, found: _Found, *, origin: str, prefix: str, level: int) -> None:
    for file_name, data in item.files:
        found.attachments.append(prefix + file_name)
        if isinstance(data, _OutlookItem):
            found.forwarded_from = found.forwarded_from or data.sender
            if level + 1 > MAX_MESSAGE_NESTING:
                found.skip(file_name, "application/vnd.ms-outlook", "forwarded messages nested too deep")
                continue
            found.forwarded_bodies.append(("text/plain", data.body) if data.body.strip() else ("text/html", data.html))
            _outlook_files(data, found, origin=f"forwarded:{file_name}", prefix=f"{prefix}{file_name}/", level=level + 1)
        else:
            _consider(file_name, data, "application/octet-stream", found, origin=origin, prefix=prefix, depth=0,
                      inline=False, level=level)


def _outlook_attachment(name: str, content: bytes, found: _Found, *, prefix: str, level: int) -> None:
    """An attached Outlook .msg: like a forwarded message, its attachments count."""
    try:
        item = _read_outlook(content)
    except ValueError as e:
        log.info("%s", e)
        found.problem(f"We could not read the Outlook message {name}.", name, "application/vnd.ms-outlook",
                      "unreadable Outlook item")
        return
    if level + 1 > MAX_MESSAGE_NESTING:
        found.skip(name, "application/vnd.ms-outlook", "forwarded messages nested too deep")
        return
    found.forwarded_from = found.forwarded_from or item.sender
    before = found.offered
    found.forwarded_bodies.append(("text/plain", item.body) if item.body.strip() else ("text/html", item.html))
    _outlook_files(item, found, origin=f"forwarded:{name}", prefix=f"{prefix}{name}/", level=level + 1)
    if found.offered == before:
        found.skip(name, "application/vnd.ms-outlook", NO_RESUME_FORWARDED)


# ---------- the body as a resume ----------


def _body_fallback(found: _Found, sender_name: str | None = None) -> None:
    """No resume file: the pasted resume in the body (or in a forwarded message's body) becomes body.txt."""
    if found.documents:
        return
    for bodies in (found.bodies, found.forwarded_bodies):
        resume = resume_from_body(_body_text(bodies), sender_name if bodies is found.bodies else None)
        if resume:
            found.add("body.txt", "txt", resume.encode("utf-8"), "body")
            if bodies is found.forwarded_bodies:  # the forwarded message did hold the resume, in its body
                found.skipped = [s for s in found.skipped if s.reason != NO_RESUME_FORWARDED]
            return


def _body_text(bodies: list[tuple[str, str]]) -> str:
    plain = [text for ctype, text in bodies if ctype == "text/plain" and text.strip()]
    if plain:
        return "\n\n".join(plain)
    return "\n\n".join(html_to_text(text) for ctype, text in bodies if ctype == "text/html" and text.strip())

