"""Summary tables behind the catalogue views, kept in step by the writer after every change.

They are tables, not GROUP BY views, so that every view column has a declared
type (SQLite gives aggregates none; BI tools infer types from declared ones),
and so that BI tools read them fast. Only newest article versions count.

A change recomputes only what it touched (:class:`Change`): the rows of its articles, of their
outlets and of their speakers; an outlet's distinct speakers and events are its rows in
speaker_outlets and event_outlets, recounted for the speakers and events the change touched.
Speaker pairs are kept by difference: what an article adds to them (pairs quoted together, the
words each speaker's quotes use) is subtracted before the change and added after it; pairs of a speaker created, renamed or removed are counted again in full.
Without a Change (a migration, ``archive check``) every row is rebuilt.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations, islice

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.engine import Connection

from ..models import (
    article_summary as AS,
    articles as A,
    event_outlets as EO,
    event_reports as ER,
    events as E,
    outlet_summary as OS,
    place_mentions as PM,
    places as P,
    quotes as Q,
    removed_ranges as RR,
    speaker_days as SD,
    speaker_outlets as SO,
    speaker_pairs as SP,
    speakers as S,
)
from ..names import name_key

_WORDS = re.compile(r"[\w’'-]+")
_MIN_SURNAME = 4  # shorter surnames ('Li', 'Ng') name too many words to count as naming a person
_CHUNK = 900      # ids per IN list


def chunks(ids: Iterable, size: int = _CHUNK) -> Iterator[list]:
    items = sorted(ids)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def old_versions():
    """SQL: the ids of the articles a newer version superseded (few, read through their partial
    index), to leave out of a count that an index answers without reading every article."""
    old = A.alias("old")
    return select(old.c.id).where(old.c.superseded_by.is_not(None))


@lru_cache(maxsize=262144)
def _word_key(word: str) -> str | None:
    """A word of a quote as a surname could be it (one word, long enough), else None."""
    key = name_key(word)
    return key if len(key) >= _MIN_SURNAME and " " not in key else None


def quote_words(text: str | None) -> set[str]:
    return {k for w in _WORDS.findall(text or "") if (k := _word_key(w))}


def surname(name: str, kind: str) -> str | None:
    """The word by which quotes name a person (see speaker_pairs), or None."""
    key = name_key(name)
    if kind != "person" or not key:
        return None
    last = key.split()[-1]
    return last if len(last) >= _MIN_SURNAME else None


@dataclass
class Change:
    """What one change touched, so that the refresh recomputes only that.

    ``touch`` an article before its facts, outlet or currency change (its state before the change
    is taken once: its outlet, events and speakers, and its share of speaker_pairs, subtracted);
    ``new_article`` for an article the change creates; ``speakers_changed`` for speakers created,
    renamed, merged, split or removed (their pairs are counted again in full).
    """

    articles: set[int] = field(default_factory=set)   # summary rows recomputed
    facts: set[int] = field(default_factory=set)      # articles whose facts or currency changed (their events)
    counted: set[int] = field(default_factory=set)    # articles whose pair shares are kept by difference
    speakers: set[int] = field(default_factory=set)
    renamed: set[int] = field(default_factory=set)
    outlets: set[int] = field(default_factory=set)
    events: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)     # places whose activity counted the touched articles
    together: Counter = field(default_factory=Counter)  # (a, b) -> articles quoting both
    words: Counter = field(default_factory=Counter)     # (speaker, word) -> quotes using it

    def touch(self, conn: Connection, article_id: int) -> None:
        if article_id in self.facts:
            return
        self.articles.add(article_id)
        self.facts.add(article_id)
        self.counted.add(article_id)
        row = conn.execute(select(A.c.outlet_id, A.c.superseded_by).where(A.c.id == article_id)).first()
        if row is None:
            return
        if row.outlet_id is not None:
            self.outlets.add(row.outlet_id)
        self.events.update(conn.execute(select(ER.c.event_id).where(ER.c.article_id == article_id)).scalars())
        self.places |= places_of(conn, [article_id], ())
        if row.superseded_by is None:
            self._share(conn, [article_id], -1)

    def new_article(self, article_id: int) -> None:
        self.articles.add(article_id)
        self.facts.add(article_id)
        self.counted.add(article_id)

    def speakers_changed(self, conn: Connection, speaker_ids: Iterable[int]) -> None:
        ids = set(speaker_ids)
        self.renamed |= ids
        self.speakers |= ids
        for chunk in chunks(ids):
            self.articles.update(conn.execute(select(Q.c.article_id).where(Q.c.speaker_id.in_(chunk))).scalars())

    def events_changed(self, conn: Connection, event_ids: Iterable[int]) -> None:
        ids = set(event_ids)
        self.events |= ids
        for chunk in chunks(ids):
            self.articles.update(conn.execute(select(ER.c.article_id).where(ER.c.event_id.in_(chunk))).scalars())

    def _share(self, conn: Connection, article_ids: list[int], sign: int) -> None:
        """Add (sign 1) or subtract (-1) what these current articles contribute to speaker_pairs."""
        per_article: dict[int, set[int]] = defaultdict(set)
        for aid, sid, words in _quoted(conn, article_ids):
            per_article[aid].add(sid)
            for word in words:
                self.words[(sid, word)] += sign
        for sids in per_article.values():
            self.speakers |= sids
            for pair in combinations(sorted(sids), 2):
                self.together[pair] += sign


def _quoted(conn: Connection, article_ids: list[int]) -> Iterator[tuple[int, int, set[str]]]:
    """(article, speaker, words a surname could be) of each attributed quote of these articles."""
    for chunk in chunks(article_ids):
        for aid, sid, quote in conn.execute(select(Q.c.article_id, Q.c.speaker_id, Q.c.text)
                                            .where(Q.c.article_id.in_(chunk), Q.c.speaker_id.is_not(None))):
            yield aid, sid, quote_words(quote)


def place_names(conn: Connection) -> dict[str, int]:
    """Which place a quote's place name counts for in places_activity (one place a name)."""
    return {name: pid for pid, name in conn.execute(select(P.c.id, P.c.name).order_by(P.c.id))}


