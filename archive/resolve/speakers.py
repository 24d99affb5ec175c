"""Speaker identity across articles: which stored speaker a name in a new article belongs to.

Rules (a wrong merge is worse than a missed one):

* Names are compared by ``name_key``: accents dropped, lower case, a possessive ``'s`` dropped,
  punctuation as spaces.
* Two person names are the same person when their last words are near spellings of each other
  (difflib ratio >= 0.85: Zelensky ~ Zelenskyy) and their first words agree: same first word, or
  one is an initial of the other (``V. Zelensky``). A bare surname joins a person only when
  exactly one known person has that surname.
* Organizations and groups are the same when their keys are equal.
* Anonymous speakers ("one Kyiv resident") and groups no proper noun names ("officials",
  "authorities") are never merged across articles: one per article and description. A curator's name for one (or a merge into a person) holds for that article only, and
  through re-extraction (``SpeakerIndex.anonymous``: article and description -> speaker).
* The canonical name is the fullest form seen (most words, then longest), unless a curator has
  named the speaker; a curated alias always wins over the machine's matching.

:func:`resolve_speakers` is pure but for the index it is given: speakers it meets for the first
time get provisional ids (below zero) in the index, which the writer replaces with the ids it
stores them under (:meth:`SpeakerIndex.relabel`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..names import SURNAME_RATIO, name_key, ratio_at_least, similar_surname
from ..types import QuoteFound

__all__ = ["NewSpeaker", "ResolvedSpeakers", "SpeakerIndex", "fuller", "per_article", "resolve_speakers",
           "same_person"]

def per_article(name: str, kind: str) -> bool:
    """Anonymous speakers, and groups that no proper noun names ('officials', 'authorities',
    'residents'), are one per article: the officials of one story are not those of another."""
    return kind == "anonymous" or (kind == "group" and name == name.lower())


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
    return fa[0] == fb[0] and ratio_at_least(fa, fb, 0.8)


def fuller(candidate: str, current: str) -> bool:
    """True if ``candidate`` is a fuller form of a name than ``current``."""
    return (len(candidate.split()), len(candidate)) > (len(current.split()), len(current))


class SpeakerIndex:
    """Look-up of speakers by alias, kept in step with the tables by the writer.

    Surnames are blocked by length (a ratio of 0.85 allows lengths within a factor of about 1.35)
    and by their first letter or their last two (two spellings that close share a start or an
    end: Zelensky ~ Selensky, Zelenskyy ~ Zelenskiy), so a look-up compares a name with a few
    similar surnames, not with every person the archive knows.
    """

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], int] = {}     # (kind, alias_key) -> speaker id
        self.curated: dict[str, int] = {}                # alias_key -> speaker id, curator's word
        self.surnames: dict[str, set[int]] = {}          # last word -> person ids
        self.names: dict[int, tuple[str, str, bool]] = {}  # id -> (canonical, kind, locked)
        self.anonymous: dict[tuple[str, str], int] = {}  # (article hash, description key) -> speaker id
        self._blocks: dict[tuple[str, int], set[str]] = defaultdict(set)  # (start or end, length) -> surnames
        self._keys: dict[int, set[tuple[str, str]]] = defaultdict(set)    # id -> its (kind, key)s
        self._next_provisional = -1

    def add_speaker(self, speaker_id: int, canonical: str, kind: str, locked: bool = False) -> None:
        self.names[speaker_id] = (canonical, kind, locked)

    def add_alias(self, speaker_id: int, key: str, kind: str, curated: bool = False) -> None:
        if curated:
            self.curated[key] = speaker_id
        self.by_key.setdefault((kind, key), speaker_id)
        self._keys[speaker_id].add((kind, key))
        if kind == "person" and key:
            surname = key.split()[-1]
            self.surnames.setdefault(surname, set()).add(speaker_id)
            for block in _blocks_of(surname):
                self._blocks[block].add(surname)

    def provisional(self, name: str, kind: str) -> int:
        """A speaker met for the first time: an id below zero until the writer stores it."""
        sid = self._next_provisional
        self._next_provisional -= 1
        self.add_speaker(sid, name, kind)
        return sid

    def relabel(self, old: int, new: int) -> None:
        """The writer stored provisional speaker ``old`` as ``new`` (or found it stored as ``new``)."""
        canonical, kind, locked = self.names.pop(old)
        self.names.setdefault(new, (canonical, kind, locked))
        for pair in self._keys.pop(old, ()):
            if self.by_key.get(pair) == old:
                self.by_key[pair] = new
            self._keys[new].add(pair)
            ids = self.surnames.get(pair[1].split()[-1]) if pair[0] == "person" and pair[1] else None
            if ids is not None and old in ids:
                ids.discard(old)
                ids.add(new)
        for key, sid in list(self.curated.items()):
            if sid == old:
                self.curated[key] = new
        for place, sid in list(self.anonymous.items()):
            if sid == old:
                self.anonymous[place] = new

    def forget(self, speaker_id: int) -> None:
        """Drop a stored per-article speaker from the index: only its own article names it, and the
        writer reads those back per article (``anonymous``), so the index stays the size of the
        archive's named speakers, not of its articles."""
        self.names.pop(speaker_id, None)
        for pair in self._keys.pop(speaker_id, ()):
            if self.by_key.get(pair) == speaker_id:
                del self.by_key[pair]

    def _similar_surnames(self, surname: str) -> Iterable[str]:
        n = len(surname)
        seen: set[str] = set()
        r = SURNAME_RATIO
        for length in range(int(n * r / (2 - r)), int(n * (2 - r) / r) + 2):
            for start_or_end, _ in _blocks_of(surname):
                for known in self._blocks.get((start_or_end, length), ()):
                    if known in seen:
                        continue
                    seen.add(known)
                    if similar_surname(known, surname):
                        yield known

    def find(self, name: str, kind: str) -> int | None:
        """The speaker a resolved name belongs to, or None for a new speaker."""
        if per_article(name, kind):
            return None  # never across articles, not even by a curated alias (see resolve_speakers)
        key = name_key(name)
        if key in self.curated:
            return self.curated[key]
        hit = self.by_key.get((kind, key))
        if hit is not None or kind != "person" or not key:
            return hit
        words = key.split()
        candidates = {sid for surname in self._similar_surnames(words[-1]) for sid in self.surnames[surname]}
        if len(words) == 1:
            return next(iter(candidates)) if len(candidates) == 1 else None
        matches = [sid for sid in candidates if same_person(self.names[sid][0], name)]
        return matches[0] if len(matches) == 1 else None


