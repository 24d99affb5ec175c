"""The command line as a journalist meets it: where --db goes, what is refused, metadata that
can be corrected by a re-import or by hand."""
from __future__ import annotations

import pytest
from conftest import SEEDS, connect

STORY = ('KYIV — Russian drones struck Odesa on Tuesday, killing two people, the regional governor said.\n'
         '"We will rebuild," Mayor Ana Petrenko said on Tuesday.\n')


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "odesa.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_db_may_follow_the_command(run, db_url, story):
    from click.testing import CliRunner

    from archive.cli import cli

    assert run("import", str(story)).exit_code == 0
    for args in (["quotes", "--db", db_url], ["articles", "list", "--db", db_url], ["stats", "--db", db_url]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "Petrenko" in result.output or "articles: 1" in result.output or "odesa.txt" in result.output


@pytest.mark.parametrize("url", ["mysql://user@host/news", "oracle://x", "mongodb://h/db"])
def test_unsupported_database_is_named(url):
    from click.testing import CliRunner

    from archive.cli import cli

    result = CliRunner().invoke(cli, ["--db", url, "stats"])
    assert result.exit_code == 2
    assert "not supported" in result.output and "postgresql://" in result.output
    assert "ModuleNotFoundError" not in result.output


@pytest.mark.parametrize("command", [["import", "odesa.txt"], ["db", "upgrade"]])
def test_a_new_archive_needs_its_folder(tmp_path, story, command):
    from click.testing import CliRunner

    from archive.cli import cli

    target = tmp_path / "missing" / "a.sqlite"
    result = CliRunner().invoke(cli, ["--db", str(target), *command])
    assert result.exit_code == 1 and "does not exist" in result.output
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("name, reason", [
    ("README.md", "not a news format (.md)"),
    ("data.csv", "not a news format (.csv)"),
    ("notes", "not a news format (no suffix)"),
    ("odesa.meta.json", "is a sidecar"),
])
def test_named_files_that_are_not_news_are_refused(run, db_url, tmp_path, story, name, reason):
    (tmp_path / name).write_text('{"outlet": "X"}' if name.endswith(".json") else "# Notes\nsaid nothing\n")
    result = run("import", str(tmp_path / name), str(story))
    assert result.exit_code == 1
    assert f"error: {tmp_path / name}: {reason}" in result.output
    assert result.output.splitlines()[-1].startswith("1 new, 0 unchanged, 1 failed")


def test_url_on_a_folder_or_many_files_is_refused(run, tmp_path, story):
    other = tmp_path / "other.txt"
    other.write_text(STORY.replace("Odesa", "Kharkiv"), encoding="utf-8")
    for paths in ([str(tmp_path)], [str(story), str(other)], [str(tmp_path / "*.txt")]):
        result = run("import", "--url", "https://example.org/a", *paths)
        assert result.exit_code == 2 and "single file" in result.output
    assert run("import", "--url", "https://example.org/a", str(story)).exit_code == 0


def test_quotes_show_id_outlet_and_date_and_say_when_empty(run, story):
    assert run("quotes").output.startswith("no quotes in the archive") or run("quotes").exit_code != 0
    run("import", "--outlet", "Kyiv Post", "--published", "2025-08-28", str(story))
    out = run("quotes").output.splitlines()
    assert out[0].split() == ["id", "speaker", "verb", "quote", "outlet", "date", "article_file"]
    assert "Kyiv Post" in out[2] and "2025-08-28" in out[2]
    assert run("quotes", "--speaker", "nobody").output.strip() == "no quotes by a speaker matching 'nobody'"


def test_stats_count_events_figures_and_places(run, story):
    run("import", str(story))
    stats = dict(line.split(": ") for line in run("stats").output.splitlines())
    assert stats["events"] == "1" and stats["event_reports"] == "1"
    assert int(stats["figures"]) >= 1 and int(stats["places"]) >= 1 and int(stats["place_mentions"]) >= 1


def test_stats_count_only_the_newest_version_of_each_article(run, db_url, story, tmp_path):
    """Counts are taken as all rows less those of superseded versions: they must equal counting the
    facts of current articles by join, after a new version of an article and beside another one."""
    assert run("import", str(story), str(sorted(SEEDS.glob("*.txt"))[0])).exit_code == 0
    story.write_text(STORY.replace("Mayor Ana Petrenko said", "Mayor Ana Petrenko told reporters"), encoding="utf-8")
    assert "1 new version" in run("import", str(story)).output
    stats = {k: int(v) for k, v in (line.split(": ") for line in run("stats").output.splitlines())}
    con, current = connect(db_url), "JOIN articles a ON a.id = {}.article_id WHERE a.superseded_by IS NULL"
    by_join = {
        "quotes": f"SELECT COUNT(*) FROM quotes q {current.format('q')}",
        "quotes_with_speaker": f"SELECT COUNT(*) FROM quotes q {current.format('q')} AND q.speaker_id IS NOT NULL",
        "event_reports": f"SELECT COUNT(*) FROM event_reports r {current.format('r')}",
        "figures": "SELECT COUNT(*) FROM report_figures f JOIN event_reports r ON r.id = f.report_id "
                   f"{current.format('r')}",
        "place_mentions": f"SELECT COUNT(*) FROM place_mentions m {current.format('m')}",
    }
    assert stats["article_versions"] == stats["articles"] + 1
    for key, sql in by_join.items():
        assert stats[key] == con.execute(sql).fetchone()[0] > 0, key
    assert stats["quotes"] < con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]  # the old version's are left out


