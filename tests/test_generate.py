"""The benchmark corpus generator (``benchmarks/generate.py``) writes what it promises."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
N = 60
SEED = 7


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
