"""Decoding what a sender's mail client wrote: header values, file names, addresses, dates, text parts.

Pure functions over stdlib `email` messages; none raises on damaged input (a value it cannot decode comes
back as written, or None). tasks/split.py walks the message; this reads each piece of it.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email import errors as email_errors
from email import policy
from email.header import Header, decode_header, make_header
from email.message import Message
from email.utils import collapse_rfc2231_value, getaddresses, parsedate_to_datetime
from pathlib import PurePosixPath

# The envelope recipient (set by the delivering server, one per copy) first: it says which address this copy
# was delivered for, where To: and Cc: may name several import addresses.
RECIPIENT_HEADERS = ("delivered-to", "x-original-to", "envelope-to", "to", "cc")
ADDRESS = re.compile(r"[^\s<>\"'(),;:@]+@[^\s<>\"'(),;:@]+")




def payload(part: Message) -> bytes:
    """The part's bytes with its transfer encoding undone (empty for a multipart)."""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def part_text(part: Message) -> str:
    """A text part decoded with its declared charset, or UTF-8 / cp1252 when that is missing or wrong."""
    data = payload(part)
    charset = part.get_content_charset() or ""
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def raw_header(part: Message, name: str) -> str | None:
    """The first header of that name as written, before any decoding."""
    for key, value in part.raw_items():
        if key.lower() == name:
            return str(value) if isinstance(value, Header) else value
    return None


def disposition(part: Message) -> str:
    """"attachment", "inline" or "" (none given)."""
    value = raw_header(part, "content-disposition") or ""
    return value.split(";", 1)[0].strip().lower()


def filename(part: Message) -> str | None:
    """Decoded file name: RFC 2231 (continuations, empty charset) or RFC 2047 words, quoted or not."""
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        raw = raw_header(part, header)
        if raw is None:
            continue
        # compat32's parameter parser copes with unquoted apostrophes that policy.default drops.
        probe = Message()
        probe[header] = re.sub(r"\r?\n[ \t]+", " ", unescape(raw))
        value = probe.get_param(param, header=header)
        if isinstance(value, tuple):
            value = collapse_rfc2231_value(value, fallback_charset="utf-8")
        if isinstance(value, str) and value.strip():
            return clean_name(decode_words(value))
    return None


def clean_name(name: str) -> str:
    """A file name safe to show and store: no path, no control characters, never empty."""
    name = name.replace("\\", "/").strip().strip('"').strip()
    name = PurePosixPath(name).name if "/" in name else name  # never a path from the sender
    return "".join(ch for ch in name if ch >= " " and ch != "\x7f") or "attachment"


def unescape(value: str) -> str:
    """Raw 8-bit header bytes (kept as surrogates by the parser) read as UTF-8, or cp1252 when not UTF-8."""
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    data = value.encode("utf-8", errors="surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def decode_words(value: str) -> str:
    """RFC 2047 encoded words (=?utf-8?b?...?=) decoded; the value as written when they are broken."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (email_errors.HeaderParseError, LookupError, UnicodeDecodeError, ValueError):
        return value


def decoded_header(message: Message | None, name: str) -> str | None:
    """A header decoded as policy.default would, or word by word when its parser gives up."""
    if message is None:
        return None
    raw = raw_header(message, name)
    if raw is None:
        return None
    raw = unescape(raw)
    try:
        return str(policy.default.header_factory(name, "".join(raw.splitlines())))
    except Exception:  # CPython's header parser raises assorted errors (IndexError, AttributeError...) on damaged headers
        return decode_words(raw)


def subject(value: str | None) -> str | None:
    """One line: a folded subject's line breaks become single spaces."""
    if value is None:
        return None
    return " ".join(value.split()) if "\n" in value or "\r" in value else value.strip()


def sent_date(value: str | None) -> datetime | None:
    """The Date: header as an aware datetime (UTC when it names no zone); None when unreadable."""
    if not value:
        return None
    try:
        sent = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return sent.replace(tzinfo=timezone.utc) if sent.tzinfo is None else sent


# What each kind of machine-sent mail is called in the recruiter's and operations' words.
AUTOMATIC_MAIL = {
    "ours": "one of Resume Inbox's own emails (is a confirmation address forwarding into an import address?)",
    "bounce": "a delivery failure notice (bounce)",
    "auto_reply": "an automatic reply (out of office, vacation notice)",
    "auto_generated": "machine-generated mail (Auto-Submitted)",
}


def automatic(message: Message) -> str | None:
    """Which kind of machine-sent mail this is (a key of AUTOMATIC_MAIL), or None for mail a person sent.

    RFC 3834: never answer automatic mail; answering our own emails, bounces or out-of-office replies
    is how two robots mail each other forever.
    """
    if raw_header(message, "x-resume-inbox-kind") is not None:
        return "ours"
    _, address = sender(decoded_header(message, "from"))
    return_path = (raw_header(message, "return-path") or "").strip()
    if message.get_content_type() == "multipart/report" or return_path == "<>" or \
            (address or "").split("@")[0] in {"mailer-daemon", "postmaster"}:
        return "bounce"
    submitted = (raw_header(message, "auto-submitted") or "no").strip().lower()
    precedence = (raw_header(message, "precedence") or "").strip().lower()
    if submitted.startswith("auto-replied") or precedence == "auto_reply" or \
            any(raw_header(message, h) is not None for h in ("x-autoreply", "x-autorespond")):
        return "auto_reply"
    return None if submitted == "no" else "auto_generated"


def sender(value: str | None) -> tuple[str | None, str | None]:
    """(display name, lower-case address) of a From: value; a bare name when there is no address."""
    if not value:
        return None, None
    pairs = getaddresses([value])
    name, address = pairs[0] if pairs else ("", "")
    address = address.strip().lower() if "@" in address else ""
    if not address and not name:
        name = value.strip()
    return (name.strip() or None), (address or None)


def recipients(message: Message) -> tuple[str, ...]:
    """Every address the message was delivered to (To, Cc, Delivered-To, ...), lower case, once each."""
    values = []
    for name in RECIPIENT_HEADERS:
        for key, raw in message.raw_items():
            if key.lower() == name:
                values.append(decode_words(unescape(str(raw))))
    return addresses(values)


def addresses(values: list[str]) -> tuple[str, ...]:
    """Addresses found in header values, lower case, in order, once each."""
    seen: list[str] = []
    for _, address in getaddresses([" ".join(v.split()) for v in values]):
        # "Delivered-To: mailing list x@y" and "'x@y' <x@y>" leave words or quotes around the address.
        match = ADDRESS.search(address.lower())
        if match and match.group(0) not in seen:
            seen.append(match.group(0))
    return tuple(seen)
