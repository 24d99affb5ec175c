"""Who is speaking: speaker noun phrases, and their resolution within an article.

``classify`` turns the words of a subject or ``according to`` phrase into a
speaker guess: its kind (person, organization, group, anonymous), the name
as it should be stored, the role and affiliation said with it, and the
gender an honorific or role word gives.

``ArticleSpeakers`` keeps what the article has said about people so far: full
names by surname (``Mr Zelensky`` -> ``Volodymyr Zelensky``), people by role
(``the Kremlin spokesman`` -> ``Dmitry Peskov``) and the speakers of earlier
attributions, which pronouns resolve to (``he`` -> the nearest compatible
person, preferring the subject of the previous attribution).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..names import name_key, ratio_at_least, similar_surname
from ..types import SpeakerRef
from .diskcache import cached, digest
from .gazetteer import gazetteer
from .lexicon import (
    ANAPHORIC_NOUNS,
    DEMONYMS,
    DETERMINERS,
    DOCUMENT_HEADS,
    GROUP_HEADS,
    HONORIFICS,
    INDEFINITE,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_HEADS,
    PRONOUNS,
    ROLE_WORDS,
)
from .text import Token

PARTICLES = frozenset("von van der den de da di del della la le bin al el ibn dos du ter ten".split())
_POSSESSIVE = re.compile(r"['’]s?$")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
_NOT_NAMES = frozenset("""
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december however meanwhile but and the a an in on at for of to
    this that these those it he she they we i his her their its our after before while when if as
