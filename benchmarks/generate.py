#!/usr/bin/env python3
"""Generate a large, varied collection of invented release-announcement notes.

The default shape, ``blog-yaml``, imitates a language project's announcement blog: Markdown
files with YAML front matter and, for a share of them, reStructuredText files that open with a
field list. About two thirds announce one release, a fifth announce several releases at once
(in mixed phases), and the rest announce nothing (sprint reports, end-of-life notices,
governance news). Every series, feature, person and verse is made up; the output depends only
on ``n``, ``seed``, ``rst_share`` and the shape.

Other shapes (``--shape``), each in its own module under ``shapes/``: ``rst-notes`` (a web
framework's reST release notes, one ``.txt`` file per release), ``blog-toml`` (a multi-product
blog with TOML front matter) and ``changelog`` (a few large Keep a Changelog and towncrier
files). Each file comes with its ground truth: releases, product, date, authors, features.

Command line::

    python benchmarks/generate.py OUTDIR -n 2000 [--seed 0] [--rst-share 0.1]
    python benchmarks/generate.py OUTDIR -n 300 --shape rst-notes --truth truth.json

From Python, with this folder on ``sys.path``::

    from generate import expected, generate, truth

    paths = generate(tmp_path, 500, seed=3)
    versions = expected(500, seed=3)  # {file name: [announced versions, PEP 440]}
    known = truth(500, seed=3, shape="blog-toml")  # {file name: {"releases", "date", ...}}

Only the standard library is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapes import blog_toml, changelog, rst_notes
from shapes.common import Truth, Written

__all__ = ["SHAPES", "collection", "expected", "generate", "main", "truth"]

SINGLE_SHARE = 2 / 3
MULTI_SHARE = 1 / 5
CUTOFF = dt.date(2025, 6, 30)
"""No note is dated after this day, so nothing lies in the future."""
PRODUCT = "Python"
"""What the notes of this shape announce releases of (in the ground truth)."""

# ---------------------------------------------------------------------------------------------
# Invented material
# ---------------------------------------------------------------------------------------------

PEOPLE = (
    "Ana Ferreira",
    "Tomasz Wrona",
    "Priya Natarajan",
    "Olu Adebayo",
    "Mireille Dubois",
    "Kenji Arai",
    "Søren Holm",
    "Hana Novak",
    "Diego Salas",
    "Ruth Okafor",
    "Lena Hartmann",
    "Łucja Nowak",
    "Yara Haddad",
    "Jonas Berg",
    "Chiara Russo",
    "José Núñez",
    "Marta Kowal",
    "Finn Gallagher",
    "Aiko Tanabe",
    "Rafael Costa",
)

MODULES = (
    "tidepool",
    "quillmap",
    "lanternq",
    "cobbler",
    "hexweave",
    "driftlog",
    "saltbox",
    "marrow",
    "pennant",
    "bramble",
    "gullwing",
    "inkwell",
    "sparrowdb",
    "kettle",
    "loomio",
    "thimble",
    "corkscrew",
    "windvane",
    "bellows",
    "fathom",
)

CITIES = (
    "Lisbon",
    "Kraków",
    "Nairobi",
    "Montréal",
    "Osaka",
    "Valparaíso",
    "Tallinn",
    "Edinburgh",
    "Ljubljana",
    "Porto Alegre",
)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

NEW, PERF, TYPE, DEPR, BUILD = "new", "perf", "type", "depr", "build"

SECTION_TITLES = {
    NEW: ("New features",),
    PERF: ("New features", "Performance"),
    TYPE: ("Type annotations", "Typing"),
    DEPR: ("Deprecations", "Removals and deprecations"),
    BUILD: ("Build changes", "Build and platform changes"),
}

# One item per paragraph: "<category> <number of PEPs cited>", then phrasings ("- ", continued
# by indented lines). ``[[...]]`` may become a link to the What's New page, ``{peps}`` becomes
# the PEP reference(s), backticks mark code, and other braces are filled in per series.
_FEATURE_TEXT = r"""
new 1
- [[A relaxed grammar for f-strings]]: nested quotes, comments and backslashes are now allowed
  inside replacement fields ({peps}).
- [[F-strings are now parsed by the main grammar]], which lifts most of their old restrictions
  ({peps}).

new 1
- [[Lazy imports]] that can be enabled per module or for the whole program ({peps}).
- Modules can opt in to [[deferred importing]], so an unused import costs nothing at startup
  ({peps}).

new 1
- [[Template strings]], a sibling of f-strings that keeps the literal parts and the values
  apart for safe processing ({peps}).
- A new `t` string prefix produces [[template objects]] instead of finished text ({peps}).

new 1
- [[An incremental garbage collector]] that shortens pauses on large heaps ({peps}).
- The cycle collector now [[works in small steps]], so long pauses in big programs are much
  rarer ({peps}).

new 1
- [[Isolated subinterpreters]], each with its own interpreter lock ({peps}).
- Subinterpreters can run in parallel thanks to [[a lock per interpreter]] ({peps}).

new 1
- [[A low-overhead monitoring API]] for debuggers, profilers and coverage tools ({peps}).
- Tools can subscribe to execution events through [[the new monitoring hooks]], paying only
  for the events they ask for ({peps}).

new 0
- [[Friendlier error messages]]: more typos now come with a "did you mean" hint.
- Error messages got [[smarter again]]; misspelt names, attributes and keywords now produce
  suggestions.
- More exceptions now suggest a fix when the likely cause is a typo.

new 0
- [[Tracebacks underline]] the exact sub-expression that raised, not just the line.
- Tracebacks now point at the failing part of a line with carets.

new 0
- The interactive shell [[was rewritten]]: multi-line editing, history search and colour are
  built in.
- A [[new interactive interpreter]] with colour output, a paste mode and proper multi-line
  editing.

new 0
- Support for the `perf` profiler on Linux, so Python frames show up by name in its reports.
- [[Native profilers can now see Python function names]], starting with `perf` on Linux.

new 1
- [[Exception groups]]: several unrelated errors can be raised together and handled with
  `except*` ({peps}).
- Unrelated exceptions can now travel together in [[an exception group]] ({peps}).

new 0
- The `{mod}` module gained a streaming interface for inputs that do not fit in memory.
- `{mod}` can now process its input piece by piece through a new streaming API.

new 0
- A new `{mod2}` module in the standard library reads and writes simple configuration files.
- Configuration files can be parsed with the newly added `{mod2}` module.

new 1
- [[Python classes can implement the buffer protocol]] through `__buffer__` ({peps}).
- Classes written in Python can [[expose raw memory]] by defining `__buffer__` ({peps}).

new 0
- `{mod}.run()` accepts a `timeout` and cancels cleanly when it expires.
- Timeouts are now supported by `{mod}.run()`, with clean cancellation.

new 1
- Pattern matching accepts [[guards that bind names]] ({peps}).
- A `case` clause can now [[capture values inside its guard]] ({peps}).

new 0
- Dataclass fields can be frozen one by one with `field(frozen=True)`.
- Individual dataclass fields can now be marked read-only.

new 0
- `pathlib` paths learned to copy, move and walk whole trees.
- Copying and moving directory trees is now possible straight from `pathlib`.

new 1
- [[Zero-overhead remote debugging]]: a debugger can attach to a running process ({peps}).
- Debuggers can now [[attach to a live interpreter]] without restarting it ({peps}).

new 0
- The `{mod2}` command-line tool gained `--watch`, which reruns it whenever a file changes.
- `python -m {mod2} --watch` keeps running and reacts to file changes.

new 0
- `asyncio` task groups can cancel all of their remaining tasks in one call.
- Task groups in `asyncio` gained a way to shut everything down at once.

new 0
- Tracebacks can be exported as structured JSON for log processors.
- A new `traceback.to_json()` serialises a traceback for machines to read.

new 0
- `{mod}` gained `batched()`, which chops an iterable into fixed-size tuples.
- A new `{mod}.batched()` helper splits any iterable into chunks.

new 0
- `math` has new functions for fused multiply-add and cube roots.
- Fused multiply-add arrives in `math` as `math.fma()`, together with `math.cbrt()`.

new 1
- [[Per-module warning filters]] that libraries can set without touching global state
  ({peps}).
- Libraries can install [[warning filters that only apply to themselves]] ({peps}).

new 0
- Generators and coroutines can now be copied with `copy.copy()`.
- `copy.copy()` works on generator objects.

perf 1
- [[Comprehensions are inlined]], which makes them up to twice as fast ({peps}).
- List, set and dict comprehensions no longer create a hidden function and run [[noticeably
  faster]] ({peps}).

perf 0
- [[Many performance improvements, large and small]], worth roughly {pct}% overall on the
  standard benchmarks.
- The interpreter is about {pct}% faster than {prev} on the benchmark suite, [[thanks to many
  small optimisations]].

perf 0
- The specialising interpreter now covers attribute stores and more kinds of calls.
- More bytecodes are specialised at run time, including attribute stores and calls to
  builtins.

perf 0
- Startup is about {pct}% quicker because more core modules are frozen into the binary.
- More core modules are frozen, shaving about {pct}% off start-up time.

perf 0
- `{mod}` operations on large inputs are up to {k} times faster.
- Big inputs to `{mod}` are handled up to {k}x faster.

perf 0
- Attribute lookups on classes with deep hierarchies are cached.
- Looking up attributes on classes with many bases no longer walks the whole MRO every time.

type 1
- [[Inline type parameters]] for generic classes and functions ({peps}).
- Generic classes and functions can declare their [[type parameters in brackets]] ({peps}).

type 1
- An [[`@override` decorator]] flags methods that replace a base class method ({peps}).
- Methods meant to override something can say so with [[`@override`]] ({peps}).

type 1
- Precise typing of `**kwargs` with [[`Unpack` and a `TypedDict`]] ({peps}).
- `**kwargs` can be typed key by key using a `TypedDict` ({peps}).

type 1
- Type parameters can have [[defaults]] ({peps}).
- [[Default values for type parameters]] ({peps}).

type 1
- `TypedDict` items can be marked [[`ReadOnly`]] ({peps}).
- Read-only keys for `TypedDict` through [[`ReadOnly`]] ({peps}).

type 1
- A new narrowing form, [[`TypeIs`]], that is easier to get right than `TypeGuard` ({peps}).
- User-defined narrowing functions can return [[`TypeIs`]] ({peps}).

type 0
- Protocol members can be declared optional.
- `typing.Protocol` classes may contain optional members.

type 0
- `isinstance()` checks against runtime protocols are up to {k} times faster.
- Runtime-checkable protocols are checked much faster, up to {k}x.

type 1
- [[Annotations are evaluated lazily]], so forward references just work ({peps}).
- Annotations are no longer evaluated eagerly; [[they are computed on first access]] ({peps}).

type 1
- A `@sealed` decorator closes a class hierarchy for exhaustiveness checks ({peps}).
- Class hierarchies can be [[sealed]], so type checkers know every subclass ({peps}).

type 1
- Type aliases get their own [[`type` statement]], evaluated lazily ({peps}).
- A [[`type` statement]] declares aliases, including generic ones ({peps}).

