"""Reading the archive: the tables the commands print, search, and the scorers' formats. Never writes.

The commands' tables (:func:`who_said`, :func:`articles`, :func:`speakers`, :func:`events`,
:func:`search`, :func:`stats`) read from a ``Source``: an engine, or a SQLite archive's plain
``sqlite3`` connection (:func:`archive.reader.open_reader`), which spares a command the import of
SQLAlchemy, most of its start-up. The same SQL runs on either.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .readonly import QueryError
from .rows import plain

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    Source = Engine | sqlite3.Connection


def _read(source: Source, sql: str, params: dict[str, Any], failed: str | None = None) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one query, on an engine or a reader. ``failed``: a database error
    becomes QueryError('<failed>: <the error's first line>') instead of propagating."""
    if isinstance(source, sqlite3.Connection):
        try:
            cursor = source.execute(sql, params)
            return [d[0] for d in cursor.description], [tuple(r) for r in cursor.fetchall()]
        except sqlite3.Error as exc:
            if failed is None:
                raise
            raise QueryError(f"{failed}: {str(exc).splitlines()[0]}") from None
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    with source.connect() as conn:
        try:
            result = conn.execute(text(sql), params)
            return list(result.keys()), [tuple(r) for r in result]
        except SQLAlchemyError as exc:
            if failed is None:
                raise
            raise QueryError(f"{failed}: {str(getattr(exc, 'orig', exc)).splitlines()[0]}") from None

# Keys every exported quote carries, in this order. The first five are what
# shared/eval/score.py reads; the rest are extra and stable.
EXPORT_KEYS = ("article", "start", "end", "text", "speaker", "speaker_kind", "speaker_mention", "role", "kind",
               "verb", "channel", "place", "confidence", "outlet", "published_on", "quote_id", "extractor_version",
               "speaker_reason")

_EXPORT_SQL = """
SELECT a.source_name AS article, q.start_char AS start, q.end_char AS "end", q.text AS text,
       s.canonical_name AS speaker, COALESCE(s.kind, CASE WHEN q.speaker_mention IS NULL THEN NULL END) AS speaker_kind,
       q.speaker_mention AS speaker_mention, q.speaker_role AS role, q.speaker_reason AS speaker_reason,
       q.kind AS kind, q.reporting_verb AS verb,
       q.channel AS channel, q.place AS place, q.confidence AS confidence, o.name AS outlet,
       a.published_on AS published_on, q.id AS quote_id, q.extractor_version AS extractor_version
FROM quotes q JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN outlets o ON o.id = a.outlet_id
WHERE a.superseded_by IS NULL
ORDER BY a.source_name, q.start_char, q.id
"""


def export_quotes(engine: Engine) -> Iterator[dict]:
    """Every quote of the newest version of each article, as a dict with EXPORT_KEYS."""
    from sqlalchemy import text

    with engine.connect() as conn:
        for row in conn.execute(text(_EXPORT_SQL)).mappings():
            yield {k: plain(row[k]) for k in EXPORT_KEYS}


#: Keys of ``archive export events``: the prediction format of shared/eval/score_events.py
#: (one line per figure of an event report, and one with figure null per report).
EVENT_EXPORT_KEYS = ("article", "event", "report", "kind", "place", "date", "attacker", "participants",
                     "figure", "value_low", "value_high", "wording", "start", "end", "outlet", "published_on")

_EVENT_EXPORT_SQL = """
SELECT a.source_name AS article, r.event_id AS event, r.id AS report, r.kind AS kind,
       COALESCE(rp.name, ep.name) AS place, COALESCE(r.event_date, e.event_date) AS date,
       COALESCE(r.attacker, e.attacker) AS attacker, COALESCE(r.participants, e.participants) AS participants,
       f.kind AS figure, f.value_low AS value_low, f.value_high AS value_high, f.wording AS wording,
       COALESCE(f.start_char, r.start_char) AS start, COALESCE(f.end_char, r.end_char) AS "end",
       o.name AS outlet, a.published_on AS published_on
FROM event_reports r
JOIN events e ON e.id = r.event_id
JOIN articles a ON a.id = r.article_id
LEFT JOIN report_figures f ON f.report_id = r.id
LEFT JOIN places rp ON rp.id = r.place_id
LEFT JOIN places ep ON ep.id = e.place_id
LEFT JOIN outlets o ON o.id = a.outlet_id
WHERE a.superseded_by IS NULL
ORDER BY a.source_name, r.start_char, r.id, f.start_char, f.id
"""


