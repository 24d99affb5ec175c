"""Curation: a person's corrections to speakers and events, kept through re-import and re-extraction.

Curators' decisions are recorded as curated aliases, locked names and a log in speaker_curation
(event rules in event_curation); re-import and re-extraction route through them and never undo
them. Each decision commits in one transaction together with the derived tables it changes, so a
crash leaves either the archive before it or the archive after it.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from ..db import for_writing
from ..errors import CurationError
from ..models import (
    articles as A,
    new_id,
    not_speakers as NS,
    quote_curation as QC,
    quotes as Q,
    speaker_aliases as SA,
    speaker_curation,
    speakers as S,
)
from ..names import name_key, similar_surname
from .derived import refresh_derived
from .events import merge_events, split_event
from .summaries import Change

#: Why a quote has no speaker when a curator said its speaker's name is none (the writer says it too).
NOT_A_SPEAKER = "not a speaker (curated)"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


# -- curation ---------------------------------------------------------------
# Curators' decisions are recorded as curated aliases, locked names and a log
# in speaker_curation; re-import and re-extraction route through them and
# never undo them.


def _log(conn: Connection, action: str, speaker_id: int | None, detail: str) -> None:
    conn.execute(insert(speaker_curation).values(action=action, speaker_id=speaker_id, detail=detail,
                                                 created_at=_now()))


def _speaker(conn: Connection, speaker_id: int):
    row = conn.execute(select(S).where(S.c.id == speaker_id)).mappings().first()
    if row is None:
        raise CurationError(f"no speaker with id {speaker_id}")
    return row


def _curate_aliases(conn: Connection, speaker_id: int) -> None:
    """Every alias of the speaker becomes the curator's word."""
    conn.execute(update(SA).where(SA.c.speaker_id == speaker_id).values(source="curated"))


def names_the_same(alias_key: str, target_keys: set[str], kind: str) -> bool:
    """Would the machine itself take ``alias_key`` for a name of the speaker known by ``target_keys``?

    A person: the alias's last word is a near spelling of the target's surname. Anyone else: the alias
    is an acronym of a name of the target, or of two words or more sharing one with it. A single
    ordinary word ('United', 'statement') is never a name of anyone: moving it as an alias would
    give the target every future quote of that word.
    """
    words = alias_key.split()
    if not words:
        return False
    for key in target_keys:
        theirs = key.split()
        if not theirs:
            continue
        if kind == "person":
            same = similar_surname(words[-1], theirs[-1])
        elif len(words) == 1:
            same = len(theirs) > 1 and words[0] == "".join(w[0] for w in theirs)
        else:
            same = bool(set(words) & set(theirs))
        if same:
            return True
    return False


def merge_speakers(engine: Engine, target_id: int, source_ids: list[int]) -> int:
    """Fold speakers into ``target_id``: their quotes move, and their aliases that name the target
    (:func:`names_the_same`) with them. A merged quote whose speaker's name is no name of the target
    is kept the target's by a rule on the quote itself, so re-extraction gives it back to the target
    and no future mention of that name is. Returns quotes moved."""
    moved = 0
    with for_writing(engine).begin() as conn:
        target = _speaker(conn, target_id)
        change = Change()
        change.speakers_changed(conn, [target_id, *source_ids])
        for sid in source_ids:
            if sid == target_id:
                raise CurationError("cannot merge a speaker into itself")
            source = _speaker(conn, sid)
            keys = {k for (k,) in conn.execute(select(SA.c.alias_key).where(SA.c.speaker_id == target_id))}
            keys.add(name_key(target["canonical_name"]))
            aliases = conn.execute(select(SA.c.id, SA.c.alias_key).where(SA.c.speaker_id == sid)).all()
            naming = {key for _, key in aliases if names_the_same(key, keys, target["kind"])}
            spans = select(Q.c.speaker_name, A.c.content_hash, Q.c.start_char, Q.c.end_char) \
                .join(A, A.c.id == Q.c.article_id).where(Q.c.speaker_id == sid)
            _rules(conn, [(h, s, e) for name, h, s, e in conn.execute(spans)
                          if name is None or name_key(name) not in naming | keys], "speaker", target_id)
            moved += conn.execute(update(Q).where(Q.c.speaker_id == sid).values(speaker_id=target_id)).rowcount
            conn.execute(update(QC).where(QC.c.speaker_id == sid).values(speaker_id=target_id))
            for alias_id, key in aliases:
                if key in keys or key not in naming:
                    conn.execute(delete(SA).where(SA.c.id == alias_id))
                else:
                    conn.execute(update(SA).where(SA.c.id == alias_id).values(speaker_id=target_id))
            _log(conn, "merge", target_id, f"merged {source['canonical_name']!r} (id {sid}) into "
                                          f"{target['canonical_name']!r} (id {target_id})")
            conn.execute(delete(S).where(S.c.id == sid))
        _curate_aliases(conn, target_id)
        refresh_derived(conn, change)
    return moved


