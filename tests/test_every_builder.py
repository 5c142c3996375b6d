"""Every builder, from note pages and embeds of real-looking notes, on reST and MyST hosts.

The notes of ``test-builders`` are shaped like real announcements: a front matter title over
``##`` sections, a heading that is only ``#`` and blanks, one that is only an empty link, one
that is only ``**``, reST titles of markup only; its changelog has such headings too. Each is a
page and is embedded, from reST and from MyST (directly and through ``{eval-rst}``, the same
note twice).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from tests.conftest import ANNOUNCEMENTS, ROOTS, bodies, build, outputs, warnings_of

BUILDERS = {
    "html": (".html",),
    "dirhtml": (".html",),
    "singlehtml": (".html",),
    "latex": (".tex",),
    "text": (".txt",),
    "man": (".1",),
    "texinfo": (".texi",),
    "epub": (".xhtml",),
}

#: What stands under each empty heading of the notes: kept, whatever the builder.
UNDER_EMPTY_HEADINGS = (
    "Download it from the usual places",  # under "#   "
    "The migration notes moved to the wiki",  # under "## [](https://...#anchor)"
    "Known issues are listed in the tracker",  # under "## **"
    "Everything below this line",  # under a reST title "\ "
    "The full change log is on the website",  # under a reST title that is an empty link
    "A converter is included",  # under "##"
    "Written before the heading above lost its words",  # a changelog's "###   "
    "Orbit no longer asks twice",  # a changelog's "### **"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], SphinxTestApp]:
    """Each builder's build of ``test-builders``, made once for the module (they are slow)."""
    apps: dict[str, SphinxTestApp] = {}

    def get(builder: str) -> SphinxTestApp:
        if builder not in apps:
            srcdir = tmp_path_factory.mktemp(builder) / "src"
            shutil.copytree(ROOTS / "test-builders", srcdir)
            apps[builder] = build(_make, srcdir, builder, confoverrides={"nitpicky": True})
        return apps[builder]

    return get


def _make(*args: Any, **kwargs: Any) -> SphinxTestApp:
    return SphinxTestApp(*args, status=StringIO(), warning=StringIO(), **kwargs)


def _warnings(app: SphinxTestApp) -> list[str]:
    """The warnings, uncoloured. MyST-Parser 4 locates a page's own warnings by the page's path
    where Sphinx 8 expects a docname (and adds ``.rst`` to it): that is undone here, so that
    the lowest supported versions are held to the same list."""
    return [
        re.sub(r"\.md\.rst:", ".md:", strip_escape_sequences(line)) for line in warnings_of(app)
    ]


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_is_warning_free_and_keeps_what_empty_headings_held(
    built: Callable[[str], SphinxTestApp], builder: str
) -> None:
    app = built(builder)
    assert _warnings(app) == []
    assert app.statuscode == 0
    written = outputs(Path(app.outdir), BUILDERS[builder])
    assert written, builder
    everything = "\n".join(written.values())
    for words in UNDER_EMPTY_HEADINGS:
        assert words in everything, (builder, words)
    for words in ("Orbit 3.2.0 is out", "rc 1", "final", "Mira Castell"):
        assert words in everything, (builder, words)


@pytest.mark.parametrize("builder", ["html", "dirhtml", "epub"])
def test_no_page_has_an_empty_heading_or_a_repeated_id(
    built: Callable[[str], SphinxTestApp], builder: str
) -> None:
    app = built(builder)
    pages = outputs(Path(app.outdir), BUILDERS[builder])
    assert len([name for name in pages if "notes" in name]) == 4
    for name, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
        for heading in soup.select("h1, h2, h3, h4, h5, h6"):
            assert heading.get_text().replace("¶", "").strip(), (name, str(heading))
        repeated = [i for i, n in Counter(t["id"] for t in soup.select("[id]")).items() if n > 1]
        assert repeated == [], name


def test_eval_rst_embeds_get_ids_of_their_own_and_links_find_them(
    built: Callable[[str], SphinxTestApp],
) -> None:
    app = built("html")
    outdir = Path(app.outdir)
    myst = BeautifulSoup((outdir / "myst.html").read_text(encoding="utf-8"), "html.parser")
    # the same note embedded twice through {eval-rst}: two badges, two ids
    badges = myst.select("span.releases-badge.releases-phase-rc")
    assert len(badges) == 2
    assert len({badge["id"] for badge in badges}) == 2
    # the page's own "Highlights" and the note's keep apart
    assert len(myst.select("#highlights")) == 1
    checked = 0
    for page in ("index.html", "myst.html"):
        soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("[role=main] a.reference.internal[href*='#']"):
            target, anchor = link["href"].split("#", 1)
            html = (outdir / (target or page)).read_text(encoding="utf-8")
            assert f'id="{anchor}"' in html, (page, link["href"])
            checked += 1
    assert checked >= 3  # the release role's links at least


def test_warnings_from_embedded_notes_name_the_note_and_its_line(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("note-warnings")
    app = build(make_app, srcdir)
    found = _warnings(app)
    markdown = str(srcdir / "notes" / "orbit-4-0-0.md")
    rest = str(srcdir / "notes" / "orbit-4-1-0.rst")
    located = Counter(re.sub(r": (WARNING|ERROR): .*? \[", " [", line) for line in found)
    assert located == {
        # the note page, the whole note embedded twice (reST and MyST), and its summary
        f"{markdown}:9 [myst.role_unknown]": 4,
        # a warning the note deserves is kept: its own levels jump from ## to ####
        f"{markdown}:13 [myst.header]": 3,
        # the note page and two embeds, one of them through {eval-rst}
        f"{rest}:6 [docutils]": 3,
    }


@pytest.mark.parametrize("builder", BUILDERS)
def test_real_announcements_build_with_every_builder(tmp_path: Path, builder: str) -> None:
    """The announcements of the fixtures, as pages and embedded: alpha 4 and alpha 6 have
    headings of ``#`` and blanks (texinfo stopped on them), rc 1 headings that open with an
    empty link."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-announcements", srcdir)
    shutil.copytree(ANNOUNCEMENTS, srcdir / "notes")
    app = build(_make, srcdir, builder, confoverrides={"nitpicky": True})
    # the only warning is one the note deserves (its levels jump from # to ###), on its page
    # and where it is embedded
    assert (
        _warnings(app)
        == [
            f"{srcdir / 'notes' / 'alpha-1.md'}:43: WARNING: Non-consecutive header level "
            "increase; H1 to H3 [myst.header]"
        ]
        * 2
    )
    everything = "\n".join(outputs(Path(app.outdir), BUILDERS[builder]).values())
    for words in ("And now for something completely different", "Call to action"):
        assert words in everything, (builder, words)


def test_a_parallel_build_gives_the_same_pages(
    built: Callable[[str], SphinxTestApp], tmp_path: Path
) -> None:
    """Ids given out per page and renamed after {eval-rst} come out the same with ``-j 2``."""
    serial = built("html")
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-builders", srcdir)
    parallel = build(_make, srcdir, confoverrides={"nitpicky": True}, parallel=2)
    assert _warnings(parallel) == []
    assert bodies(Path(parallel.outdir)) == bodies(Path(serial.outdir))