def places_of(conn: Connection, articles: Iterable[int], events: Iterable[int]) -> set[int]:
    """The places whose activity these articles and events count in (mentions, quotes, event places)."""
    names = place_names(conn)
    found: set[int] = set()
    for chunk in chunks(articles):
        found.update(conn.execute(select(PM.c.place_id).distinct()
                                  .where(PM.c.article_id.in_(chunk), PM.c.place_id.is_not(None))).scalars())
        found.update(names[n] for n in conn.execute(select(Q.c.place).distinct().where(
            Q.c.article_id.in_(chunk), Q.c.place.is_not(None))).scalars() if n in names)
    for chunk in chunks(events):
        found.update(conn.execute(select(E.c.place_id).where(E.c.id.in_(chunk), E.c.place_id.is_not(None))).scalars())
    return found


def refresh_catalogue(conn: Connection, change: Change | None = None) -> None:
    if change is None:
        _rebuild(conn)
        return
    current = {aid for chunk in chunks(change.articles) for aid in conn.execute(
        select(A.c.id).where(A.c.id.in_(chunk), A.c.superseded_by.is_(None))).scalars()}
    change._share(conn, sorted(current & change.counted), 1)
    # an article a curation touched (its quotes' speakers, its reports' events) and its outlet keep
    # every count but those of distinct speakers and events: recounted in SQL, not rebuilt
    recount = current - change.facts
    recount_outlets: set[int] = set()
    for ids, into in ((current & change.facts, change.outlets), (recount, recount_outlets)):
        for chunk in chunks(ids):
            into.update(o for o in conn.execute(select(A.c.outlet_id).where(A.c.id.in_(chunk))).scalars()
                        if o is not None)
    for chunk in chunks(change.articles - recount):
        conn.execute(delete(AS).where(AS.c.article_id.in_(chunk)))
    _insert(conn, AS, _article_rows(conn, sorted(current - recount)))
    for chunk in chunks(recount):
        conn.execute(update(AS).where(AS.c.article_id.in_(chunk)).values(
            speakers=select(func.count(Q.c.speaker_id.distinct())).where(Q.c.article_id == AS.c.article_id)
            .scalar_subquery(),
            events=select(func.count(ER.c.event_id.distinct())).where(ER.c.article_id == AS.c.article_id)
            .scalar_subquery()))
    for chunk in chunks(change.speakers):
        conn.execute(delete(SD).where(SD.c.speaker_id.in_(chunk)))
        conn.execute(delete(SO).where(SO.c.speaker_id.in_(chunk)))
        days, outlets = _speaker_day_and_outlet_rows(conn, chunk)
        _insert(conn, SD, days)
        _insert(conn, SO, outlets)
    for chunk in chunks(change.events):
        conn.execute(delete(EO).where(EO.c.event_id.in_(chunk)))
        _insert(conn, EO, _event_outlet_rows(conn, chunk))
    for chunk in chunks(change.outlets):
        conn.execute(delete(OS).where(OS.c.outlet_id.in_(chunk)))
        _insert(conn, OS, _outlet_rows(conn, chunk))
    for chunk in chunks(recount_outlets - change.outlets):
        conn.execute(update(OS).where(OS.c.outlet_id.in_(chunk)).values(**_distinct(OS.c.outlet_id)))
    _update_pairs(conn, change)


