"""The archive command, through click's CliRunner, as a user runs it."""
from __future__ import annotations

import json
import os
import sqlite3

import pytest
from conftest import SEEDS, connect


def test_import_seeds_then_again_adds_nothing(run, db_url):
    first = run("import", "--jobs", "1", str(SEEDS))
    assert first.exit_code == 0
    assert first.output.startswith("4 new, 0 unchanged, 0 failed;")
    second = run("import", "--jobs", "2", str(SEEDS))
    assert second.exit_code == 0
    assert second.output.startswith("0 new, 4 unchanged, 0 failed; 0 quotes")
    con = connect(db_url)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4


def test_import_with_worker_processes_gives_the_same_rows(run, db_url, tmp_path):
    from click.testing import CliRunner

    from archive.cli import cli

    assert run("import", "--jobs", "2", str(SEEDS)).exit_code == 0
    other = tmp_path / "one.sqlite"
    assert CliRunner().invoke(cli, ["--db", str(other), "import", "--jobs", "1", str(SEEDS)]).exit_code == 0
    q = "SELECT a.source_name, q.start_char, q.end_char, q.kind FROM quotes q JOIN articles a ON a.id=q.article_id ORDER BY 1,2"
    assert connect(db_url).execute(q).fetchall() == sqlite3.connect(other).execute(q).fetchall()


def test_changed_file_is_a_new_version_and_views_show_the_newest(run, db_url, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text('The mayor spoke.\n"We will rebuild every school," Mayor Ana Petrenko said.\n', encoding="utf-8")
    assert run("import", str(f)).output.startswith("1 new")
    f.write_text('The mayor spoke.\n"We will rebuild every hospital," Mayor Ana Petrenko said.\n', encoding="utf-8")
    result = run("import", str(f))
    assert result.output.startswith("0 new, 1 new version,")
    con = connect(db_url)
    assert con.execute("SELECT version FROM articles ORDER BY id").fetchall() == [(1,), (2,)]
    assert con.execute("SELECT quote FROM who_said_what").fetchall() == [("We will rebuild every hospital,",)]


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "no text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("bad.json", b'{"text": "unterminated', "malformed JSON"),
    ("notext.json", b'{"title": "no body"}', "no 'text' field"),
    ("missing.txt", None, "no such file"),
])
def test_bad_file_is_named_with_its_reason_and_the_rest_continue(run, db_url, tmp_path, name, content, reason):
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text('"We will rebuild," Mayor Ana Petrenko said on Tuesday.\n', encoding="utf-8")
    result = run("import", str(bad), str(good))
    assert result.exit_code == 1
    assert f"error: {bad if content is not None else name}" in result.output or name in result.output
    assert reason in result.output
    assert "1 new, 0 unchanged, 1 failed" in result.output
    assert "Traceback" not in result.output
    assert connect(db_url).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_size_cap(run, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    result = run("import", "--max-size", "100", str(big))
    assert result.exit_code == 1
    assert "larger than the size cap" in result.output


def test_json_jsonl_and_sidecar_metadata(run, db_url, tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "x1", "text": '"We will win," Mayor Ana Petrenko said.', "outlet": "City News",
                    "published": "2025-08-28", "title": "Win"}) + "\n"
        + "not json\n"
        + json.dumps({"text": "Police said the driver fled on foot after the crash."}) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Officials warned that more strikes were likely this week.\n", encoding="utf-8")
    (tmp_path / "b.meta.json").write_text(json.dumps({"outlet": "Wire", "published": "2025-09-01"}), encoding="utf-8")
    result = run("import", str(tmp_path))
    assert "malformed JSON" in result.output
    assert "3 new, 0 unchanged, 1 failed" in result.output
    rows = connect(db_url).execute(
        "SELECT a.source_name, o.name, a.published_on, a.title FROM articles a LEFT JOIN outlets o ON o.id=a.outlet_id "
        "ORDER BY 1").fetchall()
    assert rows == [("a.jsonl#3", None, None, None), ("a.jsonl#x1", "City News", "2025-08-28", "Win"),
                    ("b.txt", "Wire", "2025-09-01", None)]


