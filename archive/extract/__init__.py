"""Extraction: a pure function of a cleaned article -> typed records with offsets.

No database, no globals that change, no I/O: safe to run in worker processes.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TypeVar

from ..config import EXTRACTOR_VERSION
from ..types import CleanArticle, ExtractedArticle, QuoteFound, SpeakerRef
from .attribution import Context, SentenceReader, unnamed_reason
from .events import extract_events
from .places import find_places
from .quotes import sentence_quotes
from .speakers import ArticleSpeakers
from .text import blank, paragraphs

__all__ = ["OutOfTime", "extract", "extract_quotes", "warm_up"]

T = TypeVar("T")


class OutOfTime(Exception):
    """A file's time budget ran out in the middle of an extractor (raised by the budget's alarm)."""


def warm_up() -> None:
    """Load the gazetteer, the name lists and the actor table once per process, outside any time budget."""
    from .actors import actors_in
    from .speakers import first_name_gender, place_names

    find_places("Kyiv", 0, 4)
    place_names()
    first_name_gender("Ana")
    actors_in("Russia", 0, 6)


def extract(article: CleanArticle, deadline: float | None = None) -> ExtractedArticle:
    """Quotes, events and places of one cleaned article.

    Each extractor is guarded: one that fails on this article costs its own output, with a
    warning on the article, never the article or the other extractors' output.
    """
    text = article.raw.text
    visible = blank(text, article.removed)
    paras = paragraphs(visible, article.body_start, article.body_end)
    speakers = ArticleSpeakers()
    speakers.learn_names([s.tokens for p in paras for s in p.sentences])
    warnings: list[str] = []
    quotes = _guarded("quote", warnings, lambda: _quotes(text, paras, speakers), deadline)
    places = _guarded("place", warnings, lambda: find_places(visible, article.body_start, article.body_end),
                      deadline)
    published = date.fromisoformat(article.published_on) if article.published_on else None
    events = _guarded("event", warnings, lambda: extract_events(visible, paras, places, published, speakers),
                      deadline)
    if article.published_precision == "day":
        for ev in events:
            ev.reported_on = published
    quotes = [_with_reason(_with_place(q, places)) for q in quotes]
    return ExtractedArticle(article, tuple(quotes), EXTRACTOR_VERSION, tuple(events), tuple(places),
                            tuple(warnings))


def _guarded(stage: str, warnings: list[str], run: Callable[[], list[T]], deadline: float | None = None) -> list[T]:
    if deadline is not None and time.monotonic() >= deadline:
        warnings.append(f"{stage} extraction skipped: the file's time budget ran out; {stage}s of this article are missing")
        return []
    try:
        return run()
    except OutOfTime:
        _disarm()
        warnings.append(f"{stage} extraction stopped: the file's time budget ran out; {stage}s of this article are missing")
        return []
    except MemoryError:
        raise
    except Exception as exc:  # a rule's bug on one article must not lose the article
        warnings.append(f"{stage} extraction failed ({type(exc).__name__}: {exc}); {stage}s of this article are missing")
        return []


def _disarm() -> None:
    """The budget's alarm has done its work: stop it ringing (the pipeline arms it, repeating)."""
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)


def _with_reason(q: QuoteFound) -> QuoteFound:
    """A quotation kept without a speaker name says why, so a curator knows what to look for."""
    if q.speaker is not None and q.speaker.name:
        return q
    return replace(q, speaker_reason=unnamed_reason(q.speaker))


def _with_place(q: QuoteFound, places) -> QuoteFound:
    """A quote said 'in Kyiv' / 'from Kyiv' gets that place (resolved to its canonical name)."""
    if q.place is None:
        return q
    hit = next((p for p in places if p.place is not None and p.text.lower() == q.place.lower()), None)
    return replace(q, place=hit.place.name) if hit else q


def extract_quotes(text: str, removed=(), start: int = 0, end: int | None = None) -> list[QuoteFound]:
    """Every statement in ``text[start:end]``, skipping ``removed`` ranges, in text order."""
    end = len(text) if end is None else end
    visible = blank(text, removed)
    paras = paragraphs(visible, start, end)
    speakers = ArticleSpeakers()
    speakers.learn_names([s.tokens for p in paras for s in p.sentences])
    return _quotes(text, paras, speakers)


