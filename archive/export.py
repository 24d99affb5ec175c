"""Exports for other programs: the scorers' formats and every curated view, as JSON Lines, JSON,
CSV (plain, or for spreadsheet programs), Parquet and GeoJSON.

Types come from the views' declared column types (``INTEGER``, ``FLOAT``, ``BOOLEAN``, ``DATE``,
``DATETIME``, text), read from the database, so every format says the same thing on SQLite and
PostgreSQL: booleans are ``true``/``false`` (never 0/1), dates ``YYYY-MM-DD``, and a Parquet file has
its schema even when a column, or the whole view, is empty. Rows stream: memory does not grow with
the size of the export.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.types import Boolean, Date, DateTime, Float, Integer, Numeric

from .query import EVENT_EXPORT_KEYS, EXPORT_KEYS, QueryError, export_events, export_quotes
from .rows import plain

FORMATS = ("jsonl", "csv", "json", "parquet", "geojson")
PARQUET_BATCH = 10_000

#: Column kinds of the scorers' formats (the views' kinds are read from the database).
_SCORER_KINDS = {
    "start": "int", "end": "int", "quote_id": "int", "confidence": "float", "published_on": "date",
    "event": "int", "report": "int", "value_low": "int", "value_high": "int", "date": "date",
}


def _kind(sqltype: Any) -> str:
    if isinstance(sqltype, Boolean):
        return "bool"
    if isinstance(sqltype, DateTime):
        return "datetime"
    if isinstance(sqltype, Date):
        return "date"
    if isinstance(sqltype, Integer):
        return "int"
    if isinstance(sqltype, Float | Numeric):
        return "float"
    return "text"


def view_columns(engine: Engine, name: str) -> list[tuple[str, str]]:
    """(column, kind) of a curated view, kind one of int, float, bool, date, datetime, text.
    Raises QueryError for an unknown name."""
    from .views import load_views

    names = [v.name for v in load_views()]
    if name not in names:
        raise QueryError(f"no view named {name!r}; views: quotes, events, {', '.join(names)}")
    return [(c["name"], _kind(c["type"])) for c in inspect(engine).get_columns(name)]


def _value(value: Any, kind: str) -> Any:
    """A database value as the column's kind says, the same from SQLite and PostgreSQL."""
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    if kind == "date":
        return value if isinstance(value, date) and not isinstance(value, datetime) else \
            date.fromisoformat(str(value)[:10])
    if kind == "datetime":
        return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def _rows(engine: Engine, name: str) -> tuple[list[tuple[str, str]], Iterator[tuple]]:
    if name in ("quotes", "events"):
        keys = EXPORT_KEYS if name == "quotes" else EVENT_EXPORT_KEYS
        source = export_quotes(engine) if name == "quotes" else export_events(engine)
        columns = [(k, _SCORER_KINDS.get(k, "text")) for k in keys]
        return columns, (tuple(d[k] for k in keys) for d in source)
    columns = view_columns(engine, name)

    def stream() -> Iterator[tuple]:
        with engine.connect() as conn:
            yield from conn.execute(text(f'SELECT * FROM "{name}"'))
    return columns, stream()


def export_named(engine: Engine, name: str, fmt: str, output: str | None, echo: Callable[[str], Any],
                 excel: bool = False) -> int:
    """Write 'quotes' or 'events' (the scorers' formats) or a view; returns the number of rows written.

    ``excel``: CSV for spreadsheet programs (UTF-8 with a byte-order mark, CRLF line ends).
    """
    columns, raw = _rows(engine, name)
    kinds = [k for _, k in columns]
    rows = (tuple(_value(v, k) for v, k in zip(r, kinds)) for r in raw)
    names = [c for c, _ in columns]
    if fmt == "parquet":
        if not output:
            raise QueryError("parquet is binary: give a file with --output")
        return _parquet(columns, rows, output)
    if fmt == "geojson" and not {"latitude", "longitude"} <= set(names):
        raise QueryError(f"{name} has no latitude and longitude: geojson is for places_activity and events_timeline")
    with contextlib.ExitStack() as stack:
        if output:
            fh = stack.enter_context(open(output, "w", encoding="utf-8-sig" if excel else "utf-8", newline=""))

            def write(chunk: str) -> None:
                fh.write(chunk + ("\r\n" if excel else "\n"))
        else:
            def write(chunk: str) -> None:
                echo(chunk)
        if fmt == "geojson":
            return _geojson(names, rows, write)
        return _write_rows(names, rows, fmt, write, "\r\n" if excel else "\n")


def _write_rows(columns: list[str], rows: Iterable[tuple], fmt: str, write: Callable[[str], Any],
                newline: str = "\n") -> int:
    count = 0
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator=newline)
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["true" if v is True else "false" if v is False else "; ".join(v) if isinstance(v, list)
                             else plain(v) for v in r])
            count += 1
            if buf.tell() > 1 << 16:
                write(buf.getvalue().removesuffix(newline))
                buf.seek(0)
                buf.truncate()
        if buf.getvalue():
            write(buf.getvalue().removesuffix(newline))
    elif fmt == "json":
        write("[")
        for r in rows:
            write(("," if count else "") + json.dumps({c: plain(v) for c, v in zip(columns, r)}, ensure_ascii=False))
            count += 1
        write("]")
    else:
        for r in rows:
            write(json.dumps({c: plain(v) for c, v in zip(columns, r)}, ensure_ascii=False))
            count += 1
    return count


def _geojson(columns: list[str], rows: Iterable[tuple], write: Callable[[str], Any]) -> int:
    """A FeatureCollection, one Point a row with coordinates (rows without any are left out)."""
    write('{"type": "FeatureCollection", "features": [')
    count = 0
    for r in rows:
        props = {c: plain(v) for c, v in zip(columns, r)}
        lat, lon = props.pop("latitude"), props.pop("longitude")
        if lat is None or lon is None:
            continue
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
        write(("," if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    write("]}")
    return count


def _parquet(columns: list[tuple[str, str]], rows: Iterable[tuple], output: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise QueryError("parquet export needs pyarrow: pip install 'archive[parquet]'") from None
    types = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32(),
             "datetime": pa.timestamp("s"), "text": pa.string()}
    schema = pa.schema([(c, types[k]) for c, k in columns])
    count = 0
    with pq.ParquetWriter(output, schema) as writer:
        batch: list[tuple] = []

        def flush() -> None:
            arrays = [pa.array([r[i] for r in batch], type=schema.field(i).type) for i in range(len(columns))]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            batch.clear()
        for r in rows:
            batch.append(tuple("; ".join(v) if isinstance(v, list) else v for v in r))
            count += 1
            if len(batch) >= PARQUET_BATCH:
                flush()
        if batch or count == 0:
            flush()
    return count