def export_events(engine: Engine) -> Iterator[dict]:
    """Every event report of the newest article versions, one dict per figure (or one with figure None)."""
    from sqlalchemy import text

    with engine.connect() as conn:
        for row in conn.execute(text(_EVENT_EXPORT_SQL)).mappings():
            item = {k: plain(row[k]) for k in EVENT_EXPORT_KEYS}
            people = item["participants"]
            item["participants"] = [p.strip() for p in people.split(";") if p.strip()] if people else None
            yield item


def stats(source: Source) -> dict[str, int]:
    """Counts of what the archive holds; facts of the newest article versions only. Counted as all
    rows less those of superseded versions (few, found in a partial index of their own), so a count
    is one index walk, not a join."""
    old = "(SELECT id FROM articles WHERE superseded_by IS NOT NULL)"

    def current(table: str, where: str = "", key: str = f"article_id IN {old}") -> str:
        cond = f" WHERE {where}" if where else ""
        return (f"SELECT (SELECT COUNT(*) FROM {table}{cond}) - "
                f"(SELECT COUNT(*) FROM {table} WHERE {f'{where} AND ' if where else ''}{key})")

    queries = {
        "articles": current("articles", key="superseded_by IS NOT NULL"),
        "article_versions": "SELECT COUNT(*) FROM articles",
        "outlets": "SELECT COUNT(*) FROM outlets",
        "quotes": current("quotes"),
        "quotes_with_speaker": current("quotes", "speaker_id IS NOT NULL"),
        "speakers": "SELECT COUNT(*) FROM speakers",
        "speaker_aliases": "SELECT COUNT(*) FROM speaker_aliases",
        "curation_actions": "SELECT COUNT(*) FROM speaker_curation",
        "events": "SELECT COUNT(*) FROM events",
        "event_reports": current("event_reports"),
        "figures": current("report_figures", key=f"report_id IN (SELECT id FROM event_reports WHERE article_id IN {old})"),
        "places": "SELECT COUNT(*) FROM places",
        "place_mentions": current("place_mentions"),
    }
    return {key: int(_read(source, query, {})[1][0][0]) for key, query in queries.items()}


def articles(source: Source, like: str | None = None, limit: int = 50) -> tuple[list[str], list[tuple]]:
    """The newest version of each article, newest import first; ``like`` filters file, title and outlet."""
    sql = """
    SELECT a.id, a.source_name AS file, o.name AS outlet, a.published_on AS published, a.title,
           (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
           (SELECT COUNT(*) FROM event_reports r WHERE r.article_id = a.id) AS reports,
           a.version
    FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
    WHERE a.superseded_by IS NULL
      AND (CAST(:like AS TEXT) IS NULL OR LOWER(a.source_name) LIKE CAST(:like AS TEXT)
           OR LOWER(COALESCE(a.title, '')) LIKE CAST(:like AS TEXT) OR LOWER(COALESCE(o.name, '')) LIKE CAST(:like AS TEXT))
    ORDER BY a.id DESC LIMIT :limit
    """
    return _read(source, sql, {"like": f"%{like.lower()}%" if like else None, "limit": limit})


def _dicts(source: Source, sql: str, params: dict[str, Any]) -> list[dict]:
    columns, rows = _read(source, sql, params)
    return [dict(zip(columns, r)) for r in rows]


