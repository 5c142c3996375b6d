"""Several products in one collection: releases are a product and a version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from tests.conftest import build, warnings_of

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Any:
    srcdir = tmp_path_factory.mktemp("products") / "src"
    shutil.copytree(rootdir / "test-products", srcdir)
    return build(SphinxTestApp, srcdir, confoverrides={"nitpicky": True})


def soup(app: Any, page: str = "index.html") -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def test_the_same_version_of_two_products_is_no_duplicate(site: Any) -> None:
    assert warnings_of(site) == []


def test_the_index_groups_by_product(site: Any) -> None:
    page = soup(site)
    section = page.find("section", id="gizmo-and-friends")
    # the project's product first, then the others by name
    rubrics = section.select("p.rubric.releases-product")
    groups = [r.get_text() for r in rubrics if r.find_parent("section") is section]
    assert groups == ["Gizmo 4.2", "Gizmo 1.3", "Gizmo 1.2", "gizmo-regex 1.9", "Gizmoup 1.2"]
    rows = [
        tr.select_one("td").get_text(" ", strip=True)
        for tr in section.select("table.releases-index tbody tr")
    ]
    # versions as the notes write them; the note without a product is the project's
    assert rows == ["4.2 final", "1.3.0 final", "1.2.0 final", "1.9 final", "1.2.0 final"]


def test_product_filter(site: Any) -> None:
    section = soup(site).find("section", id="installer-only")
    items = [li.get_text(" ", strip=True) for li in section.select("li")]
    assert items == ["1.2.0 final — 2040-03-02"]
    assert section.select_one("li a")["href"] == "notes/gizmoup-1.2.0.html#release-1-2-0"
    assert not section.select("p.releases-product")  # one product selected: no grouping
    features = soup(site).find("section", id="features-of-gizmo")
    texts = [li.get_text(" ", strip=True) for li in features.select("li")]
    assert texts == [  # oldest first; all of one product, so the badges need not name it
        "A new scheduler. 1.2.0 · final",
        "Colour output for the logs. 4.2 · final",
    ]


def test_release_role_with_and_without_product(site: Any) -> None:
    links = soup(site).find("section", id="links").select("a.reference")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("1.2.0", "notes/gizmo-1.2.0.html#release-1-2-0"),
        ("gizmoup 1.2.0", "notes/gizmoup-1.2.0.html#release-1-2-0"),
        ("4.2", "notes/gizmo-4.2.html#release-4-2-0"),
        ("Gizmo 4.2.0", "notes/gizmo-4.2.html#release-4-2-0"),
        ("1.9", "notes/regex-1.9.html#release-1-9-0"),
    ]
    assert links[1]["title"] == "Gizmoup 1.2.0 (final)"


def test_releases_json_carries_product_and_spelling(site: Any) -> None:
    data = json.loads(Path(site.outdir, "releases.json").read_text("utf-8"))
    releases = {
        Path(a["source"]).name: [
            (r["product"], r["version"], r["written"], r["url"]) for r in a["releases"]
        ]
        for a in data["announcements"]
    }
    assert releases == {
        "gizmo-1.2.0.md": [("Gizmo", "1.2.0", "1.2.0", "notes/gizmo-1.2.0.html#release-1-2-0")],
        "gizmo-4.2.rst": [("Gizmo", "4.2.0", "4.2", "notes/gizmo-4.2.html#release-4-2-0")],
        "gizmoup-1.2.0.md": [
            ("Gizmoup", "1.2.0", "1.2.0", "notes/gizmoup-1.2.0.html#release-1-2-0")
        ],
        "plain-1.3.0.md": [("Gizmo", "1.3.0", "1.3.0", "notes/plain-1.3.0.html#release-1-3-0")],
        "regex-1.9.md": [("gizmo-regex", "1.9.0", "1.9", "notes/regex-1.9.html#release-1-9-0")],
    }


def test_feeds_carry_product(site: Any) -> None:
    root = ET.parse(Path(site.outdir, "releases.atom")).getroot()
    terms = {
        e.findtext(f"{A}title"): [c.get("label") for c in e.findall(f"{A}category")]
        for e in root.findall(f"{A}entry")
    }
    assert terms["gizmo-regex 1.9"] == ["phase final", "series 1.9", "product gizmo-regex"]
    only = ET.parse(Path(site.outdir, "gizmoup.atom")).getroot()
    assert [e.findtext(f"{A}title") for e in only.findall(f"{A}entry")] == [
        "Gizmoup 1.2.0 released"
    ]


def test_text_builder_names_the_groups(tmp_path: Path, rootdir: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-products", srcdir)
    app = build(SphinxTestApp, srcdir, builder="text")
    text = Path(app.outdir, "index.txt").read_text("utf-8")
    order = [
        text.index(f"-[ {name} ]-") for name in ("Gizmo 4.2", "gizmo-regex 1.9", "Gizmoup 1.2")
    ]
    assert order == sorted(order)
    assert "| 4.2 final |" in text


def test_an_ambiguous_version_warns(tmp_path: Path, rootdir: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-products", srcdir)
    (srcdir / "notes" / "regex-1.2.0.md").write_text(
        "---\ntitle: gizmo-regex 1.2.0 is out\ndate: 2024-05-02\n---\n\nText.\n", encoding="utf-8"
    )
    (srcdir / "notes" / "gizmo-1.2.0.md").unlink()
    (srcdir / "index.rst").write_text(
        "Index\n=====\n\n.. release-index::\n   :toctree:\n\nSee :release:`1.2.0`.\n",
        encoding="utf-8",
    )
    app = build(SphinxTestApp, srcdir)
    warnings = warnings_of(app)
    assert len(warnings) == 1
    assert (
        "release '1.2.0' is a version of several products (gizmo-regex, Gizmoup); name one, "
        "such as 'gizmo-regex 1.2.0' [releases.reference]"
    ) in warnings[0]


def test_a_duplicate_of_the_same_product_still_warns(tmp_path: Path, rootdir: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-products", srcdir)
    (srcdir / "notes" / "again.md").write_text(
        "---\ntitle: gizmoup 1.2.0 is out, again\n---\n\nText.\n", encoding="utf-8"
    )
    app = build(SphinxTestApp, srcdir)
    assert any(
        "1.2.0 is also announced by" in w and "[releases.duplicate]" in w for w in warnings_of(app)
    )


def test_a_list_index_has_a_rubric_per_product(site: Any) -> None:
    section = soup(site).find("section", id="lists-per-product")
    assert [r.get_text() for r in section.select("p.rubric.releases-product")] == [
        "Gizmo",
        "gizmo-regex",
        "Gizmoup",
    ]
    assert [len(ul.select("li")) for ul in section.select("ul.releases-index")] == [3, 1, 1]


def test_the_default_product_is_configurable(tmp_path: Path, rootdir: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-products", srcdir)
    app = build(SphinxTestApp, srcdir, confoverrides={"releases_product": "Gizmoup"})
    assert warnings_of(app) == []
    data = json.loads(Path(app.outdir, "releases.json").read_text("utf-8"))
    products = {
        Path(a["source"]).name: [r["product"] for r in a["releases"]] for a in data["announcements"]
    }
    assert products["plain-1.3.0.md"] == ["Gizmoup"]
    links = soup(app).find("section", id="links").select("a.reference")
    assert links[0]["href"] == "notes/gizmoup-1.2.0.html#release-1-2-0"  # bare: the default's
    groups = soup(app).find("section", id="lists-per-product").select("p.rubric")
    assert [g.get_text() for g in groups] == ["Gizmoup", "Gizmo", "gizmo-regex"]
