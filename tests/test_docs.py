"""The README's promises: two commands first, and .ci/run runs the test one."""
from __future__ import annotations

import re

from conftest import REPO


def _readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", readme)


def test_readme_starts_with_setup_and_test_commands():
    commands = _readme_commands()
    assert "archive import seeds/" in commands[0] and "archive quotes" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()