def article_detail(source: Source, article_id: int) -> dict | None:
    """One article: its metadata with where each came from, counts, and what cleaning removed."""
    found = _dicts(source, (
        "SELECT a.id, a.source_name, a.source_path, a.source_format, a.version, a.superseded_by, a.title, "
        "a.title_source, o.name AS outlet, a.outlet_source, a.url, a.byline, a.published_on, "
        "a.published_precision, a.published_source, a.language, a.ingested_at, a.extractor_version, "
        "a.warnings, LENGTH(a.original_text) AS characters, "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
        "(SELECT COUNT(*) FROM event_reports r WHERE r.article_id = a.id) AS event_reports, "
        "(SELECT COUNT(*) FROM place_mentions m WHERE m.article_id = a.id) AS place_mentions "
        "FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = :i"),
        {"i": article_id})
    if not found:
        return None
    _, removed = _read(source, "SELECT reason, text FROM removed_ranges WHERE article_id = :i ORDER BY start_char",
                       {"i": article_id})
    return {"article": found[0], "removed": removed}


def speakers(source: Source, like: str | None = None, limit: int = 50) -> tuple[list[str], list[tuple]]:
    sql = """
    SELECT s.id, s.canonical_name AS speaker, s.kind,
           (SELECT COUNT(*) FROM quotes q WHERE q.speaker_id = s.id) AS quotes,
           (SELECT COUNT(*) FROM speaker_aliases al WHERE al.speaker_id = s.id) AS aliases,
           CASE WHEN s.name_locked THEN 'yes' ELSE '' END AS curated
    FROM speakers s
    WHERE (CAST(:like AS TEXT) IS NULL OR LOWER(s.canonical_name) LIKE CAST(:like AS TEXT)
           OR s.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias_key LIKE CAST(:like AS TEXT)))
    ORDER BY quotes DESC, s.canonical_name LIMIT :limit
    """
    return _read(source, sql, {"like": f"%{like.lower()}%" if like else None, "limit": limit})


def speaker_detail(source: Source, speaker_id: int) -> dict | None:
    found = _dicts(source, "SELECT id, canonical_name, kind, name_locked FROM speakers WHERE id = :i", {"i": speaker_id})
    if not found:
        return None
    row = found[0]
    _, aliases = _read(source, "SELECT alias, source FROM speaker_aliases WHERE speaker_id = :i ORDER BY alias",
                       {"i": speaker_id})
    _, quotes = _read(source, "SELECT a.source_name, q.kind, q.reporting_verb, q.speaker_role, q.text FROM quotes q "
                              "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = :i "
                              "ORDER BY a.source_name, q.start_char", {"i": speaker_id})
    return {"id": row["id"], "name": row["canonical_name"], "kind": row["kind"], "curated": bool(row["name_locked"]),
            "aliases": aliases, "quotes": quotes}


def events(source: Source, kind: str | None = None, place: str | None = None,
           limit: int = 50) -> tuple[list[str], list[tuple]]:
    sql = """
    SELECT event_id AS id, kind, event_date AS date, place, attacker, participants, n_articles AS articles,
           n_outlets AS outlets, CASE WHEN curated THEN 'yes' ELSE '' END AS curated
    FROM events_timeline
    WHERE (CAST(:kind AS TEXT) IS NULL OR kind = CAST(:kind AS TEXT))
      AND (CAST(:place AS TEXT) IS NULL OR LOWER(place) LIKE CAST(:place AS TEXT))
    ORDER BY n_articles DESC, event_id LIMIT :limit
    """
    return _read(source, sql, {"kind": kind, "place": f"%{place.lower()}%" if place else None, "limit": limit})


def event_detail(source: Source, event_id: int) -> dict | None:
    found = _dicts(source, "SELECT * FROM events_timeline WHERE event_id = :i", {"i": event_id})
    if not found:
        return None
    reports = _dicts(source, (
        "SELECT r.id, a.source_name, o.name AS outlet, r.place_text, r.date_text, r.attacker, r.participants, "
        "substr(a.original_text, r.start_char + 1, r.end_char - r.start_char) AS sentence "
        "FROM event_reports r JOIN articles a ON a.id = r.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE r.event_id = :i ORDER BY a.source_name, r.id"), {"i": event_id})
    _, figures = _read(source, "SELECT figure, wording, value_low, value_high, article_file FROM event_figures "
                               "WHERE event_id = :i ORDER BY figure, article_file", {"i": event_id})
    return {"event": found[0], "reports": reports, "figures": figures}


