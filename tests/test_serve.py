"""archive serve: Datasette with generated metadata, checked over HTTP and in headless Chromium.

The browser test needs Debian's chromium (.ci/run installs it). Without it the
test is skipped on a developer's machine and fails under CI, so it can never
pass silently there.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import REPO, SEEDS

ARTIFACTS = REPO / "artifacts"
pytestmark = pytest.mark.sqlite_only  # archive serve serves SQLite archives


def test_metadata_comes_from_the_view_headers():
    from archive.serve import metadata
    from archive.views import load_views

    meta = metadata("archive")
    tables = meta["databases"]["archive"]["tables"]
    for view in load_views():
        assert tables[view.name]["description"] == view.description
        assert tables[view.name]["columns"] == view.columns
    assert "speaker" in tables["who_said_what"]["facets"]
    queries = meta["databases"]["archive"]["queries"]
    assert {"what_did_speaker_say", "who_spoke_about", "events_in_place"} <= set(queries)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    db = tmp_path / "archive.sqlite"
    env = {**os.environ, "ARCHIVE_DB": str(db)}
    archive = [sys.executable, "-m", "archive"]
    subprocess.run(archive + ["import", "--jobs", "1", "-q", str(SEEDS)], env=env, check=True, capture_output=True)
    port = _free_port()
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115 -- open for the server's life; a file, not a pipe nobody reads
    proc = subprocess.Popen(archive + ["serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/archive"
    try:
        deadline = time.monotonic() + 60  # a cold start on a busy CI machine can take a while
        ready = False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                urllib.request.urlopen(base + ".json", timeout=1)
                ready = True
                break
            except OSError:
                time.sleep(0.2)
        if not ready:
            proc.terminate()
            proc.wait(timeout=10)
            pytest.fail("archive serve did not answer: " + (tmp_path / "serve.log").read_text(errors="replace")[-2000:])
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read())


def test_views_and_canned_queries_over_http(server):
    rows = _get(server + "/who_said_what.json?_shape=array&speaker=Dmitry+Peskov")
    assert [r["verb"] for r in rows] == ["told reporters", None]
    rows = _get(server + "/what_did_speaker_say.json?_shape=array&speaker=Lysak")
    assert len(rows) == 3 and all(r["speaker"] == "Sergiy Lysak" for r in rows)
    rows = _get(server + "/events_in_place.json?_shape=array&place=Alaska")
    assert rows[0]["kind"] == "summit"


def test_archive_is_read_only_in_datasette(server):
    req = urllib.request.Request(server + ".json?sql=" + urllib.parse.quote("DELETE FROM quotes"))
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(req, timeout=10)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage"]


# (page, what a person sees there: text or markup that must be in the page once its scripts ran, and
# what must not be), each with a screenshot in artifacts/.
PAGES = [
    ("front", "/../", ["Questions the archive answers", ">who_said_what<", "Who said what, how", "Timeline",
                       "Map of events"], ["alembic_version", "speaker_summary"]),
    ("database", "", ["who_said_what", "quotes", "events"], [">alembic_version<", ">quotes_fts<", ">speaker_days<"]),
    ("view", "/who_said_what?speaker=Dmitry+Peskov",
     ["Dmitry Peskov", "The Russian armed forces are fulfilling their tasks", 'href="/-/article/',
      '<details class="column-glossary">', "What the columns mean"], []),
    ("canned-query", "/who_spoke_about?text=U.S.", ["Andrii Sybiha", "[U].[S]"], ["syntax error"]),
    ("map", "/places_activity", ["leaflet-container", "leaflet-marker-icon", "Kyiv"], []),
    ("events-map", "/events_timeline", ["leaflet-container", 'href="/-/event/'], []),
    ("timeline", "/../-/timeline", ["<svg", 'class="events"', "dated events", 'href="/-/event/'], []),
    ("article", "/../-/article/2", ['<mark id="q', 'class="quote"', "Volodymyr Zelenskyy", "strong joint signal",
                                   "quotes</h2>"], []),
    ("event", "/../-/event/{attack}", ["Reports", "Figures, outlet by outlet", "killed", 'href="/-/article/'], []),
]


@pytest.mark.parametrize("name, path, must, must_not", PAGES, ids=[p[0] for p in PAGES])
def test_pages_in_headless_chromium(server, tmp_path, name, path, must, must_not):
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run must install Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    flags = CHROME_FLAGS + [f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=8000"]
    if "{attack}" in path:  # the event with the most figures
        rows = _get(server + ".json?_shape=array&sql=" + urllib.parse.quote(
            "SELECT event_id, COUNT(*) AS n FROM event_figures GROUP BY 1 ORDER BY 2 DESC, 1"))
        path = path.format(attack=rows[0]["event_id"])
    url = urllib.parse.urljoin(server + "/", path.lstrip("/")) if path.startswith("/..") else server + path
    dom = subprocess.run([browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    for text in must:
        assert text in dom, f"{text!r} not on {url}"
    for text in must_not:
        assert text not in dom, f"{text!r} on {url}"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"{name}.png"
    subprocess.run([browser, *flags, "--window-size=1280,900", f"--screenshot={shot}", url],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000


@pytest.mark.sqlite_only
@pytest.mark.parametrize("flags, immutable", [([], False), (["--live"], False), (["--immutable"], True)])
def test_serve_opens_a_changing_file_live_by_default(seeded, monkeypatch, flags, immutable):
    """An immutable open of a file an import writes to reports 'database disk image is malformed'."""
    pytest.importorskip("datasette")
    calls = []

    def fake_execv(path, args):
        calls.append(args)
        raise SystemExit(0)

    monkeypatch.setattr(os, "execv", fake_execv)
    result = seeded("serve", *flags)
    assert result.exit_code == 0 and len(calls) == 1
    assert ("-i" in calls[0]) == immutable
