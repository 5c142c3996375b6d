"""Schedules read without Sphinx: plans in note bodies and front matter, merged across notes."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases import frontmatter, schedule
from sphinxcontrib_releases.model import Release
from sphinxcontrib_releases.prose import Paragraph
from sphinxcontrib_releases.reader import read_note
from sphinxcontrib_releases.schedule import (
    BOUNDARY_KINDS,
    Plan,
    PlanHistory,
    find_schedule,
    merge_plans,
    plans_from_front_matter,
    slip,
    status,
)
from sphinxcontrib_releases.warnings_ import WarningType
from tests.conftest import ANNOUNCEMENTS, finishes

D = dt.date


def summary(plans: tuple[Plan, ...]) -> list[tuple[str | None, str, str, D]]:
    """(product, version or series, kind, date) of each plan."""
    return [
        (
            p.product,
            p.release.version if p.release is not None else p.series or "",
            p.kind,
            p.date,
        )
        for p in plans
    ]


def line_of(text: str, needle: str, first_line: int = 1) -> int:
    for number, line in enumerate(text.split("\n"), start=first_line):
        if needle in line:
            return number
    raise AssertionError(needle)


# --- A Python pre-release announcement ------------------------------------------------------

# In the style of the announcements of Python's pre-releases, in words of our own.
RC1_BODY = """\
Python 3.12 is nearly done: here is its first release candidate, **3.12.0rc1**.

This is the next-to-last preview of 3.12. With the release candidate phase under way, only
reviewed fixes for clear bugs go in.

Over the alpha phase, new features could be added until the start of the beta phase
(2023-05-08), and changed or removed until the release
candidate phase (2023-07-31).

The second candidate (and the last planned release preview) is scheduled for
Monday, 2023-09-04, while the official release of 3.12.0 is scheduled for Monday,
2023-10-02.

## Links

