"""``releases_pep_data``: PEP titles from a local ``peps.json`` (the reader, then builds)."""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_releases.pepdata import PepInfo, parse_pep_data, read_pep_data
from tests.conftest import ROOTS, build, rewrite, same_site, warnings_of

PEPS = ROOTS / "test-pepdata" / "peps.json"

# -- the reader -------------------------------------------------------------------------------


def test_reads_the_pep_sites_format() -> None:
    data = read_pep_data(PEPS)
    assert data.problems == ()
    assert sorted(data.peps) == [8, 484, 594, 684, 695, 701, 3103]
    assert data.peps[8] == PepInfo(8, "Style Guide for Python Code", "Active", "")
    assert data.peps[695] == PepInfo(695, "Type Parameter Syntax", "Final", "3.12")


def test_the_number_may_come_from_the_entry() -> None:
    data = parse_pep_data('{"x": {"number": 8, "title": "Style Guide for Python Code"}}')
    assert data.peps == {8: PepInfo(8, "Style Guide for Python Code")}
    assert data.problems == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "is not JSON"),
        ("[1, 2]", "is not a JSON object keyed by PEP number"),
        ("{}", "holds no PEP"),
        ("[" * 100_000, "is not JSON"),
    ],
)
def test_a_malformed_file_gives_no_peps_and_says_why(text: str, problem: str) -> None:
    data = parse_pep_data(text, "peps.json")
    assert not data
    assert len(data.problems) == 1 and problem in data.problems[0]


def test_malformed_entries_are_left_out_and_counted() -> None:
    entries = {
        "8": {"title": "Style Guide for Python Code", "status": "Active"},
        "9": {"title": ""},
        "12345": {"title": "Too large"},
        "x": ["not", "a", "mapping"],
        "20": {"title": "The Zen of Python", "status": 3, "python_version": 3.12},
    }
    data = parse_pep_data(json.dumps(entries), "peps.json")
    assert data.peps == {
        8: PepInfo(8, "Style Guide for Python Code", "Active"),
        20: PepInfo(20, "The Zen of Python", "3", "3.12"),
    }
    assert data.problems == (
        "3 entries of peps.json are not PEPs with a number and a title ('9', '12345', 'x'); "
        "they are left out",
    )


def test_an_unreadable_file(tmp_path: Path) -> None:
    assert "does not exist" in read_pep_data(tmp_path / "missing.json").problems[0]
    (tmp_path / "latin1.json").write_bytes(b'{"8": {"title": "Caf\xe9"}}')
    assert "is not UTF-8" in read_pep_data(tmp_path / "latin1.json").problems[0]
    assert "cannot be read" in read_pep_data(tmp_path).problems[0]  # a folder


# -- builds -----------------------------------------------------------------------------------


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def tooltips(app: Any, page: str) -> dict[str, str | None]:
    """The tooltip of each PEP link of a page, by link text."""
    found = {}
    for link in soup(app, page).select("a.pep"):
        title = link.get("title")
        found[link.get_text()] = str(title) if title is not None else None
    return found


def pep_table(app: Any) -> tuple[list[str], list[list[str]]]:
    table = soup(app, "peps.html").select_one("table.releases-peps")
    assert table is not None
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [[c.get_text(" ", strip=True) for c in r.select("td")] for r in table.select("tbody tr")]
    return headers, rows


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    srcdir = tmp_path_factory.mktemp("pepdata") / "src"
    shutil.copytree(ROOTS / "test-pepdata", srcdir)
    return build(SphinxTestApp, srcdir, confoverrides={"nitpicky": True})


def test_builds_without_warnings(site: Any) -> None:
    assert warnings_of(site) == []


def test_pep_links_of_notes_have_the_title_as_tooltip(site: Any) -> None:
    assert tooltips(site, "notes/3.12.0.html") == {
        "PEP 695": "Type Parameter Syntax",
        "PEP 701": "Syntactic formalization of f-strings",
        "PEP 684": "A Per-Interpreter GIL",
        "PEP 3333": None,  # not in the data
    }


def test_pep_roles_of_any_page_have_the_title_as_tooltip(site: Any) -> None:
    assert tooltips(site, "prose.html") == {
        "PEP 8": "Style Guide for Python Code",
        "the abstract": "Type Hints",
    }
    assert tooltips(site, "myst.html") == {"PEP 701": "Syntactic formalization of f-strings"}


