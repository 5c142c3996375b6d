"""Changelog files in a Sphinx build: pages, targets, embedding, lists, outputs, rebuilds.

The project (``tests/roots/test-changelog``) holds a Keep a Changelog file in Markdown
(``CHANGES.md``: unreleased changes, a yanked release, link definitions), a towncrier
changelog in reST (``plugin/CHANGES.rst``, a changelog by ``releases_changelogs`` only) and a
note announcing 1.2.0, which the Markdown changelog has a section for too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from tests.conftest import (
    ROOTS,
    build,
    outputs,
    release_inventory,
    rewrite,
    same_site,
    warnings_of,
)

ROOT = ROOTS / "test-changelog"


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def words(node: Any) -> str:
    return " ".join(node.get_text(" ").replace("¶", "").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The project, built once for the tests that only look at its output."""
    srcdir = tmp_path_factory.mktemp("changelog") / "src"
    shutil.copytree(ROOT, srcdir)
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


def test_build_is_clean(site: Any) -> None:
    assert warnings_of(site) == []


def test_each_section_of_a_changelog_page_has_its_badges(site: Any) -> None:
    page = soup(site, "CHANGES.html")
    badges = {
        section["id"]: [b.get_text() for b in section.find_all(class_="releases-badge")]
        for section in page.select("section[id^=release-], section#unreleased")
    }
    assert badges == {
        "unreleased": ["unreleased"],
        "release-1-2-0": ["final"],
        "release-1-1-1": ["final", "yanked"],
        "release-1-1-0": ["final"],
        "release-1-0-0": ["final"],
    }
    unreleased = page.select_one("section#unreleased span.releases-badge")
    assert "releases-unreleased" in unreleased["class"]
    assert not any(c.startswith("sd-bg-") for c in unreleased["class"])


def test_date_line_has_the_diff_link(site: Any) -> None:
    section = soup(site, "CHANGES.html").select_one("section#release-1-1-0")
    byline = section.select_one("p.releases-byline")
    assert words(byline) == "2024-01-10 · diff"
    assert byline.a["href"] == "https://github.com/example/acme/compare/v1.0.0...v1.1.0"
    unreleased = soup(site, "CHANGES.html").select_one("section#unreleased p.releases-byline")
    assert words(unreleased) == "diff"  # no date: not released


def test_towncrier_page(site: Any) -> None:
    page = soup(site, "plugin/CHANGES.html")
    ids = [s["id"] for s in page.select("section[id^=release-]")]
    assert ids == ["release-0-3-0", "release-0-2-0", "release-0-1-0"]
    section = page.select_one("section#release-0-2-0")
    assert words(section.select_one("p.releases-byline")) == "2024-01-15"
    # :issue: is no role of docutils nor of another extension here: the extension's own
    issue = section.select_one("a.releases-issue")
    assert issue.get_text() == "#9"
    assert issue["href"] == "https://github.com/example/acme/issues/9"


def test_issue_references_become_links(site: Any) -> None:
    section = soup(site, "CHANGES.html").select_one("section#release-1-2-0")
    links = {a.get_text(): a["href"] for a in section.select("a.releases-issue")}
    assert links == {
        "#120": "https://github.com/example/acme/issues/120",
        "GH-118": "https://github.com/example/acme/issues/118",
        "#117": "https://github.com/example/acme/issues/117",
        "#121": "https://github.com/example/acme/issues/121",
    }
    # code stays code
    assert section.select_one("code a") is None


def test_release_role_links_into_sections(site: Any) -> None:
    page = soup(site, "index.html")
    links = {a.get_text(): a["href"] for a in page.select("a.internal") if a.find("code")}
    assert links["1.1.0"] == "CHANGES.html#release-1-1-0"
    assert links["0.1.0"] == "plugin/CHANGES.html#release-0-1-0"
    # a release that a note announces too: the note's page (adding a changelog moves no link)
    assert links["1.2.0"] == "notes/acme-1.2.0.html#release-1-2-0"


def test_sections_are_in_the_inventory(site: Any) -> None:
    releases = release_inventory(site.outdir)
    assert set(releases) == {"1.2.0", "1.1.1", "1.1.0", "1.0.0", "0.3.0", "0.2.0", "0.1.0"}
    assert releases["1.1.1"] == "https://example.org/CHANGES.html#release-1-1-1"


