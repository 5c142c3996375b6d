"""The documentation site: it builds warning-free, its demo renders, and its generated
references list every configuration value and warning subtype of the extension."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import sphinx
from bs4 import BeautifulSoup
from sphinx.errors import SphinxWarning
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_releases.config import OPTIONS, PREFIX
from sphinxcontrib_releases.reader import read_note
from sphinxcontrib_releases.warnings_ import WarningType
from tests.conftest import warnings_of

DOCS = Path(__file__).parents[1] / "docs"
DEMO_NOTES = sorted((DOCS / "demo" / "notes").glob("*.md"))
EXAMPLES = sorted(p.stem for p in (DOCS / "examples").glob("*.rst"))

#: The theme is the docs extra's (furo); the suite runs without that extra, and what is checked
#: here does not depend on the theme.
THEME = {"html_theme": "alabaster", "nitpicky": True}


def _build(srcdir: Path, outdir: Path, **overrides: Any) -> SphinxTestApp:
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=outdir,
        confoverrides={**THEME, **overrides},
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The docs, built once for this module (into a temporary folder, not into docs/)."""
    yield _build(DOCS, tmp_path_factory.mktemp("docs-build"))


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    html = (Path(app.outdir) / name).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_docs_build_without_warnings(site: SphinxTestApp) -> None:
    assert warnings_of(site) == []


def test_demo_note_pages_have_badges(site: SphinxTestApp) -> None:
    assert len(DEMO_NOTES) >= 15
    for path in DEMO_NOTES:
        note = read_note(path)
        output = Path(site.outdir) / "demo" / "notes" / f"{path.stem}.html"
        if not note.published:  # drafts are left out of the build, page included
            assert not output.exists(), path.name
            continue
        badges = page(site, f"demo/notes/{path.stem}.html").select("span.releases-badge")
        assert len(badges) == len(note.releases), path.name


def test_demo_covers_a_whole_cycle(site: SphinxTestApp) -> None:
    notes = [read_note(path) for path in DEMO_NOTES]
    phases = [r.phase.value for n in notes if n.published for r in n.releases]
    assert {"alpha", "beta", "rc", "final"} <= set(phases)
    assert any(len(n.releases) > 1 for n in notes), "a note announcing several releases"
    assert sum(1 for n in notes if n.published and not n.releases) >= 2, "notes announcing none"


def test_demo_index_embeds_a_release_summary(site: SphinxTestApp) -> None:
    index = page(site, "demo/index.html")
    assert index.select("span.releases-badge")
    assert index.select("ul.releases-features li")


def test_demo_shows_planned_rows_slips_and_the_calendar(site: SphinxTestApp) -> None:
    index = page(site, "demo/index.html")
    planned = index.select("table.releases-index tr.releases-upcoming")
    assert [[td.get_text(" ", strip=True) for td in tr.select("td")][:2] for tr in planned] == [
        ["3.13.4 planned", "2025-06-03"]  # releases_today is 2025-05-01 in docs/conf.py
    ]
    series = index.select_one("table.releases-series tbody tr")
    cells = [td.get_text(" ", strip=True) for td in series.select("td")]
    assert cells[2:4] == [
        "3.13.0b1 2024-05-08 planned 2024-05-07",
        "3.13.0rc1 2024-08-01 planned 2024-07-30",
    ]
    (link,) = index.select('link[rel=alternate][type="text/calendar"]')
    assert link["href"] == "../releases.ics"
    calendar = (Path(site.outdir) / "releases.ics").read_text(encoding="utf-8")
    assert "UID:python-3.13.4@sphinxcontrib-releases.readthedocs.io" in calendar
    assert "DTSTAMP:20250501T000000Z" in calendar


def test_the_demo_has_a_page_in_german(site: SphinxTestApp) -> None:
    """The German demo (docs/demo-de, a project of its own) is built into de/ of the site, its
    labels and dates in German, and the English pages link to it."""
    german = page(site, "de/index.html")
    assert german.html["lang"] == "de"
    headers = [th.get_text(strip=True) for th in german.select("table.releases-series thead th")]
    assert headers[:3] == ["Reihe", "Erste Alpha", "Erste Beta"]  # Series, First alpha, ...
    headers = [th.get_text(strip=True) for th in german.select("table.releases-index thead th")]
    assert headers[:2] == ["Version", "Datum"]
    bylines = [p.get_text(" ", strip=True) for p in german.select("p.releases-byline")]
    assert "7. Oktober 2024 · The demo release team" in bylines  # 3.13.0, a month named
    badges = {b.get_text() for b in german.select(".releases-badge")}
    assert {"Alpha 1", "Beta 1", "RC 1", "Final", "geplant"} <= badges
    for name, link in (
        ("translations.html", "de/index.html"),
        ("demo/index.html", "../de/index.html"),
    ):
        (anchor,) = page(site, name).select("a.releases-docs-site-link")
        assert anchor["href"] == link, name
        assert (Path(site.outdir) / name).parent.joinpath(link).resolve() == (
            Path(site.outdir) / "de" / "index.html"
        ).resolve()


