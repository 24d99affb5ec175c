"""The browser pages' HTML, built from rows without a server (archive/browse/pages.py)."""
from __future__ import annotations

from datetime import date

import pytest

from archive.browse.pages import marked_text, table, timeline_svg


@pytest.mark.parametrize("text, quotes, must, must_not", [
    ('He said "we stay".', [(1, 9, 16, None)], ['<mark id="q1"', "we stay<sup>", "speaker unknown"], []),
    ("<b>x</b> said", [(2, 0, 8, "A & B")], ["&lt;b&gt;x&lt;/b&gt;", 'title="A &amp; B"'], ["<b>"]),
    ("one two three", [(3, 0, 13, "A"), (4, 4, 7, "B")], ['id="q3"'], ['id="q4"']),   # nested: marked once
    ("one\ntwo", [], ["<p>one</p><p>two</p>"], ["<mark"]),
    ("short", [(5, 2, 99, "A")], [], ["<mark"]),                                       # out of range
])
def test_marked_text(text, quotes, must, must_not):
    html = marked_text(text, quotes)
    for piece in must:
        assert piece in html
    for piece in must_not:
        assert piece not in html


def test_table_escapes_all_but_trusted_columns():
    html = table(["a", "b"], [("<i>", '<a href="x">y</a>')], raw=["b"])
    assert "&lt;i&gt;" in html and '<a href="x">y</a>' in html


def test_timeline_has_a_bar_per_day_and_series():
    svg = timeline_svg([date(2025, 8, 28), date(2025, 8, 28), date(2025, 8, 30)], [date(2025, 8, 29)])
    assert svg.startswith("<svg") and svg.count('class="events"') == 2 and svg.count('class="quotes"') == 1
    assert "2025-08-28: 2 events" in svg and "2025-08-29: 1 quote<" in svg


def test_timeline_over_years_groups_bars():
    weeks = timeline_svg([date(2020, 1, 1), date(2025, 1, 1)], [])
    assert weeks.count('class="events"') == 2 and "(+6 days)" in weeks
    months = timeline_svg([date(2010, 1, 1), date(2025, 1, 1)], [])
    assert months.count('class="events"') == 2 and "(+29 days)" in months


def test_empty_timeline_says_so():
    assert "No dated events" in timeline_svg([], [])