def _rebuild(conn: Connection) -> None:
    for t in (AS, OS, SD, SP, SO, EO):
        conn.execute(delete(t))
    articles = sorted(conn.execute(select(A.c.id).where(A.c.superseded_by.is_(None))).scalars())
    _insert(conn, AS, _article_rows(conn, articles))
    for chunk in chunks(conn.execute(select(S.c.id)).scalars()):
        days, outlets = _speaker_day_and_outlet_rows(conn, chunk)
        _insert(conn, SD, days)
        _insert(conn, SO, outlets)
    _insert(conn, EO, _event_outlet_rows(conn, None))
    _insert(conn, OS, _outlet_rows(conn, None))  # after speaker_outlets and event_outlets: it counts them
    _count_all_pairs(conn, articles)


#: A full count of speaker_pairs adds its counts to the table once it holds this many pairs, so
#: its memory stays flat however many pairs the archive has.
PAIRS_IN_MEMORY = 200_000

_ADD_PAIRS = text(
    "INSERT INTO speaker_pairs (speaker_a_id, speaker_b_id, articles_together, a_names_b, b_names_a) "
    "VALUES (:speaker_a_id, :speaker_b_id, :articles_together, :a_names_b, :b_names_a) "
    "ON CONFLICT (speaker_a_id, speaker_b_id) DO UPDATE SET "
    "articles_together = speaker_pairs.articles_together + excluded.articles_together, "
    "a_names_b = speaker_pairs.a_names_b + excluded.a_names_b, "
    "b_names_a = speaker_pairs.b_names_a + excluded.b_names_a")


def _count_all_pairs(conn: Connection, articles: list[int]) -> None:
    """speaker_pairs counted from scratch into an empty table, a chunk of articles at a time (in a
    Change, only what it touched is counted: see _update_pairs)."""
    by_word = _people(conn)
    counts: Counts = {}

    def flush() -> None:
        _add_pairs(conn, counts)
        counts.clear()

    for chunk in chunks(articles):
        speakers: dict[int, set[int]] = defaultdict(set)
        for aid, sid, words in _quoted(conn, chunk):  # no Counter of every word, as a Change keeps
            speakers[aid].add(sid)
            for word in words:
                for other in by_word.get(word, ()):
                    if other != sid:
                        pair = (min(sid, other), max(sid, other))
                        counts.setdefault(pair, [0, 0, 0])[1 if sid == pair[0] else 2] += 1
        for sids in speakers.values():
            for pair in combinations(sorted(sids), 2):
                counts.setdefault(pair, [0, 0, 0])[0] += 1
        if len(counts) >= PAIRS_IN_MEMORY:
            flush()
    flush()


