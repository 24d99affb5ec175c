"""Writing places, event reports and their figures, and curating events: the writer's part for events.

Which event a report joins is decided by the resolve stage (:func:`archive.resolve.cluster_reports`);
this module stores the choices and the curators' rules, and recomputes events from their reports
(:func:`refresh_events`, called by :func:`archive.store.derived.refresh_derived`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from functools import cache

from sqlalchemy import BindParameter, and_, bindparam, delete, exists, func, insert, literal, or_, select, update
from sqlalchemy.engine import Connection

from ..event_kinds import kind_of
from ..matching import DATE_WINDOW, SPECIFICITY, compatible_places, reach, stated_value, strong_agreement
from ..models import (
    articles as A,
    event_curation as EC,
    event_mentions as EM,
    event_participants as EP,
    event_reports as ER,
    events as E,
    new_id,
    place_mentions as PM,
    place_summary as PS,
    places as P,
    quote_events as QE,
    quotes as Q,
    report_figures as EF,
)
from ..resolve import EventChoice, EventIndex
from ..resolve.events import WINDOW_DAYS
from ..types import EventFound, FigureFound, Place as GazPlace
from .summaries import chunks, old_versions, place_names, places_of

# The statements every new article runs, built once (building one costs more than running it).
_ADD_PLACE, _ADD_MENTIONS, _ADD_EVENT, _ADD_REPORT = insert(P), insert(PM), insert(E), insert(ER)
_ADD_ROWS = {EM: insert(EM), EF: insert(EF), EP: insert(EP)}
_FIRSTS_WHERE_NONE = update(E).where(
    E.c.id == bindparam("eid"), or_(E.c.first_place_id.is_(None), E.c.first_date.is_(None), E.c.first_reported.is_(None))
).values(first_place_id=func.coalesce(E.c.first_place_id, bindparam("place")),
         first_date=func.coalesce(E.c.first_date, bindparam("day")),
         first_reported=func.coalesce(E.c.first_reported, bindparam("reported")))
_PLACES_NAMED = select(P.c.id, P.c.name, P.c.kind, P.c.country_code).where(P.c.name == bindparam("name"))
_PLACES_NAMED_OR_IN = select(P.c.id, P.c.name, P.c.kind, P.c.country_code).where(
    or_(P.c.name == bindparam("name"), P.c.country_code == bindparam("country")))
_QUOTES_OF = select(Q.c.id, Q.c.start_char).where(Q.c.article_id == bindparam("article"))
_MENTIONS_OF = select(ER.c.event_id, EM.c.start_char, EM.c.end_char, EM.c.paragraph_start, EM.c.paragraph_end).join(
    ER, ER.c.id == EM.c.report_id).where(EM.c.article_id == bindparam("article"))
_ADD_QUOTE_EVENTS = insert(QE)
# a stored event a report in one of the places ``fits`` could join, dated near it ("near" in _parts)
# re-extraction: the events an article's reports were in; an event still there; an event taken again
_KEYS_OF = select(ER.c.report_key, ER.c.event_id).where(ER.c.article_id == bindparam("article"))
_EVENT = select(E.c.id).where(E.c.id == bindparam("eid"))
_SET_EVENT = update(E).where(E.c.id == bindparam("eid"))  # the columns are those given


def _first(column, *where):
    """SQL: an event's first report's value of a column (of any article version, by report id)."""
    return select(column).select_from(ER.join(A, A.c.id == ER.c.article_id)) \
        .where(ER.c.event_id == E.c.id, column.is_not(None), *where).order_by(ER.c.id).limit(1).scalar_subquery()


_RECOUNT_FIRSTS = update(E).where(E.c.id.in_(bindparam("ids", expanding=True))).values(
    first_place_id=_first(ER.c.place_id), first_date=_first(ER.c.event_date),
    first_reported=_first(A.c.published_on, A.c.published_precision == "day"))
_NEAR = select(E.c.id).where(E.c.kind == bindparam("kind"), E.c.first_place_id.in_(bindparam("fits", expanding=True)),
                             E.c.first_date.between(bindparam("low"), bindparam("high")))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class PlaceIds:
    """Place key -> stored id; a place met for the first time is stored as it is met."""

    def __init__(self, conn: Connection) -> None:
        self.ids: dict[tuple[str, str, str | None], int] = {
            (r.name, r.kind, r.country_code): r.id for r in conn.execute(select(P.c.id, P.c.name, P.c.kind,
                                                                              P.c.country_code))}

    def id_of(self, conn: Connection, place: GazPlace | None) -> int | None:
        if place is None:
            return None
        if place.key not in self.ids:
            self.ids[place.key] = new_id(conn.execute(_ADD_PLACE, dict(
                name=place.name, kind=place.kind, country_code=place.country_code, latitude=place.latitude,
                longitude=place.longitude, precision=place.precision, geonameid=place.geonameid,
                source=place.source)))
        return self.ids[place.key]


def write_places(conn: Connection, places: PlaceIds, article_id: int, mentions, version: str) -> None:
    rows = [dict(article_id=article_id, place_id=places.id_of(conn, m.place), text=m.text[:300],
                 unresolved_reason=None if m.place else f"ambiguous: {m.candidates} places of that name, "
                                                         "none clearly meant by the article",
                 start_char=m.start, end_char=m.end, extractor_version=version) for m in mentions]
    if rows:
        conn.execute(_ADD_MENTIONS, rows)


class FormerEvents:
    """Re-extraction keeps ids: a report that opens a new event in this run gives it the id its
    event had before, unless another event of this run has taken that id already."""

    def __init__(self, conn: Connection | None = None) -> None:
        self.of_key: dict[str, int] = dict(conn.execute(select(ER.c.report_key, ER.c.event_id)).all()) if conn else {}
        self.taken: set[int] = set()

    def remember(self, conn: Connection, article_id: int) -> None:
        """Before one article's reports are replaced: the events they were in."""
        self.of_key.update(conn.execute(_KEYS_OF, {"article": article_id}).all())

    def claim(self, conn: Connection, key: str) -> int | None:
        event_id = self.of_key.get(key)
        if event_id is None or event_id in self.taken \
                or conn.execute(_EVENT, {"eid": event_id}).first() is None:
            return None
        self.taken.add(event_id)
        return event_id

    def note(self, event_id: int) -> None:
        self.taken.add(event_id)


