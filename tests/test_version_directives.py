"""Sphinx's version directives link to releases; ``feature-list :with-changes:`` lists them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from tests.conftest import build, outputs, rewrite, same_site, warnings_of


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def labels(page: BeautifulSoup) -> list[tuple[str, str | None]]:
    """Each version directive's label text, and where its link (if any) leads."""
    found = []
    for label in page.select("span.versionmodified"):
        link = label.select_one("a")
        found.append((label.get_text(), str(link["href"]) if isinstance(link, Tag) else None))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Any:
    srcdir = tmp_path_factory.mktemp("versionlinks") / "src"
    shutil.copytree(rootdir / "test-versionlinks", srcdir)
    return build(SphinxTestApp, srcdir, confoverrides={"nitpicky": True})


def test_builds_without_warnings(site: Any) -> None:
    assert warnings_of(site) == []


def test_rst_version_directives_link_to_the_release(site: Any) -> None:
    assert labels(soup(site, "api.html")) == [
        # x.y: the x.y.0 final
        ("Added in version 2.0.", "notes/2.0.0.html#release-2-0-0"),
        # x.y without a final: the first release of the series in PEP 440 order (b1, not b2)
        ("Changed in version 2.1: ", "notes/2.1.0b1.html#release-2-1-0b1"),
        # any other version: that release
        ("Deprecated since version 2.0.0a1: ", "notes/2.0.0a1.html#release-2-0-0a1"),
        # nothing announces 9.9 or 2.0.5; 3.0 is another product's; "next" is no version
        ("Removed in version 9.9: ", None),
        ("Added in version 2.0.5.", None),
        ("Changed in version 3.0: ", None),
        ("Added in version next.", None),
        # 1.9.4 is not where 1.9 changed: only x.y.0 and its pre-releases stand for x.y
        ("Added in version 1.9: ", None),
    ]
    link = soup(site, "api.html").select_one("span.versionmodified a")
    assert link is not None
    assert link["title"] == "Gadget 2.0.0 (final)"  # as the release role's links have it
    assert link.get_text() == "2.0"  # the version as the directive writes it


def test_myst_version_directives_link_to_the_release(site: Any) -> None:
    assert labels(soup(site, "guide.html")) == [
        ("Added in version 2.0: ", "notes/2.0.0.html#release-2-0-0"),
        ("Changed in version 2.1.", "notes/2.1.0b1.html#release-2-1-0b1"),
    ]


def test_the_rest_of_the_directive_is_unchanged(site: Any) -> None:
    block = soup(site, "api.html").select("div.versionchanged")[0]
    assert block.get_text(" ", strip=True) == "Changed in version 2.1 : The speed argument."
    assert block.select_one("em") is not None


@pytest.mark.parametrize(
    ("builder", "page", "href"),
    [
        ("dirhtml", "api/index.html", "../notes/2.0.0/#release-2-0-0"),
        # Sphinx 8 writes "#release-2-0-0", Sphinx 9 "#document-notes/2.0.0#release-2-0-0", as
        # for its own cross-references: the anchor is what counts
        ("singlehtml", "index.html", "#release-2-0-0"),
    ],
)
def test_links_in_other_html_builders(
    make_app: Any, project: Callable[[str], Path], builder: str, page: str, href: str
) -> None:
    app = build(make_app, project("versionlinks"), builder)
    assert warnings_of(app) == []
    html = soup(app, page)
    found = labels(html)
    assert found[0][0] == "Added in version 2.0."
    assert found[0][1] is not None and found[0][1].endswith(href)
    assert ("Removed in version 9.9: ", None) in found
    if builder == "singlehtml":
        assert html.find(id="release-2-0-0") is not None


def latex(make_app: Any, project: Callable[[str], Path]) -> str:
    app = build(make_app, project("versionlinks"), "latex")
    assert warnings_of(app) == []
    (tex,) = outputs(Path(app.outdir), (".tex",)).values()
    return str(tex)


def test_links_in_latex(make_app: Any, project: Callable[[str], Path]) -> None:
    tex = latex(make_app, project)
    link = r"\hyperref[\detokenize{notes/2.0.0:release-2-0-0}]"
    api, guide = tex.split(r"\label{\detokenize{guide:guide}}")
    assert f"Added in version {{{link}" in api  # reST
    assert f"Added in version {{{link}" in guide  # MyST
    assert r"Changed in version {\hyperref[\detokenize{notes/2.1.0b1:release-2-1-0b1}]" in tex
    removed = next(line for line in tex.splitlines() if "Removed in version 9.9: " in line)
    assert r"\hyperref" not in removed  # no link


def test_release_anchors_have_latex_labels(make_app: Any, project: Callable[[str], Path]) -> None:
    assert r"\label{\detokenize{notes/2.0.0:release-2-0-0}}" in latex(make_app, project)


@pytest.mark.parametrize(("builder", "suffix"), [("text", ".txt"), ("man", ".1")])
def test_builders_without_links_keep_the_text(
    make_app: Any, project: Callable[[str], Path], builder: str, suffix: str
) -> None:
    app = build(make_app, project("versionlinks"), builder)
    assert warnings_of(app) == []
    written = "\n".join(outputs(Path(app.outdir), (suffix,)).values())
    assert "Added in version 2.0." in written
    assert "Changed in version 2.1: The" in written.replace("\n", " ").replace("*", "")