depr 1
- The deprecated `{old_mod}` module has been removed, per {peps}.
- `{old_mod}`, deprecated for several releases, is gone ({peps}).

depr 2
- The old `{old_mod}` and `{old_mod2}` modules were removed (see {peps}).
- Two long-obsolete modules, `{old_mod}` and `{old_mod2}`, have been dropped ({peps}).

depr 0
- Invalid backslash escapes in string literals now emit `SyntaxWarning` instead of
  `DeprecationWarning`; they will become errors later.
- Unknown escape sequences such as `\d` in ordinary strings now warn with `SyntaxWarning`.

depr 0
- Long-deprecated aliases in `unittest` were removed; they had been deprecated since {older}.
- `unittest` lost a batch of method aliases that were deprecated back in {older}.

depr 0
- Calling `{mod}.open()` without an explicit encoding now emits an `EncodingWarning`.
- `{mod}.open()` warns when no encoding is given.

depr 0
- C API functions returning borrowed references are deprecated in favour of strong-reference
  variants.
- Borrowed-reference C APIs are deprecated; their replacements return strong references.

depr 1
- The legacy `{mod}_state` and `{mod}_flags` members of the C string object were removed
  ({peps}).
- Two legacy fields of the C string object, `{mod}_state` and `{mod}_flags`, are gone, as
  planned in {peps}.

depr 0
- Dozens of obsolete helpers across the standard library were finally deleted.
- [[Many leftover deprecated APIs]] were cleaned out of the standard library.

depr 0
- Passing a float where `{mod2}` expects an integer now raises `TypeError`.
- `{mod2}` no longer silently truncates float arguments.

depr 0
- The legacy callback API of `{mod2}` is deprecated and scheduled for removal in {nxt}.
- Callbacks in `{mod2}` are deprecated; they go away in {nxt}.

depr 0
- Integers have a new internal layout in preparation for speed-ups; code that reads their
  fields directly may need changes.
- The internal representation of integers changed. Most code will not notice, but generated
  extensions that peek inside may break.

build 1
- An experimental [[free-threaded build]] without the global interpreter lock, enabled with
  `--disable-gil` ({peps}).
- CPython can be built [[without the GIL]] using `--disable-gil`; expect rough edges ({peps}).

build 1
- An experimental [[JIT compiler]], disabled unless requested at build time ({peps}).
- A copy-and-patch [[JIT]] can be built in with `--enable-experimental-jit` ({peps}).

build 0
- A C11 compiler with atomics support is now required to build.
- Building from source now needs a C11 compiler.

build 0
- The minimum supported OpenSSL is now 3.0.
- OpenSSL 1.1.1 is no longer supported; 3.0 or newer is required.

build 1
- WebAssembly (`wasm32-wasi`) moved up to [[tier 2]] ({peps}).
- `wasm32-wasi` is now a tier 2 platform ({peps}).

build 0
- Windows installers now include ARM64 builds.
- ARM64 Windows gets official installers.

build 0
- The bundled copy of `{mod2}` was upgraded.
- `{mod2}`, which ships with the sources, was updated to its latest release.

build 0
- `configure` now finds `{mod}` through `pkg-config`.
- The build looks up `{mod}` with `pkg-config` instead of hard-coded paths.

build 1
- Android and iOS are now [[officially supported platforms]] ({peps}).
- Mobile platforms reached [[tier 3 support]] ({peps}).

