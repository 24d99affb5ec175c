"""archive check: integrity, foreign keys, full-text indexes and derived tables; and --repair.

Also: a curation commits together with the derived tables it changes, so a failure between the
two leaves the archive as it was.
"""
from __future__ import annotations

import pytest
from conftest import connect


def _lines(result) -> dict[str, str]:
    return {line.split()[0] + (":" + line.split()[2] if line.startswith("full_text") else ""): line.split()[1]
            for line in result.output.splitlines()}


def test_a_fresh_archive_checks_clean(seeded, db_url):
    result = seeded("check")
    assert result.exit_code == 0, result.output
    statuses = _lines(result)
    assert set(statuses.values()) == {"ok"}
    assert "derived" in statuses


def test_stale_derived_tables_are_found_and_repaired(seeded, db_url):
    db = connect(db_url)
    db.execute("UPDATE speaker_summary SET quotes = 999")
    db.execute("DELETE FROM article_summary")
    result = seeded("check")
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if x.startswith("derived"))
    assert "FAILED" in line and "speaker_summary" in line and "article_summary" in line
    assert db.execute("SELECT MAX(quotes) FROM speaker_summary").fetchone() == (999,)  # a check changes nothing
    repaired = seeded("check", "--repair")
    assert repaired.exit_code == 0 and "repaired" in repaired.output
    assert db.execute("SELECT MAX(quotes) FROM speaker_summary").fetchone()[0] < 999
    assert seeded("check").exit_code == 0


@pytest.mark.sqlite_only
def test_a_full_text_index_out_of_step_is_found_and_rebuilt(seeded, db_url):
    db = connect(db_url)
    qid, text = db.execute("SELECT id, text FROM quotes ORDER BY id LIMIT 1").fetchone()
    db.execute("INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', ?, ?)", (qid, text))
    result = seeded("check")
    assert result.exit_code == 1 and "quotes_fts: out of step" in result.output
    assert seeded("check", "--repair").exit_code == 0
    assert seeded("check").exit_code == 0
    word = text.split()[0].strip('“”"\'.,')
    assert seeded("search", word).exit_code == 0


@pytest.mark.sqlite_only
def test_foreign_keys_pointing_nowhere_are_reported(seeded, db_path):
    import sqlite3

    con = sqlite3.connect(db_path)  # foreign keys off on this connection: a hand edit gone wrong
    con.execute("UPDATE quotes SET speaker_id = 99999 WHERE id = (SELECT MIN(id) FROM quotes)")
    con.commit()
    con.close()
    result = seeded("check", "--repair")
    assert result.exit_code == 1
    assert "foreign_keys  FAILED" in result.output and "quotes" in result.output


def test_a_curation_and_its_refresh_commit_together(seeded, db_url, monkeypatch):
    """If the refresh fails, the merge is not committed either (no stale summaries after a crash)."""
    import archive.store.curation as curation

    db = connect(db_url)
    a, b = (r[0] for r in db.execute("SELECT id FROM speakers ORDER BY id LIMIT 2"))

    def fail(conn, change=None):
        raise RuntimeError("killed between the merge and its refresh")

    monkeypatch.setattr(curation, "refresh_derived", fail)
    with pytest.raises(RuntimeError):
        curation.merge_speakers(connect(db_url).engine, a, [b])
    assert db.execute("SELECT COUNT(*) FROM speakers WHERE id = ?", (b,)).fetchone() == (1,)
    monkeypatch.undo()
    assert seeded("speakers", "merge", str(a), str(b)).exit_code == 0
    assert db.execute("SELECT COUNT(*) FROM speaker_summary WHERE speaker_id = ?", (b,)).fetchone() == (0,)
    assert seeded("check").exit_code == 0


def test_check_on_a_missing_archive_says_so(run, tmp_path):
    result = run("check")
    assert result.exit_code != 0


