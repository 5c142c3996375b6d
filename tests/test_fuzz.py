"""Property-based fuzzing: whatever a note holds, the reader returns or warns, and never raises.

``RELEASES_FUZZ_EXAMPLES`` sets how many examples each property tries (60 by default, so that the
normal run stays quick; ``tox -e fuzz`` asks for 2000) and, from it, how many mutated projects
are built.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases.model import Announcement
from sphinxcontrib_releases.reader import KNOWN_KEYS, is_known_key, read_bytes, read_text
from sphinxcontrib_releases.warnings_ import WarningType
from tests.conftest import ANNOUNCEMENTS, ROOTS, build

EXAMPLES = int(os.environ.get("RELEASES_FUZZ_EXAMPLES", "60"))
BUILDS = max(5, EXAMPLES // 100)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SUBTYPES = {member.value for member in WarningType}


def check(note: Announcement, text_lines: int | None = None) -> None:
    """What holds of every reading, good or bad."""
    assert isinstance(note, Announcement)
    for problem in note.problems:
        assert problem.subtype in SUBTYPES
        assert problem.message
        assert problem.line is None or problem.line >= 1
        if text_lines is not None and problem.line is not None:
            assert problem.line <= text_lines + 1, problem
    if not note.readable:
        assert note.problems
        assert note.releases == ()
    for feature in note.features:
        assert feature.text
        assert feature.line >= note.body_line
    assert len({r.key for r in note.releases}) == len(note.releases)
    json.dumps(note.to_json())  # the CLI's --json never fails
    pickle.dumps(note)  # nor does saving the Sphinx environment


def lines_of(data: bytes | str) -> int:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


# -- arbitrary input -------------------------------------------------------------------------------


@FUZZ
@given(text=st.text(), syntax=st.sampled_from(["markdown", "rst"]))
def test_any_text(text: str, syntax: str) -> None:
    check(read_text(text, "fuzz", syntax=syntax), lines_of(text))


#: Pieces that mean something to the reader, so that random text reaches deeper than the top.
PIECES = st.sampled_from(
    [
        "---",
        "...",
        "\n",
        "\r\n",
        "\r",
        "# ",
        "## ",
        "===",
        "---\n",
        "- ",
        "* ",
        "1. ",
        "  ",
        "\t",
        ":date:",
        ":author: ",
        "title: ",
        "version: ",
        "versions: [",
        "date: ",
        "phase: ",
        "peps: ",
        "tags: ",
        "draft: ",
        "&a ",
        "*a",
        "<<: ",
        "!!python/object:os.system",
        "!!binary ",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "3.12.0",
        "3.12",
        "alpha 4",
        " release candidate ",
        "rc1",
        ".dev2",
        "final",
        "second beta of ",
        "PEP 701",
        "PEPs 594, 603 and 632",
        ":pep:`8`",
        "https://peps.python.org/pep-0695/",
        "New features",
        "Highlights",
        "More resources",
        "```",
        "::",
        ".. ",
        "`",
        "*",
        "_",
        "\\",
        "\ufeff",
        "\x00",
        "2023-02-30",
        "2023-01-10",
        "+++",
        "+++\n",
        "title = ",
        "[extra]",
        "[[authors]]",
        'path = "2023/12/28/',
        "*April 3, 2023*",
        "Released: Sept. 31st, 2024",
    ]
)


@FUZZ
@given(
    parts=st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60),
    syntax=st.sampled_from(["markdown", "rst"]),
)
def test_text_made_of_meaningful_pieces(parts: list[str], syntax: str) -> None:
    text = "".join(parts)
    check(read_text(text, "fuzz", syntax=syntax), lines_of(text))


@FUZZ
@given(data=st.binary(max_size=2000), syntax=st.sampled_from(["markdown", "rst"]))
def test_any_bytes(data: bytes, syntax: str) -> None:
    check(read_bytes(data, "fuzz", syntax=syntax))


# -- arbitrary front matter ------------------------------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["3.12.0a4", "3.12", "v3.12.0", "3.12.0 release candidate 2", "PEP 8", "rc"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(max_size=10), children, max_size=5),
    ),
    max_leaves=20,
)
KEYS = st.one_of(st.sampled_from(sorted(KNOWN_KEYS)), st.text(max_size=12))


@FUZZ
@given(
    fields=st.dictionaries(KEYS, VALUES, max_size=12),
    body=st.one_of(st.text(max_size=200), st.sampled_from(["", "# New features\n\n- A thing.\n"])),
)
def test_any_front_matter_mapping(fields: dict[str, Any], body: str) -> None:
    dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    text = f"---\n{dumped}---\n{body}"
    note = read_text(text, "fuzz.md")
    check(note, lines_of(text))
    if not note.readable:
        return
    loaded = yaml.safe_load(dumped) or {}  # what YAML itself gives back (it folds some keys)
    assert [key for key, _ in note.extra] == [str(k) for k in loaded if not is_known_key(str(k))]
    title = loaded.get("title")
    if isinstance(title, str) and title.split():
        assert note.title == " ".join(title.split())
    draft = loaded.get("draft")
    if isinstance(draft, bool):
        assert note.published is not draft
    date = loaded.get("date")
    if isinstance(date, dt.date):
        assert note.date == (date.date() if isinstance(date, dt.datetime) else date)


TAGS = st.sampled_from(
    [
        "",
        "!!str ",
        "!!int ",
        "!!float ",
        "!!bool ",
        "!!null ",
        "!!timestamp ",
        "!!binary ",
        "!!set ",
        "!!omap ",
        "!!pairs ",
        "!!seq ",
        "!!map ",
        "!!merge ",
        "!!value ",
        "!!python/object/apply:os.system ",
        "!local ",
        "&a ",
        "&b ",
    ]
)
YAML_VALUES = st.one_of(
    st.sampled_from(
        [
            "2023-01-10",
            "2023-02-30",
            "2023-13-01",
            "0000-01-01",
            "2023-01-10T25:00:00",
            "2023-01-10 10:00:00 +99:00",
            "3.12.0a4",
            "3.10",
            "[3.12.0rc1, 3.11.5]",
            "{a: 1}",
            "[a, [b, [c]]]",
            "*a",
            "*b",
            "[*a, *a, *a]",
            "{<<: *a}",
            "x",
            "''",
            '""',
            "0x",
            "0b",
            "0o9",
            "1:2:3",
            "-",
            ".nan",
            ".inf",
            "~",
            "yes",
            ">-\n  folded\n  text",
            "|\n  literal",
            "'unclosed",
            "[unclosed",
            "9" * 5000,
        ]
    ),
    st.text(alphabet="abc019.-:[]{},*&!'\" ", max_size=12),
)
LINE_KEYS = st.one_of(st.sampled_from(sorted(KNOWN_KEYS)), st.sampled_from(["x", "<<", "? x"]))


@FUZZ
@given(
    lines=st.lists(st.tuples(LINE_KEYS, TAGS, YAML_VALUES), max_size=10),
    syntax=st.sampled_from(["markdown", "rst"]),
)
def test_front_matter_lines(lines: list[tuple[str, str, str]], syntax: str) -> None:
    """Front matter written line by line from YAML's sharper corners: tags, anchors, bad dates."""
    text = "---\n" + "".join(f"{key}: {tag}{value}\n" for key, tag, value in lines) + "---\nBody.\n"
    check(read_text(text, "fuzz.md"), lines_of(text))
    fields = "".join(f":{key}: {tag}{value}\n" for key, tag, value in lines)
    check(read_text(fields + "\nA title\n=======\n", "fuzz.rst", syntax=syntax))


