"""The quote engine: attributions in a sentence, and the statements they own.

For each sentence the engine finds attributions (a speaker with a reporting
verb or ``according to``), then decides for every quotation which
attribution owns it, and for every clause-taking attribution that owns no
quotation, which words are the reported content:

* a quotation after its attribution in the same clause
  (``X said: "..."``, ``X called the attack "..."``, ``..., saying on X: "..."``);
* a quotation right before a tail attribution (``"...," X said`` /
  ``"...," said X, ROLE``);
* reported speech after the verb (``X said (that) ...``), before a tail
  (``..., X said.``), around a parenthetical (``The schools, X said, will ...``)
  and with ``according to X`` on either side;
* quotations with no attribution of their own continue the previous speaker
  when they stand alone (follow-on sentences and paragraphs, multi-paragraph
  quotations), or take the speaker of a line ending in a colon.

Short quoted words with no attribution (``a "substantive" meeting``) are
labels and scare quotes, never statements.
"""
from __future__ import annotations

import re

from ..types import QuoteFound, SpeakerRef
from .attribution import Attribution, Context, SentenceReader, channel_in
from .lexicon import (
    _NOT_VERBS_S,
    BAD_CONTENT_STARTS,
    CLAUSE_STOPS,
    DETERMINERS,
    FINITE_VERBS,
    FUNCTION_WORDS,
    NOUN_OBJECT_VERBS,
    QUOTE_VERBS,
    THAT_VERBS,
)
from .phrases import np_right, qspan
from .speakers import is_cap, is_place
from .text import Paragraph, Sentence, Token

_ADJUNCT_STARTS = frozenset("on in at during via to through over from".split())
_COUNT_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve dozen dozens hundreds "
                         "thousands several many few".split())
_AMOUNT_STARTS = frozenset({("at", "least"), ("at", "most"), ("more", "than"), ("less", "than"), ("no", "one"),
                            ("nothing", "had"), ("no", "fewer"), ("so", "far")})
_NAME_LEADS = frozenset("called on in at from of via".split())
_PLACE_LEAD = re.compile(r"^(?:Reporting|Speaking|Writing|Addressing reporters) (?:from|in|at) (?P<p>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)")
_TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for by with from".split())


# ---------------------------------------------------------------- statements

def _is_label(s: SentenceReader, qi: int) -> bool:
    """A quoted name or scare quote: 'the "coalition of the willing"', 'a "substantive" meeting'."""
    tok = s.tokens[qi]
    q = qspan(tok)
    words = s.text[q.start:q.end].split()
    prev = s.tokens[qi - 1].low if qi > 0 else ""
    nxt = s.tokens[qi + 1] if qi + 1 < len(s.tokens) else None
    if prev in ("so-called", "dubbed", "titled", "entitled", "named", "known"):
        return True
    capitals = [w for w in words if w[:1].isalpha() and w.lower() not in _TITLE_SMALL_WORDS]
    if prev in _NAME_LEADS and len(words) <= 6 and capitals and all(w[:1].isupper() for w in capitals):
        return True  # 'a program called "Learning Together"', 'says on "The IE6 Countdown"': a title
    # 'a "substantive" meeting': quoted words used as a modifier of the noun after them
    modifier = nxt is not None and nxt.kind == "word" and nxt.low not in FUNCTION_WORDS and nxt.low not in CLAUSE_STOPS \
        and nxt.low not in QUOTE_VERBS
    return len(words) <= 4 and prev in DETERMINERS and modifier


def _quote_only(s: SentenceReader) -> bool:
    """A sentence that is only a quotation, and reads as a sentence (not a quoted headline)."""
    toks = [t for t in s.tokens if not (t.kind == "punct" and t.text in ".!?…,;")]
    if len(toks) != 1 or toks[0].kind != "quote":
        return False
    q = qspan(toks[0])
    inner = s.text[q.start:q.end]
    return len(inner.split()) >= 4 or inner.rstrip()[-1:] in ".!?…"


def _kind(s: SentenceReader, qi: int) -> str:
    q = qspan(s.tokens[qi])
    first = s.text[q.start:q.start + 1]
    prev = s.tokens[qi - 1].text if qi > 0 else ""
    if first.isupper() and (qi == 0 or prev in (":", ",")):
        return "direct"
    return "partial"


