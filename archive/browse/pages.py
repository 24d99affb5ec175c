"""HTML for the archive's own pages, from rows: pure, escaped, no server needed.

Everything a row carries is escaped; only the markup built here is trusted.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from html import escape
from typing import Any


def link(href: str, label: Any) -> str:
    return f'<a href="{escape(href)}">{escape(str(label))}</a>'


def marked_text(text: str, quotes: Iterable[tuple[int, int, int, str | None]], base: str = "") -> str:
    """The article's text with each quote marked where it stands: ``(quote id, start, end, speaker)``.

    A quote inside one already marked (a fragment of a longer one) is not marked twice. Paragraphs
    are kept as paragraphs.
    """
    out: list[str] = []
    pos = 0
    for qid, start, end, speaker in sorted(quotes, key=lambda q: (q[1], -q[2])):
        if start < pos or start >= end or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        who = escape(speaker or "speaker unknown")
        out.append(f'<mark id="q{qid}" title="{who}" class="quote">{escape(text[start:end])}'
                   f'<sup><a href="{escape(base)}#q{qid}">{who}</a></sup></mark>')
        pos = end
    out.append(escape(text[pos:]))
    body = "".join(out)
    return "".join(f"<p>{para}</p>" for para in body.split("\n") if para.strip())


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], raw: Sequence[str] = ()) -> str:
    """An HTML table; cells of the columns in ``raw`` are trusted markup (links built here)."""
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = "".join(f"<td>{v if c in raw else escape('' if v is None else str(v))}</td>"
                        for c, v in zip(columns, row))
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="rows-and-columns"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


SERIES = (("events", "#c0392b"), ("quotes", "#2c6fbb"))


def timeline_svg(events: Iterable[date], quotes: Iterable[date], width: int = 960, height: int = 260) -> str:
    """Events (by the day they happened) and quotes (by the day their article was published) per day,
    as an SVG bar chart: one pair of bars a day (a week, a month over long spans), an axis of dates,
    a title on every bar."""
    series = {"events": list(events), "quotes": list(quotes)}
    days = sorted(set(series["events"]) | set(series["quotes"]))
    if not days:
        return '<p class="empty">No dated events or quotes yet.</p>'
    first, last = days[0], days[-1]
    span = (last - first).days + 1
    size = 1 if span <= 400 else 7 if span <= 2800 else 30   # a bar a day, a week or a month

    def bucket(d: date) -> date:
        return first + timedelta(days=(d - first).days // size * size)
    counts = {name: Counter(bucket(d) for d in ds) for name, ds in series.items()}
    n_days = (span - 1) // size + 1
    top = max(max(c.values(), default=0) for c in counts.values()) or 1
    left, bottom, plot_h = 40, 40, height - 60
    step = (width - left - 10) / n_days
    bar = min(24.0, max(1.0, step / 2 - 1))
    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="events and quotes per day">']
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#444"/>')
    parts.append(f'<text x="{left - 6}" y="{height - bottom - plot_h + 4}" text-anchor="end" font-size="11">{top}</text>')
    parts.append(f'<text x="{left - 6}" y="{height - bottom + 4}" text-anchor="end" font-size="11">0</text>')
    for i in range(n_days):
        day = first + timedelta(days=i * size)
        x = left + i * step
        for j, (name, colour) in enumerate(SERIES):
            n = counts[name].get(day, 0)
            if n:
                h = plot_h * n / top
                parts.append(f'<rect class="{name}" x="{x + j * bar:.1f}" y="{height - bottom - h:.1f}" '
                             f'width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                             f'<title>{day.isoformat()}{"" if size == 1 else f" (+{size - 1} days)"}: {n} '
                             f'{name if n > 1 else name[:-1]}</title></rect>')
    for i in range(0, n_days, max(1, n_days // 8)):
        day = first + timedelta(days=i * size)
        parts.append(f'<text x="{left + i * step:.1f}" y="{height - bottom + 16}" font-size="11">{day.isoformat()}</text>')
    for j, (name, colour) in enumerate(SERIES):
        parts.append(f'<rect x="{left + 10 + j * 90}" y="4" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{left + 26 + j * 90}" y="14" font-size="12">{name}</text>')
    parts.append("</svg>")
    return "".join(parts)
