"""Names as every stage compares them: a normal form, and near spellings of a surname.

Shared by extraction (within an article), the resolve stage and the writer (across articles),
so it depends on nothing but the standard library.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import LCSseq

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_WORD_RUN = re.compile(r"[^\W_]+")  # a key's words: what is left between runs of other characters


_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """'Volodymyr Zelenskyy’s' -> 'volodymyr zelenskyy'."""
    if name.isascii():  # no zero-width character, nothing to decompose, no accent to drop
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", _ZERO_WIDTH.sub("", name))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("", text)
    return " ".join(_WORD_RUN.findall(text))


SURNAME_RATIO = 0.85  # similar_surname: Zelensky ~ Zelenskyy, not Shmyhal ~ Shmyhov


@lru_cache(maxsize=65536)
def similar_surname(a: str, b: str) -> bool:
    return a == b or ratio_at_least(a, b, SURNAME_RATIO)


def ratio_at_least(a: str, b: str, threshold: float) -> bool:
    """``difflib.SequenceMatcher(None, a, b).ratio() >= threshold``, the answer difflib gives, fast.

    difflib's matching blocks are a common subsequence of the two strings, so the ratio is never
    above twice the longest common subsequence's length over both lengths. rapidfuzz counts that
    in C in a fraction of a microsecond; most pairs fall below the threshold there and never
    reach difflib, which costs some 14 microseconds a pair."""
    total = len(a) + len(b)
    if total and 2.0 * LCSseq.similarity(a, b) / total < threshold:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= threshold
