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
        "sql": "SELECT speaker, published_on, outlet, verb, quote, article_file FROM quotes_by_speaker "
               "WHERE speaker LIKE '%' || :speaker || '%' ORDER BY speaker, published_on, quote_id",
    },
    "who_spoke_about": {
        "title": "Who spoke about :text?",
        "description": "Quotes whose words match the text (full-text search), best matches first.",
        "sql": "SELECT s.canonical_name AS speaker, snippet(quotes_fts, 0, '[', ']', '…', 24) AS snippet, "
               "a.source_name AS article_file FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
               "JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id "
               "WHERE quotes_fts MATCH :text AND a.superseded_by IS NULL ORDER BY bm25(quotes_fts)",
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


def metadata(database_name: str) -> dict:
    """Datasette metadata for an archive file whose stem is ``database_name``."""
    tables = {}
    for view in load_views():
        entry = {"description": view.description, "columns": view.columns}
        if view.name in FACETS:
            entry["facets"] = FACETS[view.name]
        tables[view.name] = entry
    return {
        "title": "archive: who said what, where and when",
        "description": "A structured archive of news: quotes and speakers, events and their figures, places. "
                       "Read-only. Start with who_said_what, events_timeline or a canned query below.",
        "databases": {database_name: {"tables": tables, "queries": CANNED_QUERIES}},
    }


def serve_command(db_path: Path, host: str, port: int, live: bool, metadata_path: Path) -> list[str]:
    """The datasette command line that serves the archive read-only."""
    import sys

    metadata_path.write_text(json.dumps(metadata(db_path.stem), indent=2, ensure_ascii=False), encoding="utf-8")
    mode = [str(db_path)] if live else ["-i", str(db_path)]
    return [sys.executable, "-m", "datasette", "serve", *mode, "--metadata", str(metadata_path), "--host", host,
            "--port", str(port), "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "5000"]