_TERM = re.compile(r"[\w’'-]+", re.UNICODE)


def fts_query(text_: str) -> str:
    """User words -> an FTS5 query that matches all of them, each taken literally ('"kyiv" "attack"')."""
    terms = [t.replace('"', '""') for t in _TERM.findall(text_)]
    if not terms:
        raise QueryError("search needs at least one word")
    return " ".join(f'"{t}"' for t in terms)


#: A word found in more quotes than this (common words in a large archive) is ranked among its
#: newest RANK_WINDOW matches: bm25 over 40,000 matches costs 70 ms, over 2,000 about 5.
RANK_WINDOW = 2000


def _rank_floor(source: Source, query: str) -> int:
    """The lowest quote id of the newest RANK_WINDOW matches (0 when there are fewer)."""
    _, rows = _read(source, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q ORDER BY rowid DESC "
                            "LIMIT 1 OFFSET :n", {"q": query, "n": RANK_WINDOW - 1}, failed="search failed")
    return int(rows[0][0]) if rows else 0


def search(source: Source, words: str, speaker: str | None = None, since: str | None = None,
           articles: bool = False, limit: int = 20) -> tuple[list[str], list[tuple]]:
    """Quotes (or article bodies) matching all the words, best first, with a [highlighted] snippet.

    SQLite uses the FTS5 indexes; PostgreSQL its own full-text search.
    """
    params: dict[str, Any] = {"speaker": f"%{speaker.lower()}%" if speaker else None, "since": since, "limit": limit}
    pg = not isinstance(source, sqlite3.Connection) and source.dialect.name == "postgresql"
    if articles:
        if pg:
            sql = """SELECT a.id AS article_id, o.name AS outlet, a.published_on, a.source_name AS article,
                ts_headline('english', a.original_text, plainto_tsquery('english', :q),
                            'StartSel=[, StopSel=], MaxWords=18, MinWords=8') AS snippet
                FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
                WHERE to_tsvector('english', a.original_text) @@ plainto_tsquery('english', :q)
                  AND a.superseded_by IS NULL AND (CAST(:since AS DATE) IS NULL OR a.published_on >= CAST(:since AS DATE))
                ORDER BY ts_rank(to_tsvector('english', a.original_text), plainto_tsquery('english', :q)) DESC
                LIMIT :limit"""
            params["q"] = words
        else:
            sql = """SELECT a.id AS article_id, o.name AS outlet, a.published_on, a.source_name AS article,
                snippet(articles_fts, 0, '[', ']', '…', 16) AS snippet
                FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                LEFT JOIN outlets o ON o.id = a.outlet_id
                WHERE articles_fts MATCH :q AND a.superseded_by IS NULL
                  AND (:since IS NULL OR a.published_on >= :since)
                ORDER BY bm25(articles_fts) LIMIT :limit"""
            params["q"] = fts_query(words)
    elif pg:
        sql = """SELECT q.id AS quote_id, s.canonical_name AS speaker, o.name AS outlet, a.published_on,
            ts_headline('english', q.text, plainto_tsquery('english', :q), 'StartSel=[, StopSel=], HighlightAll=true')
                AS snippet
            FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id
            LEFT JOIN outlets o ON o.id = a.outlet_id
            WHERE to_tsvector('english', q.text) @@ plainto_tsquery('english', :q) AND a.superseded_by IS NULL
              AND (CAST(:speaker AS TEXT) IS NULL OR LOWER(s.canonical_name) LIKE CAST(:speaker AS TEXT))
              AND (CAST(:since AS DATE) IS NULL OR a.published_on >= CAST(:since AS DATE))
            ORDER BY ts_rank(to_tsvector('english', q.text), plainto_tsquery('english', :q)) DESC, q.id
            LIMIT :limit"""
        params["q"] = words
    else:
        sql = """SELECT q.id AS quote_id, s.canonical_name AS speaker, o.name AS outlet, a.published_on,
            snippet(quotes_fts, 0, '[', ']', '…', 24) AS snippet
            FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id
            LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN outlets o ON o.id = a.outlet_id
            WHERE quotes_fts MATCH :q AND a.superseded_by IS NULL
              AND (:speaker IS NULL OR LOWER(s.canonical_name) LIKE :speaker)
              AND (:since IS NULL OR a.published_on >= :since)
              AND quotes_fts.rowid >= :floor
            ORDER BY bm25(quotes_fts), q.id LIMIT :limit"""
        query = params["q"] = fts_query(words)
        params["floor"] = 0 if speaker or since else _rank_floor(source, query)
    columns, rows = _read(source, sql, params, failed="search failed")
    return columns, [tuple(plain(v) for v in r) for r in rows]


