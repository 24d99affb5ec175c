"""End-to-end import throughput: files on disk -> workers -> one writer -> SQLite.

Writes N articles built from the seeds (as bench_extract.py does) to a temporary
folder, runs ``archive import --jobs J`` on them in a fresh archive, and prints
articles/s and the peak memory of the importing process and its workers. Usage::

    python benchmarks/bench_import.py [--articles N] [--jobs J]
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import corpus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1200)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for a in corpus(args.articles):
            (folder / a.name).write_text(a.text, encoding="utf-8")
        db = Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "archive", "--db", str(db), "import", "-q", "--jobs",
                              str(args.jobs), str(folder)], capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"articles        {args.articles:,} files, {args.jobs} worker process(es)")
        print(f"summary         {out.stdout.strip()}")
        print(f"time            {elapsed:.1f} s (reading, cleaning, extracting, storing, summaries)")
        print(f"throughput      {args.articles / elapsed:,.0f} articles/s end to end")
        print(f"peak memory     {peak:,.0f} MB (largest single process)")
        print(f"archive size    {db.stat().st_size / 1e6:,.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
