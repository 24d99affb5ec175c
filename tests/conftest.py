"""Fixtures: a fresh archive per test, the seeds, and a CLI runner.

An autouse fixture runs every test in its own temporary folder with
ARCHIVE_DB unset, so no test can touch a user's archive.sqlite.
"""
from __future__ import annotations

import os
import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
DATA = REPO / "tests" / "data"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHIVE_DB", raising=False)
    monkeypatch.delenv("ARCHIVE_DEBUG", raising=False)


#: Set to an admin URL (postgresql://postgres@127.0.0.1:54329/postgres) to run the database
#: tests against PostgreSQL: each test gets a database of its own. .ci/run does this.
PG_ADMIN = os.environ.get("ARCHIVE_TEST_PG")


def pytest_collection_modifyitems(config, items):
    if PG_ADMIN:
        skip = pytest.mark.skip(reason="SQLite-specific (ARCHIVE_TEST_PG is set)")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: the test checks something only SQLite has")


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture
def db_url(db_path):
    """The test's archive: a SQLite file, or a fresh PostgreSQL database under ARCHIVE_TEST_PG."""
    if not PG_ADMIN:
        yield f"sqlite:///{db_path}"
        return
    from sqlalchemy import create_engine, text

    from archive.config import database_url

    admin = create_engine(database_url(PG_ADMIN), isolation_level="AUTOCOMMIT")
    name = "archive_test_" + uuid.uuid4().hex[:12]
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield database_url(PG_ADMIN.rsplit("/", 1)[0] + "/" + name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


class DB:
    """sqlite3-like access to any archive database: execute(sql with ?, params).fetchall()."""

    def __init__(self, url: str) -> None:
        from archive.db import make_engine

        self.engine = make_engine(url)

    def execute(self, sql: str, params=()):
        from sqlalchemy import text

        counter = iter(range(1000))
        sql = re.sub(r"\?", lambda m: f":p{next(counter)}", sql)
        with self.engine.begin() as conn:
            result = conn.execute(text(sql), {f"p{i}": v for i, v in enumerate(params)})
            rows = [tuple(_norm(v) for v in r) for r in result] if result.returns_rows else []
        return _Rows(rows)

    def commit(self) -> None:
        pass


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchall(self):
        return self.rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def __iter__(self):
        return iter(self.rows)


def _norm(v):
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, Decimal):
        return float(v)
    return v


def connect(url: str) -> DB:
    return DB(url)


@pytest.fixture
def run(db_url):
    """run("import", "seeds/") -> click Result, against the test's own archive."""
    runner = CliRunner()

    def _run(*args: str, input: str | None = None):
        from archive.cli import cli

        return runner.invoke(cli, ["--db", db_url, *args], input=input, catch_exceptions=False)

    return _run


@pytest.fixture
def seeded(run):
    result = run("import", "--jobs", "1", str(SEEDS))
    assert result.exit_code == 0, result.output
    return run
