#!/usr/bin/env python3
"""Benchmarks of sphinxcontrib-releases, and its performance budget.

One run generates collections of notes (``generate.py``), or takes a folder of real notes
(``--notes DIR``), and measures on those same notes:

* the reader's throughput, cold and with the parse cache (``NoteCache``) warm;
* per shape of collection (``generate.py --shape``): the reader's speed on that shape and its
  accuracy, the share of notes whose releases, date and authors it reads exactly right (of
  changelogs: the share of sections whose version, date and unreleased mark it does);
* at each size of ``--sizes`` (300 and 3,000 notes by default): full ``html`` builds with the
  extension (its release index, a feature list and the feeds on) against the same pages built
  by Sphinx + MyST + sphinx-design (the budget's baseline) and by plain Sphinx + MyST, with the
  read phase (start to the end of Sphinx's consistency check) and the write phase (the rest)
  timed apart inside each build; peak memory of each build;
* at each size, a sampled profile of one build with the extension: the share of the
  extension's own code (by entry point), of sphinx-design, of MyST and of garbage collection;
* an incremental ``html`` rebuild after one note is edited: which documents are re-read and
  what share of a full build it takes;
* ``-j 2`` against ``-j 1``;
* how build time grows from a small to a large collection (300 to 3,000 notes by default);
* when ablog is installed, the same notes as an ablog site.

Every build is a separate ``python -m sphinx`` process, timed from the outside by its processor
time (user + system, with its workers) unless ``--clock wall``, with its peak memory taken from
the kernel's accounting of that one process (``os.wait4``). Each build is repeated (best of
``--repeat``; medians are reported too), and the projects take turns in ABBA order (plain,
design, ext, then ext, design, plain, ...) so that a drift of the machine hits all of them alike.
The machine's load average is recorded at every build.

Usage::

    python benchmarks/run.py                          # the full run (an hour or more on 2 cores)
    python benchmarks/run.py --quick                  # small sizes, one repeat: a few minutes
    python benchmarks/run.py --only compare profile --sizes 300,3000 --repeat 5 --write-docs
    python benchmarks/run.py --only compare --notes path/to/notes --repeat 5

The Markdown table goes to standard output; progress goes to standard error. ``--write-docs``
rewrites the marked results block of ``docs/benchmarks.md``. Only the standard library and the
project's own dependencies are used (ablog when present, pyinstrument for the profile).
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

READ_BUDGET = 1.05
"""Read phase of an ``html`` build with the extension, at most this many times the baseline's
(Sphinx + MyST + sphinx-design, the packages a user of the extension has anyway)."""
HTML_BUDGET = 1.05
"""Full ``html`` build with the extension, at most this many times the baseline's."""
INCREMENTAL_BUDGET = 0.10
"""An incremental rebuild after one edited note, at most this share of a full build."""
SCALING_BUDGET = 1.2
"""Growth from the small to the large collection, at most this many times linear."""
MEMORY_BUDGET = 1.2
"""Peak memory with the extension, at most this many times the baseline's."""
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
NAMES = {
    PLAIN: "Sphinx + MyST",
    DESIGN: "Sphinx + MyST + sphinx-design",
    EXT: "the extension",
    ABLOG: "ablog",
}

MARK_VARIABLE = "RELEASES_BENCH_MARK"
"""Where a build writes the processor time it had used when its read phase ended."""

BASE_CONF = f"""\
project = "Benchmark"
extensions = ["myst_parser"]
# a minimal theme and no sidebars, so that the theme's own per-page cost stays out
html_theme = "basic"
html_sidebars = {{"**": []}}
html_baseurl = "https://example.org/"
# the front matter's title becomes the page title (the extension does this by itself)
myst_title_to_header = True
exclude_patterns = ["_build"]


def setup(app):
    # the benchmark's own clock: processor time used when the read phase ends (after the
    # environment is pickled and checked), the same event in every project
    import os, time

    def mark(app, env):
        path = os.environ.get("{MARK_VARIABLE}")
        if path:
            with open(path, "w") as out:
                out.write(repr(time.process_time()))

    app.connect("env-check-consistency", mark, priority=900)
"""

