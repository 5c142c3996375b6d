#!/usr/bin/env python3
"""Benchmarks of sphinxcontrib-releases, and its performance budget.

One run generates a collection of notes (``generate.py``) and measures, on those same notes:

* the reader's throughput, cold and with the parse cache (``NoteCache``) warm;
* per shape of collection (``generate.py --shape``): the reader's speed on that shape and its
  accuracy, the share of notes whose releases, date and authors it reads exactly right (of
  changelogs: the share of sections whose version, date and unreleased mark it does);
* full builds with the extension against the same pages built by plain Sphinx + MyST, for the
  read phase (``dummy`` builder) and for ``html``; peak memory of each build;
* an incremental ``html`` rebuild after one note is edited: which documents are re-read and
  what share of a full build it takes;
* ``-j 2`` against ``-j 1``;
* how build time grows from a small to a large collection (300 to 3,000 notes by default);
* when ablog is installed, the same notes as an ablog site.

Every build is a separate ``python -m sphinx`` process, timed from the outside, with its peak
memory taken from the kernel's accounting of that one process (``os.wait4``). Each build is
repeated (best of ``--repeat``), and the projects take turns so that a drift of the machine
hits all of them alike.

Usage::

    python benchmarks/run.py                  # the full run (about 45 minutes on 2 cores)
    python benchmarks/run.py --quick          # small sizes, one repeat: a minute or two
    python benchmarks/run.py --n 1000 --scale 300 3000 --repeat 3 --json results.json

The Markdown table goes to standard output; progress goes to standard error. Only the
standard library and the project's own dependencies are used (ablog when present).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# -- the budget ---------------------------------------------------------------------------------

READ_BUDGET = 1.10
"""Read phase (``dummy`` builder) with the extension, at most this many times plain."""
HTML_BUDGET = 1.05
"""Full ``html`` build with the extension, at most this many times plain."""
INCREMENTAL_BUDGET = 0.10
"""An incremental rebuild after one edited note, at most this share of a full build."""
SCALING_BUDGET = 1.2
"""Growth from the small to the large collection, at most this many times linear."""
MEMORY_BUDGET = 1.2
"""Peak memory with the extension, at most this many times plain."""
COLD_BUDGET = 2_000
"""Notes per second the reader parses with an empty cache, at least."""
WARM_BUDGET = 20_000
"""Notes per second the reader returns from a warm cache, at least."""
ABLOG_BUDGET = 1.0
"""Full ``html`` build with the extension, below ablog's on the same notes."""
ACCURACY_BUDGET = 0.98
"""Share of a shape's notes whose releases, dates and authors are each read right, at least
(for changelogs: share of sections whose version, date and unreleased mark are)."""
CHANGELOG_BUDGET = 2_000
"""Changelog sections per second the reader parses with an empty cache, at least."""

# -- the projects -------------------------------------------------------------------------------

PLAIN, DESIGN, EXT, ABLOG = "plain", "design", "ext", "ablog"

BASE_CONF = """\
project = "Benchmark"
extensions = ["myst_parser"]
# a minimal theme and no sidebars, so that the theme's own per-page cost stays out
html_theme = "basic"
html_sidebars = {"**": []}
html_baseurl = "https://example.org/"
# the front matter's title becomes the page title (the extension does this by itself)
myst_title_to_header = True
exclude_patterns = ["_build"]
"""

CONF = {
    PLAIN: BASE_CONF,
    DESIGN: BASE_CONF + 'extensions.append("sphinx_design")\n',
    EXT: BASE_CONF
    + 'extensions.append("sphinxcontrib_releases")\n'
    + 'releases_notes = ["notes/*.md", "notes/*.rst"]\n',
    ABLOG: BASE_CONF
    + 'extensions.append("ablog")\n'
    + 'blog_post_pattern = "notes/*"\n'
    + 'blog_baseurl = "https://example.org/"\n'
    + 'post_date_format = "%Y-%m-%d"\n',
}

GLOB_INDEX = "# Releases\n\n```{toctree}\n:glob:\n:maxdepth: 1\n\nnotes/*\n```\n"
INDEX = {
    PLAIN: GLOB_INDEX,
    DESIGN: GLOB_INDEX,
    EXT: "# Releases\n\n```{release-index}\n:toctree:\n```\n",
    ABLOG: GLOB_INDEX,
}

