"""``changelog``: a few large changelog files, each holding many releases, newest first.

Two conventions, one file each in turn:

* Keep a Changelog, in Markdown (``<product>-CHANGELOG.md``): an optional ``## [Unreleased]``
  section first, then ``## [1.2.0] - 2024-01-15`` sections (``[YANKED]`` after a withdrawn
  one) with ``### Added``, ``### Changed``, ``### Deprecated``, ``### Removed``, ``### Fixed``
  and ``### Security`` lists, and the compare links at the end;
* towncrier, in reStructuredText (``<product>-CHANGES.rst``): ``1.2.0 (2024-01-15)`` over a
  line of ``=``, with ``Features``, ``Bugfixes``, ``Improved Documentation``, ``Deprecations
  and Removals`` and ``Misc`` subsections; a release still being made says ``(unreleased)``.

Here ``n`` is the number of release sections, ``Unreleased`` ones included, spread over about
one file per hundred. Ground truth per file: every section's version (PEP 440, normalised;
``None`` for ``Unreleased``), date, whether it is unreleased or yanked, and its number of
top-level items by kind.
"""

from __future__ import annotations

import datetime as dt
import random

from shapes.common import CUTOFF, Section, Truth, Written, bullet

PRODUCTS = (
    "ledgerline",
    "pollen",
    "tinsel",
    "hopscotch",
    "gantry",
    "wickerwork",
    "quayside",
    "marzipan",
    "foxglove",
    "parapet",
)

KAC_KINDS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
KAC_WEIGHTS = (30, 25, 6, 6, 30, 3)
TOWNCRIER_KINDS = (
    "Features",
    "Bugfixes",
    "Improved Documentation",
    "Deprecations and Removals",
    "Misc",
)
TOWNCRIER_WEIGHTS = (30, 35, 15, 8, 12)

ITEMS = {
    "added": (
        "A `--frozen` option that refuses to touch the lock file.",
        "Support for reading settings from `pyproject.toml`.",
        "The `{p} doctor` command, which checks the environment for common problems.",
        "Colour output on Windows terminals.",
        "A `timeout` argument to `Client.fetch()`.",
        "Type hints for the public API.",
    ),
    "changed": (
        "The default cache folder follows the platform's conventions.",
        "`{p} sync` prints a summary instead of every file.",
        "Dropped support for Python 3.8.",
        "Error messages name the offending file and line.",
        "Bumped the minimum `attrs` version to 23.1.",
    ),
    "deprecated": (
        "The `legacy_mode` setting; it goes away in the next major release.",
        "Calling `Client()` without a base address.",
    ),
    "removed": (
        "The `--no-color` alias of `--color=never`.",
        "Python 3.7 support.",
        "The long-deprecated `{p}.compat` module.",
    ),
    "fixed": (
        "A crash when the configuration file is empty.",
        "Relative paths in includes are resolved from the including file.",
        "Progress bars no longer leave a blank line behind.",
        "Unicode file names on macOS are compared after normalisation.",
        "Retries no longer double the first delay.",
        "A race between two processes writing the cache.",
    ),
    "security": (
        "Archive extraction refuses members that would land outside the target folder.",
        "Tokens are no longer written to debug logs.",
    ),
}
TOWNCRIER_MAP = {
    "features": "added",
    "bugfixes": "fixed",
    "deprecations and removals": "removed",
    "improved documentation": "",
    "misc": "",
}
DOC_ITEMS = (
    "Documented how to run {p} behind a proxy.",
    "The tutorial uses the new configuration format.",
    "Fixed broken links in the API reference.",
)


