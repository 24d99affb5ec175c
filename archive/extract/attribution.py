"""Attributions: who says something in a sentence, with which verb, and where the content begins.

``SentenceReader.find`` returns every attribution of a sentence: a speaker
phrase (subject, inverted ``said X``, appositive, passive agent, ``according
to X``) with its reporting verb, channel, place and the token after which the
reported content starts. ``resolve`` turns a speaker phrase into the name the
article gives that speaker (full names, roles, pronouns, acronyms, documents).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from ..caseless import compile_lower, lower_literals, lowered
from ..types import QuoteFound, SpeakerRef
from .gazetteer import is_known_place
from .lexicon import (
    BAD_CONTENT_STARTS,
    CHANNELS,
    CLAUSE_STOPS,
    DEMONYMS,
    DETERMINERS,
    DOCUMENT_HEADS,
    FINITE_VERBS,
    FUNCTION_WORDS,
    GENERIC_ORG_HEADS,
    GROUP_HEADS,
    INVERTIBLE,
    ISSUED_DOCUMENTS,
    MEDIA_HEADS,
    NEGATIONS,
    NON_SPEAKER_SOURCES,
    OWNED_SOURCES,
    PASSIVE_QUOTE_VERBS,
    PERSON_NOUNS,
    PRONOUNS,
    QUOTE_VERBS,
    ROLE_WORDS,
    SPEECH_ACT_NOUNS,
    SPEECH_VERBS,
    SPOKESPEOPLE,
    SUBJECT_VERB_FILLERS,
    TELL_OBJECTS,
    TIME_WORDS,
)
from .phrases import as_noun, is_adverb, is_name_run, np_left, np_right, words_of, words_outside_parens
from .speakers import ArticleSpeakers, Guess, classify, first_name_gender, is_cap, is_place, strip_possessive
from .text import Sentence

# scanned in the lowered text (archive.caseless); a channel's name is read from the text as written
_CHANNELS = [(compile_lower(lower_literals(p)), fmt) for p, fmt in CHANNELS]
_PARTY_TAG = re.compile(r"^[DRI]-(?:[A-Z][a-z]*\.?|[A-Z]\.[A-Z]\.?)+$")  # D-Wash., R-S.D., D-N.Y.
# ", quoted by Interfax,", ", in comments to reporters,": an aside between a speaker and the verb
_PARENTHETICAL_STARTS = frozenset("asked quoted cited interviewed contacted reached in on at during via through "
                                  "after before however also meanwhile too though instead likewise similarly "
                                  "nonetheless nevertheless separately later earlier then now again "
                                  "for".split())
_POST_MODIFIERS = frozenset("familiar close briefed with involved knowledgeable aware speaking".split())
_DOCUMENTS = frozenset("statement post letter report message video tweet interview briefing release".split())
_DURATIONS = frozenset("minutes hours days weeks months years decades while time".split())
_PASSIVE_AUX = frozenset("is was were are be been being am".split())
_TAIL_ONLY = frozenset({"continue", "ask", "joke", "exclaim", "shout", "cry", "whisper", "wonder"})
_PARTICIPLE_OK = re.compile(r"ing$")
_SUBJECT_TIMES = frozenset("monday tuesday wednesday thursday friday saturday sunday week weekend month year "
                           "morning afternoon evening night today yesterday".split())
_COUNTRY_OF_DEMONYM = {adj.lower(): country.title() for country, adj in DEMONYMS.items() if " " not in country}
_PARTITIVES = frozenset("one some two three several many most few none each either".split())
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "us": "we", "me": "I"}
_GO_ON = frozenset("on continued continues continue proceeded went goes go going".split())
_CLAUSE_JOINS = frozenset("and but while as so then meanwhile however because although though when".split())
_TIME_LEADS = frozenset("on last this earlier late early".split())



@dataclass
class Attribution:
    verb_idx: int               # token index of the verb ('according' for according to)
    verb: str                   # as written: "said", "told reporters", "according to"
    lemma: str
    speech: bool                # takes reported content (say, tell, ...) rather than only a quotation
    speaker: SpeakerRef | None
    np_start: int               # token range of the speaker phrase
    np_end: int
    inverted: bool = False      # "said X"
    after_verb: int = 0         # first token after verb, object, time words, channel and 'that'
    had_that: bool = False
    colon: bool = False         # "X said: ..."
    channel: str | None = None
    place: str | None = None    # "X said in Kyiv ..."
    reports_inner: bool = False  # "NPR reported X recommended ...": only X's statement is the statement
    scope_end: int | None = None  # a passive's agent ends what it can own: 'described as "..." by police


class Context:
    """What the engine carries from sentence to sentence within one article."""

    def __init__(self, text: str, speakers: ArticleSpeakers) -> None:
        self.text = text
        self.speakers = speakers
        self.last_direct: tuple[int, SpeakerRef] | None = None   # (paragraph, speaker) of the last quotation
        self.colon_intro: tuple[int, Attribution] | None = None  # a paragraph ending "X described it:"
        self.pending: list[QuoteFound] = []                       # multi-paragraph quotation awaiting a speaker
        self.prev_para: tuple[int, int] | None = None              # span of the paragraph before this one


# ---------------------------------------------------------------- attributions

def _any_in(indices: list[int], a: int, b: int) -> bool:
    """Does the sorted list hold a value in [a, b)?"""
    k = bisect_left(indices, a)
    return k < len(indices) and indices[k] < b


class SentenceReader:
    """One sentence being read: tokens, text access and the article context."""

    def __init__(self, sent: Sentence, ctx: Context) -> None:
        self.sent = sent
        self.tokens = sent.tokens
        self.ctx = ctx
        self.text = ctx.text

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.tokens[a].start, self.tokens[b - 1].end

    @cached_property
    def _clause_marks(self) -> tuple[list[int], list[int], list[int]]:
        """Token indices, in order, of what ends a reported clause: ';' and ':', a contrast after a
        comma (', while', ', but'), and quotations; found once per sentence, looked up by bisection."""
        toks = self.tokens
        stops = [k for k, t in enumerate(toks) if t.text in (";", ":")]
        contrasts = [k for k, t in enumerate(toks)
                     if k > 0 and t.low in ("while", "whereas", "but") and toks[k - 1].text == ","]
        quotes = [k for k, t in enumerate(toks) if t.kind == "quote"]
        return stops, contrasts, quotes

    @cached_property
    def first_speech_act_noun(self) -> int:
        """Index of the first token that names a speech act ('plea', 'warning'); len(tokens) if none.
        Computed once per sentence, however many quotations it holds."""
        return next((i for i, t in enumerate(self.tokens) if t.kind == "word" and t.low in SPEECH_ACT_NOUNS),
                    len(self.tokens))

    def ref(self, a: int, b: int, role: str | None = None, words: list[str] | None = None) -> SpeakerRef | None:
        """Resolve the speaker phrase tokens[a:b] to a SpeakerRef (None: not a speaker)."""
        words = words if words is not None else words_of(self.tokens, a, b)
        guess = classify(words)
        if guess is None:
            return None
        start, end = self.span(a, b)
        return resolve(guess, self.text[start:end], start, end, role, self.ctx.speakers)

    def subject(self, i: int) -> tuple[int, int, SpeakerRef] | None:
        """The speaker phrase before the verb at token i."""
        toks = self.tokens
        j = i - 1
        while j >= 0 and toks[j].kind == "word":
            if toks[j].low in SUBJECT_VERB_FILLERS or is_adverb(toks, j):
                j -= 1
            elif toks[j].low in _SUBJECT_TIMES and j > 0 and toks[j - 1].low in _TIME_LEADS:
                j -= 2  # "NATO last week said", "Damang on Tuesday told"
            elif toks[j].low in ("yesterday", "today", "tonight") and j > 0:
                j -= 1  # "The website yesterday suggested"
            elif toks[j].low == "to" and j > 0 and toks[j - 1].low in _GO_ON | {"far", "as"}:
                # "Schwartz went on to say", "She continued to insist", "went as far (as) to say"
                k = j - 1
                while k >= 0 and toks[k].low in _GO_ON | {"far", "as", "even", "so"}:
                    k -= 1
                j = k
            else:
                break
        if j >= 3 and toks[j].text == ")" and toks[j - 2].text == "(" and toks[j - 1].text.isupper():
            j -= 3  # "the Syrian Democratic Forces (SDF) announced": the acronym is the name again
        if j >= 1 and toks[j].text == "," and toks[j - 1].low in _SUBJECT_TIMES:
            # "X, on Tuesday, said": a time aside between commas
            k = j - 1
            while k >= 0 and toks[k].kind == "word" and (toks[k].low in _SUBJECT_TIMES or toks[k].low in _TIME_LEADS):
                k -= 1
            if k >= 1 and toks[k].text == "," and k < j - 1:
                j = k - 1
        if j < 0 or any(t.low in NEGATIONS or t.low.endswith("n’t") or t.low.endswith("n't") for t in toks[j + 1:i]):
            return None
        if i > 0 and toks[i - 1].low in _PASSIVE_AUX and not toks[i].low.endswith("ing"):
            return None  # "She was told that ...", "It is said that ...": the subject did not say it
        if toks[j].text == ",":
            return self.parenthetical(j, i)
        if toks[j].low == "who" and j >= 2 and toks[j - 1].text == ",":
            # "the paper spoke to the Navy, who told it ...": the relative pronoun's antecedent speaks
            start = np_left(toks, j - 2)
            ref = self.ref(start, j - 1) if start is not None else None
            return (start, j, ref) if ref is not None and start is not None else None
        partitive = self.partitive(j)
        if partitive is not None:
            return partitive
        a = np_left(toks, j)
        if a is None:
            return self.head_with_modifier(j) or self.description(i, j) or self.before_relative(j)
        if toks[a].low in ("no", "nobody", "none", "neither"):
            return None  # "No organization claimed ...": nobody said anything
        head = self.head_before_place(a, j + 1)
        if head is not None:
            return head
        ref = self.ref(a, j + 1)
        if ref is None:
            return self.before_relative(j)
        return (a, j + 1, ref)

    def partitive(self, j: int) -> tuple[int, int, SpeakerRef] | None:
        """'One of the children said', 'one of them went on to say': someone of a group, unnamed."""
        toks = self.tokens
        for k in range(j, max(-1, j - 5), -1):
            if toks[k].kind != "word":
                return None
            if toks[k].low == "of" and k >= 1 and toks[k - 1].low in _PARTITIVES and k < j:
                start = k - 1
                a, b = self.span(start, j + 1)
                group = " ".join(words_of(toks, k + 1, j + 1))
                return start, j + 1, SpeakerRef(self.text[a:b], None, "anonymous", a, b, group)
        return None

    def before_relative(self, j: int) -> tuple[int, int, SpeakerRef] | None:
        """'Residents who attended the meeting said': the speaker stands before the relative clause."""
        toks = self.tokens
        for w in range(j, max(0, j - 12), -1):
            if toks[w].kind != "word":
                return None
            if toks[w].low in ("who", "which") and w > 0 and toks[w - 1].kind == "word":
                start = np_left(toks, w - 1)
                ref = self.ref(start, w) if start is not None else None
                return (start, j + 1, ref) if ref is not None and start is not None else None
        return None

    def description(self, i: int, j: int) -> tuple[int, int, SpeakerRef] | None:
        """'The bakery said', 'the stores say': a described speaker whose head word the lexicon
        does not know, before a verb of speech. Kept as written, so the statement is not lost."""
        toks = self.tokens
        if toks[i].low not in SPEECH_VERBS:
            return None
        k = j
        while k >= 0 and j - k < 3 and toks[k].kind == "word" and toks[k].low.isalpha() and not is_cap(toks[k].text) \
                and toks[k].low not in FUNCTION_WORDS and toks[k].low not in CLAUSE_STOPS \
                and (toks[k].low not in QUOTE_VERBS or k == j) and toks[k].low not in DETERMINERS \
                and toks[k].low not in FINITE_VERBS and toks[k].low not in NEGATIONS:
            k -= 1
        if k <= 0 and j < 3 and toks[j].low.endswith("s") and not toks[j].low.endswith("ss") \
                and toks[0].kind == "word" and toks[0].low not in FUNCTION_WORDS and toks[0].low not in DETERMINERS:
            # "Tenant advocates say ...": a plural group at the start of the sentence, no determiner
            start, end = self.span(0, j + 1)
            words = words_of(toks, 0, j + 1)
            return 0, j + 1, SpeakerRef(self.text[start:end], " ".join(words), "group", start, end, None)
        if k < 0 or k == j or toks[k].low not in ("the", "a", "an", "one"):
            return None
        if k > 0 and toks[k - 1].kind == "word" and toks[k - 1].low not in _CLAUSE_JOINS:
            return None
        words = words_of(toks, k + 1, j + 1)
        head = words[-1].lower()
        if toks[k].low != "the":
            kind = "anonymous"
        else:
            kind = "group" if head.endswith("s") and not head.endswith("ss") else "organization"
        start, end = self.span(k, j + 1)
        ref = resolve(Guess(kind, " ".join(words)), self.text[start:end], start, end, None, self.ctx.speakers)
        return (k, j + 1, ref) if ref is not None else None

    def head_with_modifier(self, j: int) -> tuple[int, int, SpeakerRef] | None:
        """'two sources familiar with the matter told', 'a source close to the talks said': a person or
        group head followed by a modifier (familiar with, close to, briefed on, with knowledge of)."""
        toks = self.tokens
        for k in range(j - 1, max(-1, j - 8), -1):
            t = toks[k]
            if t.kind != "word" or t.low in CLAUSE_STOPS:
                return None
            if (t.low in GROUP_HEADS or t.low in PERSON_NOUNS) and k + 1 <= j and toks[k + 1].low in _POST_MODIFIERS:
                start = np_left(toks, k)
                ref = self.ref(start, k + 1) if start is not None else None
                return (start, j + 1, ref) if ref is not None and start is not None else None
        return None

    def head_before_place(self, a: int, b: int) -> tuple[int, int, SpeakerRef] | None:
        """'Residents of a flooded village in Somerset say', 'Officials in Kyiv, ... said': the place
        ends a longer subject whose head (residents, officials) is the speaker."""
        toks = self.tokens
        if a < 2 or toks[a - 1].low not in ("in", "of", "from", "at", "near") or not (
                is_place(words_of(toks, a, b)) or is_known_place(words_of(toks, a, b))):
            return None
        head = next((k for k in range(a - 2, max(-1, a - 10), -1) if toks[k].kind == "word" and (
            toks[k].low in GROUP_HEADS or toks[k].low in PERSON_NOUNS)), None)
        if head is None:
            return None
        if head == a - 2 and toks[head].low in SPOKESPEOPLE and toks[a - 1].low in ("from", "of", "for"):
            ref = self.ref(a, b)  # "representatives from Iran acknowledged": Iran speaks through them
            if ref is not None:
                start = np_left(toks, head)
                return (start if start is not None else head, b, ref)
        start = np_left(toks, head)
        ref = self.ref(start, head + 1) if start is not None else None
        return (start, b, ref) if ref is not None and start is not None else None

    def parenthetical(self, j: int, i: int) -> tuple[int, int, SpeakerRef] | None:
        """'X, the US ambassador to France, insisted' / 'Poland’s minister, Radosław Sikorski, confirmed'."""
        toks = self.tokens
        k = j - 1
        while k >= 0 and toks[k].kind == "word":
            k -= 1
        if k < 0 and j > 1:
            # "Lydia Buchtmann for Food Standards Australia, says": one phrase, then a stray comma
            a = np_left(toks, j - 1)
            ref = self.ref(a, j) if a == 0 else None
            return (a, j, ref) if ref is not None and a is not None else None
        if k < 0 or toks[k].text != "," or k == j - 1:
            return None
        left_end = k
        inner_words = words_of(toks, k + 1, j)
        if inner_words and inner_words[0].lower() == "and" and left_end > 0:
            # "Cres Eastman, Director of the study, and Chairman of the centre, says": two appositives
            k2 = left_end - 1
            while k2 >= 0 and toks[k2].kind == "word":
                k2 -= 1
            if k2 > 0 and toks[k2].text == ",":
                return self.parenthetical_from(k2, j)
        a = self.left_of_comma(left_end)
        if a is None and inner_words and (inner_words[0].lower() in ("who", "which") or (
                inner_words[0].islower() and inner_words[0].lower().endswith(("ed", "ing")))):
            described = self.description(i, left_end - 1)  # "The report, released by the auditor, found"
            if described is not None:
                return described[0], j, described[2]
        if a is None:
            # "The judge presiding over the case, Bernard Schwartz, said": a long description, then the name
            start = left_end
            while start > 0 and toks[start - 1].kind == "word":
                start -= 1
            if left_end - start >= 2 and toks[start].low in DETERMINERS and is_name_run(toks, k + 1, j):
                ref = self.ref(k + 1, j, role=_role_text(words_of(toks, start, left_end)))
                if ref is not None and ref.kind == "person":
                    return start, j, ref
            return None
        return self._appositive(a, left_end, k, j)

    def _appositive(self, a: int, left_end: int, k: int, j: int) -> tuple[int, int, SpeakerRef] | None:
        """The speaker of "<left>, <inner>," before the verb at j: a name and its role, either way round."""
        toks = self.tokens
        inner = words_of(toks, k + 1, j)
        left = words_outside_parens(toks, a, left_end)
        head = self.head_before_place(a, left_end)
        if head is not None and inner[0].lower().endswith("ing"):
            return head[0], j, head[2]  # "Officials in Kyiv, speaking on condition of anonymity, said"
        if len(inner) == 1 and _PARTY_TAG.match(inner[0]):
            # "John Thune, R-S.D., said": a party and state, the affiliation of the name before it
            ref = self.ref(a, left_end, role=inner[0])
            return (a, j, ref) if ref else None
        if inner[0].lower() in ("which", "who", "whose", "where", "whom") or (
                inner[0].lower().endswith(("ing", "ed")) and inner[0].islower()) or inner[0].lower() in _PARENTHETICAL_STARTS:
            # "X, who ..., said" / "A senior official, speaking on condition of anonymity, said"
            ref = self.ref(a, left_end)
            return (a, j, ref) if ref else None
        left_guess, inner_guess = classify(left), classify(inner)
        led_by_role = next((w.lower() for w in left if w.lower() not in DETERMINERS), "") in ROLE_WORDS | PERSON_NOUNS
        if inner_guess and inner_guess.kind == "person" and is_name_run(toks, k + 1, j) and (
                left_guess is None or left_guess.kind in ("role", "anonymous") or left_guess.name is None
                or led_by_role):  # "A spokesman for the union, David Park, said"
            ref = self.ref(k + 1, j, role=" ".join(left).removeprefix("the ").removeprefix("The "))
            return (a, j, ref) if ref else None
        if left_guess and left_guess.kind in ("person", "organization") and (
                inner[0].lower() in DETERMINERS or inner[0].isdigit() or inner[0].lower() in ("of", "from", "at", "with")
                or any(w.lower() in ROLE_WORDS or w.lower() in PERSON_NOUNS for w in inner[:3])):
            # "Charles Kushner, the US ambassador to France," / "Maria Lopez, 45,"
            role = None if inner[0].isdigit() and len(inner) == 1 else _role_text(inner)
            ref = self.ref(a, left_end, role=role)
            return (a, j, ref) if ref else None
        return None

    def left_of_comma(self, left_end: int) -> int | None:
        """Start of the noun phrase before the comma at left_end; skips '(Italian Episcopal Conference)'."""
        toks = self.tokens
        end = left_end - 1
        if end > 0 and toks[end].text == ")":
            opening = next((k for k in range(end - 1, max(-1, end - 10), -1) if toks[k].text == "("), None)
            if opening is not None and opening > 0:
                end = opening - 1
        return np_left(toks, end) if end >= 0 else None

    def parenthetical_from(self, comma: int, j: int) -> tuple[int, int, SpeakerRef] | None:
        """'NAME, ROLE, and ROLE, said': the name before the first of two appositives."""
        toks = self.tokens
        a = self.left_of_comma(comma)
        if a is None:
            return None
        ref = self.ref(a, comma, role=_role_text(words_of(toks, comma + 1, j)))
        return (a, j, ref) if ref is not None and ref.kind == "person" else None

    def past_appositive(self, end: int) -> int:
        """The token after ', director of the event,' following a source: where the content starts."""
        toks = self.tokens
        if end >= len(toks) or toks[end].text != ",":
            return end
        c = end + 1
        while c < len(toks) and toks[c].kind == "word":
            c += 1
        first = toks[end + 1].low if end + 1 < len(toks) else ""
        if c < len(toks) and toks[c].text == "," and c > end + 1 and (first in ROLE_WORDS or first in DETERMINERS):
            return c + 1
        return end + 1

    def source_owner(self, k: int, end: int, head: str) -> SpeakerRef | None:
        """'a Congressional Budget Office estimate', 'UN figures': the organisation a source belongs to."""
        toks = self.tokens
        if head not in OWNED_SOURCES:
            return None
        h = next((m for m in range(k, end) if toks[m].low == head), None)
        if h is None:
            return None
        a = h
        while a > k and is_cap(toks[a - 1].text) and toks[a - 1].low not in FUNCTION_WORDS:
            a -= 1
        if a == h:
            return None
        words = [strip_possessive(w) for w in words_of(toks, a, h)]
        if len(words) == 1 and words[0].lower() in _COUNTRY_OF_DEMONYM:
            words = [_COUNTRY_OF_DEMONYM[words[0].lower()]]  # "Ukrainian figures": Ukraine's
        start, stop = self.span(a, h)
        return resolve(Guess("organization", " ".join(words)), self.text[start:stop], start, stop, None,
                       self.ctx.speakers)

    def inverted(self, i: int) -> tuple[int, int, SpeakerRef] | None:
        """'"...," said X, ROLE, via Telegram' / '..., says Ukraine'."""
        toks = self.tokens
        if i == 0 or not (toks[i - 1].kind == "quote" or toks[i - 1].text in (",", "—", "–")
                          or (toks[i - 1].text == "," and i >= 2 and toks[i - 2].kind == "quote")):
            return None
        b = np_right(toks, i + 1)
        # "said he would ..." is not an inversion: the phrase must end the clause
        if b is None or (b < len(toks) and toks[b].kind == "word" and toks[b].low not in TIME_WORDS and toks[b].low
                         not in ("via", "during", "of", "after", "before", "when", "as", "while", "to", "from")):
            return self.inverted_long(i)
        role = None
        if b + 1 < len(toks) and toks[b].text == ",":
            c = b + 1
            while c < len(toks) and toks[c].kind == "word":
                c += 1
            inner = words_of(toks, b + 1, c)
            if len(inner) == 1 and _PARTY_TAG.match(inner[0]):
                ref = self.ref(i + 1, b, role=inner[0])  # "said Sen. Patty Murray, D-Wash., who ..."
                return (i + 1, b, ref) if ref else None
            if inner and is_name_run(toks, b + 1, c) and (c >= len(toks) or toks[c].kind == "punct"):
                # "said the company’s lawyer, David Chen."
                name_ref = self.ref(b + 1, c, role=" ".join(words_of(toks, i + 1, b)).removeprefix("the "))
                if name_ref is not None and name_ref.kind == "person":
                    return (i + 1, c, name_ref)
            if inner and (inner[0].lower() in DETERMINERS or inner[0].lower() in ROLE_WORDS) \
                    and inner[0].lower() not in ("who", "which"):
                role = _role_text(inner)
        ref = self.ref(i + 1, b, role=role)
        if ref is not None and ref.name is None:
            return self.inverted_long(i) or (i + 1, b, ref)  # "tweeted Mayor of London Sadiq Khan"
        return (i + 1, b, ref) if ref else None

    def agent(self, i: int) -> tuple[int, int, SpeakerRef] | None:
        """The 'by X' of a passive quoting verb: 'described as "..." by the police'."""
        toks = self.tokens
        for k in range(i + 1, min(len(toks) - 1, i + 9)):
            if (toks[k].low in CLAUSE_STOPS and toks[k].low != "as") or toks[k].text in (";", ":"):
                return None
            if toks[k].low == "by":
                end = np_right(toks, k + 1)
                ref = self.ref(k + 1, end) if end is not None else None
                return (k + 1, end, ref) if ref is not None and end is not None else None
        return None

    def inverted_long(self, i: int) -> tuple[int, int, SpeakerRef] | None:
        """'"...," tweeted former think-tank executive Ken Gude.' / '... tweeted Mayor of London Sadiq Khan':
        a longer description before the name, the name ending the clause."""
        toks = self.tokens
        c = i + 1
        while c < len(toks) and c - i <= 8 and toks[c].kind == "word" and toks[c].low not in CLAUSE_STOPS:
            c += 1
        if c - i > 8 or (c < len(toks) and toks[c].kind != "punct"):
            return None
        a = c
        while a > i + 1 and is_cap(toks[a - 1].text) and toks[a - 1].low not in FUNCTION_WORDS:
            a -= 1
        while c - a > 2 and toks[a - 1].low in ("of", "for") and is_place([toks[a].low]):
            a += 1  # "Mayor of London Sadiq Khan": the place completes the title
        if c - a < 2 or a == i + 1 or not is_name_run(toks, a, c):
            return None
        ref = self.ref(a, c, role=_role_text(words_of(toks, i + 1, a)))
        return (i + 1, c, ref) if ref is not None and ref.kind == "person" else None

    def find(self) -> list[Attribution]:
        """The attributions of the sentence, in order: 'according to' phrases and speech verbs with their speakers."""
        toks = self.tokens
        found: list[Attribution] = []
        main_subject: SpeakerRef | None = None
        for i, tok in enumerate(toks):
            if tok.kind != "word":
                continue
            start = self._according_start(i)
            if start is not None:
                att = self.according(start)
                if att:
                    found.append(att)
                continue
            lemma = QUOTE_VERBS.get(tok.low)
            if lemma is None or (i > 0 and tok.text[0].isupper() and toks[i - 1].kind == "word"):
                continue  # a capitalised verb inside a sentence is a name: "the United States"
            if as_noun(toks, i):
                continue  # "a News.com.au report,", "his statement": the noun, not the verb
            speech = tok.low in SPEECH_VERBS
            subj = self._written_subject(i, speech, main_subject)
            if subj is None and lemma in PASSIVE_QUOTE_VERBS and i > 0 and toks[i - 1].low in _PASSIVE_AUX:
                agent = self.agent(i)
                if agent is not None:
                    stop = next((k for k in range(agent[1], len(toks)) if toks[k].text in (",", ";")), len(toks))
                    found.append(Attribution(i, tok.text, lemma, False, agent[2], i, agent[1], scope_end=stop))
                    continue
            inverted = False
            if subj is None:
                subj, inverted = self._implied_subject(i, lemma, speech, found, main_subject)
            if subj is None:
                continue
            a, b, ref = subj
            ref = _same_person(ref, found)
            if main_subject is None and not inverted:
                main_subject = ref
            att = Attribution(i, tok.text, lemma, speech and lemma not in _TAIL_ONLY, ref, a, b, inverted)
            self.after(att)
            outer = self.embedded(att, found)
            if outer is not None:
                if not self.own_clause(att):
                    continue  # "Pike said the agency had promised to ...": no clause of the agency's own
                outer.reports_inner = True  # "NPR reported X recommended the troops withdraw": X's statement
            found.append(att)
        return found

    def _according_start(self, i: int) -> int | None:
        """Where an 'according to' phrase starts at token i: 'according to', or 'in the words of'."""
        toks = self.tokens
        lw = toks[i].low
        if lw == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
            return i
        if lw == "words" and i >= 2 and toks[i - 2].low == "in" and toks[i - 1].low == "the" \
                and i + 1 < len(toks) and toks[i + 1].low == "of":
            return i - 1  # "in the words of the prosecutor, Mark Tedeschi, ...": like 'according to'
        return None

    def _written_subject(self, i: int, speech: bool, main_subject: SpeakerRef | None) -> tuple[int, int, SpeakerRef] | None:
        """The verb's subject as written: before it, the issuer of a document, or 'X was quoted as saying'."""
        toks = self.tokens
        lw = toks[i].low
        subj = self.subject(i)
        if _PARTICIPLE_OK.search(lw) and speech and i > 1 and toks[i - 1].low in _DOCUMENTS \
                and toks[i - 2].kind == "word":
            issuer = main_subject or self.sentence_subject(i)  # "X released a statement saying ..."
            if issuer is not None:
                subj = (i, i, issuer)
        if subj is None and lw == "saying" and i >= 3 and toks[i - 1].low == "as" and toks[i - 2].low == "quoted":
            # '"...," Defence Minister Ilan Dor was quoted as saying by the Jerusalem Post'
            j = i - 3
            while j >= 0 and toks[j].kind == "word" and toks[j].low in _PASSIVE_AUX | {"has", "had"}:
                j -= 1
            a = np_left(toks, j) if j >= 0 else None
            ref = self.ref(a, j + 1) if a is not None else None
            if ref is not None and a is not None:
                subj = (a, j + 1, ref)
        return subj

    def _implied_subject(self, i: int, lemma: str, speech: bool, found: list[Attribution],
                         main_subject: SpeakerRef | None) -> tuple[tuple[int, int, SpeakerRef] | None, bool]:
        """A subject not written before the verb: after it ('said X'), shared with an earlier verb of the
        sentence ('... and said'), or the subject a participle inherits; and whether it was inverted."""
        toks = self.tokens
        tok, lw = toks[i], toks[i].low
        after_quote = i > 0 and (toks[i - 1].kind == "quote" or (
            toks[i - 1].text == "," and i > 1 and toks[i - 2].kind == "quote"))
        if (speech or after_quote) and lemma in INVERTIBLE:
            subj = self.inverted(i)
            if subj is not None:
                return subj, True
        if i > 0 and toks[i - 1].low in ("and", "but") and found and found[-1].speaker is not None:
            return (i, i, found[-1].speaker), False  # "accused Israel of ... and said the group was ready"
        if speech and i > 1 and not found and (
                (toks[i - 1].low == "but" and toks[i - 2].text == ",") or toks[i - 1].low == "and"):
            first = self.sentence_subject(i)  # "The agency did not mention casualties, but said ..."
            if first is not None:
                return (i, i, first), False
        if _PARTICIPLE_OK.search(lw) and i > 0 and toks[i - 1].text == ",":
            inherit = found[-1].speaker if found else main_subject or self.sentence_subject(i)
            if inherit is not None:
                probe = Attribution(i, tok.text, lemma, speech, inherit, i, i)
                self.after(probe)
                if probe.after_verb < len(toks) and toks[probe.after_verb].text == ",":
                    return None, False  # "Musk, posting on X, called ...": a parenthetical, not a statement
                return (i, i, inherit), False
        return None, False

    def own_clause(self, att: Attribution) -> bool:
        """Does an attribution nested in another's content report a clause of its own ('... X
        recommended that the troops withdraw'), rather than an act ('... had promised to help')?"""
        toks = self.tokens
        rest = [t for t in toks[att.after_verb:] if t.kind == "word"]
        if not att.speech or att.inverted or len(rest) < 3:
            return False
        return att.had_that or (rest[0].low not in BAD_CONTENT_STARTS and any(t.low in FINITE_VERBS for t in rest[1:8]))

    def embedded(self, att: Attribution, found: list[Attribution]) -> Attribution | None:
        """The earlier attribution of the sentence whose reported content this one stands in, if any."""
        for outer in found:
            if not outer.speech or outer.colon or outer.inverted or outer.lemma == "according to":
                continue
            if outer.after_verb <= att.np_start and att.np_start > outer.verb_idx:
                a, b = outer.after_verb, att.np_start
                stops, contrasts, quotes = self._clause_marks
                if _any_in(stops, a, b) or _any_in(contrasts, a + 1, b):
                    continue  # ", while Merz said ...": a clause of its own
                if _any_in(quotes, a, b) or att.np_start == att.verb_idx:
                    continue
                return outer
        return None

    def sentence_subject(self, limit: int) -> SpeakerRef | None:
        """The subject at the start of the sentence (after a leading clause ending in a comma)."""
        toks = self.tokens
        start = 0
        for k in range(limit):
            if toks[k].text == "," and k + 1 < limit:
                if all(t.kind == "word" for t in toks[:k]) and not any(t.low in QUOTE_VERBS for t in toks[:k]) \
                        and toks[0].low in FUNCTION_WORDS | {"asked", "speaking", "reporting"}:
                    start = k + 1
                break
        end = np_right(toks, start)
        if end is None:
            return None
        if end + 2 < limit and toks[end].text == ",":
            c = end + 1
            while c < limit and toks[c].kind == "word":
                c += 1
            if c < limit and toks[c].text == "," and is_name_run(toks, end + 1, c):
                named = self.ref(end + 1, c)  # "a Democrat, Paul Hines, has backed ...": the name in apposition
                if named is not None and named.kind == "person":
                    return named
        if any(is_cap(t.text) and t.low not in FUNCTION_WORDS for t in toks[start:end - 1]):
            while end > start and toks[end - 1].low in ROLE_WORDS and not is_cap(toks[end - 1].text):
                end -= 1
        return self.ref(start, end) if end > start else None

    def after(self, att: Attribution) -> None:
        """Skip object, time words, channel and 'that' after the verb; note channel and colon."""
        toks = self.tokens
        k = (att.np_end if att.inverted else att.verb_idx + 1)
        region_start = toks[att.np_start].start if att.np_start < len(toks) else toks[att.verb_idx].start
        if not any(t.kind == "quote" for t in toks[:att.np_start]):
            region_start = self.sent.start  # "In an interview with CNN, X said ...": a leading channel
        if att.lemma != "tell" and att.speech and k + 1 < len(toks) and toks[k].low == "to":
            # "explained to Wikinews that ...", "stated to Russian state media: ..."
            end = np_right(toks, k + 1)
            if end is not None and end < len(toks) and (toks[end].text == ":" or toks[end].low == "that"):
                k = end
        if att.lemma == "tell" and k < len(toks) and toks[k].kind == "word":
            if toks[k].low in TELL_OBJECTS:
                att.verb = f"{att.verb} {toks[k].text}"
                k += 1
            elif toks[k].low not in ("that",):
                end = np_right(toks, k)
                if end is not None:
                    k = end
        k = self._past_adjuncts(att, k)
        if k < len(toks) and toks[k].text == ",":
            # "said Mykola Kalashnyk, head of ..., via Telegram": channel after a role appositive
            named = channel_in(self.text, toks[k].start, self.sent.end)
            if named and att.inverted:
                att.channel = att.channel or named
        if k < len(toks) and toks[k].text == ":":
            att.colon = True
            k += 1
        elif k < len(toks) and toks[k].low == "that":
            att.had_that = True
            k += 1
        att.after_verb = k
        if att.channel is None:
            att.channel = channel_in(self.text, region_start, toks[k - 1].end if k > 0 else region_start)

    def _past_adjuncts(self, att: Attribution, k: int) -> int:
        """Past the time words, durations, channel and place after the verb at k ("said yesterday in a
        statement on Telegram", "said in Kyiv on Tuesday"); notes the channel and place on ``att``."""
        toks = self.tokens
        while True:
            if k < len(toks) and toks[k].kind == "word" and toks[k].low in TIME_WORDS \
                    and toks[k].low not in ("on", "in", "at") and not (
                        toks[k].low in ("this", "last") and (k + 1 >= len(toks) or toks[k + 1].low not in _SUBJECT_TIMES)):
                # "said yesterday", "told reporters last week"; not 'this' in "told it this was unconfirmed"
                k += 1
                continue
            if k + 1 < len(toks) and toks[k].low == "for" and (toks[k + 1].low in _DURATIONS or (
                    k + 2 < len(toks) and toks[k + 2].low in _DURATIONS)):
                k += 3 if toks[k + 1].low not in _DURATIONS else 2  # "had been saying for weeks that ..."
                continue
            if k < len(toks) and toks[k].kind == "word" and toks[k].low in ("on", "in", "at", "via", "during"):
                pos = toks[k].start
                m = _channel_at(self.text, pos, self.sent.end)
                if m:
                    att.channel = att.channel or m[0]
                    while k < len(toks) and toks[k].start < m[1]:
                        k += 1
                    continue
                if toks[k].low in ("in", "at") and k + 1 < len(toks) and is_cap(toks[k + 1].text):
                    # "said in Kyiv on Tuesday that ...": where it was said
                    e = k + 1
                    while e + 1 < len(toks) and toks[e + 1].kind == "word" and is_cap(toks[e + 1].text):
                        e += 1
                    if is_place([t.text for t in toks[k + 1:e + 1]]):
                        att.place = att.place or " ".join(t.text for t in toks[k + 1:e + 1])
                        k = e + 1
                        continue
                if k + 1 < len(toks) and toks[k + 1].kind == "word" and (toks[k + 1].low in TIME_WORDS or is_cap(toks[k + 1].text)) \
                        and toks[k + 1].low not in ("the", "a"):
                    if is_cap(toks[k + 1].text) and toks[k + 1].low not in TIME_WORDS:
                        break
                    k += 2
                    continue
            break
        return k

    def according(self, i: int) -> Attribution | None:
        """'according to <source>' at token i: a person, an organization, a document or a source with no speaker."""
        toks = self.tokens
        k = i + 2
        end = self._source_end(k)
        words = words_of(toks, k, end)
        if not words:
            return None
        if len(words) == 1 and words[0].lower() in _OBJECT_PRONOUNS:
            ref = self.ref(k, end, words=[_OBJECT_PRONOUNS[words[0].lower()]])  # "according to him"
            if ref is None:
                return None
            return self._according(i, ref, k, end)
        head_words = [w.lower() for w in words]
        head = head_words[head_words.index("of") - 1] if "of" in head_words[1:] else head_words[-1]
        if "by" in head_words[1:-1]:
            # "according to a poll published by NBC News", "a statement released by Erdogan's office"
            b = k + [t.low for t in toks[k:end]].index("by")
            ref = self.ref(b + 1, np_right(toks, b + 1) or end)
            if ref is not None:
                att = Attribution(i, "according to", "according to", True, ref, k, end)
                att.after_verb = self.past_appositive(end)
                return att
        if head in DOCUMENT_HEADS and len(words) <= 4 and not any(is_cap(w) for w in words[1:]):
            start, stop = self.span(k, end)  # "according to the lawsuit": the one the article named, if any
            named = self.ctx.speakers.org_by_head(head, start) or self.ctx.speakers.document(start)
            doc = SpeakerRef(self.text[start:stop], named, "organization" if named else "document", start, stop)
            return self._according(i, doc, k, end)
        owner = self.source_owner(k, end, head)
        if owner is not None:  # "according to a Congressional Budget Office estimate": the office's
            return self._according(i, owner, k, end)
        if head in NON_SPEAKER_SOURCES and head.rstrip("s") not in DOCUMENT_HEADS:
            return None  # "according to AFP analysis of Kyiv's data": the outlet's own reckoning, not a statement
        if head in NON_SPEAKER_SOURCES and not any(w in _DOCUMENTS for w in head_words):
            # "according to the reports", "according to a whistle-blower complaint": a source, no speaker
            start, stop = self.span(k, end)
            named = self.ctx.speakers.org_by_head(head, start) if head in DOCUMENT_HEADS else None
            ref = SpeakerRef(self.text[start:stop], named, "organization" if named else "document", start, stop)
            return self._according(i, ref, k, end)
        return self._according_speaker(i, k, end, words)

    def _source_end(self, k: int) -> int:
        """The end of the source phrase that starts at token k."""
        toks = self.tokens
        end = k
        while end < len(toks) and toks[end].kind == "word":
            end += 1
        if end - k > 5:
            # "According to Rathbun the property was returned": no comma, the source is the first phrase
            # (not in "according to a statement released by X")
            short = np_right(toks, k)
            if short is not None and short + 1 < end and toks[short].low not in ("of", "from", "by", "at", "for", "to") \
                    and toks[short + 1].low not in ("by", "from", "of") \
                    and not (toks[short].low in ("and", "&") and is_cap(toks[short + 1].text)):
                # (not "a Twitter post by X", "released by X", "the Energy and Petroleum Regulatory Authority")
                end = short
        return end

    def _according_speaker(self, i: int, k: int, end: int, words: list[str]) -> Attribution | None:
        """A speaker named in the source phrase, or by the name in apposition after it."""
        toks = self.tokens
        role = None
        after = end
        ref = None
        if end < len(toks) and toks[end].text == ",":
            c = end + 1
            while c < len(toks) and toks[c].kind == "word":
                c += 1
            if c < len(toks) and toks[c].text == "," and is_name_run(toks, end + 1, c) and c - end - 1 >= 2:
                role = " ".join(words)
                ref = self.ref(end + 1, c, role=role)
                after = c
        channel = None
        low_words = [w.lower() for w in words]
        if ref is None and "from" in low_words[1:-1] and low_words[low_words.index("from") - 1] in _DOCUMENTS:
            # "according to a statement from the ministry": the ministry speaks, in a statement
            f = k + [t.low for t in toks[k:end]].index("from")
            channel = low_words[low_words.index("from") - 1]
            ref = self.ref(f + 1, end)
        if ref is None:
            ref = self.ref(k, end)
        if ref is None:
            return None
        att = self._according(i, ref, k, end, after)
        att.channel = channel
        return att

    def _according(self, i: int, ref: SpeakerRef, k: int, end: int, after: int | None = None) -> Attribution:
        """'according to <source>' over tokens k..end; the statement goes on past the comma after `after`."""
        after = end if after is None else after
        att = Attribution(i, "according to", "according to", True, ref, k, end)
        att.after_verb = after + 1 if after < len(self.tokens) and self.tokens[after].text == "," else after
        return att


