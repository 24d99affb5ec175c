"""Names as every stage compares them: a normal form, and near spellings of a surname.

Shared by extraction (within an article), the resolve stage and the writer (across articles),
so it depends on nothing but the standard library.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_NON_WORD = re.compile(r"[\W_]+")


_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """'Volodymyr Zelenskyy’s' -> 'volodymyr zelenskyy'."""
    text = unicodedata.normalize("NFKD", _ZERO_WIDTH.sub("", name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _POSSESSIVE.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=65536)
def similar_surname(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85
