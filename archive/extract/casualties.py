"""What a number counts: killed, injured, children killed, drones, missiles, intercepted, ...

Numbers are read by :mod:`.figures`; this module decides, from the words around each one, what it
counts, and finds the counts news writes without digits: enumerations ('a man and two women'),
one person ('a 50-year-old woman was injured') and real zeros ('nobody was hurt'). A toll that
rose ('has risen to 12') replaces the earlier figure; an earlier toll ('revised an earlier toll
of 27') is not a figure. The words are the lexicon's (the figures section of :mod:`.lexicon`);
the patterns here only arrange them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..caseless import compile_lower, lowered
from ..types import FigureFound
from .figures import Amount, amounts, words_to_number
from .lexicon import (
    BREACHED_WORDS,
    CHILD_NOUNS,
    COUNTED_PERSON_NOUNS,
    DEATH_NOUNS,
    INJURED_WORDS,
    INJURING_BEFORE,
    INJURING_JUST_BEFORE,
    INJURY_NOUNS,
    INTERCEPTED_WORDS,
    KILLED_WORDS,
    KILLING_BEFORE,
    LEAVING_BEFORE,
    NOBODY_WORDS,
    NOT_A_COUNT_AFTER,
    NOT_PEOPLE_COUNTED,
    ONE_PERSON_NOUNS,
    PEOPLE_COUNT_FOLLOWERS,
    PEOPLE_NOUNS,
    RISEN_TO_VERBS,
    SUPERSEDED_WORDS,
    TOLL_VERBS,
    WEAPONS,
)


def _alt(words: Iterable[str]) -> str:
    """Words as one regex alternation, each taken literally."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


_PASSIVE = r"(?:were |have been |had been |was |are )?(?:all |both )?"
_DRONES_AND_MISSILES_AFTER = re.compile(r"\s*(?:drones?|uavs?|shaheds?|[a-z-]+\s+drones?|[a-z-]+-type\s+drones?)"
                                        r"\s+and\s+missiles\b")
_WEAPON_AFTER = re.compile(rf"\s*(?:[\w-]+\s+){{0,2}}?({_alt(sorted(WEAPONS, key=len, reverse=True))})\b")
_HOURS_AFTER = re.compile(r"\s*(?:hours?)\b")
_DURATION_CONTEXT = re.compile(r"(?:last|rang|for|continu|lasting|sirens)")
_NOT_A_COUNT = re.compile(rf"\s*{_alt(NOT_A_COUNT_AFTER)}")
_CHILDREN_AFTER = re.compile(rf"\s*(?:of them\s+)?{_alt(CHILD_NOUNS)}\b")
_KILLING_BEFORE = re.compile(rf"{_alt(KILLING_BEFORE)}\s*$")
_KILLED_JUST_BEFORE = re.compile(rf"{_alt(('killed', 'killing'))}\s*$")
_INJURING_BEFORE = re.compile(rf"{_alt(INJURING_BEFORE)}\s*$")
_INJURING_JUST_BEFORE = re.compile(rf"{_alt(INJURING_JUST_BEFORE)}\s*$")
_INJURING_ALSO_BEFORE = re.compile(rf"{_alt(INJURING_JUST_BEFORE)}\s*(?:also\s+)?$")
_LEAVING_BEFORE = re.compile(rf"{_alt(LEAVING_BEFORE)}\s*$")
_INJURED_SOON_AFTER = re.compile(rf"\s*(?:[a-z]+\s+){{0,2}}?{_alt(INJURED_WORDS)}")
_DEAD_SOON_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,2}?dead")
_PEOPLE_KILLED_AFTER = re.compile(rf"\s*(?:[a-z]+\s+){{0,3}}?{_PASSIVE}{_alt(KILLED_WORDS)}")
_PEOPLE_INJURED_AFTER = re.compile(rf"\s*(?:[a-z]+\s+){{0,3}}?{_PASSIVE}{_alt(INJURED_WORDS)}")
_AGE_OR_ORDINAL_AFTER = re.compile(r"-year-old|-storey|-story|st\b|nd\b|rd\b|th\b|:\d")
_WAS_KILLED_AFTER = re.compile(rf"\s*(?:was |were |has been |had been )?{_alt(KILLED_WORDS)}")
_KILLING_JUST_BEFORE = re.compile(r"killing\s*$")
_WAS_INJURED_AFTER = re.compile(rf"\s*(?:was |were |has been )?{_alt(INJURED_WORDS)}")
# _ONE_PERSON, _ENUMERATION, _ENUM_PART, _NOBODY: scanned in the lowered text (archive.caseless)
_ONE_PERSON = compile_lower(rf"\b(?:a|an|one)\s+(?:\d+-year-old\s+|young\s+|elderly\s+)?{_alt(ONE_PERSON_NOUNS)}\b")
_PERSON_NOUN = _alt(COUNTED_PERSON_NOUNS)
_COUNT_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
# "a man and two women", "two soldiers, a child and an elderly woman": people counted one group at a time
_ENUMERATION = compile_lower(rf"\b{_COUNT_WORD}\s+(?:[a-z-]+\s+)?{_PERSON_NOUN}"
                          rf"(?:\s*,\s*{_COUNT_WORD}\s+(?:[a-z-]+\s+)?{_PERSON_NOUN})*"
                          rf"\s+and\s+{_COUNT_WORD}\s+(?:[a-z-]+\s+)?{_PERSON_NOUN}\b")
