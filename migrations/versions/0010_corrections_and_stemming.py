"""corrections that survive re-extraction (quote_curation, not_speakers); stemmed full-text search

quote_curation holds a curator's word on one quote (deleted, or said by someone else) by the
article's text and the quote's span; not_speakers the names that are never a speaker. On SQLite
the FTS5 indexes are rebuilt with the porter stemmer over unicode61 (accents folded), so that
'drone' finds 'drones'. On PostgreSQL, search uses the 'english' configuration, with GIN indexes.

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# (fts table, content table, indexed column), as in 0005
INDEXES = (("quotes_fts", "quotes", "text"), ("articles_fts", "articles", "original_text"))
PG_INDEXES = (("ix_quotes_text_tsv", "quotes", "text"), ("ix_articles_text_tsv", "articles", "original_text"))


def _fts(tokenize: str) -> None:
    for fts, table, column in INDEXES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', "
                   f"tokenize='{tokenize}')")
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END")
        op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
                   f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END")
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def upgrade() -> None:
    op.create_table(
        "quote_curation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], name=op.f("fk_quote_curation_speaker_id_speakers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_curation")),
        sa.UniqueConstraint("content_hash", "start_char", "end_char", name=op.f("uq_quote_curation_content_hash")),
    )
    op.create_table(
        "not_speakers",
        sa.Column("alias_key", sa.String(length=300), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("alias_key", name=op.f("pk_not_speakers")),
    )
    if op.get_bind().dialect.name == "sqlite":
        _fts("porter unicode61 remove_diacritics 2")
    elif op.get_bind().dialect.name == "postgresql":
        for name, table, column in PG_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} USING GIN (to_tsvector('english', {column}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _fts("unicode61 remove_diacritics 2")
    elif op.get_bind().dialect.name == "postgresql":
        for name, _, _ in PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_table("not_speakers")
    op.drop_table("quote_curation")
