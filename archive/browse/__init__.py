"""The archive in a browser: pages Datasette serves beside the views (``archive serve``).

* :mod:`.pages`: pure functions from rows to HTML (an article with its quotes marked in place,
  an event with each outlet's figures, a timeline chart as SVG), tested without a server;
* ``hooks/archive_browse.py``: the Datasette plugin that serves them, links ids to them, gives
  SQL an ``archive_fts(text)`` function for safe full-text queries and folds the column glossary;
* ``templates/``: the front page, which leads with the curated views.

They are loaded with ``--plugins-dir`` and ``--template-dir`` by ``archive serve`` alone, so a
Datasette run on other databases in the same environment is not changed.
"""
from __future__ import annotations

from pathlib import Path

HOOKS_DIR = Path(__file__).resolve().parent / "hooks"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
