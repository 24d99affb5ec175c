"""Writing places and events: used by :class:`archive.store.Store`, the one writer.

Clustering rules (see also :mod:`archive.extract.events`):

* An article's events are its *reports*. A report joins an existing event
  when kind and place agree, dates are within a day (or unknown), no figure
  contradicts, and something positively matches: the same date, or a figure
  both state within 25% (550 drones ~ 'over 500 Shahed drones'). Meetings,
  calls and summits match on two shared participants.
* Curation comes first: a report a curator split off stays alone; a report a
  curator merged joins the event of the report it was merged with. Both are
  keyed by ``report_key`` (article hash, kind, place, ordinal), which
  re-extraction reproduces.
* An event's confidence is the share of its reports that matched by figures
  or date rather than by place alone (1.0 for a single report).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from .matching import merge_event, same_event, strong_agreement
from .models import (
    Event,
    EventCuration,
    EventFigure,
    EventMention,
    EventParticipant,
    EventReport,
    Place,
    PlaceMention,
    new_id,
    table,
)
from .types import EventFound, FigureFound
from .types import Place as GazPlace

E, ER, EM, EF, EP, EC = (table(Event), table(EventReport), table(EventMention), table(EventFigure),
                         table(EventParticipant), table(EventCuration))
P, PM = table(Place), table(PlaceMention)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class EventIndex:
    """Events already stored, as the clustering sees them: kind, place, date, participants, figures."""

    def __init__(self) -> None:
        self.by_kind: dict[str, list[tuple[int, EventFound]]] = {}
        self.places: dict[tuple[str, str, str | None], int] = {}
        self.place_objs: dict[int, GazPlace] = {}
        self.curated: dict[str, dict] = {}

    def load(self, conn: Connection) -> None:
        self.by_kind.clear()
        # curators' rules, read once per import (curation runs in other commands, not during one)
        self.curated = {r["report_key"]: dict(r) for r in conn.execute(select(EC).order_by(EC.c.id)).mappings()}
        for row in conn.execute(select(P)).mappings():
            key = (row["name"], row["kind"], row["country_code"])
            self.places[key] = row["id"]
            self.place_objs[row["id"]] = GazPlace(row["name"], row["kind"], row["country_code"], row["latitude"],
                                                  row["longitude"], 0, row["geonameid"], row["source"])
        proxies: dict[int, EventFound] = {}
        for r in conn.execute(select(ER.c.id, ER.c.event_id, ER.c.kind, ER.c.place_id, ER.c.event_date,
                                     ER.c.participants).order_by(ER.c.id)).mappings():
            ev = proxies.get(r["event_id"])
            if ev is None:
                ev = proxies[r["event_id"]] = EventFound(r["kind"])
                self.by_kind.setdefault(r["kind"], []).append((r["event_id"], ev))
            ev.place = ev.place or self.place_objs.get(r["place_id"])
            ev.date = ev.date or r["event_date"]
            for name in (r["participants"] or "").split("; "):
                if name and name not in ev.participants:
                    ev.participants.append(name)
            for f in conn.execute(select(EF).where(EF.c.report_id == r["id"])).mappings():
                ev.add_figure(FigureFound(f["kind"], f["value_low"], f["value_high"], f["wording"],
                                          bool(f["is_estimate"]), f["start_char"], f["end_char"]))

    def place_id(self, conn: Connection, place: GazPlace | None) -> int | None:
        if place is None:
            return None
        key = (place.name, place.kind, place.country_code)
        if key not in self.places:
            pid = new_id(conn.execute(insert(P), dict(
                name=place.name, kind=place.kind, country_code=place.country_code, latitude=place.latitude,
                longitude=place.longitude, precision=place.precision, geonameid=place.geonameid,
                source=place.source)))
            self.places[key] = pid
            self.place_objs[pid] = place
        return self.places[key]

    def match(self, ev: EventFound) -> int | None:
        for event_id, proxy in self.by_kind.get(ev.kind, []):
            if same_event(proxy, ev, require_evidence=True):
                return event_id
        return None

    def remember(self, event_id: int, ev: EventFound) -> None:
        lean = replace(ev, mentions=[], participants=list(ev.participants), figures=list(ev.figures))
        for eid, proxy in self.by_kind.setdefault(ev.kind, []):
            if eid == event_id:
                merge_event(proxy, lean)
                return
        self.by_kind[ev.kind].append((event_id, lean))


def report_keys(content_hash: str, events) -> list[str]:
    """Stable keys for an article's reports: hash, kind, place, and the ordinal among equals."""
    seen: dict[str, int] = {}
    keys = []
    for ev in events:
        base = f"{content_hash[:16]}:{ev.kind}:{ev.place.name if ev.place else '-'}"
        seen[base] = seen.get(base, 0) + 1
        keys.append(f"{base}:{seen[base]}")
    return keys