NOTE_PATTERNS = 'releases_notes = ["notes/*.md", "notes/*.rst"]\n'

CONF = {
    PLAIN: BASE_CONF,
    DESIGN: BASE_CONF + 'extensions.append("sphinx_design")\n',
    EXT: BASE_CONF + 'extensions.append("sphinxcontrib_releases")\n' + NOTE_PATTERNS,
    ABLOG: BASE_CONF
    + 'extensions.append("ablog")\n'
    + 'blog_post_pattern = "notes/*"\n'
    + 'blog_baseurl = "https://example.org/"\n'
    + 'post_date_format = "%Y-%m-%d"\n',
}

GLOB_INDEX = "# Releases\n\n```{toctree}\n:glob:\n:maxdepth: 1\n\nfeatures\nnotes/**\n```\n"
INDEX = {
    PLAIN: GLOB_INDEX,
    DESIGN: GLOB_INDEX,
    EXT: "# Releases\n\n```{toctree}\nfeatures\n```\n\n```{release-index}\n:toctree:\n```\n",
    ABLOG: GLOB_INDEX,
}
FEATURES_PAGE = "# Features\n\nThe features of every release.\n"
FEATURES = {
    PLAIN: FEATURES_PAGE,
    DESIGN: FEATURES_PAGE,
    EXT: FEATURES_PAGE + "\n```{feature-list}\n```\n",
    ABLOG: FEATURES_PAGE,
}
"""A page of features in every project: the extension's lists them all, the others do not."""


def note_patterns(notes: Path) -> str:
    """``releases_notes`` for a folder of notes: its Markdown and reST files, at any depth."""
    suffixes = sorted({p.suffix for p in notes.rglob("*") if p.suffix in {".md", ".rst"}})
    patterns = [f"notes/**/*{suffix}" for suffix in suffixes] or ["notes/**/*.md"]
    return f"releases_notes = {patterns!r}\n"


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


def median(values: Iterable[float]) -> float:
    """The median of repeated timings (the mean of the middle two for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


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
    median: str = "—"
    """The ratio of the medians, where the ratio is of best times."""

    @property
    def result(self) -> str:
        return verdict(self.ok)


HEADERS = ("Measure", "Baseline", "Measured", "Ratio", "Budget", "Result", "Median ratio")


def format_table(rows: Sequence[Row]) -> str:
    """A Markdown table, columns padded so that it also reads well as plain text."""
    cells = [list(HEADERS)] + [
        [r.measure, r.baseline, r.measured, r.ratio, r.budget, r.result, r.median] for r in rows
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
    read_cpu: float | None = None
    """Processor time used by the end of the read phase (``-j 1`` builds: all of the read)."""
    load: float | None = None
    """The machine's one-minute load average when the build started."""

    def time(self, clock: str, phase: str = "build") -> float:
        """Seconds of the whole build, or of its ``read`` or ``write`` phase (processor time)."""
        if phase == "build":
            return self.cpu if clock == "cpu" else self.wall
        if self.read_cpu is None:
            raise ValueError(f"no read mark for {self.project} n={self.n}")
        return self.read_cpu if phase == "read" else self.cpu - self.read_cpu


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


def scratch(prefix: str) -> Path:
    """A new scratch folder, in memory (``/dev/shm``) where the machine has it."""
    shm = Path("/dev/shm")
    parent = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))


def two_projects(workdir: Path | None, prefix: str, n: int) -> Bench:
    """A bench with the baseline's and the extension's projects of ``n`` notes, for the tools
    that build each once (``profile_build.py``, ``count_instructions.py``)."""
    bench = Bench(workdir or scratch(prefix), 1)
    bench.prepare(n, (DESIGN, EXT))
    return bench