build 0
- Link-time optimisation is on by default for release builds.
- Release builds use LTO unless told otherwise.
"""


def _parse_features(text: str) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    items = []
    for para in text.strip().split("\n\n"):
        head, *rest = para.splitlines()
        category, count = head.split()
        phrasings: list[str] = []
        for line in rest:
            if line.startswith("- "):
                phrasings.append(line[2:])
            else:
                phrasings[-1] += " " + line.strip()
        items.append((category, int(count), tuple(phrasings)))
    return tuple(items)


FEATURES = _parse_features(_FEATURE_TEXT)

FIXES = (
    "A crash in `{mod}` when reading truncated input was fixed.",
    "`{mod}.open()` no longer leaks a file descriptor when it fails.",
    "A regression from {prevver} that broke installs on some Windows machines was reverted.",
    "The Windows and macOS installers ship an updated SQLite.",
    "The bundled `pip` was updated.",
    "Several thread-safety problems in `{mod2}` were corrected.",
    "A quadratic-time parse in `{mod}` was fixed ({cve}).",
    "`asyncio` no longer hangs when a subprocess closes its pipes early.",
    "Reference leaks in the `{mod2}` extension were plugged.",
    "Lots of documentation fixes, many of them from first-time contributors.",
    "`email` header parsing now rejects malformed addresses instead of guessing.",
    "`tarfile` extraction filters were tightened ({cve}).",
    "Memory corruption in `{mod}` with very long lines was fixed.",
    "`ssl` builds against newer OpenSSL releases again.",
    "`{mod}.sum()` returns correct results for mixed integer and float input.",
    "`zipfile` handles archives with overlapping entries safely ({cve}).",
    "The `venv` module copes with paths that contain spaces on Windows.",
    "A deadlock at interpreter shutdown with daemon threads was fixed.",
    "`urllib.parse` strips leading control characters from URLs ({cve}).",
    "`{mod2}.load()` gives a clear error instead of a `SystemError` on bad input.",
    "Tcl/Tk in the macOS installer was updated.",
    "`subprocess` on Linux uses `vfork()` in more cases, making it faster.",
    "A use-after-free in the `{mod}` C accelerator was fixed.",
    "`compileall` respects the `-q` flag again.",
)

HAIKU_5 = (
    "Green tests at midnight",
    "The build bot is still",
    "Autumn merge conflicts",
    "One more patch to go",
    "A tag is pushed home",
    "Quiet CI queue",
    "Cold coffee, warm cache",
    "Moths around the lamp",
    "Snow on the server",
    "The wheel builds at last",
    "Old bugs fall like leaves",
    "Release night again",
)

HAIKU_7 = (
    "a single flaky test blinks",
    "the changelog grows by one line",
    "somewhere a wheel is compiling",
    "the mailing list falls asleep",
    "we count the days to the freeze",
    "the tracker hums like a hive",
    "someone forgot to rebase",
    "the moon rises over main",
    "a reviewer types, then stops",
    "the bisect lands on my commit",
)

COUPLETS = (
    ("We tagged the tree before the dawn,", "and by the noon the tag was gone."),
    ("A version string, a quiet thing,", "can make a thousand servers sing."),
    ("The beta sleeps inside its crate;", "the testers knock, the fixes wait."),
    ("I wrote a loop that never ends;", "I blame the compiler, not my friends."),
    ("The freeze arrives on Monday night,", "and every feature wants one more byte."),
    ("Release candidate, nearly done,", "you glitter like the setting sun."),
    ("Between the alpha and the gold", "lie twenty bugs that no one told."),
    ("The docs were late, the wheels were slow,", "but still the little numbers grow."),
    ("A warning here, a warning there,", "deprecations everywhere."),
    ("Oh buildbot, tell me, is it green?", "The greenest green I've ever seen."),
    ("We argued long about a name,", "then shipped it, and it stayed the same."),
    ("The garbage collector hums all night", "and sweeps the cycles out of sight."),
)

VERSE_INTROS = (
    "A few lines for those who read this far.",
    "Something short to read while the installer runs.",
    "The release team's resident poet sent this in.",
    "Found scribbled on the back of a release checklist:",
    "",
    "",
)

ATTRIBUTIONS = (
    "Anonymous, found in a commit message.",
    "By {person}, during a very long CI run.",
    "Verse by {person}.",
    "Written by {person} while waiting for the docs to build.",
    "",
)

SPRINT_TOPICS = (
    "Reviewing the long queue of pull requests for {X}",
    "Planning the remaining work on the free-threaded build",
    "Cleaning up old issues in the tracker, with more than {k}0 closed",
    "A first design for faster start-up of command-line tools",
    "Mentoring four new contributors through their first merged changes",
    "Untangling the build scripts for Windows",
    "Measuring the cost of the specialising interpreter on small machines",
    "Writing missing documentation for the `{mod}` module",
    "Agreeing on a policy for removing deprecated APIs",
    "Discussing how {X} should handle lazy imports",
)

THANKS = (
    "A big thank-you to all the volunteers whose work makes Python and its releases possible. "
    "If you can, please support that work, by volunteering yourself or by getting your "
    "organisation to contribute to <<link:the Python Software Foundation|https://www.python.org/psf/>>.",
    "None of this happens without the many people who give their time to Python, so thank you, "
    "every one of you! If you would like to help, volunteer, or ask your employer to sponsor "
    "<<link:the PSF|https://www.python.org/psf-landing/>>.",
    "Thanks, as always, to everyone who reported bugs, reviewed patches, wrote documentation or "
    "tested pre-releases. Please consider supporting the Python Software Foundation "
    "(<<url:https://www.python.org/psf/>>) so this work can go on.",
    "We are grateful to every contributor, tester and triager who helped get this out of the "
    "door. Volunteering, or a contribution from your organisation to the Python Software "
    "Foundation, keeps it going: <<url:https://www.python.org/psf/>>",
)

# ---------------------------------------------------------------------------------------------
# The plan: series, their releases, and which notes announce what
# ---------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Series:
    index: int
    major: int
    minor: int
    prev: str = ""
    older: str = ""
    nxt: str = ""
    rm: str = ""
    team: tuple[str, ...] = ()
    sched_pep: int = 0
    fills: dict[str, str] = field(default_factory=dict)
    features: list[tuple[int, int, tuple[int, ...]]] = field(default_factory=list)
    n_alpha: int = 0
    n_beta: int = 0
    n_rc: int = 0
    beta_date: dt.date = dt.date.min
    rc_date: dt.date = dt.date.min
    final_date: dt.date = dt.date.min
    prev_final: dt.date = dt.date.min
    releases: list[_Rel] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.major}.{self.minor}"


@dataclass(eq=False)
class _Rel:
    series: _Series
    micro: int
    phase: str
    """``a``, ``b``, ``rc``, or empty for a final or bug-fix release."""
    num: int
    date: dt.date
    pos: int
    security: bool = False

    @property
    def version(self) -> str:
        s = self.series
        return f"{s.major}.{s.minor}.{self.micro}{self.phase}{self.num if self.phase else ''}"

    @property
    def next(self) -> _Rel | None:
        rels = self.series.releases
        return rels[self.pos + 1] if self.pos + 1 < len(rels) else None

    @property
    def prev(self) -> _Rel | None:
        return self.series.releases[self.pos - 1] if self.pos else None


@dataclass(eq=False)
class _Plan:
    date: dt.date
    releases: list[_Rel]
    topic: str = ""
    """For notes that announce nothing: ``eol``, ``lastbeta``, ``sprint`` or ``governance``."""
    series: _Series | None = None


def _make_series(rng: random.Random, target: int) -> list[_Series]:
    """Enough invented series, ending by :data:`CUTOFF`, to hold ``target`` releases."""
    n_series = max(6, -(-target // 24))
    while True:
        series = _build_series(rng, n_series)
        total = sum(len(s.releases) for s in series)
        if total >= target:
            return series
        n_series += max(2, (target - total) // 15)


def _build_series(rng: random.Random, n_series: int) -> list[_Series]:
    """Series 2.0, 2.1, ... 9.x, one after the other.

    A series' first alpha follows its predecessor's final release, unless that would stretch the
    collection over more than about fifty years; then the cycles overlap.
    """
    n_majors = min(8, n_series)
    counts = [1] * n_majors
    for _ in range(n_series - n_majors):
        counts[rng.randrange(n_majors)] += 1
    names = [
        f"{major}.{minor}"
        for major, c in zip(range(2, 2 + n_majors), counts, strict=True)
        for minor in range(c)
    ]
    cap = max(60, 18000 // n_series)
    peps = rng.sample(range(300, 1000 if n_series < 600 else 10000), n_series)
    series: list[_Series] = []
    timelines: list[list[tuple[int, str, int, bool, int]]] = []
    starts: list[int] = []
    day = 0
    for i, name in enumerate(names):
        major, minor = map(int, name.split("."))
        rm = PEOPLE[(i // 2) % len(PEOPLE)]
        team = (rm, *rng.sample([p for p in PEOPLE if p != rm], rng.randint(1, 3)))
        m = rng.sample(MODULES, 4)
        s = _Series(
            index=i,
            major=major,
            minor=minor,
            prev=names[i - 1] if i else "1.6",
            older=names[i - 2] if i > 1 else "1.5",
            nxt=names[i + 1] if i + 1 < len(names) else f"{major}.{minor + 1}",
            rm=rm,
            team=team,
            sched_pep=peps[i],
            fills={
                "X": name,
                "mod": m[0],
                "mod2": m[1],
                "old_mod": m[2],
                "old_mod2": m[3],
                "pct": str(rng.randint(3, 25)),
                "k": str(rng.randint(2, 9)),
            },
        )
        s.fills.update(prev=s.prev, older=s.older, nxt=s.nxt)
        picks = rng.sample(range(len(FEATURES)), rng.randint(7, 13))
        s.features = [
            (
                j,
                rng.randrange(len(FEATURES[j][2])),
                tuple(rng.randint(400, 9999) for _ in range(FEATURES[j][1])),
            )
            for j in picks
        ]
        timeline = _timeline(rng, s)
        final = next(d for micro, phase, _, _, d in timeline if not phase and micro == 0)
        series.append(s)
        timelines.append(timeline)
        starts.append(day)
        day += min(final + rng.randint(0, 10), cap + rng.randint(0, cap // 4))
    epoch = CUTOFF - dt.timedelta(days=starts[-1] + 150)
    for s, timeline, begin in zip(series, timelines, starts, strict=True):
        for micro, phase, num, security, offset in timeline:
            date = epoch + dt.timedelta(days=begin + offset)
            if phase == "b" and num == 1:
                s.beta_date = date
            elif phase == "rc" and num == 1:
                s.rc_date = date
            elif not phase and micro == 0:
                s.final_date = date
            if date <= CUTOFF:
                s.releases.append(_Rel(s, micro, phase, num, date, len(s.releases), security))
    for before, after in itertools.pairwise(series):
        after.prev_final = before.final_date
    return series


def _timeline(rng: random.Random, s: _Series) -> list[tuple[int, str, int, bool, int]]:
    """The releases of one series: ``(micro, phase, number, security, day)``, day 0 = a1."""
    s.n_alpha = rng.choice((3, 4, 5, 6, 7, 7))
    s.n_beta = rng.choice((2, 3, 4, 4))
    s.n_rc = rng.choice((1, 2, 2, 3))
    plan = [(0, "a", k, False) for k in range(1, s.n_alpha + 1)]
    plan += [(0, "b", k, False) for k in range(1, s.n_beta + 1)]
    plan += [(0, "rc", k, False) for k in range(1, s.n_rc + 1)]
    bugfix = rng.randint(4, 14)
    plan += [(z, "", 0, z > bugfix) for z in range(rng.randint(6, 26) + 1)]
    out: list[tuple[int, str, int, bool, int]] = []
    day = 0
    for pos, (micro, phase, num, security) in enumerate(plan):
        if pos:
            if security:
                day += rng.randint(90, 180)
            elif plan[pos - 1][1] == "a" and phase == "b":
                day += rng.randint(35, 50)
            elif phase or micro == 0:
                day += rng.randint(24, 36)
            else:
                day += rng.randint(45, 75)
        out.append((micro, phase, num, security, day))
    return out


def _plan(n: int, rng: random.Random) -> list[_Plan]:
    n_multi = round(n * MULTI_SHARE)
    n_single = round(n * SINGLE_SHARE)
    n_none = max(0, n - n_multi - n_single)
    n_single = n - n_multi - n_none
    sizes = rng.choices((2, 3, 4, 5), weights=(50, 30, 14, 6), k=n_multi)
    needed = n_single + sum(sizes)
    series = _make_series(rng, needed + needed // 8)
    pool = sorted((r for s in series for r in s.releases), key=lambda r: (r.date, r.series.index))
    chosen = [pool[i] for i in sorted(rng.sample(range(len(pool)), needed))]
    kinds = [1] * n_single + [0] * n_none + sizes
    rng.shuffle(kinds)
    used = [False] * len(chosen)
    eol_done: set[int] = set()
    plans: list[_Plan] = []
    ptr = 0
    for index, size in enumerate(kinds):
        while ptr < len(chosen) and used[ptr]:
            ptr += 1
        if size == 0 or ptr >= len(chosen):
            when = chosen[min(ptr, len(chosen) - 1)].date - dt.timedelta(days=rng.randint(1, 12))
            plans.append(_plan_none(rng, series, when, eol_done))
            continue
        group = [ptr]
        used[ptr] = True
        date = chosen[ptr].date
        # Releases of other series close in time; a wider window only if that finds too few.
        # No series may have its next release before the note's date (chronology).
        for window, chance in ((40, 0.85), (90, 1.0)):
            j = ptr + 1
            while len(group) < size and j < len(chosen) and j < ptr + 80:
                cand = chosen[j]
                new_date = max(date, cand.date)
                if (
                    not used[j]
                    and (cand.date - chosen[ptr].date).days <= window
                    and all(cand.series is not chosen[g].series for g in group)
                    and all(
                        (nx := chosen[g].next) is None or nx.date > new_date for g in [*group, j]
                    )
                    and rng.random() < chance
                ):
                    group.append(j)
                    used[j] = True
                    date = new_date
                j += 1
        if len(group) == 1 and size > 1:
            # Nothing to pair with yet (say, the very first series): a later single note
            # becomes the multi-release one instead.
            later = next((k for k in range(index + 1, len(kinds)) if kinds[k] == 1), None)
            if later is not None:
                kinds[later] = size
        plans.append(_Plan(date, [chosen[g] for g in group]))
    plans.sort(key=lambda p: p.date)
    return plans


def _plan_none(
    rng: random.Random, series: list[_Series], when: dt.date, eol_done: set[int]
) -> _Plan:
    topic = rng.choices(("eol", "lastbeta", "sprint", "governance"), weights=(30, 20, 25, 25))[0]
    if topic == "eol":
        dead = [
            s
            for s in series
            if s.releases and s.releases[-1].date < when and s.index not in eol_done
        ]
        if dead:
            s = dead[0] if rng.random() < 0.7 else rng.choice(dead)
            eol_done.add(s.index)
            return _Plan(when, [], "eol", s)
        topic = "sprint"
    if topic == "lastbeta":
        beta = [
            s
            for s in series
            if s.n_beta >= 2
            and s.beta_date <= when
            and len([r for r in s.releases if r.phase == "b"]) == s.n_beta
            and [r for r in s.releases if r.phase == "b"][-1].date > when
        ]
        if beta:
            return _Plan(when, [], "lastbeta", rng.choice(beta))
        topic = "governance"
    current = [s for s in series if s.releases and s.releases[0].date <= when]
    s = current[-1] if current else series[0]
    return _Plan(when, [], topic, s)


# ---------------------------------------------------------------------------------------------
# Rendering helpers
# ---------------------------------------------------------------------------------------------

_ORDINALS = (
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_PHASE_WORD = {"a": "alpha", "b": "beta", "rc": "release candidate"}
_TOKEN = re.compile(r"<<(link|pep|url):(.+?)>>")
_LINKMARK = re.compile(r"\[\[(.+?)\]\]")
_CODE = re.compile(r"`([^`]+)`")


def _ordinal(n: int) -> str:
    if n < len(_ORDINALS):
        return _ORDINALS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L"})


def _slug(text: str) -> str:
    text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _plain(text: str) -> str:
    """Text without the neutral markup, for descriptions."""

    def token(m: re.Match[str]) -> str:
        kind, payload = m.group(1), m.group(2)
        if kind == "link":
            return payload.split("|", 1)[0]
        if kind == "pep":
            nums = payload.split("|", 1)[0].split(",")
            return f"PEP {nums[0]}" if len(nums) == 1 else f"PEPs {' and '.join(nums)}"
        return payload

    return _TOKEN.sub(token, text).replace("`", "").replace("**", "")


def _link(text: str, url: str) -> str:
    return f"<<link:{text}|{url}>>"


def _url(url: str) -> str:
    return f"<<url:{url}>>"


def _fmt_date(d: dt.date, rng: random.Random) -> str:
    if rng.random() < 0.2:
        return f"{WEEKDAYS[d.weekday()]}, {d.isoformat()}"
    return d.isoformat()


def _fmt_version(rel: _Rel, style: str) -> str:
    s = rel.series
    base = f"{s.major}.{s.minor}.{rel.micro}"
    if not rel.phase:
        if rel.micro == 0 and style == "paren":
            return f"{base} (final)"
        if rel.micro == 0 and style == "final":
            return f"{base} final"
        return base
    if style == "upper" and rel.phase == "rc":
        return f"{base}RC{rel.num}"
    if style == "spelled":
        return f"{base} {_PHASE_WORD[rel.phase]} {rel.num}"
    if style == "Spelled":
        return f"{base} {_PHASE_WORD[rel.phase].title()} {rel.num}"
    return f"{base}{rel.phase}{rel.num}"


def _download_url(rel: _Rel) -> str:
    compact = rel.version.replace(".", "")
    return f"https://www.python.org/downloads/release/python-{compact}/"


@dataclass
class _Style:
    """Per-note choices that stay the same through one file."""

    rng: random.Random
    anchors: bool = False
    topic_slug: str = ""
    topic_id: int = 0
    anchor_count: int = 0
    md_base: int = 1
    bullet: str = "-   "
    quirky: bool = False
    escaped_code: bool = False
    pep_styles: tuple[str, ...] = ("link",)
    rst_names: dict[str, str] = field(default_factory=dict)

    def pep(self, nums: tuple[int, ...], style: str | None = None) -> str:
        chosen = style or self.rng.choice(self.pep_styles)
        return f"<<pep:{','.join(map(str, nums))}|{chosen}>>"


def _pep_url(n: int, style: str) -> str:
    if style == "legacy":
        return f"https://www.python.org/dev/peps/pep-{n:04d}/"
    if style in ("noslash", "bare"):
        return f"https://peps.python.org/pep-{n:04d}"
    return f"https://peps.python.org/pep-{n:04d}/"


def _pep_md(nums: list[int], style: str) -> str:
    if style == "plain":
        return f"PEP {nums[0]}" if len(nums) == 1 else f"PEPs {nums[0]} and {nums[1]}"
    if style == "bare":
        return " and ".join(_pep_url(n, style) for n in nums)
    if style == "autolink":
        return " and ".join(f"PEP {n} (<{_pep_url(n, style)}>)" for n in nums)
    if len(nums) == 2 and style == "link":
        a, b = nums
        return f"PEPs [{a}]({_pep_url(a, style)}) and [{b}]({_pep_url(b, style)})"
    return " and ".join(f"[PEP {n}]({_pep_url(n, style)})" for n in nums)


def _inline_md(text: str, st: _Style) -> str:
    parts = _TOKEN.split(text)
    out: list[str] = []
    for i in range(0, len(parts), 3):
        plain = parts[i]
        if st.escaped_code:
            plain = _CODE.sub(lambda m: "\\`" + m.group(1).replace("_", "\\_") + "\\`", plain)
        out.append(plain)
        if i + 1 >= len(parts):
            break
        kind, payload = parts[i + 1], parts[i + 2]
        if kind == "link":
            label, url = payload.split("|", 1)
            out.append(f"[{label}]({url})")
        elif kind == "url":
            out.append(f"<{payload}>" if st.quirky else f"[{payload}]({payload})")
        else:
            nums, style = payload.split("|", 1)
            out.append(_pep_md([int(x) for x in nums.split(",")], style))
    return "".join(out)


def _rst_link(label: str, url: str, st: _Style) -> str:
    label = label.replace("`", "")
    key = " ".join(label.lower().split())
    known = st.rst_names.setdefault(key, url)
    return f"`{label} <{url}>`{'_' if known == url else '__'}"


def _pep_rst(nums: list[int], style: str, st: _Style) -> str:
    if style == "plain":
        return f"PEP {nums[0]}" if len(nums) == 1 else f"PEPs {nums[0]} and {nums[1]}"
    if style in ("bare", "autolink"):
        return " and ".join(_pep_url(n, style) for n in nums)
    if style == "role":
        return " and ".join(f":pep:`{n}`" for n in nums)
    return " and ".join(_rst_link(f"PEP {n}", _pep_url(n, style), st) for n in nums)


def _inline_rst(text: str, st: _Style) -> str:
    parts = _TOKEN.split(text)
    out: list[str] = []
    for i in range(0, len(parts), 3):
        out.append(_CODE.sub(r"``\1``", parts[i]))
        if i + 1 >= len(parts):
            break
        kind, payload = parts[i + 1], parts[i + 2]
        if kind == "link":
            label, url = payload.split("|", 1)
            out.append(_rst_link(label, url, st))
        elif kind == "url":
            out.append(payload)
        else:
            nums, style = payload.split("|", 1)
            out.append(_pep_rst([int(x) for x in nums.split(",")], style, st))
    return "".join(out)


# Blocks: ("h", level, text) ("p", text) ("ul", items; None splits) ("hr",) ("url", url)
# ("verse", lines, attribution) ("sig", lines) ("gap",) -- an empty heading in quirky Markdown.
Block = tuple[object, ...]


def _render_md(blocks: list[Block], st: _Style) -> str:
    rng = st.rng
    out: list[str] = []
    for block in blocks:
        match block:
            case ("h", int() as level, str() as text):
                prefix = ""
                if st.anchors:
                    st.anchor_count += 1
                    prefix = (
                        f"[](https://discuss.python.org/t/{st.topic_slug}/{st.topic_id}"
                        f"#{_slug(text)}-{st.anchor_count})"
                    )
                out.append(f"{'#' * min(6, level + st.md_base - 1)} {prefix}{text}")
            case ("p", str() as text):
                out.append(_inline_md(text, st))
            case ("ul", list() as items):
                out.append(
                    "\n".join("" if it is None else st.bullet + _inline_md(it, st) for it in items)
                )
            case ("hr",):
                out.append("---")
            case ("url", str() as url):
                out.append(rng.choice((f"[{url}]({url})", f"[{url}]({url})", f"<{url}>", url)))
            case ("verse", list() as lines, str() as attribution):
                if st.quirky and rng.random() < 0.5:
                    out.append("> " + " ".join(lines))
                elif rng.random() < 0.5:
                    out.append("  \n".join(lines))
                else:
                    out.append("> " + "  \n> ".join(lines))
                if attribution:
                    out.append(_inline_md(attribution, st))
            case ("sig", list() as lines):
                out.append(" ".join(lines) if st.quirky else "  \n".join(lines))
            case ("gap",):
                if st.quirky:
                    out.append("#   ")
            case _:
                raise ValueError(f"unknown block {block!r}")
    text = out[0]
    for chunk in out[1:]:
        text += ("\n  \n" if st.quirky and rng.random() < 0.3 else "\n\n") + chunk
    return text + "\n"


def _render_rst(title: str, blocks: list[Block], st: _Style) -> str:
    bar = "=" * len(title)
    out = [f"{bar}\n{title}\n{bar}" if st.rng.random() < 0.3 else f"{title}\n{bar}"]
    current = 0
    for block in blocks:
        match block:
            case ("h", int() as level, str() as text):
                # reST has no fixed heading levels: never skip one, or docutils complains.
                current = min(level, current + 1)
                out.append(f"{text}\n{'-~^'[current - 1] * len(text)}")
            case ("p", str() as text):
                out.append(_inline_rst(text, st))
            case ("ul", list() as items):
                out.append(
                    "\n".join("" if it is None else "- " + _inline_rst(it, st) for it in items)
                )
            case ("hr",):
                out.append("----------")
            case ("url", str() as url):
                out.append(url)
            case ("verse", list() as lines, str() as attribution):
                out.append("\n".join(f"| {line}" for line in lines))
                if attribution:
                    out.append(_inline_rst(attribution, st))
            case ("sig", list() as lines):
                out.append("\n".join(f"| {line.rstrip(',')}" for line in lines))
            case ("gap",):
                pass
            case _:
                raise ValueError(f"unknown block {block!r}")
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------------------------


def _feature_text(
    s: _Series, item: tuple[int, int, tuple[int, ...]], st: _Style, link: float
) -> str:
    idx, base, peps = item
    _, _, phrasings = FEATURES[idx]
    rng = st.rng
    phr = phrasings[base] if rng.random() < 0.8 else rng.choice(phrasings)
    peps_token = st.pep(peps) if peps else ""
    text = phr.format(peps=peps_token, **s.fills)
    x = s.name

    def mark(m: re.Match[str]) -> str:
        label = m.group(1)
        if rng.random() < link:
            return _link(label, f"https://docs.python.org/{x}/whatsnew/{x}.html#{_slug(label)}")
        return label

    return _LINKMARK.sub(mark, text)


def _core_dev_note(s: _Series, rng: random.Random) -> str:
    first = s.rm.split()[0]
    mail = f"mailto:{_slug(first)}@python.org"
    return rng.choice(
        (
            f"(Core developers: **if a change you care about is missing** from this list, "
            f"{_link(f'tell {first}', mail)} and it will be added.)",
            f"(**Fellow core developers**, did your favourite change not make the list? "
            f"{_link(f'Let {first} know', mail)}.)",
            f"(Hey, core team: something important missing here? {_link(f'Mail {first}', mail)}.)",
        )
    )


def _feature_blocks(rel: _Rel, st: _Style, *, level: int, shown: int, link: float) -> list[Block]:
    """Bullets (maybe in sub-sections) for the first ``shown`` features of the series."""
    s = rel.series
    rng = st.rng
    items = s.features[:shown]
    texts = [(FEATURES[i[0]][0], _feature_text(s, i, st, link)) for i in items]
    note = _core_dev_note(s, rng)
    subsections = (rel.phase in ("rc", "") and rng.random() < 0.75) or rng.random() < 0.15
    blocks: list[Block] = []
    if subsections and len(texts) >= 4:
        perf_apart = rng.random() < 0.3
        for cat in (NEW, PERF, TYPE, DEPR, BUILD):
            if cat == PERF and not perf_apart:
                continue
            cats = (NEW, PERF) if cat == NEW and not perf_apart else (cat,)
            group = [t for c, t in texts if c in cats]
            if group:
                titles = SECTION_TITLES[cat]
                title = titles[0] if rng.random() < 0.8 else titles[-1]
                blocks += [("h", level + 1, title), ("ul", group)]
        blocks.append(("p", note))
        return blocks
    bullets: list[str | None] = [t for _, t in texts]
    if len(bullets) > 4 and rng.random() < 0.25:
        bullets.insert(len(bullets) - rng.randint(1, 2), None)
    if rng.random() < 0.7:
        bullets.append(note)
        blocks.append(("ul", bullets))
    else:
        blocks += [("ul", bullets), ("p", note)]
    return blocks


def _verse(rng: random.Random) -> tuple[list[str], str]:
    if rng.random() < 0.45:
        lines = [rng.choice(HAIKU_5), rng.choice(HAIKU_7), rng.choice(HAIKU_5)]
    else:
        lines = [line for pair in rng.sample(COUPLETS, rng.choice((1, 2, 2, 3))) for line in pair]
    return lines, rng.choice(ATTRIBUTIONS).format(person=rng.choice(PEOPLE))


def _verse_blocks(rng: random.Random) -> list[Block]:
    lines, attribution = _verse(rng)
    intro = rng.choice(VERSE_INTROS)
    if "poet" in intro:
        attribution = f"Verse by {rng.choice(PEOPLE)}."
    return ([("p", intro)] if intro else []) + [("verse", lines, attribution)]


def _closing(s: _Series, st: _Style, *, plural: bool) -> list[Block]:
    rng = st.rng
    x = s.name
    sched_style = "legacy" if rng.random() < 0.6 else rng.choice(st.pep_styles)
    resources = [
        rng.choice(
            (
                _link("Online documentation", f"https://docs.python.org/{x}/"),
                _link(f"Documentation for {x}", f"https://docs.python.org/{x}/"),
            )
        ),
        f"{st.pep((s.sched_pep,), sched_style)}, the {x} release schedule",
        rng.choice(
            (
                "Report bugs at " + _url("https://github.com/python/cpython/issues") + ".",
                "File bugs through "
                + _link("GitHub Issues", "https://github.com/python/cpython/issues")
                + ".",
            )
        ),
        rng.choice(
            (
                _link(
                    "Donate to Python and its community", "https://www.python.org/psf/donations/"
                ),
                "Support the community at " + _url("https://www.python.org/psf/donations/") + ".",
            )
        ),
    ]
    blocks: list[Block] = [
        ("h", 1, rng.choice(("More resources", "More resources", "Resources", "Useful links"))),
        ("ul", resources),
    ]
    if rng.random() < 0.85:
        blocks += [
            ("gap",),
            (
                "h",
                1 if rng.random() < 0.7 else 2,
                rng.choice(
                    (
                        "And now for something completely different",
                        "And now for something completely different",
                        "Something different",
                        "And now, a poem",
                    )
                ),
            ),
        ]
        blocks += _verse_blocks(rng)
    enjoy = "Have fun with them" if plural else "Have fun with it"
    blocks += [
        ("gap",),
        (
            "h",
            1 if rng.random() < 0.6 else 2,
            rng.choice((enjoy, enjoy, "Thank you", "Happy testing")),
        ),
        ("p", rng.choice(THANKS)),
    ]
    salute = rng.choice(
        ("Your release team,", "Your release team,", "Cheers,", "On behalf of the release team,")
    )
    blocks.append(("sig", [salute, *s.team]))
    return blocks


def _phase_intro(rel: _Rel, rng: random.Random, vs: str) -> str:
    s = rel.series
    x = s.name
    beta, rc = s.beta_date.isoformat(), s.rc_date.isoformat()
    if rel.phase == "a":
        parts = [
            rng.choice(
                (
                    f"Python {x} is still under active development; {vs} is alpha {rel.num} of "
                    f"{s.n_alpha} planned.",
                    f"{vs} is the {_ordinal(rel.num)} of {_number(s.n_alpha)} planned alphas for "
                    f"{x}, which is still very much a work in progress.",
                )
            ),
            rng.choice(
                (
                    "Alphas make it easy to try new features and fixes while they are fresh, and "
                    "they keep the release machinery in practice.",
                    "The point of an alpha is to let you poke at what has landed so far, and to "
                    "rehearse the release process itself.",
                )
            ),
            rng.choice(
                (
                    f"New features may still be added until the beta phase begins ({beta}), and "
                    f"anything may change or be pulled until the release candidates start ({rc}).",
                    f"Feature work continues until the first beta on {beta}; until {rc} things "
                    "can still be reworked or removed.",
                )
            ),
            rng.choice(
                (
                    "Because this is a preview, we recommend **against** using it in production.",
                    "Please treat it as a preview and keep it **away** from production systems.",
                )
            ),
            rng.choice(
                (
                    f"Much of {x} has yet to be designed and built. Here is what has landed so "
                    "far:",
                    f"A lot of {x} is yet to be written, but these are the main changes so far:",
                )
            ),
        ]
    elif rel.phase == "b":
        parts = [
            rng.choice(
                (
                    f"{vs} is beta {rel.num} of {s.n_beta} for Python {x}.",
                    f"This is the {_ordinal(rel.num)} of {_number(s.n_beta)} planned betas of {x}.",
                )
            ),
            rng.choice(
                (
                    "During the beta phase the feature set is frozen, and we are counting on you "
                    f"to test it: please try {vs} with your projects and tell us what breaks.",
                    f"Betas exist so that the community can test what will become {x}.0. Grab "
                    "it, run your test suites, and report what you find.",
                )
            ),
            rng.choice(
                (
                    f"The first release candidate is planned for {rc}; after that only bug fixes "
                    "get in.",
                    f"We aim for no ABI changes after the last beta, and for very few code "
                    f"changes after the first release candidate on {rc}.",
                )
            ),
            "As with any pre-release, do **not** deploy it in production.",
            rng.choice((f"The main changes in {x} compared to {s.prev}:", "Major changes so far:")),
        ]
    else:
        parts = [f"{vs} brings these changes compared to {s.prev}:"]
    return " ".join(parts)


def _next_sentence(rel: _Rel, rng: random.Random) -> str:
    s = rel.series
    nxt = rel.next
    if rel.phase == "rc" and rel.num == s.n_rc:
        return f"The final release, {s.name}.0, is planned for {_fmt_date(s.final_date, rng)}."
    if nxt is None:
        return ""
    when = _fmt_date(nxt.date, rng)
    return rng.choice(
        (
            f"The next pre-release of Python {s.name}, {nxt.version}, is planned for {when}.",
            f"Next on the schedule: {nxt.version}, on {when}.",
            f"{nxt.version} should follow on {when}.",
        )
    )


def _feature_heading(s: _Series, rng: random.Random) -> str:
    x = s.name
    return rng.choices(
        (
            f"Major new features of the {x} series, compared to {s.prev}",
            "New features",
            "Highlights",
            f"What's new in {x} so far",
            f"Highlights of Python {x}",
        ),
        weights=(50, 15, 15, 10, 10),
    )[0]


def _whatsnew(s: _Series) -> str:
    x = s.name
    return _link(f"What's New In Python {x}", f"https://docs.python.org/{x}/whatsnew/{x}.html")


def _prerelease_body(rel: _Rel, st: _Style, vs: str) -> list[Block]:
    rng = st.rng
    s = rel.series
    x = s.name
    if rel.phase == "a" and rel.num == 1 and s.prev_final <= rel.date:
        opening = f"Now that {s.prev}.0 is out, the {x} cycle starts: meet Python {vs}."
    elif rel.phase == "b" and rel.num == 1:
        opening = f"Feature freeze has arrived for {x}, and with it Python {vs}, the first beta."
    elif rel.phase == "rc" and rel.num == 1:
        opening = f"Python {x} has reached the release candidate stage with {vs}."
    else:
        opening = rng.choice(
            (
                f"Python {vs} has been released, the {_ordinal(rel.num)} "
                f"{_PHASE_WORD[rel.phase]} of the {x} cycle.",
                f"Here is Python {vs}, fresh from the build machines.",
                f"Release day again: Python {vs} is ready to download.",
                f"Today we published Python {vs}.",
                f"The release went smoothly, and Python {vs} is now available for testing.",
            )
        )
    blocks: list[Block] = [("p", opening), ("url", _download_url(rel))]
    if rng.random() < 0.12:
        blocks.append(("hr",))
    shown = len(s.features)
    if rel.phase == "a":
        shown = max(2, -(-len(s.features) * rel.num // (s.n_alpha + 1)))
    link = {"a": 0.15, "b": 0.35, "rc": 0.7}[rel.phase]
    if rel.phase == "rc":
        last = rel.num == s.n_rc
        nxt = rel.next
        blocks += [
            (
                "h",
                1,
                rng.choice(
                    (
                        f"This is the {_ordinal(rel.num)} release candidate of Python {x}.0",
                        f"Release candidate {rel.num} of {x}.0",
                    )
                ),
            ),
            (
                "p",
                f"This release, **{rel.version}**, is "
                + ("the last planned preview" if last else "one of the final previews")
                + ". From here on, only reviewed changes that clearly fix bugs go in before the "
                "final release. "
                + (
                    f"The next candidate, {nxt.version}, is scheduled for "
                    f"{_fmt_date(nxt.date, rng)}, and {x}.0 itself for "
                    f"{_fmt_date(s.final_date, rng)}."
                    if nxt is not None and nxt.phase == "rc"
                    else f"{x}.0 itself is due on {_fmt_date(s.final_date, rng)}."
                ),
            ),
            (
                "p",
                f"The ABI of {x} is **frozen** from now on, and we aim to change as little code "
                "as possible.",
            ),
            ("h", 2, "Call to action"),
            (
                "p",
                f"Maintainers of third-party projects: now is the moment to get your code ready "
                f"for {x}. Please publish {x} wheels on PyPI so they are available on day one; "
                f"wheels built against {rel.version} will keep working with every {x}.x release. "
                "Problems go to "
                + _link("the issue tracker", "https://github.com/python/cpython/issues")
                + ".",
            ),
            (
                "p",
                "While this is as close to final as we can make it, it is still a preview, so "
                "please do **not** put it into production.",
            ),
            (
                "h",
                3,
                rng.choice(
                    ("Core developers: documentation time", "Core developers: check your docs now")
                ),
            ),
            (
                "ul",
                [
                    "Is every change you made documented?",
                    "Does "
                    + _link("What's New", f"https://docs.python.org/{x}/whatsnew/{x}.html")
                    + " mention it?",
                    "Do you know of other changes whose documentation is thin?",
                ],
            ),
            ("h", 1, _feature_heading(s, rng)),
        ]
        blocks += _feature_blocks(rel, st, level=1, shown=shown, link=link)
    else:
        bold = (
            rng.choice(
                (
                    f"**Early developer preview of {x}: not for production use.**",
                    f"**A snapshot of {x} in progress, for developers who like to test early.**",
                )
            )
            if rel.phase == "a"
            else rng.choice(
                (
                    f"**A beta of Python {x}: feature complete, not yet finished.**",
                    "**Beta software: please test it, but don't deploy it.**",
                )
            )
        )
        blocks += [
            ("p", bold),
            ("h", 1, _feature_heading(s, rng)),
            ("p", _phase_intro(rel, rng, vs)),
        ]
        blocks += _feature_blocks(rel, st, level=1, shown=shown, link=link)
    tail = _next_sentence(rel, rng)
    blocks.append(
        ("p", f"For more details on the changes in {x}, see {_whatsnew(s)}. {tail}".strip())
    )
    if rel.phase == "b":
        blocks += [
            ("h", 1, rng.choice(("Call to action", "Please test this beta"))),
            (
                "p",
                f"Maintainers of third-party projects: please test with {x} during the beta "
                f"phase and report problems now, while they can still be fixed before {x}.0. "
                f"Where possible, start publishing {x} wheels on PyPI; the ABI may still change "
                "until the last beta, so rebuild them once the first release candidate is out.",
            ),
            (
                "ul",
                [
                    "Run your test suite with warnings turned into errors.",
                    "Try your C extensions against the new headers.",
                    "Report anything surprising, even if you are not sure it is a bug.",
                ],
            ),
        ]
    elif rel.phase == "a":
        blocks += [
            ("h", 1, rng.choice(("Trying it out", "How to try it"))),
            (
                "p",
                f"Installers for Windows and macOS are on the release page, and the source "
                f"tarball builds on most Unix systems. Installing {rel.version} next to your "
                "usual Python is safe; it will not replace the default interpreter.",
            ),
        ]
    return blocks


def _final_body(rel: _Rel, st: _Style) -> list[Block]:
    rng = st.rng
    s = rel.series
    x = s.name
    blocks: list[Block] = [
        (
            "p",
            rng.choice(
                (
                    f"Python {x}.0 is out! It is the newest feature release of Python, and it "
                    "comes with plenty of new features and optimisations.",
                    f"It's here: Python {x}.0, the new stable release, after {s.n_alpha} alphas, "
                    f"{s.n_beta} betas and {s.n_rc} release candidates.",
                )
            ),
        ),
        ("url", _download_url(rel)),
        ("h", 1, f"Major new features of the {x} series, compared to {s.prev}"),
        ("p", f"Compared to {s.prev}, {x} brings many changes; the biggest ones are below."),
    ]
    blocks += _feature_blocks(rel, st, level=1, shown=len(s.features), link=0.7)
    tail = ""
    if rel.next is not None:
        tail = (
            f" Bug-fix releases of {x} will follow about every two months; {rel.next.version} "
            f"is due around {_fmt_date(rel.next.date, rng)}."
        )
    blocks.append(("p", f"More details are in {_whatsnew(s)}.{tail}"))
    return blocks


def _fix_items(rel: _Rel, st: _Style, count: int) -> list[str]:
    rng = st.rng
    s = rel.series
    prev = rel.prev.version if rel.prev else f"{s.name}.0"
    fills = dict(s.fills, prevver=prev)
    out = []
    for template in rng.sample(FIXES, count):
        cve = f"CVE-{rel.date.year}-{rng.randint(1000, 49999)}"
        out.append(template.format(cve=cve, **fills))
    return out


def _bugfix_body(rel: _Rel, st: _Style, vs: str) -> list[Block]:
    rng = st.rng
    s = rel.series
    x = s.name
    prev = rel.prev.version if rel.prev else f"{x}.0"
    if rel.security:
        opening = rng.choice(
            (
                f"Python {vs} is out. It is a security-only release of {x}, shipped as source "
                "only.",
                f"A new security release of the {x} series, {vs}, is available.",
            )
        )
        detail = (
            f"Since {x} only receives security fixes now, there are no binary installers; the "
            f"changes since {prev} are listed below."
        )
    else:
        opening = rng.choice(
            (
                f"Python {vs} is available, the {_ordinal(rel.micro)} maintenance release of {x}.",
                f"Here is {vs}, a new bug-fix release of the {x} series.",
                f"We just released Python {vs}.",
            )
        )
        detail = (
            f"About {rng.randint(60, 320)} bug fixes, build improvements and documentation "
            f"updates went in since {prev}."
        )
    blocks: list[Block] = [("p", opening), ("url", _download_url(rel))]
    if rng.random() < 0.12:
        blocks.append(("hr",))
    blocks += [
        ("p", detail),
        (
            "h",
            1,
            rng.choice(
                ("Notable changes", "Highlights", f"What changed in {rel.version}", "Major changes")
            ),
        ),
        ("ul", _fix_items(rel, st, rng.randint(5, 9))),
        (
            "p",
            "The full list is in "
            + _link(
                "the changelog",
                f"https://docs.python.org/release/{rel.version}/whatsnew/changelog.html",
            )
            + ".",
        ),
    ]
    if rel.security:
        status = (
            f"{x}.0 came out on {s.final_date.isoformat()}. The series no longer gets regular "
            "bug fixes, only security fixes, and only as source; it reaches its end of life "
            "about five years after its first release."
        )
        installers = [
            "Source tarballs only (gzip and xz), signed with GPG and Sigstore.",
            "No Windows or macOS installers are provided for security releases.",
            "Linux distributions usually carry these fixes in their own packages.",
        ]
    else:
        status = rng.choice(
            (
                f"{x} is a maintained series: bug-fix releases like this one come out about every "
                f"two months for two years after {x}.0 ({s.final_date.isoformat()}), followed "
                "by security fixes only.",
                f"Since {x}.0 shipped on {s.final_date.isoformat()}, the {x} series gets regular "
                "bug-fix releases. Upgrading within the series is safe: no new features, no ABI "
                "changes.",
            )
        )
        installers = [
            "Windows: 64-bit, 32-bit and ARM64 installers, plus the embeddable package.",
            "macOS: one universal installer for Intel and Apple silicon.",
            "Source: gzip and xz tarballs, signed with GPG and Sigstore.",
        ]
    blocks += [
        ("p", status),
        ("h", 1, rng.choice(("Installers", "Downloads", "Getting it"))),
        ("ul", installers),
        (
            "p",
            "Please check the signatures before installing; "
            + _link("the download page", _download_url(rel))
            + " explains how.",
        ),
    ]
    if rel.next is not None and rng.random() < 0.6:
        blocks.append(
            (
                "p",
                f"The next {x} release, {rel.next.version}, is expected around "
                f"{_fmt_date(rel.next.date, rng)}.",
            )
        )
    return blocks


def _vstyle(rng: random.Random) -> str:
    return rng.choice(("compact", "compact", "upper", "spelled", "spelled", "Spelled"))


def _title_single(rel: _Rel, rng: random.Random) -> str:
    s = rel.series
    x = s.name
    if rel.phase:
        pick = rng.random()
        word = _PHASE_WORD[rel.phase]
        if pick < 0.1:
            ordw = _ordinal(rel.num)
            return rng.choice(
                (
                    f"{ordw.title()} {word} for Python {x}",
                    f"{ordw.title()} {word} of Python {x} now available",
                    f"Python {x}: {ordw} {word} released",
                    f"The {ordw} {word} of Python {x} is out",
                )
            )
        if pick < 0.2:
            return rng.choice(
                (
                    f"Python {x} {word.title()} {rel.num}",
                    f"Python {x} {word} {rel.num} released",
                    f"Python {x} {word} {rel.num} is available",
                )
            )
        if pick < 0.3:
            glued = f"Python{_fmt_version(rel, 'compact')}"
            return rng.choice((f"{glued} is now available", f"{glued} released"))
        v = _fmt_version(rel, _vstyle(rng))
        return rng.choice(
            (
                f"Python {v} released",
                f"Python {v} released",
                f"Python {v} is now available",
                f"Python {v} is out",
                f"Announcing Python {v}",
                f"Python {v} now available for testing",
            )
        )
    if rel.micro == 0:
        v = _fmt_version(rel, rng.choice(("paren", "final", "plain")))
        return rng.choice(
            (
                f"Python {v} released",
                f"Python {v} is now available",
                f"Python {v} is out!",
                f"Announcing Python {v}",
                f"Python{x}.0 released",
            )
        )
    v = rel.version
    if rel.security and rng.random() < 0.4:
        return rng.choice((f"Security release: Python {v}", f"Python {v} security release"))
    return rng.choice(
        (
            f"Python {v} is now available",
            f"Python {v} released",
            f"Python {v} is available",
            f"Bugfix release: Python {v}",
            f"Python {v} maintenance release out",
            f"Python{v} released",
        )
    )


def _join(items: list[str], rng: random.Random) -> str:
    if len(items) == 1:
        return items[0]
    comma = "," if len(items) > 2 and rng.random() < 0.3 else ""
    return ", ".join(items[:-1]) + f"{comma} and {items[-1]}"


def _title_multi(rels: list[_Rel], rng: random.Random) -> str:
    style = _vstyle(rng)
    vs = [_fmt_version(r, style if rng.random() < 0.8 else _vstyle(rng)) for r in rels]
    first, rest = vs[0], vs[1:]
    every = _join(vs, rng)
    return rng.choices(
        (
            f"Python {every} are now available",
            f"{every} are go",
            f"Python {first} released, together with {_join(rest, rng)}",
            f"Python {first} is out, together with {_join(rest, rng)}",
            f"Python {every} released",
            f"New releases: Python {every}",
            f"Python releases {every} now out",
            f"Python {every} have been released",
        ),
        weights=(25, 10, 12, 5, 18, 10, 10, 10),
    )[0]


def _order_multi(rels: list[_Rel], rng: random.Random) -> list[_Rel]:
    by_series = sorted(rels, key=lambda r: (r.series.major, r.series.minor), reverse=True)
    if rng.random() < 0.5:
        return by_series
    return [r for r in by_series if r.phase] + [r for r in by_series if not r.phase]


def _multi_body(rels: list[_Rel], st: _Style, title_versions: str) -> list[Block]:
    rng = st.rng
    blocks: list[Block] = [
        (
            "p",
            rng.choice(
                (
                    f"Python {title_versions} are now available. It's a busy release day!",
                    f"Several releases at once today: {title_versions}.",
                    f"Today the release managers published {title_versions} together.",
                )
            ),
        )
    ]
    has_pre = any(r.phase for r in rels)
    if not all(r.phase for r in rels):
        advice = "If you run one of the stable series, please upgrade" + (
            "; the pre-releases are for testing only." if has_pre else "."
        )
    else:
        advice = "These are all previews: please test them, but keep them out of production."
    blocks.append(
        (
            "p",
            rng.choice(
                (
                    advice,
                    "As usual, the details of each release are below, newest series first unless "
                    "a pre-release steals the show.",
                    f"That is {_number(len(rels))} releases in one go. Thanks to everyone who "
                    "helped with the backports, the builds and the installers.",
                )
            ),
        )
    )
    if rng.random() < 0.12:
        blocks += [("hr",), ("p", "Details for each release follow below.")]
    for rel in rels:
        s = rel.series
        x = s.name
        v = _fmt_version(rel, _vstyle(rng))
        blocks.append(("h", 1, f"Python {v}"))
        if rel.phase:
            word = _PHASE_WORD[rel.phase]
            count = {"a": s.n_alpha, "b": s.n_beta, "rc": s.n_rc}[rel.phase]
            blocks.append(
                (
                    "p",
                    f"{rel.version} is the {_ordinal(rel.num)} of {_number(count)} planned "
                    f"{word}s of {x}. It is a preview: please test it, and do **not** use it in "
                    f"production. {_next_sentence(rel, rng)}".strip(),
                )
            )
            blocks.append(("url", _download_url(rel)))
            shown = len(s.features)
            if rel.phase == "a":
                shown = max(2, -(-len(s.features) * rel.num // (s.n_alpha + 1)))
            picks = [
                _feature_text(s, item, st, 0.3)
                for item in s.features[: min(shown, rng.randint(3, 5))]
            ]
            if rng.random() < 0.5:
                picks.append(_core_dev_note(s, rng))
            blocks.append(("ul", picks))
        else:
            if rel.micro == 0:
                text = f"{x}.0 is the newest feature release; {_whatsnew(s)} has the details."
            elif rel.security:
                text = (
                    f"A security-only release of {x}, available as source only. The series "
                    "gets no other fixes any more, so please plan an upgrade."
                )
            else:
                text = (
                    f"The {_ordinal(rel.micro)} maintenance release of {x}, with about "
                    f"{rng.randint(60, 320)} fixes since {rel.prev.version if rel.prev else x}. "
                    "Windows and macOS installers are on the release page as usual."
                )
            blocks += [
                ("p", text),
                ("url", _download_url(rel)),
                ("ul", _fix_items(rel, st, rng.randint(2, 4))),
            ]
    return blocks


def _none_content(plan: _Plan, st: _Style) -> tuple[str, list[Block], list[str]]:
    rng = st.rng
    s = plan.series
    assert s is not None
    x = s.name
    when = plan.date
    if plan.topic == "eol":
        last = s.releases[-1]
        title = rng.choice(
            (
                f"Python {x} is no longer supported",
                f"Python {x} has reached end of life",
                f"End of life for Python {x}",
                f"Farewell, Python {x}",
            )
        )
        blocks: list[Block] = [
            (
                "p",
                f"As scheduled, Python {x} has reached the end of its life. {last.version}, "
                f"released on {last.date.isoformat()}, was its final release.",
            ),
            (
                "p",
                f"That means no more fixes of any kind for {x}, security fixes included. If you "
                "still depend on it, please plan your upgrade now; every newer series is faster "
                "and better supported.",
            ),
            ("h", 1, rng.choice(("What this means", "What now?"))),
            (
                "ul",
                [
                    f"No further releases of {x} will be made.",
                    f"Issues reported only against {x} will be closed.",
                    f"The oldest supported series is now {s.nxt}.",
                    f"The {x} documentation stays online at "
                    + _link(f"docs.python.org/{x}", f"https://docs.python.org/{x}/")
                    + ".",
                ],
            ),
            ("h", 1, rng.choice(("How to upgrade", "Moving on"))),
            (
                "ul",
                [
                    f"Check which of your dependencies already support {s.nxt} or newer.",
                    "Run your tests with deprecation warnings enabled before switching.",
                    "Upgrade one service or machine at a time, and keep the old one around "
                    "until you are sure.",
                ],
            ),
            ("h", 1, "Looking back"),
            (
                "p",
                f"{s.rm} looked after {x} through {len(s.releases)} releases, from the first "
                f"alpha on {s.releases[0].date.isoformat()} to the last security fix. Among the "
                f"things {x} gave us: "
                + "; ".join(
                    _plain(_feature_text(s, item, st, 0)).rstrip(".")[:90]
                    for item in s.features[:2]
                )
                + ". Thank you, "
                + s.rm.split()[0]
                + "!",
            ),
            ("p", f"The release schedule was {st.pep((s.sched_pep,))}."),
        ]
        return title, blocks, ["eol", "community"]
    if plan.topic == "lastbeta":
        betas = [r for r in s.releases if r.phase == "b"]
        last = betas[-1]
        title = rng.choice(
            (
                f"The last beta before {x}.0",
                f"Heads up: the last beta before {x}.0",
                f"Only one beta left before {x}.0",
                f"Reminder: the last beta before {x}.0 is coming",
            )
        )
        blocks = [
            (
                "p",
                f"{x}.0 is getting close. The next beta, {last.version}, will be the last one and "
                f"is planned for {_fmt_date(last.date, rng)}.",
            ),
            (
                "p",
                "If you maintain a library or an application, now is a great time to test it "
                f"against {x}. Problems found now can still be fixed before the release "
                "candidates; problems found later often have to wait for a bug-fix release.",
            ),
            ("h", 1, rng.choice(("What to do", "How you can help"))),
            (
                "ul",
                [
                    f"Run your test suite against the latest {x} beta.",
                    "Report regressions on "
                    + _link("the issue tracker", "https://github.com/python/cpython/issues")
                    + ", with a small reproducer if you can.",
                    f"Publish {x} wheels once the first release candidate is out.",
                    "Core developers: check that your changes are documented.",
                ],
            ),
            ("h", 1, "Dates"),
            (
                "ul",
                [
                    f"First release candidate: {s.rc_date.isoformat()}",
                    f"Final release of {x}.0: {s.final_date.isoformat()}",
                    f"Full schedule: {st.pep((s.sched_pep,))}",
                ],
            ),
            ("p", rng.choice(THANKS)),
        ]
        return title, blocks, ["beta", "reminder"]
    if plan.topic == "sprint":
        city = rng.choice(CITIES)
        title = rng.choice(
            (
                f"Core sprint report, {MONTHS[when.month - 1]} {when.year}",
                f"Notes from the {city} core development sprint",
                f"What we did at the {when.year} core sprint",
            )
        )
        topics = [t.format(**s.fills) for t in rng.sample(SPRINT_TOPICS, rng.randint(4, 7))]
        blocks = [
            (
                "p",
                f"Last week {rng.randint(14, 40)} core developers met in {city} for the yearly "
                "core sprint. It was a week of long whiteboard sessions, quick decisions, and "
                "rather a lot of coffee.",
            ),
            ("h", 1, rng.choice(("What we worked on", "Topics"))),
            ("ul", topics),
            ("h", 1, "Decisions"),
            (
                "p",
                f"Most of the week went into {x}. The group agreed to keep the feature freeze "
                "date, to spend more review time on the oldest open pull requests, and to "
                "write down the policy on removals in a new informational PEP.",
            ),
            (
                "p",
                "Remote participants joined through video calls for the design sessions, and "
                "the notes of every session are public on the discussion forum.",
            ),
            ("h", 1, "Next steps"),
            (
                "p",
                "Each topic now has an owner and a discussion thread. Expect design documents "
                "for the bigger items over the next months, and a short status update at the "
                "next language summit.",
            ),
            ("h", 1, "Thanks"),
            (
                "p",
                f"Thanks to our hosts in {city}, to the sponsors who paid for travel, and to "
                "everyone who kept the tracker moving while we were away.",
            ),
        ]
        return title, blocks, ["sprint", "community"]
    people = rng.sample(PEOPLE, 5)
    kind = rng.choice(("election", "rm", "schedule", "summit"))
    if kind == "election":
        title = f"Steering council election results, {when.year}"
        blocks = [
            (
                "p",
                f"The votes are in. {rng.randint(80, 140)} core developers took part in this "
                "year's steering council election, and the new council is:",
            ),
            ("ul", people),
            (
                "p",
                "Thank you to every candidate and to the outgoing council for a year of careful "
                "decisions. The council's first meeting is next week; its notes will be "
                "published as usual.",
            ),
            ("h", 1, "How the election worked"),
            (
                "p",
                "Voting ran for two weeks using the usual ranked system, and the results were "
                "checked by two volunteers who did not stand. The full tallies are on the "
                "discussion forum.",
            ),
            (
                "p",
                "The council will publish its priorities for the coming year within a month. "
                "Questions about its work can be asked in public on the forum, and anything "
                "private can go to the council's own mail address.",
            ),
        ]
        tags = ["governance"]
    elif kind == "rm":
        title = f"{people[0]} will be the release manager for {s.nxt}"
        blocks = [
            (
                "p",
                f"We are happy to share that {people[0]} has agreed to be the release manager "
                f"for Python {s.nxt} and the series after it. {people[0].split()[0]} has "
                "contributed to the build system and the release tooling for years.",
            ),
            (
                "p",
                f"{s.rm} continues to manage {x} until its end of life, and will help with the "
                "hand-over during the first alphas.",
            ),
            ("h", 1, "What changes"),
            (
                "ul",
                [
                    f"Release questions about {s.nxt} go to {people[0].split()[0]}.",
                    f"The {s.nxt} schedule will be published as a new PEP soon.",
                    "Nothing changes for the series already released.",
                ],
            ),
            (
                "p",
                "Release managers usually look after two consecutive series, which means about "
                "seven years of alphas, betas, bug fixes and security releases. If you are "
                f"curious about the job, {s.rm.split()[0]} has written down the whole release "
                "checklist in the developer guide.",
            ),
        ]
        tags = ["governance", "release-team"]
    elif kind == "schedule":
        title = f"The release schedule for Python {s.nxt} is out"
        blocks = [
            (
                "p",
                f"The schedule for {s.nxt} has been published. As before, there will be about "
                "seven alphas, four betas and two release candidates, spread over roughly a "
                "year.",
            ),
            ("h", 1, "Key dates"),
            (
                "ul",
                [
                    f"Development of {s.nxt} begins: {when.isoformat()}",
                    "Feature freeze: about seven months later",
                    "Final release: about a year later",
                ],
            ),
            (
                "p",
                "Comments are welcome on the discussion forum before the dates are made final. "
                f"For comparison, the {x} schedule is {st.pep((s.sched_pep,))}.",
            ),
            (
                "p",
                "Why a yearly rhythm? It gives distributors a predictable calendar, keeps each "
                "release small enough to review, and lets projects plan their own support "
                "windows around ours.",
            ),
        ]
        tags = ["schedule"]
    else:
        title = f"Language summit {when.year} recap"
        blocks = [
            (
                "p",
                f"The language summit took place this spring with {rng.randint(30, 60)} "
                "participants. Here are short summaries of the talks.",
            ),
            ("h", 1, "Talks"),
            ("ul", [t.format(**s.fills) for t in rng.sample(SPRINT_TOPICS, 5)]),
            (
                "p",
                "Three themes kept coming back: making the interpreter faster without "
                "breaking extensions, making the first contribution easier, and keeping the "
                "standard library lean.",
            ),
            (
                "p",
                "Thanks to the organisers and to everyone who presented. Longer write-ups of "
                "each talk will follow over the coming weeks.",
            ),
        ]
        tags = ["summit"]
    return title, blocks, tags


def _none_tail(st: _Style, author: str, title: str, *, thanked: bool) -> list[Block]:
    rng = st.rng
    thread = f"https://discuss.python.org/t/{_slug(title)[:60]}/{st.topic_id}"
    blocks: list[Block] = [
        (
            "p",
            rng.choice(
                (
                    f"Comments and questions are welcome in {_link('the forum thread', thread)}; "
                    "we read all of them, even when we are slow to answer.",
                    f"Want to discuss this? Join {_link('the thread on the forum', thread)}. "
                    "Please keep it friendly and on topic.",
                )
            ),
        )
    ]
    if rng.random() < 0.6:
        heading = rng.choice(
            ("Something different", "And now for something completely different", "A short poem")
        )
        blocks += [("gap",), ("h", 1, heading), *_verse_blocks(rng)]
    if not thanked:
        blocks += [("h", 1, rng.choice(("Thanks", "Thank you"))), ("p", rng.choice(THANKS))]
    salute = rng.choice(("Cheers,", "See you on the forum,", "Thanks for reading,"))
    blocks.append(("sig", [salute, author]))
    return blocks


# ---------------------------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------------------------

_PLAIN_SAFE = re.compile(r"[A-Za-z0-9(][^#:\n]*[^\s#:]|[A-Za-z]")
_RESERVED = {"true", "false", "yes", "no", "null", "on", "off", "y", "n"}


def _is_plain_safe(text: str) -> bool:
    if not _PLAIN_SAFE.fullmatch(text) or text.lower() in _RESERVED:
        return False
    return not text[0].isdigit() or " " in text


def _yaml_str(text: str, rng: random.Random, plain: float = 0.8) -> str:
    if _is_plain_safe(text) and rng.random() < plain:
        return text
    if rng.random() < 0.8:
        return "'" + text.replace("'", "''") + "'"
    return _yaml_double(text, rng)


def _yaml_double(text: str, rng: random.Random) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    if rng.random() < 0.5:
        out = "".join(c if ord(c) < 128 else f"\\u{ord(c):04x}" for c in out)
    return f'"{out}"'


def _folded(text: str) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > 76:
            lines.append("  " + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append("  " + line)
    return lines


def _description(opening: str, url: str | None) -> str:
    text = " ".join(_plain(opening).split())
    if url:
        text += " " + url
    return text if len(text) <= 150 else text[:150].rstrip() + "..."


def _front_matter(
    title: str,
    date: dt.date,
    author: str,
    description: str,
    tags: list[str],
    versions: list[str],
    rng: random.Random,
) -> tuple[str, bool]:
    """The YAML front matter, and whether it names the author."""
    lines = ["---", f"title: {_yaml_str(title, rng)}"]
    version_lines: list[str] = []
    if versions and rng.random() < 0.15:
        if len(versions) == 1 and rng.random() < 0.7:
            v = versions[0]
            version_lines = [f"version: {v if rng.random() < 0.5 else repr(v)}"]
        elif rng.random() < 0.5:
            version_lines = [f"version: [{', '.join(versions)}]"]
        else:
            version_lines = ["version:", *(f"  - '{v}'" for v in versions)]
    if version_lines and rng.random() < 0.5:
        lines += version_lines
        version_lines = []
    quoted = rng.random() < 0.6

    def day(d: dt.date) -> str:
        return f"'{d.isoformat()}'" if quoted else d.isoformat()

    lines.append(f"{'publishDate' if rng.random() < 0.7 else 'date'}: {day(date)}")
    if rng.random() < 0.7:
        updated = (
            date
            if rng.random() < 0.8
            else min(CUTOFF, date + dt.timedelta(days=rng.randint(1, 20)))
        )
        lines.append(f"updatedDate: {day(updated)}")
    named = rng.random() < 0.92
    if named:
        lines.append(f"author: {_yaml_str(author, rng)}")
    if rng.random() < 0.85:
        pick = rng.random()
        if pick < 0.45:
            lines.append("description: '" + description.replace("'", "''") + "'")
        elif pick < 0.7:
            lines += ["description: >-", *_folded(description)]
        elif pick < 0.92:
            lines.append(f"description: {_yaml_double(description, rng)}")
        else:
            lines.append(f"description: {_yaml_str(description, rng, plain=1.0)}")
    if rng.random() < 0.85:
        pick = rng.random()
        if pick < 0.45 or not tags:
            lines.append("tags: []")
        elif pick < 0.75:
            lines.append(f"tags: [{', '.join(tags)}]")
        else:
            indent = "  " if rng.random() < 0.6 else ""
            lines += ["tags:", *(f"{indent}- {t}" for t in tags)]
    if rng.random() < 0.75:
        lines.append("published: true")
    if rng.random() < 0.65:
        legacy = re.sub(r"[^a-z0-9]+", "-", title.lower().replace(".", "")).strip("-")
        lines.append(f"legacyUrl: /{date.year}/{date.month:02d}/{legacy}.html")
    lines += version_lines
    lines.append("---")
    return "\n".join(lines) + "\n", named


def _field_list(
    date: dt.date,
    author: str,
    description: str,
    tags: list[str],
    versions: list[str],
    rng: random.Random,
) -> str:
    lines = [f":date: {date.isoformat()}"]
    if rng.random() < 0.3:
        lines.append(
            f":updated: {min(CUTOFF, date + dt.timedelta(days=rng.randint(0, 9))).isoformat()}"
        )
    lines.append(f":author: {author}")
    if versions and rng.random() < 0.6:
        lines.append(f":version: {', '.join(versions)}")
    if tags and rng.random() < 0.7:
        lines.append(f":tags: {', '.join(tags)}")
    if rng.random() < 0.4:
        lines.append(f":description: {description}")
    if rng.random() < 0.3:
        lines.append(":published: true")
    return "\n".join(lines) + "\n\n"


# ---------------------------------------------------------------------------------------------
# Putting a note together
# ---------------------------------------------------------------------------------------------


def _render(plan: _Plan, number: int, seed: int, rst: bool) -> Written:
    rng = random.Random(f"{seed}:{number}")
    st = _Style(rng=rng)
    st.pep_styles = tuple(
        rng.sample(
            ("plain", "link", "link", "noslash", "legacy", "bare", "autolink")
            if not rst
            else ("plain", "link", "role", "role", "noslash", "legacy"),
            rng.randint(1, 3),
        )
    )
    if not rst:
        st.quirky = rng.random() < 0.15
        st.escaped_code = rng.random() < 0.08
        st.anchors = rng.random() < 0.2
        st.md_base = 1 if rng.random() < 0.75 else 2
        st.bullet = rng.choice(("-   ", "-   ", "- ", "* "))
    st.topic_id = rng.randint(1000, 99999)

    rels = plan.releases
    versions = [r.version for r in rels]
    if not rels:
        title, blocks, tags = _none_content(plan, st)
        author = plan.series.rm if plan.series and rng.random() < 0.5 else rng.choice(PEOPLE)
        blocks += _none_tail(st, author, title, thanked=plan.topic == "lastbeta")
        url = None
    elif len(rels) == 1:
        rel = rels[0]
        title = _title_single(rel, rng)
        vs = _fmt_version(rel, rng.choice(("compact", "spelled", "spelled")))
        if rel.phase:
            blocks = _prerelease_body(rel, st, vs)
            tags = ["release", {"a": "alpha", "b": "beta", "rc": "rc"}[rel.phase]]
        elif rel.micro == 0:
            blocks = _final_body(rel, st)
            tags = ["release", "final"]
        else:
            blocks = _bugfix_body(rel, st, vs)
            tags = ["release", "security" if rel.security else "bugfix"]
        if rng.random() < 0.2:
            tags.append(f"'{rel.series.name}'")
        blocks += _closing(rel.series, st, plural=False)
        author = rel.series.rm
        url = _download_url(rel)
    else:
        rels = _order_multi(rels, rng)
        versions = [r.version for r in rels]
        title = _title_multi(rels, rng)
        listed = _join([_fmt_version(r, "compact") for r in rels], rng)
        blocks = _multi_body(rels, st, listed)
        newest = max(rels, key=lambda r: (r.series.major, r.series.minor))
        blocks += _closing(newest.series, st, plural=True)
        tags = ["release", "bugfix"]
        author = newest.series.rm if rng.random() < 0.7 else rels[-1].series.rm
        url = None
    st.topic_slug = _slug(title)[:60]
    opening = next(str(b[1]) for b in blocks if b[0] == "p")
    description = _description(opening, url)
    slug = _slug(title)[:60].rstrip("-") or "note"
    if rst:
        head = _field_list(
            plan.date, author, description, [t.strip("'") for t in tags], versions, rng
        )
        text = head + _render_rst(title, blocks, st)
        name = f"{number:04d}-{slug}.rst"
        named = True
    else:
        head, named = _front_matter(title, plan.date, author, description, tags, versions, rng)
        body = _render_md(blocks, st)
        text = head + ("\n" if rng.random() < 0.88 else "") + body
        name = f"{number:04d}-{slug}.md"
    known = Truth(
        releases=tuple(versions),
        product=PRODUCT if versions else None,
        date=plan.date.isoformat(),
        authors=(author,) if named else (),
        syntax="rst" if rst else "markdown",
    )
    return Written(name, text, known)


def _build(n: int, seed: int, rst_share: float) -> list[Written]:
    if n < 1:
        raise ValueError("n must be at least 1")
    if not 0.0 <= rst_share <= 1.0:
        raise ValueError("rst_share must be between 0 and 1")
    rng = random.Random(seed)
    plans = _plan(n, rng)
    rst = set(rng.sample(range(n), round(n * rst_share)))
    return [_render(plan, i + 1, seed, i in rst) for i, plan in enumerate(plans)]


# ---------------------------------------------------------------------------------------------
# The shapes, and the public functions
# ---------------------------------------------------------------------------------------------

BLOG_YAML, RST_NOTES, BLOG_TOML, CHANGELOG = "blog-yaml", "rst-notes", "blog-toml", "changelog"
SHAPES: dict[str, str] = {
    BLOG_YAML: "this module's announcement blog: Markdown with YAML front matter, some reST",
    RST_NOTES: "a framework's per-release reST notes (.txt, no front matter, date under title)",
    BLOG_TOML: "a multi-product project blog: Markdown with TOML front matter (+++)",
    CHANGELOG: "a few large changelogs (Keep a Changelog, towncrier); n counts their sections",
}
"""Each shape and what it imitates; see ``shapes/`` for all but the first."""
NOTE_SHAPES = (BLOG_YAML, RST_NOTES, BLOG_TOML)
"""The shapes whose files are release notes (one announcement each), as the reader reads them."""


def collection(
    n: int, seed: int = 0, rst_share: float = 0.1, shape: str = BLOG_YAML
) -> list[Written]:
    """The files of a collection with their ground truth, in order, without writing them.

    ``rst_share`` concerns ``blog-yaml`` only.
    """
    if shape == BLOG_YAML:
        return _build(n, seed, rst_share)
    if shape == RST_NOTES:
        return rst_notes.build(n, seed)
    if shape == BLOG_TOML:
        return blog_toml.build(n, seed)
    if shape == CHANGELOG:
        return changelog.build(n, seed)
    raise ValueError(f"unknown shape {shape!r}; choose from {', '.join(SHAPES)}")


def generate(
    outdir: Path, n: int, seed: int = 0, rst_share: float = 0.1, shape: str = BLOG_YAML
) -> list[Path]:
    """Write a collection into ``outdir`` (created if needed) and return the paths in order.

    ``n`` notes for the note shapes, ``n`` release sections for ``changelog``. Files already in
    ``outdir`` are left alone; those with the same names are overwritten.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for note in collection(n, seed, rst_share, shape):
        path = outdir / note.name
        path.write_bytes(note.text.encode("utf-8"))
        paths.append(path)
    return paths


