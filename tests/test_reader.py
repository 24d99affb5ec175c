"""The commands that only read (`archive sql`, `stats`, `quotes`, ...) read a SQLite archive with
the standard library alone (archive.reader): the same answers as through SQLAlchemy, and anything
the reader cannot open alone is left to open_archive, which explains or upgrades."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from archive.cli import cli
from archive.db import open_archive
from archive.query import stats
from archive.reader import open_reader
from archive.readonly import run_read_only

pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def archive_file(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("reader") / "seeds.sqlite"
    result = CliRunner().invoke(cli, ["--db", str(db), "import", "-q", "--jobs", "1", str(SEEDS)])
    assert result.exit_code == 0, result.output
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # a copy of the file is whole
    return db


def _copy(archive_file: Path, tmp_path: Path) -> Path:
    db = tmp_path / "copy.sqlite"
    shutil.copy(archive_file, db)
    return db


def _other_revision(db: Path) -> None:
    with sqlite3.connect(db) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")


def _rollback_journal(db: Path) -> None:
    sqlite3.connect(db).execute("PRAGMA journal_mode = DELETE").fetchall()


def _not_an_archive(db: Path) -> None:
    db.unlink()
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE notes (n TEXT)")


def _text_file(db: Path) -> None:
    db.write_text("not a database at all\n", encoding="utf-8")


@pytest.mark.parametrize("change, url, opens", [
    (None, "sqlite:///{db}", True),
    (None, "sqlite:///{db}?timeout=5", False),                  # options: SQLAlchemy reads the URL
    (None, "sqlite:///{db}.missing", False),
    (None, "postgresql+psycopg://user@localhost/archive", False),
    (_other_revision, "sqlite:///{db}", False),                 # open_archive refuses it
    (_rollback_journal, "sqlite:///{db}", False),               # open_archive sets WAL first
    (_not_an_archive, "sqlite:///{db}", False),
    (_text_file, "sqlite:///{db}", False),
])
def test_the_reader_opens_an_archive_at_head_and_nothing_else(archive_file, tmp_path, change, url, opens):
    db = _copy(archive_file, tmp_path)
    if change:
        change(db)
    before = db.read_bytes()
    conn = open_reader(url.format(db=db))
    try:
        assert (conn is not None) == opens
        if conn is not None:
            assert conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] > 0
    finally:
        if conn is not None:
            conn.close()
    assert db.read_bytes() == before  # looked at, never changed
    assert not Path(f"{db}.missing").exists()


@pytest.mark.parametrize("query", [
    "SELECT * FROM who_said_what ORDER BY quote_id",
    "SELECT speaker, COUNT(*) AS n FROM who_said_what GROUP BY speaker ORDER BY n DESC, speaker",
    "SELECT * FROM events_timeline ORDER BY event_id",
    "PRAGMA table_info(quotes)",
    "SELECT 1 WHERE 0",
])
def test_both_paths_give_the_same_rows(archive_file, query):
    url = f"sqlite:///{archive_file}"
    conn = open_reader(url)
    assert conn is not None
    try:
        through_sqlite3 = run_read_only(conn, query)
    finally:
        conn.close()
    assert through_sqlite3 == run_read_only(open_archive(url, create=False), query)


@pytest.mark.parametrize("table, args", [
    ("who_said", (None, 100)),
    ("who_said", ("zelensk", 5)),
    ("who_said", ("nobody by this name", 5)),
    ("articles", (None, 50)),
    ("articles", ("wesleyan", 2)),
    ("speakers", (None, 50)),
    ("speakers", ("macron", 50)),
    ("events", (None, None, 50)),
    ("events", ("attack", "kyiv", 50)),
    ("search", ("attack",)),
    ("search", ("peace talks", None, None, True)),
    ("search", ("kyiv", "zelensk")),
    ("search", ("drone", None, "2025-01-01")),
    ("search", ("no match for this word xyzzy",)),
    ("article_detail", (1,)),
    ("article_detail", (999_999,)),
    ("speaker_detail", (1,)),
    ("speaker_detail", (999_999,)),
    ("event_detail", (1,)),
])
def test_the_commands_tables_are_the_same_on_both_paths(archive_file, table, args):
    from archive import query

    url = f"sqlite:///{archive_file}"
    conn = open_reader(url)
    assert conn is not None
    try:
        through_sqlite3 = getattr(query, table)(conn, *args)
    finally:
        conn.close()
    assert through_sqlite3 == getattr(query, table)(open_archive(url, create=False), *args)


def test_a_bad_search_fails_alike_on_both_paths(archive_file):
    from archive import query
    from archive.errors import QueryError

    url = f"sqlite:///{archive_file}"
    conn = open_reader(url)
    assert conn is not None
    messages = []
    for source in (conn, open_archive(url, create=False)):
        with pytest.raises(QueryError) as failed:  # FTS5 refuses a bare operator
            query._read(source, "SELECT * FROM quotes_fts WHERE quotes_fts MATCH 'AND'", {}, failed="search failed")
        messages.append(str(failed.value))
    conn.close()
    assert messages[0] == messages[1] and messages[0].startswith("search failed: ")


def test_both_paths_count_the_same(archive_file):
    url = f"sqlite:///{archive_file}"
    conn = open_reader(url)
    assert conn is not None
    try:
        counts = stats(conn)
    finally:
        conn.close()
    assert counts == stats(open_archive(url, create=False))
    assert counts["quotes"] > 0 and counts["articles"] == 4


@pytest.mark.parametrize("args", [["sql", "SELECT COUNT(*) FROM quotes"], ["stats"], ["quotes", "-n", "3"],
                                  ["speakers", "list"], ["speakers", "show", "1"], ["events", "list"],
                                  ["events", "show", "1"], ["articles", "list"], ["articles", "show", "1"],
                                  ["search", "attack"]])
def test_read_commands_start_without_sqlalchemy(archive_file, args):
    """What makes them fast: SQLAlchemy is not even imported (0.25-0.35 s of a 0.5 s command)."""
    script = ("import sys\nfrom archive.cli import cli\n"
              f"cli.main({['--db', str(archive_file), *args]!r}, standalone_mode=False)\n"
              "print('sqlalchemy' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"


def test_an_archive_the_reader_leaves_alone_is_explained_as_before(archive_file, tmp_path):
    db = _copy(archive_file, tmp_path)
    _other_revision(db)
    for args in (["sql", "SELECT 1"], ["stats"]):
        result = CliRunner().invoke(cli, ["--db", str(db), *args])
        assert result.exit_code == 1 and "9999_from_the_future, which this version" in result.output
    missing = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.sqlite"), "sql", "SELECT 1"])
    assert missing.exit_code == 1 and "no archive at" in missing.output
    assert not (tmp_path / "none.sqlite").exists()


@pytest.fixture(scope="module")
def dated_archive(tmp_path_factory) -> Path:
    """The seeds with publication dates, two on the same day (the file name breaks the tie), one
    undated, and a second version of one of them (its first version must not show)."""
    import json

    folder = tmp_path_factory.mktemp("dated")
    dates = ["2025-03-02", None, "2025-03-02", "2025-01-15"]
    for path, day in zip(sorted(SEEDS.glob("*.txt")), dates):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        if day:
            (folder / f"{path.stem}.meta.json").write_text(json.dumps({"published": day}), encoding="utf-8")
    db = folder / "dated.sqlite"
    assert CliRunner().invoke(cli, ["--db", str(db), "import", "-q", "--jobs", "1", str(folder)]).exit_code == 0
    first = sorted(folder.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\"We will rebuild,\" the mayor said.\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["--db", str(db), "import", "-q", "--jobs", "1", str(folder)]).exit_code == 0
    return db


@pytest.mark.parametrize("limit", [1, 3, 20, 1000])
def test_archive_quotes_lists_the_view_in_its_order(dated_archive, limit):
    """who_said's first quotes, written on the tables so SQLite walks articles in date order, are
    who_said_what's first quotes: the same rows in the same order, old versions left out."""
    from archive.query import who_said

    url = f"sqlite:///{dated_archive}"
    view = ("SELECT quote_id, speaker, verb, quote, outlet, published_on, article_file FROM who_said_what "
            "ORDER BY published_on, article_file, start_char, quote_id LIMIT :n")
    conn = open_reader(url)
    assert conn is not None
    try:
        expected = [tuple(r) for r in conn.execute(view, {"n": limit})]
        assert who_said(conn, None, limit)[1] == expected
        total, = conn.execute("SELECT COUNT(*) FROM who_said_what").fetchone()
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE superseded_by IS NOT NULL").fetchone() == (1,)
    finally:
        conn.close()
    assert who_said(open_archive(url, create=False), None, limit)[1] == expected
    assert len(expected) == min(limit, total) and total > 20


