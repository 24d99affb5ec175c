"""Rows for people and programs: a table cut to the terminal's taste, CSV, JSON and JSON lines.

Light on purpose (the standard library alone): ``archive sql`` prints through it without loading
the database layers.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

FORMATS = ("table", "csv", "json", "jsonl")


def plain(value: Any) -> Any:
    """A value for JSON, CSV and tables: dates and timestamps as ISO text, bytes as hex."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def format_rows(columns: list[str], rows: list[tuple], fmt: str, max_width: int | None = 60) -> str:
    """Rows as a table (for people) or csv/json/jsonl (for programs; stable keys).

    A table cuts cells longer than ``max_width`` with an ellipsis; ``None`` keeps them whole.
    """
    rows = [tuple(plain(v) for v in r) for r in rows]
    if fmt == "json":
        return json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(json.dumps(dict(zip(columns, r)), ensure_ascii=False) for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buf.getvalue().rstrip("\n")
    cells = [[_cell(v, max_width) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    out = [line.rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(out)


def _cell(value: Any, max_width: int | None) -> str:
    s = "" if value is None else str(value).replace("\n", " ")
    return s if max_width is None or len(s) <= max_width else s[: max_width - 1] + "…"