def test_sql_wide_keeps_long_cells_whole(run, story):
    run("import", str(story))
    query = "SELECT original_text FROM articles"
    assert "…" in run("sql", query).output
    assert "Mayor Ana Petrenko said on Tuesday." in run("sql", "--wide", query).output
    assert run("sql", "SELECT 1 AS x WHERE 1 = 0").output.startswith("no rows")


def test_reimport_with_new_metadata_updates_it(run, db_url, story):
    assert run("import", str(story)).output.startswith("1 new")
    con = connect(db_url)
    assert con.execute("SELECT event_date FROM events").fetchall() == [(None,)]
    result = run("import", "--outlet", "Kyiv Post", "--published", "2025-08-28", str(story))
    assert result.output.startswith("0 new, 1 updated, 0 unchanged")
    assert con.execute("SELECT o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id").fetchall() \
        == [("Kyiv Post",)]
    assert con.execute("SELECT event_date FROM events").fetchall() == [("2025-08-26",)]  # the Tuesday before
    again = run("import", str(story))  # no metadata given: nothing is cleared
    assert again.output.startswith("0 new, 1 unchanged")
    assert con.execute("SELECT published_on FROM articles").fetchall() == [("2025-08-28",)]


def test_a_changed_sidecar_updates_the_metadata(run, db_url, story, tmp_path):
    sidecar = tmp_path / "odesa.meta.json"
    sidecar.write_text('{"outlet": "Kyiv Post", "url": "https://kp.example/1"}', encoding="utf-8")
    run("import", str(story))
    sidecar.write_text('{"outlet": "Kyiv Post", "url": "https://kp.example/odesa"}', encoding="utf-8")
    assert run("import", str(story)).output.startswith("0 new, 1 updated")
    assert connect(db_url).execute("SELECT url FROM articles").fetchall() == [("https://kp.example/odesa",)]


def test_articles_set_corrects_metadata_and_redates_events(run, db_url, story):
    run("import", "--published", "2025-08-28", str(story))
    con = connect(db_url)
    event_id = con.execute("SELECT id FROM events").fetchone()[0]
    result = run("articles", "set", "1", "--published", "2025-09-10", "--title", "Odesa hit",
                 "--outlet", "Odesa Daily", "--byline", "A. Writer")
    assert result.exit_code == 0, result.output
    assert "title, outlet, byline, published set" in result.output
    assert con.execute("SELECT id, event_date FROM events").fetchall() == [(event_id, "2025-09-09")]
    row = con.execute("SELECT title, title_source, byline, published_source FROM articles").fetchone()
    assert row == ("Odesa hit", "curated", "A. Writer", "curated")
    run("reextract")  # what was set by hand stays
    assert con.execute("SELECT title, published_on, published_source FROM articles").fetchone() \
        == ("Odesa hit", "2025-09-10", "curated")
    assert run("articles", "set", "1", "--byline", "A. Writer").output.strip() == "article 1: nothing changed"


@pytest.mark.parametrize("args, message", [
    (["1", "--published", "July 5th"], "is not a date"),
    (["1", "--published", "04/09/2025"], "day/month or month/day"),
    (["1"], "nothing to set"),
    (["99", "--title", "x"], "no article with id 99"),
])
def test_articles_set_refuses_what_it_cannot_do(run, story, args, message):
    run("import", str(story))
    result = run("articles", "set", *args)
    assert result.exit_code != 0 and message in result.output


def test_reimporting_known_text_costs_a_hash_not_an_extraction(run, db_url, story, monkeypatch):
    import archive.pipeline as pipeline

    assert run("import", "--jobs", "1", str(story)).output.startswith("1 new")

    def no_extraction(*args, **kwargs):
        raise AssertionError("a known text was extracted again")

    monkeypatch.setattr(pipeline, "extract", no_extraction)
    result = run("import", "--jobs", "1", str(story))
    assert result.output.startswith("0 new, 1 unchanged, 0 failed"), result.output
    # a new publication date must re-date the events: the writer extracts that one article itself
    result = run("import", "--jobs", "1", "--published", "2025-08-28", str(story))
    assert result.output.startswith("0 new, 1 updated"), result.output
    assert connect(db_url).execute("SELECT event_date FROM events").fetchall() == [("2025-08-26",)]