def expected(
    n: int, seed: int = 0, rst_share: float = 0.1, shape: str = BLOG_YAML
) -> dict[str, list[str]]:
    """The versions each file of ``generate(..., n, seed, rst_share, shape)`` announces (PEP 440).

    Keys are file names; notes that announce nothing map to an empty list.
    """
    return {note.name: list(note.versions) for note in collection(n, seed, rst_share, shape)}


def truth(
    n: int, seed: int = 0, rst_share: float = 0.1, shape: str = BLOG_YAML
) -> dict[str, dict[str, Any]]:
    """The full ground truth of ``generate(..., n, seed, rst_share, shape)``, as JSON data.

    Keys are file names, values ``{"kind", "syntax", "releases", "product", "date", "authors",
    "features"}`` (and ``"sections"`` for changelogs); see :class:`shapes.common.Truth`.
    """
    return {note.name: note.truth.to_json() for note in collection(n, seed, rst_share, shape)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a realistic collection of invented release-announcement notes."
    )
    parser.add_argument("outdir", type=Path, help="folder to write the notes into")
    parser.add_argument(
        "-n",
        type=int,
        default=1000,
        help="number of notes, or of release sections for changelog (default: 1000)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument(
        "--shape",
        choices=SHAPES,
        default=BLOG_YAML,
        help="the kind of collection: "
        + "; ".join(f"{name}: {what}" for name, what in SHAPES.items())
        + f" (default: {BLOG_YAML})",
    )
    parser.add_argument(
        "--rst-share",
        type=float,
        default=0.1,
        help="blog-yaml: share of notes written as reStructuredText (default: 0.1)",
    )
    parser.add_argument(
        "--truth",
        type=Path,
        metavar="PATH",
        help="also write the ground truth there, as JSON ({file name: truth})",
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("-n must be at least 1")
    if not 0.0 <= args.rst_share <= 1.0:
        parser.error("--rst-share must be between 0 and 1")
    start = time.perf_counter()
    notes = collection(args.n, args.seed, args.rst_share, args.shape)
    args.outdir.mkdir(parents=True, exist_ok=True)
    for note in notes:
        (args.outdir / note.name).write_bytes(note.text.encode("utf-8"))
    elapsed = time.perf_counter() - start
    if args.truth:
        data = {note.name: note.truth.to_json() for note in notes}
        args.truth.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    written = {note.name for note in notes}
    suffixes = {Path(name).suffix for name in written}
    stale = [p for p in args.outdir.iterdir() if p.suffix in suffixes and p.name not in written]
    by_syntax = Counter(note.truth.syntax for note in notes)
    print(
        f"wrote {len(notes)} {args.shape} files ({by_syntax['markdown']} Markdown, "
        f"{by_syntax['rst']} reST) to {args.outdir} in {elapsed:.2f}s"
    )
    if stale:
        print(
            f"warning: {args.outdir} also holds {len(stale)} older note files",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