- [Docs for 3.12](https://docs.python.org/3.12/)
- Bugs go to [the tracker](https://github.com/python/cpython/issues?since=2023-01-01).

```console
$ python3.12 -c "print('3.13.0 is planned for 2024-10-01')"
```
"""

A1_BODY = """\
This is an early preview of Python 3.12, **3.12.0a1**: the first of seven planned alphas.

Python 3.12 is still being built. Over the alpha phase, new features may be added until
the start of the beta phase (2023-05-08) and changed or removed until the release
candidate phase (2023-07-31).

The next pre-release of Python 3.12 will be 3.12.0a2, currently scheduled for
2022-11-14.
"""


def test_a_python_release_candidate_announcement() -> None:
    plans = find_schedule(RC1_BODY, first_line=5, product="Python", context=Release("3.12.0rc1"))
    assert summary(plans) == [
        ("Python", "3.12", "beta", D(2023, 5, 8)),
        ("Python", "3.12", "rc", D(2023, 7, 31)),
        ("Python", "3.12.0rc2", "release", D(2023, 9, 4)),
        ("Python", "3.12.0", "release", D(2023, 10, 2)),
    ]
    beta, rc, rc2, final = plans
    assert beta.line == rc.line == line_of(RC1_BODY, "Over the alpha phase", 5)
    assert rc2.line == final.line == line_of(RC1_BODY, "The second candidate", 5)
    assert (rc2.version, rc2.inferred) == ("The second candidate", True)
    assert (final.version, final.inferred) == ("3.12.0", False)
    assert rc2.sentence.startswith("The second candidate (and the last planned")
    assert {p.source for p in plans} == {"body"}


def test_a_python_alpha_announcement() -> None:
    plans = find_schedule(A1_BODY, product="Python", context=Release("3.12.0a1"))
    assert summary(plans) == [
        ("Python", "3.12", "beta", D(2023, 5, 8)),
        ("Python", "3.12", "rc", D(2023, 7, 31)),
        ("Python", "3.12.0a2", "release", D(2022, 11, 14)),
    ]
    assert plans[-1].line == line_of(A1_BODY, "The next pre-release")


def test_without_context_the_product_comes_from_the_sentence() -> None:
    """No product given: ``of Python 3.12`` names it; phases without a series are left out."""
    plans = find_schedule(A1_BODY)
    assert summary(plans) == [("Python", "3.12.0a2", "release", D(2022, 11, 14))]


def test_the_two_announcements_merge() -> None:
    a1 = find_schedule(A1_BODY, product="Python", context=Release("3.12.0a1"))
    rc1 = find_schedule(RC1_BODY, product="Python", context=Release("3.12.0rc1"))
    merged = merge_plans([(D(2023, 8, 6), rc1), (D(2022, 10, 25), a1)])
    assert list(merged) == [
        ("python", "3.12.0a2"),
        ("python", "3.12", "beta"),
        ("python", "3.12", "rc"),
        ("python", "3.12.0rc2"),
        ("python", "3.12.0"),
    ]
    beta = merged[("python", "3.12", "beta")]
    assert [s.stated_on for s in beta.statements] == [D(2022, 10, 25), D(2023, 8, 6)]
    assert beta.dates == (D(2023, 5, 8),)  # stated twice, never moved
    assert beta.moved == 0


PHASES_3_12 = [("3.12", "beta", D(2023, 5, 8)), ("3.12", "rc", D(2023, 7, 31))]
"""The phase dates the alpha announcements state: ``until the beta phase begins
(2023-05-08)``, ``until the first release candidate (2023-07-31)``."""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("alpha-1.md", [*PHASES_3_12, ("3.12.0a2", "release", D(2022, 11, 14))]),
        ("alpha-4.md", [*PHASES_3_12, ("3.12.0a5", "release", D(2023, 2, 6))]),
        ("alpha-6.md", [*PHASES_3_12, ("3.12.0a7", "release", D(2023, 4, 3))]),
        (
            "rc-1.md",
            [("3.12.0rc2", "release", D(2023, 9, 4)), ("3.12.0", "release", D(2023, 10, 2))],
        ),
    ],
)
def test_the_announcement_fixtures(name: str, expected: list[tuple[str, str, D]]) -> None:
    """The notes in the shape of real ones, read as the reader will read them."""
    note = read_note(ANNOUNCEMENTS / name)
    plans = find_schedule(
        note.body, first_line=note.body_line, syntax=note.syntax, context=note.newest
    )
    assert [(v, k, d) for _p, v, k, d in summary(plans)] == expected
    lines = (ANNOUNCEMENTS / name).read_text(encoding="utf-8").split("\n")
    for plan in plans:
        assert plan.date.isoformat() in lines[plan.line - 1]


# --- Phrasings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        ("Acme 2.4.0 is expected on 12 March 2025.", None, [("Acme", "2.4.0", D(2025, 3, 12))]),
        ("Acme 2.4.0 is planned for March 12, 2025.", None, [("Acme", "2.4.0", D(2025, 3, 12))]),
        ("Acme 2.4.0 is due on Oct. 2, 2025.", None, [("Acme", "2.4.0", D(2025, 10, 2))]),
        (
            "Acme 2.4.0 will be released on Monday, 2025-03-10.",
            None,
            [("Acme", "2.4.0", D(2025, 3, 10))],
        ),
        ("Acme 2.4.0 is targeted for 2025-03-12.", None, [("Acme", "2.4.0", D(2025, 3, 12))]),
        ("Acme 2.4.0 is slated for 2025-03-12.", None, [("Acme", "2.4.0", D(2025, 3, 12))]),
        (
            "Acme 2.4.0 is expected to be released on the 12th of March 2025.",
            None,
            [("Acme", "2.4.0", D(2025, 3, 12))],
        ),
        ("We expect Acme 2.4 by 2025-03-12.", None, []),  # the version is not the subject
        (
            "Acme 2.4.0, which was scheduled for 2025-03-12, has been moved to 2025-03-19.",
            None,
            [("Acme", "2.4.0", D(2025, 3, 19))],
        ),
        (
            "Acme 2.4.0 has been postponed until 19 March 2025.",
            None,
            [("Acme", "2.4.0", D(2025, 3, 19))],
        ),
        (
            "Acme 2.3.1 and 2.2.9 are scheduled for 2025-02-01.",
            None,
            [("Acme", "2.3.1", D(2025, 2, 1)), ("Acme", "2.2.9", D(2025, 2, 1))],
        ),
        (
            "Acme 2.4.0rc1 is expected on 2025-02-26 and 2.4.0 on... no: 2.4.0 is due on "
            "2025-03-12.",
            None,
            [("Acme", "2.4.0rc1", D(2025, 2, 26)), ("Acme", "2.4.0", D(2025, 3, 12))],
        ),
        ("Acme 2.4 is expected on 2025-03-12.", None, [("Acme", "2.4.0", D(2025, 3, 12))]),
        (
            "2.4.0rc2, the following 2.4 preview, is currently planned for 2025-03-05.",
            Release("2.4.0rc1"),
            [("Acme", "2.4.0rc2", D(2025, 3, 5))],
        ),
        (
            "One more candidate, the last planned preview, is due on Monday, 2025-03-05, and "
            "2.4.0 itself on Monday, 2025-03-12.",
            Release("2.4.0rc1"),
            [("Acme", "2.4.0rc2", D(2025, 3, 5)), ("Acme", "2.4.0", D(2025, 3, 12))],
        ),
        (
            "Acme 2.4.0 is due on 2025-03-12, and we hope to see you at the meetup on 2025-03-20.",
            None,
            [("Acme", "2.4.0", D(2025, 3, 12))],  # the second date continues no plan
        ),
        (
            "The following 2.4 preview is planned for 2025-03-05.",
            Release("2.4.0rc1"),
            [("Acme", "2.4.0rc2", D(2025, 3, 5))],
        ),
        (
            "The next alpha is expected on 2025-01-20.",
            Release("2.4.0a1"),
            [("Acme", "2.4.0a2", D(2025, 1, 20))],
        ),
        (
            "The next beta is expected on 2025-01-20.",
            Release("2.4.0a3"),
            [("Acme", "2.4.0b1", D(2025, 1, 20))],
        ),
        (
            "The third beta of 2.5 is expected on 2025-06-25.",
            Release("2.4.0"),
            [("Acme", "2.5.0b3", D(2025, 6, 25))],
        ),
        (
            "The next bugfix release is planned for 2025-04-01.",
            Release("2.4.1"),
            [("Acme", "2.4.2", D(2025, 4, 1))],
        ),
        (
            "The next bugfix release, 2.4.3, is planned for 2025-04-01.",
            Release("2.4.1"),
            [("Acme", "2.4.3", D(2025, 4, 1))],
        ),
        (
            "The final release is expected on 2025-03-12.",
            Release("2.4.0rc2"),
            [("Acme", "2.4.0", D(2025, 3, 12))],
        ),
        ("The next alpha is expected on 2025-01-20.", None, []),  # nothing to count from
        ("The last beta is expected on 2025-01-20.", Release("2.4.0b1"), []),  # which one?
        ("The next release is expected on 2025-01-20.", Release("2.4.0"), []),  # which one?
    ],
)
def test_planned_releases(
    sentence: str, context: Release | None, expected: list[tuple[str, str, D]]
) -> None:
    plans = find_schedule(sentence, product="Acme", context=context)
    assert [(p.product, p.release.version if p.release else None, p.date) for p in plans] == (
        expected
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme 2.3.0 was released on 2025-01-10.",
        "Acme 2.3.0 has been released on 2025-01-10.",
        "Acme 2.3.0 came out on 2025-01-10.",
        "Acme 2.3.0 (2025-01-10) fixes two bugs.",
        "Acme 2.3.0 was scheduled for 2025-01-10.",
        "Acme 2.3.0 was originally planned for 2025-01-10.",
        "Acme 2.3.0 shipped as planned on 2025-01-10.",
        "Acme 2.3.0 came later than expected on 2025-01-10.",
        "Acme 2.4.0 is no longer expected on 2025-03-12.",
        "Acme 2.4.0 is not scheduled for 2025-03-12.",
        "Acme 2.4.0 is expected in March 2025.",  # no day
        "Acme 2.4.0 is expected on March 12.",  # no year
        "Acme 2.4.0 is expected soon; see the news of 2025-01-10 for why.",
        "Since 2.3.0, released on 2025-01-10, we are planning the next steps.",
        "The end of the beta phase is planned for 2025-02-26.",
        "The beta phase began on 2025-02-01.",
        "Acme 2.2 reached end-of-life on 2024-12-31.",
        "After 2.3.0 is scheduled for 2025-03-01 ... no.",
        "Acme 2.3.0 was released on 2025-01-10, and 2.2.9 on 2025-01-08.",
        "Fixes made since the first release candidate (2025-01-10) are listed below.",
        "Features may change until the second beta (2025-01-10).",
        "Features may change until the first release candidate, 2025-01-10 or so.",
    ],
)
def test_not_plans(sentence: str) -> None:
    assert find_schedule(sentence, product="Acme", context=Release("2.4.0b1")) == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Feature freeze on 2025-02-20.", [("2.4", "feature-freeze", D(2025, 2, 20))]),
        ("The beta phase begins 2025-02-01.", [("2.4", "beta", D(2025, 2, 1))]),
        ("The beta phase begins on Feb. 1, 2025.", [("2.4", "beta", D(2025, 2, 1))]),
        (
            "The feature freeze for Acme 2.5 is scheduled for 2025-08-01.",
            [("2.5", "feature-freeze", D(2025, 8, 1))],
        ),
        ("Code freeze: 2025-03-05.", [("2.4", "code-freeze", D(2025, 3, 5))]),
        (
            "Acme 2.2 reaches end-of-life on 2025-06-30.",
            [("2.2", "end-of-life", D(2025, 6, 30))],
        ),
        (
            "New features are welcome until the start of the beta phase (2025-02-01).",
            [("2.4", "beta", D(2025, 2, 1))],
        ),
        (
            "During the beta phase, 2.4.0b2 is scheduled for 2025-02-15.",
            [("2.4.0b2", "release", D(2025, 2, 15))],
        ),
        (
            "Features may be reworked until the first release candidate (2025-03-03).",
            [("2.4", "rc", D(2025, 3, 3))],
        ),
        (
            "New features land until the first beta ( 2025-02-01 ).",
            [("2.4", "beta", D(2025, 2, 1))],
        ),
        (
            "Until the beta phase begins (2025-02-01), and till the first candidate (2025-03-03).",
            [("2.4", "beta", D(2025, 2, 1)), ("2.4", "rc", D(2025, 3, 3))],
        ),
    ],
)
def test_phase_boundaries(sentence: str, expected: list[tuple[str, str, D]]) -> None:
    plans = find_schedule(sentence, product="Acme", context=Release("2.4.0a3"))
    assert [(v, k, d) for _p, v, k, d in summary(plans)] == expected
    assert all(p.kind in (schedule.RELEASE, *BOUNDARY_KINDS) for p in plans)


# --- Whole notes: Markdown and reST -----------------------------------------------------------

ACME_MD = """\
Acme 2.3.0 is out, with a faster parser. It was released on 2025-01-10.

The next feature release, [Acme 2.4.0](https://example.org/acme/2.4.0?due=2026-01-01), is
*expected* on **12 March 2025**.
Meanwhile our friends over at Widget say Widget 1.1.0 is due on 2025-04-01.

> Quote: Acme 2.3.1 will be released on 2025-01-24.

<!-- Acme 9.9.9 is scheduled for 2030-01-01 -->

    Acme 9.9.8 is scheduled for 2030-01-02

~~~
Acme 9.9.7 is scheduled for 2030-01-03
~~~

## [Roadmap](https://example.org/roadmap-2026-01-01)

| Version  | Date              |
|----------|-------------------|
| 2.4.0rc1 | February 26, 2025 |
| 2.4.0    | 12 March 2025     |

- 2.5.0: 2025-09-01
- 2.3.0: 2025-01-10, released as planned

## Thanks

2.6.0: 2026-01-01, in a section that is no schedule.
"""


def test_a_markdown_note() -> None:
    plans = find_schedule(ACME_MD, first_line=4, product="Acme", context=Release("2.3.0"))
    assert summary(plans) == [
        ("Acme", "2.4.0", "release", D(2025, 3, 12)),
        ("Widget", "1.1.0", "release", D(2025, 4, 1)),
        ("Acme", "2.3.1", "release", D(2025, 1, 24)),
        ("Acme", "2.4.0rc1", "release", D(2025, 2, 26)),
        ("Acme", "2.5.0", "release", D(2025, 9, 1)),
    ]
    lines = [p.line for p in plans]
    assert lines == [
        line_of(ACME_MD, "The next feature release", 4),
        line_of(ACME_MD, "Meanwhile", 4),
        line_of(ACME_MD, "> Quote", 4),
        line_of(ACME_MD, "| 2.4.0rc1", 4),
        line_of(ACME_MD, "- 2.5.0", 4),
    ]
    assert plans[0].version == "2.4.0"
    assert plans[0].sentence == (
        "The next feature release, Acme 2.4.0, is expected on 12 March 2025."
    )


ACME_RST = """\
Acme 2.3.0 is out. The next feature release, `Acme 2.4.0 <https://example.org/2.4>`_, is
expected on 12 March 2025.

.. code-block:: text

   Acme 9.9.9 is expected on 2030-01-01.

.. Acme 9.9.8 is expected on 2030-01-02 (a comment)

.. note:: The feature freeze for 2.4 is planned for 2025-02-20.

Release schedule
----------------

* 2.4.0rc1: February 26, 2025
* 2.4.0: *12 March 2025*

2.2.0 was released on 2024-11-02, with this line::

    2.5.0 is scheduled for 2026-01-01

Widget 1.1.0 is due on 2025-04-01 (see :pep:`8` and *the Widget news*).

Other things
------------

2.4.1: 2025-04-10
"""


def test_a_rest_note() -> None:
    plans = find_schedule(
        ACME_RST, first_line=7, syntax="rst", product="Acme", context=Release("2.3.0")
    )
    assert summary(plans) == [
        ("Acme", "2.4.0", "release", D(2025, 3, 12)),
        ("Acme", "2.4", "feature-freeze", D(2025, 2, 20)),
        ("Acme", "2.4.0rc1", "release", D(2025, 2, 26)),
        ("Widget", "1.1.0", "release", D(2025, 4, 1)),
    ]
    assert [p.line for p in plans] == [
        7,
        line_of(ACME_RST, ".. note::", 7),
        line_of(ACME_RST, "* 2.4.0rc1", 7),
        line_of(ACME_RST, "Widget 1.1.0", 7),
    ]


def test_the_same_plan_twice_in_a_note_is_kept_once() -> None:
    plans = find_schedule(ACME_RST, syntax="rst", product="Acme", context=Release("2.3.0"))
    assert [p.release.version for p in plans if p.release] == ["2.4.0", "2.4.0rc1", "1.1.0"]


def test_an_unknown_syntax_reads_nothing() -> None:
    assert find_schedule("Acme 2.4.0 is expected on 2025-03-12.", syntax="asciidoc") == ()


def test_a_body_without_dates_is_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    def scanner(body: str, syntax: str) -> None:
        raise AssertionError("scanned")

    monkeypatch.setattr(schedule, "paragraphs", scanner)
    body = "Acme 2.4.0 is planned for the spring of 2025, as the roadmap says.\n" * 200
    assert find_schedule(body) == ()
    with pytest.raises(AssertionError, match="scanned"):
        find_schedule(body + "Acme 2.4.0 is planned for 2025-03-12.")


def test_only_paragraphs_with_a_year_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[int] = []
    read: list[int] = []
    scan, dated = schedule.paragraphs, schedule._dated_sentences

    def scanner(body: str, syntax: str) -> Iterator[Paragraph]:
        for paragraph in scan(body, syntax):
            taken.append(paragraph.first)
            yield paragraph

    def sentences(paragraph: Paragraph, syntax: str) -> Iterator[tuple[int, str]]:
        read.append(paragraph.first)
        return dated(paragraph, syntax)

    monkeypatch.setattr(schedule, "paragraphs", scanner)
    monkeypatch.setattr(schedule, "_dated_sentences", sentences)
    body = (
        "Acme 2.3.0 is out.\n\n"
        "Acme 2.4.0 is expected on March 12,\n2025, as planned.\n\n"  # the year on line 3
        "## Release schedule\n\n"
        "- 2.5.0: 2025-09-01\n\n"
        "More text.\n\n" + "No year here.\n\n" * 50
    )
    plans = find_schedule(body, product="Acme")
    assert [(p.version, p.date, p.line) for p in plans] == [
        ("2.4.0", D(2025, 3, 12), 3),
        ("2.5.0", D(2025, 9, 1), 8),
    ]
    assert read == [2, 7]  # the paragraphs with a year
    assert taken[-1] == 9  # the scan ends at the first paragraph after the last year


# --- Front matter -----------------------------------------------------------------------------

YAML_NOTE = """\
---
title: Python 3.12.0rc1
date: 2023-08-06
schedule:
  3.12.0rc2: 2023-09-04
  "3.12.0": Monday, 2023-10-02
  3.12.1: soon
  3.10: 2023-12-01
  beta phase: 2023-05-08
  3.13 feature freeze: 2024-05-07
  not a version: 2023-11-01
---
Body.
"""


def test_front_matter_mapping_with_bad_values() -> None:
    header = frontmatter.split(YAML_NOTE, "markdown")
    line = header.lines["schedule"]
    plans, problems = plans_from_front_matter(
        header.fields["schedule"], line, product="Python", context=Release("3.12.0rc1")
    )
    assert summary(plans) == [
        ("Python", "3.12.0rc2", "release", D(2023, 9, 4)),
        ("Python", "3.12.0", "release", D(2023, 10, 2)),
        ("Python", "3.12", "beta", D(2023, 5, 8)),
        ("Python", "3.13", "feature-freeze", D(2024, 5, 7)),
    ]
    assert {(p.line, p.source) for p in plans} == {(4, "front matter")}
    assert [(p.subtype, p.line) for p in problems] == [(WarningType.SCHEDULE, 4)] * 3
    messages = " | ".join(p.message for p in problems)
    assert "3.12.1 is not a date: 'soon'" in messages
    assert "3.1" in messages and "quotes" in messages
    assert "'not a version' is not a version or a phase" in messages


def test_front_matter_text_from_a_rest_field_list() -> None:
    note = (
        "Acme 2.4.0rc1\n=============\n\n"
        ":date: 2025-02-26\n:schedule: 2.4.0rc2: March 5, 2025, 2.4.0: 12 March 2025\n\nBody.\n"
    )
    header = frontmatter.split(note, "rst")
    plans, problems = plans_from_front_matter(header.fields["schedule"], 5, product="Acme")
    assert summary(plans) == [
        ("Acme", "2.4.0rc2", "release", D(2025, 3, 5)),
        ("Acme", "2.4.0", "release", D(2025, 3, 12)),
    ]
    assert problems == []


def test_front_matter_lists_and_other_products() -> None:
    value = [
        {"version": "2.4.0", "date": D(2025, 3, 12)},
        {"Widget 1.1.0": "2025-04-01"},
        "2.5.0: 2025-09-01",
        ["not", "an", "entry"],
        {"Acme Widget 2.6": "2025-10-01"},
        {"2.7.0 rc 2": "2025-11-01"},
    ]
    plans, problems = plans_from_front_matter(value, 3, product="Acme")
    assert summary(plans) == [
        ("Acme", "2.4.0", "release", D(2025, 3, 12)),
        ("Widget", "1.1.0", "release", D(2025, 4, 1)),
        ("Acme", "2.5.0", "release", D(2025, 9, 1)),
        ("Acme Widget", "2.6.0", "release", D(2025, 10, 1)),
        ("Acme", "2.7.0rc2", "release", D(2025, 11, 1)),
    ]
    assert [p.version for p in plans][-2:] == ["2.6", "2.7.0 rc 2"]
    assert len(problems) == 1 and problems[0].subtype == "schedule"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (42, "should map versions to dates"),
        ({"2.4.0": None}, "is not a date"),
        ({"2.4.0": [2025, 3, 12]}, "is not a date"),
        ({True: "2025-03-12"}, "is not a version or a phase"),
        ({"2.4.0": "2025-03-12", "2.4": "2025-03-13"}, "twice"),
        ({"beta": "2025-02-01"}, "needs a series"),
        ("2.4.0 on 2025-03-12", "is not 'version: date'"),
    ],
)
def test_front_matter_problems(value: object, message: str) -> None:
    _plans, problems = plans_from_front_matter(value, 7)
    assert problems and all(p.subtype == WarningType.SCHEDULE and p.line == 7 for p in problems)
    assert message in problems[0].message


def test_front_matter_absent() -> None:
    assert plans_from_front_matter(None, 1) == ((), [])


# --- Many notes ---------------------------------------------------------------------------------

JANUARY = """\
Acme 2.3.0 is here. Acme 2.4.0 is planned for March 12, 2025, and Widget 1.1.0 (our sister
project) is due on 2025-04-01.
"""
FEBRUARY = """\
The first release candidate of Acme 2.4 is out. Acme 2.4.0 has been postponed to 19 March
2025 to give the new parser more testing.
"""
FEBRUARY_RST = """\
Acme 2.4.0rc2 is out.

Release schedule
================

- 2.4.0: 2025-03-26
"""


def test_dates_that_move_across_notes() -> None:
    january = find_schedule(JANUARY, product="Acme", context=Release("2.3.0"))
    february = find_schedule(FEBRUARY, product="Acme", context=Release("2.4.0rc1"))
    late_february = find_schedule(
        FEBRUARY_RST, syntax="rst", product="Acme", context=Release("2.4.0rc2")
    )
    # Given newest first: the order of statements is the notes' dates, not the order given.
    merged = merge_plans(
        [(D(2025, 2, 28), late_february), (D(2025, 2, 20), february), (D(2025, 1, 10), january)]
    )
    acme = merged[("acme", "2.4.0")]
    assert acme.date == D(2025, 3, 26)
    assert acme.dates == (D(2025, 3, 12), D(2025, 3, 19), D(2025, 3, 26))
    assert acme.moved == 14
    assert acme.plan.source == "body" and acme.plan.line == 6
    widget = merged[("widget", "1.1.0")]
    assert widget.dates == (D(2025, 4, 1),)
    assert widget.plan.product == "Widget"
    assert acme.to_json()["history"] == ["2025-03-12", "2025-03-19", "2025-03-26"]


def test_merge_order_ties_and_undated_notes() -> None:
    def plan(day: int) -> Plan:
        return Plan("2.4.0", Release("2.4.0"), D(2025, 3, day), 1, product="Acme")

    merged = merge_plans(
        [
            (D(2025, 2, 1), (plan(10), plan(11))),  # within a note, the later statement wins
            (None, (plan(1),)),  # undated: older than every dated note
            (D(2025, 2, 1), (plan(12),)),  # same day: the order given decides
        ]
    )
    (history,) = merged.values()
    assert history.dates == (D(2025, 3, 1), D(2025, 3, 10), D(2025, 3, 11), D(2025, 3, 12))
    assert [s.stated_on for s in history.statements] == [None] + [D(2025, 2, 1)] * 3


def test_products_are_compared_without_case() -> None:
    one = Plan("2.4.0", Release("2.4.0"), D(2025, 3, 12), 1, product="Acme")
    other = Plan("2.4", Release("2.4.0"), D(2025, 3, 19), 1, product=" ACME ")
    unnamed = Plan("2.4.0", Release("2.4.0"), D(2025, 3, 20), 1)
    merged = merge_plans([(D(2025, 1, 1), (one,)), (D(2025, 2, 1), (other, unnamed))])
    assert set(merged) == {("acme", "2.4.0"), ("", "2.4.0")}
    assert merged[("acme", "2.4.0")].dates == (D(2025, 3, 12), D(2025, 3, 19))


def test_status_and_slip() -> None:
    history = PlanHistory(
        (schedule.Statement(None, Plan("2.4.0", Release("2.4.0"), D(2025, 3, 12), 1)),)
    )
    assert status(history, None, D(2025, 3, 1)) == "planned"
    assert status(history, None, D(2025, 3, 12)) == "planned"
    assert status(history, None, D(2025, 3, 13)) == "overdue"
    assert status(history, D(2025, 3, 14), D(2025, 3, 13)) == "released"
    assert slip(history, D(2025, 3, 14)) == 2
    assert slip(history, D(2025, 3, 10)) == -2
    assert slip(history, None) is None


# --- The model ----------------------------------------------------------------------------------


def test_plans_pickle_compare_and_speak() -> None:
    (plan,) = find_schedule("Acme 2.4.0 is expected on 12 March 2025.")
    assert pickle.loads(pickle.dumps(plan)) == plan
    assert plan.subject == "Acme 2.4.0"
    assert plan.to_json() == {
        "kind": "release",
        "version": "2.4.0",
        "written": "2.4.0",
        "series": "2.4",
        "product": "Acme",
        "date": "2025-03-12",
        "line": 1,
        "inferred": False,
        "source": "body",
        "sentence": "Acme 2.4.0 is expected on 12 March 2025.",
    }
    assert plan.release == Release("2.4.0", "acme")  # the release planned is the plan's product's
    assert plan.with_product("Widget").key == ("widget", "2.4.0")
    boundary = Plan("", None, D(2025, 2, 20), 3, "feature-freeze", "2.4", "Acme")
    assert boundary.key == ("acme", "2.4", "feature-freeze")
    assert boundary.subject == "Acme 2.4 feature freeze"


# --- Hostile input ------------------------------------------------------------------------------

PIECES = [
    "Acme ",
    "2.4.0 ",
    "2.4 ",
    "is expected on ",
    "scheduled for ",
    "the second candidate ",
    "the next alpha of 2.4 ",
    "beta phase ",
    "(",
    ")",
    ", ",
    ". ",
    "2025-03-12",
    "12 March 2025",
    "Monday, ",
    "\n",
    "\n\n",
    "```\n",
    "    ",
    "- ",
    "## Schedule\n",
    "Schedule\n--------\n",
    ".. note:: ",
    "::\n",
    "[x](http://a/2025-01-01) ",
    "*",
    "was ",
    "end of life ",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.sampled_from(["markdown", "rst"]),
    st.sampled_from([None, Release("2.4.0rc1"), Release("2.4.1"), Release("2.4.0a1")]),
)
def test_never_raises(body: str, syntax: str, context: Release | None) -> None:
    for plan in find_schedule(body, syntax=syntax, context=context, product="Acme"):
        assert plan.line >= 1
        assert plan.kind in (schedule.RELEASE, *BOUNDARY_KINDS)
        assert (plan.release is None) == (plan.kind != schedule.RELEASE)
        assert plan.series


@given(st.text(max_size=300), st.sampled_from(["markdown", "rst"]))
def test_never_raises_on_any_text(body: str, syntax: str) -> None:
    find_schedule(body, syntax=syntax, context=Release("1.0.0b1"))


@pytest.mark.parametrize("syntax", ["markdown", "rst"])
def test_hostile_bodies_finish(syntax: str) -> None:
    long_sentence = "Acme 2.4.0 is expected on 2025-03-12, " * 20_000
    no_stop = "Acme 2.4.0 and " * 30_000 + "are scheduled for 2025-03-12"
    phases = "the beta phase ( " * 30_000 + "2025-03-12"
    lines = "2025-03-12\n" * 50_000
    for body in (long_sentence, no_stop, phases, lines):
        finishes(lambda body=body: find_schedule(body, syntax=syntax, context=Release("2.4.0a1")))


def test_outcomes_against_the_releases_announced() -> None:
    body = (
        "Acme 2.4.0a2 is expected on 2025-01-06, Acme 2.4.0a3 on 2025-02-03. The beta phase "
        "begins on 2025-03-03. Feature freeze is set for 2025-03-03. Acme 2.5.0 is due on "
        "2025-09-01."
    )
    plans = merge_plans(
        [(D(2024, 12, 2), find_schedule(body, product="Acme", context=Release("2.4.0a1")))]
    )
    a3 = Release("2.4.0a3", "Acme")
    found = schedule.outcomes(plans, [(a3, D(2025, 2, 5))], today=D(2025, 3, 10))
    assert {key: (o.status, o.released_on, o.slip) for key, o in found.items()} == {
        ("acme", "2.4.0a2"): ("passed", None, None),  # overtaken by 2.4.0a3
        ("acme", "2.4.0a3"): ("released", D(2025, 2, 5), 2),
        ("acme", "2.4", "beta"): ("overdue", None, None),
        ("acme", "2.4", "feature-freeze"): ("passed", None, None),  # no release marks a freeze
        ("acme", "2.5.0"): ("planned", None, None),
    }
    b1 = Release("2.4.0b1", "Acme")
    later = schedule.outcomes(plans, [(a3, D(2025, 2, 5)), (b1, D(2025, 3, 12))], D(2025, 3, 20))
    beta = later[("acme", "2.4", "beta")]
    assert (beta.status, beta.release, beta.released_on, beta.slip) == (
        "released",
        b1,
        D(2025, 3, 12),
        9,
    )
    rc1 = Release("2.4.0rc1", "Acme")  # a later phase reached: the beta phase began, day unknown
    skipped = schedule.outcomes(plans, [(rc1, None)], D(2025, 3, 20))[("acme", "2.4", "beta")]
    assert (skipped.status, skipped.release, skipped.upcoming) == ("released", None, False)
