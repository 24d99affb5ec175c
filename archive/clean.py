"""Cleaning: what in an article is not the story, as character ranges.

The original text is never rewritten. Cleaning finds boilerplate lines
(navigation, share and subscribe prompts, video teasers, source and contact
footers), repeated lines, the title (a heading-like first line, or a
title-case line at the very end as some scrapers leave it) and the outlet
where the text names it. Extraction then skips the removed ranges, and every
offset stays true to the original.

Identity: ``content_hash`` is the SHA-256 of the text after Unicode NFC,
trailing white space removed from each line and blank lines trimmed from both
ends. Re-saving a file with other line endings or trailing spaces does not
make it a new article; any change to its words does.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from datetime import datetime

from .config import EARLIEST_YEAR, LATEST_YEAR
from .types import CleanArticle, RawArticle, Removed

# Whole lines that are never part of the story. Each rule: (pattern, what it is).
BOILERPLATE_LINES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), why) for p, why in (
        (r"skip to (?:main )?content|jump to (?:main )?content|skip navigation", "navigation"),
        (r"(?:share|shares|share this(?: article| story| page)?|share on \w+|print|email|comments?"
         r"|advertisement|advert|sponsored|most read|top stories|related(?: articles| stories| topics)?"
         r"|more on this story|image source,.*|image caption,.*|getty images|reuters|ap photo.*)\s*:?", "navigation"),
        (r"(?:watch|listen|video|read more|read also|see also|also read|related|more)\s*:\s*.{3,160}", "teaser"),
        (r"(?:follow us|subscribe|sign up|join us|download our app|get our newsletter|like us)\b.{0,200}", "promo"),
        (r"for .{2,80}? updates,? click .{0,200}", "promo"),
        (r"source\s*:\s*\S.{0,80}", "source footer"),
        (r"by\s+(?-i:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})"
         r"(?:\s*(?:,|and|&)\s*(?-i:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}))*(?:\s*[|–—-]\s*.{0,40})?", "byline"),
        (r"(?:published|updated|posted|first published)\s*(?:on|:)?\s*.{0,30}\d.{0,30}", "dateline"),
        (r"(?:[\w\s.]+\s)?(?:writer|correspondent|reporter)s?\s.{0,80}contributed to this report\.?", "contributor line"),
        (r"(?:reporting|additional reporting|writing|editing) by .{2,120}", "credit line"),
        (r"do you have a (?:story|tip|news tip)\b.{0,200}", "contact footer"),
        (r"(?:©|\(c\)|copyright)\s.{0,160}", "copyright footer"),
        (r"(?:all rights reserved|terms of (?:use|service)|privacy policy|cookie policy)\b.{0,120}", "legal footer"),
    )
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CONTACT = re.compile(r"\b(?:write to|send it to|email us|contact us|e-mail us|reach us)\b", re.IGNORECASE)
_TERMINAL = ".!?:;…\"”’')]"
_WORD = re.compile(r"[\w’'-]+")

# Outlet named in the text: (pattern, group holding it).
OUTLET_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^For (?P<o>[A-Z][\w&.'’ -]{2,60}?) Updates\b", re.MULTILINE),
    re.compile(r"^Source:\s*(?P<o>[\w.-]+\.[a-z]{2,})\s*$", re.MULTILINE | re.IGNORECASE),
    re.compile(r"(?:©|Copyright)\s*(?:\d{4}\s*)?(?P<o>[A-Z][\w&.'’ -]{2,60}?)\s*(?:\.|,|All rights|$)", re.MULTILINE),
)
# Words that end a newspaper's name, to split a domain such as "wesleyannews".
OUTLET_TAIL_WORDS = ("news", "times", "post", "herald", "tribune", "daily", "journal", "gazette",
                     "express", "mail", "telegraph", "today", "media", "online", "press", "report",
                     "review", "observer", "guardian", "star", "chronicle", "insider", "wire", "sun")


def content_hash(text: str) -> str:
    """SHA-256 of the normalized text (see the module docstring)."""
    norm = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in norm.split("\n")]
    return hashlib.sha256("\n".join(lines).strip("\n").encode("utf-8")).hexdigest()


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def boilerplate_reason(line: str) -> str | None:
    """Why a whole line is boilerplate, or None if it may be story text."""
    stripped = line.strip()
    words = _WORD.findall(stripped)
    if not stripped or len(words) > 60:
        return None
    for pattern, why in BOILERPLATE_LINES:
        if pattern.fullmatch(stripped):
            return why
    if _EMAIL.search(stripped) and (_CONTACT.search(stripped) or len(words) < 25):
        return "contact footer"
    return None


def is_heading_like(line: str) -> bool:
    """A line with no sentence-final punctuation: a title, subheading or caption."""
    stripped = line.strip()
    return bool(stripped) and stripped[-1] not in _TERMINAL


def _title_case_share(line: str) -> float:
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def clean(raw: RawArticle) -> CleanArticle:
    """Find boilerplate, title, outlet and body range of one article."""
    text = raw.text
    kept, removed = _boilerplate(text)
    title, title_source = _title(text, raw.meta.title, kept, removed)
    outlet, outlet_source = _outlet(raw)
    body_start = kept[0][0] if kept else 0
    body_end = kept[-1][1] if kept else 0
    published_on, precision = parse_published(raw.meta.published, raw.meta.date_order)
    published_source = "meta" if published_on else None
    if precision == "ambiguous":
        raw = replace(raw, warnings=raw.warnings + (
            f"publication date {raw.meta.published!r} is ambiguous (day/month or month/day): not used; "
            "give it as YYYY-MM-DD, or import with --date-order dmy|mdy",))
        precision = "unknown"
    if published_on is None:
        from .dates import published_from_text

        found, found_precision = published_from_text(text)
        if found is not None:
            published_on, precision, published_source = found.isoformat(), found_precision, "text"
    return CleanArticle(
        raw=raw, content_hash=content_hash(text), title=title, title_source=title_source,
        outlet=outlet, outlet_source=outlet_source, body_start=body_start, body_end=body_end,
        removed=tuple(sorted(removed, key=lambda r: r.start)),
        published_on=published_on, published_precision=precision,
        published_source=published_source,
    )


def _boilerplate(text: str) -> tuple[list[tuple[int, int]], list[Removed]]:
    """The lines kept, and the lines removed with the reason (boilerplate, a line repeated)."""
    removed: list[Removed] = []
    kept: list[tuple[int, int]] = []
    previous = None
    for s, e in _lines(text):
        line = text[s:e].strip()
        if not line:
            continue
        reason = boilerplate_reason(line)
        if reason is None and line == previous:
            reason = "repeated line"
        previous = line
        if reason:
            removed.append(Removed(s, e, reason))
        else:
            kept.append((s, e))
    return kept, removed


def _title(text: str, title: str | None, kept: list[tuple[int, int]],
           removed: list[Removed]) -> tuple[str | None, str | None]:
    """The title and where it came from; takes section labels and a title line out of ``kept``."""
    title_source = "meta" if title else None
    # Section labels ("News", "World") above a heading-like first line.
    while len(kept) > 1 and len(_WORD.findall(text[slice(*kept[0])])) <= 2 and is_heading_like(text[slice(*kept[0])]) \
            and is_heading_like(text[slice(*kept[1])]):
        removed.append(Removed(*kept.pop(0), "section label"))
    if kept:
        first = text[slice(*kept[0])].strip()
        n_words = len(_WORD.findall(first))
        if (title and first == title.strip()) or (is_heading_like(first) and 3 <= n_words <= 25 and len(kept) > 1):
            removed.append(Removed(*kept.pop(0), "title"))
            if not title:
                title, title_source = first, "first_line"
    if kept and not title:
        last = text[slice(*kept[-1])].strip()
        if is_heading_like(last) and 4 <= len(_WORD.findall(last)) <= 25 and _title_case_share(last) >= 0.75:
            removed.append(Removed(*kept.pop(), "title"))
            title, title_source = last, "last_line"
    return title, title_source


def _outlet(raw: RawArticle) -> tuple[str | None, str | None]:
    """The outlet and where it came from: the metadata, a dateline or credit in the text, the URL's host."""
    if raw.meta.outlet:
        return raw.meta.outlet, "meta"
    outlet = outlet_from_text(raw.text)
    if outlet:
        return outlet, "text"
    if raw.meta.url:
        outlet = outlet_from_domain(raw.meta.url)
        if outlet:
            return outlet, "url"
    return outlet, None


