"""Events: attacks with their figures, meetings, calls, summits, diplomatic acts.

For each sentence (captions included: they carry dates), triggers from
``archive/data/event_kinds.json`` open or continue an event:

* an indefinite trigger ('a Russian air raid', 'another attack', 'a separate
  strike') opens a new event; a definite one ('the strike', 'this barrage',
  'its attacks') refers back to the latest event of that kind with a
  compatible place;
* a bare plural trigger with no place, figure or date ('Russia escalates its
  aerial attacks') is talk about attacks in general, not an event;
* a verb such as 'launched' or 'fired' is a trigger only with a weapon count
  ('launched 18 missiles');
* a sentence with casualty or weapon figures but no trigger ('At least 23
  people were injured') feeds the current attack, unless it speaks of
  another period ('in the past month').

Each figure goes to the nearest trigger before it in its sentence (or the
first after it). Events of one article with the same kind and place, dates
that agree and figures that do not contradict are then merged, so a caption
can give the date of the attack its story describes.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import cache

from ..caseless import compile_lower, lowered
from ..dates import DateFound, find_dates
from ..event_kinds import event_kinds, is_incident, kind_of
from ..matching import (
    RECENT_DAYS,
    SPECIFICITY,
    compatible_places,
    figure_agreement,
    merge_event,
    more_specific,
    same_event,
)
from ..types import EventFound, EventMention, FigureFound, Place, PlaceMention
from .actors import attacker
from .casualties import sentence_figures
from .gazetteer import gazetteer
from .lexicon import (
    COLLECTIVE_ATTACK_NOUNS,
    DEMONYMS,
    EVENT_EXCLUSIONS,
    NOT_PLACE_NAMES,
    WEAPON_COUNT_QUALIFIERS,
)
from .speakers import ArticleSpeakers, classify, is_place
from .text import Sentence, Token

# Every kind's triggers (archive/data/event_kinds.json) in one pattern, one named group per
# trigger, in the data's order: one pass over the article.
_TRIGGERS: list[tuple[str, str, bool]] = [
    (k.kind, pattern, verb) for k in event_kinds().values()
    for verb, patterns in ((False, k.triggers), (True, k.verb_triggers)) for pattern in patterns]
# scanned in the lowered text (archive.caseless): one \b each side, not one a branch, and no group a
# branch (groups slow the scan by a quarter): which trigger matched is asked of the match alone
_TRIGGER_RE = compile_lower(r"\b(?:" + "|".join(p for _, p, _ in _TRIGGERS) + r")\b")
_TRIGGER_PARTS = [(compile_lower(p), kind, verb) for kind, p, verb in _TRIGGERS]
_ADJ_TO_COUNTRY = {v.lower(): k for k, v in DEMONYMS.items()}
_SPEECH_BETWEEN = re.compile(r"\b(?:said|says|acknowledged|admitted|announced|confirmed|reported|told|claimed|"
                             r"denied|warned)\b", re.IGNORECASE)
_PERIOD = re.compile(r"\b(?:(?:in|over|during)\s+(?:just\s+)?the\s+(?:past|last|previous)\s+(?:\w+\s+)?"
                     r"(?:days?|weeks?|months?|years?)|since the (?:start|beginning)|so far this year|this year|"
                     r"since (?:19|20)\d\d|in total)\b", re.IGNORECASE)
_CAPITAL_PHRASE = re.compile(r"\b[Tt]he\s+(?:(?P<adj>[A-Z][a-z]+)\s+)?capital\b")
_SEPARATE = re.compile(r"\b(?:separate|another|second|further|similar)\s+(?:[a-z-]+\s+){0,2}$", re.IGNORECASE)
_NEW_MARKERS = frozenset("a an another separate second new fresh one".split())
_BACK_MARKERS = frozenset("the this that these those its their his her latest same".split())

# Patterns for the words around a number or a trigger, compiled once.
_WEAPON_COUNT_AFTER = re.compile(r"\s+(?:" + "|".join(q.replace(" ", r"\s+") + r"\s+" for q in WEAPON_COUNT_QUALIFIERS)
                                 + r")?[\d,]+|\s+(?:[A-Za-z-]+\s+){0,2}?(?:drones|missiles|rockets)\b")
# Not the colon of "4:00", a comma of "1,000", nor the comma of a place told more precisely ("took
# place in Iraq, at Baghdad International Airport")
_CLAUSE_BREAK = re.compile(r"[;—–]|\s-\s|:(?!\d)|,(?!\d)(?!\s+(?:at|in|near|outside)\b)")
_LEADING_PLACE_PHRASE = re.compile(r"\s*(?:Meanwhile,\s*|But\s+)?(?:in|at|on|In|At|On)\b")
_PARTICIPANT_WINDOW_BREAK = re.compile(r"[;—–()]|\s-\s")


# ---------------------------------------------------------------- triggers

def _trigger_kind(low: str, s: int, e: int) -> tuple[str, bool]:
    """The kind of the trigger _TRIGGER_RE found at low[s:e]: the first branch that matches it whole is
    the one the scan took (an earlier branch that could match there would have been taken)."""
    return next((kind, verb) for part, kind, verb in _TRIGGER_PARTS if part.fullmatch(low, s, e))


def _triggers(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    found = []
    low = lowered(text)
    for m in _TRIGGER_RE.finditer(low, start, end):
        s, e = m.span()
        kind, verb = _trigger_kind(low, s, e)
        # "heart attack", "hunger strike", "press conference": looked for around this trigger only
        near = EVENT_EXCLUSIONS.search(text, max(start, s - 20), min(end, e + 25))
        if near and (near.start() <= s < near.end() or near.start() < e <= near.end()):
            continue
        if verb:
            weapons = _WEAPON_COUNT_AFTER.match(text[e:e + 40])
            striking = m.group(0) in kind_of(kind).striking_verbs
            direct = _DIRECT_OBJECT.match(text, e, min(end, e + 40))
            place_object = direct is not None and is_place([direct.group(1)])  # "Russia pounded Kyiv with ..."
            if not weapons and not (striking and (place_object or _TARGET_PLACE.match(text, e, min(end, e + 70)))):
                continue
        found.append((kind, s, e))
    return sorted(found, key=lambda t: t[1])


def _marker(text: str, s: int) -> str | None:
    """The determiner that introduces a trigger phrase: 'a', 'another', 'the', 'its', ..."""
    words = re.findall(r"[\w’'-]+", text[max(0, s - 45):s])[-4:]
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        lw = w.lower()
        if lw in ("a", "an") and k > 0 and words[k - 1].lower() in ("was", "is", "were", "are", "became", "been"):
            return "back"  # "This was a massive combined attack": describes the attack at hand
        if lw in _NEW_MARKERS or lw in _BACK_MARKERS or lw.endswith(("’s", "'s")):
            return "back" if (lw in _BACK_MARKERS or lw.endswith(("’s", "'s"))) else "new"
        if lw in ("of", "in", "on", "by", "and", "after", "during", "with", "that", "as", "while", "amid"):
            return None
    return None


def _country_title(key: str) -> str:
    return {"uk": "United Kingdom", "u.k.": "United Kingdom", "us": "United States", "u.s.": "United States",
            "america": "United States", "britain": "United Kingdom"}.get(key, key.title())


# ---------------------------------------------------------------- places



_PLACE_WORDS = ("city|town|village|region|district|province|capital|frontline|front-line|eastern|western|northern|"
                "southern|central|north-eastern|north-western|south-eastern|south-western|northeastern|northwestern|"
                "southeastern|southwestern|port|occupied|besieged|border|key|strategic|industrial|coastal|nearby|"
                "russian|ukrainian|neighbouring|neighboring")
_LOCATIVE = re.compile(rf"(?:\b(?:in|on|at|over|near|across|into|outside|around|of|against|targeting|targeted|hit|"
                       rf"struck|pounded|toward|towards)\s+(?:the\s+|a\s+)?(?:(?:{_PLACE_WORDS})\s+){{0,3}}(?:of\s+)?"
                       rf"|capital,?\s*)$", re.IGNORECASE)
# "U.S. President", "U.S. officials", "Russian forces": a place used as an adjective
_ADJECTIVAL_AFTER = re.compile(r"^[’']?s?\s+(?:[A-Z][a-z]+\s+)?(?:President|Prime|Minister|Secretary|officials?|forces|"
                               r"troops|army|military|government|leaders?|envoy|ambassador|embassy|authorities|"
                               r"delegation|partners?|allies|sanctions|support)\b")
_LOCATIVE_AFTER = re.compile(r"^[’']?s?,?\s+(?:was|were|has been|had been|came)\s+(?:the\s+target|hit|struck|attacked|"
                             r"under|rocked|shelled|pounded)", re.IGNORECASE)


# "officials in Moscow", "told reporters in Geneva": where people are, not where the event happened
_PEOPLE_IN_BEFORE = re.compile(r"\b(?:officials|authorities|residents|leaders|diplomats|reporters|journalists|"
                               r"people|spokesman|spokeswoman|spokesperson|ministers?|envoys?|talks|negotiations|"
                               r"summit|meeting|conference|embassy)\s+(?:in|at|from)\s+(?:the\s+)?$", re.IGNORECASE)


def _locative(text: str, p: PlaceMention, attack: bool = False) -> bool:
    """'in Kyiv', 'on the Synelnyky district', 'the frontline town of X', 'Kyiv was the target': where it happened."""
    if _ADJECTIVAL_AFTER.match(text[p.end:p.end + 40]) or p.text.endswith(("’s", "'s")):
        return False
    if attack and _PEOPLE_IN_BEFORE.search(text[max(0, p.start - 40):p.start]):
        return False  # an attack is not where officials speak or talks are held
    before = text[max(0, p.start - 60):p.start]
    return bool(_LOCATIVE.search(before) or _LOCATIVE_AFTER.match(text[p.end:p.end + 40]))


def _sentence_place(text: str, places: list[PlaceMention], s: int, e: int, t_start: int, t_end: int,
                    plural: bool, attack: bool = False, others: tuple[int, ...] = ()) -> PlaceMention | None:
    """Where the event happened: a locative place in the trigger's clause, the most specific one.

    After the trigger: not past a comma ('the attack, renewing calls for sanctions on Moscow'), nor
    past another trigger (``others``: their starts), whose place it is ('Monday's attack the deadliest
    since an assault in Ghazni').
    Before it: a leading 'In the Russian city of Kursk,' or 'Kyiv was the target of ...'; never for a
    plural trigger, whose place follows it ('attacks on Kyiv').
    """
    inside = [p for p in places if s <= p.start < e and p.place is not None and _locative(text, p, attack)]
    allowed = []
    for p in inside:
        if p.start >= t_end:
            if not _CLAUSE_BREAK.search(text[t_end:p.start]) and not any(t_end <= o < p.start for o in others):
                allowed.append(p)
        elif not plural and (_LOCATIVE_AFTER.match(text[p.end:p.end + 40]) or
                             _LEADING_PLACE_PHRASE.match( text[s:p.start]) or
                             not _CLAUSE_BREAK.search( text[p.end:t_start])):
            allowed.append(p)
    if not allowed:
        return None
    best = max(SPECIFICITY.get(p.place.kind, 0) for p in allowed if p.place is not None)
    specific = [p for p in allowed if p.place is not None and SPECIFICITY.get(p.place.kind, 0) == best]
    return min(specific, key=lambda p: abs(p.start - t_start))


# "a camp at Ain Issa", "a military base in Maidan Shahr": a place the gazetteer does not know
_NAMED_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:(?:town|city|village|camp|base|district|"
                          r"province|region|area)\s+of\s+)?(?P<name>[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+){0,2})")


_DEMONYM_WORDS = frozenset(d.lower() for d in DEMONYMS.values())  # "in Iraqi military bases"
_COUNTRY_OF_DEMONYM = {d.lower(): c for c, d in DEMONYMS.items()}
_DEMONYM_SITE = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}?(?:bases?|cities|city|towns?|villages?|territory|soil|"
                           r"airspace|waters|ports?|airfields?|airports?|positions|regions?|border)\b")


def _country_of(text: str, m: re.Match) -> PlaceMention | None:
    """'in Iraqi military bases', 'on Ukrainian cities': the demonym's country, where it happened."""
    word = m.group("name").split()[0]
    country = _COUNTRY_OF_DEMONYM.get(word.lower())
    if country is None or not _DEMONYM_SITE.match(text, m.start("name") + len(word)):
        return None
    place = next((p for p in gazetteer().places.get(country, ()) if p.kind == "country"), None)
    return PlaceMention(word, m.start("name"), m.start("name") + len(word), place) if place else None


def _named_place(text: str, places: list[PlaceMention], t_end: int, e: int,
                 others: tuple[int, ...]) -> PlaceMention | None:
    """The place an attack clause names after its trigger when the gazetteer does not know it: kept
    by name (no coordinates, no country), so that a report still says where. A name the gazetteer
    knows had its chance (``_sentence_place``): 'officials in Moscow' is not where it happened."""
    for m in _NAMED_PLACE.finditer(text, t_end, e):
        if _CLAUSE_BREAK.search(text, t_end, m.start()) or any(t_end <= o < m.start() for o in others):
            return None
        if any(p.start < m.end() and m.start("name") < p.end for p in places) \
                or _PEOPLE_IN_BEFORE.search(text, max(0, m.start() - 40), m.start() + 3):
            continue
        name = m.group("name").rstrip(".")
        words = name.lower().replace("’", "'").split()
        if words[0] in _DEMONYM_WORDS:
            return _country_of(text, m)
        if re.search(r"-[a-z]", name):
            continue  # "in Russian-occupied territory", "in Kremlin-backed ..."
        if any(w.split("'")[0] in NOT_PLACE_NAMES or w in _DEMONYM_WORDS for w in words) \
                or text.startswith(("'s", "’s"), m.end()):
            continue  # "in March", "in Parliament", "in Ahmed Hassan's house"
        return PlaceMention(name, m.start("name"), m.start("name") + len(name),
                            Place(name, "place", None, None, None, source="text"))
    return None


# "a Kabul car bombing", "another Kharkiv drone attack": a city named before the attack it modifies
_MODIFIED_ATTACK = re.compile(r"\b(?:a|an|another|the)\s+$", re.IGNORECASE)
_MODIFIER_WORDS = re.compile(r"\s+(?:(?:car|truck|suicide|drone|missile|rocket|air|bomb|night|overnight|market|"
                             r"metro|subway|bus|train|school|hospital|church|mosque)\s+){0,2}")


def _modifier_place(text: str, places: list[PlaceMention], ts: int) -> PlaceMention | None:
    """The city right before an attack trigger, introduced by an article: 'a Kabul car bombing'."""
    for p in places:
        if p.place is not None and p.place.kind in ("city", "district") and p.end <= ts and ts - p.end < 30 \
                and _MODIFIER_WORDS.fullmatch(text, p.end, ts) and _MODIFIED_ATTACK.search(text, max(0, p.start - 12),
                                                                                             p.start):
            return p
    return None


# ---------------------------------------------------------------- the article

def extract_events(text: str, paras, places: list[PlaceMention], published: date | None,
                   speakers: ArticleSpeakers) -> list[EventFound]:
    """Events of one article from its paragraphs (see the module docstring)."""
    if not paras:
        return []
    lo, hi = paras[0].start, paras[-1].end
    # one scan of the article for each kind of thing, then bucketed by sentence
    all_triggers = _triggers(text, lo, hi)
    all_figures = sentence_figures(text, lo, hi)
    all_dates = find_dates(text, published, lo, hi)
    t_starts = [t[1] for t in all_triggers]
    f_starts = [f.start for f in all_figures]
    d_starts = [d.start for d in all_dates]
    reader = _Reader(text, places, speakers, published)
    for para in paras:
        for sent in (piece for whole in para.sentences for piece in _pieces(whole)):
            s, e = sent.start, sent.end
            reader.read(para, sent,
                        all_triggers[bisect_left(t_starts, s):bisect_left(t_starts, e)],
                        all_figures[bisect_left(f_starts, s):bisect_left(f_starts, e)],
                        all_dates[bisect_left(d_starts, s):bisect_left(d_starts, e)])
    return _date_from_lead(_merge_within(reader.events), published)


#: A "sentence" longer than this (a transcript or a page without full stops) is read in pieces of
#: about this many characters: an event's place, date, figures and attacker are written within a
#: few hundred characters of its trigger, and the reader's cost grows with a sentence's length
#: times its triggers, which must not make one long line cost minutes.
LONG_SENTENCE = 1500


def _pieces(sent: Sentence) -> Iterator[Sentence]:
    """The sentence itself, or consecutive pieces of it of at most LONG_SENTENCE characters, cut
    between tokens."""
    if sent.end - sent.start <= LONG_SENTENCE or not sent.tokens:
        yield sent
        return
    start, piece = sent.start, list[Token]()
    for tok in sent.tokens:
        if piece and tok.end - start > LONG_SENTENCE:
            yield Sentence(start, piece[-1].end, [], sent.paragraph, piece)
            start, piece = tok.start, []
        piece.append(tok)
    yield Sentence(start, sent.end, [], sent.paragraph, piece)


class _Reader:
    """The events of one article as its sentences are read in order: the latest event of each kind,
    the incident being described, and how many sentences ago an attack was last spoken of."""

    def __init__(self, text: str, places: list[PlaceMention], speakers: ArticleSpeakers,
                 published: date | None = None) -> None:
        self.text, self.places, self.speakers, self.published = text, places, speakers, published
        self.countries = {p.place.name: p.place for p in places if p.place and p.place.kind == "country"}
        self.events: list[EventFound] = []
        self.current: dict[str, EventFound] = {}
        self.incident: EventFound | None = None  # the incident (attack) being described
        self.n = 0  # the sentence being read
        self.last_attack_sentence = -10

    def read(self, para, sent, triggers: list[tuple[str, int, int]], figures: list[FigureFound],
             dates: list[DateFound]) -> None:
        self.n += 1
        if not triggers:
            self._figures_only(sent.start, sent.end, figures)
            return
        triggers = [t for t in triggers if _acted(t[0], self.text, sent.start, sent.end)]  # talk of sanctions is not an act
        sentence_events: list[tuple[int, EventFound]] = []
        for kind, ts, te in triggers:
            ev = self._trigger(para, sent, kind, ts, te, triggers, figures, dates)
            if ev is not None:
                sentence_events.append((ts, ev))
        # each figure goes to the nearest attack before it in the sentence, or the first after it
        attacks = [(ts, ev) for ts, ev in sentence_events if is_incident(ev.kind)]
        for f in figures:
            before = [ev for ts, ev in attacks if ts <= f.start]
            owner = before[-1] if before else (attacks[0][1] if attacks else None)
            if owner is not None:
                owner.add_figure(f)

    def _figures_only(self, s: int, e: int, figures: list[FigureFound]) -> None:
        """"The death toll in Odesa has risen to 14": the attack on the place the sentence names,
        else the attack just described."""
        named = [p.place for p in self.places if s <= p.start < e and p.place is not None]
        attack = next((ev for ev in reversed(self.events) if is_incident(ev.kind) and ev.place is not None
                       and any(ev.place.name == pl.name for pl in named)), None)
        if attack is None and self.n - self.last_attack_sentence <= 3:
            attack = self.incident
        if figures and attack is not None and not _PERIOD.search(self.text, s, e):
            for f in figures:
                attack.add_figure(f)
            self.last_attack_sentence = self.n

    def _trigger(self, para, sent, kind: str, ts: int, te: int, triggers: list[tuple[str, int, int]],
                 figures: list[FigureFound], dates: list[DateFound]) -> EventFound | None:
        """The event one trigger opens or continues, or None when it names no event."""
        text, s, e = self.text, sent.start, sent.end
        traits = kind_of(kind)
        trig = text[ts:te]
        # "summoned Russia's ambassadors" is a verb phrase, an act told; "attacks" alone may be talk
        plural = trig.rstrip().lower().endswith("s") and not trig.lower().endswith(("shelling", "talks")) \
            and not (len(trig.split()) > 1 and trig.split()[0].lower().endswith("ed"))
        pm = _sentence_place(text, self.places, s, e, ts, te, plural, traits.incident,
                             tuple(o for _, o, _ in triggers if o >= te)) \
            or _capital_place(text, s, e, self.countries, self.places) \
            or (_modifier_place(text, self.places, ts) if traits.incident and not plural else None) \
            or (_named_place(text, self.places, te, e, tuple(o for _, o, _ in triggers if o >= te))
                if traits.incident else None)
        place = pm.place if pm else None
        dt = _date_for(dates, triggers, ts)
        marker = _marker(text, ts)
        own_figures = [f for f in figures if f.start > ts]
        if _NOT_HAPPENED.search(text[max(s, ts - 70):ts]):
            return None  # "ruled out Mr Putin meeting ...", "a planned summit": nothing happened (yet)
        who = _participants(text, sent, self.speakers, ts, te) if not traits.incident else []
        if plural and place is None and not own_figures and dt is None and not who and not (
                marker == "back" and self.current.get(kind) is not None and
                text[max(s, ts - 12):ts].lower().strip().endswith(("the", "these"))):
            return None  # "Russia escalates its aerial attacks": talk of attacks in general
        if traits.needs_participants and not who and (self.current.get(kind) is None or marker != "back"):
            return None  # "diplomats met in Rome": a meeting needs someone who met (or to be "the meeting")
        if marker == "back" and self.current.get(kind) is None and traits.back_as and self.current.get(traits.back_as):
            kind = traits.back_as  # "the summit" after "a conference": the one event
        ev = self._event_for(kind, traits.incident, EventMention(s, e, trig, ts, te, para.start, para.end),
                             pm, marker, dt)
        if dt is None and traits.incident and ev.date_text is None and len(dates) == 1 \
                and not _SPEECH_BETWEEN.search(text, min(dates[0].end, ts), max(dates[0].end, ts)):
            # "Twin bombings yesterday struck ...": the sentence's one date; not the day something
            # was said about it ("On Saturday, Iran acknowledged it had shot down ...")
            dt = dates[0]
        if dt is not None and ev.date_text is None:
            ev.date, ev.date_precision, ev.date_text = dt.value, dt.precision, dt.text
        if traits.incident:
            ev.attacker = ev.attacker or attacker(text, s, ts, te, e)
            if ev.place is not None and ev.attacker and ev.place.country_code:
                ev.target = ev.target or _target(ev.place, ev.attacker, self.countries)
            self.last_attack_sentence = self.n
        else:
            for name in who:
                if name not in ev.participants:
                    ev.participants.append(name)
        return ev

    def _background(self, ev: EventFound) -> bool:
        return _is_background(ev, self.published)

    def _event_for(self, kind: str, incident: bool, mention: EventMention, pm: PlaceMention | None,
                   marker: str | None, dt: DateFound | None) -> EventFound:
        """The latest event of the kind when the mention refers back to it, else a new event."""
        place = pm.place if pm else None
        prev = self.current.get(kind)
        if marker == "back" and prev is not None and _head(mention.trigger) not in _GENERIC_HEADS:
            # "the airstrike" after "an airstrike ... the bombing": the event that word introduced
            head = _head(mention.trigger)
            prev = next((ev for ev in reversed(self.events) if ev.kind == kind
                         and any(_head(m.trigger) == head for m in ev.mentions)), prev)
        if marker == "back" and prev is not None and _told_as_many(mention.trigger) \
                and prev.mentions[-1].start != mention.start and not any(_told_as_many(m.trigger) for m in prev.mentions):
            # "the strikes" after "A maritime drone attack ... also killed one": the barrage the story
            # told in the plural, not the single attack told since
            prev = next((ev for ev in reversed(self.events) if ev.kind == kind and not self._background(ev)
                         and any(_told_as_many(m.trigger) for m in ev.mentions)), prev)
        if marker == "back" and place is None and prev is not None and self._background(prev):
            # "the attack had killed twelve" after a mention of an assault in 2018: the attack the
            # article reports, not the one it recalls
            prev = next((ev for ev in reversed(self.events) if ev.kind == kind and not self._background(ev)), prev)
        if marker == "back" and place is not None and prev is not None and not compatible_places(prev.place, place):
            prev = next((ev for ev in reversed(self.events) if ev.kind == kind and ev.place is not None
                         and compatible_places(ev.place, place)), prev)
        continue_prev = prev is not None and marker != "new" and compatible_places(prev.place, place) and (
            dt is None or prev.date_text is None or dt.text.lower() == (prev.date_text or "").lower()
            or (marker == "back" and not _other_day(prev, dt)))
        if incident and marker is None and prev is not None and place is not None and prev.place is None:
            continue_prev = False
        if continue_prev and prev is not None:
            prev.mentions.append(mention)
            prev.place = more_specific(prev.place, place) if prev.place is None or (
                place is not None and compatible_places(prev.place, place) and prev.place.kind != "country") \
                else prev.place
            if prev.place_text is None and pm:
                prev.place_text = pm.text
            return prev
        ev = EventFound(kind, [mention], place, pm.text if pm else None)
        if incident and prev is not None and _SEPARATE.search(self.text[max(mention.start, mention.trigger_start - 25):mention.trigger_start]):
            ev.attacker = prev.attacker  # "A separate attack on Dnipro": by the same side
        self.events.append(ev)
        if marker == "back" and prev is not None and dt is not None and _other_day(prev, dt):
            return ev  # "pointing to the December 31 attack": an aside; the story stays with its event
        self.current[kind] = ev
        self.incident = ev if incident else self.incident
        return ev


_GENERIC_HEADS = frozenset({"attack", "strike", "assault", "incident", "offensive"})


def _head(trigger: str) -> str:
    """A trigger's head noun, singular: 'rocket attacks' -> 'attack', 'air strikes' -> 'strike'."""
    word = trigger.split()[-1].lower() if trigger.split() else ""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _told_as_many(trigger: str) -> bool:
    """'the strikes', 'this barrage': a mention that tells of many strikes, not of one."""
    word = trigger.split()[-1].lower() if trigger.split() else ""
    return word in COLLECTIVE_ATTACK_NOUNS or (_head(trigger) != word and word != "talks")


def _other_day(ev: EventFound, dt: DateFound) -> bool:
    """'the December 31 attack' after an attack on Thursday, January 2: another attack. Only an
    explicit date says so: 'the attack overnight' after 'on 3 September' is that attack (a relative
    date is read against publication, and an explicit one beats it)."""
    return ev.date is not None and dt.value is not None and not dt.relative and ev.date_precision == "day" \
        and dt.precision == "day" and ev.date != dt.value


def _is_background(ev: EventFound, published: date | None) -> bool:
    """An event the article recalls rather than reports: dated before the RECENT_DAYS before publication
    (the month an undated report is taken to be of)."""
    return ev.date is not None and published is not None and (published - ev.date).days > RECENT_DAYS


def _date_from_lead(events: list[EventFound], published: date | None) -> list[EventFound]:
    """'Separately, a drone attack on Kharkiv injured five': an attack reported without a day in an
    article whose first attack is dated within two days of publication happened that day too."""
    lead = next((ev for ev in events if is_incident(ev.kind) and ev.date is not None and ev.date_precision == "day"
                 and published is not None and abs((published - ev.date).days) <= 2), None)
    if lead is None:
        return events
    for ev in events:
        if is_incident(ev.kind) and ev.date is None and ev.date_text is None and (ev.figures or ev.place):
            ev.date, ev.date_precision = lead.date, "day"
    return events


def _target(place: Place, attacker: str, countries: dict[str, Place]) -> str | None:
    country = next((c.name for c in countries.values() if c.country_code == place.country_code), None)
    if country is None and place.kind == "country":
        country = place.name
    if country and country != attacker:
        return country
    return None


def _capital_place(text: str, s: int, e: int, countries: dict[str, Place], places: list[PlaceMention]):
    """'the Ukrainian capital' -> Kyiv, from the places the article names."""
    m = _CAPITAL_PHRASE.search(text, s, e)
    if not m:
        return None
    capitals = gazetteer().capitals  # geonames' table: the city a country names its capital
    adj = (m.group("adj") or "").lower()
    country = _country_title(_ADJ_TO_COUNTRY[adj]) if adj in _ADJ_TO_COUNTRY else None
    for p in places:
        capital_of = capitals.get(p.place.name) if p.place and p.place.kind == "city" else None
        if capital_of is not None and (country is None or capital_of == country):
            return PlaceMention(m.group(0), m.start(), m.end(), p.place)
    return None


_DIRECT_OBJECT = re.compile(r"\s+(?:the\s+)?([A-Z][\w’'-]+)")
# "hit two large refineries in Russia": an attack verb with a target place in its clause
_TARGET_PLACE = re.compile(r"\s+(?:[\w-]+\s+){0,4}?(?:in|on|near|across)\s+(?:the\s+)?[A-Z]")

@cache
def _action_words(kind: str) -> re.Pattern[str] | None:
    words = kind_of(kind).needs_action
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE) if words else None


