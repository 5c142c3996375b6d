"""The benchmark corpus generator (``benchmarks/generate.py``) writes what it promises."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from packaging.version import Version

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
N = 60
SEED = 7
CUTOFF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module("generate")
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def notes(gen: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    paths: list[Path] = gen.generate(tmp_path_factory.mktemp("notes"), N, seed=SEED)
    return paths


def test_count(notes: list[Path]) -> None:
    assert len(notes) == N
    assert len({p.name for p in notes}) == N
    assert all(p.is_file() for p in notes)
    assert len(list(notes[0].parent.iterdir())) == N


def test_deterministic(gen: ModuleType, notes: list[Path], tmp_path: Path) -> None:
    again: list[Path] = gen.generate(tmp_path, N, seed=SEED)
    assert [p.name for p in again] == [p.name for p in notes]
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in notes]
    other: list[Path] = gen.generate(tmp_path / "other", N, seed=SEED + 1)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in notes]


def test_both_syntaxes(notes: list[Path]) -> None:
    suffixes = {p.suffix for p in notes}
    assert suffixes == {".md", ".rst"}


def test_markdown_front_matter(notes: list[Path]) -> None:
    markdown = [p for p in notes if p.suffix == ".md"]
    assert markdown
    for path in markdown:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n"), path.name
        lines = text.split("\n")
        assert "---" in lines[1:], f"{path.name}: no closing ---"
        end = lines.index("---", 1)
        meta = yaml.safe_load("\n".join(lines[1:end]))
        assert isinstance(meta, dict), path.name
        assert isinstance(meta.get("title"), str), path.name
        assert meta["title"].strip(), path.name


def test_rst_field_list_and_title(notes: list[Path]) -> None:
    for path in (p for p in notes if p.suffix == ".rst"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(":date: "), path.name
        assert "\n:author: " in text.split("\n\n", 1)[0], path.name
        assert "\n===" in text, path.name


def test_mix_of_announcements(gen: ModuleType, notes: list[Path]) -> None:
    truth: dict[str, list[str]] = gen.expected(N, seed=SEED)
    assert list(truth) == [p.name for p in notes]
    counts = [len(versions) for versions in truth.values()]
    assert counts.count(0) > 0
    assert counts.count(1) > N // 2
    assert sum(c > 1 for c in counts) > 0
    announced = [v for versions in truth.values() for v in versions]
    assert len(announced) == len(set(announced))


# -- every shape ---------------------------------------------------------------------------------

SHAPES = ("blog-yaml", "rst-notes", "blog-toml", "changelog")


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_is_deterministic(gen: ModuleType, tmp_path: Path, shape: str) -> None:
    first: list[Path] = gen.generate(tmp_path / "first", N, seed=SEED, shape=shape)
    again: list[Path] = gen.generate(tmp_path / "again", N, seed=SEED, shape=shape)
    assert [p.name for p in again] == [p.name for p in first]
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in first]
    other: list[Path] = gen.generate(tmp_path / "other", N, seed=SEED + 1, shape=shape)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in first]
    truth = gen.truth(N, seed=SEED, shape=shape)
    assert truth == gen.truth(N, seed=SEED, shape=shape)
    assert list(truth) == [p.name for p in first]
    assert json.loads(json.dumps(truth)) == truth  # plain JSON data


def test_unknown_shape_is_refused(gen: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown shape 'wiki'"):
        gen.generate(tmp_path, 3, shape="wiki")


def test_command_line_writes_notes_and_truth(gen: ModuleType, tmp_path: Path) -> None:
    manifest = tmp_path / "truth.json"
    code = gen.main(
        [str(tmp_path / "out"), "-n", "12", "--shape", "rst-notes", "--truth", str(manifest)]
    )
    assert code == 0
    truth = json.loads(manifest.read_text(encoding="utf-8"))
    assert sorted(truth) == sorted(p.name for p in (tmp_path / "out").iterdir())
    assert truth == gen.truth(12, shape="rst-notes")


def _pep440(text: str) -> str:
    return str(Version(text))


def _check_common(truth: dict[str, Any]) -> None:
    """What holds for every note of every shape."""
    assert truth["kind"] == "note"
    assert truth["syntax"] in ("markdown", "rst")
    versions = truth["releases"]
    assert all(v == _pep440(v) for v in versions), versions
    assert len(set(versions)) == len(versions)
    assert (truth["product"] is None) == (not versions)
    if truth["date"] is not None:
        assert dt.date.fromisoformat(truth["date"]) <= CUTOFF
    assert all(isinstance(a, str) and a.strip() == a and a for a in truth["authors"])
    assert truth["features"] is None or truth["features"] >= 0


def _check_blog_yaml(name: str, text: str, truth: dict[str, Any]) -> None:
    assert truth["date"] is not None
    assert truth["product"] in (None, "Python")
    assert truth["features"] is None  # not counted for this shape
    if name.endswith(".md"):
        assert truth["syntax"] == "markdown"
        lines = text.split("\n")
        meta = yaml.safe_load("\n".join(lines[1 : lines.index("---", 1)]))
        date = meta.get("publishDate", meta.get("date"))
        assert str(date) == truth["date"]
        assert ([meta["author"]] if "author" in meta else []) == truth["authors"]
    else:
        assert truth["syntax"] == "rst"
        fields = dict(re.findall(r"^:(\w+): (.*)$", text.split("\n\n", 1)[0], re.MULTILINE))
        assert fields["date"] == truth["date"]
        assert [fields["author"]] == truth["authors"]


_RST_TITLE = re.compile(
    r"^(?P<product>\S+) (?P<version>\d+\.\d+(?:\.\d+)?)"
    r"(?: (?P<phase>alpha|beta|release candidate) (?P<num>\d+))? release notes"
    r"(?P<devel> - UNDER DEVELOPMENT)?$",
    re.MULTILINE,
)
_PHASES = {"alpha": "a", "beta": "b", "release candidate": "rc"}


def _rst_headings(lines: list[str]) -> list[tuple[int, str, str]]:
    """``(line index, text, underline character)`` of each section title (overlines skipped)."""
    found = []
    for i in range(len(lines) - 1):
        text, under = lines[i], lines[i + 1]
        if (
            text.strip()
            and not set(text) <= set("=-~^")
            and under
            and len(set(under)) == 1
            and under[0] in "=-~^"
            and len(under) == len(text)
        ):
            found.append((i, text, under[0]))
    return found


def _check_rst_notes(name: str, text: str, truth: dict[str, Any]) -> None:
    assert name.endswith(".txt")
    assert truth["syntax"] == "rst"
    assert not text.startswith(("---", "+++", ":"))
    assert truth["authors"] == []
    title = _RST_TITLE.search(text)
    assert title, name
    version = title["version"]
    if title["phase"]:
        version += _PHASES[title["phase"]] + title["num"]
    assert truth["releases"] == [_pep440(version)]
    assert truth["product"] == title["product"]
    after = text[title.end() :].lstrip("=\n")
    dated = re.match(r"\*(?P<when>[^*\n]+)\*\n", after)
    if dated is None or dated["when"].startswith("Expected "):
        assert truth["date"] is None
    else:
        day = dt.datetime.strptime(dated["when"], "%B %d, %Y").date()
        assert truth["date"] == day.isoformat()
    if title["devel"]:
        assert truth["date"] is None
    # features: the highlights under "What's new in" and the items under "Minor features"
    lines = text.split("\n")
    headings = _rst_headings(lines)
    levels = "=-~" if lines[lines.index(title.group(0)) - 1].startswith("=") else "-~^"
    count = 0
    section = ""
    for index, (line_no, heading, char) in enumerate(headings):
        if char == levels[0]:
            section = "new" if heading.startswith("What's new in") else ""
        elif char == levels[1] and section:
            section = "minor" if heading == "Minor features" else "new"
            count += section == "new"
        if section == "minor":
            end = headings[index + 1][0] if index + 1 < len(headings) else len(lines)
            count += sum(line.startswith(("* ", "- ")) for line in lines[line_no:end])
    assert truth["features"] == count, name
    if "." in version.split(".", 1)[1] and not title["phase"]:  # x.y.z: a bug-fix release
        assert count == 0
        assert "Minor features" not in text


def _check_blog_toml(name: str, text: str, truth: dict[str, Any]) -> None:
    assert name.endswith(".md")
    assert truth["syntax"] == "markdown"
    assert text.startswith("+++\n")
    head, body = text[4:].split("\n+++\n", 1)
    meta = tomllib.loads(head)
    assert "date" not in meta
    found = re.search(r"(?:^|/)(\d{4})/(\d{2})/(\d{2})/", meta["path"])
    assert found, meta["path"]
    assert truth["date"] == dt.date(*map(int, found.groups())).isoformat()
    assert name.removesuffix(".md") == meta["path"].rsplit("/", 1)[1]
    if "authors" in meta:
        names = [a["name"] if isinstance(a, dict) else a for a in meta["authors"]]
    else:
        names = [meta["author"]]
    assert names == truth["authors"]
    title = meta["title"]
    for version in truth["releases"]:
        assert version in title or version.removesuffix(".0") in title, (title, version)
    if truth["product"]:
        assert truth["product"] in title
    assert "# " not in body.split("\n", 1)[0]  # the title is the front matter's
    outside = re.sub(r"```.*?```", "", body, flags=re.DOTALL)
    outside = re.sub(r"<!--.*?-->", "", outside, flags=re.DOTALL)
    if truth["product"] == "Acme":
        subsections = re.findall(r"^### (.+)$", outside, re.MULTILINE)
        named = [s for s in subsections if s not in ("Stabilized APIs", "Other changes")]
        assert truth["features"] == len(named), name
    elif truth["product"] in ("Acmeup", "Acme Analyzer"):
        assert truth["features"] == len(re.findall(r"^- ", outside, re.MULTILINE))
    else:
        assert truth["features"] is None


_KAC = re.compile(
    r"^## \[(?P<version>[^\]]+)\](?: [-–] (?P<date>\d{4}-\d{2}-\d{2}))?(?P<yanked> \[YANKED\])?$"
)
_TOWNCRIER = re.compile(r"^(?:\S+ )?(?P<version>\d[^ ]*) \((?P<date>[^)]+)\)$")


def _changelog_sections(text: str, markdown: bool) -> list[dict[str, Any]]:
    """The sections of a changelog, read by a small scan independent of the generator."""
    sections: list[dict[str, Any]] = []
    lines = text.split("\n")
    kind = ""
    for i, line in enumerate(lines):
        under = lines[i + 1] if i + 1 < len(lines) else ""
        head = (
            _KAC.match(line)
            if markdown
            else (_TOWNCRIER.match(line) if under.startswith("==") else None)
        )
        if head:
            unreleased = head["version"] == "Unreleased" or head["date"] == "unreleased"
            sections.append(
                {
                    "version": None
                    if head["version"] == "Unreleased"
                    else _pep440(head["version"]),
                    "date": None if unreleased else head["date"],
                    "unreleased": unreleased,
                    "yanked": bool(markdown and head["yanked"]),
                    "items": {},
                }
            )
            continue
        if markdown and line.startswith("### "):
            kind = line[4:].lower()
        elif not markdown and under.startswith("---") and len(under) == len(line) and sections:
            kind = line.lower()
        elif line.startswith("- ") and sections:
            items = sections[-1]["items"]
            items[kind] = items.get(kind, 0) + 1
    return sections


def _check_changelog(name: str, text: str, truth: dict[str, Any]) -> None:
    assert truth["kind"] == "changelog"
    markdown = name.endswith(".md")
    assert truth["syntax"] == ("markdown" if markdown else "rst")
    assert truth["product"] and name.startswith(truth["product"] + "-")
    assert truth["sections"] == _changelog_sections(text, markdown)
    assert truth["releases"] == [s["version"] for s in truth["sections"] if s["version"]]
    assert all(v == _pep440(v) for v in truth["releases"])
    assert len(set(truth["releases"])) == len(truth["releases"])


CHECKS = {
    "blog-yaml": _check_blog_yaml,
    "rst-notes": _check_rst_notes,
    "blog-toml": _check_blog_toml,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_truth_agrees_with_the_text(gen: ModuleType, shape: str) -> None:
    """Each file's truth, checked against its text by a scan of our own."""
    for note in gen.collection(300, seed=SEED, shape=shape):
        truth = note.truth.to_json()
        if shape == "changelog":
            _check_changelog(note.name, note.text, truth)
            continue
        _check_common(truth)
        CHECKS[shape](note.name, note.text, truth)


