"""The benchmark runner's pure helpers (``benchmarks/run.py``), on canned Sphinx output.

No build runs here and nothing is timed: the benchmarks themselves are ``tox -e bench``.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import pytest

RUNNER = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"

FULL_BUILD = """\
Running Sphinx v9.0.4
loading translations [en]... done
building [mo]: targets for 0 po files that are out of date
building [html]: targets for 3 source files that are out of date
updating environment: [new config] 3 added, 0 changed, 0 removed
reading sources... [ 33%] index
reading sources... [ 67%] notes/0001-python-2-0-alpha-1-is-available
reading sources... [100%] notes/0002-second-alpha-of-python-2-0-now-available

/tmp/src/notes/0002-second-alpha.md:69: WARNING: Non-consecutive header level increase; \
H1 to H3 [myst.header]
looking for now-outdated files... none found
"""

INCREMENTAL = """\
Running Sphinx v9.0.4
loading pickled environment... done
building [html]: targets for 1 source files that are out of date
updating environment: 0 added, 2 changed, 0 removed
reading sources... [ 50%] index
reading sources... [100%] notes/0498-python-3-7-20-is-available
looking for now-outdated files... none found
"""


@pytest.fixture(scope="module")
def runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("releases_bench_run", RUNNER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_parse_update_full_and_incremental(runner: ModuleType) -> None:
    assert runner.parse_update(FULL_BUILD) == (3, 0, 0)
    assert runner.parse_update(INCREMENTAL) == (0, 2, 0)
    assert runner.parse_update("loading pickled environment... done\n") is None


def test_parse_update_with_config_change_note(runner: ModuleType) -> None:
    line = "updating environment: [config changed ('html_theme')] 0 added, 5 changed, 1 removed"
    assert runner.parse_update(line) == (0, 5, 1)


def test_parse_reread(runner: ModuleType) -> None:
    assert runner.parse_reread(INCREMENTAL) == ["index", "notes/0498-python-3-7-20-is-available"]
    assert runner.parse_reread("no reading at all\n") == []


def test_count_warnings(runner: ModuleType) -> None:
    assert runner.count_warnings(FULL_BUILD) == 1
    assert runner.count_warnings(INCREMENTAL) == 0


def test_format_table_is_aligned_markdown(runner: ModuleType) -> None:
    rows = [
        runner.ratio_row("Full html build: ext / plain", 10.0, 10.4, 1.05, median="1.06x"),
        runner.ratio_row("Read phase: ext / plain", 10.0, 11.5, 1.10),
        runner.Row("Reader, cold", measured="2,500 notes/s", budget="≥ 2,000 notes/s", ok=True),
        runner.Row("Start-up"),
    ]
    table = runner.format_table(rows).splitlines()
    assert len(table) == 2 + len(rows)
    assert table[0].split("|")[1].strip() == "Measure"
    assert set(table[1].replace("|", "").split()) <= {"-" * n for n in range(1, 200)}
    assert len({len(line) for line in table}) == 1  # every line padded to the same width
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in table[2:]]
    assert cells[0] == [
        "Full html build: ext / plain",
        "10.00 s",
        "10.40 s",
        "1.04x",
        "≤ 1.05x",
        "PASS",
        "1.06x",
    ]
    assert cells[1][3:] == ["1.15x", "≤ 1.10x", "MISS", "—"]
    assert cells[2][-2] == "PASS"
    assert cells[3] == ["Start-up", "—", "—", "—", "—", "—", "—"]


def test_units_and_best(runner: ModuleType) -> None:
    assert runner.best([3.2, 2.9, 3.0]) == 2.9
    assert runner.median([3.2, 2.9, 3.0]) == 3.0
    assert runner.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert runner.megabytes(300 * 1024) == "300 MB"
    assert runner.rate(21_345.6) == "21,346 notes/s"
    assert runner.percent(0.0749) == "7.5%"
    assert runner.verdict(None) == "—"


def test_edited_note_is_a_markdown_note_in_the_middle(runner: ModuleType) -> None:
    paths = [Path(f"{i:04}-note.{'rst' if i % 3 == 0 else 'md'}") for i in range(1, 10)]
    name = runner.edited_note(paths)
    assert name.endswith(".md")
    assert name == "0005-note.md"


def test_shape_rows_read_every_shape(runner: ModuleType, tmp_path: Path) -> None:
    """The shapes phase on a tiny collection: a speed and an accuracy row per shape, per note
    for the note shapes and per section for changelogs (speed is not judged here)."""
    bench = runner.Bench(tmp_path, repeat=1, log=io.StringIO())
    rows, figures = runner.shape_rows(bench, 30, runner.SHAPES)
    measures = [row.measure for row in rows]
    assert measures[:2] == [
        "Reader, cold, blog-yaml, N=30",
        "Accuracy, blog-yaml, N=30: releases / dates / authors",
    ]
    assert rows[1].measured == "100.0% / 100.0% / 100.0%"
    assert rows[1].ok is True
    assert measures[-2:] == [
        "Reader, cold, changelog, 30 sections in 1 file",
        "Accuracy, changelog, 30 sections: versions / dates / unreleased",
    ]
    assert rows[-2].measured.endswith(" sections/s")
    assert rows[-1].measured == "100.0% / 100.0% / 100.0%"
    assert rows[-1].ok is True
    assert figures["changelog"]["accuracy"]["notes"] == 30
    assert figures["changelog"]["sections"] == 30
    assert set(figures) == set(runner.SHAPES)
    assert figures["rst-notes"]["accuracy"]["notes"] == 30
    assert 0.0 <= figures["blog-toml"]["accuracy"]["shares"]["dates"] <= 1.0
    assert (tmp_path / "shapes" / "rst-notes").is_dir()


def test_builds_take_turns_in_abba_order(runner: ModuleType) -> None:
    projects = ["plain", "design", "ext"]
    rounds = [runner.abba(projects, r) for r in range(4)]
    assert rounds[0] == ["plain", "design", "ext"]
    assert rounds[1] == ["ext", "design", "plain"]
    assert rounds[2] == rounds[0]
    assert [order[0] for order in rounds] == ["plain", "ext", "plain", "ext"]


def test_sizes_argument(runner: ModuleType) -> None:
    assert runner.sizes_argument("300,3000") == ((300, 3000), {})
    assert runner.sizes_argument("50") == ((50,), {})
    assert runner.sizes_argument("300,3000:3") == ((300, 3000), {3000: 3})
    assert runner.best_of({"repeat": 5, "repeats": {3000: 3}}) == "5 (3 at N = 3,000)"
    assert runner.best_of({"repeat": 5}) == "5"
    for bad in ("", "0,10", "a,b", "300:0"):
        with pytest.raises(runner.argparse.ArgumentTypeError):
            runner.sizes_argument(bad)


def test_note_patterns_follow_the_folder(runner: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B\n", encoding="utf-8")
    assert runner.note_patterns(tmp_path) == "releases_notes = ['notes/**/*.md']\n"
    (tmp_path / "c.rst").write_text("C\n=\n", encoding="utf-8")
    assert "'notes/**/*.rst'" in runner.note_patterns(tmp_path)
    assert [p.name for p in runner.folder_notes(tmp_path)] == ["a.md", "c.rst"]


def test_build_phases(runner: ModuleType) -> None:
    build = runner.Build("ext", 10, "html", 1, "full", 5.0, 4.0, 1, 0, 0, None, read_cpu=2.5)
    assert build.time("cpu") == 4.0
    assert build.time("wall") == 5.0
    assert build.time("cpu", "read") == 2.5
    assert build.time("cpu", "write") == 1.5
    unmarked = runner.Build("ext", 10, "html", 2, "full", 5.0, 4.0, 1, 0, 0, None)
    with pytest.raises(ValueError, match="no read mark"):
        unmarked.time("cpu", "read")


def test_write_docs_replaces_only_the_marked_block(runner: ModuleType, tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    page.write_text(
        f"# Benchmarks\n\nBefore.\n\n{runner.DOCS_START}\nold\n{runner.DOCS_END}\n\nAfter.\n",
        encoding="utf-8",
    )
    report = {
        "date": "2026-01-01",
        "command": "python benchmarks/run.py --quick",
        "settings": {"repeat": 5, "clock": "cpu"},
        "machine": {
            "commit": "abc1234",
            "python": "3.11.7",
            "cpus": 2,
            "platform": "Linux",
            "versions": {"sphinx": "9.0.4", "ablog": None},
        },
        "seconds": 600.0,
        "loads": [2.0, 3.0, 4.0],
        "figures": {
            "profile": {
                300: {
                    "design": {"cpu": 9.0, "gc": 1.0, "nodes": 100, "packages": {}, "entries": {}},
                    "ext": {
                        "cpu": 9.5,
                        "gc": 1.1,
                        "nodes": 120,
                        "packages": {"sphinxcontrib_releases": 0.03},
                        "entries": {"collect_notes (domain.py:1)": 0.01},
                    },
                }
            }
        },
    }
    block = runner.docs_block(report, "| table |")
    runner.write_docs(page, block)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nBefore.\n\n")
    assert text.endswith(f"{runner.DOCS_END}\n\nAfter.\n")
    assert "old" not in text
    assert "best of 5 (processor time)" in text
    assert "sphinx 9.0.4" in text and "ablog" not in text
    assert "Load: 2.0 to 4.0, median 3.0" in text
    assert "| in the extension's code | 0.0% | 3.0% |" in text
    assert "| `collect_notes (domain.py:1)` | 1.0% |" in text
    page.write_text("# No block\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        runner.write_docs(page, block)
