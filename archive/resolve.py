"""Speaker names across articles: normalization and same-speaker matching.

Pure functions; :mod:`archive.store` keeps the index they are applied to.

Rules (a wrong merge is worse than a missed one):

* Names are compared by ``name_key``: accents dropped, lower case, a
  possessive ``'s`` dropped, punctuation as spaces.
* Two person names are the same person when their last words are near
  spellings of each other (difflib ratio >= 0.85: Zelensky ~ Zelenskyy) and
  their first words agree: same first word, or one is an initial of the
  other (``V. Zelensky``). A bare surname joins a person only when exactly
  one known person has that surname.
* Organizations and groups are the same when their keys are equal.
* Anonymous speakers ("one Kyiv resident") are never merged across articles.
* The canonical name is the fullest form seen (most words, then longest),
  unless a curator has named the speaker.
"""
from __future__ import annotations

import difflib

from .names import name_key, similar_surname

__all__ = ["SpeakerIndex", "fuller", "name_key", "same_person", "similar_surname"]


def same_person(a: str, b: str) -> bool:
    """True if two full person names (keys or not) name the same person."""
    ta, tb = name_key(a).split(), name_key(b).split()
    if not ta or not tb or not similar_surname(ta[-1], tb[-1]):
        return False
    if len(ta) < 2 or len(tb) < 2:
        return False  # a bare surname is decided by the index, not here
    fa, fb = ta[0], tb[0]
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return fa[0] == fb[0] and difflib.SequenceMatcher(None, fa, fb).ratio() >= 0.8


def fuller(candidate: str, current: str) -> bool:
    """True if ``candidate`` is a fuller form of a name than ``current``."""
    return (len(candidate.split()), len(candidate)) > (len(current.split()), len(current))


class SpeakerIndex:
    """In-memory look-up of speakers by alias; the store keeps it in step with the tables."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], int] = {}     # (kind, alias_key) -> speaker id
        self.curated: dict[str, int] = {}                # alias_key -> speaker id, curator's word
        self.surnames: dict[str, set[int]] = {}          # last word -> person ids
        self.names: dict[int, tuple[str, str, bool]] = {}  # id -> (canonical, kind, locked)

    def add_speaker(self, speaker_id: int, canonical: str, kind: str, locked: bool = False) -> None:
        self.names[speaker_id] = (canonical, kind, locked)

    def add_alias(self, speaker_id: int, key: str, kind: str, curated: bool = False) -> None:
        if curated:
            self.curated[key] = speaker_id
        self.by_key.setdefault((kind, key), speaker_id)
        if kind == "person" and key:
            self.surnames.setdefault(key.split()[-1], set()).add(speaker_id)

    def find(self, name: str, kind: str) -> int | None:
        """The speaker a resolved name belongs to, or None for a new speaker."""
        key = name_key(name)
        if key in self.curated:
            return self.curated[key]
        if kind == "anonymous":
            return None
        hit = self.by_key.get((kind, key))
        if hit is not None or kind != "person" or not key:
            return hit
        words = key.split()
        candidates = {sid for surname, ids in self.surnames.items()
                      if similar_surname(surname, words[-1]) for sid in ids}
        if len(words) == 1:
            return next(iter(candidates)) if len(candidates) == 1 else None
        matches = [sid for sid in candidates if same_person(self.names[sid][0], name)]
        return matches[0] if len(matches) == 1 else None