def _acted(kind: str, text: str, s: int, e: int) -> bool:
    """A kind that needs an act ('imposed sanctions') has one of its action words in the sentence."""
    action = _action_words(kind)
    return action is None or action.search(text, s, e) is not None


def _date_for(dates: list[DateFound], triggers, pos: int) -> DateFound | None:
    """The date phrase next to this trigger phrase: within 45 characters of it, and nearer to it than
    to any other trigger ('shot down a passenger jet near Tehran on Wednesday': Wednesday)."""
    def gap(d: DateFound, t) -> int:
        _, ts, te = t
        return 0 if ts <= d.start < te else min(abs(d.start - te), abs(ts - d.end))

    mine = next(t for t in triggers if t[1] == pos)
    best = None
    for d in dates:
        dist = gap(d, mine)
        if dist > 45:
            continue
        nearest = min(triggers, key=lambda t: gap(d, t))
        if nearest[1] == pos and (best is None or dist < best[0]):
            best = (dist, d)
    return best[1] if best else None


_NOT_HAPPENED = re.compile(r"\b(?:ruled out|rules out|no|not|never|without|refused|rejected|declined|cancel+ed|"
                           r"called off|postponed|would|could|might|may|plans? to|planned|proposed|potential|"
                           r"possible|future|upcoming|expected to|hopes? to|wants? to)\b[^.,;]*$", re.IGNORECASE)


