"""Dates in news text, resolved against the publication date.

``find_dates`` returns every date phrase with its value and precision:

* explicit: 'August 28, 2025', '28 August 2025', 'Aug. 28', '2025-08-28' (day);
  'August 2025' (month). A date without a year takes the publication
  year (the year before, if that would put it after publication).
* relative: 'today', 'yesterday', 'overnight' / 'last night' (the night
  before publication), 'on Tuesday' (the latest Tuesday on or before it),
  'last week' / 'this week' (week), 'earlier this month' / 'last month' (month).

With no publication date a relative phrase keeps its text and gets no value
(never a guess).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .caseless import compile_lower, lowered

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_WEEKDAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday".split()
WEEKDAYS = {d: i for i, d in enumerate(_WEEKDAY_NAMES)}

_MONTH_NAMES = ("January February March April May June July August September October November December "
                "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
_MONTH = rf"(?P<month>{'|'.join(_MONTH_NAMES)})\.?"
# ``\b(?:May|June)`` written as ``May(?<!\w...)|June(?<!\w....)``: after a word's leading letters, the
# character before the first of them is not part of a word. A pattern that begins with ``\b`` makes re
# try a match at every position of the text; one that begins with a choice of plain characters lets
# it jump from one of them to the next, and the look-behind runs only where the letters matched
# (the ISO, month-day and day-month scans run 3-4 times as fast).
_STARTS_WORD = r"(?<!\w.)"  # behind a pattern's first character (a digit)
_LEADING_LETTERS = re.compile(r"[A-Za-z0-9 ]+")


def _words_at_start(words: list[str]) -> str:
    parts = []
    for w in words:
        n = _LEADING_LETTERS.match(w).end()  # type: ignore[union-attr]  # every word starts with one
        parts.append(f"{w[:n]}(?<!\\w.{{{n}}}){w[n:]}")
    return "|".join(parts)


_MONTH_FIRST = rf"(?P<month>{_words_at_start(_MONTH_NAMES)})\.?"
_RELATIVE = ["today", "yesterday", "overnight", "last night", "this morning", "tonight", "last week", "this week",
             "earlier this week", "earlier this month", "this month", "last month"]
_ON_WEEKDAY = [rf"{w}\s+(?:{'|'.join(_WEEKDAY_NAMES)})" for w in ("on", "last", "this", "since", "early on", "late on")]
# (kind, pattern, scanned in the lowered text: archive.caseless)
PATTERNS: list[tuple[str, re.Pattern[str], bool]] = [
    ("iso", re.compile(rf"(?P<year>(?:{_words_at_start(['19', '20'])})\d\d)-(?P<m>\d\d)-(?P<day>\d\d)\b"), False),
    ("mdy", re.compile(rf"{_MONTH_FIRST}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"), False),
    ("dmy", re.compile(rf"(?P<day>\d{_STARTS_WORD}\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"), False),
    # "in May 2024" before "May 2024": the same as one pattern with an optional "in", as the
    # first finds every "in" the second would have taken with its month
    ("my", re.compile(rf"{_words_at_start(['in'])}\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b"), False),
    ("my", re.compile(rf"{_MONTH_FIRST}\s+(?P<year>(?:19|20)\d\d)\b"), False),
    # "In 2006, Abqaiq was the target of ...": a year alone, after "in" or "during" (not "since 2014",
    # a period, nor "in 2014-15")
    ("y", re.compile(rf"(?:{_words_at_start(['In', 'in', 'During', 'during'])})\s+(?P<year>(?:19|20)\d\d)\b(?![-–/]\d)"), False),
    # in any case ("Yesterday", "LAST WEEK"): scanned in the lowered text (archive.caseless)
    ("rel", compile_lower(rf"(?P<rel>{_words_at_start(_RELATIVE + _ON_WEEKDAY)})\b"), True),
    # a bare, capitalised day name: "Thursday, US forces killed ...", "the attack took place Friday"
    ("rel", re.compile(rf"(?P<rel>{_words_at_start([d.title() for d in _WEEKDAY_NAMES])})\b"), False),
]
PUBLISHED_LINE = re.compile(r"(?:published|updated|posted|first published)\s*(?:on|:)?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateFound:
    text: str
    start: int
    end: int
    value: date | None
    precision: str            # day | week | month | year | unknown
    relative: bool


def _year_for(month: int, day: int | None, published: date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    if (month, day or 1) > (published.month, published.day):
        year -= 1
    return year


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_relative(phrase: str, published: date | None) -> tuple[date | None, str]:
    """'yesterday' with 2025-08-29 -> (2025-08-28, 'day'); any phrase without a date -> (None, 'unknown')."""
    p = phrase.lower().strip()
    if published is None:
        return None, "unknown"
    if p in ("today", "this morning", "tonight"):
        return published, "day"
    if p in ("yesterday", "overnight", "last night"):
        return published - timedelta(days=1), "day"
    if p in ("last week",):
        return published - timedelta(days=7), "week"
    if p in ("this week", "earlier this week"):
        return published - timedelta(days=published.weekday()), "week"
    if p in ("earlier this month", "this month"):
        return published.replace(day=1), "month"
    if p == "last month":
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    words = p.split()
    if words and words[-1] in WEEKDAYS:
        back = (published.weekday() - WEEKDAYS[words[-1]]) % 7
        if words[0] == "last" and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    return None, "unknown"


def find_dates(text: str, published: date | None, start: int = 0, end: int | None = None) -> list[DateFound]:
    """Every date phrase in text[start:end], explicit ones first where they overlap."""
    end = len(text) if end is None else end
    found: list[DateFound] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, caseless in PATTERNS:
        for m in pattern.finditer(lowered(text) if caseless else text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value, precision, relative = _value(kind, m, published)
            taken.append(m.span())
            found.append(DateFound(text[m.start():m.end()], m.start(), m.end(), value, precision, relative))
    return sorted(found, key=lambda d: d.start)


def _value(kind: str, m: re.Match, published: date | None) -> tuple[date | None, str, bool]:
    if kind == "rel":
        value, precision = resolve_relative(m.group("rel"), published)
        return value, precision, True
    if kind == "y":
        return date(int(m.group("year")), 1, 1), "year", False
    if kind == "iso":
        return _safe(int(m.group("year")), int(m.group("m")), int(m.group("day"))), "day", False
    month = MONTHS[m.group("month").lower().rstrip(".")[:4] if m.group("month").lower().startswith("sept")
                   else m.group("month").lower().rstrip(".")[:3] if len(m.group("month")) <= 4
                   else m.group("month").lower()]
    if kind == "my":
        return date(int(m.group("year")), month, 1), "month", False
    day = int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else _year_for(month, day, published)
    if year is None:
        return None, "unknown", False
    value = _safe(year, month, day)
    return (value, "day", False) if value else (None, "unknown", False)


def published_from_text(text: str) -> tuple[date | None, str]:
    """A publication date the text states ('Published: 28 August 2025'), or a date line at the top."""
    head, tail = text[:600], text[-600:]
    for chunk in (head, tail):
        for m in PUBLISHED_LINE.finditer(chunk):
            dates = [d for d in find_dates(chunk, None, m.end(), min(len(chunk), m.end() + 40)) if d.value]
            if dates:
                return dates[0].value, "day"
    for line in head.split("\n")[:6]:
        line = line.strip()
        if 6 <= len(line) <= 40:
            dates = find_dates(line, None)
            if dates and dates[0].value and dates[0].end - dates[0].start >= len(line) - 12:
                return dates[0].value, dates[0].precision
    return None, "unknown"