def outlet_from_text(text: str) -> str | None:
    for pattern in OUTLET_PATTERNS:
        m = pattern.search(text)
        if m:
            name = m.group("o").strip(" .,-")
            return outlet_from_domain(name) if "." in name and " " not in name else name
    return None


def outlet_from_domain(value: str) -> str | None:
    """'https://www.wesleyannews.com/x' -> 'Wesleyan News'; 'bbc.co.uk' -> 'Bbc'."""
    host = re.sub(r"^[a-z]+://", "", value.strip().lower()).split("/")[0]
    host = host.removeprefix("www.")
    stem = host.split(".")[0]
    if not stem.isascii() or not stem.replace("-", "").isalnum():
        return None
    parts = stem.split("-")
    if len(parts) == 1:
        for tail in OUTLET_TAIL_WORDS:
            if stem.endswith(tail) and len(stem) > len(tail) + 2:
                parts = [stem[: -len(tail)], tail]
                break
    return " ".join(p.capitalize() for p in parts if p)


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{1,2}$")


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T].*)?$")


def parse_published(value: str | None, date_order: str | None = None) -> tuple[str | None, str]:
    """A metadata date -> ('YYYY-MM-DD', precision). Unparseable: (None, 'unknown').

    A bare year or year-month keeps its first day with a coarser precision. An all-numeric date
    whose first two numbers could each be the month (``04/09/2025``: 4 September or April 9) is
    read only with ``date_order`` ('dmy' or 'mdy'); without it: (None, 'ambiguous'), never a guess.
    """
    if not value or not value.strip():
        return None, "unknown"
    value = value.strip()
    numeric = _NUMERIC_DATE.match(value)
    if numeric and date_order not in ("dmy", "mdy"):
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first <= 12 and second <= 12 and first != second:
            return None, "ambiguous"
    if _YEAR.match(value):
        return f"{value}-01-01", "year"
    if _YEAR_MONTH.match(value):
        y, m = value.split("-")
        return f"{int(y):04d}-{int(m):02d}-01", "month"
    from dateutil import parser as dateparser

    try:
        parsed = dateparser.parse(value, default=datetime(1, 1, 1), dayfirst=bool(numeric) and date_order == "dmy")
    except (ValueError, OverflowError):
        return None, "unknown"
    if parsed.year == 1 or not (EARLIEST_YEAR <= parsed.year <= LATEST_YEAR):
        return None, "unknown"
    return parsed.date().isoformat(), "day"
