"""Note pages, the ``release`` directive, badges, PEP references and the releases domain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.conftest import release_inventory, warnings_of


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def basic(make_app: Any, tmp_path: Path, rootdir: Path) -> Any:
    import shutil

    srcdir = tmp_path / "basic"
    shutil.copytree(rootdir / "test-basic", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"nitpicky": True})
    app.build()
    return app


def test_build_is_clean(basic: Any) -> None:
    assert warnings_of(basic) == []


def test_note_page_takes_the_announcement_title(basic: Any) -> None:
    page = soup(basic, "notes/4.2.0a1.html")
    assert page.select_one("h1").get_text().rstrip("¶") == "Python 4.2.0 alpha 1 is out"
    # the body's own first heading is nested under the announcement title
    assert page.select_one("h2").get_text().startswith("Major new features of the 4.2 series")
    assert page.title.get_text().startswith("Python 4.2.0 alpha 1 is out")


def test_note_page_keeps_its_metadata(basic: Any) -> None:
    metadata = basic.env.metadata["notes/4.2.0a1"]
    assert metadata["author"] == "Ada Example"


def test_badges_and_byline(basic: Any) -> None:
    page = soup(basic, "notes/4.2.0a1.html")
    badge = page.select_one("span.releases-badge")
    assert badge.get_text() == "alpha 1"
    assert {"sd-badge", "sd-bg-danger", "sd-bg-text-danger", "releases-phase-alpha"} <= set(
        badge["class"]
    )
    assert badge["id"] == "release-4-2-0a1"
    assert page.select_one("p.releases-byline").get_text() == "2031-10-21 · Ada Example"


def test_multi_release_note_has_a_badge_per_release(basic: Any) -> None:
    page = soup(basic, "notes/multi.html")
    texts = [b.get_text() for b in page.select("span.releases-badge")]
    assert texts == ["4.1.3 · final", "4.0.9 · final", "4.2.0a3 · alpha 3"]
    phases = [b["class"][-1] for b in page.select("span.releases-badge")]
    assert phases == ["releases-phase-final", "releases-phase-final", "releases-phase-alpha"]


def test_rst_note_page(basic: Any) -> None:
    page = soup(basic, "notes/4.2.0b1.html")
    assert page.select_one("h1").get_text().rstrip("¶") == "Python 4.2.0 beta 1 is available"
    assert page.select_one("span.releases-badge").get_text() == "beta 1"
    assert page.select_one("p.releases-byline").get_text() == "2032-01-12 · Bea Example"


def test_non_release_note_has_no_badge(basic: Any) -> None:
    page = soup(basic, "notes/sprint.html")
    assert page.select("span.releases-badge") == []
    assert page.select_one("p.releases-byline").get_text() == "2031-12-01 · Cy Example"


def test_pep_mentions_and_links_become_pep_references(basic: Any) -> None:
    page = soup(basic, "notes/4.2.0a1.html")
    peps = {a["href"]: a.get_text() for a in page.select("a.pep")}
    assert peps == {
        "https://peps.python.org/pep-9101/": "PEP 9101",
        "https://peps.python.org/pep-9100/": "PEP 9100",
    }
    # each has the index target that the :pep: role gives
    for link in page.select("a.pep"):
        assert link.find_previous_sibling("span", class_="target")["id"].startswith("index-")
    genindex = (Path(basic.outdir) / "genindex.html").read_text(encoding="utf-8")
    assert "PEP 9101" in genindex


def test_pep_text_in_code_is_left_alone(basic: Any) -> None:
    page = soup(basic, "notes/4.2.0a2.html")
    stub = next(code for code in page.select("code") if "PEP 9999" in code.get_text())
    assert stub.find("a") is None
    assert stub.find_parent("a") is None
    assert "pep-9999" not in str(page)


def test_pep_lists_link_each_number(basic: Any) -> None:
    page = soup(basic, "notes/4.2.0a2.html")
    hrefs = [a["href"] for a in page.select("a.pep")]
    assert "https://peps.python.org/pep-9102/" in hrefs
    assert "https://peps.python.org/pep-9103/" in hrefs


def test_legacy_pep_urls_are_rewritten(basic: Any) -> None:
    page = soup(basic, "index.html")
    hrefs = [a["href"] for a in page.select("a.pep")]
    assert "https://peps.python.org/pep-9104/" in hrefs
    assert not any("dev/peps" in a["href"] for a in page.select("a"))


def test_release_directive_embeds_the_body(basic: Any) -> None:
    page = soup(basic, "index.html")
    section = page.select_one("section.releases-release")
    assert section.select_one("h3").get_text().rstrip("¶") == (
        "Python 4.2.0 release candidate 1 is out"
    )
    assert section.select_one("span.releases-badge").get_text() == "rc 1"
    headings = [h.get_text().rstrip("¶") for h in section.select("h5")]
    assert headings == ["New features", "Deprecations"]
    assert "The first candidate for 4.2.0 is ready." in section.get_text()


def test_summary_shows_only_the_features(basic: Any) -> None:
    page = soup(basic, "embedded.html")
    summary = page.select("section.releases-release")[0]
    items = [li.get_text() for li in summary.select("ul.releases-features > li")]
    assert len(items) == 3
    assert items[0].startswith("Pattern matching learned a new case ... if shorthand")
    assert summary.select_one("ul.releases-features code").get_text() == "case ... if"
    assert "The first candidate" not in summary.get_text()


def test_no_title_option(basic: Any) -> None:
    page = soup(basic, "embedded.html")
    section = page.find("section", id="by-file-without-a-title")
    assert section.select_one("span.releases-badge").get_text() == "rc 1"
    assert [h.get_text().rstrip("¶") for h in section.select("h2, h3")] == [
        "By file, without a title",
        "Major new features of the 4.2 series, compared to 4.1",
        "More resources",
    ]


def test_release_inside_a_list_uses_rubrics(basic: Any) -> None:
    page = soup(basic, "embedded.html")
    item = page.find("section", id="in-a-list").select_one("li")
    assert item.select_one("p.rubric").get_text() == "Python 4.2.0 alpha 2 is out"
    assert item.select("section") == []


def test_myst_host_page(basic: Any) -> None:
    page = soup(basic, "myst.html")
    section = page.select_one("section.releases-release")
    assert section.select_one("h2").get_text().rstrip("¶") == "Python 4.2.0 beta 1 is available"
    assert section.select_one("span.releases-badge").get_text() == "beta 1"
    # the reST note's markup was parsed as reST although the host page is Markdown
    assert section.select_one("code").get_text() == "case ... if"
    assert "```" not in page.get_text()
    link = page.select_one("a.reference.internal[title='4.2.0a2 (alpha 2)']")
    assert link["href"] == "notes/4.2.0a2.html#release-4-2-0a2"


def test_release_role_links_to_the_canonical_place(basic: Any) -> None:
    page = soup(basic, "index.html")
    links = {a.get_text(): a for a in page.select("a.reference.internal") if a.find("code")}
    assert links["4.2.0a1"]["href"] == "notes/4.2.0a1.html#release-4-2-0a1"
    assert links["4.2.0a1"]["title"] == "4.2.0a1 (alpha 1)"
    # rc1 is embedded three times; its one target is the first document by name
    assert links["4.2.0rc1"]["href"] == "embedded.html#release-4-2-0rc1"


def test_releases_are_in_the_inventory(basic: Any) -> None:
    releases = release_inventory(basic.outdir)
    assert set(releases) == {
        "4.0.9",
        "4.1.3",
        "4.2.0a1",
        "4.2.0a2",
        "4.2.0a3",
        "4.2.0b1",
        "4.2.0rc1",
    }
    assert releases["4.2.0a3"] == "https://example.org/notes/multi.html#release-4-2-0a3"


def test_releases_are_in_the_search_index(basic: Any) -> None:
    text = (Path(basic.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert index["objnames"]["0"] == ["releases", "release", "Releases release"]
    anchors = {entry[3] for entries in index["objects"].values() for entry in entries}
    assert {"release-4-2-0b1", "release-4-2-0a3"} <= anchors


def test_no_title_release_inside_an_admonition_uses_rubrics(basic: Any) -> None:
    page = soup(basic, "admonition.html")
    note = page.select_one("div.admonition")
    assert note.select("section") == []
    rubrics = [r.get_text() for r in note.select("p.rubric")]
    assert rubrics == ["Major new features of the 4.2 series, compared to 4.1", "More resources"]
    assert note.select_one("span.releases-badge").get_text() == "alpha 1"


def test_embedded_note_keeps_its_own_links_and_footnotes(basic: Any) -> None:
    page = soup(basic, "myst.html")
    section = page.select_one("section.releases-release")
    assert section.find("a", string="tracker")["href"] == "https://example.org/tracker"
    footnote_ref = section.select_one("a.footnote-reference")
    target = footnote_ref["href"].lstrip("#")
    assert (
        page.find(id=target)
        .get_text(" ", strip=True)
        .endswith("Until the first release candidate.")
    )
    assert "problematic" not in str(section)