def _open_event(conn: Connection, places: PlaceIds, ev: EventFound, key: str, choice: EventChoice,
                former: FormerEvents) -> tuple[int, bool]:
    """The new event's id, and whether it is the id of an event stored before (re-extraction)."""
    values = dict(kind=ev.kind, event_date=ev.date, date_precision=ev.date_precision,
                  place_id=places.id_of(conn, ev.place), attacker=ev.attacker, target=ev.target,
                  participants="; ".join(ev.participants) or None, n_articles=1, n_outlets=0, confidence=1.0)
    event_id = former.claim(conn, key)
    if event_id is not None:
        conn.execute(_SET_EVENT, dict(values, eid=event_id, **({"curated": True} if choice.curated else {})))
        return event_id, True
    event_id = new_id(conn.execute(_ADD_EVENT, dict(values, curated=choice.curated, created_at=_now())))
    former.note(event_id)
    return event_id, False


def write_events(conn: Connection, places: PlaceIds, article_id: int, reports: Sequence[EventFound],
                 keys: Sequence[str], choices: Sequence[EventChoice], version: str,
                 speaker_of: Callable[[str], int | None], former: FormerEvents | None = None,
                 report_ids: dict[str, int] | None = None,
                 figure_ids: dict[tuple[str, str, int, int], int] | None = None) -> dict[int, int]:
    """Store an article's reports under the events the resolve stage chose; returns provisional -> new id.

    ``report_ids``, ``figure_ids``: the ids the article's reports (by key) and figures (by report key,
    kind and span) had before a re-extraction, which the same ones keep."""
    report_ids, figure_ids = report_ids or {}, figure_ids or {}
    former = former or FormerEvents()
    stored: dict[int, int] = {}
    mention_rows: list[dict] = []
    figure_rows: list[dict] = []
    kept_figures: list[dict] = []
    participant_rows: list[dict] = []
    firsts: list[dict] = []
    recount = bool(report_ids)
    for ev, key, choice in zip(reports, keys, choices):
        event_id = stored.get(choice.event_id, choice.event_id)
        if choice.new and choice.event_id not in stored:
            event_id, again = _open_event(conn, places, ev, key, choice, former)
            stored[choice.event_id] = event_id
            recount |= again
        elif not choice.new:
            former.note(event_id)
        first = ev.mentions[0]
        kept = {"id": report_ids[key]} if key in report_ids else {}
        report_id = new_id(conn.execute(_ADD_REPORT, dict(
            **kept, event_id=event_id, article_id=article_id, report_key=key, kind=ev.kind,
            place_id=places.id_of(conn, ev.place), place_text=ev.place_text, event_date=ev.date,
            date_precision=ev.date_precision, date_text=ev.date_text, date_reason=_date_reason(ev),
            attacker=ev.attacker, target=ev.target,
            participants="; ".join(ev.participants) or None, start_char=first.start, end_char=first.end,
            extractor_version=version)))
        firsts.append(dict(eid=event_id, place=places.id_of(conn, ev.place), day=ev.date, reported=ev.reported_on))
        mention_rows += [dict(report_id=report_id, article_id=article_id, trigger=m.trigger[:100],
                              start_char=m.start, end_char=m.end, paragraph_start=m.paragraph_start,
                              paragraph_end=m.paragraph_end) for m in ev.mentions]
        for f in ev.figures:
            row = dict(report_id=report_id, kind=f.kind, value_low=f.low, value_high=f.high,
                       wording=f.wording[:200], is_estimate=f.is_estimate, start_char=f.start, end_char=f.end)
            old_id = figure_ids.get((key, f.kind, f.start, f.end))
            (kept_figures if old_id is not None else figure_rows).append(row if old_id is None else dict(row, id=old_id))
        participant_rows += [dict(report_id=report_id, name=n, speaker_id=speaker_of(n)) for n in ev.participants]
    for target, rows in ((EM, mention_rows), (EF, kept_figures), (EF, figure_rows), (EP, participant_rows)):
        if rows:
            conn.execute(_ADD_ROWS[target], rows)
    _keep_firsts(conn, firsts, recount)
    return stored


