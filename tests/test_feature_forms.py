"""Features of every form, rendered by Sphinx: each in its note's own syntax, roles included."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from tests.conftest import build, warnings_of


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Any:
    srcdir = tmp_path_factory.mktemp("feature-forms") / "src"
    shutil.copytree(rootdir / "test-feature-forms", srcdir)
    return build(SphinxTestApp, srcdir)


def index(app: Any) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")


def summary(page: BeautifulSoup, section_id: str) -> list[Tag]:
    section = page.find("section", id=section_id)
    assert isinstance(section, Tag)
    return list(section.select("ul.releases-features > li"))


def test_clean_build(site: Any) -> None:
    assert warnings_of(site) == []


def test_markdown_summary_holds_prose_subsections_and_items(site: Any) -> None:
    items = summary(index(site), "a-blog-post")
    assert [item.get_text(" ", strip=True) for item in items] == [
        "Generic closures in interfaces",
        "Path::normalize",
        "Vec::split_off_front",
    ]
    assert items[0].select_one("em").get_text() == "interfaces"
    assert items[1].select_one("code").get_text() == "Path::normalize"


def test_rst_summary_renders_roles_with_the_notes_parser(site: Any) -> None:
    items = summary(index(site), "release-notes")
    assert [item.get_text(" ", strip=True) for item in items] == [
        "Streaming exports",
        "The new Panel.collapsed attribute hides a panel until it is clicked.",
        "Panel.title may hold emphasis .",
    ]
    assert items[1].select_one("code.xref").get_text() == "Panel.collapsed"
    assert items[2].select_one("code").get_text() == "Panel.title"
    assert items[2].select_one("em").get_text() == "emphasis"


def test_feature_list_groups_by_section(site: Any) -> None:
    section = index(site).find("section", id="every-feature")
    assert isinstance(section, Tag)
    groups = [rubric.get_text() for rubric in section.select("p.releases-feature-group")]
    assert groups == ["General", "Stabilized APIs", "acme.admin"]
    assert len(section.select("li.releases-feature")) == 6