def rename_speaker(engine: Engine, speaker_id: int, name: str) -> None:
    """Give a speaker its canonical name; the machine will not change it again."""
    name = name.strip()
    if not name:
        raise CurationError("the new name is empty")
    with for_writing(engine).begin() as conn:
        old = _speaker(conn, speaker_id)
        key = name_key(name)
        for other_id, other in conn.execute(select(S.c.id, S.c.canonical_name).where(S.c.id != speaker_id)).all():
            if name_key(other) == key:
                raise CurationError(f"speaker {other_id} is already called {other!r}: if they are one, "
                                    f"'archive speakers merge {other_id} {speaker_id}'")
        conn.execute(update(S).where(S.c.id == speaker_id).values(canonical_name=name, name_locked=True))
        if not conn.execute(select(SA.c.id).where(SA.c.speaker_id == speaker_id, SA.c.alias_key == key)).first():
            conn.execute(insert(SA), dict(speaker_id=speaker_id, alias=name, alias_key=key, source="curated"))
        _curate_aliases(conn, speaker_id)
        _log(conn, "rename", speaker_id, f"renamed {old['canonical_name']!r} to {name!r}")
        change = Change()
        change.speakers_changed(conn, [speaker_id])
        refresh_derived(conn, change)


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
        change = Change()
        change.speakers_changed(conn, [speaker_id, fresh_id])
        refresh_derived(conn, change)
    return fresh_id


def _rule(conn: Connection, quote_id: int, action: str, speaker_id: int | None) -> None:
    """Record a curator's word on one quote, by its article's text and its span."""
    _rules(conn, [tuple(r) for r in conn.execute(select(A.c.content_hash, Q.c.start_char, Q.c.end_char)
                                                 .join(A, A.c.id == Q.c.article_id).where(Q.c.id == quote_id))],
           action, speaker_id)


def _rules(conn: Connection, spans: list[tuple[str, int, int]], action: str, speaker_id: int | None) -> None:
    """The same word on many quotes, each by (article text's hash, start, end): a merge moves
    thousands, so each statement runs once for all of them (a prepared statement, one index look-up a
    quote) rather than once a chunk with a new statement each time."""
    spans = list(dict.fromkeys(spans))  # two copies of one text share their spans
    if not spans:
        return
    rows = [dict(h=h, s=s, e=e) for h, s, e in spans]
    conn.execute(delete(QC).where(QC.c.content_hash == bindparam("h"), QC.c.start_char == bindparam("s"),
                                  QC.c.end_char == bindparam("e")), rows)
    now = _now()
    conn.execute(insert(QC), [dict(content_hash=h, start_char=s, end_char=e, action=action, speaker_id=speaker_id,
                                   created_at=now) for h, s, e in spans])


def _quote(conn: Connection, quote_id: int):
    row = conn.execute(select(Q).where(Q.c.id == quote_id)).mappings().first()
    if row is None:
        raise CurationError(f"no quote with id {quote_id} (see 'archive quotes')")
    return row


