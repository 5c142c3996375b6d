"""Dates in prose: the forms read, where they stand, and the quick test for long texts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_releases.dates import find_dates, has_date, lower, parse_date
from tests.conftest import finishes


@pytest.mark.parametrize(
    ("text", "written", "date"),
    [
        ("on 2023-10-02.", "2023-10-02", dt.date(2023, 10, 2)),
        ("on 2023/10/02.", "2023/10/02", dt.date(2023, 10, 2)),
        ("for Monday, 2023-10-02, while", "Monday, 2023-10-02", dt.date(2023, 10, 2)),
        ("on 12 March 2025.", "12 March 2025", dt.date(2025, 3, 12)),
        ("the 2nd of October 2023", "2nd of October 2023", dt.date(2023, 10, 2)),
        ("6th December, 2024", "6th December, 2024", dt.date(2024, 12, 6)),
        ("on March 12, 2025", "March 12, 2025", dt.date(2025, 3, 12)),
        ("on March 12th, 2025", "March 12th, 2025", dt.date(2025, 3, 12)),
        ("on Oct. 2, 2023", "Oct. 2, 2023", dt.date(2023, 10, 2)),
        ("from Sept. 5 2023", "Sept. 5 2023", dt.date(2023, 9, 5)),
        ("on Mon 2 Oct 2023", "Mon 2 Oct 2023", dt.date(2023, 10, 2)),
        (
            "Tuesday the 14th of November 2023",
            "Tuesday the 14th of November 2023",
            dt.date(2023, 11, 14),
        ),
        ("ON MARCH 12, 2025", "MARCH 12, 2025", dt.date(2025, 3, 12)),
    ],
)
def test_forms(text: str, written: str, date: dt.date) -> None:
    (found,) = find_dates(text)
    assert (found.text, found.date) == (written, date)
    assert text[found.start : found.end] == written


@pytest.mark.parametrize(
    "text",
    [
        "features may be added",  # the month name alone
        "on March 12",  # no year
        "in October 2024",  # no day
        "version 1.2023-10-02",  # glued to a version
        "build 2023-10-02-1",  # part of a longer number
        "20231002",
        "in 2023",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []
    assert not has_date(text)


def test_a_date_shaped_text_that_is_no_date() -> None:
    (found,) = find_dates("due 2024-02-30")
    assert (found.text, found.date) == ("2024-02-30", None)


def test_several_in_order() -> None:
    found = find_dates("2023-09-04, then Monday, 2023-10-02 and 12 March 2025")
    assert [f.date for f in found] == [
        dt.date(2023, 9, 4),
        dt.date(2023, 10, 2),
        dt.date(2025, 3, 12),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "on 2023-10-02",
        "on March 12,\n2025",  # a line break inside the date
        "on 12\nMarch 2025",
        "the 2nd of October 2023 it is",
        "Sept. 5 2023",
        "in 1999-12-31",
        "in 2150-01-01",
    ],
)
def test_has_date(text: str) -> None:
    assert has_date(text)


def test_parse_date() -> None:
    assert parse_date(" 12 March 2025. ") == dt.date(2025, 3, 12)
    assert parse_date("Monday, 2023-10-02") == dt.date(2023, 10, 2)
    assert parse_date("2024-02-30") is None
    assert parse_date("soon") is None
    assert parse_date("2023-10-02 or so") is None


def test_lower_keeps_every_character_in_its_place() -> None:
    text = "İstanbul ÉTÉ 2023-10-02 ẞ"
    lowered = lower(text)
    assert len(lowered) == len(text)
    assert lowered.startswith("İ") and "été" in lowered
    (found,) = find_dates(text)
    assert text[found.start : found.end] == "2023-10-02"


@given(st.text(alphabet=st.sampled_from("0123456789-/ ,.ofthMarchOct\nSeptMonday"), max_size=80))
def test_quick_test_agrees_with_the_search(text: str) -> None:
    """No date of the years :func:`has_date` looks at escapes it."""
    found = find_dates(" ".join(text.split()))
    if any(f.date is not None and 1900 <= f.date.year < 2200 for f in found):
        assert has_date(text)


def test_long_texts_finish() -> None:
    finishes(lambda: find_dates("12 " * 100_000 + "March " * 100_000))
    finishes(lambda: has_date("2023-" * 100_000 + "March 2023 " * 50_000))
