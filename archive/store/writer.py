"""The one writer: articles, their quotes, speakers, places and event reports go through :class:`Store`.

Identity and de-duplication:

* An article is its ``content_hash`` (see :mod:`archive.clean`). Importing a text already stored,
  from any path, adds nothing ("unchanged").
* A file whose text changed is a new version: a new article row with ``version`` one higher, and
  the older row's ``superseded_by`` pointing at it. Views show only the newest version of each
  (source path, name).
* Who a speaker is and which event a report joins are decided by the resolve stage
  (:mod:`archive.resolve`) against the indexes this writer keeps in step with the tables; the
  writer stores the decisions and gives new speakers and events their ids.

Transactions: articles are written in batches, one transaction a batch and a SAVEPOINT an article,
so an article that cannot be stored is rolled back alone and an interruption loses nothing
already committed. The derived tables are refreshed once per change (:func:`refresh_derived`).
"""
from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, and_, bindparam, delete, exists, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine, Row

from ..config import EVENT_INDEX_LIMIT
from ..db import for_writing
from ..models import (
    articles as A,
    event_reports as ER,
    new_id,
    not_speakers as NS,
    outlets as O,
    quote_curation as QC,
    quotes as Q,
    removed_ranges as R,
    report_figures as EF,
    speaker_aliases as SA,
    speakers as S,
)
from ..names import name_key
from ..resolve import (
    NewSpeaker,
    ResolvedSpeakers,
    SpeakerIndex,
    cluster_reports,
    per_article,
    report_keys,
    resolve_speakers,
)
from ..types import CleanArticle, ExtractedArticle, QuoteFound
from .articles import outlet_id
from .curation import NOT_A_SPEAKER, prune_unused_speakers
from .derived import mark_pending, refresh_derived, refresh_if_pending
from .events import (
    FormerEvents,
    PlaceIds,
    carry_event_curation,
    delete_article_facts,
    link_quotes,
    load_event_index,
    load_events_near,
    write_events,
    write_places,
)
from .summaries import Change

# The statements every new article runs, built once: building one costs more than running it
# (some 60 microseconds of SQLAlchemy for a select with a WHERE, against 25 to execute it).
_BY_HASH = select(A.c.id).where(A.c.content_hash == bindparam("content_hash"))
_CURRENT_VERSION = select(A.c.id, A.c.version, A.c.content_hash).where(
    A.c.source_path == bindparam("path"), A.c.source_name == bindparam("name"), A.c.superseded_by.is_(None))
_QUOTE_RULES = select(QC.c.start_char, QC.c.end_char, QC.c.action, QC.c.speaker_id).where(
    QC.c.content_hash == bindparam("content_hash"))
_SPEAKERS_BY_ALIAS = select(SA.c.alias_key, S.c.id, S.c.canonical_name, S.c.kind, S.c.name_locked).join(
    SA, SA.c.speaker_id == S.c.id).where(SA.c.alias_key.in_(bindparam("keys", expanding=True))).order_by(S.c.id.desc())
_ALIASES_OF = select(SA.c.speaker_id, SA.c.alias_key).where(
    SA.c.speaker_id.in_(bindparam("ids", expanding=True)), SA.c.alias_key.in_(bindparam("keys", expanding=True)))
_ADD_ARTICLE, _ADD_QUOTES, _ADD_REMOVED = insert(A), insert(Q), insert(R)
_ADD_SPEAKER, _ADD_ALIASES = insert(S), insert(SA)


@dataclass
class FormerIds:
    """The ids an article's facts had before re-extraction: the same span or report keeps its id."""

    quotes: dict[tuple[int, int], int] = field(default_factory=dict)        # (start, end) -> quote id
    reports: dict[str, int] = field(default_factory=dict)                    # report key -> report id
    figures: dict[tuple[str, str, int, int], int] = field(default_factory=dict)  # (key, kind, start, end) -> id
    speakers: dict[tuple[str, str], int] = field(default_factory=dict)  # its per-article speakers (load_article_speakers)

    @classmethod
    def of(cls, conn: Connection, article_id: int) -> FormerIds:
        content_hash = conn.execute(_HASH_OF, {"article": article_id}).scalar_one()
        article = {"article": article_id}
        return cls({(s, e): i for i, s, e in conn.execute(_FORMER_QUOTES, article)},
                   dict(conn.execute(_FORMER_REPORTS, article).all()),
                   {(k, kind, s, e): i for i, k, kind, s, e in conn.execute(_FORMER_FIGURES, article)},
                   load_article_speakers(conn, content_hash))


