"""The date grammar: dates as notes write them, in prose (where they stand, and the quick test
for long texts), date lines under titles, and dates in paths."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases.dates import (
    MONTHS,
    date_in_path,
    date_line,
    find_dates,
    first_date,
    has_date,
    lower,
    parse_date,
    year_lines,
)
from tests.conftest import finishes

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-03", D(2023, 4, 3)),
        ("2023/04/03", D(2023, 4, 3)),
        ("2023-4-3", D(2023, 4, 3)),
        ("April 3, 2023", D(2023, 4, 3)),
        ("April 3 2023", D(2023, 4, 3)),
        ("april 3, 2023", D(2023, 4, 3)),
        ("Apr 3, 2023", D(2023, 4, 3)),
        ("Jan. 5, 2021", D(2021, 1, 5)),
        ("Sept. 30, 2024", D(2024, 9, 30)),
        ("Sept 30, 2024", D(2024, 9, 30)),
        ("Sep 30, 2024", D(2024, 9, 30)),
        ("September 30th, 2024", D(2024, 9, 30)),
        ("August 1st 2022", D(2022, 8, 1)),
        ("May 22nd, 2022", D(2022, 5, 22)),
        ("Jul 08 2022", D(2022, 7, 8)),
        ("3 April 2023", D(2023, 4, 3)),
        ("3 Apr. 2023", D(2023, 4, 3)),
        ("23rd March, 2023", D(2023, 3, 23)),
        ("3rd of April 2023", D(2023, 4, 3)),
        ("Monday, April 3, 2023", D(2023, 4, 3)),
        ("Mon 3 April 2023", D(2023, 4, 3)),
        ("Thu. Dec 28, 2023", D(2023, 12, 28)),
    ],
)
def test_dates_people_write(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "February 30, 2023",  # not in the calendar
        "2023-02-29",  # 2023 is no leap year
        "2023-13-01",
        "April 31, 2023",
        "April 2023",  # no day: a month is not a date
        "Expected April 2023",
        "April 3",  # no year
        "03/04/2023",  # day and month cannot be told apart
        "3.4.2023",
        "Smarch 3, 2023",
        "April 3, 2023 and then some",
        "Mayday 3, 2023",
        "April 3, 20233",
        "",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_leap_day_is_a_date() -> None:
    assert parse_date("February 29, 2024") == D(2024, 2, 29)


def test_a_time_may_follow_only_when_asked() -> None:
    assert parse_date("Thu, 28 Dec 2023 10:00:00 +0000") is None
    assert parse_date("Thu, 28 Dec 2023 10:00:00 +0000", time=True) == D(2023, 12, 28)
    assert parse_date("Dec 28, 2023 9:30 UTC", time=True) == D(2023, 12, 28)
    assert parse_date("Dec 28, 2023 soon", time=True) is None


def test_every_month_spelling_reads() -> None:
    for name, number in MONTHS.items():
        assert parse_date(f"{name.title()} 9, 2030") == D(2030, number, 9), name
        assert parse_date(f"9 {name.upper()}. 2030") == D(2030, number, 9), name


# -- date lines -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "*April 3, 2023*",
        "_April 3, 2023_",
        "**April 3, 2023**",
        "April 3, 2023.",
        "3 April 2023",
        "2023-04-03",
        "``2023-04-03``",
        "Released: April 3, 2023",
        "Released April 3, 2023",
        "released on April 3rd, 2023",
        "Release date: 2023-04-03",
        "**Release date:** April 3, 2023",
        "*Release date: 3 April 2023*",
        "Date: 2023-04-03",
        "Published on Monday, April 3, 2023",
        "Posted: Apr. 3, 2023",
        "(released Apr 3, 2023)",
        "*(released April 3, 2023)*",
        "[Released 2023-04-03]",
        "Released — April 3, 2023",
        "Posted by Ines Sample on April 3, 2023",
        "_Written by the release team on Monday, 3 April 2023_",
        "April 3, 2023  ",  # a Markdown hard break
        "April 3, 2023\\",
    ],
)
def test_date_lines(line: str) -> None:
    assert date_line(line) == D(2023, 4, 3)


@pytest.mark.parametrize(
    "line",
    [
        "*Expected April 2023*",
        "*Under development*",
        "We shipped this on April 3, 2023, after a long freeze.",
        "April 3, 2023 is when the freeze begins",
        "Released: soon",
        "*February 30, 2023*",
        "Updated: April 3, 2023",  # an update is not the publication
        "Posted by Ines Sample, April 3, 2023",
        "Posted by Ines Sample on the train on April 3, 2023 at noon",
        "Version 4.2.0",
        "A" * 200,
    ],
)
def test_not_date_lines(line: str) -> None:
    assert date_line(line) is None


def test_date_lines_in_implausible_years_are_not_dates() -> None:
    assert date_line("*April 3, 1066*") is None
    assert date_line("*April 3, 2203*") is None


# -- dates in paths -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("posts/2023-12-28-quill-1-75-0.md", D(2023, 12, 28)),
        ("/site/_posts/2023-12-28-quill-1-75-0.md", D(2023, 12, 28)),
        ("content/2023/12/28/quill.md", D(2023, 12, 28)),
        ("content/2023/12/28-quill.md", D(2023, 12, 28)),
        ("content/2023-12-28-quill/index.md", D(2023, 12, 28)),
        ("blog\\2023\\12\\28\\quill.md", D(2023, 12, 28)),
        ("notes/2023_12_28_quill.md", D(2023, 12, 28)),
        ("2023/12/28/quill-1.75.0", D(2023, 12, 28)),  # a front matter path
        ("/blog/2023/12/28/quill/", D(2023, 12, 28)),  # an address
        ("https://example.org/2023/12/28/quill.html", D(2023, 12, 28)),
        # the file name's first date wins, then its folder's
        ("notes/2023-12-28-fixes-from-2023-11-30.md", D(2023, 12, 28)),
        ("2019-01-01/2023-12-28-quill.md", D(2023, 12, 28)),
        ("2019-01-01/quill-2023-02-30.md", D(2019, 1, 1)),
    ],
)
def test_dates_in_paths(path: str, expected: dt.date) -> None:
    assert date_in_path(path) == expected


@pytest.mark.parametrize(
    "path",
    [
        "posts/2023-02-30-quill.md",  # not in the calendar
        "posts/1899-12-28-quill.md",  # before 1990: some other number
        "posts/2150-12-28-quill.md",
        "posts/2023-12-quill.md",  # a month is not a date
        "posts/quill-1.75.0.md",
        "posts/20231228-quill.md",  # run together: could be anything
        "releases/4.2.txt",
        "/srv/checkout-2023-05-01/docs/releases/4.2.txt",  # a date far up names the checkout
        "2023.12.28.md",
    ],
)
def test_not_dates_in_paths(path: str) -> None:
    assert date_in_path(path) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_is_read_or_refused(text: str) -> None:
    for found in (parse_date(text, time=True), date_line(text), date_in_path(text)):
        assert found is None or isinstance(found, dt.date)


# -- dates in prose -------------------------------------------------------------------------------


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
def test_forms_in_prose(text: str, written: str, date: dt.date) -> None:
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
def test_not_dates_in_prose(text: str) -> None:
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


def test_year_lines() -> None:
    text = "on March 12,\n2025 it is\nbuild 20231002\nversion 3.12\nin 1999\n2150-01-01"
    assert year_lines(text) == [1, 2, 4, 5]
    assert year_lines("no years: 19, 2 0 23, 2-023") == []
    assert year_lines("") == []


@given(
    st.text(alphabet=st.sampled_from("0123456789-/ ,.ofthMarch\nOct"), max_size=80),
    st.data(),
)
def test_a_date_has_its_year_on_a_year_line(text: str, data: st.DataObject) -> None:
    """What :func:`find_schedule` relies on: a run of lines, or a piece of a line, that holds a
    date holds one of the text's year lines."""
    lines = text.split("\n")
    first = data.draw(st.integers(0, len(lines) - 1))
    last = data.draw(st.integers(first, len(lines) - 1))
    cut = data.draw(st.integers(0, len(lines[first])))
    piece = "\n".join([lines[first][cut:], *lines[first + 1 : last + 1]])
    if has_date(piece):
        assert any(first <= line <= last for line in year_lines(text))


def test_long_texts_finish() -> None:
    finishes(lambda: find_dates("12 " * 100_000 + "March " * 100_000))
    finishes(lambda: has_date("2023-" * 100_000 + "March 2023 " * 50_000))


def test_first_date() -> None:
    found = first_date("## [1.2.0] - Monday, 2023-10-02 (and 2023-10-03)")
    assert found is not None
    assert (found.text, found.date) == ("Monday, 2023-10-02", D(2023, 10, 2))
    assert first_date("no date here, 2023") is None


@pytest.mark.parametrize(
    "text",
    [
        "2023-04-03",
        "April 3, 2023",
        "3rd of April, 2023",
        "Monday, April 3, 2023",
        "Thu. 3 Apr 2023",
        "Tuesday the 3rd of April 2023",
        "Sept. 3 2023",
    ],
)
def test_one_grammar_for_prose_and_whole_values(text: str) -> None:
    """A date read in a sentence is read as a whole value, a date line and a found date alike."""
    whole = parse_date(text)
    assert whole is not None
    (found,) = find_dates(f"It is due on {text}, we hope.")
    assert found.text == text and found.date == whole
    assert date_line(f"*Released: {text}*") == whole
