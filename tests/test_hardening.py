"""Hostile input: every bad note is one located warning, and everything else still renders.

Reader-level checks run without Sphinx; build-level checks copy ``tests/roots/test-hostile`` to a
fresh folder, add the bad file there, and compare the pages that have nothing to do with it to
those of a clean build.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sphinx
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_releases.features import extract_features
from sphinxcontrib_releases.frontmatter import MAX_YAML_DEPTH, MAX_YAML_NODES, for_myst
from sphinxcontrib_releases.model import Announcement
from sphinxcontrib_releases.peps import find_peps
from sphinxcontrib_releases.reader import ReaderOptions, read_bytes, read_note, read_text
from sphinxcontrib_releases.versions import releases_in_text
from tests.conftest import ROOTS, build, finishes, rewrite, warnings_of

#: Pages of the hostile root that no bad note touches (``index`` lists the notes' pages).
UNRELATED = ("guide.html", "notes/8.0.0.html", "notes/8.1.0b1.html")

GOOD_NOTE = (
    "---\ntitle: Lantern 8.2.0 is out\ndate: 2044-09-01\nauthor: Ines Sample\n---\n\n"
    "The 8.2 series begins.\n\n# Highlights\n\n-   Lanterns hum when the oil runs low.\n"
)

LAUGHS = (
    "---\ntitle: Lantern 8.2.0 is out\nl0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]\n"
    + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))
)
"""Nine lines that expand to 9**9 values once the aliases are copied."""


# -- helpers ---------------------------------------------------------------------------------------


def hostile(tmp_path: Path, name: str = "src") -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    return srcdir


def put(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def plain(line: str) -> str:
    """A warning line without Sphinx's colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", line)


def warnings(app: Any) -> list[str]:
    """The build's warnings, but for those of notes without a date, which the feeds leave out
    (``releases.no_date``; see test_plain_collection.py): these tests are about other faults,
    and many of their notes have no date."""
    return [plain(line) for line in warnings_of(app) if "[releases.no_date]" not in line]


def releases_warnings(app: Any) -> list[str]:
    return [line for line in warnings(app) if "[releases." in line]


def no_traceback(app: Any) -> None:
    logged = app.status.getvalue() + app.warning.getvalue()
    assert "Traceback" not in logged
    assert "Exception occurred" not in logged


def main_of(outdir: Path, page: str) -> str:
    html = (outdir / page).read_text(encoding="utf-8")
    return str(BeautifulSoup(html, "html.parser").select_one("[role=main]"))


