"""The derived tables (events recomputed from their reports, and the summaries behind the catalogue
views), refreshed by :func:`refresh_derived`: once per change, inside the transaction that made it,
so the views never disagree with the tables they summarise, even after a crash.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from ..db import for_writing
from ..models import (
    archive_state as STATE,
    articles as A,
    event_reports as ER,
    outlets as O,
    quotes as Q,
    speaker_aliases as SA,
    speaker_days as SD,
    speaker_outlets as SO,
    speaker_summary as SS,
    speakers as S,
)
from .events import places_of, refresh_events, refresh_place_summary
from .summaries import Change, chunks, old_versions, refresh_catalogue

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


def refresh_speaker_summary(conn: Connection, speakers: set[int] | None = None) -> int:
    """``speaker_summary`` from quotes of the newest article versions, for these speakers (or all).
    Counted from speaker_days and speaker_outlets, which :func:`refresh_catalogue` has just brought
    in step for the same speakers, so a much-quoted speaker's quotes are not read once more. Returns
    the rows written."""
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
    """Quotes, articles, first and last day from the speakers' days (an article has one day, so
    articles add up over days); outlets from their outlets; roles, which neither table keeps, from
    the quotes (distinct, and leaving out old versions through their partial index)."""
    days = {sid: (quotes, articles, first, last) for sid, quotes, articles, first, last in conn.execute(
        select(SD.c.speaker_id, func.sum(SD.c.quotes), func.sum(SD.c.articles), func.min(SD.c.day), func.max(SD.c.day))
        .where(SD.c.speaker_id.in_(ids)).group_by(SD.c.speaker_id))}
    outlets: dict[int, set[str]] = defaultdict(set)
    for sid, name in conn.execute(select(SO.c.speaker_id, O.c.name).join(O, O.c.id == SO.c.outlet_id)
                                  .where(SO.c.speaker_id.in_(ids))):
        outlets[sid].add(name)
    roles: dict[int, set[str]] = defaultdict(set)
    for sid, role in conn.execute(select(Q.c.speaker_id, Q.c.speaker_role).distinct().where(
            Q.c.speaker_id.in_(ids), Q.c.speaker_role.is_not(None), Q.c.article_id.not_in(old_versions()))):
        if role:
            roles[sid].add(role)
    aliases: dict[int, list[str]] = defaultdict(list)
    for sid, alias in conn.execute(select(SA.c.speaker_id, SA.c.alias).where(SA.c.speaker_id.in_(ids))
                                   .order_by(SA.c.alias)):
        aliases[sid].append(alias)
    records = []
    for (sid,) in conn.execute(select(S.c.id).where(S.c.id.in_(ids))):
        quotes, articles, first, last = days.get(sid, (0, 0, None, None))
        records.append(dict(
            speaker_id=sid, quotes=int(quotes or 0), articles=int(articles or 0), n_outlets=len(outlets[sid]),
            outlets="; ".join(sorted(outlets[sid])) or None, aliases="; ".join(aliases.get(sid, [])) or None,
            roles="; ".join(sorted(roles[sid])) or None, first_quoted_on=first, last_quoted_on=last))
    return records
