"""Data built once per installed version, then read from disk: a pickle per name and digest.

The gazetteer and gender-guesser's first-name lists take a few hundred milliseconds to build from
their packages' files and a few tens to unpickle, and every process that extracts (each import
worker, a one-file import) needs them. The digest names what the data was built from (package
versions, rule files), so an upgrade builds it again.

The cache lives in ``$ARCHIVE_CACHE_DIR``, else ``$XDG_CACHE_HOME/archive``, else
``~/.cache/archive``; a folder that cannot be written, or a file that cannot be read, only costs
the time to build it again. Each name keeps its :data:`KEEP` newest files: versions used side by
side (two checkouts) each find theirs, and upgrades do not pile up 5 MB files for ever.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: Files kept per name (the newest written); older ones go when a new one is written.
KEEP = 3


def cache_dir() -> Path:
    if os.environ.get("ARCHIVE_CACHE_DIR"):
        return Path(os.environ["ARCHIVE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "archive"


def digest(packages: Iterable[str] = (), files: Iterable[Path] = ()) -> str:
    """What cached data was built from: installed package versions and the bytes of rule files."""
    h = hashlib.sha256()
    for name in packages:
        with contextlib.suppress(PackageNotFoundError):
            h.update(f"{name}={version(name)};".encode())
    for path in files:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """The garbage collector paused: unpickling the gazetteer makes 100,000 objects, none of them
    garbage, and collections triggered by their number cost more than the load (0.38 -> 0.14 s)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def cached(name: str, key: str, build: Callable[[], T], kind: type[T]) -> T:
    """The ``kind`` object cached as ``name-key.pickle``, else ``build()`` (then cached atomically)."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as stored, _no_collection():
            found = pickle.load(stored)
        if isinstance(found, kind):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as new:
            pickle.dump(built, new, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(new.name, path)  # atomic: a reader sees the whole file or none
        _prune(path.parent, name)
    except OSError:
        pass
    return built


def _prune(folder: Path, name: str) -> None:
    """All but the KEEP newest files of this name. One another process is reading stays readable
    (POSIX); one that vanishes under a process about to open it only costs that process a build."""
    def written(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    files = sorted(folder.glob(f"{name}-*.pickle"), key=written, reverse=True)
    for old in files[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