def test_pep_index_shows_titles_and_statuses(site: Any) -> None:
    headers, rows = pep_table(site)
    assert headers == ["PEP", "Title", "Status", "First mentioned in", "Also in"]
    assert [row[:3] for row in rows] == [
        ["PEP 594", "Removing dead batteries from the standard library", "Final"],
        ["PEP 684", "A Per-Interpreter GIL", "Final"],
        ["PEP 695", "Type Parameter Syntax", "Final"],
        ["PEP 701", "Syntactic formalization of f-strings", "Final"],
        ["PEP 3103", "A Switch/Case Statement", "Rejected"],
        ["PEP 3333", "", ""],
    ]
    assert rows[0][3] == "3.11.0 · final"
    assert tooltips(site, "peps.html")["PEP 594"] == (
        "Removing dead batteries from the standard library"
    )


def test_without_the_setting_nothing_changes(make_app: Any, project: Callable[[str], Path]) -> None:
    app = build(make_app, project("pepdata"), confoverrides={"releases_pep_data": ""})
    assert warnings_of(app) == []
    assert set(tooltips(app, "notes/3.12.0.html").values()) == {None}
    assert set(tooltips(app, "prose.html").values()) == {None}
    headers, rows = pep_table(app)
    assert headers == ["PEP", "First mentioned in", "Also in"]
    assert rows[0] == ["PEP 594", "3.11.0 · final", ""]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "does not exist"),
        ("{not json", "is not JSON"),
        ('["8", "Style Guide for Python Code"]', "is not a JSON object keyed by PEP number"),
    ],
)
def test_a_bad_file_warns_once_and_the_build_goes_on(
    make_app: Any, project: Callable[[str], Path], content: str | None, problem: str
) -> None:
    srcdir = project("pepdata")
    if content is None:
        (srcdir / "peps.json").unlink()
    else:
        rewrite(srcdir / "peps.json", content)
    app = build(make_app, srcdir, parallel=2)
    (warning,) = warnings_of(app)
    conf = srcdir / "conf.py"
    line = conf.read_text().splitlines().index('releases_pep_data = "peps.json"') + 1
    assert f"{conf}:{line}: WARNING: releases_pep_data: " in warning
    assert problem in warning
    assert "; PEPs are shown without titles [releases.config]" in warning
    headers, _rows = pep_table(app)
    assert headers == ["PEP", "First mentioned in", "Also in"]
    assert set(tooltips(app, "prose.html").values()) == {None}


def test_a_new_copy_of_the_file_is_followed(make_app: Any, project: Callable[..., Path]) -> None:
    srcdir = project("pepdata", "incremental")
    build(make_app, srcdir)
    data = json.loads(PEPS.read_text(encoding="utf-8"))
    data["695"]["title"] = "Type Parameter Syntax (revised)"
    data["3333"] = {"number": 3333, "title": "Python Web Server Gateway Interface v1.0.1"}
    data["3333"]["status"] = "Final"
    rewrite(srcdir / "peps.json", json.dumps(data))
    app = build(make_app, srcdir)
    assert tooltips(app, "notes/3.12.0.html")["PEP 695"] == "Type Parameter Syntax (revised)"
    assert pep_table(app)[1][-1][:3] == [
        "PEP 3333",
        "Python Web Server Gateway Interface v1.0.1",
        "Final",
    ]
    fresh_dir = project("pepdata", "fresh")
    shutil.rmtree(fresh_dir)
    shutil.copytree(srcdir, fresh_dir, ignore=shutil.ignore_patterns("_build"))
    fresh = build(make_app, fresh_dir)
    same_site(Path(srcdir / "_build" / "html"), Path(fresh.outdir))


def test_no_network_at_build_time(
    make_app: Any, project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the build opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    app = build(make_app, project("pepdata"))
    assert warnings_of(app) == []
    assert tooltips(app, "prose.html")["PEP 8"] == "Style Guide for Python Code"


def test_the_new_headers_are_in_the_projects_language(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    app = build(make_app, project("pepdata"), confoverrides={"language": "fr"})
    assert pep_table(app)[0][:3] == ["PEP", "Titre", "Statut"]
