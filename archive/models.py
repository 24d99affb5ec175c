"""The archive's tables, as SQLAlchemy Core tables (no ORM classes: nothing maps rows to objects,
and declaring them as ORM models cost every writing command about 0.25 s of start-up).

Dates are ``DATE`` columns holding ``YYYY-MM-DD`` and timestamps ``DATETIME``
columns holding ``YYYY-MM-DD HH:MM:SS``, so BI tools that infer types from
declared column types (Metabase, Superset) see dates as dates.

Machine output and human curation live apart: ``quotes`` and machine aliases
are replaced on re-extraction; curated aliases (``source = 'curated'``), names
locked by a rename, and ``speaker_curation`` never are.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text as sql_text,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import CursorResult

#: DATETIME stored as 'YYYY-MM-DD HH:MM:SS' on SQLite (SQLAlchemy's default adds microseconds).
Timestamp = DateTime().with_variant(
    sqlite.DATETIME(storage_format="%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d",
                    regexp=r"(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)"), "sqlite")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


metadata = MetaData(naming_convention=NAMING_CONVENTION)


outlets = Table(
    "outlets", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), unique=True, nullable=False),
    Column("domain", String(200)),
)


articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), unique=True, nullable=False),
    Column("source_name", String(500), index=True, nullable=False),
    Column("source_path", String(2000), index=True, nullable=False),
    Column("source_format", String(10), nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("superseded_by", ForeignKey("articles.id", ondelete="SET NULL")),
    Column("title", Text),
    Column("title_source", String(20)),
    Column("outlet_id", ForeignKey("outlets.id"), index=True),
    Column("outlet_source", String(20)),
    Column("url", String(2000)),
    Column("byline", String(500)),
    Column("published_on", Date, index=True),
    Column("published_precision", String(10), default="unknown", nullable=False),
    Column("published_source", String(20)),
    Column("ingested_at", Timestamp, nullable=False),
    Column("language", String(20)),
    Column("original_text", Text, nullable=False),
    Column("body_start", Integer, nullable=False),
    Column("body_end", Integer, nullable=False),
    Column("extractor_version", String(40), nullable=False),
    Column("warnings", Text),
    # the old versions (few): counts of the newest versions' facts are all rows less theirs. Partial
    # on PostgreSQL too, as migration 0014 creates it: a postgresql_where here would make SQLAlchemy
    # import every PostgreSQL driver's dialect to check the keyword, 40-50 ms in every process.
    Index("ix_articles_superseded", "superseded_by", sqlite_where=sql_text("superseded_by IS NOT NULL")),
)


# The labels of figure_disagreements.agreement: 'compatible' and 'contradiction' (rows from the migration).
figure_agreements = Table(
    "figure_agreements", metadata,
    Column("label", String(13), primary_key=True),
    Column("description", String(200), nullable=False),
)


# What cleaning set aside: boilerplate, title, repeated lines.
removed_ranges = Table(
    "removed_ranges", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("reason", String(40), nullable=False),
    Column("text", Text, nullable=False),
)


speakers = Table(
    "speakers", metadata,
    Column("id", Integer, primary_key=True),
    Column("canonical_name", String(300), index=True, nullable=False),
    Column("kind", String(20), nullable=False),  # person | organization | group | anonymous
    Column("description", Text),
    Column("name_locked", Boolean, default=False, nullable=False),  # a curator named it
    Column("created_at", Timestamp, nullable=False),
)


speaker_aliases = Table(
    "speaker_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("alias", String(300), nullable=False),
    Column("alias_key", String(300), index=True, nullable=False),  # normalized for look-up
    Column("source", String(10), default="machine", nullable=False),  # machine | curated
    UniqueConstraint("alias_key", "speaker_id"),
)


# The log of what curators did; replayed decisions survive re-extraction.
speaker_curation = Table(
    "speaker_curation", metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(20), nullable=False),  # merge | rename | split | alias
    Column("speaker_id", ForeignKey("speakers.id", ondelete="SET NULL")),
    Column("detail", Text, nullable=False),
    Column("created_at", Timestamp, nullable=False),
)


# A curator's word on one quote, by the article's text and the quote's span, so that it holds
# through re-extraction: ``delete`` (not a quote) or ``speaker`` (said by ``speaker_id``).
quote_curation = Table(
    "quote_curation", metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("action", String(20), nullable=False),  # delete | speaker
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE")),
    Column("created_at", Timestamp, nullable=False),
    UniqueConstraint("content_hash", "start_char", "end_char"),
)


# Names a curator said are no speaker ('United', 'statement'): never made a speaker again.
not_speakers = Table(
    "not_speakers", metadata,
    Column("alias_key", String(300), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("created_at", Timestamp, nullable=False),
)


quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="SET NULL"), index=True),
    Column("speaker_mention", String(300)),  # as written: "he", "Mr Zelensky"
    Column("speaker_name", String(300)),  # what it resolved to in the article
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_role", String(300)),
    Column("speaker_reason", String(200)),  # why no speaker was named, if none was
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(10), nullable=False),  # direct | partial | indirect
    Column("reporting_verb", String(40)),
    Column("channel", String(200)),
    Column("place", String(200), index=True),  # places_activity counts by place
    Column("confidence", Float, nullable=False),
    Column("rule", String(40)),
    Column("extractor_version", String(40), nullable=False),
    Index("ix_quotes_article_span", "article_id", "start_char"),
)


# Which version of each sql/*.sql view is installed, to recreate only changed ones.
view_definitions = Table(
    "view_definitions", metadata,
    Column("name", String(100), primary_key=True),
    Column("sha256", String(64), nullable=False),
)


# Flags about the archive as a whole. ``derived_pending``: a change committed batches whose derived
# tables are refreshed only at its end, and it has not ended (killed); the next writer refreshes them.
archive_state = Table(
    "archive_state", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)


# Per-speaker aggregates, refreshed by the writer after every change.
#
# A table rather than a GROUP BY in the view so that every column of
# ``speaker_directory`` has a declared type (SQLite gives aggregates none,
# and BI tools infer types from declared ones).
speaker_summary = Table(
    "speaker_summary", metadata,
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
    Column("quotes", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("outlets", Text),  # "; "-separated, alphabetical
    Column("aliases", Text),
    Column("roles", Text),
    Column("first_quoted_on", Date),
    Column("last_quoted_on", Date),
)


# A place in the gazetteer's canonical form (Kyiv, never Kiev).
places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), index=True, nullable=False),
    Column("kind", String(20), nullable=False),  # city | region | district | country | sea | continent
    Column("country_code", String(2)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("precision", String(20), nullable=False),  # how exact the coordinates are
    Column("geonameid", Integer),
    Column("source", String(20), nullable=False),  # geonames | shipped
    UniqueConstraint("name", "kind", "country_code"),
)


place_mentions = Table(
    "place_mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("place_id", ForeignKey("places.id")),  # NULL: ambiguous
    Column("text", String(300), nullable=False),
    Column("unresolved_reason", String(200)),  # why place_id is NULL
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("extractor_version", String(40), nullable=False),
    # by place, then article: a place's mentions and articles are counted in the index alone
    Index("ix_place_mentions_place_article", "place_id", "article_id"),
)


# One real-world event, reported by one or more articles (event_reports).
events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(30), index=True, nullable=False),
    Column("event_date", Date, index=True),
    Column("date_precision", String(10), nullable=False),
    Column("place_id", ForeignKey("places.id")),
    Column("attacker", String(100)),
    Column("target", String(100)),
    Column("participants", Text),  # "; "-separated, kept by the writer
    Column("n_articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("confidence", Float, nullable=False),  # how sure the clustering is
    Column("curated", Boolean, default=False, nullable=False),
    Column("created_at", Timestamp, nullable=False),
    # what clustering compares a new report with: the place and the date of the event's first report
    # (of any article version, by report id) to give one, not the most precise ones above
    Column("first_place_id", ForeignKey("places.id")),
    Column("first_date", Date),
    # the first day of publication its reports' articles give (known to the day): an undated event
    # is of the month before it (matching.dates_fit)
    Column("first_reported", Date),
    # events in a place, newest first (events_timeline by place): one index walk, not a sort;
    # the writer's look-up of the events a new report could join, by kind, first place and first date
    Index("ix_events_place_date", "place_id", "event_date"),
    Index("ix_events_kind_first_place", "kind", "first_place_id", "first_date", "first_reported"),
    Index("ix_events_kind_first_date", "kind", "first_date", "first_reported"),
)


# What one article says about one event: its place, date and actors as that article gives them.
event_reports = Table(
    "event_reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),  # ix_event_reports_event_place
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("report_key", String(200), index=True, nullable=False),  # stable across re-extraction
    Column("kind", String(30), nullable=False),
    Column("place_id", ForeignKey("places.id")),
    Column("place_text", String(300)),
    Column("event_date", Date),
    Column("date_precision", String(10), nullable=False),
    Column("date_text", String(100)),  # the phrase, kept when unresolved
    Column("date_reason", String(200)),  # why event_date is NULL despite a phrase
    Column("attacker", String(100)),
    Column("target", String(100)),
    Column("participants", Text),
    Column("start_char", Integer, nullable=False),  # the first sentence that reports it
    Column("end_char", Integer, nullable=False),
    Column("extractor_version", String(40), nullable=False),
    # the writer's look-up of stored events a new report could join: by kind and place, near a date
    Index("ix_event_reports_place_kind_date", "place_id", "kind", "event_date"),
    Index("ix_event_reports_kind_date", "kind", "event_date"),
    Index("ix_event_reports_event_place", "event_id", "place_id", "event_date"),
)


# A sentence of an article that speaks of the event (trigger and paragraph kept for linking quotes).
event_mentions = Table(
    "event_mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", ForeignKey("event_reports.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("trigger", String(100), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("paragraph_start", Integer, nullable=False),
    Column("paragraph_end", Integer, nullable=False),
)


# One figure one article gives for one event, with its exact wording (GDELT counts, kept per outlet).
report_figures = Table(
    "report_figures", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", ForeignKey("event_reports.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("kind", String(40), nullable=False),  # drones, missiles, killed, injured, duration_hours, ...
    Column("value_low", Integer),
    Column("value_high", Integer),
    Column("wording", String(200), nullable=False),
    Column("is_estimate", Boolean, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
)


event_participants = Table(
    "event_participants", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", ForeignKey("event_reports.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("name", String(300), index=True, nullable=False),  # meetings and calls are matched by who took part
    Column("speaker_id", ForeignKey("speakers.id", ondelete="SET NULL")),
)


# Curators' merges and splits of events, keyed by report keys so re-extraction keeps them.
event_curation = Table(
    "event_curation", metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(10), nullable=False),  # merge | split
    Column("report_key", String(200), index=True, nullable=False),
    Column("other_key", String(200)),  # merge: joins this report's event
    Column("detail", Text, nullable=False),
    Column("created_at", Timestamp, nullable=False),
)


# Per-place aggregates for places_activity, refreshed by the writer (typed columns for BI tools).
place_summary = Table(
    "place_summary", metadata,
    Column("place_id", ForeignKey("places.id", ondelete="CASCADE"), primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("quotes", Integer, nullable=False),
    Column("first_date", Date),
    Column("last_date", Date),
)


# A quote that speaks about an event: said in a paragraph that mentions it.
quote_events = Table(
    "quote_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("quote_id", ForeignKey("quotes.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("reason", String(40), nullable=False),  # same paragraph | same sentence
    UniqueConstraint("quote_id", "event_id"),
)


# Per-article counts for article_overview, refreshed by the writer.
article_summary = Table(
    "article_summary", metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("quotes", Integer, nullable=False),
    Column("speakers", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("places", Integer, nullable=False),
    Column("removed_ranges", Integer, nullable=False),
    Column("removed_chars", Integer, nullable=False),
    Column("removed_reasons", Text),  # "; "-separated, e.g. "title; teaser"
)


outlet_summary = Table(
    "outlet_summary", metadata,
    Column("outlet_id", ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("quotes", Integer, nullable=False),
    Column("speakers", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("first_published_on", Date),
    Column("last_published_on", Date),
)


# A speaker's current quotes in one outlet: how outlet_summary counts an outlet's speakers,
# by difference (a change recounts only the speakers it touched).
speaker_outlets = Table(
    "speaker_outlets", metadata,
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
    Column("outlet_id", ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("quotes", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
)


# An event's reports in one outlet's current articles: how outlet_summary counts an outlet's
# events, by difference (a change recounts only the events it touched).
event_outlets = Table(
    "event_outlets", metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("outlet_id", ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("reports", Integer, nullable=False),
)


# Two speakers quoted in the same article, or one naming the other, with counts.
speaker_pairs = Table(
    "speaker_pairs", metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_a_id", ForeignKey("speakers.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("speaker_b_id", ForeignKey("speakers.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("articles_together", Integer, nullable=False),  # articles quoting both
    Column("a_names_b", Integer, nullable=False),  # quotes of A whose words name B
    Column("b_names_a", Integer, nullable=False),
    UniqueConstraint("speaker_a_id", "speaker_b_id"),
)


speaker_days = Table(
    "speaker_days", metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), index=True, nullable=False),
    Column("day", Date),  # NULL: articles with no known date
    Column("quotes", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("outlets", Integer, nullable=False),
    UniqueConstraint("speaker_id", "day"),
)



def new_id(result: CursorResult[Any]) -> int:
    """The primary key of the one row an INSERT added."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the INSERT returned no primary key")
    return int(key[0])