class Bench:
    """The scratch projects of one run and every build made in it."""

    def __init__(
        self,
        workdir: Path,
        repeat: int,
        clock: str = "cpu",
        *,
        log: Any = sys.stderr,
        notes: Path | None = None,
    ) -> None:
        self.workdir = workdir
        self.repeat = repeat
        self.repeats: dict[int, int] = {}
        """Builds per measurement at some sizes, instead of ``repeat`` (``--sizes 3000:3``)."""
        self.clock = clock
        self.log = log
        self.builds: list[Build] = []
        self.prepared: dict[int, list[Path]] = {}
        self.env = dict(os.environ, PYTHONHASHSEED="0", LC_ALL="C.UTF-8", NO_COLOR="1")
        # byte-compiled modules, as an installed package has them: a checkout run with
        # PYTHONDONTWRITEBYTECODE would otherwise compile the extension's source in every build
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.compiled = False
        self.notes = notes
        """A folder of real notes (``--notes``): used, as its size, instead of generated ones."""
        self.folder_size = len(folder_notes(notes)) if notes is not None else None

    def say(self, message: str) -> None:
        print(message, file=self.log, flush=True)

    # -- projects ------------------------------------------------------------------------------

    def root(self, n: int) -> Path:
        return self.workdir / f"n{n}"

    def srcdir(self, project: str, n: int) -> Path:
        return self.root(n) / project

    def prepare(self, n: int, projects: Iterable[str] = (PLAIN, EXT)) -> list[Path]:
        """Generate ``n`` notes once (or copy the ``--notes`` folder, when ``n`` is its size)
        and lay out each project around a copy of them."""
        notes = self.root(n) / "notes"
        if n not in self.prepared:
            if notes.exists():
                shutil.rmtree(notes)
            if self.notes is not None and n == self.folder_size:
                shutil.copytree(self.notes, notes)
                self.prepared[n] = folder_notes(notes)
            else:
                notes.mkdir(parents=True)
                self.prepared[n] = _generate(notes, n) if n else []
        for project in projects:
            src = self.srcdir(project, n)
            if not src.exists():
                shutil.copytree(notes, src / "notes")
                conf = CONF[project]
                if project == EXT and self.notes is not None and n == self.folder_size:
                    conf = conf.replace(NOTE_PATTERNS, note_patterns(notes))
                (src / "conf.py").write_text(conf, encoding="utf-8")
                (src / "index.md").write_text(INDEX[project], encoding="utf-8")
                (src / "features.md").write_text(FEATURES[project], encoding="utf-8")
        return self.prepared[n]

    # -- builds --------------------------------------------------------------------------------

    def outdirs(self, project: str, n: int, builder: str, jobs: int) -> tuple[Path, Path]:
        base = self.root(n) / "_build" / f"{project}-{builder}-j{jobs}"
        return base / "out", base / "doctrees"

    def compile_modules(self) -> None:
        """Byte-compile the extension where it is run from (its ``__pycache__``, ignored by git)
        once, before the first build, so that no build pays for compiling it; the installed
        packages have theirs already."""
        if self.compiled:
            return
        self.compiled = True
        spec = importlib.util.find_spec("sphinxcontrib_releases")
        if spec is None or not spec.submodule_search_locations:
            return
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", *spec.submodule_search_locations],
            env=self.env,
            check=False,
            stdout=subprocess.DEVNULL,
        )

    def build(
        self, project: str, n: int, builder: str = "html", jobs: int = 1, *, fresh: bool = True
    ) -> Build:
        self.compile_modules()
        out, doctrees = self.outdirs(project, n, builder, jobs)
        if fresh:
            shutil.rmtree(out.parent, ignore_errors=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-N", "-j", str(jobs)]
        cmd += ["-d", str(doctrees), str(self.srcdir(project, n)), str(out)]
        log = out.parent / f"log-{len(self.builds)}.txt"
        mark = out.parent / f"mark-{len(self.builds)}.txt"
        mark.unlink(missing_ok=True)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        wall, cpu, rss, code = run_process(cmd, log, {**self.env, MARK_VARIABLE: str(mark)})
        output = log.read_text(encoding="utf-8", errors="replace")
        read_cpu = float(mark.read_text()) if mark.exists() and jobs == 1 else None
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
            read_cpu=read_cpu,
            load=load,
        )
        self.builds.append(made)
        what = f"{project:<6} n={n:<5} {builder:<5} -j{jobs} {made.kind:<11}"
        phases = f" (read {read_cpu:6.2f} s)" if read_cpu is not None else ""
        self.say(
            f"  {what} {wall:7.2f} s wall {cpu:7.2f} s cpu{phases} {rss / 1024:5.0f} MB "
            f"{made.warnings} warnings, load {load if load is not None else 0:.1f}"
        )
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
        """``repeat`` fresh builds of each project (those not made yet), taking turns in ABBA
        order: forwards, then backwards, so that no project always comes first."""
        self.prepare(n, projects)
        repeat = self.repeats.get(n, self.repeat)
        for round_ in range(repeat):
            for project in abba(projects, round_):
                if len(self.find(project, n, builder, jobs)) < repeat:
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
        return best(b.time(wanted) for b in self.find(project, n, builder, jobs, kind))

    def phase_times(self, project: str, n: int, phase: str) -> list[float]:
        """The processor times of a phase (``read``, ``write`` or ``build``) of the full
        ``-j 1`` ``html`` builds of a project made so far."""
        clock = "cpu" if phase != "build" else self.clock
        return [b.time(clock, phase) for b in self.find(project, n)]

    def loads(self) -> list[float]:
        return [b.load for b in self.builds if b.load is not None]

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


