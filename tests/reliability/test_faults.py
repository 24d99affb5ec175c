"""Faults a user meets: migrations that must keep data, a read-only folder, a full disk, Ctrl-C,
readers during an import. Each test reproduces what a user saw, then checks what they see now."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from harness import archive, corpus, fingerprint, problems

pytestmark = pytest.mark.sqlite_only

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
COUNTS = ("SELECT (SELECT COUNT(*) FROM quotes), (SELECT COUNT(*) FROM event_reports), "
          "(SELECT COUNT(*) FROM event_mentions), (SELECT COUNT(*) FROM report_figures), "
          "(SELECT COUNT(*) FROM event_participants)")


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("faults") / "seeds.sqlite"
    assert archive(db, "import", "-q", "--jobs", "1", str(SEEDS)).returncode == 0
    return db


def _counts(db: Path) -> tuple:
    con = sqlite3.connect(db)
    try:
        return con.execute(COUNTS).fetchone()
    finally:
        con.close()


@pytest.mark.parametrize("revision", ["0008", "0006", "0005", "0004", "0003"])
def test_a_downgrade_and_upgrade_keeps_every_row_the_revisions_between_did_not_add(imported, tmp_path, revision):
    db = tmp_path / "a.sqlite"
    db.write_bytes(imported.read_bytes())
    before = _counts(db)
    assert archive(db, "db", "downgrade", revision, "--yes").returncode == 0
    assert archive(db, "db", "upgrade").returncode == 0
    assert _counts(db) == before  # table rebuilds once cascaded through foreign keys and emptied these
    assert problems(db) == []


def test_a_new_archive_killed_while_it_is_first_migrated_opens_and_imports(tmp_path):
    db = tmp_path / "new.sqlite"
    for delay in (0.3, 0.6, 0.9):
        proc = subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db), "stats"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    done = archive(db, "import", "-q", "--jobs", "1", str(SEEDS))
    assert done.returncode == 0, done.stdout + done.stderr
    assert problems(db) == []


def test_an_archive_in_a_read_only_folder_answers_reads_and_refuses_writes(imported, tmp_path, monkeypatch):
    """SQLite cannot open a WAL file in a folder it cannot write (not even to read) unless immutable.
    Root may write anywhere, so the folder's permission is what os.access reports here."""
    from click.testing import CliRunner

    from archive.cli import cli

    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "a.sqlite"
    db.write_bytes(imported.read_bytes())
    real_access = os.access
    monkeypatch.setattr("archive.reader.os.access",
                        lambda p, mode: False if Path(p) == folder and mode == os.W_OK else real_access(p, mode))
    runner = CliRunner()
    read = runner.invoke(cli, ["--db", str(db), "sql", "SELECT COUNT(*) FROM quotes"])
    assert read.exit_code == 0 and str(_counts(db)[0]) in read.output
    write = runner.invoke(cli, ["--db", str(db), "import", str(SEEDS)])
    assert write.exit_code != 0 and "read-only" in write.output and "Traceback" not in write.output
    assert not Path(f"{db}-shm").exists()  # nothing was created beside it


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_really_read_only_folder(imported, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "a.sqlite"
    db.write_bytes(imported.read_bytes())
    folder.chmod(0o555)
    try:
        assert archive(db, "stats").returncode == 0
        done = archive(db, "import", str(SEEDS))
        assert done.returncode != 0 and "read-only" in done.stderr
    finally:
        folder.chmod(0o755)


def test_a_full_disk_says_what_was_committed(tmp_path, monkeypatch):
    """The writer fails on its second batch as SQLite does when the disk fills up: one line, how many
    articles were committed, the file whole, and a re-run with space again finishes the import."""
    from click.testing import CliRunner
    from sqlalchemy.exc import OperationalError

    from archive.cli import cli
    from archive.store import Store

    folder = tmp_path / "corpus"
    corpus(folder, 120)
    db = tmp_path / "full.sqlite"
    calls = {"n": 0}
    real = Store.write_batch

    def fills_up(self, items, last=False):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OperationalError("INSERT INTO quotes ...", {}, sqlite3.OperationalError("database or disk is full"))
        return real(self, items, last)

    monkeypatch.setattr(Store, "write_batch", fills_up)
    result = CliRunner().invoke(cli, ["--db", str(db), "import", "-q", "--jobs", "1", str(folder)])
    assert result.exit_code == 1
    assert "disk full: 50 articles committed, the rest not stored" in result.output
    assert "INSERT" not in result.output and "Traceback" not in result.output
    assert problems(db, pending_ok=True) == []
    monkeypatch.setattr(Store, "write_batch", real)
    assert CliRunner().invoke(cli, ["--db", str(db), "import", "-q", "--jobs", "1", str(folder)]).exit_code == 0
    assert problems(db) == []
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone() == (120,)


@pytest.fixture
def interactive_ctrl_c():
    """SIGINT as an interactive Python has it, in this process and the commands it starts (a shell's
    background job, CI's for one, starts with it ignored, and so would they); put back after."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def test_ctrl_c_stops_an_import_with_a_summary_and_whole_summaries(tmp_path, interactive_ctrl_c):
    folder = tmp_path / "corpus"
    corpus(folder, 1000)  # enough that the import is still running when the interrupt comes
    db = tmp_path / "c.sqlite"
    assert archive(db, "db", "upgrade").returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db), "import", "-q", "--jobs", "2",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait for the first committed batch
        time.sleep(0.3)
        try:
            n = sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if n >= 50:
            break
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole foreground group
    out, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the import finished before the interrupt")
    assert proc.returncode == 130, err
    assert "interrupted:" in err and "articles committed" in err and "Traceback" not in err
    assert problems(db) == []  # what was committed has its summaries: no stale views


class _PressedInAFinalizer:
    """Ctrl-C landing while a finalizer runs (SQLAlchemy and sqlite3 run many during an import):
    Python swallows the KeyboardInterrupt its own handler raises there ("Exception ignored")."""

    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        sum(range(10_000))  # the handler runs here, inside __del__


@pytest.mark.parametrize("stage", ["import", "reextract"])
def test_ctrl_c_landing_in_a_finalizer_still_stops_the_run(tmp_path, stage, interactive_ctrl_c):
    """Seen as 'the import finished before the interrupt': a Ctrl-C that landed in a finalizer was
    lost and the run went on to its end. Now it stops at the next file, what was committed whole."""
    from archive.db import open_archive
    from archive.pipeline import Stopped, import_paths, reextract
    from archive.read import expand_paths

    folder = tmp_path / "corpus"
    corpus(folder, 120)
    db = tmp_path / "f.sqlite"
    engine = open_archive(f"sqlite:///{db}")
    paths = sorted(expand_paths([str(folder)]))
    seen: list[object] = []

    def press_at_60(*_args):
        seen.append(1)
        if len(seen) == 60:
            _PressedInAFinalizer()  # made and dropped at once

    if stage == "import":
        with pytest.raises(Stopped) as stop:
            import_paths(paths, engine, jobs=1, on_file=press_at_60)
        assert stop.value.cause is None and stop.value.summary.new == 50  # one batch, the rest not stored
    else:
        import_paths(paths, engine, jobs=1)
        with pytest.raises(KeyboardInterrupt):
            reextract(engine, on_article=press_at_60, jobs=1)
    assert len(seen) == 60  # stopped at the next file, not at the end
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Python's handler back
    assert problems(db) == []


def test_where_ctrl_c_is_ignored_an_import_ignores_it_too(tmp_path):
    """A background job (``nohup archive import ... &``) is not stopped by a Ctrl-C meant for the
    terminal's foreground: SIGINT stays ignored, and the import runs to its end."""
    from archive.db import open_archive
    from archive.pipeline import import_paths
    from archive.read import expand_paths

    folder = tmp_path / "corpus"
    corpus(folder, 60)
    db = tmp_path / "f.sqlite"
    engine = open_archive(f"sqlite:///{db}")
    seen: list[object] = []

    def press_at_10(*_args):
        seen.append(1)
        if len(seen) == 10:
            os.kill(os.getpid(), signal.SIGINT)

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        summary = import_paths(sorted(expand_paths([str(folder)])), engine, jobs=1, on_file=press_at_10)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
    assert summary.new == 60 and len(seen) == 60
    assert problems(db) == []


def test_readers_during_an_import_never_see_a_locked_or_half_written_archive(tmp_path):
    folder = tmp_path / "corpus"
    corpus(folder, 200)
    db = tmp_path / "r.sqlite"
    assert archive(db, "db", "upgrade").returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db), "import", "-q", "--jobs", "2",
                             str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen = []
    while proc.poll() is None:
        done = archive(db, "sql", "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                                  "(SELECT 1 FROM quotes q WHERE q.article_id = a.id)", "--format", "csv")
        assert done.returncode == 0, done.stderr  # never 'database is locked'
        seen.append(done.stdout.splitlines()[-1])
    assert proc.wait() == 0
    assert len(seen) >= 1 and set(seen) == {"0"}  # every article a reader sees has its quotes
    assert problems(db) == []
    assert fingerprint(db)


def test_curators_and_an_import_at_once_all_land_and_say_so(tmp_path):
    """Seen before BEGIN IMMEDIATE: three `speakers rename` at once printed an error though they had
    committed. Now every writer waits its turn, says what it did, and did it."""
    db = tmp_path / "c.sqlite"
    assert archive(db, "import", "-q", "--jobs", "1", str(SEEDS)).returncode == 0
    ids = [r[0] for r in sqlite3.connect(db).execute("SELECT id FROM speakers ORDER BY id LIMIT 5")]
    folder = tmp_path / "more"
    corpus(folder, 60)
    procs = [subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db), "import", "-q", "--jobs", "1",
                               str(folder)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)]
    procs += [subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db), "speakers", "rename", str(sid),
                                f"Curated Name {sid}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
              for sid in ids]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs), outputs
    assert all("Error" not in out and "locked" not in out for out in outputs), outputs
    con = sqlite3.connect(db)
    names = dict(con.execute(f"SELECT id, canonical_name FROM speakers WHERE id IN ({','.join(map(str, ids))})"))
    assert names == {sid: f"Curated Name {sid}" for sid in ids}
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4 + 60
    assert problems(db) == []