def test_refreshing_only_the_touched_events_equals_a_full_refresh(seeded, db_url, tmp_path, monkeypatch):
    """The writer recomputes only the events a change touched; archive check recomputes all of them
    and must find nothing out of step after new articles, a new version, new metadata and a split."""
    from archive.store import derived

    monkeypatch.setattr(derived, "REBUILD_SHARE", 1e9)
    story = tmp_path / "lviv.txt"
    story.write_text("Russian drones struck Lviv on Tuesday, killing two people, the governor said.\n", encoding="utf-8")
    assert seeded("import", str(story)).exit_code == 0
    story.write_text("Russian drones struck Lviv on Tuesday, killing three people, the governor said.\n",
                     encoding="utf-8")
    assert seeded("import", str(story)).exit_code == 0                                   # a new version
    assert seeded("import", "--outlet", "Lviv Post", "--published", "2025-08-28", str(story)).exit_code == 0
    con = connect(db_url)
    event, report = con.execute("SELECT event_id, MIN(id) FROM event_reports GROUP BY event_id "
                                "HAVING COUNT(*) > 1 LIMIT 1").fetchone() or (None, None)
    if event is not None:
        assert seeded("events", "split", str(event), str(report)).exit_code == 0
    result = seeded("check")
    assert result.exit_code == 0, result.output
    assert "derived       ok" in result.output


DEV = __import__("pathlib").Path(__file__).parent / "data" / "dev" / "articles"


def _in_step(run) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "derived       ok" in result.output, result.output


def _one(con, sql: str):
    row = con.execute(sql).fetchone()
    assert row is not None, sql
    return row


