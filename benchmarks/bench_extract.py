"""Extraction throughput on one core: clean + extract, no database.

Builds a corpus of N articles (default 1,200) from the seed articles by
shuffling their paragraphs and swapping names, so no two texts are equal,
then times cleaning and extraction in this process and prints articles/s,
kchars/s and peak memory. Usage::

    python benchmarks/bench_extract.py [--articles N] [--repeat R]
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

from archive.clean import clean
from archive.extract import extract, extract_quotes
from archive.types import RawArticle

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SWAPS = [("Zelensky", "Petrenko"), ("Trump", "Marchenko"), ("Kyiv", "Lviv"), ("Putin", "Orlov"),
         ("Peskov", "Ivanova"), ("Lysak", "Kovac"), ("Starmer", "Lindqvist")]


def corpus(n: int, seed: int = 7) -> list[RawArticle]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    out = []
    for i in range(n):
        base = texts[i % len(texts)]
        paras = base.split("\n")
        head, body = paras[:3], paras[3:]
        rng.shuffle(body)
        text = "\n".join(head + body)
        for old, new in rng.sample(SWAPS, 3):
            text = text.replace(old, new)
        out.append(RawArticle(f"bench_{i}.txt", f"/bench/{i}.txt", text + f"\nBench article {i}.", "txt"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1200)
    ap.add_argument("--repeat", type=int, default=3, help="best of R runs")
    args = ap.parse_args(argv)
    articles = corpus(args.articles)
    chars = sum(len(a.text) for a in articles)
    extract(clean(articles[0]))  # warm-up: lexicons, gazetteer

    def best_of(fn) -> tuple[float, int]:
        best, count = float("inf"), 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            count = fn()
            best = min(best, time.perf_counter() - t0)
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
    print(f"articles        {len(articles):,} ({chars / 1000:,.0f} kchars)")
    print(f"quotes          {len(articles) / q_time:,.0f} articles/s, {chars / 1000 / q_time:,.0f} kchars/s "
          f"(clean + quotes and speakers; {quotes:,} quotes)")
    print(f"everything      {len(articles) / f_time:,.0f} articles/s, {chars / 1000 / f_time:,.0f} kchars/s "
          f"(clean + quotes, events, figures, places, dates)")
    print(f"runs            best of {args.repeat}, one core")
    print(f"peak memory     {peak_mb:,.0f} MB (gazetteer included)")
    print(f"python          {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
