"""Event identity across articles: which stored event a new article's report joins.

Clustering rules (the predicates are :mod:`archive.matching`'s):

* An article's events are its *reports*. A report joins an existing event when kind and place
  agree and dates are within the looser one's precision: dated reports join even when their
  figures contradict (the contradiction is shown side by side, not hidden); undated ones must not
  contradict and need a figure both state within 25% (550 drones ~ 'over 500 Shahed drones').
  Meetings, calls and summits match on the people who took part.
* Curation comes first: a report a curator split off stays alone; a report a curator merged joins
  the event of the report it was merged with. Both are keyed by ``report_key`` (article hash,
  kind, place, ordinal), which re-extraction reproduces.

:class:`EventIndex` blocks candidates by kind and the place's country (or name), and dated events
by day, so a new report is compared with the few stored events near it in place and time, not
with every event of its kind. Events met for the first time get provisional ids (below zero)
until the writer stores them (:meth:`EventIndex.relabel`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from ..event_kinds import kind_of
from ..matching import merge_event, same_event
from ..types import EventFound

__all__ = ["EventChoice", "EventIndex", "cluster_reports", "report_keys"]

WINDOW_DAYS = 31  # the loosest date precision a report can have (a month): matching.dates_fit


def report_keys(content_hash: str, events: Iterable[EventFound]) -> list[str]:
    """Stable keys for an article's reports: hash, kind, place, and the ordinal among equals."""
    seen: dict[str, int] = {}
    keys = []
    for ev in events:
        base = f"{content_hash[:16]}:{ev.kind}:{ev.place.name if ev.place else '-'}"
        seen[base] = seen.get(base, 0) + 1
        keys.append(f"{base}:{seen[base]}")
    return keys


