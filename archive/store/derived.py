"""The derived tables (events recomputed from their reports, and the summaries behind the catalogue
views), refreshed by :func:`refresh_derived`: once per change, inside the transaction that made it,
so the views never disagree with the tables they summarise, even after a crash.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from ..db import for_writing
from ..models import ArchiveState, Article, EventReport, Outlet, Quote, Speaker, SpeakerAlias, SpeakerSummary, table
from .events import places_of, refresh_events, refresh_place_summary
from .summaries import Change, chunks, refresh_catalogue

A, O, Q, S, SA, SS = (table(Article), table(Outlet), table(Quote), table(Speaker), table(SpeakerAlias),
                      table(SpeakerSummary))
STATE, ER = table(ArchiveState), table(EventReport)

#: A change that touched more than this share of the archive's articles rebuilds the derived tables.
REBUILD_SHARE = 0.25

#: archive_state key: batches were committed whose change has not refreshed the derived tables yet.
PENDING = "derived_pending"


def refresh(engine: Engine) -> None:
    """The derived tables recomputed in a transaction of their own (after a migration)."""
    with for_writing(engine).begin() as conn:
        refresh_derived(conn)


def refresh_derived(conn: Connection, change: Change | None = None) -> None:
    """Bring every derived table in step with the base tables (newest article versions only).

    ``change``: what the change touched (:class:`~archive.store.summaries.Change`): only the
    events, summary rows and speaker pairs it can have changed are recomputed. None recomputes all.
    """
    if change is not None and len(change.articles) > REBUILD_SHARE * conn.execute(
            select(func.count()).select_from(A).where(A.c.superseded_by.is_(None))).scalar_one():
        change = None  # much of the archive: rebuilding is cheaper than following the change
    if change is None:
        refresh_events(conn)
        refresh_place_summary(conn)
    else:
        for chunk in chunks(change.facts):  # a speaker's or an event's curation changes no article's facts
            change.events.update(conn.execute(select(ER.c.event_id).where(ER.c.article_id.in_(chunk))).scalars())
        places = refresh_events(conn, change.events) | change.places | places_of(conn, change.facts, ())
        refresh_place_summary(conn, places)
    refresh_catalogue(conn, change)
    refresh_speaker_summary(conn, None if change is None else change.speakers)
    conn.execute(delete(STATE).where(STATE.c.key == PENDING))


def mark_pending(conn: Connection, what: str) -> None:
    """In a batch's transaction: the derived tables lag behind until this change ends. If it never
    ends (kill -9, power cut), the next writer sees the mark and refreshes them first."""
    conn.execute(delete(STATE).where(STATE.c.key == PENDING))
    conn.execute(insert(STATE).values(key=PENDING, value=what[:200]))


def pending(conn: Connection) -> str | None:
    """What left the derived tables behind, if something did."""
    return conn.execute(select(STATE.c.value).where(STATE.c.key == PENDING)).scalar()


def refresh_if_pending(engine: Engine) -> bool:
    """Refresh the derived tables if an interrupted change left them behind; True if it did."""
    with for_writing(engine).begin() as conn:
        if pending(conn) is None:
            return False
        refresh_derived(conn)
        return True


@dataclass
class _SpeakerTally:
    quotes: int = 0
    articles: set[int] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    dates: list[date] = field(default_factory=list)


def refresh_speaker_summary(conn: Connection, speakers: set[int] | None = None) -> int:
    """``speaker_summary`` from quotes of the newest article versions, for these speakers (or all).
    Returns the rows written."""
    if speakers is None:
        conn.execute(delete(SS))
    written = 0
    for chunk in chunks(conn.execute(select(S.c.id)).scalars() if speakers is None else speakers):
        if speakers is not None:
            conn.execute(delete(SS).where(SS.c.speaker_id.in_(chunk)))
        records = _speaker_rows(conn, chunk)  # a chunk at a time: memory stays flat
        if records:
            conn.execute(insert(SS), records)
        written += len(records)
    return written


def _speaker_rows(conn: Connection, ids: list[int]) -> list[dict]:
    agg: dict[int, _SpeakerTally] = defaultdict(_SpeakerTally)
    quote_where = [Q.c.speaker_id.in_(ids)]
    rows = conn.execute(
        select(Q.c.speaker_id, Q.c.article_id, Q.c.speaker_role, O.c.name, A.c.published_on)
        .select_from(Q.join(A, A.c.id == Q.c.article_id).outerjoin(O, O.c.id == A.c.outlet_id))
        .where(Q.c.speaker_id.is_not(None), A.c.superseded_by.is_(None), *quote_where))
    for sid, article_id, role, outlet, published in rows:
        a = agg[sid]
        a.quotes += 1
        a.articles.add(article_id)
        if outlet:
            a.outlets.add(outlet)
        if role:
            a.roles.add(role)
        if published:
            a.dates.append(published)
    aliases: dict[int, list[str]] = defaultdict(list)
    alias_where = [SA.c.speaker_id.in_(ids)]
    for sid, alias in conn.execute(select(SA.c.speaker_id, SA.c.alias).where(*alias_where).order_by(SA.c.alias)):
        aliases[sid].append(alias)
    records = []
    for (sid,) in conn.execute(select(S.c.id).where(S.c.id.in_(ids))):
        a = agg.get(sid) or _SpeakerTally()
        records.append(dict(
            speaker_id=sid, quotes=a.quotes, articles=len(a.articles), n_outlets=len(a.outlets),
            outlets="; ".join(sorted(a.outlets)) or None, aliases="; ".join(aliases.get(sid, [])) or None,
            roles="; ".join(sorted(a.roles)) or None,
            first_quoted_on=min(a.dates) if a.dates else None,
            last_quoted_on=max(a.dates) if a.dates else None))
    return records
