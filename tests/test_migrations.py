"""The Alembic migrations build exactly the schema models/tables.py declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from models.db import get_engine, migrate


def schema_drift(url: str) -> list:
    with get_engine(url).connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)


def test_migrations_match_the_models_on_sqlite(settings):
    assert schema_drift(settings.db_url) == []
    migrate(settings.db_url)  # a second upgrade is a no-op
    assert schema_drift(settings.db_url) == []


def test_migrations_match_the_models_on_postgresql(pg_settings):
    assert schema_drift(pg_settings.db_url) == []
