"""Numbers as news reports them: 'over 500', 'about 400', 'a record 550', 'two dozen'.

``parse_amount`` reads one number phrase into (low, high, is_estimate):

* exact ('23', 'twenty-three', 'a record 550'): low = high = N
* 'at least / more than / over / upwards of N': low = N, high unknown
* 'nearly / almost / up to / fewer than / less than / under N': high = N, low unknown
* 'about / around / roughly / approximately / some / an estimated N': low = high = N, an estimate
* 'dozens / hundreds / thousands of': low = 24 / 200 / 2000, high unknown, an estimate
* 'several': low = 3, high unknown, an estimate; 'a dozen' = 12; 'two dozen' = 24

Unknown stays None, never 0.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..caseless import compile_lower, lowered

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
    "single": 1,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2_000_000, "several": 3,
         "multiple": 2, "many": None, "numerous": None}

LOWER_BOUND = ("at least", "more than", "over", "upwards of", "in excess of", "a minimum of", "no fewer than",
               "no less than", "above")
UPPER_BOUND = ("nearly", "almost", "up to", "fewer than", "less than", "under", "as many as", "close to",
               "just under", "a maximum of")
ESTIMATE = ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated", "approx.",
            "circa", "nearly")
EXACT_PREFIX = ("a record", "a total of", "a further", "another", "an additional", "exactly", "just")

_NUMBER_WORD = "|".join(sorted(list(UNITS) + list(SCALES), key=len, reverse=True))
_QUALIFIER = "|".join(re.escape(q) for q in sorted(LOWER_BOUND + UPPER_BOUND + ESTIMATE + EXACT_PREFIX,
                                                    key=len, reverse=True))
# One number phrase; the caller checks what noun follows.
AMOUNT = re.compile(
    rf"\b(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
    rf"|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*)"
    rf"|dozens|scores|hundreds|thousands|millions|several|multiple)\b",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Amount:
    low: int | None
    high: int | None
    is_estimate: bool
    wording: str
    start: int
    end: int


def words_to_number(text: str) -> int | None:
    """'two dozen' -> 24, 'twenty-three' -> 23, 'one hundred and five' -> 105, '2,000' -> 2000."""
    t = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return _bounded(int(t.split(".")[0]))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(million|thousand)", t)
    if m:
        whole, _, frac = m.group(1).partition(".")
        scale = SCALES[m.group(2)]
        return _bounded(int(whole) * scale + (int(frac[:6]) * scale // 10 ** len(frac[:6]) if frac else 0))
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", t):
        if w == "and" or not w:
            continue
        if w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in SCALES:
            current = (current or 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


#: Larger counts are not counts of anything an article reports (a 400-digit numeral is noise).
MAX_COUNT = 10 ** 12


def _bounded(value: int) -> int | None:
    return value if value <= MAX_COUNT else None


_NO_BEFORE = re.compile(r"\b(?:no|not a single|not one)\s*$", re.IGNORECASE)


def parse_amount(text: str) -> Amount | None:
    """The first number phrase in ``text`` (see the module docstring), or None."""
    found = amounts(text)
    return found[0] if found else None


_STARTS = frozenset(w.split()[0] for w in LOWER_BOUND + UPPER_BOUND + ESTIMATE + EXACT_PREFIX) | frozenset(
    UNITS) | frozenset(SCALES) | frozenset(VAGUE)
# Where a number phrase can start: a digit, or one of the words above (found in one C-level scan of
# the lowered text: archive.caseless).
_WORD = compile_lower(r"\b(?:\d|(?:" + "|".join(sorted((re.escape(w.lower()) for w in _STARTS), key=len, reverse=True))
                      + r")\b)")


def amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """Every number phrase in text[start:end], with offsets into ``text``.

    The phrase pattern is tried only where a word could start one (a digit, a number word, a qualifier).
    """
    end = len(text) if end is None else end
    out: list[Amount] = []
    resume = start
    for w in _WORD.finditer(lowered(text), start, end):
        pos = w.start()
        if pos < resume:
            continue
        m = AMOUNT.match(text, pos, end)
        if m and _NO_BEFORE.search(text[max(0, pos - 14):pos]):
            resume = m.end()  # "no one was hurt": not a count of one
            continue
        if m:
            a = _amount(m)
            if a is not None:
                out.append(a)
                resume = m.end()
    return out


def _amount(m: re.Match) -> Amount | None:
    qual = (m.group("qual") or "").lower()
    num = m.group("num").lower()
    wording = m.group(0)
    if num in ("a", "an") and not qual:
        return None  # a bare article is not a number
    if num in VAGUE:
        low = VAGUE[num]
        return Amount(low, None, True, wording, m.start(), m.end())
    value = words_to_number(num)
    if value is None:
        return None
    if qual in LOWER_BOUND:
        return Amount(value, None, False, wording, m.start(), m.end())
    if qual in UPPER_BOUND:
        return Amount(None, value, qual in ("nearly", "almost", "close to", "just under"), wording, m.start(), m.end())
    if qual in ESTIMATE:
        return Amount(value, value, True, wording, m.start(), m.end())
    return Amount(value, value, False, wording, m.start(), m.end())
