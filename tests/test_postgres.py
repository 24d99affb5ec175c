"""PostgreSQL gives the same rows as SQLite (runs when ARCHIVE_TEST_PG is set: .ci/run's second run)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import PG_ADMIN, SEEDS, connect

pytestmark = pytest.mark.skipif(not PG_ADMIN, reason="needs ARCHIVE_TEST_PG (a PostgreSQL server)")

# Each view without its generated ids, in a fixed order.
QUERIES = {
    "who_said_what": "SELECT speaker, speaker_kind, role, quote, kind, verb, channel, place, outlet, article_file, "
                     "start_char, end_char FROM who_said_what ORDER BY article_file, start_char",
    "speaker_directory": "SELECT speaker, kind, aliases, roles, quotes, articles, n_outlets, outlets "
                         "FROM speaker_directory ORDER BY speaker",
    "event_figures": "SELECT event_kind, place, figure, value_low, value_high, wording, is_estimate, article_file "
                     "FROM event_figures ORDER BY article_file, start_char",
    "events_timeline": "SELECT kind, event_date, place, attacker, target, participants, n_articles, n_outlets "
                       "FROM events_timeline ORDER BY kind, place, participants, n_articles",
    "article_overview": "SELECT outlet, title, quotes, speakers, events, places, removed_reasons "
                        "FROM article_overview ORDER BY article_file",
    "places_activity": "SELECT place, kind, country_code, latitude, longitude, mentions, events "
                       "FROM places_activity ORDER BY place",
}


def test_postgresql_and_sqlite_hold_the_same_rows(db_url, tmp_path):
    assert db_url.startswith("postgresql")
    sqlite_url = f"sqlite:///{tmp_path / 'same.sqlite'}"
    from archive.cli import cli

    for url in (db_url, sqlite_url):
        result = CliRunner().invoke(cli, ["--db", url, "import", "--jobs", "1", str(SEEDS)])
        assert result.exit_code == 0, result.output
    pg, lite = connect(db_url), connect(sqlite_url)

    def rows(db, sql):  # NULLs sort first in SQLite and last in PostgreSQL: compare as sorted rows
        return sorted(db.execute(sql).fetchall(), key=lambda r: tuple((v is None, str(v)) for v in r))

    for view, sql in QUERIES.items():
        assert rows(pg, sql) == rows(lite, sql), view
