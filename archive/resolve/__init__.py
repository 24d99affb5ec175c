"""The resolve stage: an article's extracted records matched against what the archive already holds.

It runs after extraction and before the writer, in the writer's process (it needs the archive's
current index, which the writer keeps in step with the tables), and touches no database:

* :mod:`.speakers`: which stored speaker each quote's speaker is (or a new one);
* :mod:`.events`: which stored event each event report joins (curation first, then clustering);
* place identity is a place's key (name, kind, country: :attr:`archive.types.Place.key`).

New speakers and events get provisional ids (below zero) that the writer replaces with the ids it
stores them under, so the indexes stay in step without the stage writing anything.
"""
from __future__ import annotations

from .events import EventChoice, EventIndex, cluster_reports, report_keys
from .speakers import NewSpeaker, ResolvedSpeakers, SpeakerIndex, fuller, per_article, resolve_speakers, same_person

__all__ = ["EventChoice", "EventIndex", "NewSpeaker", "ResolvedSpeakers", "SpeakerIndex", "cluster_reports",
           "fuller", "per_article", "report_keys", "resolve_speakers", "same_person"]