# -- pure helpers: parsing Sphinx's output, verdicts, the table ---------------------------------

_UPDATING = re.compile(
    r"updating environment: (?:\[[^\]\n]*\] )*(\d+) added, (\d+) changed, (\d+) removed"
)
_READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)", re.MULTILINE)
_WARNING = re.compile(r"\bWARNING: ")


def parse_update(output: str) -> tuple[int, int, int] | None:
    """``(added, changed, removed)`` from Sphinx's "updating environment" line, if any."""
    match = _UPDATING.search(output)
    if match is None:
        return None
    added, changed, removed = (int(g) for g in match.groups())
    return added, changed, removed


def parse_reread(output: str) -> list[str]:
    """The documents a serial build read, in order ("reading sources... [ 50%] docname")."""
    return _READING.findall(output)


def count_warnings(output: str) -> int:
    return len(_WARNING.findall(output))


def best(values: Iterable[float]) -> float:
    """The best (smallest) of repeated timings: the run least disturbed by the machine."""
    return min(values)


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("PASS" if ok else "MISS")


@dataclass
class Row:
    """One line of the results table."""

    measure: str
    baseline: str = "—"
    measured: str = "—"
    ratio: str = "—"
    budget: str = "—"
    ok: bool | None = None

    @property
    def result(self) -> str:
        return verdict(self.ok)


HEADERS = ("Measure", "Baseline", "Measured", "Ratio", "Budget", "Result")


def format_table(rows: Sequence[Row]) -> str:
    """A Markdown table, columns padded so that it also reads well as plain text."""
    cells = [list(HEADERS)] + [
        [r.measure, r.baseline, r.measured, r.ratio, r.budget, r.result] for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADERS))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def megabytes(kib: int) -> str:
    return f"{kib / 1024:.0f} MB"


def times(value: float) -> str:
    return f"{value:.2f}x"


def rate(value: float) -> str:
    return f"{value:,.0f} notes/s"


def percent(value: float) -> str:
    return f"{value:.1%}"


# -- running builds -----------------------------------------------------------------------------


@dataclass
class Build:
    """One ``python -m sphinx`` process."""

    project: str
    n: int
    builder: str
    jobs: int
    kind: str
    """``full`` (fresh output and doctrees) or ``incremental``."""
    wall: float
    cpu: float
    max_rss_kib: int
    returncode: int
    warnings: int
    update: tuple[int, int, int] | None
    reread: list[str] = field(default_factory=list)


def run_process(
    cmd: Sequence[str], log: Path, env: dict[str, str]
) -> tuple[float, float, int, int]:
    """Run a command with output to ``log``: (wall seconds, CPU seconds, peak KiB, exit code).

    The peak resident set size is the kernel's figure for this process and the processes it
    waited for (its ``-j`` workers), via ``os.wait4``; 0 where that is not available.
    """
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode
        code = proc.wait()  # pragma: no cover - not Unix
        return time.perf_counter() - start, 0.0, 0, code


