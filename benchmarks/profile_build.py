#!/usr/bin/env python3
"""Where a build's time goes: the extension's own code, sphinx-design, garbage collection.

Builds the same generated notes as ``run.py`` twice, Sphinx + MyST + sphinx-design and with
the extension, each in a fresh process that samples itself with pyinstrument
(``pip install pyinstrument``) and times the garbage collector with ``gc.callbacks``. It prints,
for both builds, the processor time, the share spent in the collector, in MyST, in sphinx-design
and in the extension (by entry point: the outermost extension function of each sample), and how
many docutils nodes the written doctrees hold.

Usage::

    python benchmarks/profile_build.py --n 1000 [--builder html] [--top 12]

``run.py --only profile`` runs the same profile (:func:`profile`) at each of its sizes.

Sampling shares do not depend on how fast the machine happens to be during the run, which
makes them steadier than comparing two timings on a busy machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PACKAGES = ("sphinxcontrib_releases", "sphinx_design", "myst_parser")


def child(srcdir: str, outdir: str, builder: str, top: int) -> dict[str, Any]:
    """Build in this process, sampled; the figures as a JSON-able mapping."""
    from pyinstrument import Profiler
    from sphinx.application import Sphinx

    collecting = [0.0, 0.0]  # start of the running collection, total

    def on_gc(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collecting[0] = time.process_time()
        else:
            collecting[1] += time.process_time() - collecting[0]

    nodes = [0]

    def count(_app: Any, doctree: Any, _docname: str) -> None:
        nodes[0] += sum(1 for _ in doctree.findall())

    out = Path(outdir)
    app = Sphinx(srcdir, srcdir, str(out / "out"), str(out / "doctrees"), builder, status=None)
    app.connect("doctree-resolved", count)
    gc.callbacks.append(on_gc)
    profiler = Profiler(interval=0.002)
    started = time.process_time()
    profiler.start()
    app.build()
    profiler.stop()
    cpu = time.process_time() - started
    gc.callbacks.remove(on_gc)

    root = profiler.last_session.root_frame() if profiler.last_session else None
    total = root.time if root is not None else 0.0
    packages: Counter[str] = Counter()
    entries: Counter[str] = Counter()

    def walk(frame: Any, inside: frozenset[str]) -> None:
        path = frame.file_path or ""
        package = next((p for p in PACKAGES if f"/{p}/" in path), None)
        if package is not None and package not in inside:
            packages[package] += frame.time
            inside = inside | {package}
            if package == PACKAGES[0]:
                owner = getattr(frame, "class_name", None)
                name = f"{owner}.{frame.function}" if owner else frame.function
                entries[f"{name} ({frame.file_path_short}:{frame.line_no})"] += frame.time
        for sub in frame.children:
            walk(sub, inside)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    if root is not None:
        walk(root, frozenset())
    return {
        "cpu": cpu,
        "gc": collecting[1],
        "nodes": nodes[0],
        "sampled": total,
        "packages": {p: packages[p] / total for p in PACKAGES} if total else {},
        "entries": {e: t / total for e, t in entries.most_common(top)} if total else {},
    }


def profile(srcdir: Path, outdir: Path, builder: str = "html", top: int = 12) -> dict[str, Any]:
    """Build a project in a fresh process that samples itself; its figures (see :func:`child`)."""
    cmd = [sys.executable, __file__, "--builder", builder, "--top", str(top)]
    cmd += ["--child", str(srcdir), str(outdir)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"profiling {srcdir} failed:\n{done.stderr[-4000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="notes (default 1000)")
    parser.add_argument("--builder", default="html", help="Sphinx builder (default html)")
    parser.add_argument("--top", type=int, default=12, help="extension entry points to list")
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a new one)")
    parser.add_argument("--child", nargs=2, metavar=("SRCDIR", "OUTDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(child(*args.child, args.builder, args.top)))
        return 0

    sys.path.insert(0, str(HERE))
    from run import DESIGN, EXT, two_projects

    bench = two_projects(args.workdir, "releases-profile-", args.n)
    workdir = bench.workdir
    figures = {}
    for project in (DESIGN, EXT):
        bench.say(f"profiling the {project} build of {args.n} notes...")
        figures[project] = profile(
            bench.srcdir(project, args.n), workdir / f"profile-{project}", args.builder, args.top
        )

    plain, ours = figures[DESIGN], figures[EXT]
    print(f"{args.builder} build of {args.n} notes, sampled (shares of each build's samples)\n")
    print("| | Sphinx + MyST + sphinx-design | with the extension |")
    print("| --- | --- | --- |")
    print(f"| processor time | {plain['cpu']:.1f} s | {ours['cpu']:.1f} s |")
    print(
        f"| garbage collection | {plain['gc']:.1f} s ({plain['gc'] / plain['cpu']:.1%}) "
        f"| {ours['gc']:.1f} s ({ours['gc'] / ours['cpu']:.1%}) |"
    )
    print(f"| docutils nodes written | {plain['nodes']:,} | {ours['nodes']:,} |")
    for package in PACKAGES:
        mine, theirs = ours["packages"].get(package, 0.0), plain["packages"].get(package, 0.0)
        print(f"| in {package} | {theirs:.1%} | {mine:.1%} |")
    print("\nThe extension's entry points (outermost extension frame of each sample):\n")
    print("| entry point | share of the build |")
    print("| --- | --- |")
    for entry, share in ours["entries"].items():
        print(f"| `{entry}` | {share:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
