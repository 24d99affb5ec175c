"""Settings in one place: where the database is, limits, versions."""
from __future__ import annotations

import os
from pathlib import Path

#: Bumped whenever a rule change may change what is extracted; stored with every
#: article and quote so that a re-extraction can tell old facts from new.
EXTRACTOR_VERSION = "rules-0.1.0"

DEFAULT_DB = "archive.sqlite"
DB_ENV = "ARCHIVE_DB"

#: Files larger than this are refused (bytes); ``archive import --max-size``.
MAX_FILE_BYTES = 5 * 1024 * 1024

#: Articles written per transaction; an article is never split across two.
WRITE_BATCH = 50

#: Milliseconds SQLite waits for a lock (a BI tool reading while we write).
BUSY_TIMEOUT_MS = 10_000

_ROOT = Path(__file__).resolve().parent


def _resource_dir(repo_name: str, packaged_name: str) -> Path:
    """A checkout keeps migrations/ and sql/ beside the package; a wheel inside it."""
    in_repo = _ROOT.parent / repo_name
    return in_repo if in_repo.is_dir() else _ROOT / packaged_name


MIGRATIONS_DIR = _resource_dir("migrations", "_migrations")
SQL_DIR = _resource_dir("sql", "_sql")


def database_url(db: str | None) -> str:
    """Turn ``--db`` / ``$ARCHIVE_DB`` / the default into an SQLAlchemy URL.

    A value with ``://`` is taken as a URL; anything else is a SQLite file path.
    """
    value = db or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in value:
        # postgresql:// would pick psycopg2; the 'postgres' extra installs psycopg 3
        for prefix in ("postgresql://", "postgres://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix):]
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())
