"""The resolve stage: who a speaker is and which event a report joins, across articles.

Tables of pairs that must be one (must merge) and pairs that must stay apart (must not merge),
run through the stage alone, with no database; and what the writer reads into the speaker index.
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings, strategies as st

from archive.names import name_key
from archive.resolve import EventIndex, SpeakerIndex, cluster_reports, report_keys, resolve_speakers
from archive.types import EventFound, EventMention, FigureFound, Place, QuoteFound, SpeakerRef


def _index(*known: tuple[str, str]) -> SpeakerIndex:
    index = SpeakerIndex()
    for sid, (name, kind) in enumerate(known, 1):
        index.add_speaker(sid, name, kind)
        index.add_alias(sid, name_key(name), kind)
    return index


def _quote(name: str | None, kind: str = "person") -> QuoteFound:
    ref = SpeakerRef(name or "he", name, kind, 0, 2) if name else None
    return QuoteFound(0, 5, "words", "direct", ref)


@pytest.mark.parametrize("known, name, kind", [
    ("Volodymyr Zelenskyy", "Volodymyr Zelensky", "person"),      # a transliteration
    ("Volodymyr Zelensky", "V. Zelensky", "person"),               # an initial
    ("Dmitry Peskov", "Peskov", "person"),                         # a bare surname, one such person
    ("Dmitry Peskov", "Dmitri Peskov", "person"),                  # a near first name
    ("Ministry of Defence", "ministry of defence", "organization"),  # the same key
    ("NATO", "NATO", "organization"),
])
def test_must_merge_speakers(known, name, kind):
    index = _index((known, kind))
    assert resolve_speakers([_quote(name, kind)], index).links == (1,)


@pytest.mark.parametrize("known, name, kind", [
    ("Volodymyr Zelensky", "Olena Zelenska", "person"),            # another person of the family
    ("John Smith", "Jane Smith", "person"),                        # same surname, other first name
    ("Dmitry Peskov", "Peskov", "organization"),                   # another kind
    ("Ministry of Defence", "Ministry of Finance", "organization"),
    ("one Kyiv resident", "one Kyiv resident", "anonymous"),       # anonymous speakers are never merged
])
def test_must_not_merge_speakers(known, name, kind):
    index = _index((known, "anonymous" if kind == "anonymous" else kind))
    resolved = resolve_speakers([_quote(name, kind)], index)
    assert resolved.links[0] != 1 and resolved.links[0] is not None and resolved.links[0] < 0
    assert [n.name for n in resolved.new] == [name]


def test_a_bare_surname_two_people_share_stays_new():
    index = _index(("John Smith", "person"), ("Adam Smith", "person"))
    assert resolve_speakers([_quote("Smith")], index).links[0] < 0


def test_a_new_speaker_is_met_again_in_the_same_article_and_relabelled_when_stored():
    index = _index(("Dmitry Peskov", "person"))
    resolved = resolve_speakers([_quote("Kaja Kallas"), _quote(None), _quote("Kaja Kallas"), _quote("Peskov")], index)
    new = resolved.links[0]
    assert resolved.links == (new, None, new, 1) and new < 0
    index.relabel(new, 7)
    assert index.find("Kaja Kallas", "person") == 7 and index.find("Kallas", "person") == 7


def test_a_fuller_name_renames_and_a_new_spelling_is_an_alias():
    index = _index(("V. Zelensky", "person"))
    resolved = resolve_speakers([_quote("Volodymyr Zelensky")], index)
    assert resolved.links == (1,)
    assert resolved.aliases == ((1, "Volodymyr Zelensky"),) and resolved.renames == ((1, "Volodymyr Zelensky"),)


def test_surname_blocking_finds_what_a_full_scan_finds():
    """The blocked look-up answers as comparing with every known surname would: the blocks built at
    the first look-up from the surnames known then, and kept in step with those added after it."""
    from archive.names import similar_surname

    names = ["Zelensky", "Zelenskyy", "Zelenskiy", "Selensky", "Kallas", "Kalas", "Peskov", "Pesko", "Lavrov",
             "Rutte", "Rute", "Macron", "Starmer", "Sybiha", "Syrskyi", "Syrsky", "Umerov", "Yermak", "Jermak",
             "Tsikhanouskaya", "Tikhanovskaya", "Navalny", "Navalnyy", "Shmyhal", "Shmygal"]
    index = SpeakerIndex()
    known: list[str] = []
    for added in (names[::2], names[1::2]):  # the second half after the first look-ups
        for surname in added:
            known.append(surname)
            index.add_speaker(len(known), f"Anna {surname}", "person")
            index.add_alias(len(known), name_key(f"Anna {surname}"), "person")
        for query in names + ["Zelenskyi", "Kallass", "Makron", "Starmr"]:
            q = name_key(query)
            expected = {n.lower() for n in known if similar_surname(n.lower(), q)}
            assert set(index._similar_surnames(q)) == expected, query



_NAMEISH = st.text(alphabet="aeiklnorsyzł-", max_size=14)  # few letters: many near spellings


@settings(max_examples=400, deadline=None)
@given(_NAMEISH, _NAMEISH, st.sampled_from([0.8, 0.85, 0.5, 1.0]))
@example("zelensky", "zelenskyy", 0.85)   # 2*8/17 = 0.941: similar
@example("kallas", "kalas", 0.85)         # 2*5/11 = 0.909
@example("ab", "ba", 0.5)                 # 2*1/4 = 0.5, exactly the threshold
@example("", "", 0.85)                    # difflib's ratio of two empty strings is 1.0
@example("abcdefghijkl", "ikl", 0.5)
def test_the_fast_ratio_test_answers_as_difflib_does(a, b, threshold):
    """The longest common subsequence only turns away pairs difflib would turn away."""
    import difflib

    from archive.names import ratio_at_least

    assert ratio_at_least(a, b, threshold) == (difflib.SequenceMatcher(None, a, b).ratio() >= threshold)


# ---------------------------------------------------------------- events

KYIV = Place("Kyiv", "city", "UA", 50.45, 30.52)
KHARKIV = Place("Kharkiv", "city", "UA", 49.99, 36.23)
KHARKIV_REGION = Place("Kharkiv Oblast", "region", "UA", 49.5, 36.5)
MOSCOW = Place("Moscow", "city", "RU", 55.75, 37.62)


def _report(kind="attack", place=None, day=None, figures=(), who=()):
    mention = EventMention(0, 10, kind, 0, 5, 0, 10)
    figs = [FigureFound(k, low, high, str(low), False, 0, 1) for k, low, high in figures]
    return EventFound(kind, [mention], place, None, day, "day" if day else "unknown", None,
                      participants=list(who), figures=figs)


def _stored(*reports: EventFound) -> EventIndex:
    index = EventIndex()
    for eid, ev in enumerate(reports, 1):
        index.load_report(eid, ev)
    return index


FRIDAY = date(2025, 3, 14)


@pytest.mark.parametrize("stored, new", [
    (_report(place=KHARKIV, day=FRIDAY, figures=[("killed", 7, 7)]),
     _report(place=KHARKIV, day=FRIDAY, figures=[("killed", 12, 12)])),          # dated: contradiction shown
    (_report(place=KHARKIV, figures=[("drones", 550, 550)]),
     _report(place=KHARKIV, figures=[("drones", 500, None)])),                   # undated: figures agree
    (_report(place=KHARKIV_REGION, day=FRIDAY), _report(place=KHARKIV, day=FRIDAY)),  # a city of the region
    (_report(place=KYIV, day=FRIDAY), _report(place=KYIV, day=date(2025, 3, 15))),  # within a day
    (_report("call", who=["Donald Trump", "Vladimir Putin"]),
     _report("call", who=["Vladimir Putin", "Donald Trump"])),                    # the same two people
])
def test_must_merge_events(stored, new):
    index = _stored(stored)
    assert cluster_reports([new], ["k:1"], index)[0].event_id == 1


@pytest.mark.parametrize("stored, new", [
    (_report(place=KYIV, day=FRIDAY), _report(place=KHARKIV, day=FRIDAY)),       # another city
    (_report(place=KYIV, day=FRIDAY), _report(place=MOSCOW, day=FRIDAY)),        # another country
    (_report(place=KYIV, day=FRIDAY), _report(place=KYIV, day=date(2025, 3, 20))),  # another day
    (_report(place=KHARKIV, figures=[("killed", 7, 7)]),
     _report(place=KHARKIV, figures=[("killed", 12, 12)])),                      # undated and contradicting
    (_report(place=KHARKIV), _report(place=KHARKIV)),                           # undated, no evidence
    (_report(place=KYIV, day=FRIDAY), _report("meeting", KYIV, FRIDAY, who=["A B", "C D"])),  # another kind
    (_report("call", who=["Donald Trump", "Vladimir Putin"]),
     _report("call", who=["Donald Trump", "Keir Starmer"])),                      # one shared person, no place
    (_report(place=None, day=FRIDAY), _report(place=None, day=FRIDAY)),           # no place to match on
])
def test_must_not_merge_events(stored, new):
    index = _stored(stored)
    choice = cluster_reports([new], ["k:1"], index)[0]
    assert choice.new and choice.event_id < 0


def test_curation_comes_first():
    stored = _report(place=KYIV, day=FRIDAY)
    index = _stored(stored, _report(place=KHARKIV, day=FRIDAY))
    index.report_events = {"a:1": 1, "b:1": 2}
    index.curated = {"split:1": {"action": "split", "other_key": None},
                     "merged:1": {"action": "merge", "other_key": "b:1"}}
    split, merged = cluster_reports([_report(place=KYIV, day=FRIDAY), _report(place=KYIV, day=FRIDAY)],
                                    ["split:1", "merged:1"], index)
    assert split.new and split.curated                  # would have matched event 1, but a curator split it
    assert (merged.event_id, merged.new, merged.curated) == (2, False, True)


def test_a_report_split_off_is_not_joined_again_whichever_comes_first():
    index = EventIndex()
    index.curated = {"split:1": {"action": "split", "other_key": None}}
    (split,) = cluster_reports([_report(place=KYIV, day=FRIDAY)], ["split:1"], index)
    index.relabel(split.event_id, 7)
    (later,) = cluster_reports([_report(place=KYIV, day=FRIDAY)], ["b:1"], index)
    assert later.new and later.event_id != 7             # would have matched, but event 7 was split off
    (again,) = cluster_reports([_report(place=KYIV, day=FRIDAY)], ["c:1"], index)
    assert (again.event_id, again.new) == (later.event_id, False)   # the rest still cluster


def test_a_new_event_is_joined_by_the_next_article_and_relabelled_when_stored():
    index = EventIndex()
    first = cluster_reports([_report(place=KYIV, day=FRIDAY)], report_keys("a" * 16, [_report(place=KYIV)]), index)
    assert first[0].new
    index.relabel(first[0].event_id, 40)
    second = cluster_reports([_report(place=KYIV, day=FRIDAY)], ["b:1"], index)
    assert (second[0].event_id, second[0].new) == (40, False)
    assert index.report_events == {f"{'a' * 16}:attack:Kyiv:1": 40, "b:1": 40}


def test_report_keys_number_equal_reports():
    reports = [_report(place=KYIV), _report(place=KYIV), _report("call")]
    assert report_keys("f" * 64, reports) == ["ffffffffffffffff:attack:Kyiv:1", "ffffffffffffffff:attack:Kyiv:2",
                                              "ffffffffffffffff:call:-:1"]


def test_an_anonymous_speaker_is_found_only_in_its_own_article():
    index = SpeakerIndex()
    index.add_speaker(9, "Jan Olsen", "anonymous", locked=True)
    index.add_alias(9, "senior official", "anonymous", curated=True)   # a curator named it
    index.anonymous[("a" * 64, "senior official")] = 9
    quote = _quote("senior official", "anonymous")
    assert resolve_speakers([quote], index, "a" * 64).links == (9,)
    other = resolve_speakers([quote, quote], index, "b" * 64)
    assert other.links[0] < 0 and other.links[0] == other.links[1]   # new, once per article


def test_the_event_index_offers_every_stored_event_whose_place_can_match():
    """Blocking by place name and by kind of place within a country must never hide an event that
    matching.compatible_places accepts (and should hide most of the others)."""
    from archive.matching import compatible_places

    places = [Place("Kyiv", "city", "UA", None, None), Place("Lviv", "city", "UA", None, None),
              Place("Kyiv Oblast", "region", "UA", None, None), Place("Lviv Oblast", "region", "UA", None, None),
              Place("Bucha Raion", "district", "UA", None, None), Place("Ukraine", "country", "UA", None, None),
              Place("Black Sea", "sea", None, None, None), Place("Kursk", "city", "RU", None, None),
              Place("Donbas", "place", "UA", None, None)]
    index = EventIndex()
    for i, place in enumerate(places):
        index.remember(i + 1, EventFound("attack", place=place, date=date(2025, 5, 1)))
    offered = 0
    for place in places:
        found = index._candidates(EventFound("attack", place=place, date=date(2025, 5, 3)))
        must = {i + 1 for i, other in enumerate(places) if compatible_places(other, place)}
        assert must <= found, place.name
        offered += len(found)
    assert offered < len(places) ** 2 / 2  # not every event for every report


def _in_kyiv(day: date | None, **figures: int) -> EventFound:
    return _report(place=KYIV, day=day, figures=[(kind, n, n) for kind, n in figures.items()])


def test_the_event_index_offers_every_stored_event_that_can_match_in_time():
    """Blocking in time must never hide an event that matching.same_event accepts: dated reports
    within the window whatever their figures; an undated one on either side only with a figure
    of one kind both give. Events that can join nothing (undated, no figure) are never offered."""
    from archive.matching import same_event

    stored = [_in_kyiv(date(2025, 5, 1)), _in_kyiv(date(2025, 5, 1), killed=4), _in_kyiv(date(2025, 8, 1), killed=4),
              _in_kyiv(None), _in_kyiv(None, killed=4), _in_kyiv(None, injured=9), _in_kyiv(None, killed=40)]
    index = EventIndex()
    for i, ev in enumerate(stored):
        index.remember(i + 1, ev)
    reports = [_in_kyiv(date(2025, 5, 3)), _in_kyiv(date(2025, 5, 3), killed=5), _in_kyiv(None),
               _in_kyiv(None, killed=4), _in_kyiv(None, injured=10, killed=3), _in_kyiv(date(2025, 12, 1), injured=9)]
    offered = 0
    for report in reports:
        found = index._candidates(report)
        must = {i + 1 for i, ev in enumerate(stored) if same_event(ev, report, require_evidence=True)}
        assert must <= found
        assert 4 not in found  # undated, no figure: can join nothing
        offered += len(found)
    assert offered < len(stored) * len(reports) / 2
    assert index._candidates(_in_kyiv(None)) == set()  # an undated report with no figure joins nothing


def _call(day: date | None = None, published: date | None = None, precision: str = "day") -> EventFound:
    ev = _report("call", day=day, who=("Ana Ruiz", "Olaf Brandt"))
    if day is not None:
        ev.date_precision = precision
    ev.reported_on = published
    return ev


@pytest.mark.parametrize("stored, report, joins", [
    # an undated report is of the month before its article's day of publication
    (_call(date(2025, 3, 10)), _call(None, date(2025, 3, 15)), True),
    (_call(date(2025, 2, 14)), _call(None, date(2025, 3, 15)), True),        # 29 days before
    (_call(date(2025, 1, 5)), _call(None, date(2025, 3, 15)), False),        # ten weeks before
    (_call(date(2025, 3, 16)), _call(None, date(2025, 3, 15)), True),        # a day's slack
    (_call(date(2025, 3, 25)), _call(None, date(2025, 3, 15)), False),       # after it was published
    (_call(date(2025, 1, 5), precision="year"), _call(None, date(2025, 3, 15)), True),
    (_call(date(2023, 1, 1), precision="year"), _call(None, date(2025, 3, 15)), False),
    (_call(None, date(2025, 4, 10)), _call(None, date(2025, 3, 15)), True),  # both undated, 26 days apart
    (_call(None, date(2025, 6, 1)), _call(None, date(2025, 3, 15)), False),
    # publication unknown (or only to the month): any date, as before
    (_call(date(2024, 1, 5)), _call(None, None), True),
    (_call(None, None), _call(date(2025, 3, 10)), True),
    (_call(None, None), _call(None, date(2025, 3, 15)), True),
])
def test_an_undated_report_is_of_the_month_before_its_article(stored, report, joins):
    from archive.matching import same_event

    assert same_event(stored, report) is joins
    assert same_event(report, stored) is joins
    index = EventIndex()
    index.remember(1, stored)
    assert (index.match(report) == 1) is joins


PARIS = Place("Paris", "city", "FR", None, None)
LYON = Place("Lyon", "city", "FR", None, None)
FRANCE = Place("France", "country", "FR", None, None)
MANY = [f"Leader {c}" for c in "ABCDEFGHIJKL"]  # a summit of more people than are filed in pairs


def test_the_event_index_offers_every_stored_encounter_that_can_match():
    """Encounters are filed by pairs of people and by person and place: blocking must never hide
    one matching.same_event accepts (two shared people, or one and compatible places), also for an
    event of many people, and should hide most of the others."""
    from archive.matching import same_event

    stored = [_report("meeting", PARIS, FRIDAY, who=["Ana Ruiz", "Olaf Brandt"]),
              _report("meeting", None, FRIDAY, who=["Ana Ruiz", "Karl Meyer"]),
              _report("meeting", LYON, FRIDAY, who=["Eva Lind", "Karl Meyer"]),
              _report("meeting", FRANCE, FRIDAY, who=["Ana Ruiz"]),
              _report("meeting", None, FRIDAY, who=MANY),
              _report("meeting", MOSCOW, FRIDAY, who=["Olaf Brandt", "Ivan Petrov"]),
              _report("call", None, FRIDAY, who=["Ana Ruiz", "Olaf Brandt"])]
    index = EventIndex()
    for i, ev in enumerate(stored):
        index.remember(i + 1, ev)
    reports = [_report("meeting", None, FRIDAY, who=["Olaf Brandt", "Ana Ruiz"]),
               _report("meeting", PARIS, FRIDAY, who=["Karl Meyer"]),
               _report("meeting", LYON, FRIDAY, who=["Ana Ruiz", "Ivan Petrov"]),
               _report("meeting", None, FRIDAY, who=["Leader C", "Leader K", "Ana Ruiz"]),
               _report("meeting", None, FRIDAY, who=["Leader C"]),
               _report("meeting", MOSCOW, FRIDAY, who=["Ivan Petrov", "Eva Lind"])]
    offered = 0
    for report in reports:
        found = index._candidates(report)
        must = {i + 1 for i, ev in enumerate(stored) if same_event(ev, report, require_evidence=True)}
        assert must <= found, report.participants
        offered += len(found)
    assert index.match(reports[4]) is None         # one person, no place: it can join nothing
    assert index.match(reports[3]) == 5            # two of the summit's many people
    assert offered < len(stored) * len(reports) / 2


_day = st.dates(date(2024, 11, 1), date(2026, 2, 1))


@given(first_date=st.none() | _day, first_reported=st.none() | _day, day=st.none() | _day,
       precision=st.sampled_from(["day", "week", "month", "year", "unknown"]), published=st.none() | _day)
@settings(max_examples=400, deadline=None)
def test_an_encounter_look_up_covers_every_time_that_can_match(first_date, first_reported, day, precision,
                                                               published):
    """The writer looks up stored encounters by periods of their first date, or of their first
    day of publication if undated (archive.store.events._periods); a stored event it misses must be
    one the report cannot join in time (matching.dates_fit, the event read back as the writer loads it)."""
    from archive.matching import dates_fit
    from archive.store.events import PERIOD_DAYS, _periods

    stored = EventFound("call", date=first_date, reported_on=first_reported)  # as loaded: no precision
    report = EventFound("call", date=day, date_precision=precision if day else "unknown", reported_on=published)
    periods = _periods(report)
    when = first_date or first_reported
    looked_up = "all" in periods or when is None or when.toordinal() // PERIOD_DAYS in periods
    if dates_fit(stored, report):
        assert looked_up
    assert len(periods) <= 4 or precision == "year"  # a few periods, not every one


@pytest.mark.parametrize("name, key", [
    ("Volodymyr Zelenskyy’s", "volodymyr zelenskyy"),
    ("Zelen\u200bskyy", "zelenskyy"),               # a zero-width character joins the word
    ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
    ("O'Brien's office", "o brien office"),
    ("James's", "james"),
    ("AL-QAEDA_in Iraq", "al qaeda in iraq"),
    ("  ", ""),
])
def test_name_keys(name, key):
    assert name_key(name) == key


def _name_key_spelled_out(name: str) -> str:
    """name_key as its docstring defines it, with no shortcut (ASCII names, names without an apostrophe)."""
    import re
    import unicodedata
    text = unicodedata.normalize("NFKD", re.sub("[\u200b-\u200d\u2060\ufeff]", "", name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"(?<=\w)['’]s\b", "", text)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@given(st.text(alphabet="abXY 's’_-.\u200bÉéİıßẞŁ̃ĳÅ0ﬁ²ΣσςNn\u0301\t", max_size=16))
def test_name_key_shortcuts_change_no_key(name):
    assert name_key.__wrapped__(name) == _name_key_spelled_out(name)


# (name, kind, curated alias): the speakers a new article's names can reach are read from the archive
SPEAKERS = [
    ("Volodymyr Zelenskyy", "person", False),
    ("Kremlin", "organization", False),
    ("Ukrainian officials", "group", False),     # a proper noun names the group
    ("officials", "group", False),               # one per article
    ("Élèves du lycée", "group", False),         # a capital SQLite's lower() does not know
    ("élèves du lycée", "group", False),         # one per article, though not ASCII
    ("a senior official", "anonymous", False),
    ("residents", "group", True),                # a curator named it: kept
    ("a spokesman", "anonymous", True),
]


def test_the_speaker_index_reads_every_speaker_another_article_can_name(db_url):
    """What the database leaves out before reading is only what per_article leaves out after."""
    from sqlalchemy import insert

    from archive.db import open_archive
    from archive.models import speaker_aliases, speakers
    from archive.resolve import per_article
    from archive.store.writer import load_speaker_index

    engine = open_archive(db_url)
    with engine.begin() as conn:
        for sid, (name, kind, curated) in enumerate(SPEAKERS, 1):
            conn.execute(insert(speakers).values(id=sid, canonical_name=name, kind=kind, created_at=date(2025, 1, 1)))
            conn.execute(insert(speaker_aliases).values(speaker_id=sid, alias=name, alias_key=name_key(name),
                                                        source="curated" if curated else "machine"))
    with engine.connect() as conn:
        index = load_speaker_index(conn)
    expected = {sid for sid, (name, kind, curated) in enumerate(SPEAKERS, 1) if curated or not per_article(name, kind)}
    assert set(index.names) == expected == {1, 2, 3, 5, 8, 9}
    assert set(index._keys) == expected
    engine.dispose()
