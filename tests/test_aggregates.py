"""``release-index``, ``feature-list`` and ``pep-index`` in real builds."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from inspect import signature
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_releases import markup
from sphinxcontrib_releases.aggregate import (
    COLLAPSE_AFTER,
    PEP_COUNT,
    AggregatesAsHTML,
    _as_read,
    cell_list,
    releases_html,
)
from sphinxcontrib_releases.collapse import releases_collapsed, releases_collapsed_summary
from sphinxcontrib_releases.domain import get_domain
from sphinxcontrib_releases.markup import parse_many_features
from tests.conftest import build, outputs, rewrite, same_site, warnings_of


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Any:
    """One build shared by the tests that only read its output."""
    srcdir = tmp_path_factory.mktemp("aggregates") / "src"
    shutil.copytree(rootdir / "test-aggregates", srcdir)
    return build(SphinxTestApp, srcdir, confoverrides={"nitpicky": True})


def test_clean_build_with_every_note_in_a_toctree(site: Any) -> None:
    assert warnings_of(site) == []
    # note pages in release order, newest first, then the notes that announce nothing
    notes = ["bugfix", "final", "rc1", "b2", "b1", "a3", "a2", "a1", "old", "news"]
    assert site.env.toctree_includes["index"] == [f"notes/{n}" for n in notes] + ["views", "myst"]


def test_release_index_table(site: Any) -> None:
    page = soup(site, "index.html")
    assert [r.get_text() for r in page.select("p.rubric")] == ["5.0", "4.9"]
    first_table = page.select("table.releases-index")[0]
    rows = first_table.select("tbody tr")
    cells = [c.get_text(" ", strip=True) for c in rows[0].select("td")]
    assert cells == ["5.0.1 final", "2034-09-04", "Dee Example", "1", ""]
    link = rows[0].select_one("a.reference.internal")
    assert link["href"] == "notes/bugfix.html#release-5-0-1"
    versions = [r.select_one("a").get_text() for r in rows]
    assert versions[:3] == ["5.0.1", "5.0.0", "5.0.0rc1"]
    peps = rows[2].select("a.pep")
    assert [a["href"] for a in peps] == [
        "https://peps.python.org/pep-9201/",
        "https://peps.python.org/pep-9202/",
    ]
    # a short list stays open, an item ("PEP 9201,") to a piece that does not break
    items = rows[2].select("td > p.releases-list > span.releases-item")
    assert [i.get_text() for i in items] == ["PEP 9201,", "PEP 9202"]
    assert rows[2].select_one("details") is None
    # every cell is named for its column, for styles that size one
    assert [td["class"] for td in rows[0].select("td")] == [
        [f"releases-column-{c}"] for c in ("version", "date", "author", "features", "peps")
    ]
    assert rows[0].select_one("td span.releases-date").get_text() == "2034-09-04"


def test_series_lifecycle(site: Any) -> None:
    page = soup(site, "views.html")
    table = page.select_one("table.releases-series")
    rows = [[c.get_text(" ", strip=True) for c in r.select("td")] for r in table.select("tbody tr")]
    assert rows[0] == [
        "5.0",
        "5.0.0a1 2034-01-10",
        "5.0.0b1 2034-05-01",
        "5.0.0rc1 2034-07-03",
        "5.0.0 2034-08-01",
        "5.0.1 2034-09-04",
        "8",
    ]
    assert rows[1][0] == "4.9" and rows[1][1] == "—" and rows[1][6] == "2"
    # each date in an element of its own, which the styles keep on one line
    dates = [d.get_text() for d in table.select("tbody tr")[0].select("span.releases-date")]
    assert dates == ["2034-01-10", "2034-05-01", "2034-07-03", "2034-08-01", "2034-09-04"]


def test_filtered_list(site: Any) -> None:
    page = soup(site, "views.html")
    section = page.find("section", id="pre-releases-of-5-0")
    items = [li.get_text(" ", strip=True) for li in section.select("li")]
    assert items == [
        "5.0.0a1 alpha 1 — 2034-01-10",
        "5.0.0a2 alpha 2 — 2034-02-07",
        "5.0.0a3 alpha 3 — 2034-03-06",
        "5.0.0b1 beta 1 — 2034-05-01",
        "5.0.0b2 beta 2 — 2034-05-29",
    ]


def test_feature_list_shows_each_feature_once(site: Any) -> None:
    page = soup(site, "views.html")
    section = page.find("section", id="features")
    items = section.select("li.releases-feature")
    assert len(items) == 5
    first = items[0]
    assert first.get_text(" ", strip=True).startswith("The ledger and abacus modules were removed")
    assert first.select_one("code").get_text() == "ledger"  # markup kept
    badge_link = first.select_one("a.reference.internal")
    assert badge_link["href"] == "notes/a1.html#release-5-0-0a1"
    assert badge_link.select_one("span.releases-badge").get_text() == "5.0.0a1 · alpha 1"
    assert first.select_one("em.releases-reworded").get_text() == "(reworded in 5.0.0a3)"
    assert first.select_one("a.pep")["href"] == "https://peps.python.org/pep-9202/"
    assert items[3].select_one("em.releases-reworded") is None


def test_feature_table(site: Any) -> None:
    page = soup(site, "views.html")
    table = page.find("section", id="features-as-a-table").select_one("table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["Feature", "Section", "First release", "PEPs"]
    assert len(table.select("tbody tr")) == 5


def test_pep_index(site: Any) -> None:
    page = soup(site, "views.html")
    table = page.select_one("table.releases-peps")
    rows = [[c.get_text(" ", strip=True) for c in r.select("td")] for r in table.select("tbody tr")]
    assert rows[0] == ["PEP 9200", "4.9.6 · final", ""]
    assert rows[1][:2] == ["PEP 9201", "5.0.0a2 · alpha 2"]
    # a list longer than three is collapsed behind its count, the whole list inside
    later = table.select("tbody tr")[1].select_one("td > details.releases-collapsed")
    assert later.select_one("summary").get_text() == "5 releases"
    items = [i.get_text() for i in later.select("p.releases-list > span.releases-item")]
    assert items == ["5.0.0a3,", "5.0.0b1,", "5.0.0b2,", "5.0.0rc1,", "5.0.0"]


@pytest.mark.parametrize("count", [0, 1, COLLAPSE_AFTER, COLLAPSE_AFTER + 1, 14])
def test_cell_list_collapses_long_lists(count: int) -> None:
    items = [[nodes.Text(f"PEP {n}")] for n in range(count)]
    made = cell_list(items, PEP_COUNT)
    if not count:
        assert made == []
        return
    (node,) = made
    if count > COLLAPSE_AFTER:
        assert isinstance(node, releases_collapsed)
        assert node["classes"] == ["releases-collapsed"]
        summary, line = node.children
        assert isinstance(summary, releases_collapsed_summary)
        assert summary.astext() == f"{count} PEPs"
    else:
        line = node
    assert isinstance(line, nodes.paragraph) and line["classes"] == ["releases-list"]
    pieces = [piece.astext() for piece in line.findall(nodes.inline)]
    assert pieces == [f"PEP {n}," for n in range(count - 1)] + [f"PEP {count - 1}"]
    assert line.astext() == ", ".join(f"PEP {n}" for n in range(count))


def test_myst_host(site: Any) -> None:
    page = soup(site, "myst.html")
    table = page.select_one("table.releases-index")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Version", "Date"]
    assert len(table.select("tbody tr")) == 5
    groups = [r.get_text() for r in page.select("p.releases-feature-group")]
    assert groups == ["4.9.6", "5.0.0rc1", "5.0.1"]


@pytest.mark.parametrize(
    ("builder", "suffix"),
    [("text", ".txt"), ("latex", ".tex"), ("man", ".1"), ("texinfo", ".texi")],
)
def test_aggregates_in_other_builders(
    make_app: Any, project: Callable[[str], Path], builder: str, suffix: str
) -> None:
    srcdir = project("aggregates")
    app = build(make_app, srcdir, builder)
    assert warnings_of(app) == []
    written = "\n".join(outputs(Path(app.outdir), (suffix,)).values())
    for words in ("5.0.0a1", "First alpha", "Colour output in the test runner", "PEP 9201"):
        assert words in written, (builder, words)
    # dates in the series table; a list collapsed in HTML is written in full, without its count
    plain = written.replace("\\sphinxhyphen{}", "-").replace("\\-", "-")  # LaTeX's, man's hyphens
    assert "2034-01-10" in plain and "2034-09-04" in plain
    assert "5 releases" not in written
    assert re.search(r"5\.0\.0a3\b[^\n]*5\.0\.0b1\b[^\n]*5\.0\.0b2\b[^\n]*5\.0\.0rc1", written)


def test_bad_and_empty_filters_warn(make_app: Any, project: Callable[[str], Path]) -> None:
    srcdir = project("aggregates")
    (srcdir / "extra.rst").write_text(
        "Extra\n=====\n\n.. release-index::\n   :series: 9.9\n\n"
        ".. feature-list::\n   :phase: gamma\n   :limit: many\n\n"
        ".. release-index::\n   :columns: version, colour\n\n"
        ".. feature-list::\n   :format: spreadsheet\n   :series: 5.0\n",
        encoding="utf-8",
    )
    app = build(make_app, srcdir)
    warnings = "\n".join(warnings_of(app))
    assert (
        "extra.rst:4: WARNING: release-index: no release matches the filters [releases.filter]"
        in warnings
    )
    assert "extra.rst:7: WARNING: feature-list: :phase: 'gamma' is not a phase" in warnings
    assert "[releases.option]" in warnings
    assert ":limit: 'many' is not a positive whole number" in warnings
    assert "unknown column(s) colour" in warnings
    # an option value of the wrong kind is reported and ignored: the list is still there
    assert "extra.rst:14: WARNING: feature-list: :format: " in warnings
    assert "the option is ignored [releases.option]" in warnings
    assert "ERROR" not in warnings
    assert "Colour output in the test runner" in (Path(app.outdir) / "extra.html").read_text(
        encoding="utf-8"
    )
    assert "No releases match." in (Path(app.outdir) / "extra.html").read_text(encoding="utf-8")


def test_parallel_equals_serial(make_app: Any, project: Callable[..., Path]) -> None:
    serial = build(make_app, project("aggregates", "serial"))
    parallel = build(make_app, project("aggregates", "parallel"), parallel=2)
    assert warnings_of(parallel) == []
    assert outputs(Path(parallel.outdir)) == outputs(Path(serial.outdir))


# -- staleness: random edits, additions and deletions, each followed by an incremental build ------

NEW_NOTE = """---
title: Sprocket {version} released
date: 2034-10-{day:02d}
---

