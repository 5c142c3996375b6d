"""Changelog files read as announcements, one per section (no Sphinx)."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

from sphinxcontrib_releases.checks import check_notes
from sphinxcontrib_releases.dedupe import merge_features
from sphinxcontrib_releases.model import Announcement, Release
from sphinxcontrib_releases.reader import (
    NoteCache,
    ReaderOptions,
    read_file,
    read_file_text,
)
from tests.conftest import ROOTS, rewrite

ROOT = ROOTS / "test-changelog"
KEEP_A_CHANGELOG = ROOT / "CHANGES.md"
TOWNCRIER = ROOT / "plugin" / "CHANGES.rst"

SMALL = """\
# Changes

## 2.0.0 - 2024-05-01

### Deprecated

- The old switch (#7).

## 1.1.0 - 2024-04-01

- Faster.

## 1.0.0 - 2024-03-01

- First.
"""


def test_keep_a_changelog_file_is_one_announcement_per_section() -> None:
    reading = read_file(KEEP_A_CHANGELOG)
    assert reading.changelog is not None
    assert reading.changelog.summary() == "4 releases, 1 unreleased, 1 yanked"
    keys = [note.key for note in reading.notes]
    assert keys == [
        f"{KEEP_A_CHANGELOG}#unreleased",
        f"{KEEP_A_CHANGELOG}#release-1-2-0",
        f"{KEEP_A_CHANGELOG}#release-1-1-1",
        f"{KEEP_A_CHANGELOG}#release-1-1-0",
        f"{KEEP_A_CHANGELOG}#release-1-0-0",
    ]
    assert {note.source for note in reading.notes} == {str(KEEP_A_CHANGELOG)}


def test_the_unreleased_section_announces_no_release() -> None:
    unreleased = read_file(KEEP_A_CHANGELOG).notes[0]
    assert unreleased.unreleased
    assert unreleased.releases == ()
    assert unreleased.title == "Unreleased"
    assert unreleased.date is None
    assert unreleased.compare_url == "https://github.com/example/acme/compare/v1.2.0...HEAD"


def test_a_release_section() -> None:
    section = read_file(KEEP_A_CHANGELOG).notes[1]
    assert section.releases == (Release("1.2.0"),)
    assert section.title == "1.2.0"
    assert section.date == dt.date(2024, 3, 1)
    assert section.section == "release-1-2-0"
    assert section.line == 17
    assert section.compare_url == "https://github.com/example/acme/compare/v1.1.1...v1.2.0"
    assert not section.unreleased
    assert not section.yanked
    kinds = [(f.kind, f.section) for f in section.features]
    assert kinds == [
        ("feature", "Added"),
        ("feature", "Added"),
        ("deprecation", "Deprecated"),
        ("fix", "Fixed"),
        ("security", "Security"),
    ]
    assert section.features[2].refs == ("GH-118",)
    assert section.features[0].line == 21
    # the body is the section's own text, starting on the line after the heading
    lines = KEEP_A_CHANGELOG.read_text(encoding="utf-8").split("\n")
    assert section.body.split("\n")[1] == lines[section.body_line]
    assert "## [1.1.1]" not in section.body


def test_yanked_section() -> None:
    yanked = read_file(KEEP_A_CHANGELOG).notes[2]
    assert yanked.yanked
    assert yanked.releases == (Release("1.1.1"),)


def test_a_section_carries_the_link_definitions_it_uses() -> None:
    unreleased = read_file(KEEP_A_CHANGELOG).notes[0]
    assert unreleased.body.rstrip().endswith("[#131]: https://github.com/example/acme/pull/131")
    assert "[1.2.0]:" not in unreleased.body


def test_towncrier_file_in_rst() -> None:
    reading = read_file(TOWNCRIER)
    assert [n.title for n in reading.notes] == [
        "acme-mirror 0.3.0",
        "acme-mirror 0.2.0",
        "acme-mirror 0.1.0",
    ]
    kinds = [f.kind for f in reading.notes[1].features]
    assert kinds == ["feature", "fix", "documentation"]
    assert reading.notes[0].features[1].refs == (":issue:`14`",)
    assert all(note.syntax == "rst" for note in reading.notes)


def test_a_note_stays_one_announcement() -> None:
    reading = read_file(ROOT / "notes" / "acme-1.2.0.md")
    assert reading.changelog is None
    (note,) = reading.notes
    assert note.section is None
    assert note.key == note.source
    assert {f.kind for f in note.features} == {"feature"}


def test_front_matter_overrides_detection() -> None:
    forced = read_file_text("---\nchangelog: true\n---\n\n## 1.0.0\n\n- First.\n", "c.md")
    assert [n.releases for n in forced.notes] == [(Release("1.0.0"),)]
    assert forced.notes[0].section == "release-1-0-0"
    kept = read_file_text("---\nchangelog: false\n---\n\n" + SMALL, "c.md")
    assert kept.changelog is None
    assert kept.notes[0].section is None


def test_a_dated_post_with_a_heading_per_release_is_one_note() -> None:
    post = (
        "---\ntitle: Releases 2.0.1, 1.9.4 and 1.8.9\ndate: 2024-06-04\n---\n\n"
        "## 2.0.1\n\n- A crash fixed.\n\n## 1.9.4\n\n- The same fix.\n\n"
        "## 1.8.9\n\n- The last of the series.\n"
    )
    for path in ("news/three.md", "2024-06-04-three.md"):
        reading = read_file_text(post, path)
        assert reading.changelog is None
        (note,) = reading.notes
        assert note.releases == (Release("2.0.1"), Release("1.9.4"), Release("1.8.9"))
        assert note.date == dt.date(2024, 6, 4)
    # dated by its path alone, the same
    undated = post.replace("date: 2024-06-04\n", "")
    assert read_file_text(undated, "2024-06-04-three.md").changelog is None
    assert read_file_text(undated, "three.md").changelog is not None  # no date: detection
    # dated sections make it a changelog, dated or not
    dated = post.replace("## 2.0.1", "## 2.0.1 - 2024-06-04").replace(
        "## 1.9.4", "## 1.9.4 - 2024-06-03"
    )
    assert read_file_text(dated, "n.md").changelog is not None
    # the file's own word still wins
    forced = read_file_text(post.replace("---\n\n", "changelog: true\n---\n\n", 1), "n.md")
    assert len(forced.notes) == 3


def test_options_make_files_changelogs() -> None:
    text = "## 1.0.0\n\n- First.\n\n## 0.9.0\n\n- Before.\n"
    assert read_file_text(text, "c.md").changelog is None
    forced = read_file_text(text, "c.md", options=ReaderOptions(changelog=True))
    assert len(forced.notes) == 2
    # the file's own word wins over the setting
    refused = read_file_text(
        "---\nchangelog: no\n---\n\n" + text, "c.md", options=ReaderOptions(changelog=True)
    )
    assert refused.changelog is None


def test_a_wrong_override_warns() -> None:
    reading = read_file_text("---\nchangelog: perhaps\n---\n\n" + SMALL, "c.md")
    assert reading.changelog is not None  # detection decides
    assert [p.subtype for p in reading.notes[0].problems] == ["field"]


def test_reader_problems_go_to_their_section() -> None:
    text = SMALL.replace("## 1.1.0 - 2024-04-01", "## 1.1.0 - 2024-02-30")
    notes = read_file_text(text, "c.md").notes
    assert [len(n.problems) for n in notes] == [0, 1, 0]
    assert notes[1].problems[0].line == 9


def test_front_matter_applies_to_every_section() -> None:
    text = "---\nauthor: The Acme team\ntags: [acme]\n---\n\n" + SMALL
    notes = read_file_text(text, "c.md").notes
    assert {n.author for n in notes} == {"The Acme team"}
    assert {n.tags for n in notes} == {("acme",)}
    assert notes[0].line == 8  # after five lines of front matter


def test_json_adds_keys_only() -> None:
    note = read_file(ROOT / "notes" / "acme-1.2.0.md").notes[0].to_json()
    assert note["section"] is None
    assert note["line"] == 1
    assert note["unreleased"] is False
    assert note["compare_url"] is None
    assert note["features"][0]["kind"] == "feature"
    section = read_file(KEEP_A_CHANGELOG).notes[1].to_json()
    assert section["section"] == "release-1-2-0"
    assert section["compare_url"].endswith("v1.1.1...v1.2.0")
    assert section["features"][0]["refs"] == ["#120"]
    assert set(note) == set(section)


def test_cache_holds_every_section(tmp_path: Path) -> None:
    path = tmp_path / "CHANGES.md"
    path.write_text(SMALL, encoding="utf-8")
    cache = NoteCache()
    notes, fresh = cache.lookup_all(path)
    assert fresh
    assert len(notes) == 3
    assert cache.lookup_all(path) == (notes, False)
    rewrite(path, SMALL.replace("Faster.", "Much faster."))
    again, fresh = cache.lookup_all(path)
    assert fresh
    assert again[1].features[0].text == "Much faster."
    assert pickle.loads(pickle.dumps(cache)).lookup_all(path) == (again, False)


# -- checks across notes and changelogs -------------------------------------------------------


def _sections(text: str, source: str = "CHANGES.md") -> tuple[Announcement, ...]:
    return read_file_text(text, source).notes


def test_a_note_and_a_section_of_one_release_are_no_duplicates() -> None:
    note = read_file_text("---\ntitle: 2.0.0 is out\ndate: 2024-05-01\n---\n\nHi.\n", "n.md")
    found = check_notes([*note.notes, *_sections(SMALL)], today=dt.date(2025, 1, 1))
    assert found == []


def test_two_changelogs_of_one_release_are_duplicates() -> None:
    found = check_notes(
        [*_sections(SMALL, "a/CHANGES.md"), *_sections(SMALL, "b/CHANGES.md")],
        today=dt.date(2025, 1, 1),
    )
    assert [str(f) for f in found] == [
        "b/CHANGES.md:3: [duplicate] 2.0.0 is also announced by a/CHANGES.md",
        "b/CHANGES.md:9: [duplicate] 1.1.0 is also announced by a/CHANGES.md",
        "b/CHANGES.md:13: [duplicate] 1.0.0 is also announced by a/CHANGES.md",
    ]


def test_a_repeated_section_is_the_readers_to_report() -> None:
    found = check_notes(_sections(SMALL + "\n## 1.0.0 - 2024-03-01\n\n- Again.\n"))
    assert [(f.line, f.subtype, f.message) for f in found] == [
        (17, "version", "version 1.0.0 has a section already, on line 13")
    ]


def test_checks_point_at_the_section() -> None:
    text = SMALL.replace("## 2.0.0 - 2024-05-01", "## 2.0.0 - 2999-05-01")
    found = check_notes(_sections("## Unreleased\n\n- Soon.\n\n" + text), today=dt.date(2025, 1, 1))
    # the unreleased section needs no date
    assert [str(f) for f in found] == [
        "CHANGES.md:7: [chronology] dated 2999-05-01, which is in the future"
    ]


def test_rst_sections_carry_the_link_targets_they_use() -> None:
    text = (
        "Changes\n=======\n\n"
        "2.0.0 (2024-05-01)\n------------------\n\n- Faster, see `the issue`_.\n\n"
        "1.1.0 (2024-04-01)\n------------------\n\n- Smaller.\n\n"
        "1.0.0 (2024-03-01)\n------------------\n\n- First.\n\n"
        ".. _the issue: https://example.org/issues/7\n"
    )
    notes = read_file_text(text, "CHANGES.rst", syntax="rst").notes
    assert notes[0].body.rstrip().endswith(".. _`the issue`: https://example.org/issues/7")
    assert ".. _" not in notes[1].body


def test_changelog_items_worded_alike_are_different_items() -> None:
    text = (
        "# Changes\n\n"
        "## 1.1.0 - 2024-05-01\n\n### Fixed\n\n- Fixed a crash in the parser.\n\n"
        "## 1.1.0rc1 - 2024-04-20\n\n### Fixed\n\n- Fixed a crash in the parser.\n\n"
        "## 1.0.1 - 2024-04-01\n\n### Fixed\n\n- Fixed a crash in the writer.\n"
    )
    pairs = [(n.releases[0], n) for n in read_file_text(text, "CHANGES.md").notes]
    merged = merge_features(pairs)
    assert [(m.latest.text, [r.version for r in m.appearances]) for m in merged] == [
        ("Fixed a crash in the writer.", ["1.0.1"]),
        # the candidate's item, repeated in the final release's section
        ("Fixed a crash in the parser.", ["1.1.0rc1", "1.1.0"]),
    ]


# -- products and origins of sections ----------------------------------------------------------

PRODUCTS = """\
# Changes

## 1.1.0 - 2024-02-01

- Faster.

## gizmo-cli 1.0.1 - 2024-01-15

- A fix of the command line tool.

## 1.0.0

Released on January 2, 2024.

- First.
"""


def test_a_section_is_of_its_headings_product_else_of_the_front_matters() -> None:
    bare = read_file_text(PRODUCTS, "CHANGES.md").notes
    assert [(r.product, r.version) for n in bare for r in n.releases] == [
        (None, "1.1.0"),
        ("gizmo-cli", "1.0.1"),
        (None, "1.0.0"),
    ]
    declared = read_file_text("---\nproduct: Gizmo\n---\n\n" + PRODUCTS, "CHANGES.md").notes
    assert [r.name for n in declared for r in n.releases] == [
        "Gizmo 1.1.0",
        "gizmo-cli 1.0.1",
        "Gizmo 1.0.0",
    ]
    # the default product of a build fills in what neither names, as for a note
    defaulted = [n.with_default_product("Acme") for n in bare]
    assert [r.name for n in defaulted for r in n.releases] == [
        "Acme 1.1.0",
        "gizmo-cli 1.0.1",
        "Acme 1.0.0",
    ]


def test_one_version_of_two_products_in_one_changelog_is_no_repeat() -> None:
    text = PRODUCTS.replace("gizmo-cli 1.0.1", "gizmo-cli 1.1.0")
    reading = read_file_text(text, "CHANGES.md")
    assert [n.problems for n in reading.notes] == [(), (), ()]
    again = read_file_text(text.replace("gizmo-cli 1.1.0", "1.1.0"), "CHANGES.md")
    assert [p.message for n in again.notes for p in n.problems] == [
        "version 1.1.0 has a section already, on line 3"
    ]


def test_sections_say_where_their_facts_come_from() -> None:
    text = "---\nauthor: Ada Example\ndate: 2020-01-01\n---\n\n" + PRODUCTS
    notes = read_file_text(text, "2019-05-05-CHANGES.md").notes
    # title and date are the section's own (never the file's front matter or path date);
    # the author is the file's
    assert [dict(n.origins) for n in notes] == [
        {"title": "section heading", "date": "section heading", "author": "front matter"},
        {"title": "section heading", "date": "section heading", "author": "front matter"},
        {"title": "section heading", "date": "released line", "author": "front matter"},
    ]
    assert [n.date for n in notes] == [
        dt.date(2024, 2, 1),
        dt.date(2024, 1, 15),
        dt.date(2024, 1, 2),
    ]
    assert notes[0].to_json()["origins"] == dict(notes[0].origins)
    unreleased = read_file_text("## Unreleased\n\n- Soon.\n\n" + SMALL, "c.md").notes[0]
    assert dict(unreleased.origins) == {"title": "section heading"}


def test_duplicates_are_per_product_and_version() -> None:
    gizmo = _sections("---\nproduct: Gizmo\n---\n\n" + SMALL, "gizmo/CHANGES.md")
    widget = _sections("---\nproduct: Widget\n---\n\n" + SMALL, "widget/CHANGES.md")
    today = dt.date(2025, 1, 1)
    # two changelogs of two products share their versions: two sets of releases
    assert check_notes([*gizmo, *widget], today=today) == []
    # a third changelog of one of them repeats its releases
    again = _sections("---\nproduct: gizmo\n---\n\n" + SMALL, "more/CHANGES.md")
    assert [f.message for f in check_notes([*gizmo, *widget, *again], today=today)] == [
        "2.0.0 is also announced by gizmo/CHANGES.md",
        "1.1.0 is also announced by gizmo/CHANGES.md",
        "1.0.0 is also announced by gizmo/CHANGES.md",
    ]
    # a note of either product and a section of the same release are one release, told twice
    note = read_file_text(
        "---\ntitle: Widget 2.0.0 is out\ndate: 2024-05-01\n---\n\nHi.\n", "n.md"
    ).notes
    assert check_notes([*note, *gizmo, *widget], today=today) == []