def _insert(conn: Connection, t, rows: Iterable[dict]) -> None:
    """Rows inserted a batch at a time (a whole archive's rows are never in memory at once)."""
    for part in _batches(rows):
        conn.execute(insert(t), part)


def _batches(rows: Iterable[dict], size: int = 5000) -> Iterator[list[dict]]:
    it = iter(rows)
    while part := list(islice(it, size)):
        yield part


def _article_rows(conn: Connection, article_ids: list[int]) -> Iterator[dict]:
    """Per article: its quotes, speakers, events, places and what cleaning removed (a chunk at a time)."""
    for chunk in chunks(article_ids):
        yield from _article_chunk(conn, chunk)


def _article_chunk(conn: Connection, chunk: list[int]) -> list[dict]:
    quotes: Counter = Counter()
    speakers, events, places = defaultdict(set), defaultdict(set), defaultdict(set)
    removed: dict[int, list] = defaultdict(list)
    for aid, sid in conn.execute(select(Q.c.article_id, Q.c.speaker_id).where(Q.c.article_id.in_(chunk))):
        quotes[aid] += 1
        if sid is not None:
            speakers[aid].add(sid)
    for aid, eid in conn.execute(select(ER.c.article_id, ER.c.event_id).where(ER.c.article_id.in_(chunk))):
        events[aid].add(eid)
    for aid, pid in conn.execute(select(PM.c.article_id, PM.c.place_id)
                                 .where(PM.c.article_id.in_(chunk), PM.c.place_id.is_not(None))):
        places[aid].add(pid)
    for aid, s, e, reason in conn.execute(select(RR.c.article_id, RR.c.start_char, RR.c.end_char, RR.c.reason)
                                          .where(RR.c.article_id.in_(chunk)).order_by(RR.c.start_char)):
        removed[aid].append((e - s, reason))
    rows = []
    for aid in chunk:
        reasons = list(dict.fromkeys(r for _, r in removed[aid]))
        rows.append(dict(article_id=aid, quotes=quotes[aid], speakers=len(speakers[aid]), events=len(events[aid]),
                         places=len(places[aid]), removed_ranges=len(removed[aid]),
                         removed_chars=sum(n for n, _ in removed[aid]), removed_reasons="; ".join(reasons) or None))
    return rows


def _outlet_rows(conn: Connection, outlet_ids: list[int] | None) -> list[dict]:
    """Per outlet (these, or all): its current articles, their quotes (article_summary), its
    speakers and events (speaker_outlets, event_outlets: refresh those first)."""
    where = [A.c.superseded_by.is_(None), A.c.outlet_id.is_not(None)]
    if outlet_ids is not None:
        where.append(A.c.outlet_id.in_(outlet_ids))
    distinct = _distinct(A.c.outlet_id)
    return [dict(outlet_id=oid, articles=n, quotes=quotes or 0, speakers=speakers, events=events,
                 first_published_on=first, last_published_on=last)
            for oid, n, quotes, first, last, speakers, events in conn.execute(
                select(A.c.outlet_id, func.count(), func.sum(AS.c.quotes), func.min(A.c.published_on),
                       func.max(A.c.published_on), distinct["speakers"], distinct["events"])
                .join(AS, AS.c.article_id == A.c.id, isouter=True).where(*where).group_by(A.c.outlet_id))]


def _distinct(outlet_id) -> dict:
    """SQL for an outlet's distinct speakers and events (its rows in speaker_outlets, event_outlets)."""
    return {column: select(func.count()).where(t.c.outlet_id == outlet_id).scalar_subquery()
            for column, t in (("speakers", SO), ("events", EO))}


def _event_outlet_rows(conn: Connection, event_ids: list[int] | None) -> Iterator[dict]:
    """Per event (these, or all) and outlet: reports in current articles."""
    where = [A.c.superseded_by.is_(None), A.c.outlet_id.is_not(None)]
    if event_ids is not None:
        where.append(ER.c.event_id.in_(event_ids))
    return (dict(event_id=eid, outlet_id=oid, reports=n) for eid, oid, n in conn.execute(
        select(ER.c.event_id, A.c.outlet_id, func.count()).join(A, A.c.id == ER.c.article_id)
        .where(*where).group_by(ER.c.event_id, A.c.outlet_id)))