# New features

-   {feature}
"""


def _random_change(rng: random.Random, srcdir: Path, step: int) -> None:
    notes = sorted((srcdir / "notes").glob("*.md"))
    action = rng.choice(["edit", "add", "delete", "retitle"])
    if action == "add" or not notes:
        version = f"6.{step}.0"
        feature = rng.choice(["Quicker plugin loading.", "The ledger module was removed."])
        rewrite(
            srcdir / "notes" / f"new{step}.md",
            NEW_NOTE.format(version=version, day=step + 1, feature=feature),
        )
    elif action == "delete":
        rng.choice(notes).unlink()
    elif action == "retitle":
        note = rng.choice(notes)
        text = note.read_text(encoding="utf-8")
        rewrite(note, text.replace("released", "is available", 1))
    else:
        note = rng.choice(notes)
        text = note.read_text(encoding="utf-8")
        rewrite(note, text.replace("-   ", f"-   Step {step}: ", 1))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_builds_never_go_stale(
    make_app: Any, project: Callable[..., Path], seed: int
) -> None:
    rng = random.Random(seed)
    srcdir = project("aggregates", "incremental")
    build(make_app, srcdir)
    for step in range(3):
        _random_change(rng, srcdir, step)
        build(make_app, srcdir)
    fresh_dir = project("aggregates", "fresh")
    shutil.rmtree(fresh_dir)
    shutil.copytree(srcdir, fresh_dir, ignore=shutil.ignore_patterns("_build"))
    fresh = build(make_app, fresh_dir)
    same_site(Path(srcdir / "_build" / "html"), Path(fresh.outdir))


def test_several_hundred_generated_notes_build_cleanly(make_app: Any, tmp_path: Path) -> None:
    """A realistic collection (see benchmarks/generate.py) with every aggregate, warning-free.

    MyST's own heading warnings are about the note files (real notes start at H2 or skip a
    level); they are silenced here as a project with such notes would, and are not ours.
    """
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    srcdir = tmp_path / "site"
    generate(srcdir / "notes", 300, seed=3)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinxcontrib_releases"]\nreleases_notes = ["notes/*"]\n'
        'suppress_warnings = ["myst.header"]\n',
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Site\n====\n\n.. release-index::\n   :toctree:\n\n"
        ".. release-index::\n   :format: series\n\n.. feature-list::\n\n.. pep-index::\n",
        encoding="utf-8",
    )
    app = build(make_app, srcdir, confoverrides={"nitpicky": True})
    assert warnings_of(app) == []
    assert len(app.env.toctree_includes["index"]) == 300
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert index.count('class="releases-feature"') > 20


def test_toctree_follows_the_filters(make_app: Any, project: Callable[[str], Path]) -> None:
    srcdir = project("aggregates")
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            ".. release-index::\n   :toctree:\n",
            ".. release-index::\n   :toctree:\n   :series: 4.9\n   :limit: 1\n\n"
            ".. release-index::\n   :toctree:\n   :series: 5.0\n   :since: 2034-07-01\n",
        ),
        encoding="utf-8",
    )
    app = build(make_app, srcdir)
    included = app.env.toctree_includes["index"]
    # 4.9: both of its notes although :limit: shows one row, and the news without a version;
    # 5.0 since July: only the notes of that period (the news is dated April)
    assert included == [
        *("notes/bugfix", "notes/old", "notes/news"),
        *("notes/bugfix", "notes/final", "notes/rc1"),
        *("views", "myst"),
    ]


def test_lists_link_peps_without_filling_the_general_index(site: Any) -> None:
    """Tables and feature lists link PEPs, but only the notes themselves add index entries."""
    entries = site.env.get_domain("index").entries
    pages = {docname for docname, found in entries.items() if found}
    assert pages.isdisjoint({"index", "views", "myst"})  # the lists: links only
    assert "notes/a2" in pages  # a note that mentions PEP 9201
    html = (Path(site.outdir) / "index.html").read_text(encoding="utf-8")
    assert "https://peps.python.org/pep-9201/" in html


# -- aggregates are rendered when their page is written -------------------------------------------

QUOTED_NOTE = """---
title: Sprocket 7.0.0 released
date: 2035-01-02
author: Dara O'Neill
---