def _content_end(s: SentenceReader, start: int, stop: int) -> int:
    """Token index where reported content starting at ``start`` ends (exclusive), before ``stop``."""
    toks = s.tokens
    end = stop
    while end > start and toks[end - 1].kind == "punct" and toks[end - 1].text in ".,;:!?…-—–":
        end -= 1
    while end > start and toks[end - 1].kind == "word" and toks[end - 1].low in (
            "and", "but", "while", "whereas", "although", "though", "because", "as", "since", "so", "yet", "if",
            "after", "before", "when", "even"):
        end -= 1
        while end > start and toks[end - 1].kind == "punct":
            end -= 1
    return end


def _valid_content(s: SentenceReader, a: int, b: int, had_that: bool, lemma: str = "say") -> bool:
    """Reported content is a clause of three words or more, not an object ('said a prayer')."""
    words = [t for t in s.tokens[a:b] if t.kind in ("word", "quote")]
    quoted = any(s.tokens[k].kind == "quote" and not _is_label(s, k) for k in range(a, b))
    if len(words) < (2 if had_that else 3) and not quoted and not (len(words) == 2 and words[1].low in FINITE_VERBS):
        return False  # "warned that shortages remain", "said profits rose" are clauses; "said goodbye" is not
    first = s.tokens[a]
    if had_that or quoted:
        return True
    second = s.tokens[a + 1].low if a + 1 < b else ""
    if first.low in BAD_CONTENT_STARTS and not ((first.low, second) in _AMOUNT_STARTS or (
            first.low in ("over", "about", "under", "around", "nearly", "almost") and second[:1].isdigit())
            or (first.low in ("more", "much", "less") and second in FINITE_VERBS)):  # "said more were missing"
        return False  # "said to ...", "said of ..."; not "over 220 members ...", "at least 400 ..."
    if lemma in THAT_VERBS:
        # "found that ...", "found rain had fallen": a finite verb; not "found the car abandoned"
        return any(t.low in FINITE_VERBS or (k >= 3 and t.low.endswith("ed")) for k, t in enumerate(words))
    return lemma in NOUN_OBJECT_VERBS or _looks_like_clause(words)


def _looks_like_clause(words: list[Token]) -> bool:
    if words and words[0].low.replace("’", "'").split("'")[0] in ("he", "she", "they", "it", "we", "i", "you", "there"):
        return True  # "said she woke at 3am", "said they'd run out": a subject pronoun opens a clause
    for k, t in enumerate(words[:24]):
        lw = t.low
        prev = words[k - 1].low if k > 0 else ""
        if lw in FINITE_VERBS or (lw.endswith("ed") and len(lw) > 3 and prev not in DETERMINERS):
            return True
        if k > 0 and lw.endswith("s") and not lw.endswith("ss") and lw not in _NOT_VERBS_S and not is_cap(t.text) \
                and words[k - 1].kind == "word" and words[k - 1].low not in DETERMINERS \
                and not words[k - 1].low[:1].isdigit() and words[k - 1].low not in _COUNT_WORDS:
            return True  # "the plan works"; not "14 counts", "three sports cars"
        if 1 < k < 5 and prev.endswith("s") and not prev.endswith("ss") and words[k - 2].low in DETERMINERS \
                and t.kind == "word" and lw.isalpha() and not is_cap(t.text) and lw not in FUNCTION_WORDS \
                and lw not in CLAUSE_STOPS and not lw.endswith(("s", "ly")):
            return True  # "the stores fill ...": a plural subject and a verb in the base form
    return False


def sentence_quotes(sent: Sentence, ctx: Context, paragraph: Paragraph) -> tuple[list[QuoteFound], list[Attribution]]:
    """All statements of one sentence, and the attributions found in it."""
    s = SentenceReader(sent, ctx)
    atts = s.find()
    place_m = _PLACE_LEAD.match(ctx.text, sent.start, sent.end)
    place = place_m.group("p") if place_m and is_place(place_m.group("p").lower().split()) else None
    owner = _owners(s, atts)
    results = _attributed(s, ctx, atts, owner, place)
    results += _unowned(s, ctx, paragraph, atts, owner, place)
    return results, atts


def _owners(s: SentenceReader, atts: list[Attribution]) -> dict[int, Attribution]:
    """Quotation token index -> the attribution it belongs to: the one after it when the quotation opens
    the sentence or follows a colon or comma, else the nearest one before it."""
    toks = s.tokens
    owner: dict[int, Attribution] = {}
    for qi, tok in enumerate(toks):
        if tok.kind != "quote":
            continue
        before = [a for a in atts if a.verb_idx < qi and a.np_start < qi and a.speaker is not None
                  and not (a.inverted and a.np_end > qi) and (a.scope_end is None or qi < a.scope_end)]
        after = [a for a in atts if min(a.np_start, a.verb_idx) > qi and a.speaker is not None
                 and all(t.kind == "punct" for t in toks[qi + 1:min(a.np_start, a.verb_idx)])]
        chosen = None
        if after and (qi == 0 or not before or toks[qi - 1].text in (":", ",")):
            chosen = after[0]  # '...: "We will appeal," he said': the attribution that follows the quotation
        elif before:
            chosen = before[-1]
        if chosen is not None and not _is_label(s, qi):
            owner[qi] = chosen
    return owner


