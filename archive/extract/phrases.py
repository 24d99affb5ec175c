"""Noun phrases of a tokenised sentence: where a speaker phrase starts and ends.

The quote engine walks left from a reporting verb to find its subject and right
from an inverted verb (``said X``) to find the speaker; these helpers say which
words can be part of such a phrase (names, titles, roles, organisation and group
heads, possessives) and which end it (clause words, verbs).
"""
from __future__ import annotations

import re

from .lexicon import (
    CLAUSE_STOPS,
    DETERMINERS,
    FUNCTION_WORDS,
    GROUP_HEADS,
    HONORIFICS,
    ORG_HEADS,
    PERSON_NOUNS,
    PRONOUNS,
    QUOTE_VERBS,
    ROLE_WORDS,
)
from .speakers import PARTICLES, is_cap
from .text import QuoteSpan, Token


def np_word(tok: Token) -> bool:
    lw = tok.low
    if tok.kind == "word" and len(tok.text) > 1 and tok.text.isupper() and tok.text.isalpha():
        return True  # "WHO", "NATO": an acronym, never the pronoun 'who'
    if tok.kind != "word" or lw in CLAUSE_STOPS:
        return False
    if _ORDINAL.fullmatch(lw):
        return True  # "1st Fleet Command's ... head Arba Agung"
    if is_cap(tok.text):
        return lw not in FUNCTION_WORDS
    return (lw in ROLE_WORDS or lw in ORG_HEADS or lw in GROUP_HEADS or lw in PERSON_NOUNS
            or lw in PARTICLES or tok.text.endswith(("’s", "'s")) or lw in HONORIFICS)


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _modifier_word(low: str) -> bool:
    """'veteran', 'long-time', '34-year-old': a word that can modify the head of a speaker phrase."""
    return low.replace("-", "").isalnum() and any(c.isalpha() for c in low)


def np_left(tokens: list[Token], j: int) -> int | None:
    """Start index of the noun phrase ending at token j (inclusive), or None."""
    k = j
    if tokens[k].kind == "word" and tokens[k].low in PRONOUNS:
        return k
    while k >= 0:
        tok = tokens[k]
        if tok.kind != "word":
            break
        lw = tok.low
        if lw in DETERMINERS and k < j:
            # "a spokesperson for the airline", "the head of the regional administration"
            if k >= 2 and tokens[k - 1].low in ("for", "of", "at") and tokens[k - 2].kind == "word" and (
                    tokens[k - 2].low in PERSON_NOUNS or tokens[k - 2].low in ROLE_WORDS
                    or (is_cap(tokens[k - 2].text) and tokens[k - 2].low not in FUNCTION_WORDS)):
                k -= 2
                continue
            return k
        if np_word(tok):
            k -= 1
            continue
        # "Ukraine’s air force", "the UN human rights office", "the EU's foreign policy chief":
        # up to three lower-case modifiers, after a possessive, a determiner or a proper name
        if k < j and tok.kind == "word" and _modifier_word(lw) and lw not in FUNCTION_WORDS:
            m = k
            while m > k - 3 and m >= 0 and tokens[m].kind == "word" and _modifier_word(tokens[m].low) \
                    and not is_cap(tokens[m].text) and tokens[m].low not in FUNCTION_WORDS \
                    and tokens[m].low not in CLAUSE_STOPS and tokens[m].low not in QUOTE_VERBS:
                m -= 1
            if m >= 0 and m < k and tokens[m].kind == "word" and (
                    tokens[m].text.endswith(("’s", "'s")) or tokens[m].low in DETERMINERS
                    or (is_cap(tokens[m].text) and tokens[m].low not in FUNCTION_WORDS)):
                k = m
                continue
        if lw in ("of", "for", "at", "to") and k - 1 >= 0 and k < j and tokens[k - 1].kind == "word" and (
                tokens[k - 1].low in PERSON_NOUNS or tokens[k - 1].low in ROLE_WORDS
                or tokens[k - 1].low in ORG_HEADS or tokens[k - 1].low in GROUP_HEADS):
            k -= 1
            continue
        if lw == "and" and 2 < k < j and is_cap(tokens[k + 1].text) and is_cap(tokens[k - 1].text) \
                and tokens[k - 2].low == "the" and tokens[k - 3].low in ("of", "at", "from"):
            k -= 1  # "Matthew Ingram of The Globe and Mail": an organisation's name with 'and'
            continue
        if lw in ("of", "at", "from", "for") and 0 < k < j and is_cap(tokens[k + 1].text) and tokens[k - 1].kind == "word" \
                and is_cap(tokens[k - 1].text) and tokens[k - 1].low not in FUNCTION_WORDS:
            k -= 1  # "Doug Miller of Milltech Marine": a name, then its affiliation
            continue
        break
    return k + 1 if k + 1 <= j else None