# New features

-   The "ledger" module -- at last -- reads old files...
"""


def test_aggregates_are_made_when_written_and_smart_quoted(
    make_app: Any, project: Callable[..., Path]
) -> None:
    """While the page is read it holds a placeholder, not the table (Sphinx's read transforms
    never walk it); what is written is smart-quoted as the rest of the page is."""
    from sphinxcontrib_releases.aggregate import pending_aggregate

    srcdir = project("aggregates")
    rewrite(srcdir / "notes" / "quoted.md", QUOTED_NOTE)
    rewrite(
        srcdir / "features.rst", "Features\n========\n\n.. feature-list::\n   :group-by: none\n"
    )
    rewrite(
        srcdir / "index.rst",
        (srcdir / "index.rst")
        .read_text(encoding="utf-8")
        .replace("   views\n", "   views\n   features\n"),
    )
    app = build(make_app, srcdir)
    assert warnings_of(app) == []
    read = app.env.get_doctree("index")
    assert list(read.findall(pending_aggregate))
    assert not list(read.findall(lambda node: node.tagname == "table"))
    index = soup(app, "index.html")
    assert not index.find_all("pending_aggregate")
    assert "Dara O\u2019Neill" in index.get_text()
    features = soup(app, "features.html").get_text()
    assert "The \u201cledger\u201d module \u2013 at last \u2013 reads old files\u2026" in features


def as_written(app: Any, docname: str) -> nodes.document:
    """A page's doctree as the builder writes it (its post-transforms applied)."""
    resolve = app.env.get_and_resolve_doctree
    since_sphinx_9 = {"tags": app.tags} if "tags" in signature(resolve).parameters else {}
    return resolve(docname, app.builder, **since_sphinx_9)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_aggregates_written_as_html_early_are_the_pages_nodes_make(
    make_app: Any, tmp_path: Path, rootdir: Path, monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    """The HTML builders get each aggregate written by their translator once its links are
    resolved: the pages and the search index are the same as when the nodes are written with
    the rest of the page."""
    sources = {}
    for name in ("early", "late"):
        sources[name] = tmp_path / name
        shutil.copytree(rootdir / "test-aggregates", sources[name])

    def written(app: Any, docname: str) -> tuple[bool, bool]:
        """Whether the page as written holds aggregates written early, and tables."""
        doctree = as_written(app, docname)
        return any(doctree.findall(releases_html)), any(doctree.findall(nodes.table))

    early = build(make_app, sources["early"], builder)
    assert [written(early, page) for page in ("index", "views")] == [(True, False)] * 2
    with monkeypatch.context() as patch:
        patch.setattr(AggregatesAsHTML, "builders", ())
        late = build(make_app, sources["late"], builder)
        assert [written(late, page) for page in ("index", "views")] == [(False, True)] * 2
    assert warnings_of(early) == warnings_of(late) == []
    pages = outputs(Path(early.outdir), (".html", ".js"))
    assert "searchindex.js" in pages
    assert pages == outputs(Path(late.outdir), (".html", ".js"))


THEMED_TRANSLATOR = '''

from sphinx.writers.html5 import HTML5Translator


class ThemedTranslator(HTML5Translator):
    """A theme's translator: its tables carry a class of its own."""

    def visit_table(self, node):
        node["classes"].append("themed-table")
        super().visit_table(node)


def setup(app):
    app.set_translator("html", ThemedTranslator)
'''


def test_aggregates_written_early_go_through_the_projects_translator(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-aggregates", srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(THEMED_TRANSLATOR)
    app = build(make_app, srcdir)
    assert warnings_of(app) == []
    tables = soup(app, "index.html").select("table.releases-index")
    assert len(tables) == 2
    assert all("themed-table" in table["class"] for table in tables)


def test_an_aggregate_holding_more_than_plain_markup_stays_nodes(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    """A feature with math keeps the feature list's nodes for the writer (which loads MathJax
    for the page); the release index, plain, is still written early."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-aggregates", srcdir)
    note = srcdir / "notes" / "a1.md"
    text = note.read_text(encoding="utf-8")
    flag = "-   A new `--fast` start-up flag.\n"
    note.write_text(text.replace(flag, flag + "-   Areas follow {math}`\\pi r^2`.\n"), "utf-8")
    app = build(make_app, srcdir)
    assert warnings_of(app) == []
    views = as_written(app, "views")
    lists = [n for n in views.findall(nodes.bullet_list) if "releases-features" in n["classes"]]
    assert sum(any(found.findall(nodes.math)) for found in lists) == 1
    assert any(views.findall(releases_html))  # the other aggregates of the page
    index = as_written(app, "index")
    assert any(index.findall(releases_html))
    assert not any(index.findall(nodes.table))
    # the math is written as math
    page = soup(app, "views.html")
    assert page.select_one("ul.releases-features span.math") is not None


def test_feature_markup_parsed_together_is_reported_at_its_own_note_and_line(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    """The feature list parses the features of every note at once: a problem in one of them is
    still reported at its note's file and line, on the note page and in each list."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-aggregates", srcdir)
    note = srcdir / "notes" / "b1.md"
    colour = "-   Colour output in the test runner.\n"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace(colour, colour + "-   A {nosuchrole}`x` role.\n"), "utf-8")
    app = build(make_app, srcdir)
    unknown = [w for w in warnings_of(app) if "nosuchrole" in w]
    # the note page, the feature list and the feature table of the views page
    assert len(unknown) == 3
    # each names the note's file and line (MyST-Parser 4 on Sphinx 8.0 names the note page's
    # own warning ``b1.md.rst``: theirs, not ours); the two of the feature lists are ours
    b1 = str(Path("notes", "b1.md"))
    assert all(re.search(rf"{re.escape(b1)}(\.rst)?:18: ", w) for w in unknown), unknown
    assert sum(f"{b1}:18: " in w for w in unknown) >= 2, unknown
    features = [li.get_text(" ", strip=True) for li in soup(app, "views.html").select("li")]
    assert any(text.startswith("Colour output in the test runner.") for text in features)


def test_features_parsed_note_by_note_when_together_they_do_not_make_a_list(
    site: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The features of all notes are parsed as one list; should that list not come out with an
    item per feature, each note is parsed alone, and a note whose list still does not come out
    right shows its features as plain text."""
    env = site.env
    host = env.get_doctree("views")
    items = [(note, note.features) for note in get_domain(env).notes.values() if note.features]
    assert len({note.syntax for note, _features in items}) == 2  # Markdown and reST notes

    def texts(parsed: list[list[list[nodes.Node]]]) -> list[list[tuple[str, bool]]]:
        """Each feature's text, and whether it holds markup."""
        return [[(_text(feature), _marked_up(feature)) for feature in note] for note in parsed]

    parse_alone = markup._parse_items
    with _as_read(env, "views"):
        together = texts(parse_many_features(items, host, env))
        monkeypatch.setattr(
            markup,
            "_parse_items",
            lambda some, *args: None if len(some) > 1 else parse_alone(some, *args),
        )
        alone = texts(parse_many_features(items, host, env))
        monkeypatch.setattr(markup, "_parse_items", lambda *args: None)
        plain = texts(parse_many_features(items, host, env))
    assert alone == together
    assert any(marked for note in together for _words, marked in note)  # `ledger`
    assert plain == [[(f.text, False) for f in features] for _note, features in items]


def _text(content: list[nodes.Node]) -> str:
    return "".join(node.astext() for node in content)


def _marked_up(content: list[nodes.Node]) -> bool:
    return any(not isinstance(node, nodes.Text) for node in content)
