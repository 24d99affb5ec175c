"""import_paths(): read -> clean -> extract in workers, store in one writer.

Files are streamed: at most IN_FLIGHT per worker are in flight at once, so
memory stays flat however many files there are. Workers return plain
frozen dataclasses; only this process writes, in batches that never split
an article (:mod:`archive.store`).
"""
from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Container, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from .clean import clean
from .config import EXTRACTOR_VERSION, FILE_TIME_BUDGET_S, MAX_FILE_BYTES, MIN_WORK_PER_WORKER, WRITE_BATCH
from .extract import OutOfTime, extract, warm_up
from .models import articles as A
from .read import ReadFailure, read_path
from .store import Outcome, Store
from .types import ArticleMeta, ExtractedArticle, RawArticle

#: Files queued per worker: more than a worker extracts (~7 ms each) while the writer stores a batch
#: (WRITE_BATCH articles, ~0.25 s), so workers do not wait for the writer; results are small.
IN_FLIGHT = 32
K = TypeVar("K")
R = TypeVar("R")
_COUNTER = {"new": "new", "version": "versions", "updated": "updated", "unchanged": "unchanged"}  # outcome status -> summary field


@dataclass
class ImportSummary:
    new: int = 0
    versions: int = 0
    updated: int = 0       # known text whose metadata the import changed
    unchanged: int = 0
    failed: int = 0
    quotes: int = 0
    speakers: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "failed":
            self.failed += 1
            self.failures.append((outcome.name, outcome.error or "failed"))
            return
        field_name = _COUNTER[outcome.status]
        setattr(self, field_name, getattr(self, field_name) + 1)
        self.quotes += outcome.quotes
        self.speakers += outcome.new_speakers


_KNOWN: frozenset[str] = frozenset()  # in a worker: the content hashes the archive holds


def process_file(path: str, max_bytes: int = MAX_FILE_BYTES, cli_meta: ArticleMeta | None = None,
                 budget: float | None = FILE_TIME_BUDGET_S,
                 known: Container[str] | None = None) -> list[ExtractedArticle | ReadFailure]:
    """Everything but storing, for one file. Runs in a worker; never raises for bad input.

    ``known``: content hashes already stored (default: the worker's, from the import); an article
    whose text is one of them is read and cleaned, not extracted (a re-import costs a hash).

    ``budget``: seconds the file's extraction may take; when they run out, the extractor at work is
    stopped and the rest skipped, and the article is stored with what was found and a warning.
    """
    out: list[ExtractedArticle | ReadFailure] = []
    try:
        items = read_path(path, max_bytes, cli_meta)
    except Exception as exc:  # a reader bug or a missing optional library costs this file only
        return [ReadFailure(path, f"could not be read ({type(exc).__name__}: {exc})")]
    deadline = None
    for item in items:
        if isinstance(item, ReadFailure):
            out.append(item)
            continue
        try:
            cleaned = clean(item)
        except Exception as exc:  # a rule bug must cost one article, not the import
            out.append(ReadFailure(item.path, f"cleaning failed ({type(exc).__name__}: {exc})"))
            continue
        if cleaned.content_hash in (_KNOWN if known is None else known):
            out.append(ExtractedArticle(cleaned, (), EXTRACTOR_VERSION, known=True))
            continue
        if deadline is None and budget:
            warm_up()  # the gazetteer and name lists load once per process, not on a file's time
            deadline = time.monotonic() + budget  # the file's budget: shared by the articles it holds
        try:
            with _alarm(deadline - time.monotonic() if deadline is not None else None):
                out.append(extract(cleaned, deadline))
        except OutOfTime:  # ran out before any extractor started: the article, with nothing extracted
            out.append(ExtractedArticle(cleaned, (), EXTRACTOR_VERSION, (), (), (
                f"extraction stopped: the file's time budget ran out ({budget:g} s); nothing was extracted",)))
        except Exception as exc:  # a rule bug must cost one article, not the import
            out.append(ReadFailure(item.path, f"extraction failed ({type(exc).__name__}: {exc})"))
    return out


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Raise OutOfTime in this (main) thread after ``seconds``; no-op elsewhere or without a budget."""
    if seconds is None or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return
    if seconds <= 0:
        raise OutOfTime("no time left")

    def ring(signum, frame):
        raise OutOfTime(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, ring)
    # It rings again every 50 ms until an extractor stops (extract.disarm): an exception raised where
    # Python cannot propagate it (a garbage-collector callback, a __del__) is only printed and lost.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _CtrlC:
    """Ctrl-C during an import or a re-extraction stops it at the next file or article.

    Python's own handler raises KeyboardInterrupt wherever the signal lands, and an exception raised
    in a finalizer (a ``__del__``, a weakref callback: SQLAlchemy and sqlite3 run many) is printed
    as "Exception ignored" and lost: the run went on to its end as if no key had been pressed. Here
    the first press is remembered and acted on between files (:meth:`check`), where nothing is half
    done; a second press raises at once, for a user who will not wait for a long step to end.
    Installed in the main thread only (the only one signals reach), and not where Ctrl-C is ignored
    (a job a shell started in the background, ``nohup``): it stays ignored, as Python leaves it."""

    def __init__(self) -> None:
        self.pressed = 0
        self._previous: object = None

    def __enter__(self) -> _CtrlC:
        if threading.current_thread() is threading.main_thread() \
                and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            self._previous = signal.signal(signal.SIGINT, self._press)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]

    def _press(self, signum: int, frame: object) -> None:
        self.pressed += 1
        if self.pressed > 1:
            raise KeyboardInterrupt

    def check(self) -> None:
        if self.pressed:
            raise KeyboardInterrupt


def _worker_start(parent: int, known: frozenset[str]) -> None:
    """In a worker: leave Ctrl-C to the import (a terminal sends SIGINT to every process of the
    group; the import stops the workers and says what was committed), and exit when the import
    that started it is gone (killed with -9: no one tells us). ``known``: the stored texts' hashes."""
    global _KNOWN
    _KNOWN = known
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _results(paths: Iterable[str], jobs: int, max_bytes: int, cli_meta: ArticleMeta | None,
             budget: float | None, store: Store) -> Generator[tuple[str, list[ExtractedArticle | ReadFailure]]]:
    """(path, results) in input order, with at most ``IN_FLIGHT * jobs`` files in flight. Texts the archive
    holds are not extracted: here each is asked of the archive; workers get every stored hash."""
    if jobs <= 1:
        for path in paths:
            yield path, process_file(path, max_bytes, cli_meta, budget, store.stored)
        return
    calls = ((path, (path, max_bytes, cli_meta, budget)) for path in paths)
    yield from _in_workers(process_file, calls, jobs, store.known_hashes())