# The same rows as who_said_what in its order, written on its tables so that SQLite walks the
# articles in date order (CROSS JOIN fixes the order of the loop there; PostgreSQL plans it as an
# inner join) and stops at the limit: without the planner's statistics SQLite sorted every quote of
# the archive for the first 20 (1 s at 950,000 quotes, against milliseconds).
_WHO_SAID = """
SELECT q.id AS id, s.canonical_name AS speaker, q.reporting_verb AS verb, q.text AS quote, o.name AS outlet,
       a.published_on AS date, a.source_name AS article_file
FROM {walk}
LEFT JOIN speakers AS s ON s.id = q.speaker_id LEFT JOIN outlets AS o ON o.id = a.outlet_id
WHERE {named}q.article_id = a.id AND a.superseded_by IS NULL
ORDER BY a.published_on, a.source_name, q.start_char, q.id LIMIT :limit"""
_BY_DATE, _BY_SPEAKER = "articles AS a CROSS JOIN quotes AS q", "quotes AS q CROSS JOIN articles AS a"
_WHO_SAID_FIRST = _WHO_SAID.format(walk=_BY_DATE, named="")

# The quotes of the speakers a name matches, in who_said_what's order, in one of two ways: from
# the articles in date order until enough are found (``+`` keeps SQLite off the speaker index
# inside that loop), for names that many quotes have; or from each speaker's quotes, then
# sorted, for rarer ones. Either answers in milliseconds where it is chosen; the other would take
# seconds at a million quotes.
_NAMED = "q.speaker_id IN (SELECT id FROM speakers WHERE LOWER(canonical_name) LIKE CAST(:speaker AS TEXT))"
_WHO_SAID_NAMED = {"by date": _WHO_SAID.format(walk=_BY_DATE, named=f"+{_NAMED} AND "),
                   "by speaker": _WHO_SAID.format(walk=_BY_SPEAKER, named=f"{_NAMED} AND ")}
_NAMED_QUOTES = """SELECT COALESCE(SUM(ss.quotes), 0), (SELECT COALESCE(MAX(id), 0) FROM quotes)
FROM speaker_summary AS ss JOIN speakers AS s ON s.id = ss.speaker_id
WHERE LOWER(s.canonical_name) LIKE CAST(:speaker AS TEXT)"""


def _named_plan(source: Source, pattern: str, limit: int) -> str:
    """How to find the first ``limit`` quotes of the speakers ``pattern`` matches: by date reads
    about limit * all / theirs quotes, by speaker reads theirs (and sorts them)."""
    (theirs, everyone), = _read(source, _NAMED_QUOTES, {"speaker": pattern})[1]
    return "by date" if theirs * theirs > everyone * limit else "by speaker"


def who_said(source: Source, speaker: str | None, limit: int) -> tuple[list[str], list[tuple]]:
    """who_said_what, optionally for speakers whose name contains ``speaker``."""
    if speaker:
        pattern = f"%{speaker.lower()}%"
        columns, rows = _read(source, _WHO_SAID_NAMED[_named_plan(source, pattern, limit)],
                              {"speaker": pattern, "limit": limit})
    else:
        columns, rows = _read(source, _WHO_SAID_FIRST, {"limit": limit})
    return columns, [tuple(plain(v) for v in r) for r in rows]