def _versions(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` versions, oldest first: ``(as written, PEP 440)``."""
    major, minor, patch = 0, 1, 0
    out: list[tuple[str, str]] = []
    while len(out) < count:
        out.append((f"{major}.{minor}.{patch}", f"{major}.{minor}.{patch}"))
        roll = rng.random()
        if roll < 0.05 and len(out) < count - 2:
            major, minor, patch = major + 1, 0, 0
            if rng.random() < 0.5:  # a release candidate before the major release
                out.append((f"{major}.0.0-rc.1", f"{major}.0.0rc1"))
        elif roll < 0.35:
            minor, patch = minor + 1, 0
        else:
            patch += 1
    return out[:count]


def _items(kind: str, rng: random.Random, product: str, count: int) -> list[str]:
    pool = ITEMS[kind] if kind else DOC_ITEMS
    return [text.format(p=product) for text in rng.sample(pool, min(count, len(pool)))]


def _keep_a_changelog(product: str, sections: int, rng: random.Random) -> Written:
    unreleased = rng.random() < 0.7
    released = sections - (1 if unreleased else 0)
    versions = _versions(rng, released)
    dates: list[dt.date] = []
    day = CUTOFF - dt.timedelta(days=rng.randint(5, 60))
    for _ in versions:
        dates.append(day)
        day -= dt.timedelta(days=rng.randint(7, 70))
    dates.reverse()
    dash = "-" if rng.random() < 0.85 else "\u2013"
    lines = [
        "# Changelog",
        "",
        f"All notable changes to {product} are listed in this file, newest first.",
        "",
        "The format follows [Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and the",
        "project uses [Semantic Versioning](https://semver.org/spec/v2.0.0.html).",
        "",
    ]
    truth: list[Section] = []
    plan: list[tuple[str | None, str | None, str | None, bool]] = []
    if unreleased:
        plan.append((None, None, None, False))
    for (written, pep), day in zip(reversed(versions), reversed(dates), strict=True):
        plan.append((written, pep, day.isoformat(), rng.random() < 0.03))
    for written, pep, date, yanked in plan:
        if written is None:
            lines.append("## [Unreleased]")
        else:
            tail = " [YANKED]" if yanked else ""
            lines.append(f"## [{written}] {dash} {date}{tail}")
        lines.append("")
        counts: dict[str, int] = {}
        kinds = sorted(
            set(rng.choices(KAC_KINDS, weights=KAC_WEIGHTS, k=rng.randint(1, 3))),
            key=KAC_KINDS.index,
        )
        for kind in kinds:
            items = _items(kind.lower(), rng, product, rng.randint(1, 5))
            lines += [f"### {kind}", ""]
            for item in items:
                if rng.random() < 0.08:
                    lines += [f"- {item}", "  - on every platform", "  - with a test"]
                else:
                    lines.append(bullet(item, "- ", 100))
            lines.append("")
            counts[kind.lower()] = len(items)
        truth.append(
            Section(
                version=pep,
                date=date,
                unreleased=written is None,
                yanked=yanked,
                items=counts,
            )
        )
    base = f"https://git.example.org/{product}"
    written_versions = [w for w, _p, _d, _y in plan if w]
    if unreleased and written_versions:
        lines.append(f"[unreleased]: {base}/compare/v{written_versions[0]}...HEAD")
    for newer, older in zip(written_versions, [*written_versions[1:], None], strict=True):
        if older is None:
            lines.append(f"[{newer}]: {base}/releases/tag/v{newer}")
        else:
            lines.append(f"[{newer}]: {base}/compare/v{older}...v{newer}")
    text = "\n".join(lines).rstrip("\n") + "\n"
    return Written(
        f"{product}-CHANGELOG.md",
        text,
        Truth(
            releases=tuple(s.version for s in truth if s.version),
            product=product,
            kind="changelog",
            syntax="markdown",
            sections=tuple(truth),
        ),
    )


def _towncrier(product: str, sections: int, rng: random.Random) -> Written:
    versions = _versions(rng, sections)
    pending = rng.random() < 0.3
    dates: list[dt.date] = []
    day = CUTOFF - dt.timedelta(days=rng.randint(5, 60))
    for _ in versions:
        dates.append(day)
        day -= dt.timedelta(days=rng.randint(7, 70))
    dates.reverse()
    named = rng.random() < 0.4
    lines: list[str] = []
    if rng.random() < 0.5:
        lines += ["=========", "Changelog", "=========", ""]
    lines += [
        f"Versions follow `Semantic Versioning <https://semver.org/>`_; {product} releases "
        "are listed newest first.",
        "",
        ".. towncrier release notes start",
        "",
    ]
    truth: list[Section] = []
    newest_first = list(zip(reversed(versions), reversed(dates), strict=True))
    for index, ((written, pep), day) in enumerate(newest_first):
        still_pending = pending and index == 0
        when = "unreleased" if still_pending else day.isoformat()
        head = f"{product} {written} ({when})" if named else f"{written} ({when})"
        lines += [head, "=" * len(head), ""]
        counts: dict[str, int] = {}
        kinds = sorted(
            set(rng.choices(TOWNCRIER_KINDS, weights=TOWNCRIER_WEIGHTS, k=rng.randint(1, 3))),
            key=TOWNCRIER_KINDS.index,
        )
        for kind in kinds:
            lines += [kind, "-" * len(kind), ""]
            if kind == "Misc":
                issues = [rng.randint(1000, 9999) for _ in range(rng.randint(1, 4))]
                refs = ", ".join(f"`#{i} <https://git.example.org/{product}/{i}>`_" for i in issues)
                lines += [f"- {refs}", ""]
                counts["misc"] = 1
                continue
            items = _items(TOWNCRIER_MAP[kind.lower()], rng, product, rng.randint(1, 5))
            for item in items:
                issue = rng.randint(1000, 9999)
                text = (
                    item.replace("`", "``")
                    + f" (`#{issue} <https://git.example.org/{product}/{issue}>`_)"
                )
                lines += [bullet(text, "- ", 100), ""]
            counts[kind.lower()] = len(items)
        truth.append(
            Section(
                version=pep,
                date=None if still_pending else day.isoformat(),
                unreleased=still_pending,
                items=counts,
            )
        )
    text = "\n".join(lines).rstrip("\n") + "\n"
    return Written(
        f"{product}-CHANGES.rst",
        text,
        Truth(
            releases=tuple(s.version for s in truth if s.version),
            product=product,
            kind="changelog",
            syntax="rst",
            sections=tuple(truth),
        ),
    )


def build(n: int, seed: int) -> list[Written]:
    """Changelog files holding ``n`` release sections between them."""
    if n < 1:
        raise ValueError("n must be at least 1")
    files = max(1, round(n / 100))
    sizes = [n // files] * files
    for i in range(n - sum(sizes)):
        sizes[i % files] += 1
    out: list[Written] = []
    for index, size in enumerate(sizes):
        base = PRODUCTS[index % len(PRODUCTS)]
        product = base if index < len(PRODUCTS) else f"{base}{index // len(PRODUCTS) + 1}"
        write = _keep_a_changelog if index % 2 == 0 else _towncrier
        out.append(write(product, size, random.Random(f"changelog:{seed}:{index}")))
    return out
