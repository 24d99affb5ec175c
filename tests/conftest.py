"""Fixtures: a fresh archive per test, the seeds, and a CLI runner.

An autouse fixture runs every test in its own temporary folder with
ARCHIVE_DB unset, so no test can touch a user's archive.sqlite.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHIVE_DB", raising=False)
    monkeypatch.delenv("ARCHIVE_DEBUG", raising=False)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture
def run(db_path):
    """run("import", "seeds/") -> click Result, against the test's own archive."""
    runner = CliRunner()

    def _run(*args: str, input: str | None = None):
        from archive.cli import cli

        return runner.invoke(cli, ["--db", str(db_path), *args], input=input, catch_exceptions=False)

    return _run


@pytest.fixture
def seeded(run):
    result = run("import", "--jobs", "1", str(SEEDS))
    assert result.exit_code == 0, result.output
    return run