def _keep_firsts(conn: Connection, firsts: list[dict], recount: bool) -> None:
    """Events' first place, date and day of publication (events.first_place_id, first_date,
    first_reported), as the writer's look-ups read them and
    :meth:`~archive.resolve.EventIndex.load_report` takes them: from the first of its
    reports, of any article version and in id order, to give one. A report stored last gives them
    only where none has; re-extraction (old report ids kept, old event ids taken again) counts them
    again from the event's reports."""
    if not firsts:
        return
    if not recount:
        conn.execute(_FIRSTS_WHERE_NONE, firsts)
        return

    for chunk in chunks({f["eid"] for f in firsts}):
        conn.execute(_RECOUNT_FIRSTS, {"ids": chunk})


def load_event_index(conn: Connection, reports: bool = True) -> EventIndex:
    """The resolve stage's view of the stored events: the curators' rules, and the events their merge
    rules point at. Stored events are loaded when a new report could join them
    (:func:`load_events_near`), not before. Without ``reports``, curation only: re-extraction
    clusters every report again, in article order."""
    index = EventIndex()
    index.curated = {r["report_key"]: dict(r) for r in conn.execute(select(EC).order_by(EC.c.id)).mappings()}
    if reports:
        index.start_after(conn.execute(select(func.max(ER.c.id))).scalar() or 0)
    return index


def load_events_near(conn: Connection, index: EventIndex, reports: Sequence[EventFound], keys: Sequence[str]) -> None:
    """Into the index, every stored event one of these new reports could join: of its kind, whose
    first place fits the report's place (matching.compatible_places) and whose first date is near
    the report's, or with a figure close to one the report states in the time it can reach;
    meetings and calls with two of its people, or one at its place, in that time
    (:func:`_look_up_encounters`); and the events the curators' merge rules for these reports name.
    A superset of the candidates that can match (the index compares a report with an event's first
    place and first date, as :meth:`~archive.resolve.EventIndex.load_report` reads them back), so
    the index then decides as if it held every event."""
    wanted: set[int] = set()
    for ev, key in zip(reports, keys):
        rule = index.curated.get(key)
        if rule is not None and rule["action"] == "merge" and rule["other_key"]:
            for eid in conn.execute(select(ER.c.event_id).where(ER.c.report_key == rule["other_key"])).scalars():
                index.report_events.setdefault(rule["other_key"], eid)
                wanted.add(eid)
        # Each look-up once per writer: what it finds is in the index from then on, and so is every
        # event this writer stores after it (so the cost per report does not grow with the archive).
        if kind_of(ev.kind).by_participants:
            _look_up_encounters(conn, index, ev, wanted)
            continue
        if ev.place is None:
            continue
        where = (ev.kind, ev.place.name, ev.place.kind, ev.place.country_code)
        todo = [part for part in _parts(ev) if (where, part) not in index.looked_up]
        if not todo:
            continue  # looked up already; or undated with no figure, which can join nothing
        index.looked_up.update((where, part) for part in todo)
        fits = _fitting(conn, ev.place)
        if fits:
            for part in todo:
                wanted.update(_could_join(conn, ev.kind, fits, part))
    wanted = {eid for eid in wanted if eid not in index.proxies}
    if wanted:
        _load_events(conn, index, wanted)


def _fitting(conn: Connection, place: GazPlace | None) -> list[int]:
    """The stored places compatible with this one (matching.compatible_places): of its name or in
    its country."""
    if place is None:
        return []
    rows = conn.execute(_PLACES_NAMED, {"name": place.name}) if place.country_code is None else \
        conn.execute(_PLACES_NAMED_OR_IN, {"name": place.name, "country": place.country_code})
    return [r.id for r in rows if compatible_places(GazPlace(r.name, r.kind, r.country_code, None, None), place)]


