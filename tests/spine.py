"""Helpers for the pipeline-spine tests: a routed message built by hand, readers that need no parser."""

from __future__ import annotations

from datetime import datetime, timezone

from models.schemas import Document, ExtractedFields, MessageContext, RoutedMessage, SplitMessage, Text
from models.tables import Message
from tasks.errors import UnreadableDocument
from tests.factories import make_text
from tests.seed import make_fields

SENT = datetime(2026, 12, 1, 9, 15, tzinfo=timezone.utc)


def document(index: int = 0, name: str = "jane_doe.pdf", content: bytes = b"%PDF-1.4 jane", notes: tuple[str, ...] = ()) -> Document:
    return Document(index=index, name=name, type="pdf", content=content, origin="attachment", notes=notes)


def routed(session, user, documents: tuple[Document, ...], sha: str = "a" * 64, problems: tuple[str, ...] = ()) -> RoutedMessage:
    """An archived, routed message row plus its RoutedMessage, as route.route_message would give them."""
    message = Message(sha256=sha, archive_path=f"{sha}.eml", status="routed", user_id=user.id)
    session.add(message)
    session.flush()
    split = SplitMessage(
        subject="Candidate for the data role",
        sender="rita@agency.example",
        sent_at=SENT,
        recipients=(user.import_address,),
        attachments=tuple(d.name for d in documents),
        documents=documents,
        problems=problems,
    )
    return RoutedMessage(message_id=message.id, message_sha256=sha, status="routed", user_id=user.id, documents=documents, split=split)


def reader(document: Document, *, ocr: bool = True) -> Text:
    return make_text("Jane Doe", "jane.doe@example.com")


def broken_reader(document: Document, *, ocr: bool = True) -> Text:
    raise UnreadableDocument(f"{document.name} is encrypted: we need a copy without a password.")


def extractor(fields: ExtractedFields | None = None):
    def extract(text: Text, context: MessageContext) -> ExtractedFields:
        return fields or make_fields()

    return extract
