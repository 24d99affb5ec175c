"""Engines, SQLite settings, and the archive's migration state.

An archive is always at the newest revision this code knows before anything
reads or writes it: an empty database is created and migrated on first use;
one at an older revision is refused until ``archive db upgrade``; one at a
revision this code does not know (written by a newer version) is refused and
never touched.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url

if TYPE_CHECKING:  # alembic is imported only when a migration runs: a command that reads starts faster
    from alembic.config import Config
    from alembic.script import ScriptDirectory

from .config import BUSY_TIMEOUT_MS, MIGRATIONS_DIR
from .errors import ArchiveError
from .reader import folder_read_only, known_head

__all__ = ["ArchiveError", "for_writing", "make_engine", "open_archive"]



def make_engine(url: str) -> Engine:
    """An engine with the archive's SQLite settings (WAL, foreign keys, busy timeout)."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        _sqlite_settings(engine)
    return engine


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not pysqlite, emit BEGIN, so SAVEPOINTs and DDL are transactional.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # A writer takes the write lock when it begins (BEGIN IMMEDIATE), so a second writer waits the
        # busy timeout instead of failing at once on a read-to-write upgrade; readers never take it.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("archive_write") else "BEGIN")


def for_writing(engine: Engine) -> Engine:
    """The same engine, whose transactions take SQLite's write lock as they begin."""
    return engine.execution_options(archive_write=True)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def script_directory(engine: Engine) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine))


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """The archive's revision by one plain query; None if there is no alembic_version table."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except Exception:
        return None
    return rows[0] if len(rows) == 1 else None


def head_revision(engine: Engine) -> str:
    head = script_directory(engine).get_current_head()
    if head is None:
        raise ArchiveError("the migrations have no head revision")
    return head


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def open_archive(url: str, create: bool = True) -> Engine:
    """An engine on an archive at head. Creates and migrates an empty one if ``create``.

    Raises:
        ArchiveError: the archive is missing (and not ``create``), at an older
            revision, at an unknown revision, or not an archive at all.
    """
    path = sqlite_path(url)
    if path is not None and not path.exists():
        if not create:
            raise ArchiveError(f"no archive at {path}: run 'archive import PATH' first")
        if not path.parent.is_dir():
            raise ArchiveError(f"cannot create an archive at {path}: the folder {path.parent} does not exist")
    frozen = path is not None and folder_read_only(path)
    if frozen and create:
        raise ArchiveError(f"the archive at {path} is read-only (its folder cannot be written): nothing was changed")
    engine = make_engine(_immutable_url(path) if frozen and path is not None else url)
    head = known_head()
    if head is not None and _stored_revision(engine) == head:  # the usual case, without Alembic
        return engine if frozen else _wal(engine)
    try:
        current = current_revision(engine)
    except Exception as exc:  # driver errors: wrong password, not a database, ...
        raise ArchiveError(f"cannot open the archive at {_display(url)}: {_first_line(exc)}") from None
    script = script_directory(engine)
    head = script.get_current_head()
    if current == head:
        return engine if frozen else _wal(engine)
    if current is None:
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        if tables:
            raise ArchiveError(f"{_display(url)} is not an archive (it has tables but no migration history)")
        if not create:
            raise ArchiveError(f"no archive at {_display(url)}: run 'archive import PATH' first")
        from alembic import command

        command.upgrade(alembic_config(engine), "head")
        return _wal(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise ArchiveError(f"the archive at {_display(url)} is at revision {current}, which this version "
                           "of archive does not know (written by a newer version?); it was not touched")
    raise ArchiveError(f"the archive at {_display(url)} is at revision {current}, older than {head}: "
                       "run 'archive db upgrade'")


def _immutable_url(path: Path) -> str:
    """Nobody can write beside the file, so no writer can be changing it through WAL: read it as is."""
    return f"sqlite:///file:{path.resolve()}?mode=ro&immutable=1&uri=true"


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
    _wal(engine)


def _wal(engine: Engine) -> Engine:
    """Write-ahead logging, so readers never wait for a writer. Set only on a file known to be an
    archive at a revision this version knows: any other file given to --db is never changed."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()  # outside any transaction: the journal mode cannot change inside one
        try:
            cursor = raw.cursor()
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()
        finally:
            raw.close()
    return engine


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def _display(url: str) -> str:
    path = sqlite_path(url)
    return str(path) if path is not None else make_url(url).render_as_string(hide_password=True)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