@pytest.mark.parametrize("name", ["a", "zelenskyy", "LYSAK", "nobody at all", "%", "_"])
@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_archive_quotes_of_a_name_lists_the_view_in_its_order_either_way(dated_archive, name, limit):
    """Both ways to find a name's quotes (articles by date, or the speakers' quotes) give the view's
    rows in its order, and who_said gives them on either source."""
    from archive.query import _WHO_SAID_NAMED, who_said

    url = f"sqlite:///{dated_archive}"
    view = ("SELECT quote_id, speaker, verb, quote, outlet, published_on, article_file FROM who_said_what "
            "WHERE LOWER(speaker) LIKE :speaker ORDER BY published_on, article_file, start_char, quote_id LIMIT :limit")
    params = {"speaker": f"%{name.lower()}%", "limit": limit}
    conn = open_reader(url)
    assert conn is not None
    try:
        expected = [tuple(r) for r in conn.execute(view, params)]
        for sql in _WHO_SAID_NAMED.values():
            assert [tuple(r) for r in conn.execute(sql, params)] == expected
        assert who_said(conn, name, limit)[1] == expected
    finally:
        conn.close()
    assert who_said(open_archive(url, create=False), name, limit)[1] == expected
    assert bool(expected) == (name != "nobody at all")


@pytest.mark.parametrize("name, limit, plan", [
    ("a", 1, "by date"),             # most quotes are of a speaker with an 'a': a few articles hold the first
    ("lysak", 20, "by speaker"),     # three quotes: read them, not the archive
    ("nobody at all", 20, "by speaker"),
])
def test_archive_quotes_of_a_name_reads_the_fewer_rows(dated_archive, name, limit, plan):
    from archive.query import _named_plan

    conn = open_reader(f"sqlite:///{dated_archive}")
    assert conn is not None
    try:
        assert _named_plan(conn, f"%{name}%", limit) == plan
    finally:
        conn.close()