def test_rst_notes_have_every_kind(gen: ModuleType) -> None:
    notes = gen.collection(300, seed=SEED, shape="rst-notes")
    titles = [n.text.split("release notes", 1)[0] for n in notes]
    assert sum(t.count(" alpha ") + t.count(" beta ") for t in titles) > 0
    assert sum("UNDER DEVELOPMENT" in n.text for n in notes) == 1
    assert any(n.truth.date is None and "*Expected" in n.text for n in notes)
    assert sum(len(n.truth.releases[0].split(".")) == 3 for n in notes) > 200  # bug fixes
    assert sum(n.truth.features for n in notes if n.truth.features) > 100
    assert any(n.text.startswith(".. _release-") for n in notes)
    assert any(":setting:`" in n.text and ":class:`~" in n.text for n in notes)


def test_blog_toml_has_every_kind(gen: ModuleType) -> None:
    notes = gen.collection(300, seed=SEED, shape="blog-toml")
    products = {n.truth.product for n in notes}
    assert products == {None, "Acme", "Acmeup", "acme-regex", "Acme Analyzer"}
    assert any(len(n.truth.releases) == 2 for n in notes)
    assert sum(not n.truth.releases for n in notes) > 30
    # posts that announce nothing but name a version in their title
    titled = [re.search(r'^title = "(.*)"$', n.text, re.MULTILINE) for n in notes]
    assert any(
        not n.truth.releases and t and re.search(r"\d+\.\d+\.\d+", t[1])
        for n, t in zip(notes, titled, strict=True)
    )
    texts = [n.text for n in notes]
    for needle in ("\n[[authors]]\n", "\nauthors = [", "\nauthor = ", "\n[extra]\n"):
        assert any(needle in t for t in texts), needle
    assert any("\n[taxonomies]\n" in t for t in texts)
    assert any("<!--\n- " in t for t in texts)
    assert any(re.search(r"```\w+\n(?:.*\n)*?- ", t) for t in texts)
    assert any("inside-acme/" in t for t in texts)


def test_changelog_has_both_conventions(gen: ModuleType) -> None:
    files = gen.collection(300, seed=SEED, shape="changelog")
    assert 2 <= len(files) <= 5
    assert sum(len(f.truth.sections) for f in files) == 300
    assert {f.truth.syntax for f in files} == {"markdown", "rst"}
    sections = [s for f in files for s in f.truth.sections]
    assert any(s.unreleased and s.version is None for s in sections)
    assert any(s.yanked for s in sections)
    assert any(s.version and "rc" in s.version for s in sections)
    assert all(s.date is None for s in sections if s.unreleased)