def _participants(text: str, sent, speakers: ArticleSpeakers, ts: int, te: int) -> list[str]:
    """People named in the trigger's clause ('a phone conversation between Trump and Putin'); none
    when the trigger is inside a quotation (the person quoted talks about the event, and a reporter
    'reporting from Kyiv' took no part in it)."""
    if any(t.kind == "quote" and t.start <= ts < t.end for t in sent.tokens):
        return []
    lo, hi = max(sent.start, ts - 90), min(sent.end, te + 90)
    for m in re.finditer(r"[;—–()]|\s-\s", text[lo:ts]):
        lo = max(lo, lo + m.end())
    cut = _PARTICIPANT_WINDOW_BREAK.search( text[te:hi])
    if cut:
        hi = te + cut.start()
    names = []
    run: list[str] = []
    for tok in [t for t in sent.tokens if lo <= t.start < hi] + [None]:
        if tok is not None and tok.kind == "word" and tok.text[:1].isupper():
            run.append(tok.text)
            continue
        if run:
            guess = classify(run)
            if guess is not None and guess.kind == "person" and guess.name:
                full = speakers.full_name(guess.name, sent.start)
                if full == guess.name and " " not in full and guess.role and guess.role[:1].isupper():
                    full = f"{guess.role} {full}"  # "Pope Leo", not "Leo"
                if full not in names and (" " in full or full != guess.name or len(run) > 1):
                    names.append(full)
        run = []
    return names


