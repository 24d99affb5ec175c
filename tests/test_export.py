"""archive export: types from the views' declared types, the same on SQLite and PostgreSQL; Parquet
with its schema even when empty; CSV for spreadsheets; GeoJSON of places and events."""
from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.mark.parametrize("view, column, kind", [
    ("events_timeline", "curated", "bool"),
    ("events_timeline", "event_date", "date"),
    ("events_timeline", "latitude", "float"),
    ("event_figures", "is_estimate", "bool"),
    ("who_said_what", "quote_id", "int"),
    ("who_said_what", "quote", "text"),
    ("article_overview", "ingested_at", "datetime"),
])
def test_view_columns_carry_their_declared_kind(seeded, db_url, view, column, kind):
    from archive.db import make_engine
    from archive.export import view_columns

    assert dict(view_columns(make_engine(db_url), view))[column] == kind


def test_booleans_are_true_and_false_in_json_and_csv(seeded):
    rows = [json.loads(line) for line in seeded("export", "event_figures").output.splitlines()]
    assert rows and {type(r["is_estimate"]) for r in rows} == {bool}
    table = list(csv.DictReader(io.StringIO(seeded("export", "event_figures", "--format", "csv").output)))
    assert {r["is_estimate"] for r in table} <= {"true", "false"}


def test_parquet_has_the_views_types(seeded, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    out = tmp_path / "events.parquet"
    result = seeded("export", "events_timeline", "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.output
    schema = pq.read_schema(out)
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("curated").type == pa.bool_()
    assert schema.field("n_articles").type == pa.int64()
    assert schema.field("latitude").type == pa.float64()
    assert pq.read_table(out).num_rows == int(result.output.split()[0])


def test_an_empty_view_keeps_its_parquet_schema(run, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    story = tmp_path / "quiet.txt"
    story.write_text("The council met and nothing was said by anyone at all.\n", encoding="utf-8")
    run("import", str(story))
    out = tmp_path / "figures.parquet"
    assert run("export", "event_figures", "--format", "parquet", "-o", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 0 and table.schema.field("is_estimate").type == pa.bool_()
    assert table.schema.field("published_on").type == pa.date32()


def test_geojson_of_places_and_events(seeded, tmp_path):
    for view in ("places_activity", "events_timeline"):
        out = tmp_path / f"{view}.geojson"
        assert seeded("export", view, "--format", "geojson", "-o", str(out)).exit_code == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection" and data["features"]
        for feature in data["features"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert "latitude" not in feature["properties"]
    kyiv = [f for f in json.loads((tmp_path / "places_activity.geojson").read_text())["features"]
            if f["properties"]["place"] == "Kyiv"]
    assert kyiv and kyiv[0]["geometry"]["coordinates"] == pytest.approx([30.52, 50.45], abs=0.1)


def test_geojson_needs_coordinates(seeded):
    result = seeded("export", "who_said_what", "--format", "geojson")
    assert result.exit_code == 1 and "no latitude and longitude" in result.output


def test_csv_for_spreadsheets(seeded, tmp_path):
    out = tmp_path / "quotes.csv"
    assert seeded("export", "who_said_what", "--format", "csv", "--excel", "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and "’" in "".join(r["quote"] for r in rows)  # typographic quotes survive
    assert seeded("export", "who_said_what", "--excel").exit_code == 2


def test_json_export_is_one_document(seeded):
    rows = json.loads(seeded("export", "speaker_directory", "--format", "json").output)
    assert isinstance(rows, list) and rows and isinstance(rows[0]["curated"], bool)
