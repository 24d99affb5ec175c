"""Settings in one place: where the database is, limits, versions."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parent

#: The package's version, as pyproject.toml gives it (a test checks they agree). A constant, not
#: read from the installed package's metadata: loading importlib.metadata costs every command 50 ms.
VERSION = "0.1.0"

#: Modules outside extract/ whose rules decide what is extracted (shared with the stages after it).
SHARED_RULES = ("names.py", "caseless.py", "dates.py", "matching.py", "event_kinds.py")


def _rules_hash() -> str:
    """A digest of everything that decides what is extracted: the extractor's code, the name and date
    helpers it shares with other stages, and its data files."""
    digest = hashlib.sha256()
    rules = [*(_ROOT / "extract").glob("*.py"), *(_ROOT / "data").glob("*.json"),
             *(_ROOT / name for name in SHARED_RULES)]
    for path in sorted(p for p in rules if p.exists()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


#: Stored with every article, quote and event report so that a re-extraction can tell old facts
#: from new: the package version plus a digest of the rule files, so any change to the rules
#: (code, word lists, data) changes it without anyone having to remember to bump it.
EXTRACTOR_VERSION = f"rules-{VERSION}+{_rules_hash()}"

DEFAULT_DB = "archive.sqlite"
DB_ENV = "ARCHIVE_DB"

#: Files larger than this are refused (bytes); ``archive import --max-size``.
MAX_FILE_BYTES = 5 * 1024 * 1024

#: Seconds one file may spend in extraction before what is left of it is skipped with a warning;
#: ``archive import --time-budget``. Extraction is linear (a 5 MB file takes a few seconds), so this
#: only ever stops a pathological input, never an import.
FILE_TIME_BUDGET_S = 60.0

#: Publication dates outside these years are no dates (a typo or a parser's guess). Fixed, not
#: read from a clock, so cleaning the same text gives the same result whenever it runs.
EARLIEST_YEAR, LATEST_YEAR = 1800, 2100

#: Articles written per transaction; an article is never split across two.
WRITE_BATCH = 50
#: An import or re-extraction starts a worker per core only for this many articles each: a worker
#: pays a few hundred milliseconds to start (the gazetteer and name lists), one article ~7 ms.
MIN_WORK_PER_WORKER = 50
#: Stored events the writer keeps in memory for clustering (about 2 KB each) before it lets them go
#: and loads again only those near new reports, as the next import would: memory stays flat.
EVENT_INDEX_LIMIT = 20_000

#: Milliseconds SQLite waits for a lock (a BI tool reading while we write).
BUSY_TIMEOUT_MS = 10_000

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
