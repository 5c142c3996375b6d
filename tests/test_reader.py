"""The reader without Sphinx: announcements, front matter, reST fields, cache, search, CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sphinxcontrib_releases.model import Announcement, Phase
from sphinxcontrib_releases.reader import (
    NoteCache,
    ReaderOptions,
    find_notes,
    read_note,
    read_text,
)
from sphinxcontrib_releases.warnings_ import WarningType
from tests.conftest import ANNOUNCEMENTS, rewrite


def md(text: str, source: str = "note.md") -> Announcement:
    return read_text(text, source)


def rst(text: str, source: str = "note.rst") -> Announcement:
    return read_text(text, source, syntax="rst")


def versions(note: Announcement) -> list[str]:
    return [release.version for release in note.releases]


def problems(note: Announcement) -> list[tuple[str, int | None]]:
    return [(str(problem.subtype), problem.line) for problem in note.problems]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the four announcements in the shape of real ones ----------------------------------------------

FACTS = {
    "alpha-1": ("3.12.0a1", 1, dt.date(2022, 10, 25), 4, (623, 693)),
    "alpha-4": ("3.12.0a4", 4, dt.date(2023, 1, 10), 6, (594, 623, 632, 693)),
    "alpha-6": ("3.12.0a6", 6, dt.date(2023, 3, 8), 8, (594, 623, 632, 693)),
    "rc-1": (
        "3.12.0rc1",
        1,
        dt.date(2023, 8, 6),
        15,
        (594, 623, 632, 669, 684, 688, 693, 695, 698, 701, 709),
    ),
}


def announcement(name: str) -> Path:
    path = ANNOUNCEMENTS / f"{name}.md"
    assert path.is_file(), path
    return path


@pytest.mark.parametrize("name", sorted(FACTS))
def test_announcement_reads_as_a_careful_reader_would(name: str) -> None:
    version, number, date, feature_count, peps = FACTS[name]
    note = read_note(announcement(name))
    assert note.problems == ()
    # the schedule sentence names the next pre-release: only the title's release counts
    assert versions(note) == [version]
    (release,) = note.releases
    assert release.phase is (Phase.RC if "rc" in version else Phase.ALPHA)
    assert release.number == number
    assert release.series == "3.12"
    assert note.date == date
    assert note.updated == date
    assert note.author == "Thomas Wouters"
    assert note.published is True
    assert note.tags == ()
    assert len(note.features) == feature_count
    assert note.peps == peps
    # the key the reader does not know is kept, not dropped
    assert [key for key, _ in note.extra] == ["legacyUrl"]


@pytest.mark.parametrize("name", sorted(FACTS))
def test_announcement_features_point_at_their_bullets(name: str) -> None:
    path = announcement(name)
    lines = path.read_text(encoding="utf-8").splitlines()
    note = read_note(path)
    for feature in note.features:
        line = lines[feature.line - 1]
        assert line.startswith("-"), (feature.line, line)
        assert feature.text.split()[0] in line
    # the invitation to name a missing feature is boilerplate, not a feature
    assert not any("missing from this list" in f.text for f in note.features)


def test_release_candidate_keeps_its_sub_sections() -> None:
    note = read_note(announcement("rc-1"))
    sections = [feature.section for feature in note.features]
    assert sections == ["New features"] * 7 + ["Type annotations"] * 2 + ["Deprecations"] * 6
    # bullets under the documentation call to core developers are not features
    assert not any("properly documented" in f.text for f in note.features)
    assert note.features[0].peps == (701,)


def test_mentions_of_other_versions_are_not_releases() -> None:
    # the opening of the first alpha names 3.11.0 final: only the title's release counts
    note = read_note(announcement("alpha-1"))
    assert "3.11.0" in note.body
    assert versions(note) == ["3.12.0a1"]


# -- front matter ----------------------------------------------------------------------------------


def test_unquoted_and_quoted_values() -> None:
    note = md(
        "---\n"
        "title: 'Quill 7.4.0 beta 2 is ready, isn''t it'\n"
        "date: 2041-05-06\n"
        'author: "Ines Sample"\n'
        "updatedDate: '2041-05-07'\n"
        "---\n\nThe second beta of Quill 7.4 went out this morning.\n"
    )
    assert note.title == "Quill 7.4.0 beta 2 is ready, isn't it"
    assert note.date == dt.date(2041, 5, 6)
    assert note.updated == dt.date(2041, 5, 7)
    assert note.author == "Ines Sample"
    assert versions(note) == ["7.4.0b2"]
    assert note.problems == ()


def test_folded_block_scalar() -> None:
    note = md(
        "---\n"
        "title: Quill 7.4.0 beta 2 is ready\n"
        "description: >-\n"
        "  A short look at what the second beta\n"
        "  of the 7.4 series brings.\n"
        "tags: [beta]\n"
        "---\n"
        "Body.\n"
    )
    assert note.description == "A short look at what the second beta of the 7.4 series brings."
    assert note.tags == ("beta",)
    assert note.body_line == 8


def test_body_right_after_the_closing_fence() -> None:
    note = md("---\ntitle: Quill 7.4.0 final is out\n---\n# Highlights\n\n- Quicker start.\n")
    assert note.body.startswith("# Highlights")
    assert note.body_line == 4
    (feature,) = note.features
    assert feature.line == 6


def test_horizontal_rule_in_the_body_is_not_front_matter() -> None:
    note = md(
        "---\ntitle: Quill 7.4.0 final is out\nauthor: Ines Sample\n---\n\n"
        "Opening words.\n\n---\n\n"
        "# Highlights\n\n- Quicker start.\n\n---\n\nauthor: not a key\n"
    )
    assert note.author == "Ines Sample"
    assert "Opening words." in note.body
    assert "author: not a key" in note.body
    assert [f.text for f in note.features] == ["Quicker start."]
    assert note.extra == ()


def test_unknown_keys_are_kept_in_file_order() -> None:
    note = md(
        "---\nzeta: 1\ntitle: Quill 7.4.0 final\nlegacyUrl: /2041/quill.html\n"
        "alpha: [a, b]\n---\nBody.\n"
    )
    assert note.extra == (("zeta", 1), ("legacyUrl", "/2041/quill.html"), ("alpha", ["a", "b"]))


def test_version_string_wins_over_the_title() -> None:
    note = md("---\ntitle: Quill 7.4.0 beta 2 is ready\nversion: 7.4.0b3\n---\nBody.\n")
    assert versions(note) == ["7.4.0b3"]


def test_version_list_wins_over_the_title() -> None:
    note = md(
        "---\ntitle: Quill 7.4.0 beta 2 is ready\n"
        "versions: [7.3.9, '7.2.14', 7.4.0 release candidate 1]\n---\nBody.\n"
    )
    assert versions(note) == ["7.3.9", "7.2.14", "7.4.0rc1"]
    assert note.newest is not None
    assert note.newest.version == "7.4.0rc1"


def test_an_empty_version_list_announces_nothing() -> None:
    # an explicit (empty) version list is a declaration: the title is not consulted
    note = md("---\ntitle: Quill 7.4.0 beta 2 is ready\nversion: []\n---\nBody.\n")
    assert note.releases == ()
    assert not note.announces


@pytest.mark.parametrize("key", ["date", "publishDate"])
def test_date_aliases(key: str) -> None:
    note = md(f"---\ntitle: Quill 7.4.0 final\n{key}: 2041-06-01\n---\nBody.\n")
    assert note.date == dt.date(2041, 6, 1)


def test_date_wins_over_publish_date_and_datetimes_become_dates() -> None:
    note = md(
        "---\ntitle: Quill 7.4.0 final\npublishDate: 2041-06-02\ndate: 2041-06-01T10:30:00Z\n"
        "updated: '2041-06-03 08:00'\n---\nBody.\n"
    )
    assert note.date == dt.date(2041, 6, 1)
    assert note.updated == dt.date(2041, 6, 3)


@pytest.mark.parametrize(
    ("flags", "published"),
    [
        ("draft: true", False),
        ("draft: false", True),
        ("published: false", False),
        ("published: true", True),
        ("published: 'no'", False),
        ("", True),
    ],
)
def test_drafts(flags: str, published: bool) -> None:
    note = md(f"---\ntitle: Quill 7.4.0 final\n{flags}\n---\nBody.\n")
    assert note.published is published
    assert note.problems == ()


def test_explicit_phase_series_and_peps() -> None:
    note = md(
        "---\ntitle: Quill 7.4.0 beta 2 is ready\nphase: Beta\nseries: '7.4'\n"
        "peps: [9201, 'PEP 9202', pep-9203]\n---\nSee PEP 9204 for the rest.\n"
    )
    assert note.problems == ()
    assert note.peps == (9201, 9202, 9203, 9204)


def test_explicit_phase_and_series_that_contradict_warn_on_their_lines() -> None:
    note = md("---\ntitle: Quill 7.4.0 beta 2 is ready\nphase: rc\nseries: '7.5'\n---\nBody.\n")
    assert problems(note) == [("phase", 3), ("version", 4)]
    assert versions(note) == ["7.4.0b2"]  # the warning does not change what is read


def test_multiple_authors_and_tags_as_text() -> None:
    note = md(
        "---\ntitle: Quill 7.4.0 final\nauthors: [Ines Sample, Otto Example]\n"
        "tags: release, final, release\n---\nBody.\n"
    )
    assert note.author == "Ines Sample, Otto Example"
    assert note.tags == ("release", "final")


# -- reStructuredText notes ------------------------------------------------------------------------

RST_FIELDS_FIRST = """\
:date: 2041-05-06
:author: Ines Sample
:tags: beta, freeze