def abba(projects: Sequence[str], round_: int) -> list[str]:
    """The order of one round of builds: forwards in even rounds, backwards in odd ones."""
    return list(projects) if round_ % 2 == 0 else list(reversed(projects))


def folder_notes(folder: Path) -> list[Path]:
    """The Markdown and reST notes of a folder (``--notes``), at any depth, sorted."""
    return sorted(p for p in folder.rglob("*") if p.suffix in {".md", ".rst"} and p.is_file())


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
    "compare",
    "profile",
    "incremental",
    "parallel",
    "scaling",
    "ablog",
)
SHAPES = ("blog-yaml", "rst-notes", "blog-toml", "changelog")
"""The shapes of ``generate.py``, all measured by default."""
SIZES = (300, 3000)
"""The collection sizes of the comparison with the baselines."""
BUILD_PHASES = {"read": "Read phase", "write": "Write phase", "build": "Full html build"}
BUDGETS = {"read": READ_BUDGET, "build": HTML_BUDGET}


@dataclass
class Settings:
    n: int
    scale: tuple[int, int]
    repeat: int
    phases: tuple[str, ...]
    shapes: tuple[str, ...] = SHAPES
    sizes: tuple[int, ...] = SIZES
    repeats: dict[int, int] = field(default_factory=dict)
    """Builds per measurement of the sizes that give their own (``--sizes 3000:3``)."""


def ablog_available() -> bool:
    return importlib.util.find_spec("ablog") is not None


def profiler_available() -> bool:
    return importlib.util.find_spec("pyinstrument") is not None


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
        kw.get("median", "—"),
    )