@FUZZ
@given(fields=st.dictionaries(KEYS, VALUES, max_size=8), body=st.text(max_size=100))
def test_any_field_list(fields: dict[str, Any], body: str) -> None:
    lines = [f":{key}: {value}" for key, value in fields.items() if "\n" not in str(key)]
    text = "\n".join(lines) + "\n\nA title\n=======\n\n" + body
    check(read_text(text, "fuzz.rst", syntax="rst"), lines_of(text))


# -- mutations of real notes -----------------------------------------------------------------------

ANNOUNCEMENT_SAMPLES = [path.read_bytes() for path in sorted(ANNOUNCEMENTS.glob("*.md"))]
SAMPLES = ANNOUNCEMENT_SAMPLES + [
    path.read_bytes()
    for path in sorted((ROOTS / "test-hostile").rglob("*"))
    if path.suffix in {".md", ".rst"} and path.name not in {"index.rst", "guide.md"}
]


def test_samples_hold_the_announcements() -> None:
    """A missing fixture folder must fail, not leave the mutations without real notes."""
    assert len(ANNOUNCEMENT_SAMPLES) == 4


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "replace", "duplicate"]),
        st.floats(min_value=0, max_value=1),
        st.binary(min_size=1, max_size=6),
        st.integers(min_value=1, max_value=40),
    ),
    min_size=1,
    max_size=12,
)