def text_of(outdir: Path, page: str) -> str:
    html = (outdir / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("[role=main]").get_text(" ", strip=True)


def one_warning(app: Any, path: Path, line: int, subtype: str) -> str:
    """The one ``releases`` warning of a build: about ``path`` at ``line``, of ``subtype``."""
    (warning,) = releases_warnings(app)
    assert warning.startswith(f"{path}:{line}: WARNING: "), warning
    assert warning.endswith(f"[releases.{subtype}]"), warning
    return warning


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The main content of each page of a clean build of the hostile root."""
    srcdir = hostile(tmp_path_factory.mktemp("reference"))
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        assert warnings(app) == []
        outdir = Path(app.outdir)
        return {page: main_of(outdir, page) for page in ("index.html", *UNRELATED)}
    finally:
        app.cleanup()


def same_pages(app: Any, reference: dict[str, str], pages: tuple[str, ...]) -> None:
    outdir = Path(app.outdir)
    for page in pages:
        assert main_of(outdir, page) == reference[page], page


# -- notes that are left out -----------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"

SKIPPED = [
    pytest.param(
        "8.2.0.md",
        b"---\ntitle: Lantern 8.2.0 for caf\xe9s\n---\n\nBody.\n",
        2,
        "encoding",
        "not valid UTF-8 (byte 0xe9",
        id="latin-1",
    ),
    pytest.param(
        "8.2.0.rst",
        b":date: 2044-09-01\n\nLantern 8.2.0\n=============\n\n\xff\xfe broken\n",
        6,
        "encoding",
        "not valid UTF-8",
        id="rst-not-utf8",
    ),
    pytest.param("8.2.0.md", PNG, 1, "encoding", "binary", id="binary"),
    pytest.param("8.2.0.md", b"", 1, "empty", "note is empty", id="empty"),
    pytest.param("8.2.0.md", b"\n  \n\t\n", 1, "empty", "note is empty", id="blank"),
    pytest.param("8.2.0.md", b"\xef\xbb\xbf", 1, "empty", "note is empty", id="bom-only"),
    pytest.param(
        "8.2.0.md",
        b"---\ntitle: Lantern 8.2.0 is out\ndate: 2044-09-01\n\nThe body.\n",
        1,
        "front_matter",
        "never closed",
        id="unclosed",
    ),
    pytest.param(
        "8.2.0.md",
        b"---\ntitle: Lantern 8.2.0 is out\nauthor: [Ines Sample\n---\n\nBody.\n",
        3,
        "front_matter",
        "front matter is not YAML",
        id="not-yaml",
    ),
    pytest.param(
        "8.2.0.md",
        b"---\ntitle: Lantern 8.2.0 is out\n\tauthor: Ines\n---\n\nBody.\n",
        3,
        "front_matter",
        "front matter is not YAML",
        id="tab-indent",
    ),
    pytest.param(
        "8.2.0.md",
        b"---\n- Lantern 8.2.0 is out\n- 2044-09-01\n---\n\nBody.\n",
        2,
        "front_matter",
        "not a list",
        id="yaml-list",
    ),
    pytest.param(
        "8.2.0.md",
        b"---\nLantern 8.2.0 is out\n---\n\nBody.\n",
        2,
        "front_matter",
        "not a single value",
        id="yaml-scalar",
    ),
    pytest.param(
        "8.2.0.md",
        (LAUGHS + "---\n\nBody.\n").encode(),
        7,  # l4: 9**5 values
        "front_matter",
        f"more than {MAX_YAML_NODES} values",
        id="billion-laughs",
    ),
    pytest.param(
        "8.2.0.md",
        (
            "---\ntitle: Lantern 8.2.0\nx: "
            + "[" * (MAX_YAML_DEPTH + 10)
            + "]" * (MAX_YAML_DEPTH + 10)
            + "\n---\n"
        ).encode(),
        3,
        "front_matter",
        f"deeper than {MAX_YAML_DEPTH} levels",
        id="deep-flow",
    ),
    pytest.param(
        "8.2.0.md",
        ("---\ntitle: Lantern 8.2.0\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\n").encode(),
        3,
        "front_matter",
        # Which check refuses this first depends on the YAML library: from PyYAML 6.0.4, libyaml
        # stops at a nesting limit of its own while it scans ahead, in its own words, before the
        # reader's walk of the events is that deep. Either way the note is skipped, with our
        # subtype and the line of ``x``: only our part of the message is asserted.
        "; note skipped",
        id="very-deep-flow",
    ),
    pytest.param(
        "8.2.0.md",
        ("---\ntitle: Lantern 8.2.0\nx:\n" + "- " * 100_000 + "leaf\n---\n").encode(),
        4,
        "front_matter",
        f"deeper than {MAX_YAML_DEPTH} levels",
        id="deep-block",
    ),
    pytest.param(
        "8.2.0.md",
        b"---\ntitle: Lantern 8.2.0\nloop: &loop [a, *loop]\n---\n",
        3,
        "front_matter",
        "contains itself",
        id="recursive-alias",
    ),
]


@pytest.mark.parametrize(("name", "data", "line", "subtype", "words"), SKIPPED)
def test_reader_skips_an_unusable_note(
    name: str, data: bytes, line: int, subtype: str, words: str
) -> None:
    syntax = "rst" if name.endswith(".rst") else "markdown"
    note = read_bytes(data, f"notes/{name}", syntax=syntax)
    assert not note.readable
    assert note.releases == ()
    ((kind, message, at),) = [(str(p.subtype), p.message, p.line) for p in note.problems]
    assert (kind, at) == (subtype, line)
    assert words in message
    assert len(message) < 200


def test_build_leaves_every_unusable_note_out(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    srcdir = hostile(tmp_path)
    expected = {}
    for case in SKIPPED:
        name, data, line, subtype, words = case.values
        bad = put(srcdir / "notes" / f"{case.id}{Path(str(name)).suffix}", bytes(data))
        expected[bad] = (line, subtype, words)
    app = build(make_app, srcdir)
    no_traceback(app)
    found = releases_warnings(app)
    assert warnings(app) == found  # not even Sphinx or MyST complain
    assert len(found) == len(expected)
    for bad, (line, subtype, words) in expected.items():
        (warning,) = [w for w in found if w.startswith(f"{bad}:")]
        assert warning.startswith(f"{bad}:{line}: WARNING: "), warning
        assert warning.endswith(f"[releases.{subtype}]"), warning
        assert words in warning
        assert not (Path(app.outdir) / "notes" / f"{bad.stem}.html").exists()
    # the other pages, the index with its toctree included, are as if the notes were not there
    same_pages(app, reference, ("index.html", *UNRELATED))


def test_undecodable_page_is_kept_from_sphinx(make_app: Any, tmp_path: Path) -> None:
    """Sphinx alone stops on an undecodable page (Sphinx 9) or shows it with ``?`` for the
    bytes under a warning of its own (Sphinx 8); the extension keeps it from Sphinx's reader
    on either, and says why at the byte's line."""
    page = b"---\ntitle: Caf\xe9\n---\n"
    alone = hostile(tmp_path, "alone")
    put(alone / "notes" / "8.2.0.md", page)
    (alone / "conf.py").write_text(
        'project = "Without the extension"\nextensions = ["myst_parser"]\n'
        'exclude_patterns = ["_build", "changelog.d"]\n',
        encoding="utf-8",
    )
    (alone / "index.rst").write_text(
        "Plain\n=====\n\n.. toctree::\n   :glob:\n\n   notes/*\n", encoding="utf-8"
    )
    if sphinx.version_info >= (9,):
        with pytest.raises(UnicodeDecodeError):
            build(make_app, alone)
    else:
        located = f"{alone / 'notes' / '8.2.0.md'}:2: WARNING: undecodable source characters"
        assert any(w.startswith(located) for w in warnings(build(make_app, alone)))

    srcdir = hostile(tmp_path)
    bad = put(srcdir / "notes" / "8.2.0.md", page)
    app = build(make_app, srcdir)
    no_traceback(app)
    assert "not valid UTF-8 (byte 0xe9" in one_warning(app, bad, 2, "encoding")
    assert warnings(app) == releases_warnings(app)
    assert not (Path(app.outdir) / "notes" / "8.2.0.html").exists()


def test_too_large_note_is_skipped(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    srcdir = hostile(tmp_path)
    big = put(srcdir / "notes" / "8.2.0.md", GOOD_NOTE + "\nFiller words.\n" * 100)
    size = big.stat().st_size
    app = build(make_app, srcdir, confoverrides={"releases_max_note_bytes": 1000})
    no_traceback(app)
    warning = one_warning(app, big, 1, "too_large")
    assert f"{size} bytes, above the limit of 1000" in warning
    assert warnings(app) == [warning]
    assert not (Path(app.outdir) / "notes" / "8.2.0.html").exists()
    same_pages(app, reference, ("index.html", *UNRELATED))


def test_too_large_note_is_not_even_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = put(tmp_path / "big.md", "x" * 5000)

    def refuse(self: Path) -> bytes:
        raise AssertionError("read a note above the limit")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    note = read_note(big, ReaderOptions(max_bytes=4096))
    assert [str(p.subtype) for p in note.problems] == ["too_large"]
    assert not note.readable


# -- notes with a bad value keep everything else ---------------------------------------------------

KEPT = [
    pytest.param(
        "---\ntitle: Lantern 8.2.0 is out\nversion: eight point two\n---\n\nBody.\n",
        3,
        "version",
        "'eight point two' is not a PEP 440 version",
        (),
        id="version-not-pep440",
    ),
    pytest.param(
        "---\ntitle: Lantern 8.2.0 is out\nversions: [8.2.0, 8.1.1, '8.2.0']\n---\n\nBody.\n",
        3,
        "version",
        "version 8.2.0 is listed twice",
        ("8.2.0", "8.1.1"),
        id="version-listed-twice",
    ),
    pytest.param(
        "---\ntitle: Lantern 8.2.0 is out\ndate: next tuesday\n---\n\nBody.\n",
        3,
        "date",
        "'date' is not a date: 'next tuesday'",
        ("8.2.0",),
        id="date-not-a-date",
    ),
    pytest.param(
        "---\ntitle: Lantern 8.2.0 is out\ndate: '2044-02-30'\n---\n\nBody.\n",
        3,
        "date",
        "'date' is not a date: '2044-02-30'",
        ("8.2.0",),
        id="date-out-of-range",
    ),
    pytest.param(
        "---\ntitle: Lantern 8.2.0 is out\nauthor: Ines Sample\nphase: gamma\n---\n\nBody.\n",
        4,
        "phase",
        "unknown phase 'gamma'",
        ("8.2.0",),
        id="unknown-phase",
    ),
    pytest.param(
        "---\ntitle: Lantern 8.2.0 is out\nphase: beta\n---\n\nBody.\n",
        3,
        "phase",
        "phase 'beta' contradicts version 8.2.0 (final)",
        ("8.2.0",),
        id="contradicting-phase",
    ),
    pytest.param(
        "---\ntitle: 8200\ntags: {a: b}\n---\n\nLantern 8.2.0 is out.\n",
        3,
        "field",
        "'tags' should be a list, not {'a': 'b'}",
        ("8.2.0",),
        id="tags-mapping",
    ),
]


@pytest.mark.parametrize(("text", "line", "subtype", "message", "released"), KEPT)
def test_reader_keeps_a_note_with_a_bad_value(
    text: str, line: int, subtype: str, message: str, released: tuple[str, ...]
) -> None:
    note = read_text(text, "notes/8.2.0.md")
    assert note.readable
    assert [(str(p.subtype), p.message, p.line) for p in note.problems] == [
        (subtype, message, line)
    ]
    assert tuple(r.version for r in note.releases) == released


def test_build_keeps_every_note_with_a_bad_value(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    srcdir = hostile(tmp_path)
    expected = {}
    for number, case in enumerate(KEPT, start=10):
        text, line, subtype, message, _released = (
            str(v).replace("8.2.0", f"8.2.{number}") for v in case.values
        )
        bad = put(srcdir / "notes" / f"{case.id}.md", text)
        expected[bad] = f"{bad}:{line}: WARNING: {message} [releases.{subtype}]"
    app = build(make_app, srcdir)
    no_traceback(app)
    assert sorted(warnings(app)) == sorted(expected.values())
    for bad in expected:
        page = text_of(Path(app.outdir), f"notes/{bad.stem}.html")
        assert "Body." in page or "is out." in page
    same_pages(app, reference, UNRELATED)


def test_a_value_yaml_cannot_build_leaves_only_that_key_out(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    srcdir = hostile(tmp_path)
    bad = put(
        srcdir / "notes" / "8.2.0.md",
        "---\ntitle: Lantern 8.2.0 is out\nauthor: Ines Sample\ndate: 2044-02-30\n---\n\nBody.\n",
    )
    note = read_note(bad)
    assert note.title == "Lantern 8.2.0 is out"
    assert note.author == "Ines Sample"
    assert note.date is None
    app = build(make_app, srcdir)
    no_traceback(app)
    assert "day is out of range for month" in one_warning(app, bad, 4, "front_matter")
    # MyST reads the page without that key: no word of its own, and no crash (MyST 4)
    assert warnings(app) == releases_warnings(app)
    assert app.env.metadata["notes/8.2.0"]["author"] == "Ines Sample"
    assert "Lantern 8.2.0 is out" in text_of(Path(app.outdir), "notes/8.2.0.html")
    same_pages(app, reference, UNRELATED)


# -- front matter that MyST, reading the same page, would stop on ----------------------------------

#: Entries the reader leaves out with a warning (line 3 of each note), and that stop the build
#: inside MyST's own reading of a note page: PyYAML cannot build them, and MyST 4 lets all but
#: syntax errors through (MyST 5.2 still lets a ``KeyError`` and an ``AttributeError`` through).
MYST_STOPS = {
    "impossible-date": "date: 2044-02-30",
    "impossible-month": "date: 2044-13-01",
    "impossible-datetime": "updated: 2044-02-30 10:00:00",
    "year-zero": "date: 0000-01-01",
    "bad-bool": "payload: !!bool maybe",
    "bad-timestamp": "payload: !!timestamp soon",
    "bad-int": "payload: !!int many",
    "unhashable-key": "[a, b]: payload",
    "huge-int": "payload: 1" + "0" * 5000,
}
#: Entries the reader takes as they are, that MyST 4 cannot write as page metadata (JSON).
MYST_UNWRITABLE = {
    "dates-in-a-list": "milestones: [2044-09-01, 2044-09-02]",
    "date-in-a-mapping": "payload: {when: 2044-09-01}",
    "bytes": "payload: !!binary aGVsbG8=",
    "set": "payload: !!set {a: null}",
}


def test_front_matter_myst_would_stop_on_is_kept_from_it(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    srcdir = hostile(tmp_path)
    pages = {}
    for number, (name, entry) in enumerate({**MYST_STOPS, **MYST_UNWRITABLE}.items(), start=10):
        text = f"---\ntitle: Lantern 8.2.{number} is out\n{entry}\nauthor: Ines Sample\n---\n"
        pages[name] = put(srcdir / "notes" / f"{name}.md", text + "\nBody.\n")
    app = build(make_app, srcdir)
    no_traceback(app)
    found = releases_warnings(app)
    assert warnings(app) == found  # MyST has nothing to say: it never sees those entries
    assert len(found) == len(MYST_STOPS)
    for name, path in pages.items():
        if name in MYST_STOPS:
            (warning,) = [w for w in found if w.startswith(f"{path}:")]
            assert warning.startswith(f"{path}:3: WARNING: front matter value left out: ")
            assert warning.endswith("[releases.front_matter]")
        assert "Body." in text_of(Path(app.outdir), f"notes/{name}.html")
        # the entries MyST can take still become the page's metadata
        assert app.env.metadata[f"notes/{name}"]["author"] == "Ines Sample"
    same_pages(app, reference, UNRELATED)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("---\ndate: 2044-02-30\nauthor: I\n---\nBody\n", "---\n#\nauthor: I\n---\nBody\n"),
        ("---\na: |\n  x\n  y\nb: !!bool no way\n---\n", "---\na: |\n  x\n  y\n#\n---\n"),
        ("---\nd: [2044-01-01,\n  2044-01-02]\na: 1\n---\n", "---\n#\n#\na: 1\n---\n"),
        ("---\r\nd: 2044-02-30\r\na: 1\r\n---\r\n", "---\n#\na: 1\n---\n"),
        # entries sharing lines, or naming a hidden one, are hidden together
        ("---\n{a: 1,\n d: 2044-02-30}\n---\n", "---\n{}\n#\n---\n"),
        ("---\nb: &b {d: 2044-02-30}\nc: *b\n---\n", "---\n{}\n#\n---\n"),
        # a closing fence every MyST reads as one
        ("---\na: 1\n...\nBody\n", "---\na: 1\n---\nBody\n"),
        ("---\na: 1\n--- \t\nBody\n", "---\na: 1\n---\nBody\n"),
        ("---\na: 1\n---\nBody\n", None),
        ("Body\n", None),
        ("---\na: [1\n---\n", None),  # not YAML: the note is skipped, never read by Sphinx
    ],
)
def test_myst_is_given_front_matter_it_can_read(text: str, shown: str | None) -> None:
    assert for_myst(text) == shown
    if shown is not None:  # line for line: MyST's line numbers stay the file's
        assert shown.count("\n") == text.replace("\r\n", "\n").count("\n")


PAYLOADS = (
    '!!python/object/apply:builtins.open ["{marker}", "w"]',
    '!!python/object/new:builtins.open ["{marker}", "w"]',
    '!!python/object/apply:os.system ["touch {marker}"]',
    "!!python/name:os.system",
    "!!python/module:os",
)


def test_yaml_tags_never_construct_anything(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    marker = tmp_path / "constructed"
    srcdir = hostile(tmp_path)
    notes = []
    for number, payload in enumerate(PAYLOADS, start=10):
        notes.append(
            put(
                srcdir / "notes" / f"8.2.{number}.md",
                f"---\ntitle: Lantern 8.2.{number} is out\n"
                f"payload: {payload.format(marker=marker)}\n---\n\nBody.\n",
            )
        )
        note = read_note(notes[-1])
        assert note.title == f"Lantern 8.2.{number} is out"
        assert note.extra == ()
    app = build(make_app, srcdir)
    no_traceback(app)
    found = releases_warnings(app)
    assert len(found) == len(notes)
    for note_path in notes:
        (warning,) = [w for w in found if w.startswith(f"{note_path}:")]
        assert warning.startswith(f"{note_path}:3: WARNING: front matter value left out: ")
        assert "could not determine a constructor" in warning
    assert not marker.exists()
    same_pages(app, reference, UNRELATED)


# -- encodings and line ends -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "newline"),
    [("\ufeff", "\n"), ("", "\r\n"), ("\ufeff", "\r\n"), ("", "\r")],
    ids=["bom", "crlf", "bom-crlf", "cr"],
)
@pytest.mark.parametrize("syntax", ["markdown", "rst"])
def test_reader_sees_through_bom_and_line_ends(prefix: str, newline: str, syntax: str) -> None:
    text = GOOD_NOTE if syntax == "markdown" else RST_NOTE
    expected = read_text(text, "n", syntax=syntax)
    data = (prefix + text.replace("\n", newline)).encode("utf-8")
    note = read_bytes(data, "n", syntax=syntax)
    assert note == expected
    assert note.problems == ()
    assert note.features == expected.features  # with the same lines


RST_NOTE = (
    ":date: 2044-09-01\n:author: Otto Example\n\nLantern 8.2.0 is out\n====================\n\n"
    "New features\n------------\n\n- Lanterns hum when the oil runs low.\n"
)


def test_build_reads_bom_and_every_line_end(make_app: Any, tmp_path: Path) -> None:
    srcdir = hostile(tmp_path)
    cases = {
        "8.2.0": "\ufeff" + GOOD_NOTE.replace("\n", "\r\n"),
        "8.2.1": GOOD_NOTE.replace("8.2.0", "8.2.1").replace("\n", "\r"),
        "8.2.2": "\ufeff" + GOOD_NOTE.replace("8.2.0", "8.2.2"),
    }
    for name, text in cases.items():
        put(srcdir / "notes" / f"{name}.md", text)
    put(srcdir / "notes" / "8.2.3.rst", RST_NOTE.replace("8.2.0", "8.2.3").replace("\n", "\r\n"))
    app = build(make_app, srcdir, confoverrides={"nitpicky": True})
    no_traceback(app)
    assert warnings(app) == []
    outdir = Path(app.outdir)
    for name in (*cases, "8.2.3"):
        page = BeautifulSoup((outdir / "notes" / f"{name}.html").read_text("utf-8"), "html.parser")
        assert page.select_one("h1").get_text().rstrip("¶") == f"Lantern {name} is out"
        assert "\ufeff" not in page.get_text()
        items = [li.get_text(strip=True) for li in page.select("[role=main] li")]
        assert items == ["Lanterns hum when the oil runs low."]


# -- the collection: duplicates, patterns, deletions -----------------------------------------------


def test_two_notes_announcing_one_version(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    srcdir = hostile(tmp_path)
    again = put(srcdir / "notes" / "again.md", "---\ntitle: Lantern 8.0.0 again\n---\n\nBody.\n")
    app = build(make_app, srcdir)
    no_traceback(app)
    warning = one_warning(app, again, 1, "duplicate")
    assert f"8.0.0 is also announced by {srcdir / 'notes' / '8.0.0.md'}" in warning
    assert warnings(app) == [warning]
    same_pages(app, reference, UNRELATED)


def test_a_pattern_matching_nothing(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    srcdir = hostile(tmp_path)
    patterns = ["notes/*.md", "notes/*.rst", "changelog.d/*.md", "drafts/**/*.md"]
    app = build(make_app, srcdir, confoverrides={"releases_notes": patterns})
    no_traceback(app)
    (warning,) = warnings(app)
    assert warning.startswith(f"{srcdir / 'conf.py'}:1: WARNING: ")  # set outside conf.py
    assert warning.endswith("pattern 'drafts/**/*.md' matches no file [releases.not_found]")
    same_pages(app, reference, ("index.html", *UNRELATED))


def test_notes_deleted_between_two_builds(make_app: Any, tmp_path: Path) -> None:
    srcdir = hostile(tmp_path)
    first = build(make_app, srcdir, confoverrides={"nitpicky": True})
    assert warnings(first) == []
    (srcdir / "changelog.d" / "8.1.0rc1.md").unlink()  # embedded in the index
    (srcdir / "notes" / "8.1.0b1.rst").unlink()  # a page of its own
    again = build(make_app, srcdir, confoverrides={"nitpicky": True})
    no_traceback(again)
    index, conf = srcdir / "index.rst", srcdir / "conf.py"
    assert sorted(warnings(again)) == [
        f"{conf}:5: WARNING: pattern 'changelog.d/*.md' matches no file [releases.not_found]",
        f"{conf}:5: WARNING: pattern 'notes/*.rst' matches no file [releases.not_found]",
        f"{index}:15: WARNING: release: no note announces 8.1.0rc1 [releases.not_found]",
        f"{index}:4: WARNING: release '8.1.0b1' is not rendered anywhere [releases.reference]",
        f"{index}:4: WARNING: release '8.1.0rc1' is not rendered anywhere [releases.reference]",
    ]
    outdir = Path(again.outdir)
    assert "Lantern 8.0.0 is out" in text_of(outdir, "index.html")
    assert "Flames no longer flicker" not in text_of(outdir, "index.html")
    assert "Reading lamps now dim" in text_of(outdir, "notes/8.0.0.html")


def test_a_page_note_that_turns_unreadable(make_app: Any, tmp_path: Path) -> None:
    srcdir = hostile(tmp_path)
    build(make_app, srcdir)
    note = srcdir / "notes" / "8.0.0.md"
    rewrite(note, note.read_bytes().replace(b"Lantern", b"L\xe4ntern"))
    again = build(make_app, srcdir)
    no_traceback(again)
    one_warning(again, note, 2, "encoding")
    assert "Lantern 8.1.0 beta 1" in text_of(Path(again.outdir), "notes/8.1.0b1.html")


# -- directives ------------------------------------------------------------------------------------

SECRET = "LANTERN-SECRET-MARKER"


@pytest.fixture
def directive_site(make_app: Any, tmp_path: Path) -> tuple[Any, Path]:
    srcdir = hostile(tmp_path)
    put(tmp_path / "secret.md", f"---\ntitle: Lantern 9.9.9 {SECRET}\n---\n\n{SECRET}\n")
    put(
        srcdir / "directives.rst",
        "Directives\n==========\n\n"  # 1-3
        ".. release:: 8.0.0\n   :headings: bogus\n\n"  # 4-6
        ".. release:: 8.0.0\n   :summary: yes please\n\n"  # 7-9
        ".. release::\n   :file: notes/missing.md\n\n"  # 10-12
        ".. release::\n   :file: ../secret.md\n\n"  # 13-15
        ".. release::\n   :file: /etc/passwd\n\n"  # 16-18
        ".. release::\n   :file: guide.md\n\n"  # 19-21
        ".. release:: 8.1.0b1\n   :summary:\n\n"  # 22-23: a good one, still rendered
        f".. release::\n   :file: {'x' * 5000}.md\n",  # 25-26: too long a name for the system
    )
    (srcdir / "index.rst").write_text(
        (srcdir / "index.rst")
        .read_text("utf-8")
        .replace("   guide\n", "   guide\n   directives\n"),
        encoding="utf-8",
    )
    app = build(make_app, srcdir)
    return app, srcdir


def test_directive_options_with_wrong_types(directive_site: tuple[Any, Path]) -> None:
    app, srcdir = directive_site
    no_traceback(app)
    page = srcdir / "directives.rst"
    found = [w for w in releases_warnings(app) if "releases.option" in w]
    assert len(found) == 2
    for warning, line, option, value in (
        (found[0], 4, "headings", "bogus"),
        (found[1], 7, "summary", "yes please"),
    ):
        assert warning.startswith(f"{page}:{line}: WARNING: release: :{option}: ")
        assert value in warning
        assert warning.endswith("; the option is ignored [releases.option]")
    assert "ERROR" not in plain(app.warning.getvalue())
    # both render, as if the bad option were not there
    html = text_of(Path(app.outdir), "directives.html")
    assert html.count("Lantern 8.0.0 is out") == 2


def test_directive_file_outside_the_notes_is_refused(directive_site: tuple[Any, Path]) -> None:
    app, srcdir = directive_site
    page = srcdir / "directives.rst"
    assert [w for w in releases_warnings(app) if str(page) in w and "releases.option" not in w] == [
        f"{page}:10: WARNING: release: 'notes/missing.md' does not exist [releases.not_found]",
        f"{page}:13: WARNING: release: '../secret.md' is not one of the notes matched by "
        "releases_notes [releases.outside]",
        f"{page}:16: WARNING: release: '/etc/passwd' does not exist [releases.not_found]",
        f"{page}:19: WARNING: release: 'guide.md' is not one of the notes matched by "
        "releases_notes [releases.outside]",
        f"{page}:25: WARNING: release: '{'x' * 5000}.md' does not exist [releases.not_found]",
    ]
    for written in Path(app.outdir).rglob("*"):
        if written.is_file() and written.suffix in {".html", ".js", ".json", ".txt", ".xml"}:
            content = written.read_text("utf-8", errors="replace")
            assert SECRET not in content, written
            assert "root:x:0:0" not in content, written


# -- links -----------------------------------------------------------------------------------------


def test_link_outside_the_note_folder_is_refused(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    srcdir = hostile(tmp_path)
    secret = put(tmp_path / "secret.md", f"---\ntitle: Lantern 9.9.9\n---\n\n{SECRET}\n")
    link = srcdir / "notes" / "9.9.9.md"
    link.symlink_to(secret)
    app = build(make_app, srcdir)
    no_traceback(app)
    (warning,) = warnings(app)
    assert f"{link} links outside {srcdir / 'notes'}; refused" in warning
    assert warning.endswith("[releases.outside]")
    outdir = Path(app.outdir)
    assert not (outdir / "notes" / "9.9.9.html").exists()
    assert not any(
        SECRET in p.read_text("utf-8", errors="replace") for p in outdir.rglob("*") if p.is_file()
    )
    same_pages(app, reference, ("index.html", *UNRELATED))


def test_link_loops_neither_hang_nor_duplicate(
    make_app: Any, tmp_path: Path, reference: dict[str, str]
) -> None:
    srcdir = hostile(tmp_path)
    changelog = srcdir / "changelog.d"
    (changelog / "loop").symlink_to(changelog, target_is_directory=True)
    (changelog / "again.md").symlink_to(changelog / "8.1.0rc1.md")
    (changelog / "ping.md").symlink_to(changelog / "pong.md")
    (changelog / "pong.md").symlink_to(changelog / "ping.md")
    patterns = ["notes/*.md", "notes/*.rst", "changelog.d/**/*.md", "changelog.d/*/*.md"]
    app = build(make_app, srcdir, confoverrides={"releases_notes": patterns})  # returns: no hang
    no_traceback(app)
    assert warnings(app) == []  # one note, however many ways lead to it: no duplicate
    same_pages(app, reference, ("index.html", *UNRELATED))


# -- HTML, raw HTML and MyST -----------------------------------------------------------------------


def test_every_note_value_is_escaped(make_app: Any, tmp_path: Path) -> None:
    srcdir = hostile(tmp_path)
    put(
        srcdir / "notes" / "8.2.0.md",
        "---\n"
        "title: 'Lantern 8.2.0 <script>alert(\"title\")</script>'\n"
        "date: 2044-09-01\n"
        "author: '<img src=x onerror=alert(1)> Ines & Co'\n"
        "description: '<iframe src=\"https://evil.example\"></iframe> the description'\n"
        "tags: ['<b>bold</b>', 'a\"quote']\n"
        "---\n\n"
        "Body.\n",
    )
    app = build(make_app, srcdir)
    no_traceback(app)
    outdir = Path(app.outdir)
    page = (outdir / "notes" / "8.2.0.html").read_text("utf-8")
    assert "Lantern 8.2.0 &lt;script&gt;alert" in page
    assert "&lt;img src=x onerror=alert(1)&gt; Ines &amp; Co" in page
    for written in outdir.rglob("*"):
        if written.suffix in {".html", ".xml", ".atom", ".rss"}:
            content = written.read_text("utf-8")
            for raw in ("<script>alert", "<img src=x", "<iframe", "<b>bold"):
                assert raw not in content, (written, raw)


RAW = '<div class="lantern-raw">glow</div>'


@pytest.mark.parametrize(
    ("overrides", "raw_allowed"),
    [({}, True), ({"myst_disable_syntax": ["html_block", "html_inline"]}, False)],
    ids=["myst-default", "myst-html-disabled"],
)
def test_raw_html_follows_the_myst_setting(
    make_app: Any, tmp_path: Path, overrides: dict[str, Any], raw_allowed: bool
) -> None:
    srcdir = hostile(tmp_path)
    put(srcdir / "notes" / "8.2.0.md", GOOD_NOTE + f"\n{RAW}\n")
    put(srcdir / "plain.md", f"# Plain page\n\n{RAW}\n")
    put(srcdir / "embed.rst", "Embed\n=====\n\n.. release:: 8.2.0\n")
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text("utf-8").replace("   guide\n", "   guide\n   plain\n   embed\n"), "utf-8"
    )
    app = build(make_app, srcdir, confoverrides=overrides)
    no_traceback(app)
    assert warnings(app) == []
    outdir = Path(app.outdir)
    for page in ("plain.html", "notes/8.2.0.html", "embed.html"):
        soup = BeautifulSoup((outdir / page).read_text("utf-8"), "html.parser")
        assert bool(soup.select("div.lantern-raw")) is raw_allowed, page
        assert "glow" in soup.get_text()
    assert list(app.config.myst_enable_extensions) == []
    assert list(app.config.myst_disable_syntax) == overrides.get("myst_disable_syntax", [])


# -- time and memory -------------------------------------------------------------------------------

HUGE = 100_000
LONG = 20_000


def _long(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


VERSION_TITLES = {
    "digits-dots": _long("1.2.3.4.5.6.7.8.9.0.", HUGE),
    "versions-phases": _long("3.12.0 alpha 1 3.12 beta rc 2 release candidate final 3.4.", HUGE),
    "glued": _long("3.12.0rc1.dev2.post3-a4_b5.", HUGE),
}
"""The issue's case: 100 KB titles of repeated digits, dots and phase words."""

MARKUP_TITLES = {
    "digits": _long("31415926535", LONG),
    "ordinals": _long("the 2nd 3.4 beta of ", LONG),
    "mentions": _long("before 3.9.0 and 3.8.0, ", LONG),
    "peps": _long("PEPs 1, 2, and 3 & ", LONG),
    "brackets": _long("[(3.12.0 ", LONG),
    "spaces-hashes": "# a" + _long(" #", LONG) + "x",
    "stars": _long("*a ", LONG),
    "underscores": _long("_a _", LONG),
    "backticks": _long("`` a ` ", LONG),
    "roles": _long(":pep:`1 ", LONG),
    "links": _long("[a](b ", LONG),
    "fields": ":a" + _long(" a:", LONG),
}
"""Shapes aimed at each regular expression of the reader, 20 KB each: enough to take seconds
if one of them backtracked."""


def _readings(title: str) -> list[Callable[[], object]]:
    quoted = title.replace("'", "''")
    return [
        lambda: read_text(f"---\ntitle: '{quoted}'\n---\nBody.\n", "t.md"),
        lambda: read_text(f"# {title}\n\nBody.\n", "t.md"),
        lambda: read_text(f"{title}\n{'=' * len(title)}\n\nBody.\n", "t.rst", syntax="rst"),
        lambda: read_text(f"---\ntitle: News\n---\n\n{title}\n", "t.md"),
        lambda: read_text(f"{title}\n\nBody.\n", "t.rst", syntax="rst"),
    ]


@pytest.mark.parametrize("title", list(VERSION_TITLES.values()), ids=list(VERSION_TITLES))
def test_a_100_kb_title_is_read_in_linear_time(title: str) -> None:
    finishes(lambda: releases_in_text(title))
    for reading in _readings(title):
        finishes(reading)


@pytest.mark.parametrize("text", list(MARKUP_TITLES.values()), ids=list(MARKUP_TITLES))
def test_no_regular_expression_backtracks(text: str) -> None:
    readings = [
        *_readings(text),
        lambda: find_peps(text),
        lambda: extract_features(f"# New features\n\n- {text}\n- {text}\n"),
        lambda: extract_features(f"New features\n============\n\n- {text}\n", syntax="rst"),
    ]
    for reading in readings:
        finishes(reading)


def test_billion_laughs_use_no_memory() -> None:
    tracemalloc.start()
    try:
        note = read_text(LAUGHS + "---\n\nBody.\n", "laughs.md")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not note.readable
    assert peak < 5_000_000


def test_wide_front_matter_is_refused_before_it_is_built() -> None:
    wide = "---\nx: [" + ", ".join(["1"] * (MAX_YAML_NODES + 10)) + "]\n---\n"
    note = read_text(wide, "wide.md")
    assert [str(p.subtype) for p in note.problems] == ["front_matter"]
    assert f"more than {MAX_YAML_NODES} values" in note.problems[0].message
    depth = MAX_YAML_DEPTH - 1  # under the top-level mapping
    nested = "---\nx: " + "[" * depth + "]" * depth + "\n---\n"
    assert read_text(nested, "nested.md").problems == ()


# -- the source directory is never written ---------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    return {
        str(path.relative_to(folder)): (
            path.stat().st_mtime_ns,
            hashlib.sha256(path.read_bytes()).hexdigest(),
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _every_directory(folder: Path) -> Iterator[str]:
    return (str(p.relative_to(folder)) for p in sorted(folder.rglob("*")) if p.is_dir())


@pytest.mark.parametrize("builder", ["html", "text"])
def test_a_build_never_writes_into_the_source_directory(
    make_app: Any, tmp_path: Path, builder: str
) -> None:
    srcdir = hostile(tmp_path)
    put(srcdir / "notes" / "8.2.0.md", GOOD_NOTE)
    put(srcdir / "notes" / "broken.md", b"---\ntitle: Caf\xe9\n---\n")
    outside = put(tmp_path / "elsewhere" / "8.3.0.md", GOOD_NOTE.replace("8.2.0", "8.3.0"))
    patterns = ["notes/*.md", "notes/*.rst", "changelog.d/*.md", "../elsewhere/*.md"]
    files, folders = snapshot(srcdir), list(_every_directory(srcdir))
    outside_before = snapshot(outside.parent)
    for _ in range(2):  # a fresh build, then an incremental one
        app = make_app(
            builder,
            srcdir=srcdir,
            builddir=tmp_path / "build",
            confoverrides={"releases_notes": patterns},
        )
        app.build()
        app.cleanup()
        no_traceback(app)
    assert snapshot(srcdir) == files
    assert list(_every_directory(srcdir)) == folders
    assert snapshot(outside.parent) == outside_before


def test_the_reader_never_writes(tmp_path: Path) -> None:
    note = put(tmp_path / "8.2.0.md", GOOD_NOTE)
    before = snapshot(tmp_path)
    result: Announcement = read_note(note)
    assert result.title == "Lantern 8.2.0 is out"
    assert snapshot(tmp_path) == before
