"""Event kinds as data: ``archive/data/event_kinds.json`` says what each kind is and how it behaves.

Every stage asks this module, never ``if kind in (...)``: extraction for triggers and the traits
that open an event, matching and clustering for the family that decides how reports join. A new
kind is an entry in the data file and a test.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "event_kinds.json"
FAMILIES = ("incident", "encounter", "act")


@dataclass(frozen=True, slots=True)
class EventKind:
    kind: str
    family: str                          # incident | encounter | act (see the data file's _about)
    triggers: tuple[str, ...]
    verb_triggers: tuple[str, ...] = ()
    striking_verbs: frozenset[str] = frozenset()
    needs_participants: bool = False
    needs_action: tuple[str, ...] = ()
    back_as: str | None = None

    @property
    def incident(self) -> bool:
        """Figures, attacker and target belong to incidents (attacks) only."""
        return self.family == "incident"

    @property
    def by_participants(self) -> bool:
        """Encounters are the same when the same people took part; the rest by place and date."""
        return self.family == "encounter"


@lru_cache(maxsize=1)
def event_kinds() -> dict[str, EventKind]:
    """Every kind, in the order the data file gives (the order triggers are tried in)."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))["kinds"]
    kinds = {}
    for entry in raw:
        kind = EventKind(entry["kind"], entry["family"], tuple(entry["triggers"]),
                         tuple(entry.get("verb_triggers", ())), frozenset(entry.get("striking_verbs", ())),
                         bool(entry.get("needs_participants", False)), tuple(entry.get("needs_action", ())),
                         entry.get("back_as"))
        if kind.family not in FAMILIES:
            raise ValueError(f"{DATA.name}: kind {kind.kind!r} has family {kind.family!r}, not one of {FAMILIES}")
        kinds[kind.kind] = kind
    return kinds


def kind_of(name: str) -> EventKind:
    """The kind called ``name``; an unknown name (an archive written by other rules) is an act."""
    return event_kinds().get(name) or EventKind(name, "act", ())


def is_incident(name: str) -> bool:
    return kind_of(name).incident
