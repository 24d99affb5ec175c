"""Articles as a curator sees them: delete a mistaken import with everything derived from it.

Deleting an article deletes every version of its file (the same source path and name), their
quotes, place mentions and event reports (foreign keys cascade); events no report speaks of any
more go, speakers no quote uses any more go unless curated, and the derived tables are refreshed,
all in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine

from ..db import for_writing
from ..models import Article, EventReport, Quote, table
from .curation import CurationError, prune_unused_speakers
from .derived import refresh_derived

A, Q, ER = table(Article), table(Quote), table(EventReport)


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
        quotes = conn.execute(select(func.count()).select_from(Q).where(Q.c.article_id.in_(ids))).scalar_one()
        reports = conn.execute(select(func.count()).select_from(ER).where(ER.c.article_id.in_(ids))).scalar_one()
        conn.execute(delete(Q).where(Q.c.article_id.in_(ids)))     # not left to the cascade: the
        conn.execute(delete(ER).where(ER.c.article_id.in_(ids)))   # FTS triggers fire on these
        deleted = conn.execute(delete(A).where(A.c.id.in_(ids))).rowcount
        speakers = prune_unused_speakers(conn)
        refresh_derived(conn)
    return Deleted(deleted, quotes, reports, speakers)
