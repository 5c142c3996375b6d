from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
ANNOUNCEMENTS = Path(__file__).parent / "fixtures" / "announcements"
"""Four announcements in the shape of real ones (discourse-export Markdown, blog front matter)."""


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def project(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a test root to a fresh folder of its own (for builds that edit notes)."""

    def copy(name: str, where: str = "src") -> Path:
        target = tmp_path / where
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return copy


def build(make_app: Any, srcdir: Path, builder: str = "html", **kwargs: Any) -> Any:
    """Build a project (in ``srcdir/_build``) and return the application."""
    app = make_app(builder, srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()  # so that the next application of the same test starts clean
    return app


def outputs(outdir: Path, suffixes: tuple[str, ...] = (".html",)) -> dict[str, str]:
    """Every written page by relative path (static assets and the search index left out)."""
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
        for p in sorted(outdir.rglob("*"))
        if p.suffix in suffixes and "_static" not in p.parts and "_sources" not in p.parts
    }


def rewrite(path: Path, content: str | bytes) -> None:
    """Write a file and make sure its modification time moves on, as an editor's save would:
    file systems with coarse timestamps could otherwise hide the change from the build."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    if path.stat().st_mtime_ns <= before:
        stamp = before + 1_000_000
        os.utime(path, ns=(stamp, stamp))


def bodies(outdir: Path) -> dict[str, str]:
    """The main content of every HTML page.

    Sphinx itself leaves two things stale on incremental builds, with or without this extension:
    the previous/next links of a removed page's neighbours, and the removed page's old output
    file. Comparing the page bodies of the pages in use leaves those out.
    """
    from bs4 import BeautifulSoup

    found = {}
    for name, html in outputs(outdir).items():
        main = BeautifulSoup(html, "html.parser").select_one("[role=main]")
        found[name] = str(main)
    return found


def same_site(incremental: Path, fresh: Path) -> None:
    """Assert that an incremental build's pages equal a fresh build's."""
    ours, theirs = bodies(incremental), bodies(fresh)
    assert {name: ours.get(name) for name in theirs} == theirs


HANG = 20.0
"""Seconds after which hostile input counts as a hang. These checks guard against regular
expressions that backtrack catastrophically (minutes to hours on the inputs used), not against
slowness: speed is measured by the benchmarks, never asserted in tests."""


def finishes(action: Callable[[], object]) -> None:
    """Assert that ``action`` returns without hanging (see :data:`HANG`)."""
    started = time.perf_counter()
    action()
    assert time.perf_counter() - started < HANG


def release_inventory(outdir: str | Path, base: str = "https://example.org/") -> dict[str, str]:
    """The address of each release in a build's ``objects.inv``, as another project sees it.

    ``InventoryFile.load`` reads a stream on every Sphinx from 8.0 (``loads`` came with 8.2);
    its entries are tuples before 8.2 and objects with attributes from it.
    """
    import posixpath

    from sphinx.util.inventory import InventoryFile

    with (Path(outdir) / "objects.inv").open("rb") as stream:
        data = InventoryFile.load(stream, base, posixpath.join)
    return {
        name: entry.uri if hasattr(entry, "uri") else entry[2]
        for name, entry in data["releases:release"].items()
    }


def warnings_of(app: Any) -> list[str]:
    return [
        line for line in app.warning.getvalue().splitlines() if "WARNING" in line or "ERROR" in line
    ]