def compare_rows(bench: Bench, n: int) -> tuple[list[Row], dict[str, Any]]:
    """The extension against both baselines at one size: read phase, write phase, whole build
    (best of the repeats, and the ratio of medians), and peak memory."""
    rows: list[Row] = []
    figures: dict[str, Any] = {}
    for project in (PLAIN, DESIGN, EXT):
        figures[project] = {
            phase: {
                "best": best(bench.phase_times(project, n, phase)),
                "median": median(bench.phase_times(project, n, phase)),
                "all": bench.phase_times(project, n, phase),
            }
            for phase in BUILD_PHASES
        }
        figures[project]["peak_kib"] = bench.peak(project, n)
    for phase, label in BUILD_PHASES.items():
        for base in (DESIGN, PLAIN):
            ours, theirs = figures[EXT][phase], figures[base][phase]
            rows.append(
                ratio_row(
                    f"{label}, N={n}: ext / {NAMES[base]}",
                    theirs["best"],
                    ours["best"],
                    BUDGETS.get(phase) if base == DESIGN else None,
                    median=times(ours["median"] / theirs["median"]),
                )
            )
    rows.append(
        ratio_row(
            f"Full html build, N={n}: sphinx-design alone / Sphinx + MyST",
            figures[PLAIN]["build"]["best"],
            figures[DESIGN]["build"]["best"],
            median=times(figures[DESIGN]["build"]["median"] / figures[PLAIN]["build"]["median"]),
        )
    )
    rows.append(
        ratio_row(
            f"Peak memory, html, N={n}: ext / {NAMES[DESIGN]}",
            bench.peak(DESIGN, n),
            bench.peak(EXT, n),
            MEMORY_BUDGET,
            baseline_text=megabytes(bench.peak(DESIGN, n)),
            measured_text=megabytes(bench.peak(EXT, n)),
        )
    )
    return rows, figures


