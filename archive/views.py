"""Curated views: one ``sql/NAME.sql`` file per view.

Each file starts with a comment: the first line is ``-- NAME: the question it
answers``, then, after a line with only ``--``, one line per column,
``-- column  what it means``. The rest of the file is ``CREATE VIEW NAME AS
SELECT ...``.

Views are created by the migrations (see ``migrations/env.py``): dropped
before any table change and created again at head. A view whose SQL is
unchanged is not recreated: ``view_definitions`` keeps the SHA-256 of each
installed definition.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from .config import SQL_DIR

_HEADER = re.compile(r"^--\s*(?P<name>\w+)\s*:\s*(?P<desc>.+)$")
_COLUMN = re.compile(r"^--\s+(?P<col>\w+)\s{2,}(?P<desc>.+)$")


@dataclass(frozen=True)
class ViewSpec:
    name: str
    description: str
    columns: dict[str, str] = field(default_factory=dict)
    sql: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


class ViewFileError(ValueError):
    pass


def parse_view(path: Path) -> ViewSpec:
    """Read one view file. Raises ViewFileError if its header is missing."""
    lines = path.read_text(encoding="utf-8").splitlines()
    m = _HEADER.match(lines[0]) if lines else None
    if not m or m.group("name") != path.stem:
        raise ViewFileError(f"{path.name}: must start with '-- {path.stem}: <the question it answers>'")
    desc = [m.group("desc").strip()]
    columns: dict[str, str] = {}
    i = 1
    while i < len(lines) and lines[i].startswith("--"):
        body = lines[i]
        cm = _COLUMN.match(body)
        if cm:
            columns[cm.group("col")] = cm.group("desc").strip()
        elif body.strip() != "--" and not columns:
            desc.append(body[2:].strip())
        elif columns and body.startswith("--    "):  # continuation of a column's text
            last = next(reversed(columns))
            columns[last] += " " + body[2:].strip()
        i += 1
    sql = "\n".join(lines[i:]).strip().rstrip(";")
    return ViewSpec(path.stem, " ".join(d for d in desc if d), columns, sql)


def load_views(sql_dir: Path = SQL_DIR) -> list[ViewSpec]:
    """All curated views, in file-name order (the order they are created in)."""
    return [parse_view(p) for p in sorted(Path(sql_dir).glob("*.sql"))]


def drop_views(conn: Connection, sql_dir: Path = SQL_DIR) -> None:
    """Drop every curated view (those in sql/ and any recorded as installed)."""
    names = [v.name for v in load_views(sql_dir)]
    insp = inspect(conn)
    if insp.has_table("view_definitions"):
        names += [r[0] for r in conn.execute(text("SELECT name FROM view_definitions"))]
        conn.execute(text("DELETE FROM view_definitions"))
    cascade = " CASCADE" if conn.dialect.name == "postgresql" else ""
    for name in reversed(list(dict.fromkeys(names))):
        conn.execute(text(f'DROP VIEW IF EXISTS "{name}"{cascade}'))


def sync_views(conn: Connection, sql_dir: Path = SQL_DIR) -> list[str]:
    """Create missing or changed views; drop views no longer in sql/. Returns what changed."""
    specs = load_views(sql_dir)
    installed: dict[str, str] = dict(conn.execute(text("SELECT name, sha256 FROM view_definitions")).all())
    existing = set(inspect(conn).get_view_names())
    wanted = {v.name for v in specs}
    changed = [v for v in specs if installed.get(v.name) != v.sha256 or v.name not in existing]
    stale = [n for n in installed if n not in wanted]
    if not changed and not stale:
        return []
    # A changed view may be used by a later one: recreate from the first changed on.
    first = min((specs.index(v) for v in changed), default=len(specs))
    redo = specs[first:]
    cascade = " CASCADE" if conn.dialect.name == "postgresql" else ""
    for name in stale + [v.name for v in reversed(redo)]:
        conn.execute(text(f'DROP VIEW IF EXISTS "{name}"{cascade}'))
        conn.execute(text("DELETE FROM view_definitions WHERE name = :n"), {"n": name})
    for view in redo:
        conn.execute(text(view.sql))
        conn.execute(text("INSERT INTO view_definitions (name, sha256) VALUES (:n, :s)"),
                     {"n": view.name, "s": view.sha256})
    return stale + [v.name for v in redo]