_ENUM_PART = compile_lower(rf"\b({_COUNT_WORD})\s+(?:[a-z-]+\s+)?{_PERSON_NOUN}")
_TOLL_BEFORE = re.compile(rf"\b(?:death|casualty|injury)?\s*toll\b[^.;]{{0,60}}?\b{_alt(TOLL_VERBS)}"
                          r"\s+(?:at\s+|to\s+)?(?:at least\s+)?$", re.IGNORECASE)
_AMONG_DEAD_BEFORE = re.compile(r"\bamong the (?:dead|victims|killed)\s+(?:were|are|was)\s+$", re.IGNORECASE)
_NOBODY = compile_lower(rf"\b{_alt(NOBODY_WORDS)}\s+(?:was|were|has been|have been|had been)\s+"
                        r"(?:(?:seriously|badly|reported)\s+)?(killed|hurt|injured|wounded)\b")
_SUPERSEDED_BEFORE = re.compile(rf"\b{_alt(SUPERSEDED_WORDS)}\s+(?:death\s+)?(?:toll|count|figure)\s+(?:of\s+)?$",
                                re.IGNORECASE)
_RISEN_TO_BEFORE = re.compile(rf"\b(?:{_alt(RISEN_TO_VERBS)}|revised\s+\w*)\s+(?:\w+\s+)?to\s+$", re.IGNORECASE)


def classify_figure(text: str, a: Amount) -> str | None:
    """What a number counts, from the words around it; None if nothing we track."""
    after = text[a.end:a.end + 60].lower()
    before = text[max(0, a.start - 30):a.start].lower()
    after_words = re.findall(r"[a-z’'-]+", after)[:6]
    if _DRONES_AND_MISSILES_AFTER.match(after):
        return "drones_and_missiles"
    m = _WEAPON_AFTER.match(after)
    if m:
        weapon = WEAPONS.get(m.group(1), "drones")
        tail = after[m.end():m.end() + 30]
        if any(w in tail[:20] for w in BREACHED_WORDS):
            return "breached"
        if any(w in tail[:25] for w in INTERCEPTED_WORDS) or any(w in before[-20:] for w in INTERCEPTED_WORDS):
            return "intercepted"
        return weapon
    if _HOURS_AFTER.match(after):
        return "duration_hours" if _DURATION_CONTEXT.search(before + after[:40]) else None
    if _NOT_A_COUNT.match(after) or (after_words and after_words[0] in NOT_PEOPLE_COUNTED):
        return None
    # "the death toll from Monday's strike on Odesa has risen to", "the injury toll in Odesa rose to"
    toll = _TOLL_BEFORE.search(text, max(0, a.start - 90), a.start)
    if toll:
        return "injured" if re.search(r"injur|wound", toll.group(0), re.IGNORECASE) else "killed"
    children = _CHILDREN_AFTER.match(after)
    if children and _AMONG_DEAD_BEFORE.search(before):
        return "children_killed"  # "Among the dead were two children"
    if after_words and after_words[0] in DEATH_NOUNS:
        return "killed"  # "up to eleven deaths", "27 dead"
    if after_words and after_words[0] in INJURY_NOUNS:
        return "injured"
    # "at least 20 were killed"
    people = not after_words or after_words[0] in PEOPLE_NOUNS or after_words[0] in PEOPLE_COUNT_FOLLOWERS
    window_after = after[:45]
    if children and any(w in window_after for w in KILLED_WORDS):
        return "children_killed"
    if _LEAVING_BEFORE.search(before) and _INJURED_SOON_AFTER.match(after):
        return "injured"  # "left two people injured"
    if _KILLING_BEFORE.search(before) or (people and _PEOPLE_KILLED_AFTER.match(after)):
        return "killed"
    if _INJURING_BEFORE.search(before) or (people and _PEOPLE_INJURED_AFTER.match(after)):
        if _LEAVING_BEFORE.search(before) and not _INJURED_SOON_AFTER.match(after):
            return "killed" if _DEAD_SOON_AFTER.match(after) else None
        return "injured"
    return None