def _quotes(text: str, paras, speakers: ArticleSpeakers) -> list[QuoteFound]:
    ctx = Context(text, speakers)
    found: list[QuoteFound] = []
    for para in paras:
        if para.heading and not ctx.pending:
            continue  # titles, subheadings, captions: no sentence-final punctuation
        para_found: list[QuoteFound] = []
        last_atts = []
        for sent in para.sentences:
            results, atts = sentence_quotes(sent, ctx, para)
            last_atts = atts
            for q in results:
                if q.speaker is not None and q.speaker.name:
                    speakers.attributed(q.speaker.kind, q.speaker.name, None, q.speaker.start)
                if q.speaker is not None:  # a quotation after this one continues it, named or not
                    ctx.last_direct = (para.index, q.speaker)
            if not results:
                _note_subject(sent, ctx, atts)
            para_found += results
        _settle_pending(ctx, para, para_found, found)
        found += para_found
        ctx.prev_para = (para.start, para.end)
        ctx.colon_intro = None
        if para.ends_with_colon:
            with_speaker = [a for a in last_atts if a.speaker is not None and a.speaker.name]
            if with_speaker:
                ctx.colon_intro = (para.index, with_speaker[-1])
    if ctx.pending:
        found += _flush(ctx, None)
    return _dedupe(found)


def _note_subject(sent, ctx: Context, atts) -> None:
    """'Local MP Sarah Dyke called for a review.': a later 'she' may mean her."""
    if not sent.tokens or sent.tokens[0].kind != "word":
        return
    named = [a.speaker for a in atts if a.speaker is not None and a.speaker.kind == "person"]
    ref = named[0] if named else SentenceReader(sent, ctx).sentence_subject(len(sent.tokens))
    if ref is None or ref.kind != "person" or not ref.name or ref.mention.lower() in ("he", "she", "i", "we", "they"):
        return
    known = ref.name in ctx.speakers.known_names
    if len(ref.name.split()) >= 2 or known:  # a full name, or one the article has given: not "Water reached ..."
        ctx.speakers.subject(ref.start, ref.name, ref.end, ref.mention)


def _settle_pending(ctx: Context, para, para_found: list[QuoteFound], found: list[QuoteFound]) -> None:
    """A multi-paragraph quotation takes the speaker of its attributed last paragraph."""
    if not ctx.pending:
        return
    first = para.quotes[0] if para.quotes else None
    pending_here = any(p.start == (first.start if first else -1) for p in ctx.pending)
    owner = next((q.speaker for q in para_found if first and q.start <= first.start < q.end and q.speaker), None)
    if owner is not None:
        found += _flush(ctx, owner)
    elif not pending_here:
        found += _flush(ctx, _unattributed_owner(ctx))


def _unattributed_owner(ctx: Context) -> SpeakerRef | None:
    """Who a quotation with no attribution of its own belongs to: the person written about since the
    last attribution ('Senator X issued a statement. "Like many Texans, ...'), else the last speaker."""
    start = ctx.pending[0].start if ctx.pending else -1
    subjects = ctx.speakers.subjects
    last = ctx.speakers.history_pos[-1] if ctx.speakers.history_pos else -1
    if subjects and last < subjects[-1][0] < start:
        return ctx.speakers.subject_ref()
    return ctx.last_direct[1] if ctx.last_direct else None


def _flush(ctx: Context, speaker: SpeakerRef | None) -> list[QuoteFound]:
    out = [replace(q, speaker=speaker, confidence=0.7 if speaker else 0.4) for q in ctx.pending]
    ctx.pending = []
    return out


def _dedupe(found: list[QuoteFound]) -> list[QuoteFound]:
    """One statement per span: drop exact repeats and spans inside another statement."""
    found = sorted(found, key=lambda q: (q.start, -(q.end - q.start), -q.confidence))
    kept: list[QuoteFound] = []
    reach = -1  # every kept span starts at or before q.start: q is inside one iff it ends by the furthest end
    for q in found:
        if q.end <= reach:
            continue
        kept.append(q)
        reach = max(reach, q.end)
    return kept