def profile_rows(bench: Bench, n: int, top: int = 12) -> tuple[list[Row], dict[str, Any]]:
    """One sampled ``html`` build of the extension's project and of the baseline's."""
    profiler = _bench_module("profile_build")
    bench.prepare(n, (DESIGN, EXT))
    figures = {
        project: profiler.profile(
            bench.srcdir(project, n), bench.root(n) / f"profile-{project}", top=top
        )
        for project in (DESIGN, EXT)
    }
    ours, theirs = figures[EXT], figures[DESIGN]
    rows = [
        Row(
            f"Profile, html, N={n}: the extension's own code, share of its build",
            measured=percent(ours["packages"].get("sphinxcontrib_releases", 0.0)),
        ),
        Row(
            f"Profile, html, N={n}: sphinx-design, share of the build, ext (baseline)",
            percent(theirs["packages"].get("sphinx_design", 0.0)),
            percent(ours["packages"].get("sphinx_design", 0.0)),
        ),
        Row(
            f"Profile, html, N={n}: garbage collection, ext (baseline)",
            seconds(theirs["gc"]),
            seconds(ours["gc"]),
            times(ours["gc"] / theirs["gc"]) if theirs["gc"] else "—",
        ),
        Row(
            f"Profile, html, N={n}: docutils nodes written, ext (baseline)",
            f"{theirs['nodes']:,}",
            f"{ours['nodes']:,}",
            times(ours["nodes"] / theirs["nodes"]) if theirs["nodes"] else "—",
        ),
    ]
    return rows, figures


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
        bench.full_builds([PLAIN, DESIGN, EXT], 0)
        rows.append(
            ratio_row(
                f"Start-up (html, no notes): ext / {NAMES[DESIGN]}",
                bench.best_time(DESIGN, 0),
                bench.best_time(EXT, 0),
            )
        )

    if "compare" in phases:
        figures["compare"] = {}
        for size in settings.sizes:
            bench.say(f"html builds, read and write phases, n={size}")
            bench.full_builds([PLAIN, DESIGN, EXT], size)
            compared, figures["compare"][size] = compare_rows(bench, size)
            rows.extend(compared)

    if "profile" in phases:
        if not profiler_available():
            bench.say("pyinstrument is not installed: the profile is left out")
        else:
            figures["profile"] = {}
            for size in settings.sizes:
                bench.say(f"profiling one html build of each, n={size}")
                profiled, figures["profile"][size] = profile_rows(bench, size)
                rows.extend(profiled)

    if with_ablog:
        bench.say(f"full html builds against ablog, n={n}")
        bench.full_builds([ABLOG, EXT], n)
        ours, theirs = bench.best_time(EXT, n), bench.best_time(ABLOG, n)
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
        made = bench.incremental([DESIGN, EXT], n)
        full_base, full_ours = bench.best_time(DESIGN, n), bench.best_time(EXT, n)
        inc_base = bench.best_time(DESIGN, n, kind="incremental")
        inc_ours = bench.best_time(EXT, n, kind="incremental")
        changed = {
            project: max((b.update or (0, 0, 0))[1] for b in made[project])
            for project in (DESIGN, EXT)
        }
        figures["reread"] = {
            project: sorted({d for b in made[project] for d in b.reread})
            for project in (DESIGN, EXT)
        }
        allowed = 1 + 2  # the note's own page and the pages that aggregate it: index, features
        rows.append(
            Row(
                "Incremental, one note edited: documents re-read, ext (baseline)",
                str(changed[DESIGN]),
                str(changed[EXT]),
                budget=f"≤ {allowed} (the note, the index, the feature list)",
                ok=changed[EXT] <= allowed,
            )
        )
        rows.append(
            Row(
                f"Incremental, one note edited, N={n}: rebuild / full build, ext (baseline)",
                f"{percent(inc_base / full_base)} ({seconds(inc_base)})",
                f"{percent(inc_ours / full_ours)} ({seconds(inc_ours)})",
                times(inc_ours / inc_base),
                f"≤ {percent(INCREMENTAL_BUDGET)}",
                inc_ours / full_ours <= INCREMENTAL_BUDGET,
            )
        )

    if "parallel" in phases:
        bench.say(f"parallel html builds (-j 2), n={n}")
        bench.full_builds([DESIGN, EXT], n)
        bench.full_builds([DESIGN, EXT], n, jobs=2)
        # wall-clock time only: processor time does not show what a second worker saves
        speedup = {
            project: bench.best_time(project, n, jobs=2, clock="wall")
            / bench.best_time(project, n, clock="wall")
            for project in (DESIGN, EXT)
        }
        rows.append(
            Row(
                f"Parallel html, N={n}: -j 2 / -j 1 wall-clock, ext (baseline)",
                times(speedup[DESIGN]),
                times(speedup[EXT]),
                times(
                    bench.best_time(EXT, n, jobs=2, clock="wall")
                    / bench.best_time(DESIGN, n, jobs=2, clock="wall")
                ),
            )
        )

    if "scaling" in phases:
        bench.say(f"scaling, n={lo} and n={hi}")
        for size in (lo, hi):
            bench.full_builds([DESIGN, EXT], size)
        linear = hi / lo
        figures["scaling"] = {}
        for label, offset in (("whole build", False), ("start-up removed", True)):
            growth = {}
            for project in (DESIGN, EXT):
                zero = bench.best_time(project, 0) if offset else 0.0
                small = bench.best_time(project, lo) - zero
                large = bench.best_time(project, hi) - zero
                growth[project] = large / small / linear
            figures["scaling"][label] = growth
            rows.append(
                Row(
                    f"Scaling html N={lo}→{hi}, {label}: growth / linear, ext (baseline)",
                    times(growth[DESIGN]),
                    times(growth[EXT]),
                    times(growth[EXT] / growth[DESIGN]),
                    f"≤ {times(SCALING_BUDGET)}",
                    growth[EXT] <= SCALING_BUDGET,
                )
            )
    return rows, figures


# -- the docs page ------------------------------------------------------------------------------

DOCS_PAGE = HERE.parent / "docs" / "benchmarks.md"
DOCS_START = "<!-- results: written by benchmarks/run.py --write-docs; do not edit by hand -->"
DOCS_END = "<!-- end of results -->"


def load_summary(loads: Sequence[float]) -> str:
    if not loads:
        return "not recorded"
    return (
        f"{min(loads):.1f} to {max(loads):.1f}, median {median(loads):.1f} "
        "(one-minute load average at the start of each build)"
    )


def best_of(settings: dict[str, Any]) -> str:
    """``5``, or ``5 (3 at N = 3000)`` when some sizes have their own repeats."""
    own = settings.get("repeats") or {}
    if not own:
        return str(settings["repeat"])
    extra = ", ".join(f"{r} at N = {n:,}" for n, r in sorted(own.items()))
    return f"{settings['repeat']} ({extra})"


