"""Reliability figures: kill -9 trials and fuzzed inputs, counted.

Kills import, reextract, speakers merge and events split at random moments (--trials per
command), checks the file after each kill, runs the command again to its end and compares the
archive with a clean run (a digest of articles, quotes with their speakers, and event reports).
Then reads and extracts --inputs generated hostile files (tests/reliability/harness.py) as a
worker does. Prints trials, failures, rows lost and duplicated, crashes, the slowest input.
Usage::

    python benchmarks/reliability.py [--trials 20] [--articles 150] [--inputs 10000] [--seed 0]
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reliability"))
from harness import crashes, kill_trial, nasty_file, scenarios

COUNT = "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM quotes)"


def _rows(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(COUNT).fetchone()
    finally:
        con.close()


def kills(work: Path, trials: int, articles: int, seed: int) -> int:
    runs = scenarios(work, articles, seed)
    print(f"kill -9 trials on a {articles}-article corpus")
    print(f"  {'command':<16}{'trials':>7}{'killed':>8}{'failed':>8}{'lost':>6}{'doubled':>9}  clean run")
    failures = 0
    for command, (start, args, clean, duration) in runs.items():
        rng = random.Random(f"{seed}-{command}")
        clean_db = work / f"clean-{command.replace(' ', '-')}.sqlite"
        expected = _rows(clean_db) if clean_db.exists() else _rows(work / "imported.sqlite")
        killed = failed = lost = doubled = 0
        for k in range(trials):
            trial = kill_trial(work, start, args, clean, duration, rng, f"{command.replace(' ', '-')}-{k}")
            db = work / f"{command.replace(' ', '-')}-{k}.sqlite"
            got = _rows(db)
            lost += sum(max(0, e - g) for e, g in zip(expected, got))
            doubled += sum(max(0, g - e) for e, g in zip(expected, got))
            killed += trial.killed
            if trial.failed:
                failed += 1
                print(f"    FAILED after {trial.delay:.2f} s: {trial.problems or 'differs from a clean run'}")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        failures += failed
        print(f"  {command:<16}{trials:>7}{killed:>8}{failed:>8}{lost:>6}{doubled:>9}  {duration:.2f} s")
    return failures


def fuzz(work: Path, inputs: int, seed: int) -> int:
    rng = random.Random(seed)
    folder = work / "fuzz"
    folder.mkdir()
    bad, worst, worst_name, total = 0, 0.0, "", 0
    t_all = time.process_time()
    for k in range(inputs):
        name, data = nasty_file(rng, k)
        path = folder / name
        path.write_bytes(data)
        total += len(data)
        t0 = time.process_time()
        wrong = crashes(path)
        spent = time.process_time() - t0
        if spent > worst:
            worst, worst_name = spent, f"{name} ({len(data):,} bytes, shape {k % 12})"
        if wrong:
            bad += 1
            if bad <= 10:
                print(f"    CRASH {name}: {wrong[:2]}")
        path.unlink()
        if (k + 1) % 1000 == 0:
            print(f"  ... {k + 1:,} inputs", file=sys.stderr)
    print(f"fuzzed inputs   {inputs:,} ({total / 1e6:.1f} MB), crashes {bad}, "
          f"{time.process_time() - t_all:.1f} CPU-s in all")
    print(f"slowest input   {worst:.2f} CPU-s: {worst_name}")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=20, help="kills per command")
    ap.add_argument("--articles", type=int, default=150, help="corpus size for the kill trials")
    ap.add_argument("--inputs", type=int, default=10_000, help="fuzzed input files")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        failed = kills(Path(tmp), args.trials, args.articles, args.seed) if args.trials else 0
        crashed = fuzz(Path(tmp), args.inputs, args.seed) if args.inputs else 0
    print(f"summary         {failed} failed trials, {crashed} crashes")
    return 1 if failed or crashed else 0


if __name__ == "__main__":
    sys.exit(main())
