"""The extractor version changes whenever the rules change, and every stored fact carries it."""
from __future__ import annotations

import shutil

from conftest import connect

from archive import config


def test_any_change_to_a_rule_file_changes_the_version(tmp_path, monkeypatch):
    copy = tmp_path / "archive"
    shutil.copytree(config._ROOT / "extract", copy / "extract")
    shutil.copytree(config._ROOT / "data", copy / "data")
    for shared in config.SHARED_RULES:
        shutil.copy(config._ROOT / shared, copy / shared)
    monkeypatch.setattr(config, "_ROOT", copy)
    before = config._rules_hash()
    assert config.EXTRACTOR_VERSION.endswith("+" + before)
    lexicon = copy / "extract" / "lexicon.py"
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace("say said says saying;", "say said says;"),
                       encoding="utf-8")
    assert config._rules_hash() != before
    after_lexicon = config._rules_hash()
    (copy / "data" / "places_extra.json").write_text("{}", encoding="utf-8")
    after_data = config._rules_hash()
    (copy / "dates.py").write_text("# changed\n", encoding="utf-8")
    after_dates = config._rules_hash()
    (copy / "matching.py").write_text("# changed\n", encoding="utf-8")
    assert len({before, after_lexicon, after_data, after_dates, config._rules_hash()}) == 5


def test_stored_rows_carry_the_version(seeded, db_url):
    db = connect(db_url)
    versions = {v for (v,) in db.execute("SELECT DISTINCT extractor_version FROM quotes")}
    versions |= {v for (v,) in db.execute("SELECT DISTINCT extractor_version FROM event_reports")}
    assert versions == {config.EXTRACTOR_VERSION}


def test_the_package_version_is_the_one_pyproject_gives():
    """config.VERSION is a constant (reading the installed package's metadata slows every command)."""
    import tomllib

    import archive

    pyproject = tomllib.loads((config._ROOT.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert config.VERSION == archive.__version__ == pyproject["project"]["version"]
    assert config.EXTRACTOR_VERSION.startswith(f"rules-{config.VERSION}+")
