"""Curated views on the seeds: rows, keys, order, and what they say."""
from __future__ import annotations

import pytest
from conftest import connect

from archive.views import load_views

VIEWS = [v.name for v in load_views()]


@pytest.mark.parametrize("view", VIEWS)
def test_view_returns_rows_with_a_unique_key_in_a_stable_order(seeded, db_url, view):
    con = connect(db_url)
    rows = con.execute(f"SELECT * FROM {view}").fetchall()
    assert rows, f"{view} is empty on the seeds"
    keys = [r[0] for r in rows]
    assert len(keys) == len(set(keys)), f"{view}: its first column is not unique"
    assert rows == con.execute(f"SELECT * FROM {view}").fetchall()
    assert "ORDER BY" in next(v.sql for v in load_views() if v.name == view).upper()


def test_speaker_directory_joins_spellings_across_outlets(seeded, db_url):
    con = connect(db_url)
    row = con.execute("SELECT speaker, kind, aliases, quotes, articles, n_outlets, outlets "
                      "FROM speaker_directory WHERE speaker LIKE 'Volodymyr Zelensk%'").fetchone()
    speaker, kind, aliases, quotes, articles, n_outlets, outlets = row
    assert kind == "person"
    assert "Volodymyr Zelensky" in aliases and "Volodymyr Zelenskyy" in aliases
    # 11 in the seed gold, and seed 001's '..., the statement said' (his office's statement, an ignore span there)
    assert quotes == 12 and articles == 4
    assert con.execute("SELECT COUNT(*) FROM who_said_what WHERE speaker = ?", (speaker,)).fetchone()[0] == quotes
    assert outlets == "Diaspora Digital Media; Wesleyan News" and n_outlets == 2
    roles = con.execute("SELECT roles FROM speaker_directory WHERE speaker = 'Dmitry Peskov'").fetchone()[0]
    assert roles == "Kremlin spokesman"


def test_quotes_by_speaker_lists_a_speakers_quotes_in_order(seeded, db_url):
    con = connect(db_url)
    rows = con.execute("SELECT kind, verb, quote FROM quotes_by_speaker WHERE speaker = 'Dmitry Peskov'").fetchall()
    assert rows == [("direct", "told reporters", "The Russian armed forces are fulfilling their tasks,"),
                    ("direct", None, "They continue to strike military and military-adjacent infrastructure facilities.")]


def test_directory_follows_curation(seeded, db_url):
    con = connect(db_url)
    (kid,) = con.execute("SELECT speaker_id FROM speaker_directory WHERE speaker = 'Kremlin'").fetchone()
    (pid,) = con.execute("SELECT speaker_id FROM speaker_directory WHERE speaker = 'Dmitry Peskov'").fetchone()
    assert seeded("speakers", "merge", str(pid), str(kid)).exit_code == 0
    assert seeded("speakers", "rename", str(pid), "Dmitry S. Peskov").exit_code == 0
    row = con.execute("SELECT speaker, quotes, curated FROM speaker_directory WHERE speaker_id = ?", (pid,)).fetchone()
    assert row == ("Dmitry S. Peskov", 3, 1)