def test_note_and_changelog_section_link_to_each_other(site: Any) -> None:
    note = soup(site, "notes/acme-1.2.0.html").select_one("p.releases-related")
    assert words(note) == "Changelog: 1.2.0"
    assert note.a["href"] == "../CHANGES.html#release-1-2-0"
    section = soup(site, "CHANGES.html").select_one("section#release-1-2-0 p.releases-related")
    assert words(section) == "Announcement: Acme 1.2.0 is out"
    assert section.a["href"] == "notes/acme-1.2.0.html#release-1-2-0"
    # one release, one note: nothing else links
    assert soup(site, "CHANGES.html").select("section#release-1-1-0 p.releases-related") == []


def _embedded(app: Any, page: str) -> list[tuple[str, str]]:
    sections = soup(app, page).select("section.releases-release")
    return [(s.find(["h2", "h3"]).get_text().rstrip("¶"), words(s)) for s in sections]


def test_release_directive_embeds_one_section(site: Any) -> None:
    (title, text), *_ = _embedded(site, "embed.html")
    assert title == "1.1.0"
    assert text.startswith("1.1.0 final 2024-01-10 · diff Added Mirrors can be listed in")
    assert "Python 3.8 support." in text
    assert "The first stable release" not in text  # 1.0.0's section
    assert "A race when two syncs" not in text  # 1.1.1's section


def test_rst_section_embedded(site: Any) -> None:
    embedded = dict(_embedded(site, "embed.html"))
    text = embedded["acme-mirror 0.2.0"]
    assert "Bugfixes Mirror addresses with a port work again. ( #8 )" in text
    assert "Mirrors are tried" not in text  # 0.3.0's


def test_file_option_picks_the_changelog_side(site: Any) -> None:
    embedded = dict(_embedded(site, "embed.html"))
    assert embedded["1.2.0"].startswith("1.2.0 final 2024-03-01 · diff Announcement: Acme 1.2.0")
    assert "Certificates are checked for mirrors too" in embedded["1.2.0"]
    last = soup(site, "embed.html").select("section.releases-release")[-1]
    assert last.select_one("span.releases-unreleased").get_text() == "unreleased"
    assert embedded["Unreleased"].startswith("Unreleased unreleased diff Added")


def test_myst_host_embeds_alike(site: Any) -> None:
    assert (
        _embedded(site, "embed-myst.md".replace(".md", ".html"))
        == _embedded(site, "embed.html")[:2]
    )


def _feature_lists(app: Any) -> dict[str, list[str]]:
    page = soup(app, "lists.html")
    found = {}
    for section in page.select("section section"):
        title = section.find("h2").get_text().rstrip("¶")
        found[title] = [words(li) for li in section.select("li.releases-feature")]
    return found


def test_feature_list_of_one_kind(site: Any) -> None:
    deprecated = _feature_lists(site)["Deprecated"]
    # the project holds releases of two products (Acme, the plugin's acme-mirror): badges
    # name them
    assert deprecated == [
        "The mirror_list setting is deprecated in favour of mirrors . ( #14 ) "
        "acme-mirror 0.3.0 · final",
        "The --no-cache switch: use --cache=off ( GH-118 ). Acme 1.2.0 · final",
    ]


def test_feature_list_with_series_and_kind(site: Any) -> None:
    # every release shown is Acme's: the badge needs no product
    assert _feature_lists(site)["Security fixes of 1.x"] == [
        "Certificates are checked for mirrors too ( #121 ). 1.2.0 · final"
    ]


def test_feature_list_of_all_kinds_grouped_by_kind(site: Any) -> None:
    section = soup(site, "lists.html").find("section", id="everything-of-0-2-0")
    groups = [rubric.get_text() for rubric in section.select("p.rubric")]
    assert groups == ["Features", "Fixes", "Documentation"]
    link = section.select_one("a.releases-issue")
    assert link["href"] == "https://github.com/example/acme/issues/9"


