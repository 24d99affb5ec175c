"""A corpus with the variety of a year of news, for the import benchmarks.

Built from the seed articles and the development set (tests/data/dev) by substitution: each
generated article takes a base text and gives its people new names (a first name and a
surname from syllables: about 8,000 distinct people), its cities other cities, and a sidecar
with one of 60 outlets and a publication date in 2025. Deterministic for a given seed; the
texts differ, so none is skipped as already known.

What is not substituted stays as the base article has it, deliberately: the people it names
but does not quote (leaders who met or spoke by phone), its regions and countries, and the
dates it states. So every base article's events recur in about one generated article in 38,
as the events of a long story do: an attack stated for 31 December 2024 in a region, or two
presidents' call, is reported thousands of times in a 100,000-article corpus, and such an
event gathers hundreds of the substituted names. These are the archive's hardest cases for
look-ups by place, date and people, and the benchmark keeps them in.
"""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "dev" / "articles").glob("*.txt"))
FIRST = ["Anna", "Oleh", "Maria", "Taras", "Iryna", "Dmytro", "Olena", "Serhiy", "Yulia", "Andriy", "Sofia",
         "Mykola", "Kateryna", "Ivan", "Natalia", "Pavlo", "Halyna", "Roman", "Daria", "Bohdan", "Laura",
         "Pierre", "Ingrid", "Tomas", "Hana", "Omar", "Leila", "Karim", "Amira", "Jonas", "Elena", "Marco",
         "Giulia", "Lukas", "Sara", "David", "Nina", "Viktor", "Alicia", "Mateo"]
STEMS = ["Kov", "Petr", "Mar", "Hal", "Bor", "Sav", "Lys", "Dan", "Tar", "Zin", "Vol", "Hor", "Kly", "Mel",
         "Ost", "Rud", "Shev", "Tym", "Yar", "Zor"]
ENDS = ["enko", "chuk", "ak", "yshyn", "ova", "ets", "ych", "iv", "yuk", "ko"]
CITIES = ["Kyiv", "Kharkiv", "Odesa", "Lviv", "Dnipro", "Zaporizhzhia", "Mykolaiv", "Kherson", "Sumy",
          "Chernihiv", "Poltava", "Vinnytsia", "Zhytomyr", "Rivne", "Lutsk", "Ternopil", "Uzhhorod",
          "Chernivtsi", "Cherkasy", "Kramatorsk", "Sloviansk", "Pokrovsk", "Izium", "Kupiansk", "Nikopol",
          "Kryvyi Rih", "Mariupol", "Melitopol", "Berdiansk", "Donetsk", "Luhansk", "Belgorod", "Kursk",
          "Bryansk", "Moscow", "Warsaw", "Berlin", "Paris", "Rome", "London", "Gaza", "Rafah", "Beirut",
          "Damascus", "Aleppo", "Baghdad", "Mosul", "Kabul", "Khartoum", "Goma", "Mogadishu", "Tripoli"]
OUTLETS = [f"{a} {b}" for a in ("Daily", "Evening", "Morning", "National", "City", "Global") for b in
           ("Herald", "Post", "Courier", "Tribune", "Observer", "Record", "Ledger", "Gazette", "Times", "Star")]


@cache
def _bases() -> list[tuple[str, list[str], list[str]]]:
    """(text, person names, city names) of each base article, as the extractor finds them."""
    from archive.clean import clean
    from archive.extract import extract
    from archive.types import RawArticle

    out = []
    for path in BASES:
        text = path.read_text(encoding="utf-8")
        found = extract(clean(RawArticle(path.name, str(path), text, "txt")))
        people = sorted({q.speaker.name for q in found.quotes if q.speaker and q.speaker.kind == "person"
                         and q.speaker.name and len(q.speaker.name.split()) >= 2}, key=_longest_first)
        cities = sorted({m.place.name for m in found.places if m.place and m.place.kind == "city"}, key=_longest_first)
        out.append((text, people, cities))
    return out


def _longest_first(name: str) -> tuple[int, str]:
    """Longer names are substituted first (a full name before its surname); names of one length by
    name, not by a set's order, which changes with each process's string hashes."""
    return -len(name), name


def article(i: int, seed: int = 7) -> tuple[str, dict]:
    """The i-th article of the corpus: (text, sidecar metadata)."""
    rng = random.Random(seed * 1_000_003 + i)
    text, people, cities = _bases()[i % len(_bases())]
    for name in people:
        first, surname = name.split()[0], name.split()[-1]
        new_first, new_surname = rng.choice(FIRST), rng.choice(STEMS) + rng.choice(ENDS)
        text = text.replace(name, f"{new_first} {new_surname}").replace(surname, new_surname)
        if len(first) > 2:
            text = text.replace(first + " ", new_first + " ")
    for city in cities:
        text = text.replace(city, rng.choice(CITIES))
    published = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
    return text + f"\n(Corpus article {i}.)\n", {"outlet": rng.choice(OUTLETS), "published": published.isoformat()}


def write(folder: Path, n: int, seed: int = 7) -> Path:
    """Write n articles and their sidecars into folder (kept: a second run with the same n reuses them)."""
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / f".complete-{n}-{seed}"
    if not done.exists():
        for i in range(n):
            text, meta = article(i, seed)
            (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
            (folder / f"a{i:06d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        done.touch()
    return folder
