"""``python -m sphinxcontrib_releases check``, and the checks behind it (without Sphinx)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sphinxcontrib_releases.checks import Finding, check_notes
from sphinxcontrib_releases.cli import main
from sphinxcontrib_releases.model import Announcement
from sphinxcontrib_releases.reader import read_note, read_text
from tests.conftest import ROOTS

CASES = ROOTS / "test-outputs-check"


def run_check(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str]:
    status = main(["check", *arguments])
    return status, capsys.readouterr().out


# -- the command ---------------------------------------------------------------------------------


def test_clean_notes_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_check(capsys, str(CASES / "clean")) == (0, "")


def test_clean_notes_pass_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run_check(capsys, "--format", "json", str(CASES / "clean"))
    assert (status, json.loads(out)) == (0, [])


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "duplicate",
            ["second.md:1: [duplicate] 7.1.0 is also announced by {dir}/first.md"],
        ),
        ("future", ["7.5.0a1.md:1: [chronology] dated 2999-06-01, which is in the future"]),
        (
            "chronology",
            ["7.2.0a2.md:1: [chronology] 7.2.0a2 is dated 2013-02-01, before 7.2.0a1 (2013-02-10)"],
        ),
        (
            "prerelease",
            [
                "7.3.0rc1.md:1: [chronology] 7.3.0rc1 is dated 2013-09-20, after its final "
                "release 7.3.0 (2013-09-10)"
            ],
        ),
        ("nodate", ["7.6.0a1.md:1: [no_date] the note has no date"]),
    ],
)
def test_each_problem_is_reported(
    capsys: pytest.CaptureFixture[str], case: str, expected: list[str]
) -> None:
    folder = CASES / case
    status, out = run_check(capsys, str(folder))
    assert status == 1
    assert out.splitlines() == [f"{folder}/{line}".format(dir=folder) for line in expected]


@pytest.mark.parametrize(
    ("case", "subtype", "line", "extra"),
    [
        ("phase", "phase", 5, []),  # the line of the ``phase`` key
        ("reader", "date", 3, ["7.7.0a1.md:1: [no_date] the note has no date"]),
    ],
)
def test_reader_problems_are_reported(
    capsys: pytest.CaptureFixture[str], case: str, subtype: str, line: int, extra: list[str]
) -> None:
    folder = CASES / case
    (path,) = folder.iterdir()
    (problem,) = read_note(path).problems
    assert (problem.subtype, problem.line) == (subtype, line)
    status, out = run_check(capsys, str(folder))
    assert status == 1
    assert out.splitlines() == sorted(
        [f"{path}:{line}: [{subtype}] {problem.message}", *(f"{folder}/{e}" for e in extra)]
    )


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    folder = CASES / "nodate"
    status, out = run_check(capsys, "--format", "json", str(folder), str(CASES / "future"))
    assert status == 1
    assert json.loads(out) == [
        {
            "path": str(CASES / "future" / "7.5.0a1.md"),
            "line": 1,
            "type": "chronology",
            "message": "dated 2999-06-01, which is in the future",
        },
        {
            "path": str(folder / "7.6.0a1.md"),
            "line": 1,
            "type": "no_date",
            "message": "the note has no date",
        },
    ]


def test_findings_are_sorted_by_path_then_line(capsys: pytest.CaptureFixture[str]) -> None:
    # the folders in reverse order, and a file twice: the output is still sorted, once each
    folders = sorted((str(p) for p in CASES.iterdir()), reverse=True)
    status, out = run_check(capsys, *folders, str(CASES / "reader" / "7.7.0a1.md"))
    assert status == 1
    places = []
    for line in out.splitlines():
        path, number, _rest = line.split(":", 2)
        places.append((path, int(number)))
    assert places == sorted(places)
    assert len(places) == 8
    assert {Path(path).parent.name for path, _ in places} == {
        "duplicate",
        "future",
        "chronology",
        "prerelease",
        "phase",
        "nodate",
        "reader",
    }


def test_a_pattern_that_matches_nothing_is_a_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pattern = str(tmp_path / "*.md")
    status, out = run_check(capsys, str(CASES / "clean"), pattern)
    assert (status, out) == (1, f"{pattern}:1: [not_found] matches no note file\n")


def test_a_missing_file_is_a_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out = run_check(capsys, str(tmp_path / "gone.md"))
    assert status == 1
    assert out.startswith(f"{tmp_path / 'gone.md'}:1: [not_found] cannot read note")


def test_module_entry_point_exit_status() -> None:
    for case, status in (("clean", 0), ("nodate", 1)):
        done = subprocess.run(
            [sys.executable, "-m", "sphinxcontrib_releases", "check", str(CASES / case)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == status, done.stderr


# -- the checks ----------------------------------------------------------------------------------

TODAY = dt.date(2030, 6, 15)


def notes(**texts: str) -> list[Announcement]:
    return [read_text(f"---\n{text}\n---\n\nBody.\n", f"{name}.md") for name, text in texts.items()]


def messages(found: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.path, f.subtype, f.message) for f in found]


def test_future_is_relative_to_today() -> None:
    found = notes(
        a="version: 1.0.0\ndate: 2030-06-15",
        b="version: 1.0.1\ndate: 2030-06-16",
        draft="version: 1.0.2\ndate: 2031-01-01\ndraft: true",
    )
    assert messages(check_notes(found, today=TODAY)) == [
        ("b.md", "chronology", "dated 2030-06-16, which is in the future"),
    ]


def test_series_order_follows_versions_not_paths() -> None:
    found = notes(
        z="version: 2.0.0a1\ndate: 2020-01-01",
        y="version: 2.0.0a2\ndate: 2020-02-01",
        x="version: 2.0.0b1\ndate: 2020-01-15",  # before a2
        w="version: 2.0.0rc1\ndate: 2020-03-01",
        other="version: 2.1.0a1\ndate: 2019-01-01",  # another series: no order with 2.0
        same_day="version: 2.0.0rc2\ndate: 2020-03-01",
    )
    assert messages(check_notes(found, today=TODAY)) == [
        ("x.md", "chronology", "2.0.0b1 is dated 2020-01-15, before 2.0.0a2 (2020-02-01)"),
    ]


def test_prerelease_after_final_blames_the_prerelease_only() -> None:
    found = notes(
        final="version: 3.0.0\ndate: 2021-05-01",
        beta="version: 3.0.0b1\ndate: 2021-04-01",
        late="version: 3.0.0rc1\ndate: 2021-05-03",
        next="version: 3.0.1\ndate: 2021-06-01",
    )
    assert messages(check_notes(found, today=TODAY)) == [
        (
            "late.md",
            "chronology",
            "3.0.0rc1 is dated 2021-05-03, after its final release 3.0.0 (2021-05-01)",
        ),
    ]


def test_several_releases_of_one_note_share_its_date() -> None:
    found = notes(
        a="versions: [4.0.1, 3.9.5]\ndate: 2022-02-01",
        b="version: 3.9.4\ndate: 2022-03-01",
        c="version: 4.0.2\ndate: 2022-01-01",
    )
    assert messages(check_notes(found, today=TODAY)) == [
        ("a.md", "chronology", "3.9.5 is dated 2022-02-01, before 3.9.4 (2022-03-01)"),
        ("c.md", "chronology", "4.0.2 is dated 2022-01-01, before 4.0.1 (2022-02-01)"),
    ]


def test_duplicates_blame_every_note_after_the_first() -> None:
    found = notes(
        c="version: 5.0.0\ndate: 2022-01-01",
        a="version: 5.0.0\ndate: 2022-01-01",
        b="versions: [5.0.0, 5.0.1]\ndate: 2022-01-01",
    )
    assert messages(check_notes(found, today=TODAY)) == [
        ("b.md", "duplicate", "5.0.0 is also announced by a.md"),
        ("c.md", "duplicate", "5.0.0 is also announced by a.md"),
    ]


def test_undated_and_empty_notes() -> None:
    found = [
        read_text("---\ntitle: Kestrel 6.0.0\n---\n\nNo date here.\n", "undated.md"),
        read_text("", "empty.md"),
    ]
    assert [(f.path, f.subtype) for f in check_notes(found, today=TODAY)] == [
        ("empty.md", "empty"),  # and no ``no_date`` on top of it
        ("undated.md", "no_date"),
    ]


def test_finding_text_and_json() -> None:
    finding = Finding("notes/a.md", 4, "date", "'date' is not a date: 'soon'")
    assert str(finding) == "notes/a.md:4: [date] 'date' is not a date: 'soon'"
    assert finding.to_json() == {
        "path": "notes/a.md",
        "line": 4,
        "type": "date",
        "message": "'date' is not a date: 'soon'",
    }