def test_command_line_metadata_overrides(run, db_url, tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("Officials warned that more strikes were likely this week.\n", encoding="utf-8")
    run("import", "--outlet", "BBC News", "--published", "28 August 2025", "--url", "https://bbc.co.uk/x", str(f))
    row = connect(db_url).execute(
        "SELECT o.name, a.published_on, a.published_precision, a.url FROM articles a JOIN outlets o ON o.id=a.outlet_id"
    ).fetchone()
    assert row == ("BBC News", "2025-08-28", "day", "https://bbc.co.uk/x")


@pytest.mark.parametrize("encoding, bom", [("utf-8-sig", b""), ("utf-16", b""), ("cp1252", b"")])
def test_text_encodings(run, db_url, tmp_path, encoding, bom):
    f = tmp_path / "enc.txt"
    f.write_bytes(bom + '“Café prices rose,” said Radosław Sikorski’s aide, José Núñez.\n'.encode(encoding, "replace"))
    result = run("import", str(f))
    assert result.exit_code == 0
    text = connect(db_url).execute("SELECT original_text FROM articles").fetchone()[0]
    assert "Café" in text and not text.startswith("\ufeff")
    if encoding == "cp1252":
        assert "warning:" in result.output and "not UTF-8" in result.output


def test_html_main_text_and_metadata(run, db_url, tmp_path):
    body = "".join(f"<p>Paragraph {i} of the story about the city council and its budget for schools.</p>"
                   for i in range(6))
    (tmp_path / "page.html").write_text(
        "<html lang='en-GB'><head><title>Council budget</title><meta property='og:site_name' content='City Paper'>"
        "<meta name='date' content='2025-08-28'></head><body><nav>Home | World</nav><article><h1>Council budget</h1>"
        + body + "<p>\"We will rebuild every school,\" Mayor Ana Petrenko said.</p></article></body></html>",
        encoding="utf-8")
    result = run("import", str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.output
    con = connect(db_url)
    title, text, fmt = con.execute("SELECT title, original_text, source_format FROM articles").fetchone()
    assert fmt == "html" and "Home | World" not in text and "Paragraph 3" in text
    assert con.execute("SELECT outlet FROM article_overview").fetchall() == [("City Paper",)]
    assert con.execute("SELECT language FROM articles").fetchall() == [("en",)]
    assert con.execute("SELECT speaker FROM who_said_what").fetchall() == [("Ana Petrenko",)]


def test_sql_is_read_only(seeded):
    result = seeded("sql", "DELETE FROM quotes")
    assert result.exit_code != 0
    assert "read-only" in result.output
    result = seeded("sql", "WITH x AS (SELECT 1) DELETE FROM quotes")
    assert result.exit_code != 0 and "read-only" in result.output
    result = seeded("sql", "SELECT COUNT(*) AS n FROM quotes", "--format", "json")
    assert json.loads(result.output)[0]["n"] > 40


def test_sql_formats_and_stdin(seeded):
    out = seeded("sql", "-", "--format", "csv", input="SELECT speaker FROM who_said_what WHERE verb = 'noted'").output
    assert out.splitlines() == ["speaker", "Rory Challands"]
    out = seeded("sql", "SELECT quote_id, speaker FROM who_said_what LIMIT 2", "--format", "jsonl").output
    assert [sorted(json.loads(line)) for line in out.splitlines()] == [["quote_id", "speaker"]] * 2
    out = seeded("sql", "SELECT nosuchcolumn FROM quotes")
    assert out.exit_code != 0 and "query failed" in out.output and "nosuchcolumn" in out.output
    assert "Traceback" not in out.output


def test_export_quotes_carries_the_scorer_keys(seeded):
    lines = seeded("export", "quotes").output.splitlines()
    first = json.loads(lines[0])
    for key in ("article", "start", "end", "text", "speaker", "kind", "verb", "channel", "speaker_kind",
                "speaker_reason"):
        assert key in first
    every = [json.loads(line) for line in lines]
    assert all((q["speaker"] is None) == (q["speaker_reason"] is not None) for q in every)
    csv_out = seeded("export", "quotes", "--format", "csv").output.splitlines()
    assert csv_out[0].startswith("article,start,end,text,speaker")
    assert len(csv_out) > len(lines)  # multi-line quotes are quoted in CSV, never lost


def test_views_stats_and_quotes_commands(seeded):
    views = seeded("views", "--columns").output
    assert "who_said_what:" in views and "quote_id" in views
    stats = seeded("stats").output
    assert "articles: 4" in stats
    out = seeded("quotes", "--speaker", "peskov").output
    assert "Dmitry Peskov" in out and "Zelensky" not in out


@pytest.mark.parametrize("name, limit, plan", [
    ("a", 1, "by date"), ("a", 5, "by date"), ("peskov", 50, "by speaker"), ("nobody at all", 50, "by speaker")])
def test_quotes_of_a_name_are_the_views_first_rows_on_either_plan(seeded, db_url, name, limit, plan):
    """A broad name is found by date, a rare one by its speakers' quotes: the view's rows either way."""
    from archive.db import open_archive
    from archive.query import _named_plan, who_said

    engine = open_archive(db_url, create=False)
    pattern = f"%{name}%"
    view = ("SELECT quote_id, speaker, verb, quote, outlet, published_on, article_file FROM who_said_what "
            f"WHERE LOWER(speaker) LIKE '{pattern}' ORDER BY published_on, article_file, start_char, quote_id")
    expected = [tuple(r) for r in connect(db_url).execute(view).fetchall()][:limit]
    got = who_said(engine, name, limit)[1]
    assert [(r[0], r[1], r[3]) for r in got] == [(r[0], r[1], r[3]) for r in expected]
    assert _named_plan(engine, pattern, limit) == plan
    engine.dispose()


def test_missing_archive_is_a_clear_error(run):
    result = run("sql", "SELECT 1")
    assert result.exit_code != 0 and "no archive at" in result.output


def test_newer_revision_is_refused_and_left_untouched(run, db_url):
    assert run("db", "upgrade").exit_code == 0
    con = connect(db_url)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    result = run("stats")
    assert result.exit_code != 0 and "does not know" in result.output and "not touched" in result.output
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999_from_the_future",)


def test_older_revision_asks_for_db_upgrade(run, db_url, monkeypatch):
    from alembic.script import ScriptDirectory

    assert run("db", "upgrade").exit_code == 0
    import archive.db

    monkeypatch.setattr(ScriptDirectory, "get_current_head", lambda self: "0002_not_applied_yet")
    monkeypatch.setattr(archive.db, "known_head", lambda: "0002_not_applied_yet")  # the fast path's head
    result = run("import", str(SEEDS))
    assert result.exit_code != 0
    assert "older than 0002_not_applied_yet: run 'archive db upgrade'" in result.output


def test_downgrade_to_base_then_use_again(run, db_url):
    assert run("db", "upgrade").exit_code == 0
    refused = run("db", "downgrade", "base")  # no terminal here: it must not ask, and must not act
    assert refused.exit_code != 0 and "add --yes" in refused.output and "every table" in refused.output
    assert run("db", "current").output.splitlines()[0] != "current: none"
    assert "-> base" in run("db", "downgrade", "base", "--yes").output
    assert run("import", str(SEEDS)).exit_code == 0
    out = run("db", "current").output
    current, head = (line.split(": ")[1] for line in out.splitlines())
    assert current == head
    history = run("db", "history").output
    assert "0001: initial schema" in history and history.index(head) < history.index("0001")


def test_upgrade_from_an_older_revision_keeps_data_and_fills_summaries(run, db_url):
    from archive.db import downgrade, make_engine

    assert run("import", str(SEEDS)).exit_code == 0
    downgrade(make_engine(db_url), "0001")
    result = run("stats")
    assert result.exit_code != 0 and "run 'archive db upgrade'" in result.output
    assert "upgraded 0001 ->" in run("db", "upgrade").output
    con = connect(db_url)
    assert con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] > 40
    assert con.execute("SELECT quotes FROM speaker_directory WHERE speaker = 'Dmitry Peskov'").fetchone() == (2,)


def test_a_database_that_is_not_an_archive_is_refused(run, db_url):
    con = connect(db_url)
    con.execute("CREATE TABLE other (x INTEGER)")
    con.commit()
    result = run("import", str(SEEDS))
    assert result.exit_code != 0 and "is not an archive" in result.output


def test_speaker_curation_survives_reextract(seeded, db_url):
    con = connect(db_url)
    (zid,) = con.execute("SELECT id FROM speakers WHERE canonical_name LIKE 'Volodymyr Zelensk%'").fetchone()
    assert seeded("speakers", "rename", str(zid), "Volodymyr Zelensky").exit_code == 0
    (kid,) = con.execute("SELECT id FROM speakers WHERE canonical_name = 'Kremlin'").fetchone()
    (pid,) = con.execute("SELECT id FROM speakers WHERE canonical_name = 'Dmitry Peskov'").fetchone()
    assert "1 quotes moved" in seeded("speakers", "merge", str(pid), str(kid)).output
    result = seeded("reextract")
    assert result.exit_code == 0 and "4 articles re-extracted" in result.output
    assert con.execute("SELECT canonical_name FROM speakers WHERE id = ?", (zid,)).fetchone() == ("Volodymyr Zelensky",)
    # the Kremlin's quote went back to the merged speaker, through a rule on that quote: 'Kremlin' is
    # no name of Dmitry Peskov, so it is not made his alias (every future Kremlin quote would be his)
    rows = con.execute("SELECT speaker FROM who_said_what WHERE quote LIKE 'it was still interested%'").fetchall()
    assert rows == [("Dmitry Peskov",)]
    show = seeded("speakers", "show", str(pid)).output
    assert "Dmitry Peskov [curated]" in show and "Kremlin" not in show.splitlines()[1]


def test_reextract_with_the_same_rules_counts_no_new_speakers(seeded, db_url):
    before = connect(db_url).execute("SELECT id, canonical_name FROM speakers ORDER BY id").fetchall()
    result = seeded("reextract")
    assert result.exit_code == 0 and "52 quotes, 0 new speakers, 0 unused speakers removed" in result.output
    assert connect(db_url).execute("SELECT id, canonical_name FROM speakers ORDER BY id").fetchall() == before


def test_speaker_split(seeded, db_url):
    con = connect(db_url)
    (zid,) = con.execute("SELECT id FROM speakers WHERE canonical_name LIKE 'Volodymyr Zelensk%'").fetchone()
    aliases = [a for (a,) in con.execute("SELECT alias FROM speaker_aliases WHERE speaker_id = ?", (zid,))]
    assert len(aliases) == 2
    result = seeded("speakers", "split", str(zid), "Volodymyr Zelenskyy")
    assert result.exit_code == 0
    assert seeded("speakers", "split", "99999", "x").exit_code != 0
    listing = seeded("speakers", "list", "--search", "zelensk").output
    assert "Volodymyr Zelenskyy" in listing and "Volodymyr Zelensky " in listing


def test_every_command_has_help_and_is_in_the_readme():
    from conftest import REPO

    from archive.cli import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, cmd in cli.commands.items():
        assert cmd.help, name
        assert f"archive {name}" in readme, f"'archive {name}' is not in the README"
        for sub in getattr(cmd, "commands", {}):
            assert f"archive {name} {sub}" in readme or f"{name} {sub}" in readme, f"{name} {sub} not in README"


@pytest.mark.sqlite_only
def test_dates_and_timestamps_are_stored_as_bi_tools_expect(run, db_url, tmp_path):
    import re

    f = tmp_path / "d.txt"
    f.write_text("Officials warned that more strikes were likely this week.\n", encoding="utf-8")
    run("import", "--published", "August 28, 2025", str(f))
    con = connect(db_url)
    published, ingested = con.execute("SELECT published_on, ingested_at FROM articles").fetchone()
    assert published == "2025-08-28"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", ingested)
    types = {r[1]: r[2] for r in con.execute("PRAGMA table_info(articles)")}
    assert types["published_on"] == "DATE" and types["ingested_at"] == "DATETIME"


def test_sql_without_a_query(seeded):
    result = seeded("sql", "  ")
    assert result.exit_code != 0 and "no query given" in result.output


def test_sql_with_percent_signs_and_quotes(seeded):
    out = seeded("sql", "SELECT speaker FROM who_said_what WHERE speaker LIKE '%Peskov%' LIMIT 1", "--format", "csv")
    assert out.exit_code == 0 and out.output.splitlines() == ["speaker", "Dmitry Peskov"]
    out = seeded("quotes", "--speaker", "o'brien")
    assert out.exit_code == 0


@pytest.mark.parametrize("line, reason", [
    ("skip to main content", "navigation"),
    ("Watch: Trump 'not happy' after Russian strikes on Kyiv", "teaser"),
    ("Source: Wesleyannews.com", "source footer"),
    ("Do you have a story to share? Send it to our editorial team at editor@example.com", "contact footer"),
    ("By Sara Hassan", "byline"),
    ("Published 12 March 2025", "dateline"),
    ("Reporting by Tom Balmforth; Editing by Alex Richardson", "credit line"),
    ("Associated Press writer Mary Clare Jalonick contributed to this report.", "contributor line"),
    ("By the end of the day, rescuers had found three survivors.", None),
    ("Updated guidance was issued on Tuesday.", None),
    ("Share this with your friends, the mayor urged residents on Monday.", None),
])
def test_boilerplate_lines(line, reason):
    from archive.clean import boilerplate_reason

    assert boilerplate_reason(line) == reason


def test_export_events_is_the_event_scorers_format(seeded):
    lines = [json.loads(line) for line in seeded("export", "events").output.splitlines()]
    assert lines and all(list(d) == ["article", "event", "report", "kind", "place", "date", "attacker",
                                     "participants", "figure", "value_low", "value_high", "wording",
                                     "start", "end", "outlet", "published_on"] for d in lines)
    drones = [d for d in lines if d["figure"] == "drones" and d["value_low"] == 550]
    assert drones and drones[0]["kind"] == "attack" and drones[0]["place"] == "Kyiv"
    text = (SEEDS / drones[0]["article"]).read_text(encoding="utf-8")
    assert text[drones[0]["start"]:drones[0]["end"]] == drones[0]["wording"]
    meetings = [d for d in lines if d["kind"] == "meeting" and d["participants"]]
    assert all(isinstance(d["participants"], list) for d in meetings)
    csv_out = seeded("export", "events", "--format", "csv").output.splitlines()
    assert csv_out[0].startswith("article,event,report,kind,place,date")


def test_a_failing_extractor_costs_its_output_not_the_article(run, db_url, tmp_path, monkeypatch):
    import archive.extract as extract

    def broken(*args, **kwargs):
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(extract, "extract_events", broken)
    (tmp_path / "a.txt").write_text('"We will rebuild," Mayor Ana Petrenko said after the strike on Kyiv.\n',
                                    encoding="utf-8")
    result = run("import", "--jobs", "1", str(tmp_path / "a.txt"))
    assert result.exit_code == 0 and "event extraction failed (OverflowError" in result.output
    con = connect(db_url)
    assert con.execute("SELECT speaker FROM who_said_what").fetchall() == [("Ana Petrenko",)]
    (warnings,) = con.execute("SELECT warnings FROM articles").fetchone()
    assert "event extraction failed" in warnings
    assert con.execute("SELECT COUNT(*) FROM event_reports").fetchone() == (0,)


@pytest.mark.parametrize("text", [
    "Officials said a strike killed 1" + "0" * 400 + " people in Kyiv on Monday.\n",
    "“" + "a “b” c " * 8000 + "”\n",
])
def test_hostile_texts_are_stored_with_what_was_found(run, db_url, tmp_path, text):
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    result = run("import", "--jobs", "1", str(tmp_path / "x.txt"))
    assert result.exit_code == 0 and "1 new" in result.output and "failed (" not in result.output


def test_storage_errors_are_one_line_without_sql(run, db_url, tmp_path):
    from sqlalchemy.exc import OperationalError

    from archive.cli import _one_line

    exc = OperationalError("INSERT INTO articles (original_text) VALUES (?)", ("a whole article " * 50,),
                           Exception("attempt to write a readonly database"))
    line = _one_line(exc)
    assert line.startswith("the archive is read-only") and "INSERT" not in line and "\n" not in line
    full = _one_line(OperationalError("INSERT ...", (), Exception("database or disk is full")))
    assert full.startswith("disk full")


def test_deeply_nested_json_says_so(run, tmp_path):
    f = tmp_path / "deep.json"
    f.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run("import", str(f))
    assert "nested too deeply" in result.output and "Traceback" not in result.output


@pytest.mark.sqlite_only
def test_two_imports_at_once_both_land(db_path, tmp_path):
    """The second writer waits for the first (BEGIN IMMEDIATE + busy timeout) instead of failing."""
    import subprocess
    import sys

    folders = []
    for n in range(2):
        folder = tmp_path / f"batch{n}"
        folder.mkdir()
        for k in range(30):
            (folder / f"a{n}_{k}.txt").write_text(
                f'"We will rebuild school {n}-{k}," Mayor Ana Petrenko said on Monday.\n', encoding="utf-8")
        folders.append(folder)
    subprocess.run([sys.executable, "-m", "archive", "--db", str(db_path), "db", "upgrade"], check=True,
                   capture_output=True)
    procs = [subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db_path), "import", "-q", "--jobs", "1",
                               str(f)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for f in folders]
    outputs = [p.communicate(timeout=300)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone() == (60,)
    assert con.execute("SELECT COUNT(*) FROM speakers WHERE canonical_name = 'Ana Petrenko'").fetchone() == (1,)


@pytest.mark.sqlite_only
def test_a_file_that_is_not_an_archive_is_refused_untouched(tmp_path):
    from click.testing import CliRunner

    from archive.cli import cli

    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    before = other.read_bytes()
    result = CliRunner().invoke(cli, ["--db", str(other), "stats"])
    assert result.exit_code != 0 and "not an archive" in result.output
    assert other.read_bytes() == before  # no WAL switch, no journal: never changed
    assert sqlite3.connect(other).execute("PRAGMA journal_mode").fetchone() == ("delete",)


@pytest.mark.sqlite_only
def test_a_new_archive_needs_its_folder(tmp_path):
    from click.testing import CliRunner

    from archive.cli import cli

    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "no" / "such" / "a.sqlite"), "import", str(SEEDS)])
    assert result.exit_code != 0 and "does not exist" in result.output
    assert not (tmp_path / "no").exists()