def delete_quotes(engine: Engine, quote_ids: list[int]) -> int:
    """Not quotes: deleted, and never extracted again from the same text. Returns quotes deleted."""
    with for_writing(engine).begin() as conn:
        change = Change()
        for qid in quote_ids:
            quote = _quote(conn, qid)
            change.touch(conn, quote["article_id"])
            _rule(conn, qid, "delete", None)
            _log(conn, "quote_delete", quote["speaker_id"], f"deleted quote {qid}: {quote['text'][:80]!r}")
        conn.execute(delete(Q).where(Q.c.id.in_(quote_ids)))
        prune_unused_speakers(conn)
        refresh_derived(conn, change)
    return len(set(quote_ids))


def assign_quote(engine: Engine, quote_id: int, speaker_id: int) -> None:
    """The quote was said by ``speaker_id``, whatever the machine finds; kept through re-extraction."""
    with for_writing(engine).begin() as conn:
        quote = _quote(conn, quote_id)
        target = _speaker(conn, speaker_id)
        change = Change()
        change.touch(conn, quote["article_id"])
        _rule(conn, quote_id, "speaker", speaker_id)
        conn.execute(update(Q).where(Q.c.id == quote_id).values(speaker_id=speaker_id, speaker_reason=None))
        _log(conn, "quote_assign", speaker_id, f"quote {quote_id} (was speaker {quote['speaker_id']}) "
                                              f"assigned to {target['canonical_name']!r}")
        prune_unused_speakers(conn)
        refresh_derived(conn, change)


def not_a_speaker(engine: Engine, speaker_id: int) -> int:
    """The speaker's names are no speaker's: its quotes lose it, it goes, and none of its names makes
    a speaker again. Returns the quotes it had."""
    with for_writing(engine).begin() as conn:
        speaker = _speaker(conn, speaker_id)
        change = Change()
        change.speakers_changed(conn, [speaker_id])
        names = {name_key(speaker["canonical_name"]): speaker["canonical_name"]}
        names.update({key: alias for alias, key in conn.execute(select(SA.c.alias, SA.c.alias_key)
                                                                .where(SA.c.speaker_id == speaker_id))})
        for key, name in names.items():
            if key and not conn.execute(select(NS.c.alias_key).where(NS.c.alias_key == key)).first():
                conn.execute(insert(NS).values(alias_key=key, name=name, created_at=_now()))
        quotes = conn.execute(update(Q).where(Q.c.speaker_id == speaker_id)
                              .values(speaker_id=None, speaker_reason=NOT_A_SPEAKER)).rowcount
        _log(conn, "not_speaker", None, f"{speaker['canonical_name']!r} (id {speaker_id}) is no speaker; "
                                        f"{quotes} quotes left without one")
        conn.execute(delete(S).where(S.c.id == speaker_id))
        refresh_derived(conn, change)
    return quotes


def prune_unused_speakers(conn: Connection) -> int:
    """Delete machine-made speakers that no quote refers to any more. Curated ones stay."""
    curated = select(SA.c.speaker_id).where(SA.c.source == "curated").union(
        select(QC.c.speaker_id).where(QC.c.speaker_id.is_not(None)))
    used = select(Q.c.speaker_id).where(Q.c.speaker_id.is_not(None))
    return conn.execute(delete(S).where(S.c.name_locked.is_(False), S.c.id.not_in(curated),
                                        S.c.id.not_in(used))).rowcount


def curate_events(engine: Engine, action: str, *args: int) -> int:
    """'merge' (target, *sources) or 'split' (event, report), with the refresh, in one transaction.
    Raises CurationError."""
    try:
        with for_writing(engine).begin() as conn:
            result = merge_events(conn, args[0], list(args[1:])) if action == "merge" else split_event(conn, *args)
            # only the events involved change: the target and the sources, or the event and its new part
            change = Change()
            change.events_changed(conn, set(args) if action == "merge" else {args[0], result})
            refresh_derived(conn, change)
    except ValueError as exc:
        raise CurationError(str(exc)) from None
    return result