def test_warnings_of_a_subproject_are_warnings_of_the_site(tmp_path: Path) -> None:
    """A subproject's warnings reach the site's build, at their location, and fail it under
    ``-W``; the site links to the subproject's page as the builder lays pages out."""
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(DOCS / '_ext')!r})\n"
        'extensions = ["releases_docs"]\n'
        'exclude_patterns = ["sub"]\n'
        'docs_subprojects = {"inner": "sub"}\n',
        encoding="utf-8",
    )
    (src / "index.rst").write_text(
        "Outer\n=====\n\nSee :releases-site-link:`the inner page <inner/index.html>`.\n",
        encoding="utf-8",
    )
    (src / "sub" / "conf.py").write_text('project = "Inner"\n', encoding="utf-8")
    (src / "sub" / "index.rst").write_text(
        "Inner\n=====\n\nSee :doc:`nowhere`.\n", encoding="utf-8"
    )
    for builder in ("html", "dirhtml"):
        app = SphinxTestApp(
            builder,
            srcdir=src,
            builddir=tmp_path / "build",
            confoverrides={"html_theme": "alabaster"},
            status=StringIO(),
            warning=StringIO(),
            warningiserror=True,
        )
        where = f"{src / 'sub' / 'index.rst'}:4"
        try:
            if sphinx.version_info[:2] < (8, 1):  # -W stops at the first warning
                with pytest.raises(SphinxWarning, match=f"{re.escape(where)}:unknown document"):
                    app.build()
            else:
                app.build()
        finally:
            app.cleanup()
        if sphinx.version_info[:2] >= (8, 1):  # -W reports every warning, then fails
            (warning,) = warnings_of(app)
            assert f"{where}: WARNING: unknown document: 'nowhere'" in warning
            assert app.statuscode == 1, builder
        outer = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
        assert outer.select_one("a.releases-docs-site-link")["href"] == "inner/index.html"
        assert (Path(app.outdir) / "inner" / "index.html").is_file()
        assert (Path(app.doctreedir) / "inner" / "index.doctree").is_file()


def test_config_table_lists_every_option(site: SphinxTestApp) -> None:
    rows = page(site, "configuration.html").select("table.releases-config-table tbody tr")
    assert [row["id"] for row in rows] == [f"confval-{PREFIX}{o.name}" for o in OPTIONS]
    for row, option in zip(rows, OPTIONS, strict=True):
        assert row.select_one("code").get_text() == PREFIX + option.name
        help_words = option.metadata["help"].replace("``", "").split()
        rendered = row.find_all("td")[-1].get_text().replace("\u2019", "'")  # smart quotes
        assert rendered.split() == help_words


def test_warnings_table_lists_every_subtype(site: SphinxTestApp) -> None:
    rows = page(site, "warnings.html").select("table.releases-warnings-table tbody tr")
    assert [row.select_one("code").get_text() for row in rows] == [
        f"releases.{member.value}" for member in WarningType
    ]


def test_sources_table_lists_every_source_and_each_is_explained(site: SphinxTestApp) -> None:
    from sphinxcontrib_releases.sources import SOURCES

    notes = page(site, "notes.html")
    rows = notes.select("table.releases-sources tbody tr")
    assert [row.select_one("code").get_text() for row in rows] == list(SOURCES)
    for row, sources in zip(rows, SOURCES.values(), strict=True):
        assert [b.get_text() for b in row.select("strong")] == [o for o, _ in sources]
    terms = {dt.get_text().strip() for dt in notes.select("dl dt")}
    assert {origin for sources in SOURCES.values() for origin, _ in sources} <= terms


def test_json_page_documents_every_key(site: SphinxTestApp) -> None:
    documented = {
        code.get_text()
        for table in page(site, "json.html").select("table")
        for row in table.select("tbody tr")
        for code in row.select("td:first-child code")
    }
    note = read_note(DOCS / "examples" / "notes" / "features.md").to_json()
    keys = set(note) | set(note["releases"][0]) | set(note["features"][0])
    broken = read_note(DOCS / "examples" / "notes" / "broken.md").to_json()
    keys |= set(broken["warnings"][0])
    assert keys <= documented


