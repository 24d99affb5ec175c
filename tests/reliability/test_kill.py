"""kill -9 at random moments of import, reextract, speakers merge and events split.

After each kill the file is whole (``archive check``: structure, foreign keys, full-text indexes,
summary tables in step), and running the same command again ends exactly where a clean run ends.
Two trials per command here; ``benchmarks/reliability.py`` runs many more and prints the figures.
"""
from __future__ import annotations

import random

import pytest
from harness import kill_trial, scenarios

pytestmark = pytest.mark.sqlite_only

COMMANDS = ["import", "reextract", "speakers merge", "events split"]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    work = tmp_path_factory.mktemp("kill")
    return work, scenarios(work, articles=120)  # more than one write batch (50)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("trial", range(2))
def test_a_killed_command_leaves_a_whole_archive_and_a_rerun_ends_as_a_clean_run(prepared, command, trial):
    work, runs = prepared
    start, args, clean, duration = runs[command]
    rng = random.Random(f"{command}-{trial}")
    result = kill_trial(work, start, args, clean, duration, rng, f"{command.replace(' ', '-')}-{trial}")
    assert result.problems == (), result
    assert result.same_as_clean, result
