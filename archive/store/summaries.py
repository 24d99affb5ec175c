"""Summary tables behind the catalogue views, rebuilt by the writer after every change.

They are tables, not GROUP BY views, so that every view column has a declared
type (SQLite gives aggregates none; BI tools infer types from declared ones),
and so that BI tools read them fast. Only newest article versions count.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from sqlalchemy import delete, false, insert, select
from sqlalchemy.engine import Connection

from ..models import (
    Article,
    ArticleSummary,
    EventReport,
    OutletSummary,
    PlaceMention,
    Quote,
    RemovedRange,
    Speaker,
    SpeakerDay,
    SpeakerPair,
    table,
)
from ..names import name_key

A, Q, S = table(Article), table(Quote), table(Speaker)
AS, OS, SP, SD = table(ArticleSummary), table(OutletSummary), table(SpeakerPair), table(SpeakerDay)
ER, PM, RR = table(EventReport), table(PlaceMention), table(RemovedRange)
_WORDS = re.compile(r"[\w’'-]+")


@dataclass
class _ArticleTally:
    quotes: int = 0
    speakers: set[int] = field(default_factory=set)
    events: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)
    removed: int = 0
    chars: int = 0
    reasons: list[str] = field(default_factory=list)


@dataclass
class _DayTally:
    quotes: int = 0
    articles: set[int] = field(default_factory=set)
    outlets: set[int] = field(default_factory=set)


@dataclass
class _OutletTally:
    articles: int = 0
    quotes: int = 0
    speakers: set[int] = field(default_factory=set)
    events: set[int] = field(default_factory=set)
    dates: list[date] = field(default_factory=list)


def refresh_catalogue(conn: Connection) -> None:
    articles = {r["id"]: r for r in conn.execute(
        select(A.c.id, A.c.outlet_id, A.c.published_on).where(A.c.superseded_by.is_(None))).mappings()}
    quotes = conn.execute(select(Q.c.id, Q.c.article_id, Q.c.speaker_id, Q.c.text)
                          .where(Q.c.article_id.in_(list(articles)) if articles else false())).all()
    per_article: dict[int, _ArticleTally] = defaultdict(_ArticleTally)
    for _qid, aid, sid, _ in quotes:
        per_article[aid].quotes += 1
        if sid is not None:
            per_article[aid].speakers.add(sid)
    for aid, eid in conn.execute(select(ER.c.article_id, ER.c.event_id)):
        if aid in articles:
            per_article[aid].events.add(eid)
    for aid, pid in conn.execute(select(PM.c.article_id, PM.c.place_id).where(PM.c.place_id.is_not(None))):
        if aid in articles:
            per_article[aid].places.add(pid)
    for aid, s, e, reason in conn.execute(select(RR.c.article_id, RR.c.start_char, RR.c.end_char, RR.c.reason)
                                          .order_by(RR.c.start_char)):
        if aid in articles:
            tally = per_article[aid]
            tally.removed += 1
            tally.chars += e - s
            if reason not in tally.reasons:
                tally.reasons.append(reason)
    conn.execute(delete(AS))
    rows = [dict(article_id=aid, quotes=p.quotes, speakers=len(p.speakers), events=len(p.events),
                 places=len(p.places), removed_ranges=p.removed, removed_chars=p.chars,
                 removed_reasons="; ".join(p.reasons) or None)
            for aid in articles for p in [per_article[aid]]]
    if rows:
        conn.execute(insert(AS), rows)

    per_outlet: dict[int, _OutletTally] = defaultdict(_OutletTally)
    for aid, a in articles.items():
        if a["outlet_id"] is None:
            continue
        o = per_outlet[a["outlet_id"]]
        o.articles += 1
        o.quotes += per_article[aid].quotes
        o.speakers |= per_article[aid].speakers
        o.events |= per_article[aid].events
        if a["published_on"]:
            o.dates.append(a["published_on"])
    conn.execute(delete(OS))
    rows = [dict(outlet_id=oid, articles=o.articles, quotes=o.quotes, speakers=len(o.speakers),
                 events=len(o.events), first_published_on=min(o.dates) if o.dates else None,
                 last_published_on=max(o.dates) if o.dates else None) for oid, o in per_outlet.items()]
    if rows:
        conn.execute(insert(OS), rows)

    _refresh_pairs(conn, articles, quotes)
    _refresh_days(conn, articles, quotes)


def _refresh_pairs(conn: Connection, articles, quotes) -> None:
    speakers = {sid: (name, kind) for sid, name, kind in conn.execute(select(S.c.id, S.c.canonical_name, S.c.kind))}
    by_word: dict[str, set[int]] = defaultdict(set)  # a person's surname, an organization's full key
    for sid, (name, kind) in speakers.items():
        key = name_key(name)
        if kind == "person" and key:
            surname = key.split()[-1]
            if len(surname) >= 4:
                by_word[surname].add(sid)
    together: dict[tuple[int, int], int] = defaultdict(int)
    names: dict[tuple[int, int], int] = defaultdict(int)   # (speaker, named) -> quotes
    per_article: dict[int, set[int]] = defaultdict(set)
    for _, aid, sid, text in quotes:
        if sid is None:
            continue
        per_article[aid].add(sid)
        for word in {name_key(w) for w in _WORDS.findall(text or "")}:
            for other in by_word.get(word, ()):
                if other != sid:
                    names[(sid, other)] += 1
    for sids in per_article.values():
        for a, b in combinations(sorted(sids), 2):
            together[(a, b)] += 1
    pairs = set(together) | {tuple(sorted(k)) for k in names}
    conn.execute(delete(SP))
    rows = [dict(speaker_a_id=a, speaker_b_id=b, articles_together=together.get((a, b), 0),
                 a_names_b=names.get((a, b), 0), b_names_a=names.get((b, a), 0)) for a, b in sorted(pairs)]
    if rows:
        conn.execute(insert(SP), rows)


def _refresh_days(conn: Connection, articles, quotes) -> None:
    days: dict[tuple[int, date | None], _DayTally] = defaultdict(_DayTally)
    for _, aid, sid, _ in quotes:
        if sid is None:
            continue
        a = articles[aid]
        d = days[(sid, a["published_on"])]
        d.quotes += 1
        d.articles.add(aid)
        if a["outlet_id"] is not None:
            d.outlets.add(a["outlet_id"])
    conn.execute(delete(SD))
    rows = [dict(speaker_id=sid, day=day, quotes=d.quotes, articles=len(d.articles), outlets=len(d.outlets))
            for (sid, day), d in sorted(days.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))]
    if rows:
        conn.execute(insert(SD), rows)