def _speaker_day_and_outlet_rows(conn: Connection, speaker_ids: list[int]) -> tuple[list[dict], list[dict]]:
    """Per speaker, the rows of speaker_days (per day of publication: quotes, articles, outlets) and
    of speaker_outlets (per outlet: quotes, articles), from one read of their current quotes grouped
    by speaker, day and outlet: an article has one day and one outlet, so its speakers' articles add
    up over either."""
    days: dict[tuple, list[int]] = {}
    outlets: dict[tuple, list[int]] = {}
    for sid, day, oid, n, articles in conn.execute(
            select(Q.c.speaker_id, A.c.published_on, A.c.outlet_id, func.count(), func.count(A.c.id.distinct()))
            .join(A, A.c.id == Q.c.article_id)
            .where(A.c.superseded_by.is_(None), Q.c.speaker_id.in_(speaker_ids))
            .group_by(Q.c.speaker_id, A.c.published_on, A.c.outlet_id)):
        tally = days.setdefault((sid, day), [0, 0, 0])
        tally[0] += n
        tally[1] += articles
        if oid is not None:
            tally[2] += 1
            per_outlet = outlets.setdefault((sid, oid), [0, 0])
            per_outlet[0] += n
            per_outlet[1] += articles
    return ([dict(speaker_id=sid, day=day, quotes=n, articles=a, outlets=o) for (sid, day), (n, a, o) in days.items()],
            [dict(speaker_id=sid, outlet_id=oid, quotes=n, articles=a) for (sid, oid), (n, a) in outlets.items()])


# -- speaker pairs ---------------------------------------------------------------------------


def _people(conn: Connection) -> dict[str, set[int]]:
    """Surname word -> the persons with it (only persons have one: the other speakers are not read)."""
    by_word: dict[str, set[int]] = defaultdict(set)
    for sid, name in conn.execute(select(S.c.id, S.c.canonical_name).where(S.c.kind == "person")):
        word = surname(name, "person")
        if word:
            by_word[word].add(sid)
    return by_word


def _surnames(conn: Connection, speaker_ids: Iterable[int]) -> dict[int, str | None]:
    """Speaker id -> its surname or None, for those of these speakers that still exist."""
    return {sid: surname(name, kind) for chunk in chunks(speaker_ids)
            for sid, name, kind in conn.execute(select(S.c.id, S.c.canonical_name, S.c.kind).where(S.c.id.in_(chunk)))}


Counts = dict[tuple[int, int], list[int]]   # (a, b), a < b -> [articles together, a names b, b names a]


def _apply(counts: Counts, change: Change, by_word: dict[str, set[int]], skip: set[int]) -> Counts:
    """Add the change's shares to ``counts``, leaving out pairs with a speaker in ``skip``."""
    for (a, b), n in change.together.items():
        if n and a not in skip and b not in skip:
            counts.setdefault((a, b), [0, 0, 0])[0] += n
    for (sid, word), n in change.words.items():
        if not n or sid in skip:
            continue
        for other in by_word.get(word, ()):
            if other != sid and other not in skip:
                pair = (min(sid, other), max(sid, other))
                counts.setdefault(pair, [0, 0, 0])[1 if sid == pair[0] else 2] += n
    return counts


def _pair_rows(counts: Counts) -> Iterator[dict]:
    return (dict(speaker_a_id=a, speaker_b_id=b, articles_together=t, a_names_b=ab, b_names_a=ba)
            for (a, b), (t, ab, ba) in sorted(counts.items()) if t or ab or ba)


def _add_pairs(conn: Connection, counts: Counts) -> list[dict]:
    """Add these counts to the stored ones (an upsert: one index look-up a pair), 5,000 rows at a
    time (a full count's 200,000 pairs are never rows all at once); returns the rows that lower a
    count, whose pair may have fallen to nothing."""
    fewer: list[dict] = []
    for part in _batches(_pair_rows(counts)):
        conn.execute(_ADD_PAIRS, part)
        fewer += (r for r in part if min(r["articles_together"], r["a_names_b"], r["b_names_a"]) < 0)
    return fewer