def write_places(conn: Connection, index: EventIndex, article_id: int, mentions, version: str) -> None:
    rows = [dict(article_id=article_id, place_id=index.place_id(conn, m.place), text=m.text[:300],
                 unresolved_reason=None if m.place else f"ambiguous: {m.candidates} places of that name, "
                                                         "none clearly meant by the article",
                 start_char=m.start, end_char=m.end, extractor_version=version) for m in mentions]
    if rows:
        conn.execute(insert(PM), rows)


def write_events(conn: Connection, index: EventIndex, article_id: int, content_hash: str, events,
                 version: str, speaker_of) -> int:
    """Store an article's events as reports, each joined to an event (curation first, then clustering)."""
    curated = index.curated
    mention_rows, figure_rows, participant_rows = [], [], []
    for ev, key in zip(events, report_keys(content_hash, events)):
        event_id, confidence = None, 1.0
        rule = curated.get(key)
        if rule is not None and rule["action"] == "merge" and rule["other_key"]:
            row = conn.execute(select(ER.c.event_id).where(ER.c.report_key == rule["other_key"])).first()
            event_id = row[0] if row else None
        elif rule is None:
            event_id = index.match(ev)
        if event_id is None:
            event_id = new_id(conn.execute(insert(E), dict(
                kind=ev.kind, event_date=ev.date, date_precision=ev.date_precision,
                place_id=index.place_id(conn, ev.place), attacker=ev.attacker, target=ev.target,
                participants="; ".join(ev.participants) or None, n_articles=1, n_outlets=0, confidence=confidence,
                curated=rule is not None, created_at=_now())))
        first = ev.mentions[0]
        report_id = new_id(conn.execute(insert(ER), dict(
            event_id=event_id, article_id=article_id, report_key=key, kind=ev.kind,
            place_id=index.place_id(conn, ev.place), place_text=ev.place_text, event_date=ev.date,
            date_precision=ev.date_precision, date_text=ev.date_text, date_reason=_date_reason(ev),
            attacker=ev.attacker, target=ev.target,
            participants="; ".join(ev.participants) or None, start_char=first.start, end_char=first.end,
            extractor_version=version)))
        mention_rows += [dict(report_id=report_id, article_id=article_id, trigger=m.trigger[:100],
                              start_char=m.start, end_char=m.end, paragraph_start=m.paragraph_start,
                              paragraph_end=m.paragraph_end) for m in ev.mentions]
        figure_rows += [dict(report_id=report_id, kind=f.kind, value_low=f.low, value_high=f.high,
                             wording=f.wording[:200], is_estimate=f.is_estimate, start_char=f.start, end_char=f.end)
                        for f in ev.figures]
        participant_rows += [dict(report_id=report_id, name=n, speaker_id=speaker_of(n)) for n in ev.participants]
        index.remember(event_id, ev)
    for target, rows in ((EM, mention_rows), (EF, figure_rows), (EP, participant_rows)):
        if rows:
            conn.execute(insert(target), rows)
    return len(events)


def _date_reason(ev: EventFound) -> str | None:
    """Why a report's date phrase gave no date (never a guess)."""
    if ev.date is not None or not ev.date_text:
        return None
    if any(ch.isdigit() for ch in ev.date_text):
        return "no year given and no publication date to take it from"
    return "relative date and no publication date to resolve it against"


def link_quotes(conn: Connection, article_id: int) -> int:
    """Quotes said in a paragraph that mentions an event speak about it (same sentence: the stronger link)."""
    from .models import Quote, QuoteEvent

    Q, QE = table(Quote), table(QuoteEvent)
    quotes = conn.execute(select(Q.c.id, Q.c.start_char).where(Q.c.article_id == article_id)).all()
    mentions = conn.execute(select(ER.c.event_id, EM.c.start_char, EM.c.end_char, EM.c.paragraph_start,
                                   EM.c.paragraph_end).join(ER, ER.c.id == EM.c.report_id)
                            .where(EM.c.article_id == article_id)).all()
    links: dict[tuple[int, int], str] = {}
    for qid, qstart in quotes:
        for event_id, s, e, ps, pe in mentions:
            if ps <= qstart < pe:
                reason = "same sentence" if s <= qstart < e else "same paragraph"
                if links.get((qid, event_id)) != "same sentence":
                    links[(qid, event_id)] = reason
    if links:
        conn.execute(insert(QE), [dict(quote_id=q, event_id=ev, reason=r) for (q, ev), r in links.items()])
    return len(links)


def delete_article_facts(conn: Connection, article_id: int) -> None:
    """Before re-extraction: an article's reports and place mentions go; events stay until refreshed."""
    conn.execute(delete(ER).where(ER.c.article_id == article_id))
    conn.execute(delete(PM).where(PM.c.article_id == article_id))


@dataclass
class _PlaceTally:
    mentions: int = 0
    articles: set[int] = field(default_factory=set)
    events: set[int] = field(default_factory=set)
    quotes: int = 0
    dates: list[date] = field(default_factory=list)


