"""An interrupted ``archive reextract`` run again ends as a clean import of the same files.

Re-extraction re-clusters event reports from scratch, in article order, as an import does; a
report keeps the event id it had when its cluster is new in this run (stable ids), so where an
earlier run stopped changes nothing.
"""
from __future__ import annotations

import pytest
from harness import copy_archive, corpus, fingerprint

from archive.db import open_archive
from archive.pipeline import import_paths, reextract
from archive.read import expand_paths
from archive.store.writer import Store

pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    work = tmp_path_factory.mktemp("resume")
    files = corpus(work / "corpus", 120)
    db = work / "a.sqlite"
    import_paths(expand_paths([str(f) for f in files]), open_archive(f"sqlite:///{db}"), jobs=1)
    return db


@pytest.mark.parametrize("stop_after", [1, 2])
def test_a_reextract_stopped_after_some_batches_and_run_again_ends_as_a_clean_import(imported, tmp_path,
                                                                                    monkeypatch, stop_after):
    db = tmp_path / "b.sqlite"
    copy_archive(imported, db)
    clean = fingerprint(imported)
    engine = open_archive(f"sqlite:///{db}")
    real = Store.reextract_batch
    calls = []

    def stops(self, items, last=False):
        if len(calls) == stop_after:
            raise KeyboardInterrupt
        calls.append(1)
        return real(self, items, last)

    monkeypatch.setattr(Store, "reextract_batch", stops)
    with pytest.raises(KeyboardInterrupt):
        reextract(engine)
    monkeypatch.setattr(Store, "reextract_batch", real)
    reextract(engine)
    engine.dispose()
    assert fingerprint(db) == clean


def test_event_ids_stay_the_same_through_a_reextract(imported, tmp_path):
    import sqlite3

    db = tmp_path / "c.sqlite"
    copy_archive(imported, db)
    query = ("SELECT a.source_name, r.report_key, r.event_id FROM event_reports r "
             "JOIN articles a ON a.id = r.article_id ORDER BY 1, 2")
    before = sqlite3.connect(db).execute(query).fetchall()
    engine = open_archive(f"sqlite:///{db}")
    reextract(engine)
    engine.dispose()
    assert sqlite3.connect(db).execute(query).fetchall() == before
