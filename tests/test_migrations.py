"""Migrations: one head, upgrade from empty, models == migrated DDL, up/down consistency, views.

(The checks pytest-alembic makes, written against Alembic's API: its plugin
does not load under pytest 9.)
"""
from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from archive.db import current_revision, downgrade, make_engine, open_archive, script_directory, upgrade
from archive.models import metadata
from archive.views import load_views


def test_single_head_revision(db_url):
    assert len(script_directory(make_engine(db_url)).get_heads()) == 1


def test_upgrade_one_revision_at_a_time(db_url):
    engine = make_engine(db_url)
    revisions = list(reversed(list(script_directory(engine).walk_revisions())))
    for rev in revisions:
        upgrade(engine, rev.revision)
        assert current_revision(engine) == rev.revision


def test_models_match_the_migrated_schema(db_url):
    engine = make_engine(db_url)
    upgrade(engine, "head")
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _include_object, "compare_type": True})
        diff = compare_metadata(ctx, metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def _include_object(obj, name, type_, reflected, compare_to):
    # alembic_version and the FTS5 tables (and their shadow tables) are not models, nor PostgreSQL's
    # full-text expression indexes (to_tsvector), which SQLAlchemy models cannot state portably
    if type_ == "index" and reflected and compare_to is None and str(name).endswith("_tsv"):
        return False
    return not (type_ == "table" and reflected and compare_to is None
                and (name == "alembic_version" or "_fts" in name))


def test_up_down_consistency(db_url):
    engine = make_engine(db_url)
    revisions = list(reversed(list(script_directory(engine).walk_revisions())))
    upgrade(engine, "head")
    for rev in reversed(revisions):
        downgrade(engine, rev.down_revision or "base")
        assert current_revision(engine) == (rev.down_revision if rev.down_revision else None)
    upgrade(engine, "head")
    assert current_revision(engine) == revisions[-1].revision


def _objects(path):
    con = sqlite3.connect(path)
    try:
        return {(t, n) for t, n in con.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%'")}
    finally:
        con.close()


@pytest.mark.sqlite_only
def test_upgrade_creates_tables_and_every_view_and_base_removes_both(tmp_path):
    path = tmp_path / "a.sqlite"
    engine = open_archive(f"sqlite:///{path}")
    objects = _objects(path)
    assert {("table", "quotes"), ("table", "articles"), ("table", "speakers")} <= objects
    assert {("view", v.name) for v in load_views()} <= objects
    downgrade(engine, "base")
    assert _objects(path) <= {("table", "alembic_version")}
    upgrade(engine, "head")
    assert {("view", v.name) for v in load_views()} <= _objects(path)


@pytest.mark.sqlite_only
def test_sqlite_settings_wal_and_foreign_keys(tmp_path):
    engine = open_archive(f"sqlite:///{tmp_path / 'a.sqlite'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


@pytest.mark.sqlite_only
def test_every_view_column_has_a_declared_type(tmp_path):
    path = tmp_path / "a.sqlite"
    open_archive(f"sqlite:///{path}")
    con = sqlite3.connect(path)
    for view in load_views():
        info = con.execute(f"PRAGMA table_info({view.name})").fetchall()
        assert info, view.name
        untyped = [row[1] for row in info if not row[2]]
        assert not untyped, f"{view.name}: columns without a declared type: {untyped}"
        dates = [row[2] for row in info if row[1].endswith(("_on", "_date")) or row[1] in ("day", "event_date")]
        assert all(t == "DATE" for t in dates), (view.name, dates)
        stamps = [row[2] for row in info if row[1].endswith("_at")]
        assert all(t == "DATETIME" for t in stamps), (view.name, stamps)


@pytest.mark.sqlite_only
def test_every_view_file_documents_each_column(tmp_path):
    path = tmp_path / "a.sqlite"
    open_archive(f"sqlite:///{path}")
    con = sqlite3.connect(path)
    for view in load_views():
        columns = [row[1] for row in con.execute(f"PRAGMA table_info({view.name})")]
        assert view.description
        assert set(columns) == set(view.columns), f"{view.name}: header and columns differ"


def test_upgrade_creates_every_view_and_base_removes_everything(db_url):
    from sqlalchemy import inspect

    engine = open_archive(db_url)
    insp = inspect(engine)
    assert {"quotes", "articles", "speakers", "events"} <= set(insp.get_table_names())
    assert {v.name for v in load_views()} <= set(insp.get_view_names())
    downgrade(engine, "base")
    insp = inspect(engine)
    assert set(insp.get_table_names()) <= {"alembic_version"} and insp.get_view_names() == []


def test_the_fast_head_is_alembics_head(db_url):
    """open_archive checks the revision without Alembic, from the migration files: the same head."""
    from archive.db import known_head

    assert known_head() == script_directory(make_engine(db_url)).get_current_head()


def test_the_models_do_not_load_the_postgresql_dialect():
    """A PostgreSQL-only index keyword in a model makes SQLAlchemy import every PostgreSQL driver's
    dialect to check it: 40-50 ms in every process, SQLite ones included."""
    import subprocess
    import sys

    script = "import sys, archive.models, archive.pipeline; print('sqlalchemy.dialects.postgresql' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
