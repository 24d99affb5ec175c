"""Browsing the archive in Datasette, read-only, with generated metadata.

The metadata (title, view and column descriptions, facets, canned queries)
comes from the same ``sql/*.sql`` headers that ``archive views --columns``
prints, so the two never disagree.
"""
from __future__ import annotations

import json
from pathlib import Path

from .views import load_views

# Facets Datasette offers on each view's page.
FACETS = {
    "who_said_what": ["speaker", "outlet", "kind", "published_on"],
    "quotes_by_speaker": ["speaker", "outlet", "kind"],
    "speaker_directory": ["kind"],
    "events_timeline": ["kind", "place", "attacker"],
    "event_figures": ["figure", "outlet", "event_kind"],
    "quotes_about_events": ["event_kind", "speaker"],
    "article_overview": ["outlet", "published_on"],
    "places_activity": ["kind", "country_code"],
}

CANNED_QUERIES = {
    "what_did_speaker_say": {
        "title": "What did :speaker say?",
        "description": "Every quote of speakers whose name contains the text, across all outlets, in order.",
        "sql": "SELECT quote_id, speaker, published_on, outlet, verb, quote, article_id, article_file FROM quotes_by_speaker "
               "WHERE speaker LIKE '%' || :speaker || '%' ORDER BY speaker, published_on, quote_id",
    },
    "who_spoke_about": {
        "title": "Who spoke about :text?",
        "description": "Quotes whose words match the text (full-text search), best matches first.",
        # archive_fts (archive/browse/hooks) turns any input into a query of its words: U.S., Kyiv's and
        # a stray quote mark search as words instead of failing as FTS5 syntax.
        "sql": "SELECT q.id AS quote_id, s.canonical_name AS speaker, "
               "snippet(quotes_fts, 0, '[', ']', '…', 24) AS snippet, a.id AS article_id, "
               "a.source_name AS article_file FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
               "JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id "
               "WHERE quotes_fts MATCH archive_fts(:text) AND a.superseded_by IS NULL ORDER BY bm25(quotes_fts)",
    },
    "events_in_place": {
        "title": "Events in :place",
        "description": "Events whose place contains the text, with how many articles and outlets report each.",
        "sql": "SELECT event_id, kind, event_date, place, attacker, participants, n_articles, n_outlets "
               "FROM events_timeline WHERE place LIKE '%' || :place || '%' ORDER BY event_date, event_id",
    },
    "figures_side_by_side": {
        "title": "Each outlet's figures for event :event_id",
        "description": "What every article reported for one event, with the exact wording.",
        "sql": "SELECT figure, wording, value_low, value_high, outlet, article_file FROM event_figures "
               "WHERE event_id = :event_id ORDER BY figure, article_file",
    },
}


#: The front page's order: the questions people ask first, first.
FRONT_PAGE = ("who_said_what", "quotes_by_speaker", "speaker_directory", "events_timeline", "event_figures",
              "figure_disagreements", "quotes_about_events", "places_activity", "article_overview",
              "outlet_coverage", "speaker_timeline", "speaker_network")


def front_page_views() -> list[tuple[str, str]]:
    """(name, description) of every curated view, in :data:`FRONT_PAGE` order, then any others."""
    rank = {name: i for i, name in enumerate(FRONT_PAGE)}
    views = sorted(load_views(), key=lambda v: (rank.get(v.name, len(rank)), v.name))
    return [(v.name, v.description) for v in views]


#: Tables kept for the views' sake (summaries, bookkeeping, full-text indexes and their shadow
#: tables): hidden from the database page, still there for SQL.
HIDDEN = ("alembic_version", "view_definitions", "archive_state", "speaker_summary", "place_summary",
          "article_summary", "outlet_summary", "speaker_pairs", "speaker_days", "speaker_outlets", "event_outlets",
          "figure_agreements",
          "quote_events", "event_mentions", "event_participants", "speaker_curation", "event_curation",
          "quote_curation", "not_speakers", "removed_ranges",
          *(f"{fts}{suffix}" for fts in ("quotes_fts", "articles_fts")
            for suffix in ("", "_data", "_idx", "_docsize", "_config", "_content")))


def metadata(database_name: str) -> dict:
    """Datasette metadata for an archive file whose stem is ``database_name``."""
    tables: dict[str, dict] = {name: {"hidden": True} for name in HIDDEN}
    for view in load_views():
        entry = {"description": view.description, "columns": view.columns}
        if view.name in FACETS:
            entry["facets"] = FACETS[view.name]
        tables[view.name] = entry
    return {
        "title": "archive: who said what, where and when",
        "description": "A structured archive of news: quotes and speakers, events and their figures, places. "
                       "Read-only. Start with a question below, the map of events or the timeline.",
        "databases": {database_name: {"tables": tables, "queries": CANNED_QUERIES}},
    }


def serve_command(db_path: Path, host: str, port: int, live: bool, metadata_path: Path) -> list[str]:
    """The datasette command line that serves the archive read-only."""
    import sys

    metadata_path.write_text(json.dumps(metadata(db_path.stem), indent=2, ensure_ascii=False), encoding="utf-8")
    from .browse import HOOKS_DIR, TEMPLATES_DIR

    mode = [str(db_path)] if live else ["-i", str(db_path)]
    return [sys.executable, "-m", "datasette", "serve", *mode, "--metadata", str(metadata_path), "--host", host,
            "--port", str(port), "--plugins-dir", str(HOOKS_DIR), "--template-dir", str(TEMPLATES_DIR),
            "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "5000"]