def test_release_index_counts_releases_not_unreleased(site: Any) -> None:
    versions = [a.get_text() for a in soup(site, "lists.html").select("table a.internal")]
    assert versions == ["1.2.0", "1.1.1", "1.1.0", "1.0.0", "0.3.0", "0.2.0", "0.1.0"]
    yanked = [
        row.select_one("a.internal").get_text()
        for row in soup(site, "lists.html").select("table tbody tr")
        if row.select_one("span.releases-yanked")
    ]
    assert yanked == ["1.1.1"]


def test_releases_json(site: Any) -> None:
    data = json.loads((Path(site.outdir) / "releases.json").read_text(encoding="utf-8"))
    announced = [(a["source"], a["section"]) for a in data["announcements"]]
    assert announced == [
        ("CHANGES.md", "release-1-2-0"),
        ("CHANGES.md", "release-1-1-1"),
        ("CHANGES.md", "release-1-1-0"),
        ("CHANGES.md", "release-1-0-0"),
        ("notes/acme-1.2.0.md", None),
        ("plugin/CHANGES.rst", "release-0-3-0"),
        ("plugin/CHANGES.rst", "release-0-2-0"),
        ("plugin/CHANGES.rst", "release-0-1-0"),
    ]
    section = data["announcements"][2]
    assert section["compare_url"] == "https://github.com/example/acme/compare/v1.0.0...v1.1.0"
    assert section["releases"][0]["url"] == "CHANGES.html#release-1-1-0"
    assert section["line"] == 42
    assert [f["kind"] for f in section["features"]] == ["feature", "change", "removal"]
    assert data["announcements"][1]["yanked"] is True


def test_feeds_hold_each_release_once_and_no_unreleased(site: Any) -> None:
    atom = (Path(site.outdir) / "releases.atom").read_text(encoding="utf-8")
    ids = [line.strip() for line in atom.splitlines() if line.strip().startswith("<id>tag:")]
    assert ids == [
        "<id>tag:acme.example.org,2024-03-01:notes/acme-1.2.0.md</id>",
        "<id>tag:acme.example.org,2024-02-20:plugin/CHANGES.rst#release-0-3-0</id>",
        "<id>tag:acme.example.org,2024-02-01:CHANGES.md#release-1-1-1</id>",
        "<id>tag:acme.example.org,2024-01-15:plugin/CHANGES.rst#release-0-2-0</id>",
        "<id>tag:acme.example.org,2024-01-10:CHANGES.md#release-1-1-0</id>",
        "<id>tag:acme.example.org,2023-12-20:plugin/CHANGES.rst#release-0-1-0</id>",
        "<id>tag:acme.example.org,2023-12-01:CHANGES.md#release-1-0-0</id>",
    ]
    assert "unreleased" not in atom.lower()
    rss = (Path(site.outdir) / "releases.rss").read_text(encoding="utf-8")
    assert rss.count("<item>") == len(ids)
    assert "acme.legacy" not in rss


def test_inspect_prints_the_changelog_summary() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_releases", "inspect", str(ROOT / "CHANGES.md")],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stderr
    assert "  changelog: 4 releases, 1 unreleased, 1 yanked\n" in result.stdout
    assert "  newest:    1.2.0 (2024-03-01)\n" in result.stdout
    # where the sections' dates come from (the unreleased section has none)
    assert "  dates:     4 (section heading)\n" in result.stdout
    assert "  author:    (none)\n" in result.stdout


def test_inspect_shows_the_origins_of_notes_and_changelogs(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGES.md"
    changelog.write_text(
        "---\nauthor: Ada Example\nproduct: Gizmo\n---\n\n"
        + KAC.replace("## [1.0.0] - 2024-03-01", "## [1.0.0]\n\nReleased on 2024-03-01."),
        encoding="utf-8",
    )
    note = tmp_path / "2024-05-02-wings.md"
    note.write_text("# Gizmo 2.0.0 has wings\n\nIt flies.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_releases", "inspect", str(changelog), str(note)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n\n")[:2] == [
        f"{changelog}\n"
        "  changelog: 3 releases\n"
        "  newest:    Gizmo 2.0.0 (2024-05-01)\n"
        "  dates:     2 (section heading), 1 (released line)\n"
        "  author:    Ada Example (front matter)\n"
        "  items:     1 feature, 1 change, 1 fix",
        f"{note}\n"
        "  title:    Gizmo 2.0.0 has wings (heading)\n"
        "  releases: Gizmo 2.0.0 (final)\n"
        "  date:     2024-05-02 (path)\n"
        "  author:   (none)\n"
        "  features: 0\n"
        "  PEPs:     (none)",
    ]


def test_check_finds_nothing_wrong_with_the_project() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinxcontrib_releases",
            "check",
            *(str(ROOT / name) for name in ("CHANGES.md", "plugin/CHANGES.rst", "notes")),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[1],
    )
    assert (result.returncode, result.stdout) == (0, "")