def _in_workers(fn: Callable[..., R], calls: Iterable[tuple[K, tuple]], jobs: int,
                known: frozenset[str] = frozenset()) -> Generator[tuple[K, R]]:
    """(tag, fn(*args)) for each (tag, args), in input order, from ``jobs`` worker processes with at
    most ``IN_FLIGHT * jobs`` calls in flight: enough that workers keep extracting while the writer
    stores a batch, few enough that memory stays flat however many there are."""
    window: deque[tuple[K, Future]] = deque()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(), known))
    try:
        for tag, args in calls:
            window.append((tag, pool.submit(fn, *args)))
            if len(window) >= IN_FLIGHT * jobs:
                done, fut = window.popleft()
                yield done, fut.result()
        while window:
            done, fut = window.popleft()
            yield done, fut.result()
    except BaseException:  # Ctrl-C, a storage error, or the caller closing this generator early
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _jobs(jobs: int | None, work: int) -> int:
    """Worker processes for ``work`` articles: as asked, else one per core when there is enough work
    to pay for starting them (each loads the gazetteer and name lists), else this process alone."""
    if jobs is not None:
        return jobs
    return max(1, min(os.cpu_count() or 1, work // MIN_WORK_PER_WORKER))


def import_paths(paths: list[str], engine: Engine, jobs: int | None = None, max_bytes: int = MAX_FILE_BYTES,
                 cli_meta: ArticleMeta | None = None,
                 on_file: Callable[[str], None] | None = None,
                 budget: float | None = FILE_TIME_BUDGET_S) -> ImportSummary:
    """Import files (already expanded) into the archive.

    Args:
        paths: file paths, e.g. from :func:`archive.read.expand_paths`.
        engine: an engine on an archive at head (:func:`archive.db.open_archive`).
        jobs: worker processes; default one per core when there are enough files to pay for starting
            them (:data:`~archive.config.MIN_WORK_PER_WORKER` each); 1 runs in this process.
        max_bytes: the size cap; larger files fail.
        cli_meta: metadata that overrides each file's own (``--outlet`` and friends).
        on_file: called with each path once it is done (a progress bar).

    Returns:
        The counts, and each failure with its file and reason.
    """
    if jobs is None:
        paths = list(paths)  # counted: workers start only when there are enough files for them
        jobs = _jobs(None, len(paths))
    summary = ImportSummary()
    batch: list[ExtractedArticle] = []
    with _CtrlC() as ctrl_c:
        store = Store(engine)

        def flush(last: bool = False) -> None:
            for outcome in store.write_batch(batch, last=last):
                summary.add(outcome)
            batch.clear()

        extracted = _results(paths, jobs, max_bytes, cli_meta, budget, store)
        try:
            for path, results in extracted:
                ctrl_c.check()
                for item in results:
                    if isinstance(item, ReadFailure):
                        summary.failed += 1
                        summary.failures.append((item.path, item.reason))
                    else:
                        summary.warnings += [(item.article.raw.path, w)
                                             for w in item.article.raw.warnings + item.warnings]
                        batch.append(item)
                if len(batch) >= WRITE_BATCH:
                    flush()
                if on_file:
                    on_file(path)
            ctrl_c.check()
            flush(last=True)  # the derived tables are refreshed with the last batch, in its transaction
        except KeyboardInterrupt:
            pass  # below, once the interrupted batch is let go
        except SQLAlchemyError as exc:  # disk full, read-only file: what was committed stays
            raise Stopped(summary, exc) from None
        else:
            return summary
        finally:
            extracted.close()  # the workers' queued files are cancelled
        _let_go()
        store.finish()  # what was committed gets its derived tables before the import ends
    raise Stopped(summary, None)


def _let_go() -> None:
    """After Ctrl-C: an interrupt inside a statement leaves its cursor alive in the traceback's frames,
    and SQLite keeps the interrupted batch's connection, and its write lock, open until that cursor
    is gone. Out of the except block the traceback is dropped; collecting frees its cycles too."""
    gc.collect()


class Stopped(Exception):
    """An import that stopped before its end: ``summary`` counts what was committed; ``cause`` is
    the storage error, or None for Ctrl-C."""

    def __init__(self, summary: ImportSummary, cause: SQLAlchemyError | None) -> None:
        super().__init__("interrupted" if cause is None else str(cause))
        self.summary, self.cause = summary, cause


@dataclass
class ReextractSummary:
    articles: int = 0
    quotes: int = 0
    speakers: int = 0
    pruned: int = 0


def reextract(engine: Engine, on_article: Callable[[], None] | None = None,
              only: list[int] | None = None, jobs: int | None = None) -> ReextractSummary:
    """Run today's rules over every stored article again, from its stored text.

    ``only``: these articles alone (after their publication date was corrected); their reports
    join the events they were in, or others, as an import's would. ``jobs``: worker processes
    that clean and extract, as for an import; the writer stores in article order.

    Machine quotes, places and event reports are replaced; speakers, curated aliases and names,
    and event curation stay, and the new facts are matched through them. Articles are written in
    batches; the last one also prunes machine speakers no quote refers to any more and refreshes
    the derived tables, in its transaction.
    """
    store = Store(engine)
    if only is None:
        store.start_reextract()
    summary = ReextractSummary()
    with engine.connect() as conn:
        chosen = select(A.c.id) if only is None else select(A.c.id).where(A.c.id.in_(only))
        ids = list(conn.execute(chosen.order_by(A.c.id)).scalars())
    jobs = _jobs(jobs, len(ids))
    calls = ((article_id, (raw,)) for article_id, raw in _stored_articles(engine, ids))
    done = _in_workers(_extract_stored, calls, jobs) if jobs > 1 else (
        (article_id, _extract_stored(*args)) for article_id, args in calls)
    batch: list[tuple[int, ExtractedArticle]] = []

    def flush(last: bool = False) -> None:
        quotes, created = store.reextract_batch(batch, last=last)
        summary.articles += len(batch)
        summary.quotes += quotes
        summary.speakers += created
        batch.clear()

    with _CtrlC() as ctrl_c:
        try:
            for article_id, extracted in done:
                ctrl_c.check()
                batch.append((article_id, extracted))
                if len(batch) >= WRITE_BATCH:
                    flush()
                if on_article:
                    on_article()
            ctrl_c.check()
            flush(last=True)  # unused speakers pruned and the derived tables refreshed, in its transaction
        except KeyboardInterrupt:
            pass  # below, once the interrupted batch is let go
        else:
            summary.pruned = store.pruned
            return summary
        finally:
            done.close()  # the workers' queued articles are cancelled
        _let_go()
        store.finish()  # the batches committed so far get their derived tables
    raise KeyboardInterrupt
    return summary


def _extract_stored(raw: RawArticle) -> ExtractedArticle:
    """In a worker (or this process): a stored article cleaned and extracted again."""
    return extract(clean(raw))


def _stored_articles(engine: Engine, ids: list[int], chunk: int = 200) -> Iterator[tuple[int, RawArticle]]:
    """The stored articles, in the order of ``ids``, read a chunk at a time (not all texts at once)."""
    for i in range(0, len(ids), chunk):
        part = ids[i:i + chunk]
        with engine.connect() as conn:
            rows = {row["id"]: row for row in conn.execute(select(A).where(A.c.id.in_(part))).mappings()}
        for article_id in part:
            if article_id in rows:
                yield article_id, _stored_article(rows[article_id])


def _stored_article(row) -> RawArticle:
    """An article as it was read at import, from its stored text and the metadata given then."""
    given = ("meta", "curated")  # metadata read with the file, or set with 'archive articles set'
    meta = ArticleMeta(title=row["title"] if row["title_source"] in given else None,
                       published=row["published_on"].isoformat()
                       if row["published_on"] and row["published_source"] in given else None)
    return RawArticle(row["source_name"], row["source_path"], row["original_text"], row["source_format"], meta)