def docs_block(report: dict[str, Any], table: str) -> str:
    """The results block of ``docs/benchmarks.md``: how the run was made, the table, and for
    each profiled size, where the extension's own time goes."""
    settings, info = report["settings"], report["machine"]
    versions = ", ".join(f"{name} {v}" for name, v in info["versions"].items() if v)
    clock = "processor time" if settings["clock"] == "cpu" else "wall-clock time"
    lines = [
        DOCS_START,
        "",
        f"Run on {report['date']} at commit `{info['commit']}`: `{report['command']}`, "
        f"best of {best_of(settings)} ({clock}), {report['seconds'] / 60:.0f} minutes. "
        f"Python {info['python']} on {info['cpus']} CPUs ({info['platform']}); {versions}. "
        f"Load: {load_summary(report['loads'])}.",
        "",
        table,
    ]
    for size, profiled in sorted(report["figures"].get("profile", {}).items()):
        ours, theirs = profiled[EXT], profiled[DESIGN]
        lines += [
            "",
            f"Profile of one `html` build at N = {size} (pyinstrument; the profiler slows "
            "both builds alike, so read the shares):",
            "",
            f"| | {NAMES[DESIGN]} | with the extension |",
            "| --- | --- | --- |",
            f"| processor time (profiled) | {theirs['cpu']:.1f} s | {ours['cpu']:.1f} s |",
            f"| garbage collection | {theirs['gc']:.1f} s | {ours['gc']:.1f} s |",
            f"| docutils nodes written | {theirs['nodes']:,} | {ours['nodes']:,} |",
        ]
        for package, label in (
            ("sphinxcontrib_releases", "in the extension's code"),
            ("sphinx_design", "in sphinx-design"),
            ("myst_parser", "in MyST"),
        ):
            lines.append(
                f"| {label} | {percent(theirs['packages'].get(package, 0.0))} "
                f"| {percent(ours['packages'].get(package, 0.0))} |"
            )
        lines += ["", "| the extension's entry points | share of its build |", "| --- | --- |"]
        lines += [f"| `{entry}` | {percent(share)} |" for entry, share in ours["entries"].items()]
    lines += ["", DOCS_END]
    return "\n".join(lines)


def write_docs(path: Path, block: str) -> None:
    """Replace the marked results block of the page (which must have both markers)."""
    text = path.read_text(encoding="utf-8")
    start, end = text.find(DOCS_START), text.find(DOCS_END)
    if start < 0 or end < start:
        raise SystemExit(f"{path}: no results block ({DOCS_START} ... {DOCS_END}) to rewrite")
    path.write_text(text[:start] + block + text[end + len(DOCS_END) :], encoding="utf-8")


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


