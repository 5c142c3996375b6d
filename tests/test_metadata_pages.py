"""Note pages of every metadata shape: a TOML front matter, a ``.txt`` note that
``source_suffix`` makes reST, a reST field list after the title. Each page shows its facts once,
in the byline, and none of its metadata as text."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from tests.conftest import ROOTS, warnings_of


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def main_text(app: Any, page: str) -> str:
    return soup(app, page).select_one("[role=main]").get_text()


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The project, built once for this module."""
    srcdir = tmp_path_factory.mktemp("metadata") / "src"
    shutil.copytree(ROOTS / "test-metadata", srcdir)
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        confoverrides={"nitpicky": True},
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
    finally:
        app.cleanup()
    yield app


def test_build_is_clean(shapes: Any) -> None:
    assert warnings_of(shapes) == []


def test_toml_note_page_shows_no_front_matter(shapes: Any) -> None:
    page = soup(shapes, "blog/lantern-2-7-0.html")
    assert page.select_one("h1").get_text().rstrip("¶") == "Announcing Lantern 2.7.0"
    assert page.select_one("p.releases-byline").get_text() == (
        "2031-11-04 · The Lantern Release Team"
    )
    assert page.select_one("span.releases-badge").get_text() == "final"
    text = main_text(shapes, "blog/lantern-2-7-0.html")
    for leaked in ("path =", "aliases", "[extra]", "release = true", "+++", "2031/11/04"):
        assert leaked not in text, leaked
    assert page.select("hr") == []
    assert (
        page.select_one("[role=main] p:not([class])")
        .get_text()
        .startswith("The Lantern team is glad")
    )


def test_toml_front_matter_is_the_pages_metadata(shapes: Any) -> None:
    metadata = shapes.env.metadata["blog/lantern-2-7-0"]
    assert metadata["path"] == "2031/11/04/Lantern-2.7.0"
    assert metadata["title"] == "Announcing Lantern 2.7.0"


def test_txt_note_is_rest_when_source_suffix_says_so(shapes: Any) -> None:
    page = soup(shapes, "releases/2.7.1.html")
    assert page.select_one("h1").get_text().rstrip("¶") == "Lantern 2.7.1 release notes"
    assert page.select_one("p.releases-byline").get_text() == "2031-12-02"
    assert page.select_one("span.releases-badge").get_text() == "final"
    # reST markup, rendered as reST: a directive, and a section under the title
    assert page.select_one("div.admonition.note") is not None
    assert page.select_one("h2").get_text().rstrip("¶") == "Bugfixes"
    text = main_text(shapes, "releases/2.7.1.html")
    assert ".. note::" not in text
    assert "====" not in text


def test_rest_field_list_after_the_title_is_shown_once(shapes: Any) -> None:
    page = soup(shapes, "news/lantern-2-8-0.html")
    assert page.select_one("p.releases-byline").get_text() == "2032-01-20 · Ines Sample"
    assert page.select("dl.field-list") == []
    text = main_text(shapes, "news/lantern-2-8-0.html")
    assert "Ines Sample" in text
    assert text.count("Ines Sample") == 1
    assert "2032-01-20" in text
    assert text.count("2032-01-20") == 1


def test_embedded_note_leaves_its_field_list_out(shapes: Any) -> None:
    section = soup(shapes, "index.html").select_one("section.releases-release")
    assert section.select_one("p.releases-byline").get_text() == "2032-01-20 · Ines Sample"
    assert section.select("dl.field-list") == []
    assert section.select_one("li").get_text().startswith("Plugins load")


def test_a_projects_own_front_matter_keys(shapes: Any) -> None:
    page = soup(shapes, "blog/lantern-2-8-1.html")
    assert page.select_one("p.releases-byline").get_text() == "2032-02-10 · Otto Example"


def test_releases_json_carries_the_origins(shapes: Any) -> None:
    data = json.loads((Path(shapes.outdir) / "releases.json").read_text(encoding="utf-8"))
    origins = {item["source"]: item["origins"] for item in data["announcements"]}
    assert origins == {
        "blog/lantern-2-7-0.md": {
            "title": "front matter",
            "date": "front matter path",
            "author": "front matter",
        },
        "news/lantern-2-8-0.rst": {
            "title": "heading",
            "date": "front matter",
            "author": "front matter",
        },
        "blog/lantern-2-8-1.md": {
            "title": "front matter",
            "date": "front matter",
            "author": "front matter",
        },
        "releases/2.7.1.txt": {"title": "heading", "date": "date line"},
    }
