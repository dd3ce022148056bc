"""One settings object for the whole product; only entry points call get_settings()."""

import re
from functools import lru_cache
from pathlib import Path

from pydantic import field_serializer, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RESUME_INBOX_", env_file=".env", extra="ignore")

    home: Path = Path("~/.resume-inbox")  # database, archive, files, inbox, outbox live here
    database_url: str = ""  # empty: SQLite file under home; postgresql+psycopg://... in production
    mailbox_urls: str = ""  # empty: the Maildir under home/inbox; comma-separated maildir:///path or imap://user:pw@host:port/INBOX
    smtp_url: str = ""  # empty: the outbox Maildir under home/outbox; smtp://user:pw@host:port
    mail_from: str = "Resume Inbox <resume-inbox@localhost>"
    import_domain: str = "import.resume-inbox.local"  # import addresses are <random>@import_domain
    dashboard_url: str = "http://localhost:8501"  # base of the Save / Review / Cancel links
    link_ttl_days: int = 14
    retention_days: int = 30  # pending drafts older than this are purged
    max_attachment_bytes: int = 20 * 1024 * 1024
    max_message_bytes: int = 60 * 1024 * 1024
    max_documents_per_message: int = 20
    max_unzipped_bytes: int = 50 * 1024 * 1024
    max_archive_depth: int = 2
    ocr: bool = True  # OCR PDFs without a text layer (tesseract)

    @field_serializer("database_url", "mailbox_urls", "smtp_url", when_used="json")
    def _hide_passwords(self, urls: str) -> str:
        """Prefect stores flow parameters (these settings among them) as JSON on its server: never the passwords."""
        return re.sub(r"(://[^:/@,]*:)[^/,]*@", r"\1***@", urls)

    @field_validator("home", mode="after")
    @classmethod
    def _expand_home(cls, home: Path) -> Path:
        return home.expanduser().resolve()

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'resume-inbox.db'}"

    @property
    def inbox_dir(self) -> Path:
        return self.home / "inbox"

    @property
    def outbox_dir(self) -> Path:
        return self.home / "outbox"

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    @property
    def files_dir(self) -> Path:
        return self.home / "files"

    @property
    def mailboxes(self) -> list[str]:
        urls = [u.strip() for u in self.mailbox_urls.split(",") if u.strip()]
        return urls or [f"maildir://{self.inbox_dir}"]


@lru_cache
def get_settings() -> Settings:
    return Settings()