class Bench:
    """The scratch projects of one run and every build made in it."""

    def __init__(
        self, workdir: Path, repeat: int, clock: str = "wall", *, log: Any = sys.stderr
    ) -> None:
        self.workdir = workdir
        self.repeat = repeat
        self.clock = clock
        self.log = log
        self.builds: list[Build] = []
        self.prepared: dict[int, list[Path]] = {}
        self.env = dict(os.environ, PYTHONHASHSEED="0", LC_ALL="C.UTF-8", NO_COLOR="1")

    def say(self, message: str) -> None:
        print(message, file=self.log, flush=True)

    # -- projects ------------------------------------------------------------------------------

    def root(self, n: int) -> Path:
        return self.workdir / f"n{n}"

    def srcdir(self, project: str, n: int) -> Path:
        return self.root(n) / project

    def prepare(self, n: int, projects: Iterable[str] = (PLAIN, EXT)) -> list[Path]:
        """Generate ``n`` notes once and lay out each project around a copy of them."""
        if n not in self.prepared:
            notes = self.root(n) / "notes"
            if notes.exists():
                shutil.rmtree(notes)
            notes.mkdir(parents=True)
            self.prepared[n] = _generate(notes, n) if n else []
        for project in projects:
            src = self.srcdir(project, n)
            if not src.exists():
                shutil.copytree(self.root(n) / "notes", src / "notes")
                (src / "conf.py").write_text(CONF[project], encoding="utf-8")
                (src / "index.md").write_text(INDEX[project], encoding="utf-8")
        return self.prepared[n]

    # -- builds --------------------------------------------------------------------------------

    def outdirs(self, project: str, n: int, builder: str, jobs: int) -> tuple[Path, Path]:
        base = self.root(n) / "_build" / f"{project}-{builder}-j{jobs}"
        return base / "out", base / "doctrees"

    def build(
        self, project: str, n: int, builder: str = "html", jobs: int = 1, *, fresh: bool = True
    ) -> Build:
        out, doctrees = self.outdirs(project, n, builder, jobs)
        if fresh:
            shutil.rmtree(out.parent, ignore_errors=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-N", "-j", str(jobs)]
        cmd += ["-d", str(doctrees), str(self.srcdir(project, n)), str(out)]
        log = out.parent / f"log-{len(self.builds)}.txt"
        wall, cpu, rss, code = run_process(cmd, log, self.env)
        output = log.read_text(encoding="utf-8", errors="replace")
        if code != 0:
            tail = "\n".join(output.splitlines()[-20:])
            raise RuntimeError(f"{' '.join(cmd)} failed ({code}); see {log}\n{tail}")
        made = Build(
            project=project,
            n=n,
            builder=builder,
            jobs=jobs,
            kind="full" if fresh else "incremental",
            wall=wall,
            cpu=cpu,
            max_rss_kib=rss,
            returncode=code,
            warnings=count_warnings(output),
            update=parse_update(output),
            reread=parse_reread(output) if not fresh else [],
        )
        self.builds.append(made)
        what = f"{project:<5} n={n:<5} {builder:<5} -j{jobs} {made.kind:<11}"
        self.say(f"  {what} {wall:7.2f} s  {rss / 1024:6.0f} MB  {made.warnings} warnings")
        return made

    def find(
        self, project: str, n: int, builder: str = "html", jobs: int = 1, kind: str = "full"
    ) -> list[Build]:
        return [
            b
            for b in self.builds
            if (b.project, b.n, b.builder, b.jobs, b.kind) == (project, n, builder, jobs, kind)
        ]

    def full_builds(
        self, projects: Sequence[str], n: int, builder: str = "html", jobs: int = 1
    ) -> dict[str, list[Build]]:
        """``repeat`` fresh builds of each project (those not made yet), taking turns."""
        self.prepare(n, projects)
        for _ in range(self.repeat):
            for project in projects:
                if len(self.find(project, n, builder, jobs)) < self.repeat:
                    self.build(project, n, builder, jobs)
        return {p: self.find(p, n, builder, jobs) for p in projects}

    def best_time(
        self,
        project: str,
        n: int,
        builder: str = "html",
        jobs: int = 1,
        kind: str = "full",
        clock: str | None = None,
    ) -> float:
        """The best time of the builds made so far, by the run's clock unless told."""
        wanted = clock or self.clock
        return best(
            b.cpu if wanted == "cpu" else b.wall for b in self.find(project, n, builder, jobs, kind)
        )

    def peak(self, project: str, n: int, builder: str = "html", jobs: int = 1) -> int:
        return max(b.max_rss_kib for b in self.find(project, n, builder, jobs))

    def incremental(self, projects: Sequence[str], n: int) -> dict[str, list[Build]]:
        """Edit one note, rebuild ``html`` incrementally; ``repeat`` times, taking turns."""
        paths = self.prepare(n, projects)
        for project in projects:
            if not self.find(project, n):
                self.build(project, n)
            # the last full build of this project left its output and doctrees in place
        name = edited_note(paths)
        for i in range(self.repeat):
            for project in projects:
                note = self.srcdir(project, n) / "notes" / name
                text = note.read_text(encoding="utf-8")
                note.write_text(text + f"\nEdited by the benchmark, round {i + 1}.\n", "utf-8")
                self.build(project, n, fresh=False)
        return {p: self.find(p, n, kind="incremental") for p in projects}


def _bench_module(name: str) -> Any:
    """A module of this folder (``generate``, ``accuracy``), loaded once."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))  # for the ``shapes`` package they import
    key = f"releases_bench_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[key]


def _generate(outdir: Path, n: int) -> list[Path]:
    paths: list[Path] = _bench_module("generate").generate(outdir, n)
    return paths


def edited_note(paths: Sequence[Path]) -> str:
    """The note the incremental benchmark edits: the Markdown note nearest the middle."""
    markdown = [p for p in paths if p.suffix == ".md"]
    return markdown[len(markdown) // 2].name


def reader_throughput(paths: Sequence[Path], repeat: int) -> dict[str, float]:
    """Notes per second: a fresh ``NoteCache`` (cold) and a second pass over it (warm)."""
    from sphinxcontrib_releases.reader import NoteCache

    sources = [str(p) for p in paths]
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(max(repeat, 3)):
        cache = NoteCache()
        start = time.perf_counter()
        for source in sources:
            cache.lookup(source)
        cold.append(time.perf_counter() - start)
        for _ in range(5):
            start = time.perf_counter()
            fresh = [cache.lookup(source)[1] for source in sources]
            warm.append(time.perf_counter() - start)
            if any(fresh):
                raise RuntimeError("the warm pass re-read a note")
    return {"cold": len(sources) / best(cold), "warm": len(sources) / best(warm)}


def shape_reading(notes: Sequence[Any], folder: Path, repeat: int) -> tuple[float, list[Any]]:
    """Notes per second for one shape's files on disk, cold (no cache), and what was read.

    Each file's bytes are read and handed to the reader with the syntax of its ground truth
    (``read_bytes``): the same work as a cold ``NoteCache`` lookup without its stat and hash,
    whatever syntax the file's suffix would suggest (``.txt`` notes of ``rst-notes`` are reST).
    """
    from sphinxcontrib_releases.reader import read_bytes

    jobs = [(str(folder / note.name), note.truth.syntax) for note in notes]
    times: list[float] = []
    found: list[Any] = []
    for _ in range(max(repeat, 3)):
        start = time.perf_counter()
        found = [read_bytes(Path(path).read_bytes(), path, syntax=syntax) for path, syntax in jobs]
        times.append(time.perf_counter() - start)
    return len(jobs) / best(times), found


def changelog_reading(files: Sequence[Any], folder: Path, repeat: int) -> tuple[float, list[Any]]:
    """Sections per second for changelog files on disk, cold, and what was read.

    Each file is read as a Sphinx build reads it (``read_file_bytes``): the file as a note,
    then, being a changelog, one announcement per section.
    """
    from sphinxcontrib_releases.reader import read_file_bytes

    jobs = [(str(folder / file.name), file.truth.syntax) for file in files]
    sections = sum(len(file.truth.sections) for file in files)
    times: list[float] = []
    found: list[Any] = []
    for _ in range(max(repeat, 3)):
        start = time.perf_counter()
        found = [
            read_file_bytes(Path(path).read_bytes(), path, syntax=syntax) for path, syntax in jobs
        ]
        times.append(time.perf_counter() - start)
    return sections / best(times), found


def changelog_rows(
    bench: Bench, shape: str, files: Sequence[Any], folder: Path
) -> tuple[list[Row], dict[str, Any]]:
    """Speed and accuracy of the reader on changelog files, per section."""
    accuracy = _bench_module("accuracy")
    sections = sum(len(file.truth.sections) for file in files)
    where = f"{sections} sections in {len(files)} file{'' if len(files) == 1 else 's'}"
    bench.say(f"reader on the {shape} shape, {where}")
    speed, found = changelog_reading(files, folder, bench.repeat)
    scored = accuracy.score_changelogs(files, found)
    shares = [scored.share(fact) for fact in accuracy.SECTION_FACTS]
    rows = [
        Row(
            f"Reader, cold, {shape}, {where}",
            measured=f"{speed:,.0f} sections/s",
            budget=f"≥ {CHANGELOG_BUDGET:,} sections/s",
            ok=speed >= CHANGELOG_BUDGET,
        ),
        Row(
            f"Accuracy, {shape}, {sections} sections: {' / '.join(accuracy.SECTION_FACTS)}",
            measured=" / ".join(percent(share) for share in shares),
            budget=f"≥ {percent(ACCURACY_BUDGET)} each",
            ok=min(shares) >= ACCURACY_BUDGET,
        ),
    ]
    figures = {
        "files": len(files),
        "sections": sections,
        "cold": speed,
        "accuracy": scored.to_json(),
    }
    return rows, figures


def shape_rows(bench: Bench, n: int, shapes: Sequence[str]) -> tuple[list[Row], dict[str, Any]]:
    """Speed and accuracy of the reader on each shape of collection."""
    generate = _bench_module("generate")
    accuracy = _bench_module("accuracy")
    rows: list[Row] = []
    figures: dict[str, Any] = {}
    for shape in shapes:
        folder = bench.workdir / "shapes" / shape
        if folder.exists():
            shutil.rmtree(folder)
        notes = generate.collection(n, shape=shape)
        folder.mkdir(parents=True)
        for note in notes:
            (folder / note.name).write_bytes(note.text.encode("utf-8"))
        if shape not in generate.NOTE_SHAPES:
            rows_of_shape, figures[shape] = changelog_rows(bench, shape, notes, folder)
            rows.extend(rows_of_shape)
            continue
        bench.say(f"reader on the {shape} shape, n={n}")
        speed, found = shape_reading(notes, folder, bench.repeat)
        scored = accuracy.score(notes, found)
        rows.append(
            Row(
                f"Reader, cold, {shape}, N={n}",
                measured=rate(speed),
                budget=f"≥ {rate(COLD_BUDGET)}",
                ok=speed >= COLD_BUDGET,
            )
        )
        shares = [scored.share(fact) for fact in accuracy.REQUIRED]
        rows.append(
            Row(
                f"Accuracy, {shape}, N={n}: {' / '.join(accuracy.REQUIRED)}",
                measured=" / ".join(percent(share) for share in shares),
                budget=f"≥ {percent(ACCURACY_BUDGET)} each",
                ok=min(shares) >= ACCURACY_BUDGET,
            )
        )
        figures[shape] = {"notes": n, "cold": speed, "accuracy": scored.to_json()}
    return rows, figures


# -- the run ------------------------------------------------------------------------------------

PHASES = (
    "reader",
    "shapes",
    "startup",
    "read",
    "html",
    "incremental",
    "parallel",
    "scaling",
    "ablog",
)
SHAPES = ("blog-yaml", "rst-notes", "blog-toml", "changelog")
"""The shapes of ``generate.py``, all measured by default."""


@dataclass
class Settings:
    n: int
    scale: tuple[int, int]
    repeat: int
    phases: tuple[str, ...]
    shapes: tuple[str, ...] = SHAPES


def ablog_available() -> bool:
    return importlib.util.find_spec("ablog") is not None


def ratio_row(
    measure: str, baseline: float, measured: float, limit: float | None = None, **kw: str
) -> Row:
    """A row comparing two times (``limit``: the largest ratio within budget)."""
    value = measured / baseline
    return Row(
        measure,
        kw.get("baseline_text", seconds(baseline)),
        kw.get("measured_text", seconds(measured)),
        times(value),
        f"≤ {times(limit)}" if limit is not None else "—",
        value <= limit if limit is not None else None,
    )


def run(bench: Bench, settings: Settings) -> tuple[list[Row], dict[str, Any]]:
    """Every phase asked for; the table rows and the raw figures."""
    n, (lo, hi), phases = settings.n, settings.scale, settings.phases
    rows: list[Row] = []
    figures: dict[str, Any] = {}
    with_ablog = "ablog" in phases and ablog_available()
    if "ablog" in phases and not with_ablog:
        bench.say("ablog is not installed: its comparison is left out")

    if "reader" in phases:
        bench.say(f"reader throughput, n={n}")
        figures["reader"] = speed = reader_throughput(bench.prepare(n, ()), settings.repeat)
        for key, label, limit in (
            ("cold", "cold", COLD_BUDGET),
            ("warm", "warm cache", WARM_BUDGET),
        ):
            rows.append(
                Row(
                    f"Reader, {label}, N={n}",
                    measured=rate(speed[key]),
                    budget=f"≥ {rate(limit)}",
                    ok=speed[key] >= limit,
                )
            )

    if "shapes" in phases:
        shape_table, figures["shapes"] = shape_rows(bench, n, settings.shapes)
        rows.extend(shape_table)

    if "startup" in phases or "scaling" in phases:
        bench.say("start-up: the same projects without notes")
        bench.full_builds([PLAIN, EXT], 0)
        rows.append(
            ratio_row(
                "Start-up (html, no notes): ext / plain",
                bench.best_time(PLAIN, 0),
                bench.best_time(EXT, 0),
            )
        )

    if "read" in phases:
        bench.say(f"read phase (dummy builder), n={n}")
        bench.full_builds([PLAIN, EXT], n, "dummy")
        rows.append(
            ratio_row(
                f"Read phase (dummy builder), N={n}: ext / plain",
                bench.best_time(PLAIN, n, "dummy"),
                bench.best_time(EXT, n, "dummy"),
                READ_BUDGET,
            )
        )

    if {"html", "incremental", "ablog"} & set(phases):
        bench.say(f"full html builds, n={n}")
        projects = [PLAIN, DESIGN, EXT] + ([ABLOG] if with_ablog else [])
        bench.full_builds(projects, n)
        plain, ours = bench.best_time(PLAIN, n), bench.best_time(EXT, n)
        rows.append(ratio_row(f"Full html build, N={n}: ext / plain", plain, ours, HTML_BUDGET))
        rows.append(
            ratio_row(
                f"Full html build, N={n}: sphinx-design alone / plain",
                plain,
                bench.best_time(DESIGN, n),
            )
        )
        rows.append(
            ratio_row(
                f"Peak memory, html, N={n}: ext / plain",
                bench.peak(PLAIN, n),
                bench.peak(EXT, n),
                MEMORY_BUDGET,
                baseline_text=megabytes(bench.peak(PLAIN, n)),
                measured_text=megabytes(bench.peak(EXT, n)),
            )
        )
        if with_ablog:
            theirs = bench.best_time(ABLOG, n)
            rows.append(
                Row(
                    f"Full html build, N={n}: ext / ablog",
                    seconds(theirs),
                    seconds(ours),
                    times(ours / theirs),
                    f"< {times(ABLOG_BUDGET)}",
                    ours / theirs < ABLOG_BUDGET,
                )
            )
            rows.append(
                ratio_row(
                    f"Peak memory, html, N={n}: ext / ablog",
                    bench.peak(ABLOG, n),
                    bench.peak(EXT, n),
                    baseline_text=megabytes(bench.peak(ABLOG, n)),
                    measured_text=megabytes(bench.peak(EXT, n)),
                )
            )

    if "incremental" in phases:
        bench.say(f"incremental html rebuild after editing one note, n={n}")
        made = bench.incremental([PLAIN, EXT], n)
        full_plain, full_ours = bench.best_time(PLAIN, n), bench.best_time(EXT, n)
        inc_plain = bench.best_time(PLAIN, n, kind="incremental")
        inc_ours = bench.best_time(EXT, n, kind="incremental")
        changed = {
            project: max((b.update or (0, 0, 0))[1] for b in made[project])
            for project in (PLAIN, EXT)
        }
        figures["reread"] = {
            project: sorted({d for b in made[project] for d in b.reread})
            for project in (PLAIN, EXT)
        }
        allowed = 1 + 1  # the note's own page and the one page that aggregates it (the index)
        rows.append(
            Row(
                "Incremental, one note edited: documents re-read, ext (plain)",
                str(changed[PLAIN]),
                str(changed[EXT]),
                budget=f"≤ {allowed} (the note, the index)",
                ok=changed[EXT] <= allowed,
            )
        )
        rows.append(
            Row(
                f"Incremental, one note edited, N={n}: rebuild / full build, ext (plain)",
                f"{percent(inc_plain / full_plain)} ({seconds(inc_plain)})",
                f"{percent(inc_ours / full_ours)} ({seconds(inc_ours)})",
                times(inc_ours / inc_plain),
                f"≤ {percent(INCREMENTAL_BUDGET)}",
                inc_ours / full_ours <= INCREMENTAL_BUDGET,
            )
        )

    if "parallel" in phases:
        bench.say(f"parallel html builds (-j 2), n={n}")
        bench.full_builds([PLAIN, EXT], n)
        bench.full_builds([PLAIN, EXT], n, jobs=2)
        # wall-clock time only: processor time does not show what a second worker saves
        speedup = {
            project: bench.best_time(project, n, jobs=2, clock="wall")
            / bench.best_time(project, n, clock="wall")
            for project in (PLAIN, EXT)
        }
        rows.append(
            Row(
                f"Parallel html, N={n}: -j 2 / -j 1 wall-clock, ext (plain)",
                times(speedup[PLAIN]),
                times(speedup[EXT]),
                times(
                    bench.best_time(EXT, n, jobs=2, clock="wall")
                    / bench.best_time(PLAIN, n, jobs=2, clock="wall")
                ),
            )
        )

    if "scaling" in phases:
        bench.say(f"scaling, n={lo} and n={hi}")
        for size in (lo, hi):
            bench.full_builds([PLAIN, EXT], size)
        linear = hi / lo
        figures["scaling"] = {}
        for label, offset in (("whole build", False), ("start-up removed", True)):
            growth = {}
            for project in (PLAIN, EXT):
                zero = bench.best_time(project, 0) if offset else 0.0
                small = bench.best_time(project, lo) - zero
                large = bench.best_time(project, hi) - zero
                growth[project] = large / small / linear
            figures["scaling"][label] = growth
            rows.append(
                Row(
                    f"Scaling html N={lo}→{hi}, {label}: growth / linear, ext (plain)",
                    times(growth[PLAIN]),
                    times(growth[EXT]),
                    times(growth[EXT] / growth[PLAIN]),
                    f"≤ {times(SCALING_BUDGET)}",
                    growth[EXT] <= SCALING_BUDGET,
                )
            )
    return rows, figures


def machine() -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for name in ("sphinx", "docutils", "myst-parser", "sphinx-design", "ablog", "PyYAML"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=HERE,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "commit": commit or None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "versions": versions,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark sphinxcontrib-releases against plain Sphinx + MyST (and ablog)."
    )
    parser.add_argument("--quick", action="store_true", help="small sizes and one repeat")
    parser.add_argument("--n", type=int, help="notes for the main comparisons (default 1000)")
    parser.add_argument(
        "--scale",
        type=int,
        nargs=2,
        metavar=("SMALL", "LARGE"),
        help="the two collection sizes of the scaling test (default 300 3000)",
    )
    parser.add_argument("--repeat", type=int, help="builds per measurement, best kept (3)")
    parser.add_argument(
        "--only", nargs="+", choices=PHASES, metavar="PHASE", help=f"among {', '.join(PHASES)}"
    )
    parser.add_argument(
        "--shapes",
        nargs="+",
        choices=SHAPES,
        metavar="SHAPE",
        help=f"the shapes of collection the shapes phase reads (default: {' '.join(SHAPES)})",
    )
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="time builds by the wall clock (default) or by processor time (user + system of "
        "the build and its workers), steadier on a busy machine; -j 2 is always wall-clock",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="scratch folder (default: a new folder in /dev/shm, else the temporary folder)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)

    settings = Settings(
        n=args.n or (100 if args.quick else 1000),
        scale=tuple(args.scale or ((50, 200) if args.quick else (300, 3000))),  # type: ignore[arg-type]
        repeat=args.repeat or (1 if args.quick else 3),
        phases=tuple(args.only or PHASES),
        shapes=tuple(args.shapes or SHAPES),
    )
    if settings.n < 1 or min(settings.scale) < 1 or settings.repeat < 1:
        parser.error("sizes and --repeat must be at least 1")
    if settings.scale[0] >= settings.scale[1]:
        parser.error("--scale SMALL LARGE: SMALL must be below LARGE")

    shm = Path("/dev/shm")
    parent = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="releases-bench-", dir=parent))
    workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(workdir, settings.repeat, args.clock)
    bench.say(f"scratch folder: {workdir}")
    started = time.perf_counter()
    try:
        rows, figures = run(bench, settings)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.perf_counter() - started

    today = dt.date.today().isoformat()
    print(
        f"sphinxcontrib-releases benchmarks, {today}: N = {settings.n}, scaling "
        f"{settings.scale[0]}→{settings.scale[1]}, best of {settings.repeat} "
        f"({'processor' if args.clock == 'cpu' else 'wall-clock'} time), "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs\n"
    )
    print(format_table(rows))
    missed = [r.measure for r in rows if r.ok is False]
    print(f"\n{len(missed)} budget(s) missed" + (": " + "; ".join(missed) if missed else ""))
    bench.say(f"done in {elapsed / 60:.1f} min")

    if args.json:
        report = {
            "date": today,
            "settings": {**asdict(settings), "clock": args.clock},
            "machine": machine(),
            "seconds": elapsed,
            "rows": [{**asdict(r), "result": r.result} for r in rows],
            "figures": figures,
            "builds": [asdict(b) for b in bench.builds],
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
