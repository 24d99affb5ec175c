"""The pipeline runs one way: each module imports only shared helpers and the stages before it.

Stages, in order (README, Development): shared values and helpers, read, clean, extract,
resolve, store, then the readers of the archive and the command line on top. An import from
a later stage into an earlier one (extraction reaching into the writer, say) fails here.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "archive"

LAYERS = [
    {"archive.types", "archive.config", "archive.errors", "archive.rows", "archive.names", "archive.caseless", "archive.dates",
     "archive.event_kinds", "archive.matching"},
    {"archive.read"},
    {"archive.clean"},
    {"archive.extract"},
    {"archive.resolve"},
    {"archive.models", "archive.db", "archive.reader", "archive.views"},
    {"archive.store"},
    {"archive.pipeline", "archive.query", "archive.readonly", "archive.serve", "archive.browse", "archive.export"},
    {"archive.cli", "archive.__main__", "archive"},
]


def _layer(module: str) -> int:
    for depth, names in enumerate(LAYERS):
        if module in names or any(module.startswith(name + ".") for name in names if name != "archive"):
            return depth
    raise AssertionError(f"{module} is in no layer: add it to LAYERS (and to the README's module map)")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> set[str]:
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("archive"):
                found.add(target)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("archive")}
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "_migrations" not in p.parts and "_sql" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_runs_back_up_the_pipeline(path):
    module = _module_name(path)
    mine = _layer(module)
    for target in _imports(path, module):
        if target == "archive" and module != "archive":
            assert module in ("archive.cli",), f"{module} imports the package root"
            continue
        assert _layer(target) <= mine, f"{module} (stage {mine}) imports {target} (stage {_layer(target)})"


def test_extraction_is_pure():
    """Extraction touches no database and no writer: it imports only shared helpers and itself."""
    for path in (PACKAGE / "extract").glob("*.py"):
        module = _module_name(path)
        for target in _imports(path, module):
            assert _layer(target) in (0, 3), f"{module} imports {target}"