class EventIndex:
    """Events already stored, as clustering sees them: a proxy report per event, blocked for look-up."""

    def __init__(self) -> None:
        self.proxies: dict[int, EventFound] = {}
        self.order: dict[int, int] = {}               # event id -> when it was first met (match order)
        self.curated: dict[str, dict] = {}            # report_key -> the curator's rule
        self.report_events: dict[str, int] = {}       # report_key -> its event
        self._blocks: dict[tuple, set[int]] = defaultdict(set)
        self._where: dict[int, set[tuple]] = defaultdict(set)
        self._filed: dict[int, tuple | None] = {}     # event id -> what its filing was computed from
        self._next_provisional = -1
        self._pending: dict[int, list[str]] = defaultdict(list)  # provisional id -> its report keys
        self._seen = 0
        self._alone: set[int] = set()                 # events a curator split off: never matched
        self._place_kinds: set[str] = set()           # kinds of place events are filed under
        self.looked_up: set[tuple] = set()            # the writer's look-ups of stored events, done once

    def start_after(self, seen: int) -> None:
        """Events met from now on come after ``seen`` (the writer's stored reports, by report id),
        so that events loaded later, each at the id of its first report, keep the order they were met in."""
        self._seen = max(self._seen, seen)

    # -- blocking ---------------------------------------------------------

    def _block_keys(self, ev: EventFound) -> set[tuple]:
        """Where an event is filed: by its place's name, and by the kind of place in its country."""
        if kind_of(ev.kind).by_participants:
            return _encounter_keys(ev, filing=True)
        if ev.place is None:
            return set()
        fields = [("name", ev.place.name)]
        if ev.place.country_code is not None:
            fields.append((ev.place.kind, ev.place.country_code))
        return {(ev.kind, field, value, bucket) for field, value in fields for bucket in _buckets_of(ev)}

    def _candidates(self, ev: EventFound) -> set[int]:
        """Events whose place can be the report's (:func:`archive.matching.compatible_places`): the
        same name; in its country, a country-wide event, and a region for a city or district (the
        region's events are checked by name there); every event in the country for a country-wide
        report; a region's cities and districts for a region."""
        if kind_of(ev.kind).by_participants:  # filed as it looks: two people, or one and the place
            return {eid for key in _encounter_keys(ev, filing=False) for eid in self._blocks.get(key, ())}
        if ev.place is None:
            return set()
        fields = [("name", ev.place.name)]
        code, kind = ev.place.country_code, ev.place.kind
        if code is not None:
            kinds = tuple(self._place_kinds) if kind == "country" else _FITTING_KINDS.get(kind, ()) + ("country",)
            fields += [(k, code) for k in kinds]
        found: set[int] = set()
        for field, value in fields:
            for bucket in _buckets_near(ev):
                found |= self._blocks.get((ev.kind, field, value, bucket), set())
        return found

    def _file(self, event_id: int) -> None:
        proxy = self.proxies.get(event_id)
        filed = None if proxy is None or event_id in self._alone else _filed_as(proxy)
        if filed is not None and self._filed.get(event_id) == filed:
            return  # what it is filed by has not changed (most reports joining an event)
        self._filed[event_id] = filed
        keys = set() if proxy is None or filed is None else self._block_keys(proxy)
        old = self._where.pop(event_id, set())
        for key in old - keys:
            self._blocks[key].discard(event_id)
        for key in keys - old:
            self._blocks[key].add(event_id)
        if keys:
            self._where[event_id] = keys
        if proxy is not None and proxy.place is not None:
            self._place_kinds.add(proxy.place.kind)

    # -- look-up and learning ---------------------------------------------

    def match(self, ev: EventFound) -> int | None:
        """The stored event this report joins, the first met of those that match; None for a new one."""
        for event_id in sorted(self._candidates(ev), key=self.order.__getitem__):
            if same_event(self.proxies[event_id], ev, require_evidence=True):
                return event_id
        return None

    def remember(self, event_id: int, ev: EventFound, alone: bool = False) -> None:
        """Learn a report of ``event_id``; an event split off by a curator (``alone``) is kept out of
        matching, so later reports cannot join it again, whatever the order they come in."""
        if alone:
            self._alone.add(event_id)
        lean = replace(ev, mentions=[], participants=list(ev.participants), figures=list(ev.figures))
        proxy = self.proxies.get(event_id)
        if proxy is None:
            self.proxies[event_id] = lean
            self.order[event_id] = self._seen
            self._seen += 1
        else:
            merge_event(proxy, lean)
        self._file(event_id)

    def load_report(self, event_id: int, report: EventFound, alone: bool = False, order: int | None = None,
                    file: bool = True) -> None:
        """A stored report, as the writer reads them back in report order: its event's proxy takes the
        first place, date and day of publication it is given, every participant, and the figures by
        their kinds.
        ``order``: when the event was first met (its first report's id), if not now."""
        if alone:
            self._alone.add(event_id)
        proxy = self.proxies.get(event_id)
        if proxy is None:
            proxy = self.proxies[event_id] = EventFound(report.kind)
            if order is None:
                order = self._seen
                self._seen += 1
            self.order[event_id] = order
        proxy.place = proxy.place or report.place
        proxy.date = proxy.date or report.date
        proxy.reported_on = proxy.reported_on or report.reported_on
        proxy.take_people_and_figures(report)
        if file:
            self._file(event_id)

    def file(self, event_ids: Iterable[int]) -> None:
        """File events whose reports were loaded with ``file=False`` (an event of many reports is
        filed once, not once a report)."""
        for event_id in event_ids:
            self._file(event_id)

    def assign(self, report_key: str, event_id: int) -> None:
        self.report_events[report_key] = event_id
        if event_id < 0:
            self._pending[event_id].append(report_key)

    def provisional(self) -> int:
        eid = self._next_provisional
        self._next_provisional -= 1
        return eid

    def relabel(self, old: int, new: int) -> None:
        """The writer stored provisional event ``old`` as ``new``."""
        if old in self.proxies:
            self.proxies[new] = self.proxies.pop(old)
            self.order[new] = self.order.pop(old)
            if old in self._alone:
                self._alone.discard(old)
                self._alone.add(new)
            self._filed.pop(old, None)
            for block in self._where.pop(old, ()):
                self._blocks[block].discard(old)
            self._file(new)
        for report_key in self._pending.pop(old, ()):
            self.report_events[report_key] = new


