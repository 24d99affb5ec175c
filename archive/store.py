"""The one writer: everything the archive stores goes through :class:`Store`.

Identity and de-duplication:

* An article is its ``content_hash`` (see :mod:`archive.clean`). Importing a
  text already stored, from any path, adds nothing ("unchanged").
* A file whose text changed is a new version: a new article row with
  ``version`` one higher, and the older row's ``superseded_by`` pointing at
  it. Views show only the newest version of each (source path, name).
* Speakers are matched across articles by :class:`archive.resolve.SpeakerIndex`;
  a curated alias always wins over the machine's matching.

Transactions: articles are written in batches, one transaction a batch and a
SAVEPOINT an article, so an article that cannot be stored is rolled back alone
and an interruption loses nothing already committed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from .db import for_writing
from .models import Article, Outlet, Quote, RemovedRange, Speaker, SpeakerAlias, new_id, table
from .resolve import SpeakerIndex, fuller, name_key
from .store_events import EventIndex, delete_article_facts, link_quotes, refresh_events, write_events, write_places
from .store_summaries import refresh_catalogue
from .types import ExtractedArticle, QuoteFound

A, O, Q, R = table(Article), table(Outlet), table(Quote), table(RemovedRange)
S, SA = table(Speaker), table(SpeakerAlias)


@dataclass
class Outcome:
    name: str
    status: str            # new | version | unchanged | failed
    quotes: int = 0
    new_speakers: int = 0
    error: str | None = None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class Store:
    """Writes articles, quotes and speakers. Not thread-safe: one writer."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.index = SpeakerIndex()
        self.events = EventIndex()
        self._outlets: dict[str, int] = {}
        self._load()

    def _load(self) -> None:
        self.index = SpeakerIndex()
        self.events = EventIndex()
        with self.engine.connect() as conn:
            self.events.load(conn)
            for sid, name, kind, locked in conn.execute(select(S.c.id, S.c.canonical_name, S.c.kind, S.c.name_locked)):
                self.index.add_speaker(sid, name, kind, bool(locked))
            for sid, key, source in conn.execute(select(SA.c.speaker_id, SA.c.alias_key, SA.c.source)):
                kind = self.index.names[sid][1]
                self.index.add_alias(sid, key, kind, curated=source == "curated")
            self._outlets = dict(conn.execute(select(O.c.name, O.c.id)).all())

    # -- articles ---------------------------------------------------------

    def write_batch(self, items: list[ExtractedArticle]) -> list[Outcome]:
        """Store a batch in one transaction, each article in a savepoint of its own."""
        outcomes: list[Outcome] = []
        reload = False
        with for_writing(self.engine).begin() as conn:
            for item in items:
                savepoint = conn.begin_nested()
                try:
                    outcome = self._add(conn, item)
                    savepoint.commit()
                except Exception as exc:  # one bad article must not lose the batch
                    savepoint.rollback()
                    reload = True
                    outcome = Outcome(item.article.raw.name, "failed",
                                      error=f"could not be stored ({type(exc).__name__}: {exc})")
                outcomes.append(outcome)
        if reload:
            self._load()  # forget speakers created in rolled-back savepoints
        return outcomes

    def _add(self, conn: Connection, item: ExtractedArticle) -> Outcome:
        art = item.article
        raw = art.raw
        found = conn.execute(select(A.c.id).where(A.c.content_hash == art.content_hash)).first()
        if found:
            return Outcome(raw.name, "unchanged")
        previous = conn.execute(
            select(A.c.id, A.c.version).where(A.c.source_path == raw.path, A.c.source_name == raw.name,
                                              A.c.superseded_by.is_(None))
        ).first()
        article_id = new_id(conn.execute(insert(A), dict(
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
        if previous:
            conn.execute(update(A).where(A.c.id == previous.id).values(superseded_by=article_id))
        if art.removed:
            conn.execute(insert(R), [dict(article_id=article_id, start_char=r.start, end_char=r.end,
                                          reason=r.reason, text=raw.text[r.start:r.end]) for r in art.removed])
        n_quotes, n_new = self._write_quotes(conn, article_id, item.quotes, item.extractor_version)
        self._write_facts(conn, article_id, art.content_hash, item)
        return Outcome(raw.name, "version" if previous else "new", n_quotes, n_new)

    def _write_facts(self, conn: Connection, article_id: int, content_hash: str, item: ExtractedArticle) -> None:
        write_places(conn, self.events, article_id, item.places, item.extractor_version)
        write_events(conn, self.events, article_id, content_hash, item.events, item.extractor_version,
                     lambda name: self.index.find(name, "person"))
        link_quotes(conn, article_id)

    def _outlet_id(self, conn: Connection, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._outlets:
            self._outlets[name] = new_id(conn.execute(insert(O), dict(name=name)))
        return self._outlets[name]

    # -- quotes and speakers ----------------------------------------------

    def replace_facts(self, conn: Connection, article_id: int, item: ExtractedArticle) -> tuple[int, int]:
        """Re-extraction: the article's machine quotes, places and event reports are replaced; curation stays."""
        conn.execute(delete(Q).where(Q.c.article_id == article_id))
        delete_article_facts(conn, article_id)
        conn.execute(update(A).where(A.c.id == article_id).values(
            extractor_version=item.extractor_version, body_start=item.article.body_start,
            body_end=item.article.body_end, published_on=date.fromisoformat(item.article.published_on)
            if item.article.published_on else None, published_precision=item.article.published_precision,
            published_source=item.article.published_source))
        result = self._write_quotes(conn, article_id, item.quotes, item.extractor_version)
        self._write_facts(conn, article_id, item.article.content_hash, item)
        return result

    def _write_quotes(self, conn: Connection, article_id: int, quotes: tuple[QuoteFound, ...],
                      extractor_version: str) -> tuple[int, int]:
        rows, new_speakers = [], 0
        anonymous: dict[str, int] = {}  # anonymous speakers are one per article and mention
        for q in quotes:
            speaker_id = None
            ref = q.speaker
            if ref is not None and ref.name:
                if ref.kind == "anonymous":
                    key = name_key(ref.name)
                    speaker_id = anonymous.get(key) or self.index.find(ref.name, ref.kind)
                    if speaker_id is None:
                        speaker_id, created = self._new_speaker(conn, ref.name, ref.kind)
                        anonymous[key] = speaker_id
                        new_speakers += created
                else:
                    speaker_id = self.index.find(ref.name, ref.kind)
                    if speaker_id is None:
                        speaker_id, created = self._new_speaker(conn, ref.name, ref.kind)
                        new_speakers += created
                    else:
                        self._note_alias(conn, speaker_id, ref.name)
            rows.append(dict(
                article_id=article_id, speaker_id=speaker_id,
                speaker_mention=ref.mention if ref else None, speaker_name=ref.name if ref else None,
                speaker_start=ref.start if ref else None, speaker_end=ref.end if ref else None,
                speaker_role=ref.role if ref else None, speaker_reason=q.speaker_reason,
                start_char=q.start, end_char=q.end, text=q.text, kind=q.kind, reporting_verb=q.verb,
                channel=q.channel, place=q.place, confidence=q.confidence, rule=q.rule,
                extractor_version=extractor_version,
            ))
        if rows:
            conn.execute(insert(Q), rows)
        return len(rows), new_speakers

    def _new_speaker(self, conn: Connection, name: str, kind: str) -> tuple[int, bool]:
        """(id, created): the speaker with this name and kind, stored now unless the table already has it."""
        # Another writer may have stored this speaker since this one loaded its index: ask the table
        # (under the write lock this transaction holds) before making a second one.
        row = conn.execute(select(S.c.id, S.c.canonical_name, S.c.kind, S.c.name_locked)
                           .join(SA, SA.c.speaker_id == S.c.id)
                           .where(SA.c.alias_key == name_key(name), S.c.kind == kind)).first()
        if row is not None:
            self.index.add_speaker(row.id, row.canonical_name, row.kind, bool(row.name_locked))
            self.index.add_alias(row.id, name_key(name), kind)
            return int(row.id), False
        sid = new_id(conn.execute(insert(S), dict(canonical_name=name, kind=kind, name_locked=False,
                                            created_at=_now())))
        self.index.add_speaker(sid, name, kind)
        self._note_alias(conn, sid, name)
        return sid, True

    def _note_alias(self, conn: Connection, speaker_id: int, name: str) -> None:
        canonical, kind, locked = self.index.names[speaker_id]
        key = name_key(name)
        if self.index.by_key.get((kind, key)) != speaker_id and key not in self.index.curated:
            exists = conn.execute(select(SA.c.id).where(SA.c.speaker_id == speaker_id, SA.c.alias_key == key)).first()
            if not exists:
                conn.execute(insert(SA), dict(speaker_id=speaker_id, alias=name, alias_key=key, source="machine"))
            self.index.add_alias(speaker_id, key, kind)
        elif (kind, key) not in self.index.by_key:
            self.index.add_alias(speaker_id, key, kind)
        if not locked and fuller(name, canonical):
            conn.execute(update(S).where(S.c.id == speaker_id).values(canonical_name=name))
            self.index.add_speaker(speaker_id, name, kind, locked)


# -- curation ---------------------------------------------------------------
# Curators' decisions are recorded as curated aliases, locked names and a log
# in speaker_curation; re-import and re-extraction route through them and
# never undo them.

class CurationError(Exception):
    """A curation request that cannot be carried out (unknown speaker, ...)."""


def _log(conn: Connection, action: str, speaker_id: int | None, detail: str) -> None:
    from .models import SpeakerCuration

    conn.execute(insert(table(SpeakerCuration)).values(action=action, speaker_id=speaker_id, detail=detail,
                                                          created_at=_now()))


def _speaker(conn: Connection, speaker_id: int):
    row = conn.execute(select(S).where(S.c.id == speaker_id)).mappings().first()
    if row is None:
        raise CurationError(f"no speaker with id {speaker_id}")
    return row


def _curate_aliases(conn: Connection, speaker_id: int) -> None:
    """Every alias of the speaker becomes the curator's word."""
    conn.execute(update(SA).where(SA.c.speaker_id == speaker_id).values(source="curated"))


def merge_speakers(engine: Engine, target_id: int, source_ids: list[int]) -> int:
    """Fold speakers into ``target_id``: their quotes and aliases move. Returns quotes moved."""
    moved = 0
    with for_writing(engine).begin() as conn:
        target = _speaker(conn, target_id)
        for sid in source_ids:
            if sid == target_id:
                raise CurationError("cannot merge a speaker into itself")
            source = _speaker(conn, sid)
            moved += conn.execute(update(Q).where(Q.c.speaker_id == sid).values(speaker_id=target_id)).rowcount
            keys = {k for (k,) in conn.execute(select(SA.c.alias_key).where(SA.c.speaker_id == target_id))}
            for alias_id, key in conn.execute(select(SA.c.id, SA.c.alias_key).where(SA.c.speaker_id == sid)).all():
                if key in keys:
                    conn.execute(delete(SA).where(SA.c.id == alias_id))
                else:
                    conn.execute(update(SA).where(SA.c.id == alias_id).values(speaker_id=target_id))
            _log(conn, "merge", target_id, f"merged {source['canonical_name']!r} (id {sid}) into "
                                          f"{target['canonical_name']!r} (id {target_id})")
            conn.execute(delete(S).where(S.c.id == sid))
        _curate_aliases(conn, target_id)
    return moved


def rename_speaker(engine: Engine, speaker_id: int, name: str) -> None:
    """Give a speaker its canonical name; the machine will not change it again."""
    name = name.strip()
    if not name:
        raise CurationError("the new name is empty")
    with for_writing(engine).begin() as conn:
        old = _speaker(conn, speaker_id)
        conn.execute(update(S).where(S.c.id == speaker_id).values(canonical_name=name, name_locked=True))
        key = name_key(name)
        if not conn.execute(select(SA.c.id).where(SA.c.speaker_id == speaker_id, SA.c.alias_key == key)).first():
            conn.execute(insert(SA), dict(speaker_id=speaker_id, alias=name, alias_key=key, source="curated"))
        _curate_aliases(conn, speaker_id)
        _log(conn, "rename", speaker_id, f"renamed {old['canonical_name']!r} to {name!r}")


def split_speaker(engine: Engine, speaker_id: int, alias: str, kind: str | None = None) -> int:
    """Move one alias, and the quotes whose mention resolves to it, to a new speaker. Returns its id."""
    key = name_key(alias)
    with for_writing(engine).begin() as conn:
        old = _speaker(conn, speaker_id)
        row = conn.execute(select(SA).where(SA.c.speaker_id == speaker_id, SA.c.alias_key == key)).mappings().first()
        if row is None:
            raise CurationError(f"speaker {speaker_id} has no alias {alias!r} "
                                f"(see 'archive speakers show {speaker_id}')")
        fresh_id = new_id(conn.execute(insert(S), dict(canonical_name=row["alias"], kind=kind or old["kind"], name_locked=True,
                                               created_at=_now())))
        conn.execute(update(SA).where(SA.c.id == row["id"]).values(speaker_id=fresh_id, source="curated"))
        moved = 0
        for qid, resolved in conn.execute(select(Q.c.id, Q.c.speaker_name).where(Q.c.speaker_id == speaker_id)).all():
            if resolved and name_key(resolved) == key:
                conn.execute(update(Q).where(Q.c.id == qid).values(speaker_id=fresh_id))
                moved += 1
        if name_key(old["canonical_name"]) == key:
            rest = [a for (a,) in conn.execute(select(SA.c.alias).where(SA.c.speaker_id == speaker_id))]
            if rest:
                best = max(rest, key=lambda a: (len(a.split()), len(a)))
                conn.execute(update(S).where(S.c.id == speaker_id).values(canonical_name=best))
        _curate_aliases(conn, speaker_id)
        _log(conn, "split", fresh_id, f"split {row['alias']!r} off {old['canonical_name']!r} (id {speaker_id}); "
                                    f"{moved} quotes moved")
    return fresh_id


def prune_speakers(engine: Engine) -> int:
    """Delete machine-made speakers that no quote refers to any more. Curated ones stay."""
    with for_writing(engine).begin() as conn:
        curated = select(SA.c.speaker_id).where(SA.c.source == "curated")
        used = select(Q.c.speaker_id).where(Q.c.speaker_id.is_not(None))
        return conn.execute(delete(S).where(S.c.name_locked.is_(False), S.c.id.not_in(curated),
                                            S.c.id.not_in(used))).rowcount


def refresh_summaries(engine: Engine) -> int:
    """Recompute ``speaker_summary`` from quotes of the newest article versions. Returns speakers."""
    from collections import defaultdict

    from .models import SpeakerSummary

    SS = table(SpeakerSummary)
    agg: dict[int, dict] = defaultdict(lambda: {"quotes": 0, "articles": set(), "outlets": set(), "roles": set(),
                                                "dates": []})
    with for_writing(engine).begin() as conn:
        rows = conn.execute(
            select(Q.c.speaker_id, Q.c.article_id, Q.c.speaker_role, O.c.name, A.c.published_on)
            .select_from(Q.join(A, A.c.id == Q.c.article_id).outerjoin(O, O.c.id == A.c.outlet_id))
            .where(Q.c.speaker_id.is_not(None), A.c.superseded_by.is_(None)))
        for sid, article_id, role, outlet, published in rows:
            a = agg[sid]
            a["quotes"] += 1
            a["articles"].add(article_id)
            if outlet:
                a["outlets"].add(outlet)
            if role:
                a["roles"].add(role)
            if published:
                a["dates"].append(published)
        aliases: dict[int, list[str]] = defaultdict(list)
        for sid, alias in conn.execute(select(SA.c.speaker_id, SA.c.alias).order_by(SA.c.alias)):
            aliases[sid].append(alias)
        refresh_events(conn)
        refresh_catalogue(conn)
        conn.execute(delete(SS))
        records = []
        for (sid,) in conn.execute(select(S.c.id)):
            a = agg.get(sid) or {"quotes": 0, "articles": set(), "outlets": set(), "roles": set(), "dates": []}
            records.append(dict(
                speaker_id=sid, quotes=a["quotes"], articles=len(a["articles"]), n_outlets=len(a["outlets"]),
                outlets="; ".join(sorted(a["outlets"])) or None, aliases="; ".join(aliases.get(sid, [])) or None,
                roles="; ".join(sorted(a["roles"])) or None,
                first_quoted_on=min(a["dates"]) if a["dates"] else None,
                last_quoted_on=max(a["dates"]) if a["dates"] else None))
        if records:
            conn.execute(insert(SS), records)
    return len(records)


def curate_events(engine: Engine, action: str, *args: int) -> int:
    """'merge' (target, *sources) or 'split' (event, report); then refresh. Raises CurationError."""
    from .store_events import merge_events, split_event

    try:
        with for_writing(engine).begin() as conn:
            result = merge_events(conn, args[0], list(args[1:])) if action == "merge" else split_event(conn, *args)
    except ValueError as exc:
        raise CurationError(str(exc)) from None
    refresh_summaries(engine)
    return result
