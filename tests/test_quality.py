"""Quality gate: import the seeds, export, and score with the project's scorer.

The reference is ../shared/gold/seeds.gold.jsonl (a copy lives in tests/data);
the scorer is ../shared/eval/score.py, the one whose numbers the project
reports. The gate fails below quote F1 0.95 or speaker accuracy 0.95.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import REPO, SEEDS, SHARED

GOLD = REPO / "tests" / "data" / "seeds.gold.jsonl"
SCORER = SHARED / "eval" / "score.py"


def _scorer():
    if not SCORER.exists():
        pytest.fail(f"the scorer is missing: {SCORER} (CI runs with ../shared beside the checkout)")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_copy_matches_shared():
    shared = SHARED / "gold" / "seeds.gold.jsonl"
    if shared.exists():
        assert GOLD.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")


def test_seed_quotes_score_above_the_gate(run, tmp_path):
    assert run("import", "--jobs", "1", str(SEEDS)).exit_code == 0
    pred = tmp_path / "pred.jsonl"
    assert run("export", "quotes", "-o", str(pred)).exit_code == 0
    score = _scorer()
    warnings: list[str] = []
    gold = score.load_gold(str(GOLD), warnings.append)
    predicted, skipped = score.load_pred(str(pred), warnings.append)
    assert skipped == 0 and not warnings
    result = score.score(gold, predicted, 0.3)
    q = result["quotes"]["0.3"]
    print(score.summary_line(result))
    assert q["f1"] >= 0.95, score.summary_line(result)
    assert result["speaker_acc"] >= 0.95, score.summary_line(result)


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