# What FormerIds.of reads of one article (``article``), built once.
_HASH_OF = select(A.c.content_hash).where(A.c.id == bindparam("article"))
_FORMER_QUOTES = select(Q.c.id, Q.c.start_char, Q.c.end_char).where(Q.c.article_id == bindparam("article"))
_FORMER_REPORTS = select(ER.c.report_key, ER.c.id).where(ER.c.article_id == bindparam("article"))
_FORMER_FIGURES = select(EF.c.id, ER.c.report_key, EF.c.kind, EF.c.start_char, EF.c.end_char) \
    .join(ER, ER.c.id == EF.c.report_id).where(ER.c.article_id == bindparam("article"))


@dataclass
class Outcome:
    name: str
    status: str            # new | version | updated (metadata) | unchanged | failed
    quotes: int = 0
    new_speakers: int = 0
    error: str | None = None


def _extracted(article: CleanArticle) -> ExtractedArticle:
    """The rare article a worker did not extract because its text was known, extracted here."""
    from ..extract import extract

    return extract(article)


def _stored_speakers(conn: Connection, new: list[NewSpeaker]) -> dict[tuple[str, str], Row]:
    """(alias key, kind) -> the stored speaker with that alias, for speakers about to be made.

    Another writer may have stored one of them since this one loaded its index: the table is asked
    (under the write lock this transaction holds) before a second is made, in one query for the
    article. Where several speakers share an alias, the first made (the lowest id) is the one."""
    if not new:
        return {}
    rows = conn.execute(_SPEAKERS_BY_ALIAS, {"keys": sorted({name_key(n.name) for n in new})})
    return {(row.alias_key, row.kind): row for row in rows}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def load_speaker_index(conn: Connection) -> SpeakerIndex:
    """Every speaker a name in a new article can be: not the per-article ones (anonymous, and groups
    no proper noun names), which no other article's names reach, unless a curator gave one a name.

    The database leaves out most per-article speakers and their aliases before they are read (two in
    three rows of a large archive): :func:`_maybe_across_articles` keeps a superset, and
    :func:`per_article` decides here as everywhere."""
    index = SpeakerIndex()
    curated = set(conn.execute(select(SA.c.speaker_id).where(SA.c.source == "curated")).scalars())
    wanted = _maybe_across_articles(conn)
    for sid, name, kind, locked in conn.execute(select(S.c.id, S.c.canonical_name, S.c.kind, S.c.name_locked)
                                                .where(wanted)):
        if sid in curated or not per_article(name, kind):
            index.add_speaker(sid, name, kind, bool(locked))
    for sid, key, source in conn.execute(select(SA.c.speaker_id, SA.c.alias_key, SA.c.source)
                                         .join(S, S.c.id == SA.c.speaker_id).where(wanted)):
        if sid in index.names:
            index.add_alias(sid, key, index.names[sid][1], curated=source == "curated")
    return index


# SQL on a speaker's row: a speaker of one story (per_article as the database sees it: its lower()
# may know only ASCII), and the speakers a curator named (then never one story's alone): as a list
# read once where every speaker is read, as a look-up per speaker where an article's few are.
_CURATED_ALIAS = SA.alias("curated")  # not correlated with the aliases a query reads
_ONE_STORY = or_(S.c.kind == "anonymous",
                 and_(S.c.kind == "group", S.c.canonical_name == func.lower(S.c.canonical_name)))
_CURATED_IDS = select(_CURATED_ALIAS.c.speaker_id).where(_CURATED_ALIAS.c.source == "curated")
_CURATED = exists(_CURATED_IDS.where(_CURATED_ALIAS.c.speaker_id == S.c.id))


def _maybe_across_articles(conn: Connection) -> ColumnElement[bool]:
    """SQL: the speakers that may not be per-article: not one story's as SQL sees it, any name with a
    letter outside ASCII (which SQLite's lower() leaves as it is), and those a curator named. A
    superset of what :func:`per_article` keeps, never less."""
    name = S.c.canonical_name
    other_letter = name.op("GLOB")("*[^ -~]*") if conn.dialect.name == "sqlite" else name.op("~")("[^ -~]")
    return or_(~_ONE_STORY, other_letter, S.c.id.in_(_CURATED_IDS))


