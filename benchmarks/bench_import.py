"""Import throughput, and how the writer's cost grows with the archive.

Writes N articles of the variety corpus (:mod:`corpus`: thousands of people, 52 cities, 60
outlets, dates over 2025) to a folder, imports them into a fresh archive with J worker
processes, and prints articles/s end to end, the writer's CPU per article for each slice of
stored articles (so that growth shows), the workers' CPU per article, and peak memory of the
writer and of the largest worker. Usage::

    python benchmarks/bench_import.py [--articles N] [--jobs J] [--slice S] [--corpus DIR] [--keep PATH]
                                      [--reextract]

``--keep PATH`` keeps the archive (for ``bench_change.py``, which times one change in it).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus


def child(folder: str, db: str, jobs: int, slice_: int, again: bool) -> None:
    """The import, in this process (the writer), timing each batch the writer stores; with ``again``,
    then ``archive reextract`` of everything it stored."""
    from archive.db import open_archive
    from archive.pipeline import import_paths, reextract
    from archive.read import expand_paths
    from archive.store import writer

    slices: list[tuple[int, float]] = []   # (articles stored so far, writer CPU s in this slice)
    state = {"stored": 0, "cpu": 0.0}
    original = writer.Store.write_batch

    def timed(self, items, last=False):
        t0 = time.process_time()
        out = original(self, items, last)
        state["cpu"] += time.process_time() - t0
        state["stored"] += len(items)
        if state["stored"] // slice_ > len(slices) or last:
            slices.append((state["stored"], state["cpu"]))
            state["cpu"] = 0.0
        return out

    writer.Store.write_batch = timed  # type: ignore[method-assign]
    engine = open_archive(f"sqlite:///{db}")
    t0 = time.perf_counter()
    summary = import_paths(list(expand_paths([folder])), engine, jobs=jobs)
    wall = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    again_wall = None
    if again:
        t0 = time.perf_counter()
        reextract(engine, jobs=jobs)
        again_wall = time.perf_counter() - t0
    print(json.dumps(dict(wall=wall, again_wall=again_wall, new=summary.new, quotes=summary.quotes, slices=slices,
                          writer_peak_mb=own.ru_maxrss / 1024, worker_peak_mb=kids.ru_maxrss / 1024,
                          worker_cpu=kids.ru_utime + kids.ru_stime, parent_cpu=own.ru_utime + own.ru_stime)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--slice", type=int, default=1000, help="report the writer's cost per this many articles")
    ap.add_argument("--corpus", type=Path, help="keep the generated articles here (reused next time)")
    ap.add_argument("--keep", type=Path, help="keep the archive here (replaced if it exists)")
    ap.add_argument("--reextract", action="store_true", help="then re-extract the archive, timed")
    ap.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), int(args.child[3]), args.child[4] == "1")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = corpus.write(args.corpus or Path(tmp) / "articles", args.articles)
        if len(list(folder.glob("*.txt"))) > args.articles:  # a corpus kept from a larger run: its first N
            first = Path(tmp) / "first"
            first.mkdir()
            for i in range(args.articles):
                for suffix in (".txt", ".meta.json"):
                    (first / f"a{i:06d}{suffix}").symlink_to(folder / f"a{i:06d}{suffix}")
            folder = first
        db = Path(tmp) / "bench.sqlite"
        out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(db), str(args.jobs),
                              str(args.slice), "1" if args.reextract else "0"], capture_output=True, text=True,
                             check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        size = db.stat().st_size / 1e6
        if args.keep:
            args.keep.unlink(missing_ok=True)
            shutil.move(db, args.keep)
    n = r["new"]
    jobs = args.jobs if args.jobs > 1 else 0
    print(f"articles        {n:,} new ({r['quotes']:,} quotes), {args.jobs} worker process(es), {os.cpu_count()} cores")
    print(f"throughput      {n / r['wall']:,.0f} articles/s end to end ({r['wall']:,.1f} s)")
    print("writer CPU      per article, by articles already stored:")
    before, per = 0, []
    for stored, cpu in r["slices"]:
        if stored > before:
            per.append(1000 * cpu / (stored - before))
            print(f"  {before:>9,} - {stored:<9,} {per[-1]:6.1f} ms")
        before = stored
    if len(per) > 2:  # the last slice also refreshes the derived tables for the whole import
        print(f"growth          {per[-2] / per[0]:.2f}x from the first slice to the last full one (target <= 1.5x)")
    if jobs:
        print(f"workers CPU     {1000 * r['worker_cpu'] / max(n, 1):.1f} ms per article (extraction)")
    print(f"peak memory     writer {r['writer_peak_mb']:,.0f} MB" +
          (f", largest worker {r['worker_peak_mb']:,.0f} MB" if jobs else ""))
    print(f"archive size    {size:,.1f} MB")
    if r["again_wall"] is not None:
        print(f"reextract       {n / r['again_wall']:,.0f} articles/s ({r['again_wall']:,.1f} s, the same workers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
