"""Full-text search: FTS5 kept in sync by triggers, and the search command."""
from __future__ import annotations

import sqlite3

import pytest


def _fts(con, q):
    return [r[0] for r in con.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid", (q,))]


@pytest.mark.sqlite_only
def test_triggers_keep_the_index_in_step_with_quotes(seeded, db_path):
    con = sqlite3.connect(db_path)
    (qid,) = con.execute("SELECT id FROM quotes WHERE text LIKE 'Glass was flying%'").fetchone()
    assert _fts(con, "screaming") == [qid]
    con.execute("UPDATE quotes SET text = 'Windows were shattering' WHERE id = ?", (qid,))
    con.commit()
    assert _fts(con, "screaming") == [] and _fts(con, "shattering") == [qid]
    con.execute("DELETE FROM quotes WHERE id = ?", (qid,))
    con.commit()
    assert _fts(con, "shattering") == []
    con.execute("INSERT INTO quotes (article_id, start_char, end_char, text, kind, confidence, extractor_version) "
                "VALUES (1, 0, 5, 'an inserted quotation about tractors', 'direct', 0.5, 'test')")
    con.commit()
    assert len(_fts(con, "tractors")) == 1
    assert con.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')").fetchall() == []


@pytest.mark.sqlite_only
def test_reextract_keeps_the_index_true(seeded, db_path):
    con = sqlite3.connect(db_path)
    before = _fts(con, "barbarism")
    assert seeded("reextract").exit_code == 0
    after = _fts(con, "barbarism")
    assert len(before) == len(after) == 1
    assert con.execute("SELECT text FROM quotes WHERE id = ?", (after[0],)).fetchone() == ("terror and barbarism",)


@pytest.mark.sqlite_only
def test_article_bodies_are_indexed(seeded, db_path):
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT a.source_name FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                       "WHERE articles_fts MATCH 'refineries'").fetchall()
    assert rows == [("001_8ce60579af19617c.txt",)]


@pytest.mark.parametrize("args, must, must_not", [
    (["sanctions", "pressure"], ["Volodymyr Zelenskyy", "[Sanctions]", "[pressure]"], ["Macron"]),
    (["peace", "--speaker", "macron"], ["Emmanuel Macron", "[peace]"], ["Zelensky"]),
    (["refineries", "--articles"], ["001_8ce60579af19617c.txt", "[refineries]"], []),
    (["Kyiv", "--format", "csv"], ["quote_id,speaker,outlet,published_on,snippet"], []),
])
def test_search_command(seeded, args, must, must_not):
    result = seeded("search", *args)
    assert result.exit_code == 0, result.output
    for text in must:
        assert text in result.output
    for text in must_not:
        assert text not in result.output


def test_search_input_is_taken_literally_and_never_crashes(seeded):
    for words in ['x"y OR (', "NEAR(", "*", "AND"]:
        result = seeded("search", words)
        assert result.exit_code in (0, 1)
        assert "Traceback" not in result.output
    assert "no matches" in seeded("search", "zzzzqqq").output
    assert seeded("search", "kyiv", "--since", "not a date").exit_code != 0


@pytest.mark.parametrize("words, finds", [
    ("drone", "drones"),            # stemming: the singular finds the plural
    ("sanction", "Sanctions"),
    ("attacking", "attack"),
])
def test_search_stems_words(seeded, words, finds):
    result = seeded("search", words)
    assert result.exit_code == 0, result.output
    assert f"[{finds}" in result.output or f"[{finds.lower()}" in result.output


@pytest.mark.sqlite_only
def test_search_folds_accents(run, tmp_path):
    story = tmp_path / "a.txt"
    story.write_text('"The café in Kyiv reopened," Mayor Ana Petrenko said.\n', encoding="utf-8")
    run("import", str(story))
    assert "[café]" in run("search", "cafe").output


@pytest.mark.parametrize("text", ["U.S.", "Kyiv's", '"drones', "NEAR(", "", "AND OR NOT"])
def test_the_canned_query_function_never_fails(seeded, db_path, text):
    """archive_fts, which the Datasette canned query 'who spoke about :text' searches through."""
    if not str(db_path).endswith(".sqlite") or not db_path.exists():
        pytest.skip("SQLite archive only")
    from archive.browse.hooks.archive_browse import archive_fts

    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH ?", (archive_fts(text),)).fetchone()
    assert rows[0] >= (1 if text in ("U.S.", "Kyiv's", '"drones') else 0)


@pytest.mark.sqlite_only
def test_a_common_word_is_ranked_among_its_newest_matches(seeded, db_path, monkeypatch):
    import archive.query as query

    con = sqlite3.connect(db_path)
    ids = _fts(con, '"drones"')
    assert len(ids) > 2
    monkeypatch.setattr(query, "RANK_WINDOW", 2)
    out = seeded("search", "drones", "--format", "csv").output.splitlines()[1:]
    assert sorted(int(line.split(",")[0]) for line in out) == ids[-2:]
    with_filter = seeded("search", "drones", "--speaker", "air force", "--format", "csv").output.splitlines()[1:]
    assert with_filter  # a filter ranks every match: the window would hide the speaker's quotes
