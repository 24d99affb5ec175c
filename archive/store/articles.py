"""Articles as a curator sees them: correct an article's metadata; delete a mistaken import with
everything derived from it.

Metadata set by hand is marked ``curated`` where the archive records a value's source, and a later
import of the same text changes it only where that import gives a value of its own.

Deleting an article deletes every version of its file (the same source path and name), their
quotes, place mentions and event reports (foreign keys cascade); events no report speaks of any
more go, speakers no quote uses any more go unless curated, and the derived tables are refreshed,
all in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine

from ..db import for_writing
from ..models import (
    articles as A,
    event_reports as ER,
    new_id,
    outlets as O,
    quotes as Q,
)
from .curation import CurationError, prune_unused_speakers
from .derived import refresh_derived
from .summaries import Change

#: What ``archive articles set`` may change.
EDITABLE = ("title", "outlet", "url", "byline", "published")


@dataclass(frozen=True)
class Deleted:
    articles: int      # article rows, every version counted
    quotes: int
    reports: int
    speakers: int      # speakers left without a quote, removed


def delete_articles(engine: Engine, article_ids: list[int]) -> Deleted:
    """Delete the articles (and their other versions). Raises CurationError for an unknown id."""
    with for_writing(engine).begin() as conn:
        ids: set[int] = set()
        for article_id in article_ids:
            row = conn.execute(select(A.c.source_path, A.c.source_name).where(A.c.id == article_id)).first()
            if row is None:
                raise CurationError(f"no article with id {article_id} (see 'archive articles list')")
            ids.update(conn.execute(select(A.c.id).where(A.c.source_path == row.source_path,
                                                         A.c.source_name == row.source_name)).scalars())
        change = Change()
        for aid in sorted(ids):
            change.touch(conn, aid)
        quotes = conn.execute(select(func.count()).select_from(Q).where(Q.c.article_id.in_(ids))).scalar_one()
        reports = conn.execute(select(func.count()).select_from(ER).where(ER.c.article_id.in_(ids))).scalar_one()
        conn.execute(delete(Q).where(Q.c.article_id.in_(ids)))     # not left to the cascade: the
        conn.execute(delete(ER).where(ER.c.article_id.in_(ids)))   # FTS triggers fire on these
        deleted = conn.execute(delete(A).where(A.c.id.in_(ids))).rowcount
        speakers = prune_unused_speakers(conn)
        refresh_derived(conn, change)
    return Deleted(deleted, quotes, reports, speakers)


def set_metadata(engine: Engine, article_id: int, values: dict[str, str | None]) -> list[str]:
    """Set an article's metadata (keys from :data:`EDITABLE`; ``published`` as YYYY-MM-DD, an empty
    string clears a value). Returns the keys whose value changed. The caller re-extracts the article
    when ``published`` changed. Raises CurationError for an unknown id or key."""
    from datetime import date

    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise CurationError(f"cannot set {', '.join(sorted(unknown))}: only {', '.join(EDITABLE)}")
    with for_writing(engine).begin() as conn:
        row = conn.execute(select(A, O.c.name.label("outlet_name")).outerjoin(O, O.c.id == A.c.outlet_id)
                           .where(A.c.id == article_id)).mappings().first()
        if row is None:
            raise CurationError(f"no article with id {article_id} (see 'archive articles list')")
        changes: dict[str, object] = {}
        changed: list[str] = []
        for key, raw in values.items():
            value = (raw or "").strip() or None
            current = row["outlet_name"] if key == "outlet" else row["published_on"] if key == "published" \
                else row[key]
            if key == "published":
                new_date = date.fromisoformat(value) if value else None
                if new_date != current:
                    changes.update(published_on=new_date, published_precision="day" if new_date else None,
                                   published_source="curated" if new_date else None)
                    changed.append(key)
            elif value != current:
                changed.append(key)
                if key == "outlet":
                    changes.update(outlet_id=outlet_id(conn, value) if value else None,
                                   outlet_source="curated" if value else None)
                elif key == "title":
                    changes.update(title=value, title_source="curated" if value else None)
                else:
                    changes[key] = value
        if changes:
            change = Change()
            change.touch(conn, article_id)
            conn.execute(update(A).where(A.c.id == article_id).values(**changes))
            refresh_derived(conn, change)
    return changed


def outlet_id(conn, name: str) -> int:
    """The outlet's id, added if it is new."""
    found = conn.execute(select(O.c.id).where(O.c.name == name)).scalar()
    return int(found) if found is not None else new_id(conn.execute(insert(O), dict(name=name)))