def sentence_figures(text: str, start: int, end: int) -> list[FigureFound]:
    out = _enumerations(text, start, end) + _zeros(text, start, end)
    for a in amounts(text, start, end):
        if _AGE_OR_ORDINAL_AFTER.match(text[a.end:a.end + 9]) or any(f.start <= a.start < f.end for f in out):
            continue  # ages, storeys, ordinals, times; numbers inside 'a man and two women'
        if _SUPERSEDED_BEFORE.search(text, max(start, a.start - 30), a.start):
            continue  # "revised downwards an earlier toll of 27 dead": not the figure
        kind = classify_figure(text, a)
        if kind:
            update = bool(_RISEN_TO_BEFORE.search(text, max(start, a.start - 30), a.start))
            out.append(FigureFound(kind, a.low, a.high, a.wording, a.is_estimate, a.start, a.end, update))
    low = lowered(text)
    for m in _ONE_PERSON.finditer(low, start, end):
        if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in out):
            continue
        after = low[m.end():m.end() + 40]
        before = low[max(0, m.start() - 25):m.start()]
        if _WAS_KILLED_AFTER.match(after) or _KILLING_JUST_BEFORE.search(before):
            out.append(FigureFound("killed", 1, 1, text[m.start():m.end()], False, m.start(), m.end()))
        elif _WAS_INJURED_AFTER.match(after) or _INJURING_ALSO_BEFORE.search(before):
            out.append(FigureFound("injured", 1, 1, text[m.start():m.end()], False, m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


def _zeros(text: str, start: int, end: int) -> list[FigureFound]:
    """'Nobody was hurt' -> injured 0; 'no one was killed' -> killed 0."""
    out = []
    for m in _NOBODY.finditer(lowered(text), start, end):
        kind = "killed" if m.group(1) == "killed" else "injured"
        out.append(FigureFound(kind, 0, 0, text[m.start():m.end()], False, m.start(), m.end()))
    return out


def _enumerations(text: str, start: int, end: int) -> list[FigureFound]:
    """'injured a man and two women' -> injured 3; 'a man and a woman died' -> killed 2."""
    out = []
    low = lowered(text)
    for m in _ENUMERATION.finditer(low, start, end):
        total = 0
        for part in _ENUM_PART.finditer(m.group(0)):
            value = words_to_number(part.group(1)) if part.group(1) not in ("a", "an") else 1
            total += value or 0
        before = low[max(start, m.start() - 30):m.start()]
        after = low[m.end():m.end() + 40]
        if _WAS_KILLED_AFTER.match(after) or _KILLED_JUST_BEFORE.search(before):
            kind = "killed"
        elif _WAS_INJURED_AFTER.match(after) or _INJURING_JUST_BEFORE.search(before):
            kind = "injured"
        else:
            continue
        out.append(FigureFound(kind, total, total, text[m.start():m.end()], False, m.start(), m.end()))
    return out
