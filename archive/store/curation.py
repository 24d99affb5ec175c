"""Curation: a person's corrections to speakers and events, kept through re-import and re-extraction.

Curators' decisions are recorded as curated aliases, locked names and a log in speaker_curation
(event rules in event_curation); re-import and re-extraction route through them and never undo
them. Each decision commits in one transaction together with the derived tables it changes, so a
crash leaves either the archive before it or the archive after it.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from ..db import for_writing
from ..models import Quote, Speaker, SpeakerAlias, SpeakerCuration, new_id, table
from ..names import name_key
from .derived import refresh_derived
from .events import merge_events, split_event

Q, S, SA = table(Quote), table(Speaker), table(SpeakerAlias)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


# -- curation ---------------------------------------------------------------
# Curators' decisions are recorded as curated aliases, locked names and a log
# in speaker_curation; re-import and re-extraction route through them and
# never undo them.

class CurationError(Exception):
    """A curation request that cannot be carried out (unknown speaker, ...)."""


def _log(conn: Connection, action: str, speaker_id: int | None, detail: str) -> None:
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
        refresh_derived(conn)
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
        refresh_derived(conn)


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
        refresh_derived(conn)
    return fresh_id


def prune_unused_speakers(conn: Connection) -> int:
    """Delete machine-made speakers that no quote refers to any more. Curated ones stay."""
    curated = select(SA.c.speaker_id).where(SA.c.source == "curated")
    used = select(Q.c.speaker_id).where(Q.c.speaker_id.is_not(None))
    return conn.execute(delete(S).where(S.c.name_locked.is_(False), S.c.id.not_in(curated),
                                        S.c.id.not_in(used))).rowcount


def curate_events(engine: Engine, action: str, *args: int) -> int:
    """'merge' (target, *sources) or 'split' (event, report), with the refresh, in one transaction.
    Raises CurationError."""
    try:
        with for_writing(engine).begin() as conn:
            result = merge_events(conn, args[0], list(args[1:])) if action == "merge" else split_event(conn, *args)
            refresh_derived(conn)
    except ValueError as exc:
        raise CurationError(str(exc)) from None
    return result
