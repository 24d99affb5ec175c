"""Place mentions in text, resolved against the shared gazetteer (:mod:`archive.extract.gazetteer`).

Ambiguous names are resolved by the article: a candidate in a country the
article names wins; otherwise the most populous, if it is ten times the next;
otherwise the name stays unresolved. Names are never guessed across
continents.
"""
from __future__ import annotations

import math
import re

from ..names import name_key
from ..types import Place, PlaceMention
from .gazetteer import gazetteer as shared_gazetteer

REGION_WORDS = ("region", "oblast", "district", "province", "governorate", "county", "state")
# Capitalized words that are also town names somewhere; a place only with a region word after them.
COMMON_WORDS = frozenset("""
    nice mobile reading split orange bath deal march may august victoria mercedes sale of the and hope
    union liberty independence commerce enterprise friendship paradise progress republic university
    police president prime justice young grand central north south east west new old fort mission
    general marshall bay lake mount university college sun news post capital state
""".split()) | frozenset({"white house", "the white house", "pentagon", "kremlin", "capitol", "downing street"})


def gazetteer() -> dict[str, tuple[Place, ...]]:
    """name key -> candidate places (:mod:`archive.extract.gazetteer`, loaded once per process)."""
    return shared_gazetteer().places


_RUN_WORD = re.compile(r"[\w’'.-]+")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_CAP_RUN = re.compile(r"(?:(?:the\s+)?[A-Z][\w’'.-]*(?:[ -](?:of|on|de|del|la|upon|am)?\s?[A-Z][\w’'.-]*)*)"
                      r"(?:\s+(?:region|oblast|district|province|governorate|county|Region|Oblast|District|Province))?")
_PERSON_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Dr|President|Minister|Mayor|Governor|Senator)\.?\s+$")


def find_places(text: str, start: int = 0, end: int | None = None, skip=()) -> list[PlaceMention]:
    """Place mentions in text[start:end], longest names first, never overlapping ``skip`` ranges."""
    end = len(text) if end is None else end
    gaz = gazetteer()
    # a phrase can only be a place if it starts with a name's first word, and has no more words than
    # the longest such name (each word of a run starts with a letter: one word at least in the key)
    firsts = shared_gazetteer().first_words
    found: list[tuple[int, int, tuple[Place, ...]]] = []
    for m in _CAP_RUN.finditer(text, start, end):
        words = list(_RUN_WORD.finditer(m.group(0)))
        # try every sub-run, longest first, left to right
        i = 0
        while i < len(words):
            raw = words[i].group()
            first = raw.lower() if raw.isascii() and raw.isalpha() else name_key(raw)
            longest = 5 if first == "the" else min(5, firsts.get(first, 0))
            if not longest:
                i += 1
                continue
            hit = None
            for j in range(min(len(words), i + longest), i, -1):
                s = m.start() + words[i].start()
                e = m.start() + words[j - 1].end()
                phrase = text[s:e].rstrip(".")
                e = s + len(phrase)
                key = name_key(_THE.sub("", phrase))
                if key in gaz and _plausible(text, s, e, phrase, gaz[key]):
                    hit = (s, e, gaz[key], j)
                    break
            if hit:
                s, e, cands, j = hit
                if not any(a < e and s < b for a, b in skip):
                    found.append((s, e, cands))
                i = j
            else:
                i += 1
    return _lists_of_one_kind(text, _disambiguate(text, found))


_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")
_REGIONS = "|".join(w[:-1] + "ies" if w.endswith("y") else w + "s" for w in REGION_WORDS)  # "the regions of ..."
_REGIONS_BEFORE = re.compile(rf"\b(?:{_REGIONS})\s*(?:[-–—:,(]\s*|of\s+(?:the\s+)?)?$", re.IGNORECASE)
_REGIONS_AFTER = re.compile(rf"\s+(?:{_REGIONS})\b", re.IGNORECASE)


def _lists_of_one_kind(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A list of places is of one kind: in 'the regions of Donetsk, Kherson and Luhansk' or 'Donetsk,
    Kherson, Luhansk and Zaporizhzhia' with one of them only a region, each name that has a region of
    its own ('Donetsk region') is that region, not the city it is named after."""
    gaz = gazetteer()
    out = list(mentions)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _LIST_GLUE.fullmatch(text, out[j].end, out[j + 1].start):
            j += 1
        if j > i:
            items = out[i:j + 1]
            framed = _REGIONS_BEFORE.search(text, max(0, items[0].start - 40), items[0].start) \
                or _REGIONS_AFTER.match(text, items[-1].end)
            regions = [gaz.get(name_key(_THE.sub("", m.text) + " region")) for m in items]
            some_region = any(m.place is not None and m.place.kind == "region" for m in items)
            if framed or some_region:
                for k, (m, region) in enumerate(zip(items, regions)):
                    if region and len(region) == 1 and (m.place is None or m.place.kind == "city"):
                        out[i + k] = PlaceMention(m.text, m.start, m.end, region[0], 1)
        i = j + 1
    return out


def _plausible(text: str, s: int, e: int, phrase: str, cands: tuple[Place, ...]) -> bool:
    low = phrase.lower()
    if low.startswith("the "):
        low = low[4:]
    if low in COMMON_WORDS:
        return False
    if _PERSON_BEFORE.search(text[max(0, s - 15):s]):
        return False
    before = text[max(0, s - 2):s]
    # "Denzel Washington": a capitalized word right before a single-word city is a name, not a place
    capital_before = re.search(r"([A-Z][a-z]+) $", text[max(0, s - 20):s])
    if capital_before and len(phrase.split()) == 1 and all(c.kind == "city" for c in cands):
        prev_word = capital_before.group(1)
        if prev_word.lower() not in ("in", "of", "from", "near", "to", "at", "on", "the", "a", "an", "another", "this",
                                     "that", "every", "each", "one", "last", "after") and not before.startswith(","):
            return prev_word in ("Greater", "Central", "Northern", "Southern", "Eastern", "Western")
    # "Vladimir Putin": a first name followed by a surname is a person, not the city of Vladimir
    nxt = re.match(r"\s+([A-Z][\w’'-]+)", text[e:e + 30])
    if nxt and len(phrase.split()) == 1 and nxt.group(1).lower() not in _PLACE_FOLLOWERS:
        from .speakers import first_name_gender

        if first_name_gender(phrase) is not None:
            return False
    return True


_PLACE_FOLLOWERS = frozenset(w.lower() for w in REGION_WORDS) | frozenset(
    "mayor governor city region oblast province district council police authorities officials residents".split())


def _score(place: Place, countries: set[str | None]) -> float:
    """log10(population), plus 1.5 (a factor of about 30) when the article names the place's country."""
    return math.log10(max(place.population, 10)) + (1.5 if place.country_code in countries else 0.0)


def _disambiguate(text: str, found) -> list[PlaceMention]:
    countries = {c.country_code for _, _, cands in found if len(cands) == 1 for c in cands}
    out = []
    for s, e, cands in found:
        if len(cands) == 1:
            out.append(PlaceMention(text[s:e], s, e, cands[0]))
            continue
        ranked = sorted(cands, key=lambda c: _score(c, countries), reverse=True)
        gap = _score(ranked[0], countries) - _score(ranked[1], countries)
        same_country = ranked[0].country_code == ranked[1].country_code
        if same_country or gap >= 0.25:
            out.append(PlaceMention(text[s:e], s, e, ranked[0], len(cands)))
        else:  # too close to call: left unresolved rather than guessed
            out.append(PlaceMention(text[s:e], s, e, None, len(cands)))
    return out