def _load_events(conn: Connection, index: EventIndex, wanted: set[int]) -> None:
    """These stored events into the index, each as one report: what its proxy would be after taking
    its reports in order (:meth:`~archive.resolve.EventIndex.load_report`): its first place, first
    date and first day of publication, every participant, and of each kind of figure the first
    stated one (else the first). Summed up in SQL, so an event reported a thousand times costs about
    what one reported once does."""
    split = [k for k, rule in index.curated.items() if rule["action"] == "split"]
    for chunk in chunks(wanted):
        ids = {"ids": chunk}
        events = conn.execute(_EVENTS_IN, ids).all()
        places = {r["id"]: GazPlace(r["name"], r["kind"], r["country_code"], r["latitude"], r["longitude"], 0,
                                    r["geonameid"], r["source"])
                  for r in conn.execute(_PLACES_IN, {"ids": sorted({e.first_place_id for e in events} - {None})})
                  .mappings()}
        people: dict[int, list[str]] = defaultdict(list)
        for eid, names in conn.execute(_PEOPLE_IN, ids):
            people[eid] += names.split("; ")
        figures: dict[int, list[FigureFound]] = defaultdict(list)
        for f in conn.execute(_FIRST_FIGURES_IN, ids).mappings():
            figures[f["event_id"]].append(FigureFound(f["kind"], f["value_low"], f["value_high"], f["wording"],
                                                      bool(f["is_estimate"]), f["start_char"], f["end_char"]))
        alone = set(conn.execute(_SPLIT_IN, {"ids": chunk, "keys": split}).scalars()) if split else set()
        for e in sorted(events, key=lambda e: e.first):
            proxy = EventFound(e.kind, place=places.get(e.first_place_id), date=e.first_date,
                               participants=list(dict.fromkeys(people[e.id])), figures=figures[e.id],
                               reported_on=e.first_reported)
            index.load_report(e.id, proxy, alone=e.id in alone, order=e.first)


# What _load_events reads of a chunk of events (``ids``), built once: each event with its first
# report's id; its first place; its participants, as its reports give them, in order; of each kind
# of figure, the first stated one (else the first); which of them a curator split off.
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_FIRST_REPORT = select(func.min(ER.c.id)).where(ER.c.event_id == E.c.id).scalar_subquery()
_EVENTS_IN = select(E.c.id, E.c.kind, E.c.first_place_id, E.c.first_date, E.c.first_reported,
                    _FIRST_REPORT.label("first")).where(E.c.id.in_(_IDS), _FIRST_REPORT.is_not(None))
_PLACES_IN = select(P).where(P.c.id.in_(_IDS))
_PEOPLE_IN = select(ER.c.event_id, ER.c.participants).where(ER.c.event_id.in_(_IDS), ER.c.participants.is_not(None)) \
    .group_by(ER.c.event_id, ER.c.participants).order_by(func.min(ER.c.id))
_RANKED = select(ER.c.event_id, EF, func.row_number().over(
    partition_by=(ER.c.event_id, EF.c.kind), order_by=(EF.c.is_estimate, ER.c.id, EF.c.id)).label("rank")) \
    .join(ER, ER.c.id == EF.c.report_id).where(ER.c.event_id.in_(_IDS)).subquery()
_FIRST_FIGURES_IN = select(_RANKED).where(_RANKED.c.rank == 1).order_by(_RANKED.c.report_id, _RANKED.c.id)
_SPLIT_IN = select(ER.c.event_id).where(ER.c.event_id.in_(_IDS), ER.c.report_key.in_(bindparam("keys", expanding=True)))


def _parts(ev: EventFound) -> list[tuple]:
    """The look-ups a report needs (matching.same_event). Dated: the events dated near it. A stored
    event is read back with its first date and no precision (a day), so "near" is the report's own
    precision (a day, a week, a month; the index looks no further than WINDOW_DAYS). With a stated
    figure: the events stating one close to it (undated ones only, if it is dated), in the periods
    its date, or its day of publication, can reach (:func:`_periods`)."""
    parts: list[tuple] = []
    if ev.date is not None:
        parts.append(("near", ev.date.toordinal(), min(DATE_WINDOW.get(ev.date_precision, WINDOW_DAYS), WINDOW_DAYS)))
    stated: dict[str, int] = {}
    for f in ev.figures:  # its first number of each kind (what matching.strong_agreement compares)
        value = stated_value(f)
        if f.kind not in stated and value:
            stated[f.kind] = value
    if stated:
        parts.append(("stated", ev.date is None, tuple(sorted(stated.items())), tuple(_periods(ev))))
    return parts


#: Stored events are looked up in time a period of this many days at a time (see :func:`_periods`).
PERIOD_DAYS = 32