def test_the_setting_turns_the_links_off(make_app: Any, project: Callable[[str], Path]) -> None:
    app = build(
        make_app,
        project("versionlinks"),
        confoverrides={"releases_link_version_directives": False, "nitpicky": True},
    )
    assert warnings_of(app) == []
    assert [href for _text, href in labels(soup(app, "api.html"))] == [None] * 8
    assert labels(soup(app, "guide.html")) == [
        ("Added in version 2.0: ", None),
        ("Changed in version 2.1.", None),
    ]


# -- feature-list :with-changes: ----------------------------------------------------------------


def changes(page: BeautifulSoup) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each rubric of documented changes, with its entries' text and link."""
    found = []
    for rubric in page.select("p.releases-changes-group"):
        items = rubric.find_next_sibling("ul")
        assert isinstance(items, Tag) and "releases-changes" in items["class"]
        entries = [
            (li.get_text(" ", strip=True), str(li.select_one("a")["href"]))  # type: ignore[index]
            for li in items.select("li.releases-change")
        ]
        found.append((rubric.get_text(), entries))
    return found


def test_feature_list_with_changes(site: Any) -> None:
    page = soup(site, "changes.html")
    assert changes(page) == [
        (
            "Documented changes in Gadget 2.1.0b1",
            [
                (
                    "spin : Changed in version 2.1: The speed argument.",
                    "api.html#versionchanged-2-1",
                ),
                ("Guide : Changed in version 2.1.", "guide.html#versionchanged-2-1"),
            ],
        ),
        (
            "Documented changes in Gadget 2.0.0",
            [
                ("spin : Added in version 2.0.", "api.html#versionadded-2-0"),
                ("Guide : Added in version 2.0: The guide.", "guide.html#versionadded-2-0"),
            ],
        ),
        (
            "Documented changes in Gadget 2.0.0a1",
            [
                (
                    "API : Deprecated since version 2.0.0a1: Use whirl instead.",
                    "api.html#deprecated-2-0-0a1",
                )
            ],
        ),
    ]
    # the features are still there, and the second list (Widget's, no changes) adds nothing
    assert len(page.select("li.releases-feature")) == 5
    assert len(page.select("ul.releases-features")) == 5


def test_change_links_lead_to_the_directive(site: Any) -> None:
    for _rubric, entries in changes(soup(site, "changes.html")):
        for _text, href in entries:
            name, anchor = href.split("#")
            target = soup(site, name).find(id=anchor)
            assert target is not None, href
            following = target.find_next_sibling()
            assert following is not None and following.name == "div", href
            assert following.select_one("span.versionmodified") is not None, href


def test_without_the_option_no_changes_are_listed(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("versionlinks")
    rewrite(srcdir / "changes.rst", "Changes\n=======\n\n.. feature-list::\n")
    app = build(make_app, srcdir)
    assert warnings_of(app) == []
    page = soup(app, "changes.html")
    assert page.select(".releases-changes-group, .releases-changes") == []
    assert page.select("li.releases-feature")


def test_changes_in_latex(make_app: Any, project: Callable[[str], Path]) -> None:
    tex = latex(make_app, project)
    assert "Documented changes in Gadget 2.0.0}" in tex
    assert r"\label{\detokenize{api:versionadded-2-0}}" in tex
    assert r"{\hyperref[\detokenize{api:versionadded-2-0}]" in tex


# -- incremental and parallel builds --------------------------------------------------------------


def test_incremental_builds_follow_the_docs_and_the_notes(
    make_app: Any, project: Callable[..., Path]
) -> None:
    srcdir = project("versionlinks", "incremental")
    build(make_app, srcdir)
    # a new version directive elsewhere: the list of changes follows
    guide = srcdir / "guide.md"
    rewrite(guide, guide.read_text() + "\n```{deprecated} 2.0\nUse the manual.\n```\n")
    app = build(make_app, srcdir)
    assert "Deprecated since version 2.0: Use the manual." in soup(app, "changes.html").get_text()
    # the final goes away: 2.0 now names the series' first release, its alpha
    (srcdir / "notes" / "2.0.0.md").unlink()
    app = build(make_app, srcdir)
    assert ("Added in version 2.0.", "notes/2.0.0a1.html#release-2-0-0a1") in labels(
        soup(app, "api.html")
    )
    fresh_dir = project("versionlinks", "fresh")
    shutil.rmtree(fresh_dir)
    shutil.copytree(srcdir, fresh_dir, ignore=shutil.ignore_patterns("_build"))
    fresh = build(make_app, fresh_dir)
    same_site(Path(srcdir / "_build" / "html"), Path(fresh.outdir))


def test_parallel_equals_serial(make_app: Any, project: Callable[..., Path]) -> None:
    serial = build(make_app, project("versionlinks", "serial"))
    parallel = build(make_app, project("versionlinks", "parallel"), parallel=2)
    assert warnings_of(parallel) == []
    assert outputs(Path(parallel.outdir)) == outputs(Path(serial.outdir))


def test_the_rubric_is_in_the_projects_language(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    app = build(make_app, project("versionlinks"), confoverrides={"language": "de"})
    rubrics = [r.get_text() for r in soup(app, "changes.html").select("p.releases-changes-group")]
    assert rubrics[0] == "Dokumentierte Änderungen in Gadget 2.1.0b1"
