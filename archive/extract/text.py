"""Text structure for the quote engine: paragraphs, quote spans, sentences, tokens.

All positions are offsets into the article's original text. Removed ranges
(boilerplate, titles) are blanked before anything is read, so they can never
pair a quote mark or end a sentence.

Quote marks are paired paragraph by paragraph, so a stray or missing mark
can only affect its own paragraph. A quotation left open at the end of a
paragraph either continues into the next paragraph (when that paragraph's
first mark closes it: one quotation across a line break) or ends there (a
multi-paragraph quotation, when the next paragraph opens a mark again; or an
unclosed one, flagged).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .lexicon import ABBREVIATIONS, DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_OPEN


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    open: int                 # offset of the opening mark
    close: int | None         # offset of the closing mark; None if unclosed
    start: int                # first character inside the marks
    end: int                  # end of the quoted words (exclusive)
    continues: bool = False   # a multi-paragraph quotation goes on in the next paragraph
    single: bool = False      # in single quote marks


class Token(NamedTuple):
    """A word, a punctuation mark, or a whole quotation (a tuple: tokens are made by the million)."""

    text: str
    start: int
    end: int
    kind: str                 # word | punct | quote
    quote: QuoteSpan | None = None
    low: str = ""


def token(text: str, start: int, end: int, kind: str, quote: QuoteSpan | None = None) -> Token:
    return Token(text, start, end, kind, quote, text.lower())


@dataclass
class Sentence:
    start: int
    end: int
    quotes: list[QuoteSpan] = field(default_factory=list)
    paragraph: int = 0
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Paragraph:
    index: int
    start: int
    end: int
    quotes: list[QuoteSpan]
    sentences: list[Sentence]
    ends_with_colon: bool
    heading: bool


def blank(text: str, ranges) -> str:
    """The text with the given ranges replaced by spaces (newlines kept): offsets stay true."""
    if not ranges:
        return text
    chars = list(text)
    for r in ranges:
        for i in range(r.start, r.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


# One mark, or two characters that typewriters and TeX use as one: ''...'', ‘‘...’’, ``...''.
_TWO_CHAR_MARKS = ("''", "‘‘", "’’", "``")
_DOUBLE_MARK = re.compile("''|‘‘|’’|``|[\"“”„«»]")
_SINGLE_MARK = re.compile("['‘’‹›]")


_SENTENCE_END = ".!?:;…\"”’')]"


#: A line longer than this (a transcript or a page with no line breaks) is read as paragraphs of at
#: most this many characters, cut at a sentence end: news paragraphs are far shorter, and the work
#: on a paragraph (pairing marks, splitting and attributing sentences) grows faster than its length.
LONG_PARAGRAPH = 4000
_PARAGRAPH_CUT = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(]?[A-Z0-9])")


def _bounded(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """The line ``text[s:e]``, or pieces of it of at most LONG_PARAGRAPH characters: each ends at the
    last sentence end in its second half, else at the last space, else at the limit."""
    while e - s > LONG_PARAGRAPH:
        limit = s + LONG_PARAGRAPH
        cut = None
        for m in _PARAGRAPH_CUT.finditer(text, s + LONG_PARAGRAPH // 2, limit):
            cut = m.end()
        if cut is None:
            space = text.rfind(" ", s + LONG_PARAGRAPH // 2, limit)
            cut = space + 1 if space > 0 else limit
        a, b = _trim(text, s, cut)
        if b > a:
            yield a, b
        s = cut
    a, b = _trim(text, s, e)
    if b > a:
        yield a, b


def _looks_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Hard-wrapped text: long lines of bounded width, many of them ending mid-sentence."""
    long_lines = [(s, e) for s, e in lines if e - s >= 40]
    if len(long_lines) < 5 or max(e - s for s, e in long_lines) > 110:
        return False
    open_ended = sum(text[e - 1] not in _SENTENCE_END for s, e in long_lines)
    return open_ended / len(long_lines) >= 0.35


