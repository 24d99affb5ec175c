"""Faults on purpose, and what is left afterwards.

Shared by ``tests/reliability/`` (a few trials, in CI) and ``benchmarks/reliability.py`` (many trials,
figures printed). Everything runs the real command line in a subprocess, so a ``kill -9`` lands
wherever the process happens to be: inside a worker, between two articles, inside a commit, inside
the refresh of the summary tables.

* :func:`corpus` writes articles built from the seeds, varied so that each has speakers and figures
  of its own;
* :func:`kill_trial` starts a command, kills it with SIGKILL after a random delay, checks the file,
  runs the command again to the end and compares the archive with a clean run;
* :func:`problems` is what a kill may never leave: a damaged file, a dangling key, full-text
  indexes or summary tables out of step with the base tables (``archive check``);
* :func:`fingerprint` is what a user sees of the archive: articles, quotes and who said them,
  event reports and the events they belong to.
"""
from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

_FIRST = ["Ana", "Oleh", "Maria", "Dmytro", "Iryna", "Jean", "Fatima", "Kofi", "Li", "Sven", "Aisha", "Pedro"]
_LAST = ["Petrenko", "Kovalenko", "Moreau", "Mensah", "Haddad", "Lindqvist", "Okafor", "Silva", "Tanaka",
         "Novak", "Rahimi", "Garcia", "Bondarenko", "Schmidt"]
_PLACES = ["Kharkiv", "Odesa", "Lviv", "Dnipro", "Sumy", "Kherson", "Mykolaiv", "Poltava"]