def _look_up_encounters(conn: Connection, index: EventIndex, ev: EventFound, wanted: set[int]) -> None:
    """The stored meetings, calls or summits a report of one could join (matching.same_event): two
    of its people, or one of them at a compatible place; dated or published in its time. Looked up
    by period (:func:`_periods`), each once per writer for these people and place."""
    people = sorted(set(ev.participants))
    if len(people) < 2 and (ev.place is None or not people):
        return  # one person and no place: it can join no encounter
    who = (ev.kind, "met", tuple(people), ev.place and ev.place.key)
    if (*who, "all") in index.looked_up:
        return
    periods = [p for p in _periods(ev) if (*who, p) not in index.looked_up]
    if not periods:
        return
    index.looked_up.update((*who, p) for p in periods)
    when = _in_periods(periods)
    if len(people) >= 2:  # two shared people: one of them is not the most often named
        counts: dict[str, int] = dict(conn.execute(
            select(EP.c.name, func.count()).where(EP.c.name.in_(people)).group_by(EP.c.name)).all())
        rarer = sorted(people, key=lambda n: counts.get(n, 0))[:-1]
        wanted.update(conn.execute(
            select(ER.c.event_id).distinct().select_from(EP.join(ER, ER.c.id == EP.c.report_id)
                                                          .join(E, E.c.id == ER.c.event_id))
            # kind || '': found by the names, not by the index on kind (every report of it)
            .where(EP.c.name.in_(rarer), (ER.c.kind + literal("")) == ev.kind, when)).scalars())
    fits = _fitting(conn, ev.place)
    if fits:  # one shared person and the place: found by place and time, then the names
        named = exists().where(  # name || '': by the event's reports, not every report naming them
            ER.c.event_id == E.c.id, EP.c.report_id == ER.c.id, (EP.c.name + literal("")).in_(people))
        wanted.update(conn.execute(select(E.c.id).where(E.c.kind == ev.kind, E.c.first_place_id.in_(fits), when, named))
                      .scalars())


