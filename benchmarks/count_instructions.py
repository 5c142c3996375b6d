#!/usr/bin/env python3
"""What each part of the extension costs a build, in instructions, whatever the machine's load.

Builds the same generated notes as ``run.py`` under valgrind (``cachegrind`` without its cache
simulation), once per project, and prints the instructions each build executed: the baseline
(Sphinx + MyST + sphinx-design), the extension with everything on, and the extension with one
part turned off at a time (PEP links, the release index, the feature list, ``releases.json``).
The difference to the full extension is what that part costs. A last build turns all four off:
what is left is what every note page gets, reading the collection, the feeds and start-up.

An instruction count is not a time (it ignores the cache, memory and the garbage collector's
timing), but it is the same from one run to the next, to a few parts in 10,000, on a busy
machine too: the way to tell whether a change removed work, and to see what is left.

Usage::

    python benchmarks/count_instructions.py --n 100 [--jobs 2]

It needs ``valgrind`` (``apt-get install valgrind``); a build takes about 30 times as long as
without it (some 100 seconds at N = 100).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _no_pep_links(src: Path) -> None:
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("releases_pep_links = False\n")


def _no_json(src: Path) -> None:
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("releases_json = False\n")


def _no_index(src: Path) -> None:
    # the same pages in the same toctrees, without the release index's table
    (src / "index.md").write_text(
        "# Releases\n\n```{toctree}\nfeatures\n```\n\n"
        "```{toctree}\n:hidden:\n:glob:\n\nnotes/**\n```\n",
        encoding="utf-8",
    )


def _no_feature_list(src: Path) -> None:
    from run import FEATURES, PLAIN

    (src / "features.md").write_text(FEATURES[PLAIN], encoding="utf-8")


def _no_parts(src: Path) -> None:
    for change in PARTS.values():
        change(src)


#: The parts whose cost is counted, each by a build without it.
PARTS: dict[str, Callable[[Path], None]] = {
    "without PEP links": _no_pep_links,
    "without the release index": _no_index,
    "without the feature list": _no_feature_list,
    "without releases.json": _no_json,
}
VARIANTS: dict[str, Callable[[Path], None]] = {
    **PARTS,
    # what is left: the note pages (badges, bylines, targets), the reader, the feeds, start-up
    "without all four": _no_parts,
}


def instructions(srcdir: Path, outdir: Path) -> int:
    """Instructions executed by one fresh ``html`` build of ``srcdir``."""
    shutil.rmtree(outdir, ignore_errors=True)
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    cmd += [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-N", str(srcdir), str(outdir)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    match = _REFS.search(done.stderr)
    if done.returncode != 0 or match is None:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return int(match.group(1).replace(",", ""))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="notes (default 100)")
    parser.add_argument("--jobs", type=int, default=2, help="builds at a time (default 2)")
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a new one)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed")

    sys.path.insert(0, str(HERE))
    from run import DESIGN, EXT, NAMES, two_projects

    bench = two_projects(args.workdir, "releases-count-", args.n)
    bench.compile_modules()
    workdir = bench.workdir
    projects = {
        NAMES[DESIGN]: bench.srcdir(DESIGN, args.n),
        "the extension": bench.srcdir(EXT, args.n),
    }
    for label, change in VARIANTS.items():
        src = bench.root(args.n) / re.sub(r"\W+", "-", label)
        shutil.rmtree(src, ignore_errors=True)
        shutil.copytree(bench.srcdir(EXT, args.n), src)
        change(src)
        projects[f"the extension {label}"] = src
    bench.say(f"counting the instructions of {len(projects)} builds of {args.n} notes...")
    with ThreadPoolExecutor(args.jobs) as pool:
        counts = dict(
            zip(
                projects,
                pool.map(
                    lambda item: instructions(item[1], workdir / "out" / item[1].name),
                    projects.items(),
                ),
                strict=True,
            )
        )
    base, full = counts[NAMES[DESIGN]], counts["the extension"]
    print(f"html build of {args.n} notes, instructions executed (valgrind)\n")
    print("| build | instructions | / baseline | what the part costs |")
    print("| --- | --- | --- | --- |")
    for label, count in counts.items():
        part = f"{(full - count) / base:.1%} of the baseline" if "without" in label else ""
        print(f"| {label} | {count / 1e9:.2f} G | {count / base:.3f}x | {part} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
