"""Read-only SQL for ``archive sql``: one statement, checked, then run so it cannot write.

Three layers, each enough on its own for the common attacks:

1. The statement is parsed (sqlparse): exactly one statement, starting with a
   read keyword; a ``PRAGMA`` only from an explicit list of read pragmas, and
   never with an assignment.
2. The database refuses writes: SQLite runs it with ``PRAGMA query_only`` on a
   driver that executes one statement per call; PostgreSQL runs it as a
   prepared statement (the server refuses several commands in one) inside a
   ``READ ONLY`` transaction that is always rolled back.
3. Time is bounded: a statement timeout on PostgreSQL, a progress handler on
   SQLite; Ctrl-C interrupts either.
"""
from __future__ import annotations

import re
import sqlite3
import time
from typing import TYPE_CHECKING, Any

import sqlparse

from .errors import QueryError

if TYPE_CHECKING:  # SQLAlchemy is loaded only for an archive the standard library cannot read
    from sqlalchemy.engine import Connection, Engine

#: Statements that only read.
READ_KEYWORDS = frozenset({"SELECT", "WITH", "VALUES", "EXPLAIN", "PRAGMA", "SHOW", "TABLE"})

#: Statements that change something: refused as writes (anything else is a syntax error).
WRITE_KEYWORDS = frozenset({
    "INSERT", "UPDATE", "DELETE", "REPLACE", "UPSERT", "MERGE", "CREATE", "DROP", "ALTER", "TRUNCATE",
    "ATTACH", "DETACH", "VACUUM", "REINDEX", "ANALYZE", "ANALYSE", "BEGIN", "START", "COMMIT", "END",
    "ROLLBACK", "SAVEPOINT", "RELEASE", "COPY", "GRANT", "REVOKE", "SET", "RESET", "LOCK", "CALL", "DO",
    "COMMENT", "CLUSTER", "REFRESH", "LOAD", "LISTEN", "NOTIFY", "UNLISTEN", "DISCARD", "PREPARE",
    "EXECUTE", "DEALLOCATE", "DECLARE", "FETCH", "MOVE", "CLOSE", "CHECKPOINT", "SECURITY", "IMPORT",
})

#: SQLite pragmas that only read. The ones in TABLE_PRAGMAS take an argument (a table,
#: an index, a row limit); every other pragma is refused with an argument or '='.
READ_PRAGMAS = frozenset({
    "application_id", "auto_vacuum", "cache_size", "collation_list", "compile_options", "data_version",
    "database_list", "encoding", "foreign_keys", "freelist_count", "function_list", "journal_mode",
    "module_list", "page_count", "page_size", "pragma_list", "query_only", "schema_version",
    "synchronous", "user_version",
})
TABLE_PRAGMAS = frozenset({
    "foreign_key_check", "foreign_key_list", "index_info", "index_list", "index_xinfo",
    "integrity_check", "quick_check", "table_info", "table_list", "table_xinfo",
})
_PRAGMA = re.compile(r"PRAGMA\s+(?:\w+\s*\.\s*)?(\w+)\s*(\S?)", re.IGNORECASE)

DEFAULT_TIMEOUT_S = 60.0



_READ_ONLY_HINT = ("archive sql is read-only: only one SELECT, WITH, VALUES, EXPLAIN or read PRAGMA "
                   "is allowed (use the archive commands to change data)")


def check_statement(sql: str) -> str:
    """The one read statement in ``sql``, without comments; raises QueryError otherwise."""
    statements = [s for s in (sqlparse.format(part, strip_comments=True).strip().rstrip(";").strip()
                              for part in sqlparse.split(sql)) if s]
    if not statements:
        raise QueryError("no query given (pass SQL as the argument, or '-' to read it from stdin)")
    if len(statements) > 1:
        raise QueryError(f"{_READ_ONLY_HINT}; this query has {len(statements)} statements")
    statement = statements[0]
    first = statement.split(None, 1)[0].upper().rstrip("(")
    if first in WRITE_KEYWORDS:
        raise QueryError(_READ_ONLY_HINT)
    if first not in READ_KEYWORDS:
        raise QueryError(f"syntax error: {first!r} does not start an SQL query (SELECT, WITH, ...)")
    if first == "PRAGMA":
        _check_pragma(statement)
    return statement


