"""archive.caseless: scanning lowered text finds what re.IGNORECASE finds, at the same offsets."""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, strategies as st

from archive.caseless import compile_lower, lower_literals, lowered


@pytest.mark.parametrize("text", [
    "Russian Drones STRUCK Kyiv",
    "İstanbul talks: the İzmir Summit",     # 'İ'.lower() is two characters: a plain i
    "ΣΟΦΙΑ met ẞ-Bahn officials",
    "",
])
def test_a_lowered_text_keeps_every_offset(text):
    low = lowered(text)
    assert len(low) == len(text)
    assert all(a == (b.lower() if b != "İ" else "i") for a, b in zip(low, text))


@example("summİt")
@given(st.text(alphabet="summitSUMMITtalkswithTALKSWITHmeMET \n\t,.-İ", max_size=60))
def test_a_lowered_pattern_finds_what_ignorecase_finds(text):
    words = r"\b(?:summit|talks\s+with|met)\b"
    found = [m.span() for m in compile_lower(words).finditer(lowered(text))]
    assert found == [m.span() for m in re.compile(words, re.IGNORECASE).finditer(text)]


@pytest.mark.parametrize("pattern, refused", [
    (r"\bsummit\b", False),
    (r"\S+\s+talks", False),              # escapes are not letters
    (r"(?P<kind>met)", False),            # nor a group's name
    (r"(?P<kind>met) (?P=kind)", False),
    (r"Summit", True),
    (r"[A-Z]\w+", True),
    (r"\\Summit", True),                  # an escaped backslash, then a letter
])
def test_a_pattern_that_could_never_match_lowered_text_is_refused(pattern, refused):
    if refused:
        with pytest.raises(ValueError, match="upper-case"):
            compile_lower(pattern)
    else:
        assert compile_lower(pattern).pattern == pattern


@pytest.mark.parametrize("pattern, lowered_pattern", [
    (r"on (?:TV|Telegram)", r"on (?:tv|telegram)"),
    (r"\S+\W\B\D", r"\S+\W\B\D"),                   # escapes are kept
    (r"(?P<c>X) (?P=c)", r"(?P<c>x) (?P=c)"),            # and group references
    (r"\\Summit", r"\\summit"),                       # an escaped backslash, then a letter
    (r"[A-Z]", r"[a-z]"),
])
def test_literals_are_lowered_for_a_lowered_scan(pattern, lowered_pattern):
    assert lower_literals(pattern) == lowered_pattern
    compile_lower(lowered_pattern)  # accepted


@given(st.text(alphabet="on via TelegramTELEGRAMtvTV in a post X\n,.İ", max_size=60))
def test_channels_scanned_lowered_are_found_as_with_ignorecase(text):
    from archive.extract.lexicon import CHANNELS
    for pattern, _ in CHANNELS:
        found = [m.span() for m in compile_lower(lower_literals(pattern)).finditer(lowered(text))]
        assert found == [m.span() for m in re.compile(pattern, re.IGNORECASE).finditer(text)]