def load_article_speakers(conn: Connection, content_hash: str) -> dict[tuple[str, str], int]:
    """The per-article speakers (and curated ones, which may have taken one over) of the stored
    article with this text, by (hash, description): re-extraction gives an article's "senior
    official" back to the speaker it had, and no other article."""
    found: dict[tuple[str, str], int] = {}
    for name, sid in conn.execute(_ARTICLE_SPEAKERS, {"hash": content_hash}):
        found.setdefault((content_hash, name_key(name)), sid)
    return found


# The article's quotes first, then each one's speaker: whether it is one story's or a curator named
# it is asked of that speaker's row, not of every speaker in the archive (which made re-extraction
# slow down as the archive grew).
_ARTICLE_SPEAKERS = select(Q.c.speaker_name, Q.c.speaker_id) \
    .select_from(A.join(Q, Q.c.article_id == A.c.id).join(S, S.c.id == Q.c.speaker_id)) \
    .where(A.c.content_hash == bindparam("hash"), Q.c.speaker_name.is_not(None), or_(_ONE_STORY, _CURATED)) \
    .order_by(Q.c.id)


class _StoredTexts:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __contains__(self, content_hash: object) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(A.c.id).where(A.c.content_hash == content_hash).limit(1)).first() is not None


class Store:
    """Writes articles and everything extracted from them. Not thread-safe: one writer."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._changed = False  # something stored since the derived tables were last refreshed
        self._marked = False   # this change has marked the derived tables as pending
        self.pruned = 0        # speakers the last re-extraction left unused and removed
        self.repaired = refresh_if_pending(engine)  # an earlier change was killed before its end
        self._former = FormerEvents()
        self._change: Change | None = Change()  # what this change touched; None: anything may have
        self._load()

    def start_reextract(self) -> None:
        """Re-extraction clusters every report again from scratch, in article order, as an import
        does (so where an interrupted run stopped changes nothing); new events take the ids their
        reports' events had."""
        with self.engine.connect() as conn:
            self.events = load_event_index(conn, reports=False)
            self._former = FormerEvents(conn)
        self._near = False  # clustering starts again from nothing, in article order
        self._change = None  # every event is clustered again

    def finish(self) -> None:
        """End the change early (Ctrl-C): refresh the derived tables for what was committed."""
        if self._changed or self._marked:
            with for_writing(self.engine).begin() as conn:
                self._refresh(conn)

    def _touch(self, conn: Connection, article_id: int) -> None:
        """Before an article's facts, metadata or currency change: the refresh at the end of the change
        recomputes what it touched (its events, outlet, speakers and pairs, before and after)."""
        if self._change is not None:
            self._change.touch(conn, article_id)

    def _refresh(self, conn: Connection) -> None:
        """The derived tables, for what this change touched; then a new change begins."""
        refresh_derived(conn, self._change)
        self._changed = self._marked = False
        self._change = Change()

    def _load(self) -> None:
        with self.engine.connect() as conn:
            self.speakers = load_speaker_index(conn)
            self.events = load_event_index(conn)
            self._near = True  # stored events are loaded when a new report could join them
            self.places = PlaceIds(conn)
            self._outlets: dict[str, int] = dict(conn.execute(select(O.c.name, O.c.id)).all())
            self.not_speakers: set[str] = set(conn.execute(select(NS.c.alias_key)).scalars())

    # -- articles ---------------------------------------------------------

    def write_batch(self, items: list[ExtractedArticle], last: bool = False) -> list[Outcome]:
        """Store a batch in one transaction, each article in a savepoint of its own.

        ``last``: the change ends with this batch: if it stored anything, the derived tables are
        refreshed in the same transaction.
        """
        outcomes: list[Outcome] = []
        reload = False
        with for_writing(self.engine).begin() as conn:
            for item in items:
                savepoint = conn.begin_nested()
                try:
                    outcome = self._add(conn, item)
                    savepoint.commit()
                    self._changed |= outcome.status in ("new", "version", "updated")
                except Exception as exc:  # one bad article must not lose the batch
                    savepoint.rollback()
                    reload = True
                    outcome = Outcome(item.article.raw.name, "failed",
                                      error=f"could not be stored ({type(exc).__name__}: {exc})")
                outcomes.append(outcome)
            if last and self._changed:
                self._refresh(conn)
            elif self._changed and not self._marked:
                mark_pending(conn, "import")
                self._marked = True
        if reload:
            self._load()  # forget speakers and events resolved in rolled-back savepoints
        elif self._near and len(self.events.proxies) > EVENT_INDEX_LIMIT:
            with self.engine.connect() as conn:  # all stored: reloaded near new reports, as a new import would
                self.events = load_event_index(conn)
        return outcomes

    def reextract_batch(self, items: list[tuple[int, ExtractedArticle]], last: bool = False) -> tuple[int, int]:
        """Re-extraction of stored articles, in one transaction; with ``last``, unused machine speakers
        are pruned and the derived tables refreshed in it too. Returns (quotes, new speakers)."""
        quotes = created = 0
        with for_writing(self.engine).begin() as conn:
            for article_id, item in items:
                n_quotes, n_new = self.replace_article(conn, article_id, item)
                quotes, created = quotes + n_quotes, created + n_new
            if last:
                self.pruned = prune_unused_speakers(conn)
                self._refresh(conn)
            elif not self._marked:
                mark_pending(conn, "reextract")
                self._marked = True
        return quotes, created

    @property
    def stored(self) -> Container[str]:
        """``hash in store.stored``: is this text in the archive? One look-up, not every hash loaded."""
        return _StoredTexts(self.engine)

    def known_hashes(self) -> frozenset[str]:
        """The texts the archive holds, by content hash: the workers skip extracting them."""
        with self.engine.connect() as conn:
            return frozenset(conn.execute(select(A.c.content_hash)).scalars())

    def _add(self, conn: Connection, item: ExtractedArticle) -> Outcome:
        art = item.article
        raw = art.raw
        found = conn.execute(_BY_HASH, {"content_hash": art.content_hash}).first()
        if found:
            return self._update_metadata(conn, found.id, item)
        if item.known:  # deleted since the import began: it is new after all
            item = _extracted(art)
        previous = conn.execute(_CURRENT_VERSION, {"path": raw.path, "name": raw.name}).first()
        article_id = new_id(conn.execute(_ADD_ARTICLE, dict(
            content_hash=art.content_hash, source_name=raw.name, source_path=raw.path,
            source_format=raw.source_format, version=(previous.version + 1) if previous else 1,
            title=art.title, title_source=art.title_source,
            outlet_id=self._outlet_id(conn, art.outlet), outlet_source=art.outlet_source,
            url=raw.meta.url, byline=raw.meta.byline,
            published_on=date.fromisoformat(art.published_on) if art.published_on else None,
            published_precision=art.published_precision, published_source=art.published_source,
            ingested_at=_now(), language=raw.meta.language, original_text=raw.text,
            body_start=art.body_start, body_end=art.body_end, extractor_version=item.extractor_version,
            warnings="\n".join(raw.warnings + item.warnings) or None,
        )))
        if self._change is not None:
            self._change.new_article(article_id)
        if previous:
            self._touch(conn, previous.id)  # no longer counted: the newest version is
            conn.execute(update(A).where(A.c.id == previous.id).values(superseded_by=article_id))
            for rule in carry_event_curation(conn, previous.content_hash, art.content_hash):
                self.events.curated[rule["report_key"]] = rule
        self._write_removed(conn, article_id, item)
        n_quotes, n_new = self._write_facts(conn, article_id, item)
        return Outcome(raw.name, "version" if previous else "new", n_quotes, n_new)

    def _update_metadata(self, conn: Connection, article_id: int, item: ExtractedArticle) -> Outcome:
        """Known text read again with metadata of its own (``--outlet``, a sidecar): the values given
        replace the stored ones; a new publication date re-extracts the article, so that its relative
        dates ('on Tuesday') are resolved against it. Values not given are never cleared."""
        art, meta = item.article, item.article.raw.meta
        row = conn.execute(select(A, O.c.name.label("outlet_name")).outerjoin(O, O.c.id == A.c.outlet_id)
                           .where(A.c.id == article_id)).mappings().one()
        values: dict[str, object] = {}
        if meta.title and art.title != row["title"]:
            values.update(title=art.title, title_source=art.title_source)
        if meta.outlet and art.outlet != row["outlet_name"]:
            values.update(outlet_id=self._outlet_id(conn, art.outlet), outlet_source=art.outlet_source)
        for key in ("url", "byline", "language"):
            if getattr(meta, key) and getattr(meta, key) != row[key]:
                values[key] = getattr(meta, key)
        stored_date = row["published_on"].isoformat() if row["published_on"] else None
        redate = art.published_source == "meta" and art.published_on != stored_date
        if not values and not redate:
            return Outcome(art.raw.name, "unchanged")
        if values:
            self._touch(conn, article_id)  # an outlet changes how many outlets report its events
            conn.execute(update(A).where(A.c.id == article_id).values(**values))
        n_quotes = n_new = 0
        if redate:
            n_quotes, n_new = self.replace_article(conn, article_id, _extracted(art) if item.known else item)
        return Outcome(art.raw.name, "updated", n_quotes, n_new)

    def replace_article(self, conn: Connection, article_id: int, item: ExtractedArticle) -> tuple[int, int]:
        """Re-extraction: the article's cleaning, machine quotes, places and event reports are replaced;
        curation stays. Returns (quotes, new speakers)."""
        self._former.remember(conn, article_id)  # its reports' events keep their ids
        self._touch(conn, article_id)
        former = FormerIds.of(conn, article_id)    # and its quotes, reports and figures theirs
        conn.execute(delete(R).where(R.c.article_id == article_id))
        conn.execute(delete(Q).where(Q.c.article_id == article_id))
        delete_article_facts(conn, article_id)
        art = item.article
        published = date.fromisoformat(art.published_on) if art.published_on else None
        values = dict(extractor_version=item.extractor_version, body_start=art.body_start, body_end=art.body_end,
                      published_on=published, published_precision=art.published_precision,
                      published_source=art.published_source)
        stored = conn.execute(select(A.c.published_on, A.c.published_source).where(A.c.id == article_id)).one()
        if stored.published_source == "curated" and stored.published_on == published:
            del values["published_source"]  # set by hand: it stays marked so
        conn.execute(update(A).where(A.c.id == article_id).values(**values))
        self._write_removed(conn, article_id, item)
        return self._write_facts(conn, article_id, item, former)

    def _write_removed(self, conn: Connection, article_id: int, item: ExtractedArticle) -> None:
        text = item.article.raw.text
        if item.article.removed:
            conn.execute(_ADD_REMOVED, [dict(article_id=article_id, start_char=r.start, end_char=r.end,
                                             reason=r.reason, text=text[r.start:r.end]) for r in item.article.removed])

    def _write_facts(self, conn: Connection, article_id: int, item: ExtractedArticle,
                     former: FormerIds | None = None) -> tuple[int, int]:
        former = former or FormerIds()
        n_quotes, n_new = self._write_quotes(conn, article_id, item, former)
        write_places(conn, self.places, article_id, item.places, item.extractor_version)
        keys = report_keys(item.article.content_hash, item.events)
        if self._near:
            load_events_near(conn, self.events, item.events, keys)
        choices = cluster_reports(item.events, keys, self.events)
        stored = write_events(conn, self.places, article_id, item.events, keys, choices, item.extractor_version,
                              lambda name: self.speakers.find(name, "person"), self._former,
                              former.reports, former.figures)
        for provisional, event_id in stored.items():
            self.events.relabel(provisional, event_id)
        if item.events:  # no reports, no mentions for a quote to be said beside
            link_quotes(conn, article_id)
        return n_quotes, n_new

    def _outlet_id(self, conn: Connection, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._outlets:
            self._outlets[name] = outlet_id(conn, name)
        return self._outlets[name]

    # -- quotes and speakers ----------------------------------------------

    def _write_quotes(self, conn: Connection, article_id: int, item: ExtractedArticle,
                      former: FormerIds) -> tuple[int, int]:
        """The article's quotes, through the curators' word on them: a deleted quote is not stored, a
        reassigned one is its curator's speaker's, a name said to be no speaker makes none."""
        rules = {(s, e): (action, sid) for s, e, action, sid in conn.execute(
            _QUOTE_RULES, {"content_hash": item.article.content_hash})}
        # (quote as found, quote as resolved, the curator's speaker, why no speaker)
        kept: list[tuple[QuoteFound, QuoteFound, int | None, str | None]] = []
        for q in item.quotes:
            action, sid = rules.get((q.start, q.end), (None, None))
            if action == "delete":
                continue
            if action == "speaker":
                kept.append((q, replace(q, speaker=None), sid, None))
            elif q.speaker is not None and q.speaker.name and name_key(q.speaker.name) in self.not_speakers:
                kept.append((q, replace(q, speaker=None), None, NOT_A_SPEAKER))
            else:
                kept.append((q, q, None, q.speaker_reason))
        self.speakers.anonymous = former.speakers  # a new text has none stored
        resolved = resolve_speakers([k[1] for k in kept], self.speakers, item.article.content_hash)
        ids, created = self._store_speakers(conn, resolved)
        for new in resolved.new:
            if per_article(new.name, new.kind):
                self.speakers.forget(ids[new.provisional_id])  # no other article's names reach it
        reused, fresh = [], []
        for (q, _, curated, reason), link in zip(kept, resolved.links):
            ref = q.speaker
            machine = ids.get(link, link) if link is not None else None
            row = dict(
                article_id=article_id, speaker_id=curated if curated is not None else machine,
                speaker_mention=ref.mention if ref else None, speaker_name=ref.name if ref else None,
                speaker_start=ref.start if ref else None, speaker_end=ref.end if ref else None,
                speaker_role=ref.role if ref else None, speaker_reason=reason,
                start_char=q.start, end_char=q.end, text=q.text, kind=q.kind, reporting_verb=q.verb,
                channel=q.channel, place=q.place, confidence=q.confidence, rule=q.rule,
                extractor_version=item.extractor_version,
            )
            old_id = former.quotes.get((q.start, q.end))
            if old_id is not None:
                reused.append(dict(row, id=old_id))
            else:
                fresh.append(row)
        for rows in (reused, fresh):
            if rows:
                conn.execute(_ADD_QUOTES, rows)
        return len(reused) + len(fresh), created

    def _store_speakers(self, conn: Connection, resolved: ResolvedSpeakers) -> tuple[dict[int, int], int]:
        """New speakers, aliases and fuller names, as resolved; returns (provisional -> stored id, created)."""
        ids: dict[int, int] = {}
        found: set[int] = set()
        # an anonymous speaker is one per article: nothing stored before can be it
        stored = _stored_speakers(conn, [new for new in resolved.new if not per_article(new.name, new.kind)])
        for new in resolved.new:
            row = None if per_article(new.name, new.kind) else stored.get((name_key(new.name), new.kind))
            if row is not None:
                ids[new.provisional_id] = int(row.id)
                found.add(int(row.id))
                self.speakers.relabel(new.provisional_id, int(row.id))
                self.speakers.add_speaker(row.id, row.canonical_name, row.kind, bool(row.name_locked))
                continue
            sid = ids[new.provisional_id] = new_id(conn.execute(_ADD_SPEAKER, dict(
                canonical_name=new.name, kind=new.kind, name_locked=False, created_at=_now())))
            self.speakers.relabel(new.provisional_id, sid)
            self._renamed(sid)
        created = set(ids.values()) - found
        aliases: dict[tuple[int, str], str] = {}  # (speaker, key) -> the first spelling met
        for speaker, name in resolved.aliases:
            aliases.setdefault((ids.get(speaker, speaker), name_key(name)), name)
        if aliases:  # a speaker made just now has none stored yet; the others' are asked of the table once
            older = {sid for sid, _ in aliases if sid not in created}
            have = {(r.speaker_id, r.alias_key) for r in conn.execute(
                _ALIASES_OF, {"ids": sorted(older), "keys": sorted({key for _, key in aliases})})} if older else set()
            rows = [dict(speaker_id=sid, alias=name, alias_key=key, source="machine")
                    for (sid, key), name in aliases.items() if (sid, key) not in have]
            if rows:
                conn.execute(_ADD_ALIASES, rows)
        for speaker, name in resolved.renames:
            conn.execute(update(S).where(S.c.id == ids.get(speaker, speaker)).values(canonical_name=name))
            self._renamed(ids.get(speaker, speaker))
        return ids, len(resolved.new) - len(found)

    def _renamed(self, speaker_id: int) -> None:
        """A speaker new or with a new name: the words that name it changed, its pairs are counted again."""
        if self._change is not None:
            self._change.renamed.add(speaker_id)
            self._change.speakers.add(speaker_id)
