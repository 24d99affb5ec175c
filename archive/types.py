"""Frozen value types passed between the pipeline's stages.

Every span is a pair of Python character offsets into the article's original
text (``text[start:end]``, end exclusive).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Metadata given by a sidecar, a JSON object, an HTML page or the command line."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    language: str | None = None


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


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    article: CleanArticle
    quotes: tuple[QuoteFound, ...]
    extractor_version: str
    events: tuple = ()        # archive.extract.events.EventFound
    places: tuple = ()        # archive.extract.places.PlaceMention
    warnings: tuple[str, ...] = ()  # an extractor that failed on this article: its output is missing