def test_confval_references_resolve(site: SphinxTestApp) -> None:
    links = page(site, "notes.html").select('a[href^="configuration.html#confval-"]')
    assert {a["href"].split("#")[1] for a in links} >= {"confval-releases_include_drafts"}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The docs' directive examples, each rendered from its reST and from its MyST source."""
    src = tmp_path_factory.mktemp("examples-src")
    shutil.copytree(DOCS / "demo" / "notes", src / "demo" / "notes")
    shutil.copy(DOCS / "demo" / "CHANGES.md", src / "demo" / "CHANGES.md")
    shutil.copytree(DOCS / "examples", src / "examples")
    (src / "conf.py").write_text(
        'project = "Python"\n'  # the demo's product, as releases_product makes it in the docs
        'extensions = ["sphinxcontrib_releases", "myst_parser"]\n'
        'releases_notes = ["demo/notes/*.md", "demo/CHANGES.md"]\n'
        'exclude_patterns = ["examples"]\n'
        'html_baseurl = "https://example.org/"\n',
        encoding="utf-8",
    )
    (src / "index.rst").write_text(
        "Examples\n========\n\n.. toctree::\n   :glob:\n\n   rst\n   myst\n   demo/notes/*\n"
        "   demo/CHANGES\n",
        encoding="utf-8",
    )
    rst = ["From reST", "=========", ""]
    myst = ["# From MyST", ""]
    for name in EXAMPLES:
        rst += [name, "-" * len(name), "", f".. include:: examples/{name}.rst", ""]
        myst += [f"## {name}", "", f"```{{include}} examples/{name}.md", "```", ""]
    (src / "rst.rst").write_text("\n".join(rst), encoding="utf-8")
    (src / "myst.md").write_text("\n".join(myst), encoding="utf-8")
    return _build(src, tmp_path_factory.mktemp("examples-build"))


def test_every_example_has_both_syntaxes() -> None:
    assert EXAMPLES
    assert sorted(p.stem for p in (DOCS / "examples").glob("*.md")) == EXAMPLES


def test_rst_and_myst_examples_render_alike(examples: SphinxTestApp) -> None:
    assert warnings_of(examples) == []

    def sections(name: str) -> dict[str, str]:
        top = page(examples, name).select_one("[role=main] > section")
        found = {}
        for section in top.find_all("section", recursive=False):
            title = section.find("h2").get_text().rstrip("¶")
            found[title] = " ".join(section.get_text(" ").replace("¶", "").split())
        return found

    from_rst, from_myst = sections("rst.html"), sections("myst.html")
    assert sorted(from_rst) == EXAMPLES
    assert from_rst == from_myst
    for name in EXAMPLES:
        badges = page(examples, "rst.html").select(f"section#{name} span.releases-badge")
        assert badges or name in {"role", "version-directives"}, name


def test_version_directive_examples_link_to_the_demo(examples: SphinxTestApp) -> None:
    for name in ("rst.html", "myst.html"):
        section = page(examples, name).select_one("section#version-directives")
        assert section is not None, name
        links = [
            (label.get_text(), [a["href"] for a in label.select("a")])
            for label in section.select("span.versionmodified")
        ]
        assert links == [
            (
                "Added in version 3.13: ",
                ["demo/notes/2024-10-07-python-3-13-0.html#release-3-13-0"],
            ),
            (
                "Deprecated since version 3.13.0b1: ",
                ["demo/notes/2024-05-08-python-3-13-0b1.html#release-3-13-0b1"],
            ),
            ("Changed in version 3.12: ", []),
        ], name


def test_demo_changelog_is_a_page_with_a_badge_per_section(site: SphinxTestApp) -> None:
    from sphinxcontrib_releases.reader import read_file

    sections = read_file(DOCS / "demo" / "CHANGES.md").notes
    assert len(sections) >= 5
    changes = page(site, "demo/CHANGES.html")
    for section in sections:
        found = changes.find("section", id=section.section)
        assert found is not None, section.section
        badges = [b.get_text() for b in found.find_all(class_="releases-badge", recursive=True)]
        expected = [r.label for r in section.releases]
        expected += [
            s
            for s, flag in (("unreleased", section.unreleased), ("yanked", section.yanked))
            if flag
        ]
        assert badges[: len(expected)] == expected, section.section


def test_changelogs_page_renders_its_examples(site: SphinxTestApp) -> None:
    changelogs = page(site, "changelogs.html")
    results = changelogs.select("div.releases-docs-result")
    assert len(results) == 2
    assert results[0].select_one("span.releases-badge").get_text() == "final"
    assert [r.get_text() for r in results[1].select("p.rubric")] == ["Deprecations", "Removals"]
    assert changelogs.select("table.releases-changelog-headings tbody tr")
    outputs = [block.get_text() for block in changelogs.select("pre")]
    assert any("\n  changelog: " in text for text in outputs)