Quill 7.4.0 beta 2 is here
==========================

Feature freeze has begun.

New features
------------

- Imports are lazier (:pep:`9201`).
- A ``--quiet`` switch for the linter.

More resources
--------------

- The tracker.
"""


def test_rst_field_list_before_the_title() -> None:
    note = rst(RST_FIELDS_FIRST)
    assert note.syntax == "rst"
    assert note.title == "Quill 7.4.0 beta 2 is here"
    assert versions(note) == ["7.4.0b2"]
    assert note.date == dt.date(2041, 5, 6)
    assert note.author == "Ines Sample"
    assert note.tags == ("beta", "freeze")
    assert note.body_line == 4
    assert [f.text for f in note.features] == [
        "Imports are lazier (PEP 9201).",
        "A --quiet switch for the linter.",
    ]
    assert [f.line for f in note.features] == [13, 14]
    assert note.peps == (9201,)


def test_rst_field_list_after_the_title() -> None:
    note = rst(
        "Quill 7.4.0 release candidate 1\n"
        "===============================\n\n"
        ":date: 2041-07-01\n:author: Otto Example\n"
        ":description: The last stop\n   before the final release.\n\n"
        "Highlights\n----------\n\n- Smaller wheels.\n"
    )
    assert versions(note) == ["7.4.0rc1"]
    assert note.date == dt.date(2041, 7, 1)
    assert note.author == "Otto Example"
    assert note.description == "The last stop before the final release."
    assert [f.text for f in note.features] == ["Smaller wheels."]
    assert note.features[0].line == 12


def test_rst_overlined_title_and_leading_comment() -> None:
    note = rst(
        ".. a comment the reader skips\n\n"
        "=======================\n Quill 7.3.9 is out\n=======================\n\n"
        "Bug fixes only.\n"
    )
    assert note.title == "Quill 7.3.9 is out"
    assert versions(note) == ["7.3.9"]


# -- notes that announce nothing, and the body's opening -------------------------------------------


def test_a_note_announcing_nothing_is_still_read() -> None:
    note = md(
        "---\ntitle: Notes from the spring gathering\ndate: 2041-04-12\nauthor: Otto Example\n"
        "---\n\nWe spent a week on the road map after Quill 7.4. PEP 9210 got most of the time.\n"
    )
    assert note.readable
    assert not note.announces
    assert note.newest is None
    assert note.date == dt.date(2041, 4, 12)
    assert note.author == "Otto Example"
    assert note.peps == (9210,)
    assert note.problems == ()


def test_opening_sentence_names_the_release_when_the_title_does_not() -> None:
    note = md(
        "---\ntitle: Good news from the release team\n---\n\n"
        "Quill 7.4.0 beta 2 is available for testing today.\n"
    )
    assert versions(note) == ["7.4.0b2"]


def test_markdown_heading_serves_as_title() -> None:
    note = md("# Quill 7.3.9 ships #\n\nBug fixes.\n")
    assert note.title == "Quill 7.3.9 ships"
    assert versions(note) == ["7.3.9"]


def test_no_opening_fallback_when_the_title_names_a_series() -> None:
    # "7.4" in the title is a mention of a series: the reader does not go looking further
    note = md(
        "---\ntitle: Looking back at Quill 7.4\n---\n\nQuill 7.4.0 final came out a year ago.\n"
    )
    assert note.releases == ()


def test_opening_fallback_stops_at_the_first_paragraph() -> None:
    note = md(
        "---\ntitle: Good news\n---\n\nA quiet week.\n\n"
        "Later on, Quill 7.4.0 final came out as well.\n"
    )
    assert note.releases == ()


# -- the cache -------------------------------------------------------------------------------------


def test_note_cache_serves_a_second_lookup(tmp_path: Path) -> None:
    path = write(tmp_path / "7.3.9.md", "---\ntitle: Quill 7.3.9 is out\n---\nFixes.\n")
    cache = NoteCache()
    first, fresh = cache.lookup(path)
    second, again = cache.lookup(path)
    assert fresh is True
    assert again is False
    assert second is first
    assert len(cache) == 1


def test_note_cache_rereads_a_touched_file(tmp_path: Path) -> None:
    path = write(tmp_path / "7.3.9.md", "---\ntitle: Quill 7.3.9 is out\n---\nFixes.\n")
    cache = NoteCache()
    cache.read(path)
    rewrite(path, "---\ntitle: Quill 7.3.10 is out\n---\nFixes.\n")
    note, fresh = cache.lookup(path)
    assert fresh is True
    assert versions(note) == ["7.3.10"]


def test_note_cache_does_not_parse_a_touched_but_unchanged_file(tmp_path: Path) -> None:
    text = "---\ntitle: Quill 7.3.9 is out\n---\nFixes.\n"
    path = write(tmp_path / "7.3.9.md", text)
    cache = NoteCache()
    first = cache.read(path)
    rewrite(path, text)  # a new modification time, the same bytes (as after a checkout)
    note, fresh = cache.lookup(path)
    assert fresh is False
    assert note is first
    assert cache.lookup(path) == (first, False)  # and the new time is remembered


def test_note_cache_rereads_when_options_change(tmp_path: Path) -> None:
    path = write(tmp_path / "n.md", "---\ntitle: Quill 7.3.9\n---\n# Fixes\n\n- A crash.\n")
    cache = NoteCache()
    assert cache.read(path).features == ()
    note, fresh = cache.lookup(path, ReaderOptions(feature_headings=(r"^fixes$",)))
    assert fresh is True
    assert [f.text for f in note.features] == ["A crash."]


def test_note_cache_forgets_and_survives_a_deleted_file(tmp_path: Path) -> None:
    kept = write(tmp_path / "a.md", "---\ntitle: Quill 7.3.8\n---\nx\n")
    gone = write(tmp_path / "b.md", "---\ntitle: Quill 7.3.9\n---\nx\n")
    cache = NoteCache()
    cache.read(kept)
    cache.read(gone)
    cache.forget([str(kept)])
    assert len(cache) == 1
    gone.unlink()
    note, fresh = cache.lookup(gone)
    assert fresh is True
    assert not note.readable
    assert problems(note) == [("not_found", 1)]


# -- finding note files ----------------------------------------------------------------------------


def test_find_notes_with_double_star(tmp_path: Path) -> None:
    for name in ("a/1.md", "a/b/2.md", "a/b/c/3.md", "a/b/skip.txt"):
        write(tmp_path / name, "x\n")
    found = find_notes(["a/**/*.md"], tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found.paths] == [
        "a/1.md",
        "a/b/2.md",
        "a/b/c/3.md",
    ]
    assert found.problems == []
    assert all(p.is_absolute() for p in found.paths)


def test_find_notes_reports_a_pattern_that_matches_nothing(tmp_path: Path) -> None:
    write(tmp_path / "notes/1.md", "x\n")
    found = find_notes(["notes/*.md", "elsewhere/*.md", "missing.md"], tmp_path)
    assert len(found.paths) == 1
    assert [(pattern, str(p.subtype)) for pattern, p in found.problems] == [
        ("elsewhere/*.md", "not_found"),
        ("missing.md", "not_found"),
    ]
    assert "elsewhere/*.md" in found.problems[0][1].message


def test_find_notes_refuses_a_link_leading_outside(tmp_path: Path) -> None:
    secret = write(tmp_path / "private" / "secret.md", "---\ntitle: Quill 9.9.9\n---\n")
    write(tmp_path / "notes" / "ok.md", "x\n")
    (tmp_path / "notes" / "sneaky.md").symlink_to(secret)
    found = find_notes(["notes/*.md"], tmp_path)
    assert [p.name for p in found.paths] == ["ok.md"]
    ((where, problem),) = found.problems
    assert where.endswith("sneaky.md")
    assert problem.subtype is WarningType.OUTSIDE


def test_find_notes_follows_a_link_that_stays_inside(tmp_path: Path) -> None:
    write(tmp_path / "notes" / "archive" / "old.md", "x\n")
    (tmp_path / "notes" / "latest.md").symlink_to(tmp_path / "notes" / "archive" / "old.md")
    found = find_notes(["notes/latest.md"], tmp_path)
    assert [p.name for p in found.paths] == ["latest.md"]
    assert found.problems == []


def test_find_notes_survives_link_loops(tmp_path: Path) -> None:
    write(tmp_path / "notes" / "a.md", "x\n")
    (tmp_path / "notes" / "loop").symlink_to(tmp_path / "notes", target_is_directory=True)
    (tmp_path / "notes" / "self.md").symlink_to(tmp_path / "notes" / "self.md")
    (tmp_path / "notes" / "ping.md").symlink_to(tmp_path / "notes" / "pong.md")
    (tmp_path / "notes" / "pong.md").symlink_to(tmp_path / "notes" / "ping.md")
    found = find_notes(["notes/**/*.md", "notes/*/*.md"], tmp_path)
    assert [p.name for p in found.paths] == ["a.md"]


def test_one_file_reached_twice_is_one_note(tmp_path: Path) -> None:
    real = write(tmp_path / "notes" / "7.3.9.md", "x\n")
    (tmp_path / "notes" / "current.md").symlink_to(real)
    # the link is met first (by name, and by its own pattern before the folder's)
    found = find_notes(["notes/current.md", "notes/*.md", "./notes/**/*.md"], tmp_path)
    assert len(found.paths) == 1
    # the file is listed under its own name rather than the link's
    assert found.paths[0] == real
    assert found.problems == []


def test_a_refused_link_is_reported_once(tmp_path: Path) -> None:
    secret = write(tmp_path / "private.md", "x\n")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "sneaky.md").symlink_to(secret)
    found = find_notes(["notes/*.md", "notes/**/*.md"], tmp_path)
    assert found.paths == []
    assert [str(p.subtype) for _, p in found.problems] == ["outside"]


def test_find_notes_absolute_pattern(tmp_path: Path) -> None:
    write(tmp_path / "abs" / "1.md", "x\n")
    found = find_notes([str(tmp_path / "abs" / "*.md")], tmp_path / "elsewhere")
    assert [p.name for p in found.paths] == ["1.md"]


# -- the command line ------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_releases", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=Path(__file__).parents[1],
    )


@pytest.fixture
def cli_notes(tmp_path: Path) -> Path:
    write(
        tmp_path / "good.md",
        "---\ntitle: Quill 7.4.0 beta 2 is ready\ndate: 2041-05-06\nauthor: Ines Sample\n---\n\n"
        "# New features\n\n- Lazier imports, see PEP 9201.\n\n"
        "The first candidate, Quill 7.4.0rc1, is expected on 2041-06-03.\n",
    )
    write(tmp_path / "bad.md", "---\ntitle: Quill 7.4.0 final\ndate: someday\n---\nx\n")
    return tmp_path


def test_cli_text_summary(cli_notes: Path) -> None:
    result = run_cli("inspect", str(cli_notes / "good.md"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert str(cli_notes / "good.md") in out
    for expected in (
        "Quill 7.4.0 beta 2 is ready",
        "7.4.0b2 (beta 2)",
        "2041-05-06",
        "Ines Sample",
        "features: 1",
        "9201",
        "planned:  Quill 7.4.0rc1 on 2041-06-03 (line 11): The first candidate, Quill 7.4.0rc1,",
    ):
        assert expected in out


def test_cli_json_shape(cli_notes: Path) -> None:
    result = run_cli("inspect", "--json", str(cli_notes))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert [Path(item["source"]).name for item in data] == ["bad.md", "good.md"]
    good = data[1]
    assert set(good) == {
        "source",
        "title",
        "date",
        "updated",
        "author",
        "description",
        "tags",
        "published",
        "releases",
        "features",
        "peps",
        "plans",
        "warnings",
        "origins",
        # added for changelog sections (keys are only ever added)
        "section",
        "line",
        "unreleased",
        "yanked",
        "compare_url",
    }
    assert good["plans"] == [
        {
            "kind": "release",
            "version": "7.4.0rc1",
            "written": "7.4.0rc1",
            "series": "7.4",
            "product": "Quill",
            "date": "2041-06-03",
            "line": 11,
            "inferred": False,
            "source": "body",
            "sentence": "The first candidate, Quill 7.4.0rc1, is expected on 2041-06-03.",
        }
    ]
    assert data[0]["plans"] == []
    assert good["origins"] == {
        "title": "front matter",
        "date": "front matter",
        "author": "front matter",
    }
    assert good["section"] is None
    assert good["line"] == 1
    assert good["releases"] == [{"version": "7.4.0b2", "phase": "beta", "series": "7.4"}]
    assert good["date"] == "2041-05-06"
    assert good["features"] == [
        {
            "text": "Lazier imports, see PEP 9201.",
            "markdown": "Lazier imports, see PEP 9201.",
            "section": None,
            "peps": [9201],
            "kind": "feature",
            "refs": [],
        }
    ]
    assert good["warnings"] == []
    assert data[0]["warnings"] == [
        {"type": "date", "message": "'date' is not a date: 'someday'", "line": 3}
    ]


def test_cli_strict_fails_on_problems(cli_notes: Path) -> None:
    bad = cli_notes / "bad.md"
    lenient = run_cli("inspect", str(bad))
    assert lenient.returncode == 0
    strict = run_cli("inspect", "--strict", str(bad))
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == [f"{bad}:3: 'date' is not a date: 'someday'"]
    clean = run_cli("inspect", "--strict", str(cli_notes / "good.md"))
    assert clean.returncode == 0


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("version: 3.10", ["3.10.0"]),
        ("version: 3.10.0", ["3.10.0"]),
        ("versions: [3.10, 3.9]", ["3.10.0", "3.9.0"]),
        ("version:\n  - 3.10\n  - '3.8'", ["3.10.0", "3.8.0"]),
    ],
)
def test_unquoted_versions_keep_their_digits(front_matter: str, expected: list[str]) -> None:
    """YAML would read ``3.10`` as the number 3.1; a version is kept as written."""
    note = read_text(f"---\ntitle: Some release\n{front_matter}\n---\n\nText.\n", "v.md")
    assert [r.version for r in note.releases] == expected
    assert note.problems == ()


def test_heading_falls_back_to_the_versions_then_the_file_name() -> None:
    titled = read_text("---\ntitle: Big day\nversion: 1.0.0\n---\n", "notes/a.md")
    untitled = read_text("---\nversion: [1.0.0, 0.9.9]\n---\n\nText.\n", "notes/b.md")
    nothing = read_text("---\ndate: 2030-01-01\n---\n\nText.\n", "notes/c.md")
    assert [n.heading for n in (titled, untitled, nothing)] == ["Big day", "1.0.0, 0.9.9", "c.md"]
