"""``archive check``: is the archive whole? In the spirit of a store's own verify.

* **integrity**: SQLite's ``PRAGMA integrity_check`` (the file's structure);
* **foreign keys**: ``PRAGMA foreign_key_check`` (every row points at a row that exists);
* **full-text**: each FTS5 index matches the table it indexes (``integrity-check`` against the
  content table);
* **derived**: events and the summary tables equal what :func:`refresh_derived` computes from
  the base tables now (a crash between a change and its refresh, or a hand edit, shows here).

PostgreSQL enforces foreign keys itself and searches without a separate index, so there only the
derived tables are checked. With ``repair`` the derived tables are recomputed and the full-text
indexes rebuilt, in one transaction; the file's structure and foreign keys cannot be repaired
from inside and are only reported.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError

from ..db import for_writing
from ..models import (
    article_summary,
    event_outlets,
    events,
    outlet_summary,
    place_summary,
    speaker_days,
    speaker_outlets,
    speaker_pairs,
    speaker_summary,
)
from .derived import pending, refresh_derived

DERIVED = {t.name: t for t in (events, speaker_summary, article_summary, outlet_summary, speaker_pairs, speaker_days,
                               place_summary, speaker_outlets, event_outlets)}
FTS = ("quotes_fts", "articles_fts")


@dataclass(frozen=True, slots=True)
class Finding:
    check: str                 # integrity | foreign_keys | full_text | derived
    ok: bool
    detail: str
    repaired: bool = False


def _snapshot(conn: Connection, t: Table) -> list[tuple]:
    """A table's rows without surrogate ids (summary rows are numbered anew at each refresh)."""
    cols = [c for c in t.c if not (c.name == "id" and t is not events)]
    return sorted((tuple(r) for r in conn.execute(t.select().with_only_columns(*cols))), key=repr)


def _sqlite_checks(conn: Connection) -> list[Finding]:
    found = []
    rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
    found.append(Finding("integrity", rows == ["ok"], "ok" if rows == ["ok"] else "; ".join(rows[:5])))
    bad = conn.execute(text("PRAGMA foreign_key_check")).all()
    tables = sorted({r[0] for r in bad})
    found.append(Finding("foreign_keys", not bad, "ok" if not bad else
                         f"{len(bad)} rows point at missing rows (in {', '.join(tables)})"))
    return found


def _fts_ok(conn: Connection, fts: str) -> bool:
    savepoint = conn.begin_nested()
    try:
        conn.execute(text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"))
        return True
    except DatabaseError:
        return False
    finally:
        savepoint.rollback()


def check_archive(engine: Engine, repair: bool = False) -> list[Finding]:
    """Every check, in one transaction (committed only when ``repair`` changed something)."""
    sqlite = engine.dialect.name == "sqlite"
    findings: list[Finding] = []
    with for_writing(engine).connect() as conn:
        trans = conn.begin()
        if sqlite:
            findings += _sqlite_checks(conn)
            for fts in FTS:
                ok = _fts_ok(conn, fts)
                if not ok and repair:
                    conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))
                findings.append(Finding("full_text", ok, f"{fts}: " + ("in step" if ok else
                                        "out of step with its table"), repaired=not ok and repair))
        findings.append(_derived(conn, repair))
        if repair and any(f.repaired for f in findings):
            trans.commit()
        else:
            trans.rollback()
    return findings


def _derived(conn: Connection, repair: bool) -> Finding:
    """Recompute the derived tables and compare (kept only with ``repair``; the caller commits)."""
    left_by = pending(conn)
    savepoint = conn.begin_nested()
    try:
        before = {name: _snapshot(conn, t) for name, t in DERIVED.items()}
        refresh_derived(conn)
        stale = [name for name, rows in before.items() if _snapshot(conn, DERIVED[name]) != rows]
    except DatabaseError as exc:
        savepoint.rollback()
        reason = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
        return Finding("derived", False, f"cannot be recomputed ({reason}): fix the rows above first")
    if repair and stale:
        savepoint.commit()
    else:
        savepoint.rollback()
    detail = "in step with the base tables" if not stale else "out of step: " + ", ".join(stale)
    if stale and left_by:
        detail += f" (pending after an interrupted {left_by}: the next change, or check --repair, refreshes them)"
    return Finding("derived", not stale, detail, repaired=bool(stale) and repair)