def corpus(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` articles into ``folder``: a seed article, then a paragraph of its own (a named
    speaker, a strike with a toll on a city, a date), so no two articles are the same text."""
    rng = random.Random(seed)
    bases = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        place = rng.choice(_PLACES)
        extra = (f"\n\nA drone strike on {place} on {rng.randint(1, 28)} March killed {rng.randint(1, 30)} people "
                 f"and injured {rng.randint(1, 60)}, officials said.\n\n"
                 f'"We will rebuild every home in {place}," Mayor {name} said on Monday. '
                 f"{name.split()[1]} added that report {k} would be published.\n")
        path = folder / f"article{k:05d}.txt"
        path.write_text(bases[k % len(bases)] + extra, encoding="utf-8")
        paths.append(path)
    return paths


def archive(db: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``archive --db DB ARGS`` to the end."""
    return subprocess.run([sys.executable, "-m", "archive", "--db", str(db), *args], capture_output=True,
                          text=True, timeout=timeout)


def problems(db: Path, pending_ok: bool = False) -> list[str]:
    """What ``archive check`` finds wrong with the file. Right after a kill (``pending_ok``) the
    summary tables may lag behind the committed batches, but only where the archive knows it (the
    pending mark, which the next change clears); after a command that ran to its end, nothing."""
    done = archive(db, "check")
    if done.returncode == 0:
        return []
    lines = [line for line in (done.stdout + done.stderr).splitlines() if "FAILED" in line or "Error" in line]
    if pending_ok:
        lines = [line for line in lines if "pending after an interrupted" not in line]
    return lines or ([] if pending_ok else ["check failed"])


def fingerprint(db: Path) -> str:
    """A digest of what users see: articles (name, text hash, version), each quote with its span and
    speaker name, each event report with its kind and the set of articles its event joins."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    h = hashlib.sha256()
    rows = [
        con.execute("SELECT source_name, content_hash, version FROM articles ORDER BY 1, 3").fetchall(),
        con.execute("SELECT a.source_name, q.start_char, q.end_char, q.kind, s.canonical_name FROM quotes q "
                    "JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id "
                    "ORDER BY 1, 2, 3").fetchall(),
        con.execute("SELECT a.source_name, r.start_char, r.kind, "
                    "(SELECT group_concat(a2.source_name, '|') FROM (SELECT DISTINCT a2.source_name "
                    " FROM event_reports r2 JOIN articles a2 ON a2.id = r2.article_id "
                    " WHERE r2.event_id = r.event_id ORDER BY 1) a2) "
                    "FROM event_reports r JOIN articles a ON a.id = r.article_id ORDER BY 1, 2, 3").fetchall(),
    ]
    con.close()
    for table in rows:
        for row in table:
            h.update(repr(row).encode())
        h.update(b"\x00")
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Trial:
    command: str
    delay: float          # seconds after the start the process was killed
    killed: bool          # False: it finished before the kill
    problems: tuple[str, ...]
    same_as_clean: bool   # after running the command again to the end

    @property
    def failed(self) -> bool:
        return bool(self.problems) or not self.same_as_clean


def killed_after(db: Path, args: list[str], delay: float) -> bool:
    """Start ``archive --db DB ARGS``, SIGKILL it after ``delay`` seconds; True if it was still running."""
    proc = subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(0.2)  # let its workers notice (they exit when their parent dies)
        return True


def kill_trial(work: Path, prepared: Path, args: list[str], clean: str, duration: float, rng: random.Random,
               name: str) -> Trial:
    """Copy the ``prepared`` archive, kill ``args`` at a random moment, check, re-run, compare with ``clean``."""
    db = work / f"{name}.sqlite"
    copy_archive(prepared, db)
    delay = rng.uniform(0.05, duration)
    killed = killed_after(db, args, delay)
    found = tuple(problems(db, pending_ok=True))
    archive(db, *args)  # again, to the end (a merge that had committed now says the ids are gone: fine)
    found += tuple(f"after the re-run: {p}" for p in problems(db))
    same = fingerprint(db) == clean
    return Trial(" ".join(args[:2]), delay, killed, found, same)


def copy_archive(source: Path, target: Path) -> None:
    """The file and its write-ahead log, if any (a copy of the main file alone may lose commits)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{source}{suffix}").exists():
            Path(f"{target}{suffix}").write_bytes(Path(f"{source}{suffix}").read_bytes())


def timed(db: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    done = archive(db, *args)
    return time.perf_counter() - t0, done


def two_ids(db: Path, sql: str) -> list[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    row = con.execute(sql).fetchone()
    con.close()
    assert row is not None and None not in row, f"no candidates for: {sql}"
    return [str(v) for v in row]


#: Two speakers to merge: the two most quoted people.
MERGE_PAIR = ("SELECT (SELECT id FROM speakers WHERE kind = 'person' ORDER BY (SELECT COUNT(*) FROM quotes "
              "WHERE speaker_id = speakers.id) DESC, id LIMIT 1), (SELECT id FROM speakers WHERE kind = 'person' "
              "ORDER BY (SELECT COUNT(*) FROM quotes WHERE speaker_id = speakers.id) DESC, id LIMIT 1 OFFSET 1)")
#: An event reported by two articles or more, and its last report.
SPLIT_PAIR = ("SELECT event_id, MAX(id) FROM event_reports GROUP BY event_id HAVING COUNT(*) > 1 "
              "ORDER BY COUNT(*) DESC, event_id LIMIT 1")


def scenarios(work: Path, articles: int, seed: int = 0) -> dict[str, tuple[Path, list[str], str, float]]:
    """For each command under test: (archive to start from, arguments, clean fingerprint, clean duration).

    import starts from an empty archive; reextract, speakers merge and events split from the imported
    corpus. The clean fingerprint is that of the same command run once without interruption."""
    folder = work / "corpus"
    corpus(folder, articles, seed)
    empty = work / "empty.sqlite"
    archive(empty, "db", "upgrade")
    imported = work / "imported.sqlite"
    copy_archive(empty, imported)
    import_args = ["import", "-q", "--jobs", "2", str(folder)]
    took_import, done = timed(imported, *import_args)
    assert done.returncode == 0, done.stdout + done.stderr
    out: dict[str, tuple[Path, list[str], str, float]] = {
        "import": (empty, import_args, fingerprint(imported), took_import)}
    for name, args in (("reextract", ["reextract"]),
                       ("speakers merge", ["speakers", "merge", *two_ids(imported, MERGE_PAIR)]),
                       ("events split", ["events", "split", *two_ids(imported, SPLIT_PAIR)])):
        db = work / f"clean-{name.replace(' ', '-')}.sqlite"
        copy_archive(imported, db)
        took, done = timed(db, *args)
        assert done.returncode == 0, done.stdout + done.stderr
        out[name] = (imported, args, fingerprint(db), took)
    return out


# ------------------------------------------------------------------ fuzzing

#: Pieces that break naive readers and extractors: quote marks of every kind, control, zero-width,
#: bidirectional and combining characters, lone surrogates (from broken UTF-16), news phrasing.
NASTY = ['"', "“", "”", "„", "«", "»", "‘", "’", "'", "‹", "›", "「", "」", "\u200b", "\u200d", "\ufeff",
         "\u202e", "\u2066", "\u0301", "\x00", "\x07", "\x1b", "\r", "\r\n", "\t", "\u2028", "\ud800", "\udfff",
         "עברית", "العربية", " said ", " told reporters ", "according to ", "Mr ", "Kyiv", " killed ", " people",
         "10" + "0" * 400, "1e308", "1,000,000,000,000", "—", "…", "\n\n", ". ", ", ", "\U0001F600"]


def nasty_text(rng: random.Random, size: int) -> str:
    """Random text of about ``size`` pieces, mixing NASTY with words and sentences of news."""
    words = ["the", "mayor", "Ana", "Petrenko", "drone", "strike", "on", "Monday", "said", "We", "will", "rebuild"]
    return "".join(rng.choice(NASTY) if rng.random() < 0.3 else rng.choice(words) + " " for _ in range(size))


def nasty_file(rng: random.Random, k: int) -> tuple[str, bytes]:
    """One generated input file: (name, bytes), of one of a dozen hostile shapes."""
    shape = k % 12
    text = nasty_text(rng, rng.randint(0, 400))
    if shape == 0:
        return f"f{k}.txt", rng.randbytes(rng.randint(0, 4000))
    if shape == 1:  # UTF-8 with bad bytes inside
        data = bytearray(text.encode("utf-8", "surrogatepass"))
        for _ in range(rng.randint(1, 5)):
            data.insert(rng.randint(0, len(data)), rng.randint(0x80, 0xFF))
        return f"f{k}.txt", bytes(data)
    if shape == 2:  # UTF-16, possibly cut in the middle of a pair
        data = ("\ufeff" + text).encode("utf-16-le", "surrogatepass")
        return f"f{k}.txt", data[: len(data) - rng.randint(0, 3)]
    if shape == 3:  # one huge line
        return f"f{k}.txt", (("said " + text) * rng.randint(20, 200)).replace("\n", " ").encode("utf-8", "replace")
    if shape == 4:  # deep JSON
        depth = rng.choice([10, 1000, 100_000])
        return f"f{k}.json", ("[" * depth + "]" * depth).encode()
    if shape == 5:  # JSON whose fields have the wrong types
        value = rng.choice(['"x"', "1e999", "null", "[1,2]", '{"a": 1}', "true", '"\\ud800"'])
        first = rng.choice([value, '"A \\"quote\\" said Ana"'])
        return f"f{k}.json", f'{{"text": {first}, "title": {value}, "published_at": {value}, "outlet": {value}}}'.encode()
    if shape == 6:  # JSON Lines, some lines broken
        lines = [f'{{"text": "{text[:50]!r} said"}}', "{", "", '{"text": ""}', '"just a string"']
        return f"f{k}.jsonl", "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 8))).encode()
    if shape == 7:  # HTML, tags unclosed and nested
        body = "<p>" + text.replace("\ud800", "").replace("\udfff", "") + "<div><b>" * rng.randint(0, 300)
        return f"f{k}.html", f'<html lang="{rng.choice(["en", "xx", ""])}"><title>{text[:20]}</title>{body}'.encode(
            "utf-8", "replace")
    if shape == 8:  # quote marks only
        return f"f{k}.txt", "".join(rng.choice(NASTY[:12]) for _ in range(rng.randint(1, 3000))).encode("utf-8")
    if shape == 9:  # a sidecar that is not what it should be
        return f"f{k}.txt", text.encode("utf-8", "replace")
    if shape == 10:  # control and zero-width characters between every letter of a news sentence
        sentence = '"We will rebuild," Mayor Ana Petrenko said. A strike on Kyiv killed 12 people.'
        return f"f{k}.txt", rng.choice(["\u200b", "\x00", "\u202e", "\u0301"]).join(sentence).encode("utf-8")
    return f"f{k}.txt", text.encode("utf-8", "surrogatepass")


def crashes(path: Path, budget: float = 30.0) -> list[str]:
    """Read, clean and extract one file as a worker does; what went wrong inside the library.

    Bad input may be refused (a ReadFailure with its reason): that is right. Wrong is an exception
    that escapes, a failure whose reason is an exception caught by a safety net (a bug), or a span
    that does not point at its own text."""
    from archive.pipeline import process_file
    from archive.read import ReadFailure

    wrong: list[str] = []
    try:
        items = process_file(str(path), budget=budget)
    except Exception as exc:  # this is what the test looks for
        return [f"{type(exc).__name__} escaped: {exc}"]
    for item in items:
        if isinstance(item, ReadFailure):
            if " failed (" in item.reason or "could not be read (" in item.reason:
                wrong.append(item.reason)
            continue
        text = item.article.raw.text
        wrong += [w for w in item.warnings if " failed (" in w]
        for q in item.quotes:
            if text[q.start:q.end] != q.text:
                wrong.append(f"quote span {q.start}-{q.end} is not its text")
            if q.speaker is not None and text[q.speaker.start:q.speaker.end] != q.speaker.mention:
                wrong.append(f"speaker span {q.speaker.start}-{q.speaker.end} is not its mention")
        for p in item.places:
            if text[p.start:p.end] != p.text:
                wrong.append(f"place span {p.start}-{p.end} is not its text")
        for e in item.events:
            for f in e.figures:
                if text[f.start:f.end] != f.wording:
                    wrong.append(f"figure span {f.start}-{f.end} is not its wording")
    return wrong
