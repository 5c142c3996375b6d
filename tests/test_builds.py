"""Every builder, incremental rebuilds and parallel builds of a project with notes."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import build, outputs, rewrite, same_site, warnings_of

TEXT_BUILDERS = {
    "text": ".txt",
    "man": ".1",
    "latex": ".tex",
    "texinfo": ".texi",
}


@pytest.mark.parametrize("builder", [*TEXT_BUILDERS, "epub", "singlehtml", "dirhtml"])
def test_every_builder_shows_the_badges(
    make_app: Any, project: Callable[[str], Path], builder: str
) -> None:
    srcdir = project("basic")
    app = build(
        make_app,
        srcdir,
        builder,
        confoverrides={"version": "1", "copyright": "2032, tests", "nitpicky": True},
    )
    assert warnings_of(app) == []
    suffixes = (TEXT_BUILDERS.get(builder, ".html"), ".xhtml")
    written = "\n".join(outputs(Path(app.outdir), suffixes).values())
    for words in ("alpha 1", "beta 1", "rc 1", "4.1.3 · final", "Ada Example"):
        assert words in written, (builder, words)


def _edit_outside_note(srcdir: Path) -> None:
    note = srcdir / "changelog.d" / "4.2.0rc1.md"
    rewrite(note, note.read_text(encoding="utf-8").replace("first candidate", "opening candidate"))


def _add_note(srcdir: Path) -> None:
    rewrite(
        srcdir / "changelog.d" / "4.2.0rc2.md",
        "---\ntitle: Python 4.2.0 release candidate 2 is out\ndate: 2032-04-01\n---\n\nA fix.\n",
    )


def _remove_note_page(srcdir: Path) -> None:
    (srcdir / "notes" / "sprint.md").unlink()


def _draft_note_page(srcdir: Path) -> None:
    note = srcdir / "notes" / "4.2.0a2.md"
    rewrite(note, note.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1))


def _retitle_note_page(srcdir: Path) -> None:
    note = srcdir / "notes" / "4.2.0a2.md"
    rewrite(note, note.read_text(encoding="utf-8").replace("alpha 2 is out", "alpha 2 has shipped"))


@pytest.mark.parametrize(
    "change",
    [_edit_outside_note, _add_note, _remove_note_page, _retitle_note_page, _draft_note_page],
)
def test_incremental_build_equals_fresh_build(
    make_app: Any, project: Callable[..., Path], change: Callable[[Path], None]
) -> None:
    srcdir = project("basic", "incremental")
    build(make_app, srcdir)
    time.sleep(0.01)
    change(srcdir)
    again = build(make_app, srcdir)
    assert "[new config]" not in again.status.getvalue()
    fresh_dir = project("basic", "fresh")
    change(fresh_dir)
    fresh = build(make_app, fresh_dir)
    same_site(Path(again.outdir), Path(fresh.outdir))


def test_edit_rereads_only_the_pages_that_render_the_note(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("basic")
    build(make_app, srcdir)
    _edit_outside_note(srcdir)
    again = build(make_app, srcdir)
    status = again.status.getvalue()
    assert "0 added, 2 changed, 0 removed" in status  # index and embedded embed it
    assert "opening candidate" in (Path(again.outdir) / "index.html").read_text(encoding="utf-8")


def test_unchanged_rebuild_reads_nothing(make_app: Any, project: Callable[[str], Path]) -> None:
    srcdir = project("basic")
    build(make_app, srcdir)
    again = build(make_app, srcdir)
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()


def test_parallel_build_equals_serial_build(make_app: Any, project: Callable[..., Path]) -> None:
    serial = build(make_app, project("basic", "serial"))
    parallel = build(make_app, project("basic", "parallel"), parallel=2)
    assert warnings_of(parallel) == []
    assert outputs(Path(parallel.outdir)) == outputs(Path(serial.outdir))
    assert (Path(parallel.outdir) / "objects.inv").read_bytes() == (
        Path(serial.outdir) / "objects.inv"
    ).read_bytes()


def test_notes_outside_the_source_directory(make_app: Any, tmp_path: Path, rootdir: Path) -> None:
    """A ``changelog.d/`` next to ``docs/``: embedded, tracked, and re-read when edited."""
    import shutil

    srcdir = tmp_path / "docs"
    shutil.copytree(rootdir / "test-basic", srcdir)
    shutil.move(srcdir / "changelog.d", tmp_path / "changelog.d")
    embedded = srcdir / "embedded.rst"
    embedded.write_text(
        embedded.read_text(encoding="utf-8").replace(":file: changelog.d", ":file: ../changelog.d"),
        encoding="utf-8",
    )
    overrides = {"releases_notes": ["notes/*.md", "notes/*.rst", "../changelog.d/*.md"]}
    first = build(make_app, srcdir, confoverrides=overrides)
    assert warnings_of(first) == []
    assert "The first candidate" in (Path(first.outdir) / "index.html").read_text(encoding="utf-8")
    _edit_outside_note(tmp_path)
    again = build(make_app, srcdir, confoverrides=overrides)
    assert "0 added, 2 changed, 0 removed" in again.status.getvalue()
    assert "opening candidate" in (Path(again.outdir) / "index.html").read_text(encoding="utf-8")