def _update_pairs(conn: Connection, change: Change) -> None:
    by_word, words = _people(conn), _surnames(conn, change.speakers | change.renamed)
    redo = change.renamed | {sid for sid in change.speakers if sid not in words}
    fewer = _add_pairs(conn, _apply({}, change, by_word, redo))
    if fewer:  # a pair whose counts all fell to nothing is no pair
        conn.execute(delete(SP).where(SP.c.speaker_a_id == bindparam("speaker_a_id"),
                                      SP.c.speaker_b_id == bindparam("speaker_b_id"), SP.c.articles_together == 0,
                                      SP.c.a_names_b == 0, SP.c.b_names_a == 0), fewer)
    for chunk in chunks(redo):
        conn.execute(delete(SP).where(SP.c.speaker_a_id.in_(chunk)))
        conn.execute(delete(SP).where(SP.c.speaker_b_id.in_(chunk)))
    counts: Counts = {}
    people = sorted(redo & set(words))
    named = _named_by(conn, {sid: words[sid] for sid in people})
    for sid in people:
        counts.update(_pairs_of(conn, sid, by_word, named.get(sid, Counter())))
    _insert(conn, SP, _pair_rows(counts))


def _pairs_of(conn: Connection, sid: int, by_word: dict[str, set[int]], named: Counter) -> Counts:
    """Every pair of one speaker, counted from the tables (``named``: speaker -> quotes naming it)."""
    counts: Counts = {}

    def add(other: int, slot: int, n: int) -> None:  # slot 1: sid names other; 2: other names sid
        pair = (min(sid, other), max(sid, other))
        counts.setdefault(pair, [0, 0, 0])[slot if sid == pair[0] or slot == 0 else 3 - slot] += n

    Q2 = Q.alias("q2")
    for other, n in conn.execute(
            select(Q2.c.speaker_id, func.count(Q.c.article_id.distinct()))
            .join(Q2, Q2.c.article_id == Q.c.article_id).join(A, A.c.id == Q.c.article_id)
            .where(Q.c.speaker_id == sid, Q2.c.speaker_id.is_not(None), Q2.c.speaker_id != sid,
                   A.c.superseded_by.is_(None)).group_by(Q2.c.speaker_id)):
        add(other, 0, n)
    for (quote,) in conn.execute(select(Q.c.text).join(A, A.c.id == Q.c.article_id)
                                 .where(Q.c.speaker_id == sid, A.c.superseded_by.is_(None))):
        for word in quote_words(quote):
            for other in by_word.get(word, ()):
                if other != sid:
                    add(other, 1, 1)
    for other, n in named.items():
        if other != sid:
            add(other, 2, n)
    return counts


def _named_by(conn: Connection, surnames: dict[int, str | None]) -> dict[int, Counter]:
    """For each person (id -> surname): speaker -> their current quotes that use the surname.
    SQLite finds the candidate quotes in its full-text index (a word's every quote, perhaps a few
    more, checked here); elsewhere every quote with a speaker is read once."""
    targets: dict[str, set[int]] = defaultdict(set)
    for sid, word in surnames.items():
        if word:
            targets[word].add(sid)
    named: dict[int, Counter] = defaultdict(Counter)
    query = select(Q.c.speaker_id, Q.c.text).join(A, A.c.id == Q.c.article_id) \
        .where(Q.c.speaker_id.is_not(None), A.c.superseded_by.is_(None))
    if not targets:
        pass
    elif conn.dialect.name == "sqlite":
        fts = text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :phrase")
        for word, sids in targets.items():
            for speaker, quote in conn.execute(query.where(Q.c.id.in_(fts.bindparams(phrase=f'"{word}"')))).all():
                if word in quote_words(quote):
                    for sid in sids:
                        named[sid][speaker] += 1
    else:
        for speaker, quote in conn.execute(query):
            for word in quote_words(quote):
                for sid in targets.get(word, ()):
                    named[sid][speaker] += 1
    return named