def _merge_within(events: list[EventFound]) -> list[EventFound]:
    merged: list[EventFound] = []
    for ev in events:
        target = next((m for m in merged if same_event(m, ev, require_evidence=False)), None)
        if target is None and is_incident(ev.kind) and ev.place is None and ev.date is None:
            # "The second blast ...", "the attack": a report that names neither place nor day is the
            # attack the article has been describing, unless its figures contradict that one
            target = next((m for m in reversed(merged) if is_incident(m.kind)
                           and not figure_agreement(m.figures, ev.figures)[1]), None)
        if target is not None:
            merge_event(target, ev)
        else:
            merged.append(ev)
    placeless = [m for m in merged if is_incident(m.kind) and m.place is None and m.date is None]
    for ev in placeless:  # one that came first: the attack described after it (not one dated only by
        # month, 'an assault in Ghazni in August 2018', which is background)
        later = next((m for m in merged if m is not ev and is_incident(m.kind) and m.place is not None
                      and m.date_precision in ("day", "week", "unknown")
                      and not figure_agreement(m.figures, ev.figures)[1]), None)
        if later is not None:
            merge_event(later, ev)
            merged.remove(ev)
    for ev in [m for m in merged if is_incident(m.kind) and m.place is None and m.date is not None]:
        # "On Wednesday, Turkey began a military offensive" after "... an offensive into north-eastern
        # Syria on Wednesday": a placeless report of the day, by the same side, is that attack
        same_day = next((m for m in merged if m is not ev and m.kind == ev.kind and m.place is not None
                         and m.date == ev.date and (m.attacker is None or ev.attacker is None
                                                    or m.attacker == ev.attacker)
                         and not figure_agreement(m.figures, ev.figures)[1]), None)
        if same_day is not None:
            merge_event(same_day, ev)
            merged.remove(ev)
    return [replace(ev) for ev in merged]