def test_every_kind_of_change_refreshes_only_what_it_touched_and_equals_a_full_refresh(run, db_url, tmp_path,
                                                                                    monkeypatch):
    """The writer and the curation commands keep the summaries by difference (rows of the articles,
    outlets and speakers a change touched; speaker pairs by what each article adds); archive check
    recomputes everything and must find it equal after each kind of change."""
    from archive.store import derived

    monkeypatch.setattr(derived, "REBUILD_SHARE", 1e9)  # follow every change, however large, in this small archive
    texts = sorted(DEV.glob("*.txt"))
    assert len(texts) >= 8
    first = tmp_path / "first"
    first.mkdir()
    for path in texts[:5]:
        (first / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("import", "--jobs", "1", str(first)).exit_code == 0
    _in_step(run)
    for path in texts[5:8]:                         # one file at a time, into an archive that has speakers
        assert run("import", "--jobs", "1", str(path)).exit_code == 0
    version = first / texts[0].name                  # a new version of an article
    version.write_text(version.read_text(encoding="utf-8").replace("said", "told reporters", 1), encoding="utf-8")
    assert run("import", "--jobs", "1", str(version)).exit_code == 0
    _in_step(run)
    con = connect(db_url)
    assert _one(con, "SELECT COUNT(*) FROM speaker_pairs WHERE a_names_b > 0 OR b_names_a > 0")[0] > 0
    persons = [r[0] for r in con.execute(
        "SELECT s.id FROM speakers s JOIN speaker_summary m ON m.speaker_id = s.id "
        "WHERE s.kind = 'person' ORDER BY m.quotes DESC, s.id").fetchall()]
    named = _one(con, "SELECT speaker_b_id FROM speaker_pairs WHERE a_names_b > 0 ORDER BY id")[0]
    other = next(p for p in persons if p != named)
    steps = [
        ("speakers", "rename", str(named), "Someone Elsewise"),      # a surname no quote uses
        ("speakers", "rename", str(other), "Nemo Ukraine"),          # a surname quotes use ('Ukraine')
        ("speakers", "merge", str(persons[0]), str(persons[-1])),
    ]
    for step in steps:
        result = run(*step)
        assert result.exit_code == 0, result.output
        _in_step(run)
    alias = _one(con, "SELECT speaker_id, alias FROM speaker_aliases a WHERE (SELECT COUNT(*) FROM speaker_aliases b "
                      "WHERE b.speaker_id = a.speaker_id) > 1 ORDER BY id")
    assert run("speakers", "split", str(alias[0]), alias[1]).exit_code == 0
    _in_step(run)
    quote, speaker = _one(con, "SELECT q.id, (SELECT MIN(s.id) FROM speakers s WHERE s.id <> q.speaker_id) "
                               "FROM quotes q WHERE q.speaker_id IS NOT NULL ORDER BY q.id")
    assert run("quotes", "assign", str(quote), str(speaker)).exit_code == 0
    _in_step(run)
    assert run("quotes", "delete", str(_one(con, "SELECT MAX(id) FROM quotes")[0])).exit_code == 0
    _in_step(run)
    gone = _one(con, "SELECT s.id FROM speakers s JOIN speaker_pairs p ON p.speaker_b_id = s.id "
                     "WHERE p.a_names_b > 0 ORDER BY s.id")[0]     # a speaker other quotes name
    assert run("speakers", "not-a-speaker", str(gone), "--yes").exit_code == 0
    _in_step(run)
    article = _one(con, "SELECT MIN(id) FROM articles WHERE superseded_by IS NULL")[0]
    assert run("articles", "set", str(article), "--outlet", "Another Outlet").exit_code == 0
    _in_step(run)
    event, report = _one(con, "SELECT event_id, MAX(id) FROM event_reports GROUP BY event_id ORDER BY COUNT(*) DESC")
    if con.execute("SELECT COUNT(*) FROM event_reports WHERE event_id = ?", (event,)).fetchone()[0] > 1:
        assert run("events", "split", str(event), str(report)).exit_code == 0
        _in_step(run)
    assert run("articles", "delete", str(article), "--yes").exit_code == 0
    _in_step(run)


def test_a_writer_that_lets_its_event_index_go_clusters_as_separate_imports_would(run, db_url, tmp_path, monkeypatch):
    """Past EVENT_INDEX_LIMIT stored events, the writer drops its event index after a batch and loads
    stored events near new reports again: the events are those of importing each batch as an import
    of its own (memory stays flat, clustering stays what the archive's rules give)."""
    from click.testing import CliRunner

    from archive import pipeline
    from archive.cli import cli
    from archive.store import writer
    from archive.store.events import load_event_index

    texts = sorted(DEV.glob("*.txt"))
    batches = [texts[i:i + 5] for i in range(0, len(texts), 5)]
    monkeypatch.setattr(pipeline, "WRITE_BATCH", 5)
    monkeypatch.setattr(writer, "EVENT_INDEX_LIMIT", 0)
    loads = []
    monkeypatch.setattr(writer, "load_event_index", lambda conn, **kw: loads.append(1) or load_event_index(conn, **kw))
    assert run("import", "--jobs", "1", *map(str, texts)).exit_code == 0
    assert len(loads) >= len(batches)  # at the start, then after every batch that left events in it
    separate = tmp_path / "separate.sqlite"
    monkeypatch.setattr(writer, "EVENT_INDEX_LIMIT", 10**9)
    for batch in batches:
        assert CliRunner().invoke(cli, ["--db", str(separate), "import", "--jobs", "1", *map(str, batch)]).exit_code == 0
    groups = ("SELECT GROUP_CONCAT(report_key, ' ') FROM (SELECT event_id, report_key FROM event_reports "
              "ORDER BY report_key) GROUP BY event_id ORDER BY 1")
    together = [r[0] for r in connect(db_url).execute(groups).fetchall()]
    assert len(together) > 10 and any(" " in g for g in together)  # events, some of several reports
    assert together == [r[0] for r in connect(f"sqlite:///{separate}").execute(groups).fetchall()]
    _in_step(run)


def test_speaker_pairs_counted_a_few_articles_at_a_time_equal_one_count(seeded, db_url, monkeypatch):
    """A full refresh adds speaker_pairs to the table whenever it holds PAIRS_IN_MEMORY pairs (memory
    stays flat at any size): counted one article at a time and added after each, they are the same."""
    from sqlalchemy import create_engine

    from archive.store import derived, summaries

    query = ("SELECT speaker_a_id, speaker_b_id, articles_together, a_names_b, b_names_a FROM speaker_pairs "
             "ORDER BY speaker_a_id, speaker_b_id")
    whole = connect(db_url).execute(query).fetchall()
    assert len(whole) > 10 and any(r[2] for r in whole) and any(r[3] or r[4] for r in whole)
    one_at_a_time = summaries.chunks
    monkeypatch.setattr(summaries, "chunks", lambda ids, size=1: one_at_a_time(ids, 1))
    monkeypatch.setattr(summaries, "PAIRS_IN_MEMORY", 1)
    engine = create_engine(db_url)
    derived.refresh(engine)
    engine.dispose()
    assert connect(db_url).execute(query).fetchall() == whole


_NAIVE_PLACES = (  # what place_summary's mention counts mean, counted the slow way
    "SELECT pm.place_id, COUNT(*), COUNT(DISTINCT pm.article_id), MIN(a.published_on), MAX(a.published_on) "
    "FROM place_mentions pm JOIN articles a ON a.id = pm.article_id "
    "WHERE a.superseded_by IS NULL AND pm.place_id IS NOT NULL GROUP BY pm.place_id")


def test_place_mentions_count_current_articles_whether_a_place_is_common_or_rare(run, db_url, tmp_path):
    """places_activity's mentions, articles and first and last days come from the (place, article)
    index, less old versions, and a common place's days from articles in date order: the same
    figures as counting the current articles naming each place, for places in most articles and
    in few, and an old version's earlier day is not a place's first. (No events: their days count too.)"""
    stories = [
        ("a.txt", "2025-03-04", "Schools in Kharkiv and Kharkiv region will reopen, officials in Kharkiv said."),
        ("b.txt", "2025-05-10", "Trams run again in Kharkiv. Officials in Odesa said the port was calm."),
        ("c.txt", "2025-02-01", "Residents of Kharkiv queued for water, a volunteer in Odesa said."),
        ("d.txt", "2025-07-20", "Talks in Geneva on Kharkiv ended without a deal, diplomats said."),
        ("e.txt", None, "A choir from Kharkiv sang on an unknown day, its director said."),
    ]
    for name, day, text in stories:
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
        args = ["import", "--jobs", "1"] + (["--published", day] if day else []) + [str(tmp_path / name)]
        assert run(*args).exit_code == 0
    old = tmp_path / "f.txt"                        # an old version, the earliest day of all, naming Lviv
    old.write_text("Sirens sounded in Lviv, Uzhhorod and Kharkiv, the mayor said.\n", encoding="utf-8")
    assert run("import", "--published", "2024-01-01", str(old)).exit_code == 0
    old.write_text("Sirens sounded in Uzhhorod and Kharkiv, the mayor said.\n", encoding="utf-8")
    assert run("import", "--published", "2025-06-30", str(old)).exit_code == 0
    con = connect(db_url)
    assert _one(con, "SELECT COUNT(*) FROM articles WHERE superseded_by IS NOT NULL")[0] == 1
    stored = {r[0]: tuple(str(x) if x is not None else None for x in r[1:]) for r in con.execute(
        "SELECT place_id, mentions, articles, first_date, last_date FROM place_summary WHERE mentions > 0").fetchall()}
    naive = {r[0]: tuple(str(x) if x is not None else None for x in r[1:])
             for r in con.execute(_NAIVE_PLACES).fetchall()}
    assert stored == naive
    assert _one(con, "SELECT COUNT(*) FROM events")[0] == 0
    total = _one(con, "SELECT MAX(id) FROM articles")[0]
    sizes = {int(n) ** 2 > total for _, n, _, _ in naive.values()}
    assert sizes == {True, False}                    # both ways of finding the days were taken
    kharkiv = _one(con, "SELECT p.id FROM places p WHERE p.name = 'Kharkiv' AND p.kind = 'city'")[0]
    assert stored[kharkiv][2:] == ("2025-02-01", "2025-07-20")
    uzhhorod = _one(con, "SELECT p.id FROM places p WHERE p.name = 'Uzhhorod'")[0]
    assert stored[uzhhorod] == ("1", "1", "2025-06-30", "2025-06-30")
    assert _one(con, "SELECT COUNT(*) FROM place_summary s JOIN places p ON p.id = s.place_id "
                     "WHERE p.name = 'Lviv'")[0] == 0


def test_speaker_summary_counts_the_current_quotes_of_each_speaker(run, db_url, tmp_path):
    """speaker_summary is counted from speaker_days and speaker_outlets (and roles from the quotes):
    the same figures as counting each speaker's quotes in the newest article versions, with two
    articles of one day and outlet, two outlets, an undated article, and a role only an old version
    gave."""
    stories = [
        ("a.txt", ["--outlet", "North Post", "--published", "2025-01-15"],
         '"We will rebuild the bridge," Interior Minister Ivan Petrenko said on Monday.\n\n'
         '"The work starts soon," Petrenko added.\n'),
        ("b.txt", ["--outlet", "South Post", "--published", "2025-01-15"],
         '"Trains will run again by spring," Ivan Petrenko told reporters.\n'),
        ("e.txt", ["--outlet", "North Post", "--published", "2025-01-15"],   # a's day and outlet
         '"Repairs will take a month," Ivan Petrenko said.\n'),
        ("c.txt", ["--outlet", "North Post"],
         '"Help is coming to every district," Ivan Petrenko said in a statement.\n'),
        ("d.txt", ["--outlet", "West Post", "--published", "2025-03-01"],
         'Mayor Olena Marchenko said: "The shelters are open all night."\n'),
    ]
    for name, meta, text in stories:
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert run("import", "--jobs", "1", *meta, str(tmp_path / name)).exit_code == 0
    (tmp_path / "d.txt").write_text('"The shelters are open all night," Olena Marchenko said.\n', encoding="utf-8")
    assert run("import", "--jobs", "1", "--outlet", "West Post", "--published", "2025-03-02",
               str(tmp_path / "d.txt")).exit_code == 0       # a new version: no role any more
    con = connect(db_url)
    assert _one(con, "SELECT COUNT(*) FROM articles WHERE superseded_by IS NOT NULL")[0] == 1
    current = ("FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
               "WHERE a.superseded_by IS NULL AND q.speaker_id = s.id")
    naive = {}
    for sid, in con.execute("SELECT id FROM speakers s").fetchall():
        quotes, articles, first, last = con.execute(
            f"SELECT COUNT(*), COUNT(DISTINCT q.article_id), MIN(a.published_on), MAX(a.published_on) "
            f"{current.replace('s.id', '?')}", (sid,)).fetchone()
        outlets = sorted({r[0] for r in con.execute(f"SELECT o.name {current.replace('s.id', '?')}", (sid,)).fetchall()
                          if r[0]})
        roles = sorted({r[0] for r in con.execute(f"SELECT q.speaker_role {current.replace('s.id', '?')}",
                                                  (sid,)).fetchall() if r[0]})
        naive[sid] = (quotes, articles, len(outlets), "; ".join(outlets) or None, "; ".join(roles) or None,
                      str(first) if first else None, str(last) if last else None)
    stored = {r[0]: tuple(str(x) if i >= 5 and x is not None else x for i, x in enumerate(r[1:])) for r in con.execute(
        "SELECT speaker_id, quotes, articles, n_outlets, outlets, roles, first_quoted_on, last_quoted_on "
        "FROM speaker_summary").fetchall()}
    assert stored == naive
    by_name = dict(con.execute("SELECT s.canonical_name, m.articles FROM speakers s "
                               "JOIN speaker_summary m ON m.speaker_id = s.id").fetchall())
    assert by_name["Ivan Petrenko"] == 4 and stored[_one(con, "SELECT id FROM speakers WHERE canonical_name = "
                                                                "'Ivan Petrenko'")[0]][2] == 2
    assert _one(con, "SELECT roles FROM speaker_summary m JOIN speakers s ON s.id = m.speaker_id "
                     "WHERE s.canonical_name = 'Olena Marchenko'")[0] is None


def test_a_writer_reuses_a_speaker_another_writer_stored_after_it_started(db_url):
    """Two imports at once: the second writer's index was loaded before the first stored Ana Petrenko.
    It asks the table before making a speaker, so she stays one speaker, with one alias per spelling."""
    from archive.clean import clean
    from archive.db import open_archive
    from archive.extract import extract
    from archive.store.writer import Store
    from archive.types import RawArticle

    def article(name: str, text: str):
        return extract(clean(RawArticle(name, f"/in/{name}", text, "txt")))

    engine = open_archive(db_url)
    late, early = Store(engine), Store(engine)  # both indexes loaded from the empty archive
    first = article("a.txt", "Water returns to Lviv\n\n"
                             "\"Every district has water again,\" said Ana Petrenko, the mayor of Lviv.\n")
    second = article("b.txt", "Lviv repairs its pipes\n\n"
                              "\"The repairs took four days,\" Ana Petrenko said on Monday.\n\n"
                              "\"We thank the crews,\" Petrenko added.\n")
    assert [o.status for o in early.write_batch([first], last=True)] == ["new"]
    assert [o.status for o in late.write_batch([second], last=True)] == ["new"]
    db = connect(db_url)
    speakers = db.execute("SELECT id FROM speakers WHERE canonical_name LIKE '%Petrenko%'").fetchall()
    assert len(speakers) == 1
    said = db.execute("SELECT DISTINCT speaker_id FROM quotes").fetchall()
    assert said == speakers
    keys = [r[0] for r in db.execute("SELECT alias_key FROM speaker_aliases WHERE speaker_id = ?", speakers[0])]
    assert "ana petrenko" in keys and len(keys) == len(set(keys))
