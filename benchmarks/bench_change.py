"""What one change costs in a large archive: the commands a user runs every day, timed as they run.

Takes an archive (``bench_import.py --keep PATH`` leaves one), works on a copy of it, and times,
each as the ``archive`` command in a process of its own (start-up included, as a user waits for it):
adding one new article, ``speakers merge`` of two people, ``events split`` of the event with the
most reports, ``archive sql "select 1"`` and ``archive stats``. Prints wall and CPU seconds of
each (median of R runs; a change runs on a fresh copy each time) and whether each meets the
target (changes under 2 s, commands under 0.5 s). Usage::

    python benchmarks/bench_change.py ARCHIVE [--repeat R]
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

TARGETS = {"change": 2.0, "command": 0.5}


def _run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one archive command (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "archive", *args], check=True, capture_output=True, stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _subjects(db: Path) -> dict[str, int]:
    """Two much-quoted people to merge, and the event with the most reports and one of them."""
    con = sqlite3.connect(db)
    people = [r[0] for r in con.execute(
        "SELECT speaker_id FROM speaker_summary JOIN speakers ON speakers.id = speaker_id "
        "WHERE kind = 'person' ORDER BY quotes DESC LIMIT 2")]
    event, report = con.execute(
        "SELECT event_id, MAX(id) FROM event_reports GROUP BY event_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    articles = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    quotes = con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    con.close()
    return dict(target=people[0], source=people[1], event=event, report=report, articles=articles, quotes=quotes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", type=Path)
    ap.add_argument("--repeat", type=int, default=3, help="median of R runs")
    args = ap.parse_args(argv)
    if not args.archive.exists():
        print(f"{args.archive}: no such archive (make one with bench_import.py --keep PATH)", file=sys.stderr)
        return 2
    s = _subjects(args.archive)
    print(f"archive         {s['articles']:,} articles, {s['quotes']:,} quotes, "
          f"{args.archive.stat().st_size / 1e6:,.0f} MB")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "archive.sqlite"
        text, meta = corpus.article(10_000_000)  # far past any benchmark's corpus: a text the archive lacks
        story = Path(tmp) / "one-more.txt"
        story.write_text(text, encoding="utf-8")
        Path(tmp, "one-more.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        cases = [
            ("import one new article", "change", ["import", "-q", str(story)]),
            ("speakers merge (two people)", "change", ["speakers", "merge", str(s["target"]), str(s["source"])]),
            ("events split (largest event)", "change", ["events", "split", str(s["event"]), str(s["report"])]),
            ('sql "select 1"', "command", ["sql", "select 1"]),
            ("stats", "command", ["stats"]),
        ]
        for label, kind, cmd in cases:
            walls, cpus = [], []
            for _ in range(args.repeat):
                shutil.copy(args.archive, work)
                for suffix in ("-wal", "-shm"):
                    Path(str(work) + suffix).unlink(missing_ok=True)
                wall, cpu = _run(["--db", str(work), *cmd])
                walls.append(wall)
                cpus.append(cpu)
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            met = wall < TARGETS[kind]
            results.append(met)
            print(f"{label:<30}{wall:6.2f} s wall, {cpu:5.2f} s CPU  (target {TARGETS[kind]:g} s: "
                  f"{'met' if met else 'NOT met'})")
    print(f"target          {sum(results)} of {len(results)} met (median of {args.repeat}, start-up included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
