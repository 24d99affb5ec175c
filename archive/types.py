"""Frozen value types passed between the pipeline's stages.

Every span is a pair of Python character offsets into the article's original
text (``text[start:end]``, end exclusive).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Metadata given by a sidecar, a JSON object, an HTML page or the command line."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    language: str | None = None
    date_order: str | None = None   # dmy | mdy: how to read an all-numeric date such as 04/09/2025


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as read from disk, before any cleaning."""

    name: str                 # what the scorer and the views call it: base name or FILE#ID
    path: str                 # absolute path of the file it came from
    text: str                 # decoded text, newlines normalized; offsets point here
    source_format: str        # txt | html | json
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Removed:
    """A range that cleaning recognized as not part of the story."""

    start: int
    end: int
    reason: str               # boilerplate | title | caption


@dataclass(frozen=True, slots=True)
class CleanArticle:
    raw: RawArticle
    content_hash: str
    title: str | None
    title_source: str | None  # meta | first_line | last_line
    outlet: str | None
    outlet_source: str | None
    body_start: int
    body_end: int
    removed: tuple[Removed, ...]
    published_on: str | None  # YYYY-MM-DD
    published_precision: str  # day | month | year | unknown
    published_source: str | None


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """Who said it: the mention as written, and the name it resolves to in the article."""

    mention: str              # as written: "Mr Zelensky", "he", "one Kyiv resident"
    name: str | None          # resolved within the article: "Volodymyr Zelensky"; None if unknown
    kind: str                 # person | organization | group | anonymous
    start: int
    end: int
    role: str | None = None   # "Kremlin spokesman", at the time of the quote


@dataclass(frozen=True, slots=True)
class QuoteFound:
    start: int
    end: int
    text: str
    kind: str                 # direct | partial | indirect
    speaker: SpeakerRef | None
    verb: str | None = None
    channel: str | None = None
    place: str | None = None
    confidence: float = 0.5
    rule: str = ""            # which rule found it, for debugging and curation
    speaker_reason: str | None = None  # why there is no speaker name, when there is none


# ---------------------------------------------------------------- places and events


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: what a place mention resolves to."""

    name: str
    kind: str                  # city | region | district | country | sea | continent
    country_code: str | None
    latitude: float | None
    longitude: float | None
    population: int = 0
    geonameid: int | None = None
    source: str = "geonames"   # geonames | shipped

    @property
    def precision(self) -> str:
        return {"city": "city", "district": "district", "region": "region", "sea": "sea"}.get(self.kind, self.kind)

    @property
    def key(self) -> tuple[str, str, str | None]:
        """A place's identity in the archive: name, kind and country."""
        return (self.name, self.kind, self.country_code)

    def __reduce__(self) -> tuple:
        # pickled as a call with its fields: the gazetteer's cache of 34,000 places loads in 60% of
        # the time a frozen dataclass's field-by-field __setstate__ takes
        return (Place, (self.name, self.kind, self.country_code, self.latitude, self.longitude, self.population,
                        self.geonameid, self.source))


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str
    start: int
    end: int
    place: Place | None        # None: ambiguous, left unresolved
    candidates: int = 1


@dataclass(frozen=True, slots=True)
class FigureFound:
    kind: str                  # killed | injured | drones | missiles | ... (see archive/extract/figures.py)
    low: int | None
    high: int | None
    wording: str
    is_estimate: bool
    start: int
    end: int
    update: bool = False       # "the death toll has risen to 12": replaces an earlier figure of its kind


@dataclass(frozen=True, slots=True)
class EventMention:
    start: int                 # the sentence
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    paragraph_start: int
    paragraph_end: int


@dataclass
class EventFound:
    """One article's report of an event; mutable while extraction and clustering fold reports together."""

    kind: str                  # a kind of archive/data/event_kinds.json: attack | meeting | call | ...
    mentions: list[EventMention] = field(default_factory=list)
    place: Place | None = None
    place_text: str | None = None
    date: date | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    attacker: str | None = None
    target: str | None = None
    participants: list[str] = field(default_factory=list)
    figures: list[FigureFound] = field(default_factory=list)
    # the day its article was published (when known to the day): a report with no date of its own
    # is of something at most matching.RECENT_DAYS before it
    reported_on: datetime.date | None = None

    def take_people_and_figures(self, other: EventFound) -> None:
        """Another report's participants (new names only) and figures (by kind) join this one's."""
        for name in other.participants:
            if name not in self.participants:
                self.participants.append(name)
        for fig in other.figures:
            self.add_figure(fig)

    def figure(self, kind: str) -> FigureFound | None:
        return next((f for f in self.figures if f.kind == kind), None)

    def add_figure(self, fig: FigureFound) -> None:
        known = self.figure(fig.kind)
        if known is None:
            self.figures.append(fig)
        elif fig.update or (known.is_estimate and not fig.is_estimate):
            # a toll that rose: the latest figure stands; a stated number replaces a vague one
            # ("Dozens died", then "the attack had killed twelve")
            self.figures[self.figures.index(known)] = fig


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    article: CleanArticle
    quotes: tuple[QuoteFound, ...]
    extractor_version: str
    events: tuple[EventFound, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    warnings: tuple[str, ...] = ()  # an extractor that failed on this article: its output is missing
    known: bool = False  # its text is stored already: not extracted (the writer extracts it if it must)