def _periods(ev: EventFound) -> list:
    """The periods (of PERIOD_DAYS) in which the first date, or else the first day of publication,
    of a stored event this report could join lies (:func:`archive.matching.reach`, the event read
    back at its first date, to the day, or its first day of publication); ["all"] for an undated
    report whose day of publication is unknown."""
    days = reach(ev)
    if days is None:
        return ["all"]
    return list(range(days[0].toordinal() // PERIOD_DAYS, days[1].toordinal() // PERIOD_DAYS + 1))


def _in_periods(periods: list):
    """SQL: a stored event whose first date or, undated, first day of publication lies in one of
    these periods (or one with neither, which fits any time)."""
    if "all" in periods:
        return literal(True)
    spans: list[list[int]] = []
    for p in sorted(periods):
        if spans and spans[-1][1] == p - 1:
            spans[-1][1] = p
        else:
            spans.append([p, p])
    ranges = [(date.fromordinal(a * PERIOD_DAYS), date.fromordinal(b * PERIOD_DAYS + PERIOD_DAYS - 1)) for a, b in spans]
    undated = E.c.first_date.is_(None)
    return or_(*(E.c.first_date.between(*r) for r in ranges),
               and_(undated, E.c.first_reported.is_(None)), *(and_(undated, E.c.first_reported.between(*r)) for r in ranges))


def _could_join(conn: Connection, kind: str, fits: list[int], part: tuple) -> Iterable[int]:
    """The stored events of ``kind`` a report in one of the places ``fits`` could join, for one of
    its look-ups (:func:`_parts`); together a superset of what matching.same_event accepts (which
    compares the report with the event's first place and first date). "near", the look-up most
    reports make, is :data:`_NEAR`, built once; one with stated figures is built for them."""
    if part[0] == "near":
        _, day, days = part
        return conn.execute(_NEAR, {"kind": kind, "fits": fits, "low": date.fromordinal(day - days),
                                    "high": date.fromordinal(day + days)}).scalars()
    there = [E.c.kind == kind, E.c.first_place_id.in_(fits)]
    _, undated_report, stated, periods = part
    close = or_(*(and_(EF.c.kind == k, func.coalesce(EF.c.value_low, EF.c.value_high).between(n * 0.74, n / 0.74))
                  for k, n in stated))
    undated = [] if undated_report else [E.c.first_date.is_(None)]
    stating = exists().where(ER.c.event_id == E.c.id, EF.c.report_id == ER.c.id, close)
    return conn.execute(select(E.c.id).where(*there, *undated, _in_periods(list(periods)), stating)).scalars()


def _date_reason(ev: EventFound) -> str | None:
    """Why a report's date phrase gave no date (never a guess)."""
    if ev.date is not None or not ev.date_text:
        return None
    if any(ch.isdigit() for ch in ev.date_text):
        return "no year given and no publication date to take it from"
    return "relative date and no publication date to resolve it against"


def link_quotes(conn: Connection, article_id: int) -> int:
    """Quotes said in a paragraph that mentions an event speak about it (same sentence: the stronger link)."""
    quotes = conn.execute(_QUOTES_OF, {"article": article_id}).all()
    mentions = conn.execute(_MENTIONS_OF, {"article": article_id}).all()
    links: dict[tuple[int, int], str] = {}
    for qid, qstart in quotes:
        for event_id, s, e, ps, pe in mentions:
            if ps <= qstart < pe:
                reason = "same sentence" if s <= qstart < e else "same paragraph"
                if links.get((qid, event_id)) != "same sentence":
                    links[(qid, event_id)] = reason
    if links:
        conn.execute(_ADD_QUOTE_EVENTS, [dict(quote_id=q, event_id=ev, reason=r) for (q, ev), r in links.items()])
    return len(links)


def delete_article_facts(conn: Connection, article_id: int) -> None:
    """Before re-extraction: an article's reports and place mentions go; events stay until refreshed."""
    conn.execute(delete(ER).where(ER.c.article_id == article_id))
    conn.execute(delete(PM).where(PM.c.article_id == article_id))


def refresh_events(conn: Connection, only: set[int] | None = None) -> set[int]:
    """Recompute each event from its reports; drop events no report speaks of any more.

    ``only``: the events a change touched (their reports added, replaced or deleted); the others
    are as they were, so an import of one article into a large archive recomputes a few events, not
    all. An event's row is written only when a value changed. Returns the places of the events
    recomputed, before and after (with ``only``; empty without).
    """
    moved = apply_event_curation(conn)
    if only is None:
        conn.execute(delete(E).where(E.c.id.not_in(select(ER.c.event_id))))
        ids, places = list(conn.execute(select(E.c.id).order_by(E.c.id)).scalars()), set()
    else:
        ids = sorted(only | moved)
        places = places_of(conn, (), ids)
        for chunk in chunks(ids):
            conn.execute(delete(E).where(E.c.id.in_(chunk), ~exists().where(ER.c.event_id == E.c.id)))
    kinds = dict(conn.execute(select(P.c.id, P.c.kind)).all())
    for chunk in chunks(ids):  # a chunk of events at a time: memory stays flat however many there are
        reports = defaultdict(list)
        figures: dict[int, list[FigureFound]] = defaultdict(list)
        for r in conn.execute(select(ER, A.c.outlet_id, A.c.published_on).join(A, A.c.id == ER.c.article_id)
                              .where(A.c.superseded_by.is_(None), ER.c.event_id.in_(chunk)).order_by(ER.c.id)).mappings():
            reports[r["event_id"]].append(r)
        for f in conn.execute(select(EF).join(ER, ER.c.id == EF.c.report_id).where(ER.c.event_id.in_(chunk))).mappings():
            figures[f["report_id"]].append(FigureFound(f["kind"], f["value_low"], f["value_high"], f["wording"],
                                                       bool(f["is_estimate"]), f["start_char"], f["end_char"]))
        current = {e["id"]: dict(e) for e in conn.execute(select(E).where(E.c.id.in_(chunk))).mappings()}
        firsts: dict[int, dict] = defaultdict(lambda: dict(first_place_id=None, first_date=None, first_reported=None))
        for eid, place_id, day, published, precision in conn.execute(
                select(ER.c.event_id, ER.c.place_id, ER.c.event_date, A.c.published_on, A.c.published_precision)
                .join(A, A.c.id == ER.c.article_id).where(ER.c.event_id.in_(chunk)).order_by(ER.c.id)):
            first = firsts[eid]  # of every version's reports, as the writer's look-ups read them
            first["first_place_id"] = first["first_place_id"] or place_id
            first["first_date"] = first["first_date"] or day
            first["first_reported"] = first["first_reported"] or (published if precision == "day" else None)
        changes: list[tuple[int, dict]] = []
        for event_id in current.keys() - reports.keys():  # reports of old article versions only
            changes.append((event_id, {k: v for k, v in firsts[event_id].items() if current[event_id].get(k) != v}))
        for event_id, rows in reports.items():
            values = _event_values(rows, kinds) | firsts[event_id]
            now = current.get(event_id, {})
            values["confidence"] = 1.0 if now.get("curated") else _confidence(rows, figures)
            changes.append((event_id, {k: v for k, v in values.items() if now.get(k) != v}))
        _update_events(conn, changes)
    return places if only is None else places | places_of(conn, (), ids)


def _update_events(conn: Connection, changes: list[tuple[int, dict]]) -> None:
    """Each event's changed values: one executemany per set of columns changed, not one UPDATE an event."""
    by_columns: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for event_id, changed in changes:
        if changed:
            by_columns[tuple(sorted(changed))].append({"eid": event_id, **{f"v_{k}": v for k, v in changed.items()}})
    for columns, rows in by_columns.items():
        conn.execute(_set_event_columns(columns), rows)


@cache
def _set_event_columns(columns: tuple[str, ...]):
    return update(E).where(E.c.id == bindparam("eid")).values({c: bindparam(f"v_{c}") for c in columns})


def _event_values(rows, place_kinds: dict[int, str]) -> dict:
    """An event from its reports: the most precise date, the most specific place, the first actors."""
    dated = [r for r in rows if r["event_date"] is not None]
    precise = sorted(dated, key=lambda r: ("day", "week", "month").index(r["date_precision"])
                     if r["date_precision"] in ("day", "week", "month") else 9)
    placed = [r for r in rows if r["place_id"] is not None]
    place_id = max(placed, key=lambda r: SPECIFICITY.get(place_kinds.get(r["place_id"], ""), 0))["place_id"] \
        if placed else None
    participants: list[str] = []
    for r in rows:
        for n in (r["participants"] or "").split("; "):
            if n and n not in participants:
                participants.append(n)
    return dict(
        event_date=precise[0]["event_date"] if precise else None,
        date_precision=precise[0]["date_precision"] if precise else "unknown",
        place_id=place_id,
        attacker=next((r["attacker"] for r in rows if r["attacker"]), None),
        target=next((r["target"] for r in rows if r["target"]), None),
        participants="; ".join(participants) or None,
        n_articles=len({r["article_id"] for r in rows}),
        n_outlets=len({r["outlet_id"] for r in rows if r["outlet_id"] is not None}),
    )


def refresh_place_summary(conn: Connection, places: set[int] | None = None) -> None:
    """places_activity: per place, what the archive says happened and was said there; for these
    places (those a change touched, before and after it) or all. Counted in SQL, a chunk of places
    at a time."""
    names = place_names(conn)
    if places is None:
        conn.execute(delete(PS))
    for chunk in chunks(conn.execute(select(P.c.id)).scalars() if places is None else places):
        if places is not None:
            conn.execute(delete(PS).where(PS.c.place_id.in_(chunk)))
        rows = _place_rows(conn, chunk, names)
        if rows:
            conn.execute(insert(PS), rows)


def _place_rows(conn: Connection, chunk: list[int], names: dict[str, int]) -> list[dict]:
    """Mentions (and the articles with one), events placed there, quotes said there; first and last
    date among the articles' publication dates and the events' dates."""
    current = A.c.superseded_by.is_(None)
    rows: dict[int, dict] = {}
    dates: dict[int, list[date | None]] = defaultdict(list)

    def row(pid: int) -> dict:
        return rows.setdefault(pid, dict(place_id=pid, mentions=0, articles=0, events=0, quotes=0))

    for pid, (n, articles, first, last) in _mention_counts(conn, chunk).items():
        row(pid).update(mentions=n, articles=articles)
        dates[pid] += [first, last]
    for pid, n, first, last in conn.execute(
            select(E.c.place_id, func.count(), func.min(E.c.event_date), func.max(E.c.event_date))
            .where(E.c.place_id.in_(chunk)).group_by(E.c.place_id)):
        row(pid)["events"] = n
        dates[pid] += [first, last]
    wanted = set(chunk)
    for name, n, first, last in conn.execute(
            select(Q.c.place, func.count(), func.min(A.c.published_on), func.max(A.c.published_on))
            .join(A, A.c.id == Q.c.article_id)
            .where(Q.c.place.in_([n for n, pid in names.items() if pid in wanted]), current).group_by(Q.c.place)):
        row(names[name])["quotes"] += n
        dates[names[name]] += [first, last]
    for pid, r in rows.items():
        known = [d for d in dates[pid] if d is not None]
        r.update(first_date=min(known) if known else None, last_date=max(known) if known else None)
    return list(rows.values())


def _mention_counts(conn: Connection, chunk: list[int]) -> dict[int, tuple[int, int, date | None, date | None]]:
    """Per place: mentions and articles with one in current articles, and those articles' first and
    last day of publication. Counted from place_mentions' (place, article) index alone, less the
    mentions in old versions (few; found through their partial index), so a place named in half the
    archive costs one index range, not a read of every article naming it. The first and last days of
    such a place come from the articles in date order, stopping at the first one naming it (a place
    in n of N articles is met after about N/n); those of a rarer place from its articles."""
    counts = {pid: [n, articles] for pid, n, articles in conn.execute(
        select(PM.c.place_id, func.count(), func.count(PM.c.article_id.distinct()))
        .where(PM.c.place_id.in_(chunk)).group_by(PM.c.place_id))}
    for pid, n, articles in conn.execute(
            select(PM.c.place_id, func.count(), func.count(PM.c.article_id.distinct()))
            .where(PM.c.place_id.in_(list(counts)), PM.c.article_id.in_(old_versions())).group_by(PM.c.place_id)):
        counts[pid][0] -= n
        counts[pid][1] -= articles
    total = conn.execute(select(func.max(A.c.id))).scalar() or 0
    common = {pid for pid, (_, articles) in counts.items() if articles * articles > total}
    days: dict[int, tuple[date | None, date | None]] = {pid: _first_and_last_day(conn, pid) for pid in common}
    rare = [pid for pid, (_, articles) in counts.items() if articles and pid not in common]
    if rare:
        days.update((pid, (first, last)) for pid, first, last in conn.execute(
            select(PM.c.place_id, func.min(A.c.published_on), func.max(A.c.published_on))
            .join(A, A.c.id == PM.c.article_id)
            .where(PM.c.place_id.in_(rare), A.c.superseded_by.is_(None)).group_by(PM.c.place_id)))
    return {pid: (n, articles, *days.get(pid, (None, None))) for pid, (n, articles) in counts.items() if n}


def _first_and_last_day(conn: Connection, pid: int) -> tuple[date | None, date | None]:
    """The first and last day of publication of the current articles naming a place, by reading
    articles in date order until one names it."""
    query = select(A.c.published_on).where(
        A.c.published_on.is_not(None), A.c.id.not_in(old_versions()),
        exists().where(PM.c.place_id == pid, PM.c.article_id == A.c.id)).limit(1)
    return (conn.execute(query.order_by(A.c.published_on)).scalar(),
            conn.execute(query.order_by(A.c.published_on.desc())).scalar())


def _confidence(rows, figures: dict[int, list[FigureFound]]) -> float:
    """How sure the clustering is: 1.0 for one report; otherwise each later report scores by what it
    shares with the first (0.6 for place alone, +0.2 for each figure stated within 25% or the same date)."""
    if len(rows) < 2:
        return 1.0
    first = rows[0]
    scores = []
    for r in rows[1:]:
        strong = strong_agreement(figures.get(first["id"], []), figures.get(r["id"], []))
        same_day = first["event_date"] is not None and first["event_date"] == r["event_date"]
        scores.append(min(1.0, 0.6 + 0.2 * (strong + same_day)))
    return round(sum(scores) / len(scores), 2)


def apply_event_curation(conn: Connection) -> set[int]:
    """Re-apply curators' merges (order of re-extraction may have separated what they joined).
    Returns the events whose reports it moved (both sides)."""
    moved: set[int] = set()
    for rule in conn.execute(select(EC).where(EC.c.action == "merge").order_by(EC.c.id)).mappings():
        mine = conn.execute(select(ER.c.event_id).where(ER.c.report_key == rule["report_key"])).first()
        other = conn.execute(select(ER.c.event_id).where(ER.c.report_key == rule["other_key"])).first()
        if mine and other and mine[0] != other[0]:
            conn.execute(update(ER).where(ER.c.report_key == rule["report_key"]).values(event_id=other[0]))
            conn.execute(update(E).where(E.c.id == other[0]).values(curated=True))
            moved |= {mine[0], other[0]}
    return moved


def carry_event_curation(conn: Connection, old_hash: str, new_hash: str) -> list[dict]:
    """A new version of an article keeps the curators' rules on its reports (report keys start with
    the content hash; the rest, kind, place and ordinal, is what a rule was about). Returns the rules."""
    old, new = old_hash[:16] + ":", new_hash[:16] + ":"
    carried = []
    for rule in conn.execute(select(EC).where(EC.c.report_key.startswith(old, autoescape=True))
                             .order_by(EC.c.id)).mappings().all():
        other = rule["other_key"]
        row = dict(action=rule["action"], report_key=new + rule["report_key"][len(old):],
                   other_key=new + other[len(old):] if other and other.startswith(old) else other,
                   detail=rule["detail"] + " (carried to a new version)", created_at=_now())
        conn.execute(insert(EC), row)
        carried.append(row)
    return carried


def merge_events(conn: Connection, target_id: int, source_ids: list[int]) -> int:
    """Fold events into ``target_id``; returns reports moved. Raises ValueError for unknown ids."""
    anchor = conn.execute(select(ER.c.report_key).where(ER.c.event_id == target_id).order_by(ER.c.id)).first()
    if anchor is None:
        raise ValueError(f"no event with id {target_id}")
    moved = 0
    for sid in source_ids:
        if sid == target_id:
            raise ValueError("cannot merge an event into itself")
        keys = [k for (k,) in conn.execute(select(ER.c.report_key).where(ER.c.event_id == sid))]
        if not keys:
            raise ValueError(f"no event with id {sid}")
        for key in keys:
            conn.execute(insert(EC), dict(action="merge", report_key=key, other_key=anchor[0],
                                           detail=f"event {sid} merged into {target_id}", created_at=_now()))
        moved += conn.execute(update(ER).where(ER.c.event_id == sid).values(event_id=target_id)).rowcount
        conn.execute(delete(E).where(E.c.id == sid))
    conn.execute(update(E).where(E.c.id == target_id).values(curated=True))
    return moved


def split_event(conn: Connection, event_id: int, report_id: int) -> int:
    """Move one report off an event to a new event of its own; returns the new event's id."""
    row = conn.execute(select(ER).where(ER.c.id == report_id, ER.c.event_id == event_id)).mappings().first()
    if row is None:
        raise ValueError(f"event {event_id} has no report {report_id} (see 'archive events show {event_id}')")
    if conn.execute(select(ER.c.id).where(ER.c.event_id == event_id)).all().__len__() < 2:
        raise ValueError(f"event {event_id} has only one report: nothing to split")
    fresh_id = new_id(conn.execute(insert(E), dict(
        kind=row["kind"], event_date=row["event_date"], date_precision=row["date_precision"],
        place_id=row["place_id"], attacker=row["attacker"], target=row["target"], participants=row["participants"],
        n_articles=1, n_outlets=0, confidence=1.0, curated=True, created_at=_now())))
    conn.execute(update(ER).where(ER.c.id == report_id).values(event_id=fresh_id))
    conn.execute(delete(EC).where(EC.c.report_key == row["report_key"]))
    conn.execute(insert(EC), dict(action="split", report_key=row["report_key"], other_key=None,
                                   detail=f"report {report_id} split off event {event_id}", created_at=_now()))
    conn.execute(update(E).where(E.c.id == event_id).values(curated=True))
    return fresh_id
