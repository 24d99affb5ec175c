"""Extraction throughput on one core: clean + extract, no database.

Takes N articles (default 1,200) of the variety corpus (:mod:`corpus`: the seeds and the
development set with new people, cities, outlets and dates), then times cleaning and extraction
in this process, in CPU seconds (best of R runs), and prints articles per CPU-second, kchars/s
and peak memory. Usage::

    python benchmarks/bench_extract.py [--articles N] [--repeat R]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

from archive.clean import clean
from archive.extract import extract, extract_quotes
from archive.types import RawArticle


def variety(n: int) -> list[RawArticle]:
    return [RawArticle(f"bench_{i}.txt", f"/bench/{i}.txt", corpus.article(i)[0], "txt") for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1200)
    ap.add_argument("--repeat", type=int, default=3, help="best of R runs")
    args = ap.parse_args(argv)
    articles = variety(args.articles)
    chars = sum(len(a.text) for a in articles)
    extract(clean(articles[0]))  # warm-up: lexicons, gazetteer

    def best_of(fn) -> tuple[float, int]:
        best, count = float("inf"), 0
        for _ in range(args.repeat):
            t0 = time.process_time()
            count = fn()
            best = min(best, time.process_time() - t0)
        return best, count

    def quotes_only() -> int:
        total = 0
        for a in articles:
            c = clean(a)
            total += len(extract_quotes(a.text, c.removed, c.body_start, c.body_end))
        return total

    def everything() -> int:
        return sum(len(x.quotes) + len(x.events) for x in (extract(clean(a)) for a in articles))

    q_time, quotes = best_of(quotes_only)
    f_time, facts = best_of(everything)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(articles)
    print(f"articles        {n:,} ({chars / 1000:,.0f} kchars, the variety corpus)")
    print(f"quotes          {n / q_time:,.0f} articles per CPU-second, {chars / 1000 / q_time:,.0f} kchars/s "
          f"(clean + quotes and speakers; {quotes:,} quotes)")
    print(f"everything      {n / f_time:,.0f} articles per CPU-second, {chars / 1000 / f_time:,.0f} kchars/s "
          f"(clean + quotes, events, figures, places, dates; {facts:,} quotes and events)")
    print(f"target          everything >= 150 articles per CPU-second: {'met' if n / f_time >= 150 else 'NOT met'}")
    print(f"runs            best of {args.repeat}, CPU time of this process")
    print(f"peak memory     {peak_mb:,.0f} MB (gazetteer included)")
    print(f"python          {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