def _attributed(s: SentenceReader, ctx: Context, atts: list[Attribution], owner: dict[int, Attribution],
                place: str | None) -> list[QuoteFound]:
    """The statements of each attribution: its quotations, or the reported clause."""
    results: list[QuoteFound] = []
    claimed_by: dict[int, list[int]] = {}
    for qi, att in owner.items():
        claimed_by.setdefault(id(att), []).append(qi)
    for att in atts:
        if att.speaker is None:
            continue
        mine = claimed_by.get(id(att), [])
        conf_base = 0.85 if att.speaker.name else 0.5
        if mine:
            others = [qi for qi in owner if owner[qi] is not att]
            results += _quotations_of(s, ctx, att, atts, mine, others, conf_base, place)
            continue
        if not att.speech or att.colon or att.reports_inner:
            continue
        span = _indirect_span(s, att, atts)
        if span is None:
            continue
        a, b = span
        if any(a <= qi < b for qi in owner):
            continue  # the content holds a quotation someone else said
        c_start, c_end = s.span(a, b)
        results.append(_found(ctx, c_start, c_end, "indirect", att, conf_base - 0.1, place, "indirect"))
    return results


def _quotations_of(s: SentenceReader, ctx: Context, att: Attribution, atts: list[Attribution], mine: list[int],
                   others: list[int], conf_base: float, place: str | None) -> list[QuoteFound]:
    """An attribution's quotations; reported content with its own quoted words is one statement,
    the clause or the quotation."""
    toks = s.tokens
    span = _indirect_span(s, att, atts) if att.speech and not att.colon else None
    if span and all(span[0] <= qi < span[1] for qi in mine) and not any(span[0] <= qi < span[1] for qi in others):
        c_start, c_end = s.span(*span)
        quoted = sum(qspan(toks[qi]).end - qspan(toks[qi]).start for qi in mine)
        if len(mine) == 1 and quoted >= 0.6 * (c_end - c_start):
            q = qspan(toks[mine[0]])
            return [_found(ctx, q.start, q.end, _kind(s, mine[0]), att, conf_base, place, "quote-in-clause")]
        if len(mine) > 1 and quoted >= 0.5 * (c_end - c_start) and all(
                len(s.text[qspan(toks[qi]).start:qspan(toks[qi]).end].split()) >= 3 for qi in mine):
            # 'they will "use every lever" and "nothing is off the table"': the quoted parts
            return [_found(ctx, qspan(toks[qi]).start, qspan(toks[qi]).end, "partial", att, conf_base, place,
                           "quotes-in-clause") for qi in mine]
        return [_found(ctx, c_start, c_end, "indirect", att, conf_base - 0.05, place, "indirect+quote")]
    results = []
    for qi in mine:
        q = qspan(toks[qi])
        kind = _kind(s, qi)
        conf = conf_base + (0.05 if kind == "direct" else 0) - (0.2 if q.close is None else 0)
        results.append(_found(ctx, q.start, q.end, kind, att, conf, place, "quote"))
    return results


