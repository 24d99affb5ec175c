"""Every reader and the extractor on hostile input: random bytes, broken UTF-8 and UTF-16, huge
lines and numbers, deep JSON, odd quote marks, control, zero-width and right-to-left characters.
Nothing escapes, no safety net catches a bug, every span points at its own text (harness.crashes).
``benchmarks/reliability.py`` runs 10,000 such inputs and prints the slowest."""
from __future__ import annotations

import random

import pytest
from harness import NASTY, crashes, nasty_file
from hypothesis import HealthCheck, given, settings, strategies as st


@pytest.mark.parametrize("shape", range(12))
def test_each_hostile_shape_is_read_or_refused_cleanly(tmp_path, shape):
    rng = random.Random(shape)
    for k in range(shape, 12 * 8, 12):  # eight inputs of this shape
        name, data = nasty_file(rng, k)
        path = tmp_path / name
        path.write_bytes(data)
        assert crashes(path) == [], (name, data[:200])


_PIECES = st.sampled_from(NASTY + ["We", " will", " rebuild", "Ana Petrenko", " 12", " drones", "\n"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(_PIECES, max_size=120).map("".join),
       suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl"]),
       encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_any_text_in_any_format(tmp_path, text, suffix, encoding):
    if suffix == ".json":
        import json
        body = json.dumps({"text": text, "title": text[:30], "published_at": text[-12:]})
    elif suffix == ".jsonl":
        import json
        body = "\n".join(json.dumps({"text": line}) for line in text.split("\n"))
    elif suffix == ".html":
        body = f"<html><body><p>{text}</p></body></html>"
    else:
        body = text
    path = tmp_path / f"input{suffix}"
    path.write_bytes(body.encode(encoding, "surrogatepass" if encoding != "latin-1" else "replace"))
    assert crashes(path) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl"]))
def test_random_bytes(tmp_path, data, suffix):
    path = tmp_path / f"bytes{suffix}"
    path.write_bytes(data)
    assert crashes(path) == []
