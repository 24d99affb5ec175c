"""The one writer: everything the archive stores goes through this package.

* :mod:`.writer`: articles and what was extracted from them, in batches (:class:`Store`);
* :mod:`.events`: places, event reports and figures, event curation;
* :mod:`.curation`: speakers' curation, and events' through :func:`curate_events`;
* :mod:`.articles`: deleting a mistaken import with everything derived from it;
* :mod:`.derived` and :mod:`.summaries`: the derived tables, refreshed once per change by
  :func:`refresh_derived` in the transaction that made it;
* :mod:`.check`: ``archive check``, whether the archive is whole, and its repair.
"""
from __future__ import annotations

from .articles import EDITABLE, Deleted, delete_articles, set_metadata
from .check import Finding, check_archive
from .curation import (
    CurationError,
    assign_quote,
    curate_events,
    delete_quotes,
    merge_speakers,
    not_a_speaker,
    rename_speaker,
    split_speaker,
)
from .derived import refresh, refresh_derived
from .writer import Outcome, Store

__all__ = ["EDITABLE", "CurationError", "Deleted", "Finding", "Outcome", "Store", "check_archive", "assign_quote", "curate_events", "delete_articles", "delete_quotes", "not_a_speaker",
           "merge_speakers",
           "refresh", "refresh_derived", "rename_speaker", "set_metadata", "split_speaker"]
