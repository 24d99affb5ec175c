"""Query latency on a large archive: the views users query most, on >= 1M quotes.

Imports the seeds into a fresh SQLite archive, then multiplies it in SQL: every article copied
N times (a new text hash, file name and publication date over a year), its quotes, event reports
and figures with it, and its speakers spread over many distinct people (a copy's speaker is one of
``--people`` variants of the original name), so an index that only works for a few speakers shows
up. Then it refreshes the derived tables once (timed: what one change costs at this size) and
times each query, median of 5, printing its plan. Usage::

    python benchmarks/bench_queries.py [--quotes 1000000] [--people 5000] [--keep PATH]
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

QUERIES = {
    "speaker's latest 100 quotes":
        "SELECT * FROM quotes_by_speaker WHERE speaker_id = :speaker ORDER BY published_on DESC LIMIT 100",
    "speaker's page":
        "SELECT * FROM speaker_directory WHERE speaker_id = :speaker",
    "speaker directory (most quoted 50)":
        "SELECT * FROM speaker_directory ORDER BY quotes DESC LIMIT 50",
    "events in a place":
        "SELECT * FROM events_timeline WHERE place = 'Kyiv' ORDER BY event_date DESC LIMIT 100",
    "one event's figures":
        "SELECT * FROM event_figures WHERE event_id = :event",
    # as archive search runs it: ranked among the newest RANK_WINDOW matches (archive/query.py)
    "full-text search, top 20":
        "SELECT q.id, snippet(quotes_fts, 0, '[', ']', '…', 24) FROM quotes_fts "
        "JOIN quotes q ON q.id = quotes_fts.rowid WHERE quotes_fts MATCH '\"sanctions\"' "
        "AND quotes_fts.rowid >= COALESCE((SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH '\"sanctions\"' "
        "ORDER BY rowid DESC LIMIT 1 OFFSET 1999), 0) ORDER BY bm25(quotes_fts) LIMIT 20",
}


def _insert(con: sqlite3.Connection, table: str, row: dict) -> int:
    """One row; returns its id."""
    cur = con.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                      list(row.values()))
    return int(cur.lastrowid or 0)


def build(db: Path, quotes_wanted: int, people: int) -> dict[str, float]:
    """The seeds imported, then copied in SQL until the archive holds ``quotes_wanted`` quotes."""
    subprocess.run([sys.executable, "-m", "archive", "--db", str(db), "import", "-q", "--jobs", "1",
                    str(REPO / "seeds")], check=True, capture_output=True)
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("BEGIN")
    per_copy = con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    copies = max(1, quotes_wanted // per_copy)
    cols = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in
            ("articles", "quotes", "speakers", "event_reports", "report_figures", "events")}
    t0 = time.perf_counter()
    base_speakers = con.execute("SELECT id, canonical_name, kind FROM speakers").fetchall()
    # people variants: speaker (id, v) -> a new row
    variants = max(1, people // max(1, len(base_speakers)))
    speaker_of: dict[tuple[int, int], int] = {}
    for sid, name, kind in base_speakers:
        for v in range(variants):
            if v == 0:
                speaker_of[(sid, 0)] = sid
                continue
            cur = con.execute("INSERT INTO speakers (canonical_name, kind, name_locked, created_at) "
                              "VALUES (?, ?, 0, '2025-01-01 00:00:00')", (f"{name} {v}", kind))
            speaker_of[(sid, v)] = cur.lastrowid
    arts = con.execute("SELECT * FROM articles").fetchall()
    quotes = con.execute("SELECT * FROM quotes").fetchall()
    reports = con.execute("SELECT * FROM event_reports").fetchall()
    figures = con.execute("SELECT * FROM report_figures").fetchall()
    events = {r[0]: r for r in con.execute("SELECT * FROM events")}
    ac, qc, rc, fc, ec = (cols[t] for t in ("articles", "quotes", "event_reports", "report_figures", "events"))
    for k in range(1, copies):
        art_id = {}
        for a in arts:
            row = dict(zip(ac, a))
            old = row.pop("id")
            row.update(content_hash=f"{row['content_hash'][:48]}{k:016d}", source_name=f"{k}_{row['source_name']}",
                       source_path=f"{row['source_path']}.{k}", superseded_by=None,
                       published_on=f"2025-{1 + k % 12:02d}-{1 + k % 28:02d}")
            art_id[old] = _insert(con, "articles", row)
        rows = []
        for q in quotes:
            row = dict(zip(qc, q))
            row.pop("id")
            row["article_id"] = art_id[row["article_id"]]
            if row["speaker_id"] is not None:
                row["speaker_id"] = speaker_of[(row["speaker_id"], k % variants)]
            rows.append(row)
        con.executemany(f"INSERT INTO quotes ({', '.join(rows[0])}) VALUES ({', '.join('?' * len(rows[0]))})",
                        [list(r.values()) for r in rows])
        event_id = {}
        for old, e in events.items():
            row = dict(zip(ec, e))
            row.pop("id")
            event_id[old] = _insert(con, "events", row)
        report_id = {}
        for r in reports:
            row = dict(zip(rc, r))
            old = row.pop("id")
            row.update(article_id=art_id[row["article_id"]], event_id=event_id[row["event_id"]],
                       report_key=f"{k}:{row['report_key']}")
            report_id[old] = _insert(con, "event_reports", row)
        frows = []
        for f in figures:
            row = dict(zip(fc, f))
            row.pop("id")
            row["report_id"] = report_id[row["report_id"]]
            frows.append(list(row.values()))
        con.executemany(f"INSERT INTO report_figures ({', '.join(fc[1:])}) VALUES ({', '.join('?' * (len(fc) - 1))})",
                        frows)
    con.execute("COMMIT")
    con.close()
    copied = time.perf_counter() - t0
    from archive.db import make_engine
    from archive.store import refresh

    t0 = time.perf_counter()
    refresh(make_engine(f"sqlite:///{db}"))
    return {"copy": copied, "refresh": time.perf_counter() - t0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--keep", type=Path, help="Keep the archive here (and reuse it on the next run).")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-queries-"))
    db = args.keep or tmp / "big.sqlite"
    try:
        if not db.exists():
            times = build(db, args.quotes, args.people)
            print(f"built           copy {times['copy']:.1f} s, derived tables refreshed in {times['refresh']:.1f} s")
        con = sqlite3.connect(db)
        n_quotes, n_speakers, n_events = (con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                                          for t in ("quotes", "speakers", "events"))
        print(f"archive         {n_quotes:,} quotes, {n_speakers:,} speakers, {n_events:,} events, "
              f"{db.stat().st_size / 1e6:.0f} MB")
        params = {"speaker": con.execute("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL "
                                         "GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0],
                  "event": con.execute("SELECT event_id FROM event_figures LIMIT 1").fetchone()[0]}
        slow = 0
        for name, sql in QUERIES.items():
            used = {k: v for k, v in params.items() if f":{k}" in sql}
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                con.execute(sql, used).fetchall()
                times.append((time.perf_counter() - t0) * 1000)
            ms = statistics.median(times)
            slow += ms > 20
            print(f"{name:<36} {ms:8.1f} ms (median of 5){'  > 20 ms' if ms > 20 else ''}")
            for row in con.execute("EXPLAIN QUERY PLAN " + sql, used):
                print(f"    {row[3]}")
        print(f"target          each under 20 ms: {len(QUERIES) - slow} of {len(QUERIES)} met")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
