"""Markdown files are pages as the project's configuration says; notes are pages either way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import build, warnings_of


def test_a_rest_project_reads_its_markdown_notes_and_no_other_markdown_file(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("rest-only")
    app = build(make_app, srcdir)
    assert warnings_of(app) == []
    assert "notes/orbit-5-0-0" in app.env.all_docs
    assert "README" not in app.env.all_docs
    outdir = Path(app.outdir)
    assert (outdir / "notes" / "orbit-5-0-0.html").exists()
    assert not (outdir / "README.html").exists()
    assert "A smaller download" in (outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "overrides",
    [
        {"extensions": ["sphinxcontrib_releases", "myst_parser"]},
        {"extensions": ["myst_parser", "sphinxcontrib_releases"]},
        {"source_suffix": {".rst": "restructuredtext", ".md": "markdown"}},
    ],
    ids=["myst_parser-after", "myst_parser-before", "source_suffix"],
)
def test_a_project_that_asks_for_markdown_pages_gets_every_one(
    make_app: Any, project: Callable[[str], Path], overrides: dict[str, Any]
) -> None:
    srcdir = project("rest-only")
    app = build(make_app, srcdir, confoverrides=overrides)
    assert {"README", "notes/orbit-5-0-0"} <= set(app.env.all_docs)
    assert (Path(app.outdir) / "README.html").exists()
    # Sphinx's own word on a page outside every toctree: the README is the project's page now
    assert [w for w in warnings_of(app) if "README" in w]


def test_a_markdown_page_read_before_goes_when_the_project_stops_asking(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("rest-only")
    build(make_app, srcdir, confoverrides={"extensions": ["sphinxcontrib_releases", "myst_parser"]})
    app = build(make_app, srcdir)
    assert "README" not in app.env.all_docs
    assert "notes/orbit-5-0-0" in app.env.all_docs
