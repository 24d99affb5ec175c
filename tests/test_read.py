"""Reading bytes: the encodings files come in, and what broken ones become (offsets never shift)."""
from __future__ import annotations

import json

import pytest

from archive.read import decode, read_path


@pytest.mark.parametrize("data, text, warning", [
    ("“We will rebuild,” she said.".encode(), "“We will rebuild,” she said.", None),
    ("“We will,” she said.".encode() + b"\xff" + " “Soon.”".encode(), "“We will,” she said.\ufffd “Soon.”",
     "1 invalid UTF-8 byte sequence(s) replaced"),
    ("“Cut” ".encode() + "é".encode()[:1],
     "“Cut” \ufffd", "1 invalid UTF-8"),
    ("Le café est fermé.".encode("cp1252"), "Le café est fermé.", "not UTF-8; decoded as"),
    (b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8" + "cd".encode("utf-16-le"), "ab\ufffdcd", None),
    (b"one\r\ntwo\rthree", "one\ntwo\nthree", None),
])
def test_decode(data, text, warning):
    got, said = decode(data)
    assert got == text
    assert (said is None) if warning is None else (said is not None and said.startswith(warning))


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"text": "Officials said \ud800 the attack killed 3 people."}), encoding="utf-8")
    (article,) = read_path(str(f), 10**6)
    assert article.text == "Officials said \ufffd the attack killed 3 people."
    article.text.encode("utf-8")  # nothing left that cannot be stored


def test_a_bad_byte_keeps_the_quotes(run, db_url, tmp_path):
    from conftest import connect

    f = tmp_path / "a.txt"
    f.write_bytes("“We will rebuild every school,” Mayor Ana Petrenko said.".encode() + b"\xff\n")
    result = run("import", "--jobs", "1", str(f))
    assert result.exit_code == 0 and "invalid UTF-8" in result.output
    assert connect(db_url).execute("SELECT quote FROM who_said_what").fetchall() == [("We will rebuild every school,",)]


@pytest.mark.parametrize("value, expected", [
    ("2025-08-28", ("2025-08-28", "day")),
    ("28 August 2025", ("2025-08-28", "day")),
    ("2025", ("2025-01-01", "year")),
    ("2025-08", ("2025-08-01", "month")),
    ("2099-12-31", ("2099-12-31", "day")),     # a fixed range, not today's clock: the same answer every year
    ("3025-01-01", (None, "unknown")),          # a typo, not a date
    ("1750-01-01", (None, "unknown")),
    ("July 5th maybe", (None, "unknown")),
    ("", (None, "unknown")),
])
def test_publication_dates_from_metadata(value, expected):
    from archive.clean import parse_published

    assert parse_published(value) == expected
