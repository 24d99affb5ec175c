"""The errors a user can fix, in one light module: the command line catches them without loading
the database layers they come from, so a command starts fast.

Each message is one line for the user; the CLI prints it after ``Error:``.
"""
from __future__ import annotations


class ArchiveError(Exception):
    """Something the user must fix about the archive itself (missing, older, not an archive)."""


class QueryError(Exception):
    """A query that was refused or failed."""


class CurationError(Exception):
    """A curation request that cannot be carried out (unknown speaker, ...)."""