def mutate(data: bytes, edits: list[tuple[str, float, bytes, int]]) -> bytes:
    buffer = bytearray(data)
    for kind, where, payload, size in edits:
        at = int(where * len(buffer))
        if kind == "insert":
            buffer[at:at] = payload
        elif kind == "delete":
            del buffer[at : at + size]
        elif kind == "replace":
            buffer[at : at + len(payload)] = payload
        else:
            buffer[at:at] = buffer[at : at + size]
    return bytes(buffer)


@FUZZ
@given(
    sample=st.sampled_from(SAMPLES),
    edits=EDITS,
    syntax=st.sampled_from(["markdown", "rst"]),
)
def test_mutated_notes(
    sample: bytes, edits: list[tuple[str, float, bytes, int]], syntax: str
) -> None:
    data = mutate(sample, edits)
    check(read_bytes(data, "fuzz", syntax=syntax))


@FUZZ
@given(sample=st.sampled_from(SAMPLES), edits=EDITS)
def test_mutated_front_matter(sample: bytes, edits: list[tuple[str, float, bytes, int]]) -> None:
    """Edits aimed at the front matter, where the YAML is."""
    head, fence, body = sample.partition(b"\n---\n")
    data = mutate(head, edits) + fence + body
    check(read_bytes(data, "fuzz"))


# -- whole builds of mutated projects --------------------------------------------------------------

HOSTILE_SNIPPETS = [
    b"\n---\n",
    b"\x00",
    b"\xff\xfe",
    b"\r",
    b"\n:date: yesterday\n",
    b"\nversion: [1.0, 1.0]\n",
    b"\n# New features\n\n- ",
    b"\n.. release:: 8.0.0\n",
    b"\n.. release::\n   :file: ../../etc/passwd\n",
    b"\n.. release:: nonsense\n   :headings: sideways\n",
    b"\n```{release} 8.1.0b1\n:summary:\n```\n",
    b"\n{release}`8.0.0`\n",
    b" :release:`9.9.9` ",
    b"\n<script>alert(1)</script>\n",
    b"\n&a [*a, *a]\n",
    b"\n====\n",
    b"`",
    b"*",
    b"[",
]


def _mutate_file(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(data))
        choice = rng.random()
        if choice < 0.4:
            data[at:at] = rng.choice(HOSTILE_SNIPPETS)
        elif choice < 0.6:
            del data[at : at + rng.randint(1, 30)]
        elif choice < 0.8:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        else:
            lines = bytes(data).split(b"\n")
            rng.shuffle(lines)
            data = bytearray(b"\n".join(lines))
    path.write_bytes(bytes(data))


def mutated_project(tmp_path: Path, seed: int) -> Path:
    srcdir = tmp_path / f"project-{seed}"
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    rng = random.Random(seed)
    notes = sorted(p for p in srcdir.rglob("*") if p.suffix in {".md", ".rst"})
    for path in notes:
        host = path.name in {"index.rst", "guide.md"}
        # host pages only get directive and role snippets: Sphinx's own reading of broken reST
        # is not what is under test here
        if host:
            if rng.random() < 0.5:
                snippet = rng.choice(HOSTILE_SNIPPETS[7:13])
                if path.suffix == ".md" or b"```" not in snippet:
                    path.write_bytes(path.read_bytes() + snippet)
        elif rng.random() < 0.8:
            _mutate_file(path, rng)
    return srcdir


@pytest.mark.parametrize("seed", range(BUILDS))
def test_mutated_projects_build(make_app: Any, tmp_path: Path, seed: int) -> None:
    srcdir = mutated_project(tmp_path, seed)
    for builder in ("html", "text"):
        app = build(make_app, srcdir, builder)
        logged = app.status.getvalue() + app.warning.getvalue()
        assert "Traceback" not in logged
        assert (Path(app.outdir) / ("index.html" if builder == "html" else "index.txt")).exists()