@pytest.mark.sqlite_only
def test_workers_exit_when_the_import_is_killed(db_path, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    text = ('"We will rebuild," Mayor Ana Petrenko said on Monday. ' * 400 + "\n")
    for k in range(200):
        (folder / f"a{k}.txt").write_text(text + f"Article {k}.\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db_path), "import", "-q", "--jobs", "2",
                             str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children() -> set[int]:
        found = set()
        for task in (f"/proc/{proc.pid}/task/{t}/children" for t in os.listdir(f"/proc/{proc.pid}/task")):
            with open(task) as fh:
                found |= {int(p) for p in fh.read().split()}
        return found

    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:
        workers = children()
        time.sleep(0.2)
    assert len(workers) >= 2, "the import never started its workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{w}") and _alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(os.path.exists(f"/proc/{w}") and _alive(w) for w in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
    except OSError:
        return False


# the alarm may ring inside a garbage-collector callback, where Python prints the exception and
# drops it; it rings again 50 ms later (pipeline._alarm), so only the printed warning is expected
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_its_time_budget_is_stored_with_what_was_found(run, db_url, tmp_path, jobs):
    big = tmp_path / "big.txt"
    big.write_text("".join(f'"We will rebuild school {k}," Mayor Ana Petrenko said on Monday. '
                           f'A strike on Kyiv killed {k % 9 + 1} people.\n' for k in range(20_000)), encoding="utf-8")
    (tmp_path / "small.txt").write_text('"We will rebuild," Mayor Ana Petrenko said.\n', encoding="utf-8")
    # the big file takes seconds; 1 s leaves the small one room on a loaded machine (wall-clock time)
    result = run("import", "--jobs", jobs, "--time-budget", "1", str(big), str(tmp_path / "small.txt"))
    assert result.exit_code == 0 and "2 new" in result.output, result.output
    assert "time budget ran out" in result.output
    con = connect(db_url)
    warnings = dict(con.execute("SELECT source_name, warnings FROM articles").fetchall())
    assert "time budget ran out" in warnings["big.txt"] and warnings["small.txt"] is None
    assert con.execute("SELECT COUNT(*) FROM who_said_what WHERE article_file = 'small.txt'").fetchone() == (1,)


def test_a_budget_ring_that_is_swallowed_rings_again():
    """The alarm's exception can land where Python only prints it (a garbage-collector callback):
    the budget must still stop the extractor, so the alarm rings again until it does."""
    import contextlib
    import time

    from archive.extract import OutOfTime
    from archive.pipeline import _alarm

    def spin(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pass

    started = time.monotonic()
    with pytest.raises(OutOfTime), _alarm(0.1):
        with contextlib.suppress(OutOfTime):  # lost, as in a gc callback
            spin(5)
        spin(5)
    assert time.monotonic() - started < 4  # stopped by the second ring, not by the end of the work


def test_an_anonymous_speaker_belongs_to_its_article_through_curation_and_reextract(run, db_url, tmp_path):
    """'A senior official' in two articles is two speakers; naming one (or merging it into a person)
    holds for its article, through re-extraction, and claims no other article's senior official."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A senior official said the talks had failed.\n", encoding="utf-8")
    (folder / "b.txt").write_text("A senior official said the bridge would reopen.\n", encoding="utf-8")
    (folder / "c.txt").write_text('"We are ready," Mayor Erik Dahl said on Monday.\n', encoding="utf-8")
    assert run("import", "-q", str(folder)).exit_code == 0
    con = connect(db_url)

    def speaker_of(name: str) -> tuple[str, str]:
        return con.execute("SELECT s.canonical_name, s.kind FROM quotes q JOIN articles a ON a.id = q.article_id "
                           "JOIN speakers s ON s.id = q.speaker_id WHERE a.source_name = ?", (name,)).fetchone()

    ids = {name: con.execute("SELECT q.speaker_id FROM quotes q JOIN articles a ON a.id = q.article_id "
                             "WHERE a.source_name = ?", (name,)).fetchone()[0] for name in ("a.txt", "b.txt", "c.txt")}
    assert ids["a.txt"] != ids["b.txt"]
    assert run("speakers", "rename", str(ids["a.txt"]), "Jan Olsen").exit_code == 0
    assert run("speakers", "merge", str(ids["c.txt"]), str(ids["b.txt"])).exit_code == 0
    (folder / "d.txt").write_text("A senior official said the port was closed.\n", encoding="utf-8")
    assert run("import", "-q", str(folder)).exit_code == 0
    assert run("reextract").exit_code == 0
    assert speaker_of("a.txt") == ("Jan Olsen", "anonymous")
    assert speaker_of("b.txt") == ("Erik Dahl", "person")
    assert speaker_of("d.txt") == ("senior official", "anonymous")


@pytest.mark.parametrize("group, table", [("speakers", "speakers"), ("events", "events")])
def test_merging_many_at_once_asks_first(seeded, db_url, group, table):
    con = connect(db_url)
    ids = [str(i) for (i,) in con.execute(f"SELECT id FROM {table} ORDER BY id LIMIT 4")]
    before = con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    refused = seeded(group, "merge", *ids)          # three sources, no terminal: refused, nothing done
    assert refused.exit_code != 0 and "add --yes" in refused.output and "Merging 3" not in refused.output
    assert con.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == before
    assert seeded(group, "merge", *ids, "--yes").exit_code == 0
    assert con.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (before[0] - 3,)
    assert seeded(group, "merge", ids[0], str(con.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0])
                  ).exit_code == 0                  # one source: no question


def test_articles_list_show_and_delete(seeded, db_url):
    con = connect(db_url)
    listed = seeded("articles", "list", "--format", "csv").output.splitlines()
    assert listed[0].startswith("id,file,outlet,published,title,quotes,reports") and len(listed) == 5
    article_id, name = con.execute("SELECT id, source_name FROM articles ORDER BY id LIMIT 1").fetchone()
    shown = seeded("articles", "show", str(article_id)).output
    assert name in shown and "quotes" in shown and "removed" in shown
    assert seeded("articles", "show", "9999").exit_code != 0
    assert "no articles matching" in seeded("articles", "list", "-s", "no such thing").output
    before = con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    mine = con.execute("SELECT COUNT(*) FROM quotes WHERE article_id = ?", (article_id,)).fetchone()[0]
    refused = seeded("articles", "delete", str(article_id))     # no terminal: refused, nothing done
    assert refused.exit_code != 0 and "add --yes" in refused.output
    assert con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == before
    done = seeded("articles", "delete", str(article_id), "--yes")
    assert done.exit_code == 0 and f"{mine} quotes" in done.output
    assert con.execute("SELECT COUNT(*) FROM articles WHERE id = ?", (article_id,)).fetchone() == (0,)
    assert con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == before - mine
    assert con.execute("SELECT COUNT(*) FROM event_reports WHERE article_id = ?", (article_id,)).fetchone() == (0,)
    assert con.execute("SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
                       "(SELECT 1 FROM event_reports r WHERE r.event_id = e.id)").fetchone() == (0,)
    assert seeded("check").exit_code == 0                        # summaries and full-text indexes in step
    assert seeded("articles", "delete", str(article_id), "--yes").exit_code != 0   # gone: a clear error


def test_an_ambiguous_publication_date_is_not_guessed(run, db_url, tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"title": "T", "published_at": "04/09/2025",
                             "text": "Russian drones struck Kharkiv on Tuesday, killing two people."}), encoding="utf-8")
    result = run("import", str(f))
    assert result.exit_code == 0 and "ambiguous" in result.output
    con = connect(db_url)
    assert con.execute("SELECT published_on FROM articles").fetchone() == (None,)
    other = tmp_path / "b.json"
    other.write_text(f.read_text(encoding="utf-8").replace("Kharkiv", "Odesa"), encoding="utf-8")
    assert run("import", "--date-order", "dmy", str(other)).exit_code == 0
    assert con.execute("SELECT published_on FROM articles WHERE source_name LIKE 'b.json%'").fetchone()[0] \
        in ("2025-09-04", __import__("datetime").date(2025, 9, 4))
    for bad in ("July 5th", "04/09/2025"):
        refused = run("import", "--published", bad, str(f))
        assert refused.exit_code != 0 and "--published" in refused.output


@pytest.mark.parametrize("asked, work, cores, workers", [
    (None, 1, 2, 1),        # one file: no worker is worth its start-up
    (None, 99, 2, 1),
    (None, 100, 2, 2),      # 50 articles a worker pay for it
    (None, 10_000, 2, 2),   # never more than the cores
    (None, 10_000, 8, 8),
    (None, 0, 2, 1),
    (3, 1, 2, 3),           # asked for: as asked
    (1, 10_000, 8, 1),
])
def test_workers_start_only_when_there_is_enough_work(monkeypatch, asked, work, cores, workers):
    from archive import pipeline

    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: cores)
    assert pipeline._jobs(asked, work) == workers