def _same_person(ref: SpeakerRef, found: list[Attribution]) -> SpeakerRef:
    """"Mr Lin insisted ..., although he conceded ...": a pronoun is the person this sentence is about."""
    if ref.mention.lower() in ("he", "she") and found:
        earlier = next((f.speaker for f in reversed(found) if f.speaker is not None
                        and f.speaker.kind == "person" and f.speaker.name
                        and f.speaker.mention.lower() not in ("he", "she")), None)
        if earlier is not None:
            return SpeakerRef(ref.mention, earlier.name, "person", ref.start, ref.end, None)
    return ref


def _role_text(words: list[str]) -> str:
    """'the head of the regional administration who ...' -> 'head of the regional administration'."""
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    for k, w in enumerate(words):
        if w.lower() in ("who", "which", "that", "whose", "where"):
            words = words[:k]
            break
    return " ".join(words)


def _channel_at(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    low = lowered(text)
    for pattern, fmt in _CHANNELS:
        m = pattern.match(low, pos, limit)
        if m:
            return _channel_name(text, m, fmt), m.end()
    return None


def channel_in(text: str, start: int, end: int) -> str | None:
    low = lowered(text)
    for pattern, fmt in _CHANNELS:
        m = pattern.search(low, start, end)
        if m:
            return _channel_name(text, m, fmt)
    return None


def _channel_name(text: str, m: re.Match, fmt: str) -> str:
    """The channel a match in the lowered text names, in the words of ``text``."""
    if fmt == "{0}":
        words = text[m.start():m.end()].split()
        return " ".join(w for w in words[1:] if w.lower() not in ("a", "an", "the"))
    return fmt.format(**{k: text[m.start(k):m.end(k)].strip() for k, v in m.groupdict().items() if v})


# ---------------------------------------------------------------- resolution

def resolve(guess: Guess, mention: str, start: int, end: int, role: str | None,
            speakers: ArticleSpeakers) -> SpeakerRef | None:
    """A speaker guess -> SpeakerRef with the name the article gives it."""
    role = role or guess.role
    if guess.kind == "pronoun":
        pronoun = "he" if guess.pronoun == "he/she" else guess.pronoun or ""
        gender = guess.gender if guess.pronoun != "he/she" else None
        hit = speakers.pronoun(pronoun, gender, start)
        if hit is None:
            return SpeakerRef(mention, None, PRONOUNS[pronoun or "he"][0], start, end, role)
        return SpeakerRef(mention, hit[1], hit[0], start, end, None)
    if guess.name and guess.name.lower().replace(".", "") in speakers.acronyms:
        return SpeakerRef(mention, speakers.expand(guess.name), "organization", start, end, role)
    spelled = next((full for full in speakers.acronyms.values() if full in mention), None)
    if spelled is not None and guess.kind in ("person", "organization"):
        return SpeakerRef(mention, spelled, "organization", start, end, role)  # "the Coastal Defence Front (CDF)"
    if guess.kind == "organization" and guess.name and " " not in guess.name and guess.name[:1].isupper() \
            and " " in speakers.full_name(guess.name, start):
        guess = Guess("person", guess.name, role=guess.role)  # "Day said": Doris Day, not a town called Day
    if guess.kind == "person":
        name = speakers.full_name(guess.name or "", start)
        if name == guess.name and " " not in name and name.endswith("s") and not role and \
                mention == name and first_name_gender(name) is None:
            # "Polls suggest ...", "Doctors warned ...": a capitalized plural the article never named as a person
            return SpeakerRef(mention, name, "group", start, end, None)
        if role:
            speakers.note_role(start, role, name)
        return SpeakerRef(mention, name, "person", start, end, role)
    if guess.kind == "role":
        return SpeakerRef(mention, speakers.by_role(guess.role or "", start) or guess.name, "person", start, end,
                          guess.role)
    return _by_common_noun(guess, mention, start, end, role, speakers) \
        or SpeakerRef(mention, guess.name, guess.kind, start, end, role)


def _by_common_noun(guess: Guess, mention: str, start: int, end: int, role: str | None,
                    speakers: ArticleSpeakers) -> SpeakerRef | None:
    """'the agency', 'the statement', 'a spokesperson', 'its spokesman': the body the article already named."""
    if guess.kind == "organization" and guess.name and " " not in guess.name and guess.name.islower():
        # "the agency said": the organization the article named with that word
        full = speakers.org_by_head(guess.name, start) or (
            speakers.document(start) if guess.name in DOCUMENT_HEADS else None)
        if full:
            return SpeakerRef(mention, full, "organization", start, end, role)
        if guess.name in ISSUED_DOCUMENTS and speakers.history:
            kind, name, _ = speakers.history[-1]  # "The statement also said": whoever issued it, last quoted
            return SpeakerRef(mention, name, kind, start, end, role)
        if guess.name in GENERIC_ORG_HEADS:
            latest = speakers.last_quoted_org() or speakers.last_named_org(start)
            if latest is not None:  # "Acme Corp said ... The company said": the organisation just named
                return SpeakerRef(mention, latest, "organization", start, end, role)
        if guess.name in MEDIA_HEADS:
            outlet = speakers.last_quoted_org()
            if outlet is not None:  # "The website yesterday suggested": the outlet last quoted
                return SpeakerRef(mention, outlet, "organization", start, end, role)
    if guess.kind in ("anonymous", "role") and len((guess.role or "").split()) == 1 and \
            (guess.role or "").lower() in SPOKESPEOPLE:
        # "A spokesperson told ...": speaks for the organisation just quoted, or else the one just named
        last = speakers.history[-1] if speakers.history else None
        org = last[1] if last is not None and last[0] == "organization" else None
        if last is None:
            org = speakers.last_named_org(start)
        if org is not None:
            return SpeakerRef(mention, org, "organization", start, end, guess.role)
    if guess.kind == "organization" and guess.name is None and guess.pronoun:
        owner = speakers.pronoun({"his": "he", "her": "she", "their": "they", "its": "it"}[guess.pronoun], None, start)
        return SpeakerRef(mention, f"{owner[1]}’s {guess.role}" if owner else None, "organization", start, end, None)
    return None


def unnamed_reason(ref: SpeakerRef | None) -> str:
    """Why a statement has no speaker name: what the speaker phrase was, and what is missing."""
    if ref is None:
        return "no attribution: a quotation with no speaker phrase or earlier quotation to follow"
    mention = ref.mention.strip()
    if mention.lower() in PRONOUNS or mention.lower() in _OBJECT_PRONOUNS:
        return f"pronoun '{mention}' with no earlier speaker it can refer to"
    if ref.kind == "document":
        return f"'{mention}': a document the article does not name"
    if ref.kind == "organization":
        return f"'{mention}': an organisation the article does not name"
    if ref.role:
        return f"'{mention}': a role the article gives no named person"
    return f"'{mention}': a description that names no one"