# -- every MyST example, in a project configured as the quickstart says ----------------------------


def _fences(text: str) -> list[tuple[str, str]]:
    """Info and content of every fenced block, also those inside directives (tab sets)."""
    from markdown_it import MarkdownIt

    found = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence":
            continue
        found.append((token.info.strip(), token.content))
        if token.info.startswith("{"):  # a directive: its content is Markdown, after its options
            body = re.sub(r"\A(?::[\w-]+:.*\n)*", "", token.content)
            found += _fences(body)
    return found


def _quickstart() -> str:
    """The quickstart section of the docs' index page."""
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    start = text.index("(quickstart)=\n## ")
    end = re.compile(r"^#{1,2} ", re.MULTILINE).search(text, start + len("(quickstart)=\n## "))
    return text[start : end.start() if end else len(text)]


QUICKSTART_CONF = "\n".join(code for info, code in _fences(_quickstart()) if info == "python")
"""``conf.py`` as the quickstart writes it."""


def _myst_examples() -> dict[str, str]:
    """Every MyST page snippet of the docs by where it is: the Markdown blocks that use a
    directive or a role (not those that are notes, which open with front matter), and the
    MyST example files."""
    found = {}
    for path in sorted(DOCS.rglob("*.md")):
        if "_build" in path.parts or "examples" in path.parts or "demo" in path.parts:
            continue
        blocks = _fences(path.read_text(encoding="utf-8"))
        for number, (info, code) in enumerate(blocks):
            if info in ("markdown", "md", "myst") and "{" in code and not code.startswith("---"):
                found[f"{path.relative_to(DOCS).with_suffix('')}-{number}"] = code
    for path in sorted((DOCS / "examples").glob("*.md")):
        found[f"examples/{path.stem}"] = path.read_text(encoding="utf-8")
    return found


MYST_EXAMPLES = _myst_examples()


@pytest.fixture(scope="module")
def quickstart_site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """A project whose ``conf.py`` is the quickstart's, its notes the demo's (its notes, its
    changelog and the quickstart's own note) in the quickstart's folder, and a page for each
    MyST example."""
    src = tmp_path_factory.mktemp("quickstart-src")
    (src / "conf.py").write_text(QUICKSTART_CONF + "\n", encoding="utf-8")
    notes = src / "releases"
    shutil.copytree(DOCS / "demo" / "notes", notes)
    shutil.copy(DOCS / "demo" / "CHANGES.md", notes / "CHANGES.md")  # a changelog is a note too
    quickstart = _quickstart()
    note_path = re.search(r"`(releases/[\w.-]+\.md)`", quickstart)
    assert note_path is not None
    note = next(code for info, code in _fences(quickstart) if code.startswith("---"))
    (src / note_path.group(1)).write_text(note, encoding="utf-8")
    (src / "index.rst").write_text(
        "Examples\n========\n\n.. toctree::\n   :glob:\n\n   examples/*\n", encoding="utf-8"
    )
    (src / "examples").mkdir()
    for number, code in enumerate(MYST_EXAMPLES.values()):
        # the docs keep their demo notes in demo/notes; here they are where the quickstart says
        text = code.replace("/demo/notes/", "/releases/")
        (src / "examples" / f"example-{number}.md").write_text(
            f"# Example {number}\n\n{text}", encoding="utf-8"
        )
    return _build(src, tmp_path_factory.mktemp("quickstart-build"))


def test_the_quickstart_configures_markdown_pages() -> None:
    assert "myst_parser" in QUICKSTART_CONF
    assert "myst_enable_extensions" not in QUICKSTART_CONF
    assert "releases_notes" in QUICKSTART_CONF


def test_the_docs_have_myst_examples_of_every_directive_and_the_role() -> None:
    used = " ".join(MYST_EXAMPLES.values())
    for name in ("release", "release-index", "feature-list", "pep-index"):
        assert f"{{{name}}}" in used, name
    assert "{release}`" in used


def test_every_myst_example_works_in_a_quickstart_project(
    quickstart_site: SphinxTestApp,
) -> None:
    assert warnings_of(quickstart_site) == []
    for number, (where, code) in enumerate(MYST_EXAMPLES.items()):
        main = page(quickstart_site, f"examples/example-{number}.html").select_one("[role=main]")
        assert main is not None
        shown = main.get_text()
        # a directive that did not run is shown as its text
        assert ":::" not in shown and "```" not in shown and "{release" not in shown, where
        if "```{" in code:
            assert main.select("[class*=releases-]"), where
        if "{release}`" in code:
            assert main.select("a > .xref.releases"), where  # a resolved link