# -- builds of their own --------------------------------------------------------------------


def _read_docnames(make_app: Any, srcdir: Path) -> list[str]:
    """Build and return the documents that were read."""
    app = make_app("html", srcdir=srcdir)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    return sorted(read)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    rewrite(path, text.replace(old, new))


def test_editing_one_section_rereads_only_the_pages_that_show_it(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("changelog")
    assert len(_read_docnames(make_app, srcdir)) == 8
    changes = srcdir / "CHANGES.md"
    # the last section: nothing moves
    _edit(changes, "The first stable release", "The first stable version")
    assert _read_docnames(make_app, srcdir) == ["CHANGES", "lists", "other"]
    # a line more in 1.2.0: the sections below it move, but what they show is the same
    _edit(
        changes,
        "- Colour in the terminal output",
        "- Progress bars.\n- Colour in the terminal output",
    )
    assert _read_docnames(make_app, srcdir) == ["CHANGES", "embed", "lists"]
    assert "Progress bars." in soup_of(srcdir, "embed.html").get_text()
    # the reST changelog, listed by releases_changelogs only
    _edit(srcdir / "plugin" / "CHANGES.rst", "left out for an hour", "left out for two hours")
    assert _read_docnames(make_app, srcdir) == ["embed", "embed-myst", "lists", "plugin/CHANGES"]


def _edit_a_section(srcdir: Path) -> None:
    _edit(srcdir / "CHANGES.md", "- Python 3.8 support.", "- Python 3.8 and 3.9 support.")


def _retitle_the_note(srcdir: Path) -> None:
    # the note announces 1.1.0 instead: 1.2.0 is the changelog's alone, 1.1.0 is both's
    _edit(srcdir / "notes" / "acme-1.2.0.md", "Acme 1.2.0 is out", "Acme 1.1.0 is out")


def _add_a_release(srcdir: Path) -> None:
    _edit(
        srcdir / "CHANGES.md",
        "## [1.2.0] - 2024-03-01",
        "## [1.3.0] - 2024-04-01\n\n### Fixed\n\n- Quieter logs (#140).\n\n## [1.2.0] - 2024-03-01",
    )


def _drop_a_release(srcdir: Path) -> None:
    text = (srcdir / "CHANGES.md").read_text(encoding="utf-8")
    start, end = text.index("## [1.1.1]"), text.index("## [1.1.0]")
    rewrite(srcdir / "CHANGES.md", text[:start] + text[end:])


@pytest.mark.parametrize(
    "change", [_edit_a_section, _retitle_the_note, _add_a_release, _drop_a_release]
)
def test_incremental_build_equals_fresh_build(
    make_app: Any, project: Callable[..., Path], change: Callable[[Path], None]
) -> None:
    srcdir = project("changelog", "incremental")
    build(make_app, srcdir)
    change(srcdir)
    again = build(make_app, srcdir)
    assert warnings_of(again) == []
    fresh_dir = project("changelog", "fresh")
    change(fresh_dir)
    fresh = build(make_app, fresh_dir)
    same_site(Path(again.outdir), Path(fresh.outdir))
    assert (Path(again.outdir) / "releases.json").read_bytes() == (
        Path(fresh.outdir) / "releases.json"
    ).read_bytes()


def test_a_note_for_another_release_moves_the_links_between_the_two(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("changelog")
    _read_docnames(make_app, srcdir)
    _retitle_the_note(srcdir)
    # the changelog page did not change, but what it links to did
    assert "CHANGES" in _read_docnames(make_app, srcdir)
    page = soup_of(srcdir, "CHANGES.html")
    assert page.select("section#release-1-2-0 p.releases-related") == []
    related = page.select_one("section#release-1-1-0 p.releases-related")
    assert words(related) == "Announcement: Acme 1.1.0 is out"


def soup_of(srcdir: Path, page: str) -> BeautifulSoup:
    html = (srcdir / "_build" / "html" / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_parallel_build_equals_serial_build(make_app: Any, project: Callable[..., Path]) -> None:
    serial = build(make_app, project("changelog", "serial"))
    parallel = build(make_app, project("changelog", "parallel"), parallel=2)
    assert warnings_of(parallel) == []
    assert outputs(Path(parallel.outdir)) == outputs(Path(serial.outdir))
    assert (Path(parallel.outdir) / "releases.json").read_bytes() == (
        Path(serial.outdir) / "releases.json"
    ).read_bytes()


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo", "singlehtml"])
def test_other_builders(make_app: Any, project: Callable[..., Path], builder: str) -> None:
    app = build(make_app, project("changelog"), builder, confoverrides={"nitpicky": True})
    assert warnings_of(app) == []
    suffixes = {"text": ".txt", "latex": ".tex", "man": ".1", "texinfo": ".texi"}
    written = "\n".join(outputs(Path(app.outdir), (suffixes.get(builder, ".html"),)).values())
    for expected in ("unreleased", "yanked", "Mirror addresses with a port", "Announcement:"):
        assert expected in written, (builder, expected)


def test_reader_problems_are_located_warnings(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("changelog")
    _edit(srcdir / "CHANGES.md", "## [1.1.0] - 2024-01-10", "## [1.1.0] - 2024-01-40")
    app = build(make_app, srcdir)
    # a released section left without a date is left out of the feeds, which says so at its
    # heading, like an undated note
    assert sorted(strip_colors(line) for line in warnings_of(app)) == [
        f"{srcdir / 'CHANGES.md'}:42: WARNING: '2024-01-40' is not a date [releases.date]",
        f"{srcdir / 'CHANGES.md'}:42: WARNING: the note has no date, so the feeds leave it out "
        "[releases.no_date]",
    ]


def test_issue_roles_of_another_extension_win(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("changelog")
    (srcdir / "issue_role.py").write_text(
        "from docutils import nodes\n\n"
        "def issue(name, rawtext, text, lineno, inliner, options=None, content=()):\n"
        "    return [nodes.strong(text, 'ISSUE ' + text)], []\n\n"
        "def setup(app):\n"
        "    app.add_role('issue', issue)\n"
        "    return {'parallel_read_safe': True}\n",
        encoding="utf-8",
    )
    conf = srcdir / "conf.py"
    rewrite(
        conf,
        "import sys\nsys.path.insert(0, __import__('os').path.dirname(__file__))\n"
        + conf.read_text(encoding="utf-8")
        .replace(
            'extensions = ["sphinxcontrib_releases"]',
            'extensions = ["sphinxcontrib_releases", "issue_role"]',
        )
        .replace("from __future__ import annotations\n", ""),
    )
    app = build(make_app, srcdir)
    assert warnings_of(app) == []
    section = soup(app, "plugin/CHANGES.html").select_one("section#release-0-2-0")
    assert "ISSUE 9" in [strong.get_text() for strong in section.select("strong")]


def test_issue_roles_without_an_address_are_text(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    app = build(make_app, project("changelog"), confoverrides={"releases_issue_url": ""})
    assert warnings_of(app) == []
    section = soup(app, "plugin/CHANGES.html").select_one("section#release-0-2-0")
    assert [s.get_text() for s in section.select("span.releases-issue")] == ["#9", "#8", "#10"]
    assert section.select("a.releases-issue") == []
    assert soup(app, "CHANGES.html").select("a.releases-issue") == []


# -- changelogs of several products ----------------------------------------------------------

KAC = """\
# Changelog

## [2.0.0] - 2024-05-01

### Added

- {name} grows wings.

## [1.1.0] - 2024-04-01

### Fixed

- {name} lands softly.

## [1.0.0] - 2024-03-01

- The first {name}.
"""


def _products_project(root: Path) -> Path:
    """Two changelogs of two products with the same versions, and a note of one release."""
    files = {
        "conf.py": (
            'project = "Gizmo"\n'
            'extensions = ["sphinxcontrib_releases"]\n'
            'releases_notes = ["gizmo/CHANGES.md", "widget/CHANGES.md", "notes/*.md"]\n'
            'html_baseurl = "https://gizmo.example.org/"\n'
        ),
        "index.rst": (
            "Gizmo\n=====\n\n"
            "Wings came with :release:`2.0.0` and :release:`Widget 2.0.0`.\n\n"
            ".. release-index::\n   :columns: version, date\n\n"
            ".. toctree::\n\n   gizmo/CHANGES\n   widget/CHANGES\n   notes/widget-2.0.0\n"
        ),
        # no product named: the project's (Gizmo)
        "gizmo/CHANGES.md": KAC.format(name="Gizmo"),
        "widget/CHANGES.md": "---\nproduct: Widget\n---\n\n" + KAC.format(name="Widget"),
        "notes/widget-2.0.0.md": (
            "---\ntitle: Widget 2.0.0 is out\ndate: 2024-05-01\n---\n\nWidget flies.\n"
        ),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_changelogs_of_two_products_do_not_collide(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, _products_project(tmp_path / "src"))
    # the same versions in two products' changelogs: no duplicate, each release its own
    assert warnings_of(app) == []
    data = json.loads((Path(app.outdir) / "releases.json").read_text(encoding="utf-8"))
    released = sorted(
        (r["product"], r["version"], r["url"]) for a in data["announcements"] for r in a["releases"]
    )
    assert released == [
        ("Gizmo", "1.0.0", "gizmo/CHANGES.html#release-1-0-0"),
        ("Gizmo", "1.1.0", "gizmo/CHANGES.html#release-1-1-0"),
        ("Gizmo", "2.0.0", "gizmo/CHANGES.html#release-2-0-0"),
        ("Widget", "1.0.0", "widget/CHANGES.html#release-1-0-0"),
        ("Widget", "1.1.0", "widget/CHANGES.html#release-1-1-0"),
        # the note speaks for the release it announces too
        ("Widget", "2.0.0", "notes/widget-2.0.0.html#release-2-0-0"),
        ("Widget", "2.0.0", "notes/widget-2.0.0.html#release-2-0-0"),
    ]
    # the role: a bare version is the project's product, a named one that product's
    links = [a["href"] for a in soup(app, "index.html").select("p a.reference.internal")]
    assert links[:2] == [
        "gizmo/CHANGES.html#release-2-0-0",
        "notes/widget-2.0.0.html#release-2-0-0",
    ]
    # the index groups the releases by product, the project's first
    rubrics = [r.get_text() for r in soup(app, "index.html").select("p.rubric.releases-product")]
    assert rubrics == [
        "Gizmo 2.0",
        "Gizmo 1.1",
        "Gizmo 1.0",
        "Widget 2.0",
        "Widget 1.1",
        "Widget 1.0",
    ]


def test_a_note_and_a_section_pair_up_by_product_and_version(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, _products_project(tmp_path / "src"))
    related = {
        page: [words(p) for p in soup(app, page).select("section#release-2-0-0 p.releases-related")]
        for page in ("gizmo/CHANGES.html", "widget/CHANGES.html")
    }
    assert related == {
        "gizmo/CHANGES.html": [],  # Gizmo 2.0.0 has no note
        "widget/CHANGES.html": ["Announcement: Widget 2.0.0 is out"],
    }
    note = soup(app, "notes/widget-2.0.0.html").select_one("p.releases-related")
    assert words(note) == "Changelog: 2.0.0"
    assert note.a["href"] == "../widget/CHANGES.html#release-2-0-0"
    # one feed entry per release: the note for Widget 2.0.0, a section for every other
    atom = (Path(app.outdir) / "releases.atom").read_text(encoding="utf-8")
    assert atom.count("<entry>") == 6
    assert "widget/CHANGES.md#release-2-0-0" not in atom
    assert "gizmo/CHANGES.md#release-2-0-0" in atom
