"""Reading a SQLite archive with the standard library alone, for the commands that only read.

Importing SQLAlchemy costs a command 0.25-0.35 s on this project's machine: most of what
``archive sql "select 1"`` or ``archive stats`` took. :func:`open_reader` gives a plain ``sqlite3``
connection to a SQLite archive that is already at the newest revision this code knows, in WAL
mode, set up as :func:`archive.db.make_engine` sets up its connections for reading. Anything else
(PostgreSQL, a missing file, an archive to upgrade or from a newer version, a file that is not an
archive) gets None, and the command goes through :func:`archive.db.open_archive`, which says what
is wrong or makes it right.
"""
from __future__ import annotations

import os
import re
import sqlite3
from functools import lru_cache
from pathlib import Path

from .config import BUSY_TIMEOUT_MS, MIGRATIONS_DIR

_SQLITE_FILE = "sqlite:///"
_REVISION = re.compile(r"^revision\s*=\s*['\"](\w+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*['\"](\w+)['\"]", re.M)


@lru_cache(maxsize=1)
def known_head() -> str | None:
    """The newest revision, read from the migration files without loading Alembic: the one revision
    no other revises. None when that is not clear (Alembic decides then)."""
    revisions, revised = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revisions.update(_REVISION.findall(source))
        revised.update(_DOWN.findall(source))
    heads = revisions - revised
    return next(iter(heads)) if len(heads) == 1 else None


def folder_read_only(path: Path) -> bool:
    """An existing archive in a folder this process cannot write, with no shared-memory file beside it:
    SQLite cannot open a WAL file there at all, not even to read, unless it is opened immutable."""
    return path.exists() and not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists()


def open_reader(url: str) -> sqlite3.Connection | None:
    """A connection for reading the SQLite archive at ``url`` (as :func:`archive.config.database_url`
    writes it), or None where :func:`archive.db.open_archive` must decide (see the module docstring).
    It never creates, migrates or changes the file."""
    if not url.startswith(_SQLITE_FILE) or any(c in url for c in "?%#"):
        return None  # a URL with options or escapes: SQLAlchemy reads it
    path = Path(url[len(_SQLITE_FILE):])
    if not path.is_file():
        return None
    frozen = folder_read_only(path)
    try:  # a URI: sqlite3.connect would create a file that has vanished since is_file
        target = path.resolve().as_uri() + ("?mode=ro&immutable=1" if frozen else "?mode=rw")
        conn = sqlite3.connect(target, uri=True, isolation_level=None)
    except (sqlite3.Error, ValueError):
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        stored = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        wal = frozen or str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
    except sqlite3.Error:
        stored, wal = [], False
    head = known_head()
    if head is None or stored != [(head,)] or not wal:  # open_archive explains, upgrades or sets WAL
        conn.close()
        return None
    return conn