#: kinds of place whose other places in the same country a place of this kind can be (matching.compatible_places)
_FITTING_KINDS: dict[str, tuple[str, ...]] = {"city": ("region",), "district": ("region",),
                                              "region": ("region", "district", "city")}


#: An encounter naming more people than this is filed under each person, not each pair of them.
MAX_PAIRED = 8


def _filed_as(ev: EventFound) -> tuple:
    """What an event's filing depends on; participants and figures only grow."""
    return (ev.place, ev.date, len(ev.participants), tuple(sorted({f.kind for f in ev.figures})))


def _encounter_keys(ev: EventFound, filing: bool) -> set[tuple]:
    """Where a meeting, call or summit is filed (``filing``), and where a report of one looks: two
    reports are one encounter when they share two people, or one and compatible places
    (:func:`archive.matching.same_event`), so under each pair of its people (each person, for one
    of many people: a report looks there too), and under each person with the place's country
    (compatible places share it) and with the place's name."""
    people = sorted(set(ev.participants))
    ones = {(ev.kind, "one", name) for name in people}
    if filing and len(people) > MAX_PAIRED:
        keys: set[tuple] = ones  # its pairs, quadratic in its people, are not made
    else:
        pairs = {(ev.kind, "pair", a, b) for i, a in enumerate(people) for b in people[i + 1:]}
        keys = pairs if filing else pairs | ones
    if ev.place is not None:
        where = [("place", ev.place.name)] + ([("country", ev.place.country_code)] if ev.place.country_code else [])
        keys |= {(ev.kind, "with", name, *at) for name in people for at in where}
    return keys


def _buckets_of(ev: EventFound) -> list[Hashable]:
    """Where an event is filed in time. Two dated reports are one event within the date window,
    whatever their figures; when either is undated, only with a figure of one kind both state
    closely (:func:`archive.matching.same_event`). So a dated event is filed under its day, and
    every event under ("any", kind) for each kind of figure it has; an undated one also under
    (None, kind). An undated event with no figure can join nothing and is not filed in time."""
    figures = sorted({f.kind for f in ev.figures})
    day: list[Hashable] = [ev.date.toordinal()] if ev.date is not None else [(None, k) for k in figures]
    return day + [("any", k) for k in figures]


def _buckets_near(ev: EventFound) -> Iterator[Hashable]:
    """The buckets a report can match in: a dated one the days within the widest window and the
    undated events with a kind of figure it has; an undated one the events (dated or not) with a kind
    of figure it has. Each candidate is then checked by matching.same_event."""
    figures = sorted({f.kind for f in ev.figures})
    if ev.date is None:
        yield from (("any", k) for k in figures)
        return
    yield from ((None, k) for k in figures)
    first = (ev.date - timedelta(days=WINDOW_DAYS)).toordinal()
    yield from range(first, first + 2 * WINDOW_DAYS + 1)


@dataclass(frozen=True, slots=True)
class EventChoice:
    """Which event a report belongs to: a stored id, or a provisional one (< 0) for a new event."""

    event_id: int
    new: bool
    curated: bool                  # a curator's rule decided it


def cluster_reports(events: Sequence[EventFound], keys: Sequence[str], index: EventIndex) -> list[EventChoice]:
    """Each report of one article: the event it joins (curation first, then clustering), in order."""
    choices = []
    for ev, key in zip(events, keys):
        rule = index.curated.get(key)
        event_id = None
        if rule is not None and rule["action"] == "merge" and rule["other_key"]:
            event_id = index.report_events.get(rule["other_key"])
        elif rule is None:
            event_id = index.match(ev)
        new = event_id is None
        if event_id is None:
            event_id = index.provisional()
        index.assign(key, event_id)
        index.remember(event_id, ev, alone=rule is not None and rule["action"] == "split")
        choices.append(EventChoice(event_id, new, rule is not None))
    return choices