def _check_pragma(statement: str) -> None:
    match = _PRAGMA.match(statement)
    if not match:
        raise QueryError("syntax error in PRAGMA")
    name, after = match.group(1).lower(), match.group(2)
    if name in TABLE_PRAGMAS and after in ("", "("):
        return
    if name in READ_PRAGMAS and after == "":
        return
    raise QueryError(f"{_READ_ONLY_HINT}; PRAGMA {name}{' ' + after if after else ''} is not a read")


def run_read_only(source: Engine | sqlite3.Connection, sql: str,
                  timeout: float = DEFAULT_TIMEOUT_S) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement on an engine or on a SQLite archive's reader
    (:func:`archive.reader.open_reader`); raises QueryError for a write, a bad query or a timeout."""
    statement = check_statement(sql)
    try:
        if isinstance(source, sqlite3.Connection):
            try:
                return _run_sqlite(source, statement, timeout)
            except sqlite3.Error as exc:
                raise _query_error(exc, timeout) from None
        return _run_on_engine(source, statement, timeout)
    except KeyboardInterrupt:
        raise QueryError("query interrupted") from None


def _run_on_engine(engine: Engine, statement: str, timeout: float) -> tuple[list[str], list[tuple]]:
    from sqlalchemy.exc import SQLAlchemyError

    with engine.connect() as conn:
        try:
            if conn.dialect.name == "sqlite":
                return _run_sqlite(conn.connection.driver_connection, statement, timeout)
            return _run_postgres(conn, statement, timeout)
        except SQLAlchemyError as exc:
            raise _query_error(exc.orig if hasattr(exc, "orig") else exc, timeout) from None
        except conn.dialect.loaded_dbapi.Error as exc:  # raised by the driver connection itself
            raise _query_error(exc, timeout) from None
        finally:
            conn.rollback()


def _run_sqlite(raw: Any, statement: str, timeout: float) -> tuple[list[str], list[tuple]]:
    """On a sqlite3 connection: the statement under ``query_only`` and a progress handler."""
    deadline = time.monotonic() + timeout
    stopped: list[str] = []

    def progress() -> int:
        try:
            if time.monotonic() > deadline:
                stopped.append("timeout")
        except KeyboardInterrupt:
            stopped.append("interrupted")
        return 1 if stopped else 0

    raw.execute("PRAGMA query_only = ON")
    raw.set_progress_handler(progress, 10_000)
    try:
        cursor = raw.cursor()
        try:
            cursor.execute(statement)  # the sqlite3 module runs one statement per call
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = [tuple(r) for r in cursor.fetchall()] if columns else []
        except sqlite3.Error as exc:
            if stopped:
                raise _stopped(stopped[0], timeout) from None
            raise _query_error(exc, timeout) from None
        finally:
            cursor.close()
    finally:
        raw.set_progress_handler(None, 0)
        raw.execute("PRAGMA query_only = OFF")
    return columns, rows


def _run_postgres(conn: Connection, statement: str, timeout: float) -> tuple[list[str], list[tuple]]:
    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
    conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, int(timeout * 1000))}")
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cursor:
        # prepare=True: the extended protocol, where the server refuses a second command,
        # so nothing after a ';' can end the read-only transaction.
        cursor.execute(statement, prepare=True)
        columns = [d.name for d in cursor.description] if cursor.description else []
        rows = [tuple(r) for r in cursor.fetchall()] if columns else []
    return columns, rows


def _stopped(reason: str, timeout: float) -> QueryError:
    if reason == "timeout":
        return QueryError(f"query stopped after {timeout:g} s (--timeout)")
    return QueryError("query interrupted")


def _query_error(exc: BaseException, timeout: float) -> QueryError:
    msg = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    low = msg.lower()
    if "readonly" in low or "read-only" in low or "query_only" in low:
        return QueryError("archive sql is read-only: the statement tried to write")
    if "statement timeout" in low:
        return _stopped("timeout", timeout)
    if "canceling statement due to user request" in low or "interrupted" in low:
        return QueryError("query interrupted")
    return QueryError(f"query failed: {msg}")
