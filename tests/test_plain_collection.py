"""A collection that is not Python's: no PEPs, no authors, no pre-releases, undated notes.

Nothing Python-specific shows where it has nothing to say: the release index hides columns
that are empty for every row it shows, the PEP index and the feature list say plainly that
there is nothing to list (and warn only when filters leave out every release), and feeds leave
undated notes out with one warning each, at the note's first line.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_releases import feature_list, outputs, pep_index, release_index
from sphinxcontrib_releases.aggregate import NO_MATCH
from tests.conftest import build, warnings_of

A = "{http://www.w3.org/2005/Atom}"
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def plain_warnings(app: Any) -> list[str]:
    """The warnings, without colours, with paths relative to the source folder."""
    return sorted(_COLOUR.sub("", line).replace(f"{app.srcdir}/", "") for line in warnings_of(app))


UNDATED = [
    f"notes/2.1.0.md:1: WARNING: {outputs.UNDATED} [releases.no_date]",
    f"notes/meetup.md:1: WARNING: {outputs.UNDATED} [releases.no_date]",
]
NO_MATCH_WARNING = (
    "views.rst:37: WARNING: pep-index: no release matches the filters [releases.filter]"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Any:
    srcdir = tmp_path_factory.mktemp("plain") / "src"
    shutil.copytree(rootdir / "test-plain", srcdir)
    return build(SphinxTestApp, srcdir, confoverrides={"nitpicky": True})


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, page).read_text(encoding="utf-8"), "html.parser")


def section(app: Any, page: str, anchor: str) -> Tag:
    found = soup(app, page).find("section", id=anchor)
    assert isinstance(found, Tag), anchor
    return found


def headers(table: Tag | None) -> list[str]:
    assert table is not None
    return [th.get_text(strip=True) for th in table.select("thead th")]


def rows(table: Tag | None) -> list[list[str]]:
    assert table is not None
    return [
        [td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")
    ]


def empty_text(part: Tag) -> list[str]:
    return [p.get_text(strip=True) for p in part.select("p.releases-empty")]


def test_the_only_warnings(site: Any) -> None:
    """The undated notes (for the feeds), and the one filter that leaves out every release."""
    assert plain_warnings(site) == sorted([*UNDATED, NO_MATCH_WARNING])


def test_release_index_hides_columns_empty_in_every_row(site: Any) -> None:
    tables = soup(site, "index.html").select("table.releases-index")
    assert len(tables) == 3  # one per series
    # no PEPs and no authors anywhere; some dates; features in one release: every table has
    # the same columns, those that have something to show in one of the rows at least
    assert [headers(t) for t in tables] == [["Version", "Date", "Features"]] * 3
    assert [row for t in tables for row in rows(t)] == [
        ["2.1.0 final", "—", "0"],
        ["2.0.1 final", "2030-04-02", "0"],
        ["2.0.0 final", "2030-03-01", "2"],
        ["1.9.4 final", "2029-11-20", "0"],
    ]


def test_release_index_of_undated_releases_without_features(site: Any) -> None:
    table = section(site, "views.html", "undated").select_one("table.releases-index")
    assert headers(table) == ["Version"]
    assert rows(table) == [["2.1.0 final"]]


def test_release_index_keeps_the_columns_asked_for(site: Any) -> None:
    part = section(site, "views.html", "undated-with-the-columns-asked-for")
    table = part.select_one("table.releases-index")
    assert headers(table) == ["Version", "Date", "Author", "PEPs"]
    assert rows(table) == [["2.1.0 final", "—", "", ""]]


def test_series_table_without_pre_releases(site: Any) -> None:
    table = section(site, "views.html", "series").select_one("table.releases-series")
    assert headers(table) == ["Series", "Final", "Latest", "Releases"]
    assert rows(table) == [
        ["2.1", "2.1.0 —", "2.1.0 —", "1"],
        ["2.0", "2.0.0 2030-03-01", "2.0.1 2030-04-02", "2"],
        ["1.9", "1.9.4 2029-11-20", "1.9.4 2029-11-20", "1"],
    ]


def test_series_table_without_dates(site: Any) -> None:
    part = section(site, "views.html", "series-of-undated-releases")
    table = part.select_one("table.releases-series")
    assert headers(table) == ["Series", "Final", "Latest", "Releases"]
    assert rows(table) == [["2.1", "2.1.0", "2.1.0", "1"]]


def test_pep_index_without_peps_says_so(site: Any) -> None:
    part = section(site, "views.html", "peps")
    assert part.select("table") == []
    assert empty_text(part) == [pep_index.NO_PEPS]
    assert empty_text(section(site, "myst.html", "from-myst")) == [
        pep_index.NO_PEPS,
        feature_list.NO_FEATURES_SELECTED,
    ]


def test_pep_index_of_releases_without_peps_says_so(site: Any) -> None:
    assert empty_text(section(site, "views.html", "peps-of-2-0")) == [pep_index.NO_PEPS_SELECTED]


def test_filters_that_select_nothing_still_warn(site: Any) -> None:
    part = section(site, "views.html", "peps-of-a-series-that-does-not-exist")
    assert empty_text(part) == [NO_MATCH]
    assert NO_MATCH_WARNING in plain_warnings(site)


def test_feature_list_of_a_release_without_features(site: Any) -> None:
    """2.0.1 matches the filter: it has no features, which is not "nothing matches"."""
    part = section(site, "views.html", "features-of-a-bug-fix-release")
    assert empty_text(part) == [feature_list.NO_FEATURES_SELECTED]
    assert not [w for w in plain_warnings(site) if "feature-list" in w]


def test_feature_list_lists_what_there_is(site: Any) -> None:
    items = section(site, "views.html", "features").select("li.releases-feature")
    assert [li.get_text(" ", strip=True).split(" 2.0.0")[0] for li in items] == [
        "Lanterns can be dimmed from the command line.",
        "A night mode that halves the brightness after sunset.",
    ]


def test_feature_list_in_a_collection_without_features(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("plain")
    note = srcdir / "notes" / "2.0.0.md"
    note.write_text(note.read_text(encoding="utf-8").split("# New")[0], encoding="utf-8")
    (srcdir / "views.rst").write_text(
        "Views\n=====\n\n.. feature-list::\n\n.. release-index::\n", encoding="utf-8"
    )
    app = build(make_app, srcdir)
    page = soup(app, "views.html")
    assert [p.get_text(strip=True) for p in page.select("p.releases-empty")] == [
        feature_list.NO_FEATURES
    ]
    # and the index has no feature column, since no release lists any
    assert headers(page.select_one("table.releases-index")) == ["Version", "Date"]
    assert plain_warnings(app) == UNDATED


def test_release_index_without_releases_says_so(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("plain")
    for note in (srcdir / "notes").glob("[0-9]*"):
        note.unlink()
    (srcdir / "views.rst").write_text(
        "Views\n=====\n\n.. release-index::\n\n.. release-index::\n   :series: 2.0\n\n"
        ".. pep-index::\n\n.. feature-list::\n",
        encoding="utf-8",
    )
    app = build(make_app, srcdir, confoverrides={"releases_notes": ["notes/*.md"]})
    page = soup(app, "views.html")
    assert [p.get_text(strip=True) for p in page.select("p.releases-empty")] == [
        release_index.NO_RELEASES,
        release_index.NO_RELEASES,  # filters, but no release for them to leave out: no warning
        pep_index.NO_PEPS,
        feature_list.NO_FEATURES,
    ]
    assert plain_warnings(app) == [UNDATED[1]]


# -- feeds ----------------------------------------------------------------------------------------


def entry_titles(app: Any, name: str) -> list[str | None]:
    root = ET.parse(Path(app.outdir, f"{name}.atom")).getroot()
    return [entry.findtext(f"{A}title") for entry in root.findall(f"{A}entry")]


def test_feeds_leave_undated_notes_out(site: Any) -> None:
    assert entry_titles(site, "releases") == [
        "Lantern 2.0.1 released",
        "Lantern 2.0.0 released",
        "Lantern 1.9.4 released",
    ]
    assert entry_titles(site, "finals") == entry_titles(site, "releases")
    for name in ("releases.atom", "releases.rss", "finals.atom", "finals.rss"):
        text = Path(site.outdir, name).read_text(encoding="utf-8")
        assert "2.1.0" not in text and "meetup" not in text
        assert "1970" not in text  # no date is made up


def test_one_warning_per_undated_note_in_parallel_builds_too(
    make_app: Any, project: Callable[..., Path]
) -> None:
    app = build(make_app, project("plain"), parallel=2)
    assert [w for w in plain_warnings(app) if "no_date" in w] == UNDATED


def test_no_undated_warning_without_feeds(make_app: Any, project: Callable[..., Path]) -> None:
    app = build(
        make_app, project("plain"), confoverrides={"html_baseurl": "", "releases_feeds": []}
    )
    assert plain_warnings(app) == [NO_MATCH_WARNING]
    assert not Path(app.outdir, "releases.atom").exists()


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_no_undated_warning_from_builders_without_feeds(
    make_app: Any, project: Callable[..., Path], builder: str
) -> None:
    app = build(make_app, project("plain"), builder)
    assert [w for w in plain_warnings(app) if "no_date" in w] == []