def _unwrap(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a line with the next when it does not end a sentence and no blank line comes between."""
    merged: list[tuple[int, int]] = []
    for s, e in lines:
        if merged:
            ps, pe = merged[-1]
            gap = text[pe:s]
            if gap.count("\n") == 1 and text[pe - 1] not in _SENTENCE_END:
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    return merged


def _double_marks(text: str, s: int, e: int) -> list[tuple[int, str]]:
    """Double quote marks in [s, e) as (offset, 'open' | 'close' | 'either')."""
    marks = []
    for m in _DOUBLE_MARK.finditer(text, s, e):
        i = m.start()
        ch = text[i]
        if len(m.group(0)) == 2:
            # a two-character mark stands at its inner character, so that the quotation is what lies between
            before = text[i - 1] if i > s else " "
            after = text[m.end()] if m.end() < e else " "
            opening = m.group(0) in ("``", "‘‘") or (m.group(0) == "''" and (before.isspace() or before in "([{—–-/:")
                                                       and not after.isspace())
            marks.append((m.end() - 1, "open") if opening else (i, "close"))
            continue
        if ch in DOUBLE_OPEN:
            marks.append((i, "open"))
        elif ch in DOUBLE_CLOSE:
            marks.append((i, "close"))
        elif ch == '"':
            before = text[i - 1] if i > s else " "
            after = text[i + 1] if i + 1 < e else " "
            if before.isspace() or before in "([{—–-/:":
                marks.append((i, "open" if not after.isspace() else "either"))
            elif after.isspace() or after in ".,;:!?)]}—–-":
                marks.append((i, "close"))
            else:
                marks.append((i, "either"))
    return marks


def _pair(marks: list[tuple[int, str]], text: str = "") -> tuple[list[tuple[int, int | None]], int | None]:
    """Pair marks; returns ([(open, close)], offset of a mark left open at the end or None)."""
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for pos, role in marks:
        if open_at is None:
            if role in ("open", "either"):
                open_at = pos
            # a lone closing mark is stray: skipped, it shifts nothing
        elif role in ("close", "either") or (text and text[open_at] == "„" and text[pos] == "“"):
            pairs.append((open_at, pos))  # „...“ (German style): this “ closes
            open_at = None
        else:  # a second opening mark: the first was never closed
            pairs.append((open_at, None))
            open_at = pos
    return pairs, open_at


def _single_pairs(text: str, s: int, e: int, inside: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """‘...’ or '...' pairs outside double quotes; apostrophes are not marks."""
    pairs, open_at = [], None
    for m in _SINGLE_MARK.finditer(text, s, e):
        i = m.start()
        ch = text[i]
        if any(a <= i <= b for a, b in inside):
            continue
        before = text[i - 1] if i > s else " "
        after = text[i + 1] if i + 1 < e else " "
        opening = (before.isspace() or before in "([—–-:") and after.isalnum()
        closing = (before.isalnum() or before in ".,!?…") and not after.isalnum()
        if ch in SINGLE_OPEN or (ch == "'" and opening):
            if opening or ch in SINGLE_OPEN:
                open_at = i
        elif closing and open_at is not None:
            if before == "s" and after.isspace() and text[open_at + 1:i].count(" ") > 12:
                continue  # "leaders’ meeting": a plural possessive, not the close
            pairs.append((open_at, i))
            open_at = None
    return pairs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str, start: int, end: int) -> list[Paragraph]:
    """Logical paragraphs of ``text[start:end]`` with their paired quotations.

    A paragraph is a line; in hard-wrapped text, the lines up to one that ends a sentence.
    """
    lines = _lines(text, start, end)
    if _looks_wrapped(text, lines):
        lines = _unwrap(text, lines)
    lines = [piece for line in lines for piece in _bounded(text, *line)]
    merged: list[tuple[int, int, list[tuple[int, int | None]], int | None]] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        marks = _double_marks(text, s, e)
        pairs, left_open = _pair(marks, text)
        # One quotation across a line break: the next line's first mark closes it.
        while left_open is not None and i + 1 < len(lines):
            ns, ne = lines[i + 1]
            nmarks = _double_marks(text, ns, ne)
            if not nmarks or nmarks[0][1] != "close":
                break
            i += 1
            e = ne
            pairs, left_open = _pair(marks + nmarks, text)
            marks = marks + nmarks
        merged.append((s, e, pairs, left_open))
        i += 1

    result = []
    for index, (s, e, pairs, left_open) in enumerate(merged):
        spans: list[QuoteSpan] = []
        for o, c in pairs:
            qs, qe = _trim(text, o + 1, c if c is not None else e)
            if qe > qs:
                spans.append(QuoteSpan(o, c, qs, qe))
        if left_open is not None:
            next_opens = index + 1 < len(merged) and text[merged[index + 1][0]] in DOUBLE_OPEN | {'"'}
            qs, qe = _trim(text, left_open + 1, e)
            if qe > qs:
                spans.append(QuoteSpan(left_open, None, qs, qe, continues=next_opens))
        if not spans:
            for o, c in _single_pairs(text, s, e, []):
                qs, qe = _trim(text, o + 1, c)
                if qe > qs:
                    spans.append(QuoteSpan(o, c, qs, qe, single=True))
        spans.sort(key=lambda q: q.open)
        para_text = text[s:e]
        # A quoted headline ('Diplomacy ruined') has no sentence punctuation inside its marks either.
        last = para_text.rstrip().rstrip("\"”“’'»\ufffd")[-1:]
        heading = last not in ".!?:;…)]," and not spans_cover_end(spans, e) and not _body_with_tail(para_text)
        sentences = split_sentences(text, s, e, spans)
        for sent in sentences:
            sent.paragraph = index
            sent.tokens = tokenize(text, sent)
        result.append(Paragraph(index, s, e, spans, sentences, para_text.rstrip().endswith(":"), heading))
    return result


# Whole words only (a start inside a word, and backtracking into one, would make a long run of
# letters cost the square of its length).
_INNER_SENTENCE_END = re.compile(r"(?<!\w)(?:\w++\W++){4,}?\w++[.!?…][\"”’')\]]*\s+[\"“‘'(]?[A-Z0-9]")


def _body_with_tail(line: str) -> bool:
    """A line with no final punctuation that is still body text: sentences, then a byline, a handle,
    an email address or a stray character ('... she said. By Ana Ruiz @aruiz'). A heading has none."""
    return len(line.split()) > 25 or bool(_INNER_SENTENCE_END.search(line))


def spans_cover_end(spans: list[QuoteSpan], end: int) -> bool:
    return any(q.close is None and q.end >= end - 1 for q in spans)


_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(text: str, s: int, e: int, spans: list[QuoteSpan]) -> list[Sentence]:
    """Sentences of one paragraph; never split inside a quotation or after an abbreviation."""
    inside = [(q.open, q.close if q.close is not None else q.end) for q in spans]
    cuts = [s]
    for m in _SENT_END.finditer(text, s, e):
        dot = m.start()
        if any(a < dot < b and m.end() <= b for a, b in inside):
            continue  # inside a quotation; 'the fight." Next' ends one (the mark closes within the match)
        word = re.search(r"([\w.]+)$", text[max(s, dot - 12):dot])
        if word and text[dot] == ".":
            w = word.group(1).lower()
            opens_quote = m.end() < e and text[m.end()] in "\"“‘"
            if w in ("a.m", "p.m") and opens_quote:
                pass  # "... at about 7:45 p.m. "No troops were injured."": the time ends the sentence
            elif w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):
                continue
        cuts.append(m.end())
    cuts.append(e)
    sentences = []
    for a, b in zip(cuts, cuts[1:]):
        a, b = _trim(text, a, b)
        if b > a:
            sentences.append(Sentence(a, b, [q for q in spans if a <= q.open < b]))
    return sentences


# Zero-width characters (U+200B-U+200D, U+2060, U+FEFF) join the parts of a word they sit in
# ('Zelen\u200bsky' is one word) and are skipped elsewhere: never a token of their own.
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
                    r"|[A-Za-zÀ-ÖØ-öø-ÿĀ-ſƀ-ɏЀ-ӿ0-9]+(?:[’'.\-\u200b-\u200d\u2060\ufeff][A-Za-zÀ-ÖØ-öø-ÿĀ-ſƀ-ɏЀ-ӿ0-9]+)*\.?"
                    r"|[^\sA-Za-z0-9\u200b-\u200d\u2060\ufeff]")


def tokenize(text: str, sent: Sentence) -> list[Token]:
    """Words and punctuation outside quotations; each quotation is one 'quote' token."""
    tokens: list[Token] = []
    pos = sent.start
    for q in sent.quotes:
        # a two-character mark (''...'', ‘‘...’’, ``...'') belongs to the quotation token whole
        lead = q.open - 1 if q.open > pos and text[q.open - 1:q.open + 1] in _TWO_CHAR_MARKS else q.open
        tokens += _words(text, pos, lead)
        close_end = (q.close + 1) if q.close is not None else q.end
        if q.close is not None and text[q.close:q.close + 2] in _TWO_CHAR_MARKS:
            close_end += 1
        tokens.append(token(text[lead:close_end], lead, close_end, "quote", q))
        pos = close_end
    tokens += _words(text, pos, sent.end)
    return tokens


_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_PARTY = re.compile(r"[DRI]-[A-Z][\w.]*\.")  # "D-Wash.", "R-S.D.": a US party and state, period included


_new_tuple = tuple.__new__  # a Token without its Python-level __new__: tokens are made by the million


def _words(text: str, s: int, e: int) -> list[Token]:
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(text, s, e):
        word = m.group()
        start, end = m.span()
        if not word[0].isalnum():
            append(_new_tuple(Token, (word, start, end, "punct", None, word)))
            continue
        low = word.lower()
        if low[-1] == "." and low[:-1] not in ABBREVIATIONS and not _INITIALS.fullmatch(word) \
                and not _PARTY.fullmatch(word):
            # a sentence-final period belongs to punctuation, not the word
            append(_new_tuple(Token, (word[:-1], start, end - 1, "word", None, low[:-1])))
            append(_new_tuple(Token, (".", end - 1, end, "punct", None, ".")))
            continue
        append(_new_tuple(Token, (word, start, end, "word", None, low)))
    return out