def np_right(tokens: list[Token], i: int) -> int | None:
    """End index (exclusive) of a noun phrase starting at token i, or None."""
    k = i
    if k < len(tokens) and tokens[k].kind == "word" and tokens[k].low in PRONOUNS:
        return k + 1
    if k < len(tokens) and tokens[k].kind == "word" and tokens[k].low in DETERMINERS:
        k += 1
    start = k
    while k < len(tokens) and np_word(tokens[k]):
        k += 1
    return k if k > start else None


def as_noun(tokens: list[Token], i: int) -> bool:
    """A verb form used as a noun: after a determiner or a possessive, or after 'a' and a name."""
    lw = tokens[i].low
    if lw.endswith(("ed", "ing")) or i == 0 or tokens[i - 1].kind != "word":
        return False
    prev = tokens[i - 1]
    if prev.low in DETERMINERS or prev.low in ("his", "her", "its", "their", "our", "my", "your") \
            or prev.text.endswith(("’s", "'s")):
        return True
    k = i - 1
    while k > 0 and tokens[k].kind == "word" and is_cap(tokens[k].text) and tokens[k].low not in FUNCTION_WORDS:
        k -= 1
    return k < i - 1 and tokens[k].low in ("a", "an")  # "a Daily Courier report"


def is_adverb(tokens: list[Token], j: int) -> bool:
    """'publicly' in 'X publicly said'; not 'family' in 'the family said'."""
    lw = tokens[j].low
    return (lw.endswith("ly") and len(lw) > 4 and not is_cap(tokens[j].text) and j > 0
            and tokens[j - 1].kind == "word" and tokens[j - 1].low not in DETERMINERS
            and lw not in ORG_HEADS and lw not in GROUP_HEADS and lw not in PERSON_NOUNS and lw not in ROLE_WORDS
            and lw not in ("only", "italy", "ally", "rally", "assembly", "supply", "anomaly", "monopoly"))


def words_of(tokens: list[Token], a: int, b: int) -> list[str]:
    return [t.text for t in tokens[a:b] if t.kind == "word"]


def qspan(tok: Token) -> QuoteSpan:
    """The quotation of a 'quote' token (every quote token has one)."""
    if tok.quote is None:
        raise ValueError(f"not a quote token: {tok.text!r}")
    return tok.quote


def words_outside_parens(tokens: list[Token], a: int, b: int) -> list[str]:
    """'the secretary general of CEI (Italian Episcopal Conference)' -> the words before the brackets."""
    words, depth = [], 0
    for t in tokens[a:b]:
        depth += (t.text == "(") - (t.text == ")")
        if t.kind == "word" and depth == 0:
            words.append(t.text)
    return words


def is_name_run(tokens: list[Token], a: int, b: int) -> bool:
    words = list(tokens[a:b])
    return 1 <= len(words) <= 5 and all(t.kind == "word" and (is_cap(t.text) or t.low in PARTICLES) for t in words) \
        and words[0].low not in FUNCTION_WORDS