def sizes_argument(value: str) -> tuple[tuple[int, ...], dict[int, int]]:
    """``300,3000:3``: the sizes of the comparison, and the builds per measurement of those
    that give their own (``:3``) instead of ``--repeat``."""
    sizes: list[int] = []
    repeats: dict[int, int] = {}
    try:
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            size, _, repeat = part.partition(":")
            sizes.append(int(size))
            if repeat:
                repeats[int(size)] = int(repeat)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected sizes like 300,3000:3") from None
    if not sizes or min(sizes) < 1 or min(repeats.values(), default=1) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: sizes and repeats must be at least 1")
    return tuple(sizes), repeats


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark sphinxcontrib-releases against Sphinx + MyST + sphinx-design "
        "and plain Sphinx + MyST (and ablog)."
    )
    parser.add_argument("--quick", action="store_true", help="small sizes and one repeat")
    parser.add_argument(
        "--sizes",
        type=sizes_argument,
        help="collection sizes of the comparison, comma-separated (default 300,3000); "
        "SIZE:N builds that size N times instead of --repeat",
    )
    parser.add_argument(
        "--notes",
        type=Path,
        metavar="DIR",
        help="a folder of real notes (.md and .rst, any depth) to build instead of generated "
        "ones: the comparison, the profile and the other phases use it",
    )
    parser.add_argument(
        "--n", type=int, help="notes for the reader, incremental, -j 2 and ablog (default 1000)"
    )
    parser.add_argument(
        "--scale",
        type=int,
        nargs=2,
        metavar=("SMALL", "LARGE"),
        help="the two collection sizes of the scaling test (default 300 3000)",
    )
    parser.add_argument("--repeat", type=int, help="builds per measurement, best kept (5)")
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
        default="cpu",
        help="time builds by processor time (default: user + system of the build and its "
        "workers, steadier on a busy machine) or by the wall clock; -j 2 is always wall-clock, "
        "the read and write phases always processor time",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument(
        "--write-docs",
        type=Path,
        nargs="?",
        const=DOCS_PAGE,
        metavar="PAGE",
        help="rewrite the results block of the benchmark page (default docs/benchmarks.md)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="scratch folder (default: a new folder in /dev/shm, else the temporary folder)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)

    notes = args.notes.resolve() if args.notes else None
    if notes is not None and not folder_notes(notes):
        parser.error(f"--notes {args.notes}: no .md or .rst files in it")
    folder = (len(folder_notes(notes)),) if notes is not None else None
    sizes, repeats = args.sizes or (None, {})
    sizes = folder or sizes or ((50, 200) if args.quick else SIZES)
    settings = Settings(
        n=folder[0] if folder else args.n or (100 if args.quick else 1000),
        scale=tuple(args.scale or ((50, 200) if args.quick else (300, 3000))),  # type: ignore[arg-type]
        repeat=args.repeat or (1 if args.quick else 5),
        phases=tuple(args.only or PHASES),
        shapes=tuple(args.shapes or SHAPES),
        sizes=sizes,
    )
    if folder:
        # a folder has one size: the scaling test and the generated shapes have no meaning
        settings.phases = tuple(p for p in settings.phases if p not in {"scaling", "shapes"})
    if settings.n < 1 or min(settings.scale) < 1 or settings.repeat < 1:
        parser.error("sizes and --repeat must be at least 1")
    if settings.scale[0] >= settings.scale[1]:
        parser.error("--scale SMALL LARGE: SMALL must be below LARGE")

    workdir = args.workdir or scratch("releases-bench-")
    workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(workdir, settings.repeat, args.clock, notes=notes)
    bench.repeats = repeats
    settings.repeats = repeats
    bench.say(f"scratch folder: {workdir}")
    started = time.perf_counter()
    try:
        rows, figures = run(bench, settings)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.perf_counter() - started

    today = dt.date.today().isoformat()
    what = f"the notes of {notes}" if notes else f"sizes {', '.join(map(str, settings.sizes))}"
    print(
        f"sphinxcontrib-releases benchmarks, {today}: {what}, N = {settings.n}, best of "
        f"{best_of(asdict(settings))} ({'processor' if args.clock == 'cpu' else 'wall'} time), "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load {load_summary(bench.loads())}\n"
    )
    table = format_table(rows)
    print(table)
    missed = [r.measure for r in rows if r.ok is False]
    print(f"\n{len(missed)} budget(s) missed" + (": " + "; ".join(missed) if missed else ""))
    bench.say(f"done in {elapsed / 60:.1f} min")

    report = {
        "date": today,
        "command": " ".join(["python benchmarks/run.py", *(argv or sys.argv[1:])]),
        "settings": {**asdict(settings), "clock": args.clock, "notes": str(notes or "")},
        "machine": machine(),
        "seconds": elapsed,
        "loads": bench.loads(),
        "rows": [{**asdict(r), "result": r.result} for r in rows],
        "figures": figures,
        "builds": [asdict(b) for b in bench.builds],
    }
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.write_docs:
        write_docs(args.write_docs, docs_block(report, table))
        bench.say(f"wrote the results into {args.write_docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
