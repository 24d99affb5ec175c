"""The derived tables (events recomputed from their reports, and the summaries behind the catalogue
views), refreshed by :func:`refresh_derived`: once per change, inside the transaction that made it,
so the views never disagree with the tables they summarise, even after a crash.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine

from ..db import for_writing
from ..models import ArchiveState, Article, Outlet, Quote, Speaker, SpeakerAlias, SpeakerSummary, table
from .events import refresh_events
from .summaries import refresh_catalogue

A, O, Q, S, SA, SS = (table(Article), table(Outlet), table(Quote), table(Speaker), table(SpeakerAlias),
                      table(SpeakerSummary))
STATE = table(ArchiveState)

#: archive_state key: batches were committed whose change has not refreshed the derived tables yet.
PENDING = "derived_pending"


def refresh(engine: Engine) -> None:
    """The derived tables recomputed in a transaction of their own (after a migration)."""
    with for_writing(engine).begin() as conn:
        refresh_derived(conn)


def refresh_derived(conn: Connection, events: set[int] | None = None) -> None:
    """Recompute every derived table from the base tables (newest article versions only).

    ``events``: only these events can have changed (the writer knows which its change touched);
    None recomputes every event.
    """
    refresh_events(conn, events)
    refresh_catalogue(conn)
    refresh_speaker_summary(conn)
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


def refresh_speaker_summary(conn: Connection) -> int:
    """``speaker_summary`` from quotes of the newest article versions. Returns speakers."""
    agg: dict[int, _SpeakerTally] = defaultdict(_SpeakerTally)
    rows = conn.execute(
        select(Q.c.speaker_id, Q.c.article_id, Q.c.speaker_role, O.c.name, A.c.published_on)
        .select_from(Q.join(A, A.c.id == Q.c.article_id).outerjoin(O, O.c.id == A.c.outlet_id))
        .where(Q.c.speaker_id.is_not(None), A.c.superseded_by.is_(None)))
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
    for sid, alias in conn.execute(select(SA.c.speaker_id, SA.c.alias).order_by(SA.c.alias)):
        aliases[sid].append(alias)
    conn.execute(delete(SS))
    records = []
    for (sid,) in conn.execute(select(S.c.id)):
        a = agg.get(sid) or _SpeakerTally()
        records.append(dict(
            speaker_id=sid, quotes=a.quotes, articles=len(a.articles), n_outlets=len(a.outlets),
            outlets="; ".join(sorted(a.outlets)) or None, aliases="; ".join(aliases.get(sid, [])) or None,
            roles="; ".join(sorted(a.roles)) or None,
            first_quoted_on=min(a.dates) if a.dates else None,
            last_quoted_on=max(a.dates) if a.dates else None))
    if records:
        conn.execute(insert(SS), records)
    return len(records)
