"""`archive sql` never writes, never runs two statements, never runs forever.

Every attempt runs on SQLite and, in .ci/run's second run, on PostgreSQL; after
each one the archive must still hold every quote it held before.
"""
from __future__ import annotations

import pytest
from conftest import PG_ADMIN, connect

from archive.readonly import QueryError, check_statement

BYPASSES = [
    "DELETE FROM quotes",
    "WITH x AS (SELECT 1) DELETE FROM quotes",
    "SELECT 1; COMMIT; DROP TABLE quotes CASCADE",
    "SELECT 1; ROLLBACK; DELETE FROM quotes",
    "SELECT 1; COMMIT; UPDATE speakers SET canonical_name = 'x'",
    "SELECT 1; COMMIT; UPDATE quotes SET text = 'x'",
    "SELECT 1;\nDROP TABLE quotes",
    "SELECT 1 /* ; */; DROP TABLE quotes",
    "SELECT ';' ; DROP TABLE quotes",
    "SELECT $a$ ' $a$; DROP TABLE quotes; --'",
    "COMMIT",
    "ATTACH DATABASE 'other.sqlite' AS other",
    "SELECT load_extension('x')",
    "PRAGMA writable_schema = 1",
    "PRAGMA writable_schema(1)",
    "PRAGMA foreign_keys(0)",
    "PRAGMA query_only(0)",
    "PRAGMA main.query_only = 0",
    "PRAGMA locking_mode(EXCLUSIVE)",
    "PRAGMA wal_checkpoint(TRUNCATE)",
    "PRAGMA journal_mode = DELETE",
    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
    "SELECT set_config('transaction_read_only', 'off', false); DELETE FROM quotes",
    "VACUUM",
]


@pytest.mark.parametrize("query", BYPASSES)
def test_no_statement_changes_the_archive(seeded, db_url, query):
    before = connect(db_url).execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    result = seeded("sql", query)
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    db = connect(db_url)
    assert db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == before
    assert db.execute("SELECT COUNT(*) FROM speakers WHERE canonical_name = 'x'").fetchone()[0] == 0


@pytest.mark.parametrize("query", BYPASSES + ["WITH x AS (SELECT 1) DELETE FROM quotes"])
def test_no_statement_changes_the_archive_read_through_sqlalchemy(seeded, db_url, query):
    """The same on the path a SQLite archive takes when the standard library cannot open it alone
    (a URL with options; see archive.reader), which PostgreSQL always takes."""
    from archive.db import open_archive
    from archive.readonly import run_read_only

    before = connect(db_url).execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    with pytest.raises(QueryError):
        run_read_only(open_archive(db_url, create=False), query, timeout=5)
    assert connect(db_url).execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == before


@pytest.mark.parametrize("query, expected", [
    ("DELETE FROM quotes", "read-only"),
    ("SELECT 1; SELECT 2", "2 statements"),
    ("SELEC * FROM quotes", "syntax error"),
    ("PRAGMA foreign_keys(0)", "not a read"),
    ("   -- only a comment", "no query given"),
])
def test_refusals_say_why(query, expected):
    with pytest.raises(QueryError, match=expected):
        check_statement(query)


@pytest.mark.parametrize("query", [
    "SELECT 1",
    "select 1;",
    "-- the count\nSELECT COUNT(*) FROM quotes",
    "WITH q AS (SELECT 1 AS n) SELECT n FROM q",
    "SELECT 'a;b' AS s",
    "PRAGMA table_info(quotes)",
    "PRAGMA main.index_list('quotes')",
    "PRAGMA user_version",
    "EXPLAIN SELECT 1",
])
def test_reads_are_accepted(query):
    assert check_statement(query)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("query", ["PRAGMA table_info(quotes)", "PRAGMA user_version",
                                   "SELECT name FROM pragma_table_info('quotes') LIMIT 1"])
def test_read_pragmas_answer(seeded, query):
    result = seeded("sql", query, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) >= 2


def test_a_slow_query_is_stopped(seeded, db_url):
    slow = ("SELECT pg_sleep(30)" if PG_ADMIN else
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n")
    result = seeded("sql", slow, "--timeout", "0.5")
    assert result.exit_code != 0
    assert "stopped after 0.5 s" in result.output
    # the archive still answers afterwards, on the same engine and on a new one
    assert seeded("sql", "SELECT COUNT(*) AS n FROM quotes", "--format", "csv").exit_code == 0


def test_writes_inside_a_read_are_refused_by_the_database(seeded, db_url):
    """A statement that passes the parser but writes (a data-modifying WITH) fails in the database."""
    query = ("WITH d AS (DELETE FROM quotes RETURNING 1) SELECT COUNT(*) FROM d" if PG_ADMIN else
             "WITH x AS (SELECT 1) DELETE FROM quotes")
    before = connect(db_url).execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    result = seeded("sql", query)
    assert result.exit_code != 0 and "read-only" in result.output
    assert connect(db_url).execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == before