def refresh_events(conn: Connection) -> None:
    """Recompute each event from its reports; drop events no report speaks of any more."""

    from .models import Article, Outlet, PlaceSummary, Quote

    A, _O, Q, PS = table(Article), table(Outlet), table(Quote), table(PlaceSummary)
    apply_event_curation(conn)
    conn.execute(delete(E).where(E.c.id.not_in(select(ER.c.event_id))))
    reports = defaultdict(list)
    for r in conn.execute(select(ER, A.c.outlet_id, A.c.published_on).join(A, A.c.id == ER.c.article_id)
                          .where(A.c.superseded_by.is_(None)).order_by(ER.c.id)).mappings():
        reports[r["event_id"]].append(r)
    kinds = dict(conn.execute(select(P.c.id, P.c.kind)).all())
    figures: dict[int, list[FigureFound]] = defaultdict(list)
    for f in conn.execute(select(EF)).mappings():
        figures[f["report_id"]].append(FigureFound(f["kind"], f["value_low"], f["value_high"], f["wording"],
                                                   bool(f["is_estimate"]), f["start_char"], f["end_char"]))
    curated_ids = {eid for (eid,) in conn.execute(select(E.c.id).where(E.c.curated.is_(True)))}
    rank = {"district": 4, "city": 3, "region": 2, "sea": 2, "country": 1, "continent": 0}
    for event_id, rows in reports.items():
        dated = [r for r in rows if r["event_date"] is not None]
        precise = sorted(dated, key=lambda r: ("day", "week", "month").index(r["date_precision"])
                         if r["date_precision"] in ("day", "week", "month") else 9)
        placed = [r for r in rows if r["place_id"] is not None]
        place_id = max(placed, key=lambda r: rank.get(kinds.get(r["place_id"], ""), 0))["place_id"] if placed else None
        participants: list[str] = []
        for r in rows:
            for n in (r["participants"] or "").split("; "):
                if n and n not in participants:
                    participants.append(n)
        conn.execute(update(E).where(E.c.id == event_id).values(
            confidence=1.0 if event_id in curated_ids else _confidence(rows, figures),
            event_date=precise[0]["event_date"] if precise else None,
            date_precision=precise[0]["date_precision"] if precise else "unknown",
            place_id=place_id,
            attacker=next((r["attacker"] for r in rows if r["attacker"]), None),
            target=next((r["target"] for r in rows if r["target"]), None),
            participants="; ".join(participants) or None,
            n_articles=len({r["article_id"] for r in rows}),
            n_outlets=len({r["outlet_id"] for r in rows if r["outlet_id"] is not None}),
        ))
    # places_activity: per place, what the archive says happened and was said there
    conn.execute(delete(PS))
    stats: dict[int, _PlaceTally] = defaultdict(_PlaceTally)
    for pid, aid, published in conn.execute(select(PM.c.place_id, PM.c.article_id, A.c.published_on)
                                            .join(A, A.c.id == PM.c.article_id)
                                            .where(PM.c.place_id.is_not(None), A.c.superseded_by.is_(None))):
        tally = stats[pid]
        tally.mentions += 1
        tally.articles.add(aid)
        if published:
            tally.dates.append(published)
    for eid, pid, edate in conn.execute(select(E.c.id, E.c.place_id, E.c.event_date).where(E.c.place_id.is_not(None))):
        stats[pid].events.add(eid)
        if edate:
            stats[pid].dates.append(edate)
    names = {name: pid for pid, name in conn.execute(select(P.c.id, P.c.name))}
    for place, published in conn.execute(select(Q.c.place, A.c.published_on).join(A, A.c.id == Q.c.article_id)
                                         .where(Q.c.place.is_not(None), A.c.superseded_by.is_(None))):
        if place in names:
            stats[names[place]].quotes += 1
            if published:
                stats[names[place]].dates.append(published)
    place_rows = [dict(place_id=pid, mentions=t.mentions, articles=len(t.articles), events=len(t.events),
                       quotes=t.quotes, first_date=min(t.dates) if t.dates else None,
                       last_date=max(t.dates) if t.dates else None) for pid, t in stats.items()]
    if place_rows:
        conn.execute(insert(PS), place_rows)


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


def apply_event_curation(conn: Connection) -> None:
    """Re-apply curators' merges (order of re-extraction may have separated what they joined)."""
    for rule in conn.execute(select(EC).where(EC.c.action == "merge").order_by(EC.c.id)).mappings():
        mine = conn.execute(select(ER.c.event_id).where(ER.c.report_key == rule["report_key"])).first()
        other = conn.execute(select(ER.c.event_id).where(ER.c.report_key == rule["other_key"])).first()
        if mine and other and mine[0] != other[0]:
            conn.execute(update(ER).where(ER.c.report_key == rule["report_key"]).values(event_id=other[0]))
            conn.execute(update(E).where(E.c.id == other[0]).values(curated=True))


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