""".split())


@dataclass(frozen=True, slots=True)
class Guess:
    kind: str                  # person | organization | group | anonymous | pronoun | role
    name: str | None           # as to be stored; None for a pronoun or an unresolved role
    role: str | None = None
    gender: str | None = None  # m | f | None
    pronoun: str | None = None


def place_names() -> frozenset[str]:
    """Lower-case names a capitalised run is a place by, not a person (the shared gazetteer's)."""
    return gazetteer().speaker_places


@lru_cache(maxsize=1)
def _gender_detector():
    """gender-guesser's detector, its 48,000-line name list parsed once per installed version."""
    import gender_guesser.detector as detector

    return cached("first-names", digest(["gender-guesser"]), lambda: detector.Detector(case_sensitive=False),
                  detector.Detector)


_GENDERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


def _spelling(a: str, b: str) -> bool:
    """'Sarea' ~ 'Saree', 'Zelenskyy' ~ 'Zelensky': one article spelling a surname two ways."""
    return len(a) >= 5 and len(b) >= 5 and a[:3] == b[:3] and ratio_at_least(a, b, 0.8)


_ACRONYM_GLUE = frozenset("of and for the de la".split())
_LED_BY = re.compile(r"[A-Z][\w.]*-[a-z]+")  # "Kurdish-led", "Iranian-backed", "US-based"


@lru_cache(maxsize=16384)
def first_name_gender(name: str) -> str | None:
    """'Ana Petrenko' -> 'f' (gender-guesser's first-name lists); None when unsure."""
    first = name.split()[0] if name.split() else ""
    if len(first) < 2 or first.endswith(".") or first.isupper():
        return None  # initials and acronyms ("CEI", "NATO") are not first names
    return _GENDERS.get(_gender_detector().get_gender(first))


def is_place(words: list[str]) -> bool:
    return " ".join(words).lower() in place_names()


def strip_possessive(word: str) -> str:
    """"Zelensky's" -> 'Zelensky' (zero-width characters inside a name go too)."""
    word = _ZERO_WIDTH.sub("", word)
    return _POSSESSIVE.sub("", word) if word[-2:] in ("’s", "'s") or word[-1:] in "’'" else word


def is_cap(word: str) -> bool:
    return word[:1].isupper()


def _cap_before_particles(words: list[str], k: int) -> bool:
    """'Ursula von der Leyen': a capitalized word stands before the run of particles at k."""
    while k > 0 and words[k - 1].lower() in PARTICLES:
        k -= 1
    return k > 0 and is_cap(words[k - 1])


def _titled(words: list[str]) -> str:
    return " ".join(w if w[:1].isupper() else w.capitalize() for w in words)


@dataclass(slots=True)
class _Phrase:
    """A speaker phrase as ``classify`` takes it apart: determiner, possessive affiliation, the rest."""
    det: str | None
    words: list[str]
    low: list[str]
    affiliation: list[str]
    affil: str | None


def classify(words: list[str]) -> Guess | None:
    """The speaker a noun phrase names, or None if it cannot be a speaker.

    ``words`` are the phrase's words as written, e.g. ["the", "UK’s", "Prime",
    "Minister"] or ["one", "Kyiv", "resident"].
    """
    words = [_ZERO_WIDTH.sub("", w) for w in words if w not in (",", "-")]
    if not words:
        return None
    low = [w.lower() for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        kind, gender = PRONOUNS[low[0]]
        return Guess("pronoun", None, gender=gender, pronoun=low[0])
    det = None
    if low[0] in DETERMINERS:
        det, words, low = low[0], words[1:], low[1:]
    if not words:
        return None
    while len(words) > 1 and _LED_BY.fullmatch(words[0]) and is_cap(words[1]):
        words, low = words[1:], low[1:]  # "the Kurdish-led Syrian Democratic Forces": a modifier, not the name
    if det in INDEFINITE and len(words) == 1 and is_cap(words[0]):
        # "a Republican, Mark Amodei,": one capitalised word after "a" describes, it does not name
        return Guess("anonymous", words[0], role=words[0])
    if det == "the" and len(words) == 1 and (low[0] in ANAPHORIC_NOUNS or re.fullmatch(r"\d+-year-old", low[0])):
        # "the Dane said", "the 45-year-old added": someone the article has just named
        return Guess("pronoun", None, role=words[0], pronoun="he/she")
    p = _split_affiliation(det, words, low)
    if p.affiliation and len(p.words) == 1 and p.low[0] in DOCUMENT_HEADS:
        return classify(p.affiliation[:-1] + [strip_possessive(p.affiliation[-1])])  # "Cornyn's statement": Cornyn
    guess = _name_of_affiliation(p)
    if guess is not None:
        return guess
    k, name_words = _trailing_name(p.words, p.low)
    guess = _name_of_body(p.words, p.low, k, name_words)
    if guess is not None:
        return guess
    k, name_words = _trim_titles(k, name_words)
    before = p.words[: k + 1]
    gender = _gender([w.lower() for w in before], p.low[-1])
    role = " ".join(w for w in before if w.lower() not in HONORIFICS) or None
    if p.affil and role:
        role = f"{p.affil}’s {role}" if not name_words else role
    if name_words:
        return _named(p, before, name_words, role, gender)
    return _unnamed(p, gender)


def _split_affiliation(det: str | None, words: list[str], low: list[str]) -> _Phrase:
    """A possessive splits affiliation from the rest: "Ukraine’s air force", "Al Jazeera’s Challands"."""
    for k, w in enumerate(words[:-1]):
        if w.endswith(("’s", "'s")) or (w.endswith(("’", "'")) and w[:-1].endswith("s")):
            affiliation = words[: k + 1]
            affil = " ".join(affiliation[:-1] + [strip_possessive(affiliation[-1])])
            return _Phrase(det, words[k + 1:], low[k + 1:], affiliation, affil)
    return _Phrase(det, words, low, [], None)


def _name_of_affiliation(p: _Phrase) -> Guess | None:
    """"Professor Jane Doe of the University of Oxford": the name, then an affiliation."""
    words, low = p.words, p.low
    for k, lw in enumerate(low[1:-1], 1):
        if lw in ("of", "at", "from", "for") and (k >= 2 or lw != "for") and is_cap(words[k - 1]) \
                and low[k - 1] not in ROLE_WORDS and low[k - 1] not in ORG_HEADS and low[k - 1] not in HONORIFICS:
            inner = classify(([p.det] if p.det else []) + words[:k])
            if inner is not None and inner.kind == "person":
                affiliation_text = " ".join(words[k + 1:])
                return Guess("person", inner.name, role=", ".join(x for x in (inner.role, affiliation_text) if x),
                             gender=inner.gender)
            if inner is not None and inner.kind == "group":
                return Guess("group", " ".join(words))  # "Analysts at Barclays"
            break
    return None


def _trailing_name(words: list[str], low: list[str]) -> tuple[int, list[str]]:
    """A run of capitalized words at the end, after titles and roles, is a name; k is the last word before it."""
    name_words: list[str] = []
    k = len(words) - 1
    while k >= 0:
        w, lw = words[k], low[k]
        if is_cap(w) and lw not in ROLE_WORDS and lw not in HONORIFICS and lw not in _NOT_NAMES \
                or lw in PARTICLES and name_words and k > 0 and _cap_before_particles(words, k):
            name_words.insert(0, w)
        else:
            break
        k -= 1
    return k, name_words


def _name_of_body(words: list[str], low: list[str], k: int, name_words: list[str]) -> Guess | None:
    """"the Foreign Ministry of Iraq", "the mayor of London": the capitalized run completes a body or a role."""
    if name_words and 1 <= k < len(words) - 1 and low[k] == "of" and low[k - 1] in ORG_HEADS and is_cap(words[k - 1]):
        return Guess("organization", " ".join(words))
    p = k - 1 if k >= 2 and low[k] in ("the", "a") else k
    if name_words and 1 <= p < len(words) - 1 and low[p] in ("of", "for") and (
            low[p - 1] in ROLE_WORDS or low[p - 1] in PERSON_NOUNS) and len(name_words) <= 2 \
            and not any(first_name_gender(w) for w in name_words):
        return Guess("role", None, role=" ".join(words))  # its complement is a place or a body
    return None


def _trim_titles(k: int, name_words: list[str]) -> tuple[int, list[str]]:
    """Words at the front of the capitalized run that belong to the title, not the name."""
    while len(name_words) >= 3 and (is_place([w.lower() for w in name_words[:2]]) or is_place([name_words[0].lower()])):
        # "Ambassador to the United States Hamdullah Mohib": the place completes the title
        cut = 2 if is_place([w.lower() for w in name_words[:2]]) else 1
        k += cut
        name_words = name_words[cut:]
    # "Prosecutor James Holt", "Pensioner Margaret Hill": a capitalized word before a known first name is a title
    while len(name_words) >= 3 and first_name_gender(name_words[0]) is None and \
            first_name_gender(name_words[1]) is not None:
        k += 1
        name_words = name_words[1:]
    return k, name_words


def _gender(before_low: list[str], head: str) -> str | None:
    """The gender an honorific or a gendered role word gives."""
    if "spokesman" in before_low or head == "spokesman":
        return "m"
    if "spokeswoman" in before_low or head == "spokeswoman":
        return "f"
    return next((HONORIFICS[w] for w in before_low if w in HONORIFICS), None)


def _named(p: _Phrase, before: list[str], name_words: list[str], role: str | None, gender: str | None) -> Guess | None:
    """The phrase ends in a capitalized run: a person, a body, a group or a place."""
    det, affil, words, low = p.det, p.affil, p.words, p.low
    nlow = [w.lower() for w in name_words]
    if nlow[-1] in GROUP_HEADS and nlow[-1] not in ORG_HEADS:
        return Guess("group", " ".join(([DEMONYMS.get(affil.lower(), affil)] if affil else []) + words))
    if nlow[-1] in ORG_HEADS or nlow[-1] in GROUP_HEADS:
        return _organization(det, affil, words, low)
    titled = any(w.lower() in HONORIFICS or (w.lower() in ROLE_WORDS and w.lower() not in ORG_HEADS) for w in before)
    if not titled and (is_place(nlow) or (len(name_words) == 1 and nlow[0] in DEMONYMS)):
        if before and all(w.lower() in ORG_HEADS for w in before) and not affil:
            return Guess("organization", " ".join(words))  # "Police Scotland"
        if before or affil:
            return None  # "Ukrainian Kyiv"? not a speaker
        return Guess("organization", " ".join(strip_possessive(w) for w in name_words))
    if det and det not in ("his", "her", "their", "its") and len(name_words) <= 2 and not before \
            and not any(w.lower() in HONORIFICS for w in words):
        return _organization(det, affil, words, low)  # "the Pentagon", "the Kremlin"
    if affil and role is None and p.affiliation and not is_place([strip_possessive(a).lower() for a in p.affiliation]):
        role = affil  # "Al Jazeera’s Rory Challands": the outlet is the affiliation
    name = " ".join(strip_possessive(w) for w in name_words)
    if len(name_words) >= 4 and not any(first_name_gender(w) for w in name_words):
        return Guess("organization", name)  # "Combined Joint Task Force Operation Inherent Resolve"
    return Guess("person", name, role=role, gender=gender)


def _unnamed(p: _Phrase, gender: str | None) -> Guess | None:
    """No name in the phrase: its head noun says whether it is a group, a body, a role or no speaker."""
    det, affil, words, low = p.det, p.affil, p.words, p.low
    head = low[-1]
    if head in GROUP_HEADS and head not in ORG_HEADS or (head in GROUP_HEADS and det not in INDEFINITE and head.endswith("s")):
        if det in INDEFINITE and det != "some":
            return None
        return Guess("group", " ".join(([DEMONYMS.get(affil.lower(), affil)] if affil else []) + words))
    if head in ORG_HEADS:
        return _organization(det, affil, words, low)
    if head in PERSON_NOUNS or head in ROLE_WORDS:
        if det in INDEFINITE:
            return Guess("anonymous", " ".join(([affil] if affil else []) + words), role=" ".join(words))
        role = " ".join(([f"{affil}’s"] if affil else []) + words)
        if any(w in INDEFINITE for w in low[1:]):
            # "the daughter of one victim": someone the article does not name
            return Guess("anonymous", " ".join(words), role=role)
        # "Petrenko’s lawyer": if the article names no one in that role, the phrase is the name
        return Guess("role", role if affil else None, role=role, gender=gender)
    return None


def _organization(det: str | None, affil: str | None, words: list[str], low: list[str]) -> Guess:
    if det in ("his", "her", "their", "its"):
        return Guess("organization", None, role=" ".join(words), pronoun=det)
    if affil:
        demonym = DEMONYMS.get(affil.lower())
        name = (demonym + " " + _titled(words)) if demonym else f"{affil}’s {' '.join(words)}"
    else:
        name = " ".join(words)
    if name and name[0].islower() and any(w[:1].isupper() for w in words):
        name = _titled(words)
    return Guess("organization", name)


class ArticleSpeakers:
    """What one article has said about people, in reading order."""

    def __init__(self) -> None:
        self.full_names: list[tuple[int, str, str | None]] = []   # (offset, full name, gender)
        # Indexes over full_names and roles, so that each look-up costs the number of distinct
        # names, not the number of mentions (a long transcript repeats the same few names).
        self.known_names: dict[str, tuple[list[str], str | None, list[int]]] = {}  # full -> (key words, gender, offsets)
        self._by_surname: dict[str, list[str]] = {}
        self._surname_match: dict[tuple[str, str], bool] = {}
        self._roles_by_last: dict[str, list[tuple[int, str, str]]] = {}
        self.roles: list[tuple[int, str, str]] = []               # (offset, role key, full name)
        self.history: list[tuple[str, str, str | None]] = []      # attributed (kind, name, gender)
        self.history_pos: list[int] = []                          # where each attribution stands
        self.subjects: list[tuple[int, str, str | None]] = []     # (offset, name, gender) of sentence subjects
        self._subject_mentions: dict[int, tuple[int, str]] = {}   # offset -> (end, words written) of a subject
        self.orgs: list[tuple[int, str]] = []                     # (offset, name) of organizations named
        self.acronyms: dict[str, str] = {}                        # "sdf" -> "Syrian Democratic Forces"

    def learn_names(self, sentences_tokens: list[list[Token]]) -> None:
        """Pre-pass: every 'Title First Last' and 'First Last' run in the article."""
        for tokens in sentences_tokens:
            self._learn_acronyms(tokens)
            run: list[Token] = []
            for tok in tokens + [Token("", 0, 0, "punct", None, "")]:
                if tok.kind == "word" and (is_cap(tok.text) or (tok.low in PARTICLES and run)):
                    run.append(tok)
                    if tok.text.endswith(("’s", "'s")):
                        self._learn_run(run)
                        run = []
                    continue
                if run:
                    self._learn_run(run)
                run = []

    def _learn_acronyms(self, tokens: list[Token]) -> None:
        """'the Syrian Democratic Forces (SDF)': later 'the SDF said' is the Syrian Democratic Forces."""
        for k in range(2, len(tokens) - 2):
            short = tokens[k].text
            if tokens[k - 1].text != "(" or tokens[k + 1].text != ")" or not (2 <= len(short) <= 8) \
                    or not short.replace(".", "").isupper() or not short[0].isalpha():
                continue
            a = k - 1
            while a > 0 and tokens[a - 1].kind == "word" and (is_cap(tokens[a - 1].text) or (
                    tokens[a - 1].low in _ACRONYM_GLUE and a > 1 and is_cap(tokens[a - 2].text))):
                a -= 1
            words = [strip_possessive(t.text) for t in tokens[a:k - 1]]
            while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in _ACRONYM_GLUE
                             or _LED_BY.fullmatch(words[0])):
                words = words[1:]
            if len(words) >= 2:
                self.acronyms[short.replace(".", "").lower()] = " ".join(words)
                self.org(tokens[a].start, " ".join(words))

    def expand(self, name: str) -> str:
        """'SDF' -> 'Syrian Democratic Forces' when the article spelled it out."""
        return self.acronyms.get(strip_possessive(name).replace(".", "").lower(), name)

    def _learn_run(self, run: list[Token]) -> None:
        words = [t.text for t in run]
        org_words = [strip_possessive(w) for w in words]
        while org_words and org_words[0].lower() in _NOT_NAMES:
            org_words = org_words[1:]
        if 2 <= len(org_words) <= 7 and (org_words[-1].lower() in ORG_HEADS or org_words[-1].lower() in DOCUMENT_HEADS):
            self.org(run[0].start, " ".join(org_words))  # "Foreign Ministry", "Environment Agency": for "the ministry"
            return
        # "Senate Minority Leader John Thune": the name starts at the first known first name
        for k in range(len(words) - 1):
            if first_name_gender(words[k]) is not None and words[k + 1][:1].isupper():
                if k:
                    run = run[k:]
                    words = words[k:]
                break
        while words and (words[0].lower() in ROLE_WORDS or words[0].lower() in HONORIFICS
                         or words[0].lower() in _NOT_NAMES or words[0].lower() in DEMONYMS):
            words = words[1:]
        while words and words[-1].lower() in PARTICLES:
            words = words[:-1]
        words = [strip_possessive(w) for w in words]
        low = [w.lower() for w in words]
        if not 2 <= len(words) <= 4 or any(w in ORG_HEADS or w in GROUP_HEADS or w in ROLE_WORDS for w in low):
            return
        if is_place(low) or any(w in _NOT_NAMES for w in low) or not words[0][:1].isupper() \
                or low[-1] in PLACE_HEADS:
            return  # "Streatham High Road", "Fishmongers' Hall": a place, not a person
        role_words = [t.text for t in run[: len(run) - len(words)]]  # (titles stripped above are lost here)
        name = " ".join(words)
        gender = next((HONORIFICS[w.lower()] for w in role_words if w.lower() in HONORIFICS), None) \
            or first_name_gender(name)
        self._add_full_name(run[0].start, name, gender)
        role = " ".join(w for w in role_words if w.lower() not in HONORIFICS and w.lower() not in _NOT_NAMES)
        if role:
            self.note_role(run[0].start, role, name)

    def _add_full_name(self, offset: int, name: str, gender: str | None) -> None:
        self.full_names.append((offset, name, gender))
        known = self.known_names.get(name)
        if known is None:
            fwords = name_key(name).split()
            self.known_names[name] = (fwords, gender, [offset])
            self._by_surname.setdefault(fwords[-1], []).append(name)
        else:
            known[2].append(offset)
            if known[1] is None and gender:
                self.known_names[name] = (known[0], gender, known[2])

    def note_role(self, offset: int, role: str, name: str) -> None:
        key = " ".join(w for w in name_key(role).split() if w not in DETERMINERS)
        if key:
            self.roles.append((offset, key, name))
            self._roles_by_last.setdefault(key.split()[-1], []).append((offset, key, name))

    def _same_surname(self, a: str, b: str) -> bool:
        hit = self._surname_match.get((a, b))
        if hit is None:
            hit = self._surname_match[(a, b)] = similar_surname(a, b) or _spelling(a, b)
        return hit

    def full_name(self, name: str, offset: int) -> str:
        """'Zelensky' -> 'Volodymyr Zelensky' when the article gives the full form: the latest
        fitting full name before ``offset``, else the first one after it."""
        words = name_key(name).split()
        if not words:
            return name
        before: tuple[int, str] | None = None
        after: tuple[int, str] | None = None
        for surname, fulls in self._by_surname.items():
            if not self._same_surname(surname, words[-1]):
                continue
            for full in fulls:
                fwords, _, offsets = self.known_names[full]
                if len(fwords) < len(words) or (len(words) > 1 and fwords[0][0] != words[0][0]):
                    continue
                k = bisect.bisect_right(offsets, offset)
                if k and (before is None or offsets[k - 1] > before[0]):
                    before = (offsets[k - 1], full)
                if after is None or offsets[0] < after[0]:
                    after = (offsets[0], full)
        best = before or after
        return best[1] if best else name

    def gender_of(self, name: str) -> str | None:
        known = self.known_names.get(name)
        return known[1] if known else None

    def org(self, offset: int, name: str) -> None:
        """An organization the article has named ('the Environment Agency'), for 'the agency' later."""
        self.orgs.append((offset, name))

    def org_by_head(self, head: str, offset: int) -> str | None:
        """'the agency' -> 'Environment Agency', the latest organization named with that head word."""
        for pos, name in reversed(self.orgs):
            words = name_key(name).split()
            if pos < offset and len(words) > 1 and words[-1] == head:
                return name
        return None

    def document(self, offset: int) -> str | None:
        """'the report' -> the study, survey or report the article named last ('National Water Quality Study')."""
        for pos, name in reversed(self.orgs):
            words = name_key(name).split()
            if pos < offset and len(words) > 1 and words[-1] in DOCUMENT_HEADS:
                return name
        return None

    def last_named_org(self, offset: int) -> str | None:
        """The organisation the article named last before offset."""
        return next((name for pos, name in reversed(self.orgs) if pos < offset), None)

    def last_quoted_org(self) -> str | None:
        """The organisation quoted last, if any."""
        return next((name for kind, name, _ in reversed(self.history) if kind == "organization"), None)

    def by_role(self, role: str, offset: int) -> str | None:
        """'the Kremlin spokesman' -> the person the article gave that role to."""
        key = " ".join(w for w in name_key(role).split() if w not in DETERMINERS)
        if not key:
            return None
        hits = [name for pos, rk, name in self._roles_by_last.get(key.split()[-1], ())
                if pos <= offset and (rk == key or rk.endswith(" " + key))]
        return hits[-1] if hits else None

    def attributed(self, kind: str, name: str, gender: str | None, offset: int = -1) -> None:
        if kind == "person":
            gender = gender or self.gender_of(name) or (first_name_gender(name) if " " in name else None)
        self.history.append((kind, name, gender))
        self.history_pos.append(offset)

    def subject(self, offset: int, name: str, end: int | None = None, mention: str | None = None) -> None:
        """A person who is the subject of a sentence with no attribution ('Local MP Sarah Dyke called for ...'),
        written text[offset:end] == mention (the name may be longer: 'Dyke' is 'Sarah Dyke')."""
        self.subjects.append((offset, name, self.gender_of(name) or first_name_gender(name)))
        self._subject_mentions[offset] = (end if end is not None else offset + len(name), mention or name)

    def subject_ref(self, index: int = -1) -> SpeakerRef:
        """A subject of subjects[index] as a speaker, its span the words the article wrote."""
        offset, name, _ = self.subjects[index]
        end, mention = self._subject_mentions[offset]
        return SpeakerRef(mention, name, "person", offset, end)

    def pronoun(self, pronoun: str, gender: str | None, offset: int) -> tuple[str, str] | None:
        """(kind, name) of the speaker a pronoun refers to, or None."""
        want = PRONOUNS.get(pronoun, ("person", None))[0]
        if want == "person" and self.subjects:
            # the subject of an earlier sentence, when it stands after the last attribution
            pos, name, g = self.subjects[-1]
            last = self.history_pos[-1] if self.history_pos else -1
            if last < pos < offset and (gender is None or g is None or g == gender):
                return "person", name
        for kind, name, g in reversed(self.history):
            if want == "person" and kind == "person" and (gender is None or g is None or g == gender):
                return kind, name
            if want == "organization" and kind == "organization":
                return kind, name
            if want == "group" and kind in ("group", "organization"):
                return kind, name
        if want == "person":
            for pos, full, g in reversed(self.full_names):
                if pos < offset and (gender is None or g is None or g == gender):
                    return "person", full
            # Name lists guess many names' gender wrong ('Sudesh'): with no compatible person at all,
            # the person named just before (within a few sentences) is the one meant
            near = next(((pos, full) for pos, full, _ in reversed(self.full_names) if pos < offset), None)
            if near is not None and offset - near[0] <= 600:
                return "person", near[1]
        if want in ("organization", "group"):
            # "The Environment Agency issued a warning. It said ...": the organisation last named
            named = self.last_named_org(offset)
            if named is not None:
                return "organization", named
        return None
