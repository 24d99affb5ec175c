"""Do two reports speak of one event? The predicates extraction uses to fold one article's reports
together and the resolve stage uses to cluster reports across articles.

* Places are compatible when they are one place, or a country and a place in it, or a region and a
  city or district of it ('Kharkiv region' ~ 'Kharkiv').
* Figures agree when their ranges overlap or their values are within 15%; they agree *strongly*
  (evidence that two reports are one event) when the stated numbers are within 25%.
* Dates fit when they are within the looser report's precision (a day, a week, a month). A report
  with no date of its own is of something recent: at most a month before its article was published
  ('the two leaders spoke by phone'), when the day of publication is known.
* Encounters (meetings, calls, summits) are the same when the same people took part; other kinds
  when kind, place and date agree (see :func:`same_event` for the figures).
"""
from __future__ import annotations

from datetime import date, timedelta

from .event_kinds import kind_of
from .types import EventFound, FigureFound, Place

#: How precise a kind of place is; the more specific one wins when reports are folded together.
SPECIFICITY = {"district": 4, "city": 3, "region": 2, "sea": 2, "country": 1, "continent": 0}
DATE_WINDOW = {"day": 1, "week": 7, "month": 31}  # days two dates may be apart, by the looser precision
RECENT_DAYS = 31  # an undated report is of something at most this many days before its article


def compatible_places(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.name == b.name:
        return True
    if a.country_code != b.country_code or a.country_code is None:
        return False
    kinds = {a.kind, b.kind}
    if "country" in kinds:
        return True
    if kinds <= {"region", "district", "city"} and "region" in kinds:
        region = a if a.kind == "region" else b
        other = b if region is a else a
        return region.name.split()[0] == other.name.split()[0] or other.kind == "district"
    return False


def more_specific(a: Place | None, b: Place | None) -> Place | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if SPECIFICITY.get(b.kind, 0) > SPECIFICITY.get(a.kind, 0) else a


def figures_agree(a: FigureFound, b: FigureFound, tolerance: float = 0.15) -> bool:
    """Do two reports of one figure fit together? Ranges overlap, or values are within 15%."""
    a_low, a_high = a.low, a.high
    b_low, b_high = b.low, b.high
    lo = max(x for x in (a_low, b_low, 0) if x is not None)
    hi_candidates = [x for x in (a_high, b_high) if x is not None]
    hi = min(hi_candidates) if hi_candidates else None
    if hi is None or lo <= hi:
        return True
    return (lo - hi) <= tolerance * max(lo, hi)


def figure_agreement(a: list[FigureFound], b: list[FigureFound]) -> tuple[int, int]:
    """(figures that agree, figures that contradict) over the kinds both report."""
    agree = conflict = 0
    for fa in a:
        fb = next((f for f in b if f.kind == fa.kind), None)
        if fb is not None:
            if figures_agree(fa, fb):
                agree += 1
            else:
                conflict += 1
    return agree, conflict


def dates_fit(a: EventFound, b: EventFound) -> bool:
    """Two reports' dates within the looser one's precision: 'on Friday' ~ 'last week' (7 days). A
    report with no date is taken to be of the RECENT_DAYS before its article's publication day (it
    fits anything when that is unknown)."""
    if a.date is None:
        return _recent_fits(a, b)
    if b.date is None:
        return _recent_fits(b, a)
    if "year" in (a.date_precision, b.date_precision):
        return a.date.year == b.date.year
    window = max(DATE_WINDOW.get(a.date_precision, 1), DATE_WINDOW.get(b.date_precision, 1))
    return abs((a.date - b.date).days) <= window


def _recent_fits(undated: EventFound, other: EventFound) -> bool:
    """An undated report and another: the other's date (or publication day) in the month before the
    undated one's publication day, within the other's precision."""
    if undated.reported_on is None:
        return True
    if other.date is None:
        return other.reported_on is None or abs((undated.reported_on - other.reported_on).days) <= RECENT_DAYS
    if other.date_precision == "year":
        return other.date.year in (undated.reported_on.year, undated.reported_on.year - 1)
    slack = DATE_WINDOW.get(other.date_precision, 1)
    return -slack <= (undated.reported_on - other.date).days <= RECENT_DAYS + slack


def reach(ev: EventFound) -> tuple[date, date] | None:
    """The days within which another report's date, read to the day (or, undated, its day of
    publication), can lie and still fit this one (:func:`dates_fit`, both ways); None for any day
    (undated, with no day of publication). What the writer's look-ups of stored events search."""
    if ev.date is not None:
        if ev.date_precision == "year":  # that year's dates; undated reports published in it or the next
            return date(ev.date.year, 1, 1), date(ev.date.year + 1, 12, 31)
        days = DATE_WINDOW.get(ev.date_precision, 1)
        return ev.date - timedelta(days=days), ev.date + timedelta(days=RECENT_DAYS + days)
    if ev.reported_on is not None:
        return ev.reported_on - timedelta(days=RECENT_DAYS + 1), ev.reported_on + timedelta(days=RECENT_DAYS)
    return None


def same_event(a: EventFound, b: EventFound, require_evidence: bool = True) -> bool:
    """Kind, place and date agree. Across articles, two dated reports of the same kind and place
    within the date window are one event even when their figures contradict (the contradiction is
    shown, not hidden); undated reports, or two in one article, must not contradict, and across
    articles need a figure both state closely."""
    if a.kind != b.kind or not dates_fit(a, b):
        return False
    if kind_of(a.kind).by_participants:
        shared = set(a.participants) & set(b.participants)
        if a.place and b.place and not compatible_places(a.place, b.place):
            return False
        return len(shared) >= 2 or (bool(shared) and a.place is not None and b.place is not None)
    if a.place is None or b.place is None or not compatible_places(a.place, b.place):
        return False
    if a.place.kind != b.place.kind and not require_evidence:
        return False
    if a.date is not None and b.date is not None and require_evidence:
        return True  # same kind, place and days: one event, whatever the figures say (shown side by side)
    if figure_agreement(a.figures, b.figures)[1]:
        return False  # undated (or one article): contradicting figures are two events
    return not require_evidence or strong_agreement(a.figures, b.figures) >= 1


def stated_value(f: FigureFound) -> int | None:
    """The number a figure states, as agreement compares it: its low end, else its high end."""
    return f.low if f.low is not None else f.high


def strong_agreement(a: list[FigureFound], b: list[FigureFound], tolerance: float = 0.25) -> int:
    """Figures whose stated numbers are within 25% ('at least one' does not confirm '23 killed')."""
    count = 0
    for fa in a:
        fb = next((f for f in b if f.kind == fa.kind), None)
        if fb is None:
            continue
        va, vb = stated_value(fa), stated_value(fb)
        if va and vb and abs(va - vb) <= tolerance * max(va, vb):
            count += 1
    return count


def merge_event(target: EventFound, other: EventFound) -> None:
    """Fold ``other`` into ``target``: mentions, the more specific place, missing date and actors, figures."""
    target.mentions += other.mentions
    target.place = more_specific(target.place, other.place) if target.place and other.place and \
        target.place.kind != "country" else target.place or other.place
    target.reported_on = target.reported_on or other.reported_on
    if target.date is None and other.date is not None:
        target.date, target.date_precision, target.date_text = other.date, other.date_precision, other.date_text
    target.attacker = target.attacker or other.attacker
    target.target = target.target or other.target
    target.take_people_and_figures(other)