def _unowned(s: SentenceReader, ctx: Context, paragraph: Paragraph, atts: list[Attribution],
             owner: dict[int, Attribution], place: str | None) -> list[QuoteFound]:
    """Quotations nobody in the sentence owns: a paragraph that continues a quotation, a line after a
    colon, the person just written about, the speaker quoted just before, a colon or speech-act subject."""
    sent, toks = s.sent, s.tokens
    results: list[QuoteFound] = []
    quote_only = _quote_only(s)  # once per sentence: a sentence of 10,000 quotations stays linear
    for qi, tok in enumerate(toks):
        if tok.kind != "quote" or qi in owner:
            continue
        q = qspan(tok)
        speaker, rule = None, ""
        if q.continues or (ctx.pending and q.start == paragraph.quotes[0].start and qi == 0):
            speaker, rule = None, "multi-paragraph"
        elif ctx.colon_intro and ctx.colon_intro[0] == paragraph.index - 1 and sent is paragraph.sentences[0] and qi == 0:
            att = ctx.colon_intro[1]
            results.append(_found(ctx, q.start, q.end, "direct", att, 0.8, place, "colon-line"))
            continue
        elif quote_only and _subject_here(ctx, sent, paragraph):
            # 'X criticized the decision.' then '"It is absurd."' in one paragraph: the person just written
            # about, even when someone else was quoted in the paragraph before
            speaker, rule = ctx.speakers.subject_ref(), "follow-subject"
        elif quote_only and ctx.last_direct and ctx.last_direct[0] >= paragraph.index - 1:
            speaker, rule = ctx.last_direct[1], "follow-on"
        elif quote_only and ctx.speakers.subjects and sent is paragraph.sentences[0] and ctx.prev_para is not None \
                and ctx.speakers.subjects[-1][0] >= ctx.prev_para[0]:
            # 'President Marchenko has rejected the plan.' then, as a paragraph, '"It is absurd."'
            speaker, rule = ctx.speakers.subject_ref(), "follow-subject"
        elif (colon := _colon_subject(s, qi)) is not None:
            results.append(QuoteFound(q.start, q.end, ctx.text[q.start:q.end], "direct", colon, None, None, place, 0.6, "colon"))
            continue
        elif not atts and not _is_label(s, qi) and (act := _speech_act_subject(s, qi)) is not None:
            # 'Guterres made a plea to Putin to stop the war "in the name of humanity"': the subject's words
            results.append(QuoteFound(q.start, q.end, ctx.text[q.start:q.end], "partial", act, None, None, place,
                                      0.5, "speech-act"))
            continue
        if speaker is not None:
            conf = 0.5 if rule == "follow-subject" else 0.7
            results.append(QuoteFound(q.start, q.end, ctx.text[q.start:q.end], "direct", speaker, None, None, place, conf,
                                      rule))
        elif rule == "multi-paragraph":
            ctx.pending.append(QuoteFound(q.start, q.end, ctx.text[q.start:q.end], "direct", None, None, None, place, 0.6, rule))
    return results


def _speech_act_subject(s: SentenceReader, qi: int) -> SpeakerRef | None:
    """The named subject of a sentence that reports a speech act by a noun ('made a plea',
    'issued a warning', 'in a speech') before a quoted fragment."""
    toks = s.tokens
    if s.first_speech_act_noun >= qi or (qi > 0 and toks[qi - 1].low in DETERMINERS):
        return None  # (not 'the "coalition of the willing"': a name)
    ref = s.sentence_subject(qi)
    return ref if ref is not None and ref.name and ref.kind in ("person", "organization") else None


def _subject_here(ctx: Context, sent: Sentence, paragraph: Paragraph) -> bool:
    """A person was written about earlier in this paragraph, after the last attribution."""
    subjects = ctx.speakers.subjects
    return bool(subjects) and sent is not paragraph.sentences[0] and subjects[-1][0] >= paragraph.start \
        and subjects[-1][0] > max(ctx.speakers.history_pos, default=-1)


def _colon_subject(s: SentenceReader, qi: int) -> SpeakerRef | None:
    """'Petrenko was blunt: "..."': a person subject, a colon, then the quotation."""
    toks = s.tokens
    if qi < 2 or toks[qi - 1].text != ":" or any(t.kind == "quote" for t in toks[:qi]):
        return None
    end = np_right(toks, 0)
    if end is None:
        return None
    ref = s.ref(0, end)
    return ref if ref is not None and ref.kind == "person" and ref.name else None


