"""SQLAlchemy 2.x models: the archive's tables.

Dates are ``DATE`` columns holding ``YYYY-MM-DD`` and timestamps ``DATETIME``
columns holding ``YYYY-MM-DD HH:MM:SS``, so BI tools that infer types from
declared column types (Metabase, Superset) see dates as dates.

Machine output and human curation live apart: ``quotes`` and machine aliases
are replaced on re-extraction; curated aliases (``source = 'curated'``), names
locked by a rename, and ``speaker_curation`` never are.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Boolean,
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
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    domain: Mapped[str | None] = mapped_column(String(200))


class Article(Base):
    __tablename__ = "articles"
    # the old versions (few): counts of the newest versions' facts are all rows less theirs. Partial
    # on PostgreSQL too, as migration 0014 creates it: a postgresql_where here would make SQLAlchemy
    # import every PostgreSQL driver's dialect to check the keyword, 40-50 ms in every process.
    __table_args__ = (Index("ix_articles_superseded", "superseded_by",
                            sqlite_where=sql_text("superseded_by IS NOT NULL")),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source_name: Mapped[str] = mapped_column(String(500), index=True)
    source_path: Mapped[str] = mapped_column(String(2000), index=True)
    source_format: Mapped[str] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(Integer, default=1)
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(Text)
    title_source: Mapped[str | None] = mapped_column(String(20))
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    outlet_source: Mapped[str | None] = mapped_column(String(20))
    url: Mapped[str | None] = mapped_column(String(2000))
    byline: Mapped[str | None] = mapped_column(String(500))
    published_on: Mapped[date | None] = mapped_column(Date, index=True)
    published_precision: Mapped[str] = mapped_column(String(10), default="unknown")
    published_source: Mapped[str | None] = mapped_column(String(20))
    ingested_at: Mapped[datetime] = mapped_column(Timestamp)
    language: Mapped[str | None] = mapped_column(String(20))
    original_text: Mapped[str] = mapped_column(Text)
    body_start: Mapped[int] = mapped_column(Integer)
    body_end: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(40))
    warnings: Mapped[str | None] = mapped_column(Text)

    outlet: Mapped[Outlet | None] = relationship()


class FigureAgreement(Base):
    """The labels of figure_disagreements.agreement: 'compatible' and 'contradiction' (rows from the migration)."""

    __tablename__ = "figure_agreements"

    label: Mapped[str] = mapped_column(String(13), primary_key=True)
    description: Mapped[str] = mapped_column(String(200))


class RemovedRange(Base):
    """What cleaning set aside: boilerplate, title, repeated lines."""

    __tablename__ = "removed_ranges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)


class Speaker(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical_name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # person | organization | group | anonymous
    description: Mapped[str | None] = mapped_column(Text)
    name_locked: Mapped[bool] = mapped_column(Boolean, default=False)  # a curator named it
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("alias_key", "speaker_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)  # normalized for look-up
    source: Mapped[str] = mapped_column(String(10), default="machine")  # machine | curated


class SpeakerCuration(Base):
    """The log of what curators did; replayed decisions survive re-extraction."""

    __tablename__ = "speaker_curation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(20))  # merge | rename | split | alias
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class QuoteCuration(Base):
    """A curator's word on one quote, by the article's text and the quote's span, so that it holds
    through re-extraction: ``delete`` (not a quote) or ``speaker`` (said by ``speaker_id``)."""

    __tablename__ = "quote_curation"
    __table_args__ = (UniqueConstraint("content_hash", "start_char", "end_char"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))  # delete | speaker
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class NotSpeaker(Base):
    """Names a curator said are no speaker ('United', 'statement'): never made a speaker again."""

    __tablename__ = "not_speakers"

    alias_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_article_span", "article_id", "start_char"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    speaker_mention: Mapped[str | None] = mapped_column(String(300))    # as written: "he", "Mr Zelensky"
    speaker_name: Mapped[str | None] = mapped_column(String(300))       # what it resolved to in the article
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    speaker_role: Mapped[str | None] = mapped_column(String(300))
    speaker_reason: Mapped[str | None] = mapped_column(String(200))   # why no speaker was named, if none was
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))  # direct | partial | indirect
    reporting_verb: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str | None] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(200), index=True)  # places_activity counts by place
    confidence: Mapped[float] = mapped_column(Float)
    rule: Mapped[str | None] = mapped_column(String(40))
    extractor_version: Mapped[str] = mapped_column(String(40))


class ViewDefinition(Base):
    """Which version of each sql/*.sql view is installed, to recreate only changed ones."""

    __tablename__ = "view_definitions"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))


class ArchiveState(Base):
    """Flags about the archive as a whole. ``derived_pending``: a change committed batches whose derived
    tables are refreshed only at its end, and it has not ended (killed); the next writer refreshes them."""

    __tablename__ = "archive_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class SpeakerSummary(Base):
    """Per-speaker aggregates, refreshed by the writer after every change.

    A table rather than a GROUP BY in the view so that every column of
    ``speaker_directory`` has a declared type (SQLite gives aggregates none,
    and BI tools infer types from declared ones).
    """

    __tablename__ = "speaker_summary"

    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True)
    quotes: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)
    n_outlets: Mapped[int] = mapped_column(Integer)
    outlets: Mapped[str | None] = mapped_column(Text)          # "; "-separated, alphabetical
    aliases: Mapped[str | None] = mapped_column(Text)
    roles: Mapped[str | None] = mapped_column(Text)
    first_quoted_on: Mapped[date | None] = mapped_column(Date)
    last_quoted_on: Mapped[date | None] = mapped_column(Date)


class Place(Base):
    """A place in the gazetteer's canonical form (Kyiv, never Kiev)."""

    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("name", "kind", "country_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20))                 # city | region | district | country | sea | continent
    country_code: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[str] = mapped_column(String(20))            # how exact the coordinates are
    geonameid: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20))               # geonames | shipped


class PlaceMention(Base):
    __tablename__ = "place_mentions"
    # by place, then article: a place's mentions and articles are counted in the index alone
    __table_args__ = (Index("ix_place_mentions_place_article", "place_id", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))  # NULL: ambiguous
    text: Mapped[str] = mapped_column(String(300))
    unresolved_reason: Mapped[str | None] = mapped_column(String(200))  # why place_id is NULL
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(40))


class Event(Base):
    """One real-world event, reported by one or more articles (event_reports)."""

    __tablename__ = "events"
    # events in a place, newest first (events_timeline by place): one index walk, not a sort;
    # the writer's look-up of the events a new report could join, by kind, first place and first date
    __table_args__ = (Index("ix_events_place_date", "place_id", "event_date"),
                      Index("ix_events_kind_first_place", "kind", "first_place_id", "first_date", "first_reported"),
                      Index("ix_events_kind_first_date", "kind", "first_date", "first_reported"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    event_date: Mapped[date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str] = mapped_column(String(10))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    attacker: Mapped[str | None] = mapped_column(String(100))
    target: Mapped[str | None] = mapped_column(String(100))
    participants: Mapped[str | None] = mapped_column(Text)        # "; "-separated, kept by the writer
    n_articles: Mapped[int] = mapped_column(Integer)
    n_outlets: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)              # how sure the clustering is
    curated: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    # what clustering compares a new report with: the place and the date of the event's first report
    # (of any article version, by report id) to give one, not the most precise ones above
    first_place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    first_date: Mapped[date | None] = mapped_column(Date)
    # the first day of publication its reports' articles give (known to the day): an undated event
    # is of the month before it (matching.dates_fit)
    first_reported: Mapped[date | None] = mapped_column(Date)


class EventReport(Base):
    """What one article says about one event: its place, date and actors as that article gives them."""

    __tablename__ = "event_reports"
    # the writer's look-up of stored events a new report could join: by kind and place, near a date
    __table_args__ = (Index("ix_event_reports_place_kind_date", "place_id", "kind", "event_date"),
                      Index("ix_event_reports_kind_date", "kind", "event_date"),
                      Index("ix_event_reports_event_place", "event_id", "place_id", "event_date"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))  # ix_event_reports_event_place
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    report_key: Mapped[str] = mapped_column(String(200), index=True)  # stable across re-extraction
    kind: Mapped[str] = mapped_column(String(30))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    place_text: Mapped[str | None] = mapped_column(String(300))
    event_date: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(10))
    date_text: Mapped[str | None] = mapped_column(String(100))      # the phrase, kept when unresolved
    date_reason: Mapped[str | None] = mapped_column(String(200))    # why event_date is NULL despite a phrase
    attacker: Mapped[str | None] = mapped_column(String(100))
    target: Mapped[str | None] = mapped_column(String(100))
    participants: Mapped[str | None] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)                 # the first sentence that reports it
    end_char: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(40))


class EventMention(Base):
    """A sentence of an article that speaks of the event (trigger and paragraph kept for linking quotes)."""

    __tablename__ = "event_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("event_reports.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    trigger: Mapped[str] = mapped_column(String(100))
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    paragraph_start: Mapped[int] = mapped_column(Integer)
    paragraph_end: Mapped[int] = mapped_column(Integer)


class EventFigure(Base):
    """One figure one article gives for one event, with its exact wording (GDELT counts, kept per outlet)."""

    __tablename__ = "report_figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("event_reports.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))    # drones, missiles, killed, injured, duration_hours, ...
    value_low: Mapped[int | None] = mapped_column(Integer)
    value_high: Mapped[int | None] = mapped_column(Integer)
    wording: Mapped[str] = mapped_column(String(200))
    is_estimate: Mapped[bool] = mapped_column(Boolean)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)


class EventParticipant(Base):
    __tablename__ = "event_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("event_reports.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)  # meetings and calls are matched by who took part
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))


class EventCuration(Base):
    """Curators' merges and splits of events, keyed by report keys so re-extraction keeps them."""

    __tablename__ = "event_curation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(10))          # merge | split
    report_key: Mapped[str] = mapped_column(String(200), index=True)
    other_key: Mapped[str | None] = mapped_column(String(200))  # merge: joins this report's event
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp)


class PlaceSummary(Base):
    """Per-place aggregates for places_activity, refreshed by the writer (typed columns for BI tools)."""

    __tablename__ = "place_summary"

    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), primary_key=True)
    mentions: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)
    events: Mapped[int] = mapped_column(Integer)
    quotes: Mapped[int] = mapped_column(Integer)
    first_date: Mapped[date | None] = mapped_column(Date)
    last_date: Mapped[date | None] = mapped_column(Date)


class QuoteEvent(Base):
    """A quote that speaks about an event: said in a paragraph that mentions it."""

    __tablename__ = "quote_events"
    __table_args__ = (UniqueConstraint("quote_id", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(40))   # same paragraph | same sentence


class ArticleSummary(Base):
    """Per-article counts for article_overview, refreshed by the writer."""

    __tablename__ = "article_summary"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    quotes: Mapped[int] = mapped_column(Integer)
    speakers: Mapped[int] = mapped_column(Integer)
    events: Mapped[int] = mapped_column(Integer)
    places: Mapped[int] = mapped_column(Integer)
    removed_ranges: Mapped[int] = mapped_column(Integer)
    removed_chars: Mapped[int] = mapped_column(Integer)
    removed_reasons: Mapped[str | None] = mapped_column(Text)   # "; "-separated, e.g. "title; teaser"


class OutletSummary(Base):
    __tablename__ = "outlet_summary"

    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)
    quotes: Mapped[int] = mapped_column(Integer)
    speakers: Mapped[int] = mapped_column(Integer)
    events: Mapped[int] = mapped_column(Integer)
    first_published_on: Mapped[date | None] = mapped_column(Date)
    last_published_on: Mapped[date | None] = mapped_column(Date)


class SpeakerOutlet(Base):
    """A speaker's current quotes in one outlet: how outlet_summary counts an outlet's speakers,
    by difference (a change recounts only the speakers it touched)."""

    __tablename__ = "speaker_outlets"

    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True, index=True)
    quotes: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)


class EventOutlet(Base):
    """An event's reports in one outlet's current articles: how outlet_summary counts an outlet's
    events, by difference (a change recounts only the events it touched)."""

    __tablename__ = "event_outlets"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id", ondelete="CASCADE"), primary_key=True, index=True)
    reports: Mapped[int] = mapped_column(Integer)


class SpeakerPair(Base):
    """Two speakers quoted in the same article, or one naming the other, with counts."""

    __tablename__ = "speaker_pairs"
    __table_args__ = (UniqueConstraint("speaker_a_id", "speaker_b_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_a_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    speaker_b_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    articles_together: Mapped[int] = mapped_column(Integer)   # articles quoting both
    a_names_b: Mapped[int] = mapped_column(Integer)           # quotes of A whose words name B
    b_names_a: Mapped[int] = mapped_column(Integer)


class SpeakerDay(Base):
    __tablename__ = "speaker_days"
    __table_args__ = (UniqueConstraint("speaker_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    day: Mapped[date | None] = mapped_column(Date)            # NULL: articles with no known date
    quotes: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)
    outlets: Mapped[int] = mapped_column(Integer)


def table(model: type[Base]) -> Table:
    """A model's Core table, typed as a Table (``Model.__table__`` is typed as a FromClause)."""
    return cast(Table, model.__table__)


def new_id(result: CursorResult[Any]) -> int:
    """The primary key of the one row an INSERT added."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the INSERT returned no primary key")
    return int(key[0])