def _blocks_of(surname: str) -> tuple[tuple[str, int], ...]:
    return (("^" + surname[0], len(surname)), ("$" + surname[-2:], len(surname)))


@dataclass(frozen=True, slots=True)
class NewSpeaker:
    provisional_id: int
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class ResolvedSpeakers:
    """Who each quote's speaker is, across the archive."""

    links: tuple[int | None, ...]              # per quote: a speaker id (a provisional one < 0 if new)
    new: tuple[NewSpeaker, ...]                # speakers to store, in the order met
    aliases: tuple[tuple[int, str], ...]       # (speaker, name): a spelling to store as a machine alias
    renames: tuple[tuple[int, str], ...]       # (speaker, name): a fuller canonical name


class _Resolution:
    def __init__(self, index: SpeakerIndex) -> None:
        self.index = index
        self.new: list[NewSpeaker] = []
        self.aliases: list[tuple[int, str]] = []
        self.renames: list[tuple[int, str]] = []

    def create(self, name: str, kind: str) -> int:
        sid = self.index.provisional(name, kind)
        self.new.append(NewSpeaker(sid, name, kind))
        self.note(sid, name)
        return sid

    def note(self, speaker_id: int, name: str) -> None:
        """A spelling of a known speaker: a new alias, and maybe a fuller canonical name."""
        index = self.index
        canonical, kind, locked = index.names[speaker_id]
        key = name_key(name)
        if index.by_key.get((kind, key)) != speaker_id and key not in index.curated:
            self.aliases.append((speaker_id, name))
            index.add_alias(speaker_id, key, kind)
        elif (kind, key) not in index.by_key:
            index.add_alias(speaker_id, key, kind)
        if not locked and fuller(name, canonical):
            self.renames.append((speaker_id, name))
            index.add_speaker(speaker_id, name, kind, locked)


def resolve_speakers(quotes: Iterable[QuoteFound], index: SpeakerIndex, article: str = "") -> ResolvedSpeakers:
    """Match each quote's speaker name with the archive's speakers (see the module docstring);
    ``article`` is the article's content hash (an anonymous speaker belongs to one article)."""
    work = _Resolution(index)
    links: list[int | None] = []
    anonymous: dict[str, int] = {}  # anonymous speakers are one per article and description
    for q in quotes:
        ref = q.speaker
        if ref is None or not ref.name:
            links.append(None)
            continue
        if per_article(ref.name, ref.kind):
            key = name_key(ref.name)
            sid = anonymous.get(key) or index.anonymous.get((article, key))
            if sid is None:
                sid = work.create(ref.name, ref.kind)
            anonymous[key] = sid
        else:
            sid = index.find(ref.name, ref.kind)
            if sid is None:
                sid = work.create(ref.name, ref.kind)
            else:
                work.note(sid, ref.name)
        links.append(sid)
    return ResolvedSpeakers(tuple(links), tuple(work.new), tuple(work.aliases), tuple(work.renames))