def _indirect_span(s: SentenceReader, att: Attribution, atts: list[Attribution]) -> tuple[int, int] | None:
    """Token range of the reported content of a clause-taking attribution."""
    toks = s.tokens
    first_np = min(att.np_start, att.verb_idx)
    n = len(toks)
    # Tail: "CONTENT, X said." / "CONTENT, according to X." / "CONTENT, said X."
    trailing_words = [t for t in toks[att.after_verb:] if t.kind != "punct"]
    tail_shape = not trailing_words or toks[att.after_verb - 1].text == "," or att.inverted or (
        att.after_verb < n and toks[att.after_verb].text == "," and trailing_words[0].low in FUNCTION_WORDS)
    if (first_np > 0 and toks[first_np - 1].text in (",", "—", "–") and tail_shape) or (
            att.lemma == "according to" and att.verb_idx > 0):
        if att.lemma == "according to" and any(
                x is not att and x.speech and x.speaker is not None and x.verb_idx < first_np for x in atts):
            return None  # "X emphasized they were ..., according to the report": X's words, reported
        cut = first_np - 1 if toks[first_np - 1].text in (",", "—", "–") else first_np
        rest_after = att.after_verb
        trailing = [t for t in toks[rest_after:] if t.kind != "punct"]
        a = _after_dateline(s)
        b = _content_end(s, a, cut)
        lead = [t for t in toks[a:b] if t.kind in ("word", "quote")]
        if len(lead) >= 2 and lead[-1].low == "that" and att.lemma == "according to" and (
                lead[-2].low in QUOTE_VERBS or lead[-2].low in ("learned", "learnt", "heard", "understands")):
            return _forward_span(s, att, atts)  # "Wikinews has learned that according to X, CONTENT"
        if lead and lead[0].low in _ADJUNCT_STARTS and not any(t.kind == "quote" for t in lead) \
                and not _looks_like_clause(lead[1:]):
            return None if not trailing else _forward_span(s, att, atts)  # "In a statement, X said, ..."
        # "The schools, Petrenko said, will reopen": the content goes on after the attribution;
        # not when a subordinate clause follows (", officials said on Thursday, as allies gathered")
        if trailing and toks[rest_after - 1].text == "," and att.lemma != "according to" and len(trailing) >= 2 \
                and trailing[0].low not in ("who", "which", "adding", "saying") \
                and trailing[0].low not in FUNCTION_WORDS and not trailing[0].low.endswith("ing"):
            return (a, _content_end(s, a, n))
        if b - a >= 3 and _valid_content(s, a, b, True):
            return a, b
        return None
    if att.inverted and toks[att.np_start - 1].kind == "word":
        return None  # "..., says Ukraine" with no comma before it: a headline shape
    return _forward_span(s, att, atts)


def _forward_span(s: SentenceReader, att: Attribution, atts: list[Attribution]) -> tuple[int, int] | None:
    """Forward: "X said (that) CONTENT"; "As X said, CONTENT"."""
    toks = s.tokens
    first_np = min(att.np_start, att.verb_idx)
    n = len(toks)
    a = att.after_verb
    comma_after = a < n and toks[a].text in (",", "—", "–")
    lead = [t for t in toks[:max(0, first_np - 1)] if t.kind in ("word", "quote")]
    adjunct_lead = bool(lead) and lead[0].low in _ADJUNCT_STARTS and not any(t.kind == "quote" for t in lead) \
        and not _looks_like_clause(lead[1:])
    if comma_after and first_np > 0 and toks[first_np - 1].text in (",", "—", "–") and not adjunct_lead:
        # "The schools, Petrenko said, will reopen in May": the content is around the attribution
        b = _content_end(s, 0, n)
        return (0, b) if b - a >= 2 and first_np >= 2 else None
    while a < n and toks[a].kind == "punct" and toks[a].text in ",;—–-":
        a += 1
    had_that = att.had_that
    if not had_that and a < n and (toks[a].low in _ADJUNCT_STARTS or att.lemma == "tell"):
        # "said on its Telegram channel that ...", "told state news agency TASS that ...": skip to 'that'
        # (a short adjunct: in 'agreed on a line as their border that would ...' the 'that' is relative)
        for k in range(a, min(n, a + 7)):
            if toks[k].kind != "word":
                break
            if toks[k].low == "that" and k > a:
                if att.channel is None:
                    att.channel = channel_in(s.text, toks[a].start, toks[k].start)
                a, had_that = k + 1, True
                break
    later = [x for x in atts if min(x.np_start, x.verb_idx) > a]
    stop = min(x.np_start for x in later) if later else n
    colon = next((k for k in range(a, stop) if toks[k].text == ":" and k + 1 < n and toks[k + 1].kind == "quote"), None)
    if colon is not None:
        stop = colon  # "indicated the US was disappointed: "...": the clause, then the quotation
    b = _content_end(s, a, stop)
    if b <= a or not _valid_content(s, a, b, had_that or comma_after or att.lemma == "according to", att.lemma):
        return None
    return a, b


_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+,(?:\s*[A-Z][\w.]*)*(?:\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s*(?:\([^)]{2,40}\))?\s*[-—–]+\s*")


def _after_dateline(s: SentenceReader) -> int:
    """'KYIV, July 10 (Reuters) - Russia pounded ...': reported content starts after the dateline."""
    m = _DATELINE.match(s.text, s.sent.start, s.sent.end)
    if not m:
        return 0
    for k, t in enumerate(s.tokens):
        if t.start >= m.end():
            return k
    return 0


def _found(ctx: Context, start: int, end: int, kind: str, att: Attribution, conf: float, place: str | None,
           rule: str) -> QuoteFound:
    return QuoteFound(start, end, ctx.text[start:end], kind, att.speaker, att.verb, att.channel, place or att.place,
                      round(max(0.05, min(conf, 0.99)), 2), rule)

