"""Quality gate: import the seeds and the development set, export, and score.

The references are copies in tests/data of ../shared/gold/seeds.gold.jsonl and
../shared/dev/ (34 Wikinews articles, CC BY 2.5: see tests/data/dev/README.md);
the scorers are copies of ../shared/eval/score.py and score_events.py, the ones
whose numbers the project reports. Where ../shared is beside the checkout the
copies must be identical to it; without it the gate still runs on the copies.
"""
from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import DATA, SEEDS, SHARED

GOLD = DATA / "seeds.gold.jsonl"
DEV = DATA / "dev"
EVAL = DATA / "eval"

#: What the development set must score (quote F1, speaker accuracy); raise as the engine improves.
DEV_GATE = {"f1": 0.92, "speaker_acc": 0.93}


def _scorer(name: str = "score"):
    spec = importlib.util.spec_from_file_location(name, EVAL / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("copy, original", [
    ("seeds.gold.jsonl", "gold/seeds.gold.jsonl"),
    ("seeds.gold.json", "gold/seeds.gold.json"),
    ("eval/score.py", "eval/score.py"),
    ("eval/score_events.py", "eval/score_events.py"),
    ("dev/gold.jsonl", "dev/gold.jsonl"),
    ("dev/events.jsonl", "dev/events.jsonl"),
])
def test_copies_match_shared(copy, original):
    if not (SHARED / original).exists():
        pytest.skip(f"{SHARED / original} is not beside the checkout: the copy in tests/data is used as it is")
    assert (DATA / copy).read_bytes() == (SHARED / original).read_bytes()


def test_dev_articles_match_shared():
    shared = SHARED / "dev" / "articles"
    if not shared.is_dir():
        pytest.skip(f"{shared} is not beside the checkout: the copy in tests/data is used as it is")
    names = sorted(p.name for p in shared.iterdir())
    assert names == sorted(p.name for p in (DEV / "articles").iterdir())
    for name in names:
        assert (DEV / "articles" / name).read_bytes() == (shared / name).read_bytes(), name


def _score_quotes(run, tmp_path, folder, gold):
    result = run("import", "--jobs", "1", str(folder))
    assert result.exit_code == 0, result.output
    pred = tmp_path / "pred.jsonl"
    assert run("export", "quotes", "-o", str(pred)).exit_code == 0
    score = _scorer()
    warnings: list[str] = []
    loaded = score.load_gold(str(gold), warnings.append)
    predicted, skipped = score.load_pred(str(pred), warnings.append)
    assert skipped == 0 and not warnings, warnings
    result = score.score(loaded, predicted, 0.3)
    print(score.summary_line(result))
    return result, score.summary_line(result)


def test_seed_quotes_score_above_the_gate(run, tmp_path):
    result, line = _score_quotes(run, tmp_path, SEEDS, GOLD)
    assert result["quotes"]["0.3"]["f1"] >= 0.97, line
    assert result["speaker_acc"] >= 0.97, line


def test_dev_quotes_score_above_the_gate(run, tmp_path):
    result, line = _score_quotes(run, tmp_path, DEV / "articles", DEV / "gold.jsonl")
    assert result["quotes"]["0.3"]["f1"] >= DEV_GATE["f1"], line
    assert result["speaker_acc"] >= DEV_GATE["speaker_acc"], line


def test_export_offsets_point_into_the_files(run, tmp_path):
    assert run("import", "--jobs", "1", str(SEEDS)).exit_code == 0
    for line in run("export", "quotes").output.splitlines():
        q = json.loads(line)
        text = (SEEDS / q["article"]).read_text(encoding="utf-8")
        assert text[q["start"]:q["end"]] == q["text"]


def _wrap(text: str, width: int = 72) -> str:
    """Hard-wrap every long line by turning spaces into newlines: every offset stays the same."""
    out = []
    for para in text.split("\n"):
        chars, col, last_space = list(para), 0, -1
        for i, ch in enumerate(chars):
            if ch == " ":
                last_space = i
            col += 1
            if col > width and last_space >= 0:
                chars[last_space] = "\n"
                col, last_space = i - last_space, -1
        out.append("".join(chars))
    return "\n".join(out)


@pytest.mark.parametrize("variant", ["hard-wrapped", "crlf"])
def test_seed_variants_score_above_the_gate(run, tmp_path, variant):
    folder = tmp_path / variant
    folder.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        data = _wrap(text).encode("utf-8") if variant == "hard-wrapped" else text.replace("\n", "\r\n").encode()
        (folder / f.name).write_bytes(data)
    assert run("import", "--jobs", "1", str(folder)).exit_code == 0
    pred = tmp_path / "pred.jsonl"
    assert run("export", "quotes", "-o", str(pred)).exit_code == 0
    score = _scorer()
    result = score.score(score.load_gold(str(GOLD), print), score.load_pred(str(pred), print)[0], 0.3)
    assert result["quotes"]["0.3"]["f1"] >= 0.95, score.summary_line(result)
    assert result["speaker_acc"] >= 0.95, score.summary_line(result)


#: What the development set's events must score; raise as the engine improves.
# issue 10's targets (figures R >= 0.85, P >= 0.90, place >= 0.90, date >= 0.85, clusters >= 0.80),
# pinned at what the rules reach now (R 0.923, P 1.000, attacks 0.950, place 0.947, date 0.857, 1.000)
DEV_EVENTS_GATE = {"figures_recall": 0.90, "figures_precision": 0.95, "attacks_recall": 0.90,
                   "attack_date": 0.85, "attack_place_lenient": 0.90, "clusters_f1": 1.0}


def test_dev_events_score_above_the_gate(run, tmp_path):
    assert run("import", "--jobs", "1", str(DEV / "articles")).exit_code == 0
    pred = tmp_path / "events.jsonl"
    assert run("export", "events", "-o", str(pred)).exit_code == 0
    score = _scorer("score_events")
    warnings: list[str] = []
    gold, _fmt, annotated = score.load_gold(str(DEV / "events.jsonl"), warnings.append)
    predicted, skipped = score.load_pred(str(pred), warnings.append)
    assert skipped == 0
    result = score.score(gold, predicted, annotated)
    line = score.summary_line(result)
    print(line)
    assert result["figures"]["recall"] >= DEV_EVENTS_GATE["figures_recall"], line
    assert result["figures"]["precision"] >= DEV_EVENTS_GATE["figures_precision"], line
    assert result["attacks"]["recall"] >= DEV_EVENTS_GATE["attacks_recall"], line
    assert result["attacks"]["date_acc"] >= DEV_EVENTS_GATE["attack_date"], line
    assert result["attacks"]["place_acc_lenient"] >= DEV_EVENTS_GATE["attack_place_lenient"], line
    assert result["clusters"]["f1"] >= DEV_EVENTS_GATE["clusters_f1"], line
