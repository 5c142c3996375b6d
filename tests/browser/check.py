"""Readability of badges and release tables in real themes, checked in headless Chromium.

Builds the documentation site (with its demo) once per theme, serves each build on 127.0.0.1
and opens the demo page and a note page in Debian's Chromium through Playwright, in every theme
variant (light, and dark where the theme has a dark mode), at a desktop width (1280 px) and the
width of a small phone (360 px). It fails when:

- a ``.releases-badge`` (or a badge of any colour name the extension accepts, tried in place)
  has a contrast below 4.5:1 (WCAG AA) between its computed text colour and its effective
  background (its own background, composited over its ancestors' where not opaque);
- the content of a cell of a ``table.releases-table`` overflows the cell, or a table spills
  past the page without a scrolling container around it;
- a cell of a release table is taller than ``MAX_LINES`` (4) lines: the height of its content
  as drawn, divided by the computed line height of its text, is above 4.5 (the half line
  leaves room for the padding of badges). A long list has to wrap several to a line or
  collapse (a closed ``<details>`` counts as drawn, closed); a collapsed list, opened, must
  show two items a line or more (at most half as many lines as items, rounded up);
- a column of a release table is clipped: one of its cells is cut off by an ancestor whose
  overflow is ``hidden`` or ``clip`` (or by a page that does not scroll sideways). A column
  hidden in a scrolling container also counts as clipped at the desktop width, where a
  release table has room to show every column; on a phone a table may scroll sideways, in a
  container that is itself wholly on the page;
- a date breaks over lines: every ISO date (``YYYY-MM-DD``) in a release table, and every
  ``.releases-date`` on the page, is measured with a range over its characters, which must be
  one line tall (at most 1.5 line heights, in one piece). A date in a release table must also
  be inside a ``.releases-date`` element, the class that keeps it on one line;
- a page has no badge, the demo page has no release table or no date in one, or a variant's
  light or dark mode did not take effect (so that a check cannot pass by looking at nothing).

Screenshots go to ``tests/browser/_screenshots/`` (or ``--out``). Run with ``tox -e browser``;
this is a script, not a pytest module, so the default test run does not collect it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinxcontrib_releases.config import BADGE_COLORS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DEFAULT_OUT = Path(__file__).resolve().parent / "_screenshots"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MIN_CONTRAST = 4.5
MAX_LINES = 4  # lines of text a cell of a release table may take
MAX_DATE_LINES = 1.5  # a date is one line: less than two line heights, in one piece


@dataclass(frozen=True)
class Viewport:
    width: int
    height: int
    # whether a release table may scroll sideways in a container of its own; where it may not,
    # a column out of sight in a scrolling container is a clipped column
    may_scroll: bool


VIEWPORTS = {
    "desktop": Viewport(1280, 900, may_scroll=False),
    "phone": Viewport(360, 800, may_scroll=True),
}


@dataclass(frozen=True)
class Variant:
    """One theme in one colour mode."""

    name: str
    theme: str
    mode: str  # "light" or "dark"
    storage: dict[str, str] = field(default_factory=dict)  # localStorage set before load
    # run after load: the theme's own switch, set directly in case the theme ignored storage
    force: str = ""


VARIANTS = [
    Variant("alabaster", "alabaster", "light"),
    Variant(
        "furo-light",
        "furo",
        "light",
        {"theme": "light"},
        'document.body.dataset.theme = "light"',
    ),
    Variant(
        "furo-dark",
        "furo",
        "dark",
        {"theme": "dark"},
        'document.body.dataset.theme = "dark"',
    ),
    Variant("sphinx-rtd-theme", "sphinx_rtd_theme", "light"),
    Variant(
        "pydata-light",
        "pydata_sphinx_theme",
        "light",
        {"mode": "light", "theme": "light"},
        'document.documentElement.dataset.theme = "light";'
        'document.documentElement.dataset.mode = "light"',
    ),
    Variant(
        "pydata-dark",
        "pydata_sphinx_theme",
        "dark",
        {"mode": "dark", "theme": "dark"},
        'document.documentElement.dataset.theme = "dark";'
        'document.documentElement.dataset.mode = "dark"',
    ),
    Variant("python-docs-theme", "python_docs_theme", "light", {"currentTheme": "light"}),
    Variant("python-docs-theme-dark", "python_docs_theme", "dark", {"currentTheme": "dark"}),
]

# The measuring function, run in the page (an arrow function taking the colour names).
MEASURE_JS = (Path(__file__).resolve().parent / "measure.js").read_text(encoding="utf-8")


@dataclass
class Result:
    variant: str
    page: str
    viewport: str
    badges: int = 0
    min_badge: float = 0.0
    min_palette: float = 0.0
    cells: int = 0
    max_lines: float = 0.0
    dates: int = 0
    failures: list[str] = field(default_factory=list)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--variant",
        action="append",
        choices=[v.name for v in VARIANTS],
        help="check only this variant (repeatable); default: all",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="screenshot folder")
    parser.add_argument(
        "--chromium",
        default=os.environ.get("RELEASES_CHROMIUM", DEFAULT_CHROMIUM),
        help="the Chromium binary (default: $RELEASES_CHROMIUM or /usr/bin/chromium)",
    )
    parser.add_argument(
        "--no-install",
        action="store_true",
        help="do not apt-get install chromium when it is missing; fail instead",
    )
    args = parser.parse_args(argv)

    chromium = ensure_chromium(args.chromium, install=not args.no_install)
    variants = [v for v in VARIANTS if not args.variant or v.name in args.variant]
    args.out.mkdir(parents=True, exist_ok=True)
    for variant in VARIANTS:  # this check's own screenshots of an earlier run, nothing else
        for old in args.out.glob(f"{variant.name}-*.png"):
            old.unlink()

    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="releases-browser-") as tmp:
        builds: dict[str, Path] = {}
        for theme in dict.fromkeys(v.theme for v in variants):
            builds[theme] = build(theme, Path(tmp) / "html" / theme)
        with (
            serve(Path(tmp) / "html") as base,
            sync_playwright() as playwright,
        ):
            context = playwright.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"),  # a fresh --user-data-dir
                executable_path=chromium,
                headless=True,
                args=CHROMIUM_ARGS,
            )
            try:
                results = [
                    check_page(context, base, variant, page_path, viewport, args.out)
                    for variant in variants
                    for page_path in pages(builds[variant.theme])
                    for viewport in VIEWPORTS
                ]
            finally:
                context.close()

    failed = report(results)
    print(f"\nscreenshots in {args.out}; {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


def ensure_chromium(path: str, *, install: bool) -> str:
    """The Chromium binary, installed from Debian's packages when missing and allowed."""
    if Path(path).is_file() and os.access(path, os.X_OK):
        return path
    if path != DEFAULT_CHROMIUM:
        sys.exit(f"browser check: no executable Chromium at {path}")
    apt = shutil.which("apt-get")
    if not install or apt is None or os.geteuid() != 0:
        why = (
            "--no-install was given"
            if not install
            else "apt-get is not available"
            if apt is None
            else "this is not root, so it cannot be installed here"
        )
        sys.exit(
            f"browser check: {path} is missing and {why}. Install Debian's chromium "
            "(`sudo apt-get update && sudo apt-get install -y chromium`) or point "
            "RELEASES_CHROMIUM at a Chromium binary. The check does not skip."
        )
    print("browser check: installing Debian's chromium", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in ([apt, "update"], [apt, "install", "-y", "chromium"]):
        if subprocess.run(command, env=env, check=False).returncode:
            sys.exit(f"browser check: `{' '.join(command)}` failed")
    if not Path(path).is_file():
        sys.exit(f"browser check: chromium was installed but {path} is still missing")
    return path


def build(theme: str, out: Path) -> Path:
    """The docs site built with ``theme``; warnings are shown, errors fail the check."""
    print(f"building the docs with {theme}", flush=True)
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", f"html_theme={theme}"]
    done = subprocess.run([*command, str(DOCS), str(out)], check=False)
    if done.returncode:
        sys.exit(f"browser check: building the docs with {theme} failed")
    return out


def pages(html: Path) -> list[str]:
    """The demo page and the note page with the most badges (a note announcing several releases)."""
    demo = html / "demo" / "index.html"
    notes = sorted((html / "demo" / "notes").glob("*.html"))
    if not demo.is_file() or not notes:
        sys.exit(f"browser check: no demo pages in {html}")
    note = max(notes, key=lambda p: p.read_text(encoding="utf-8").count("releases-badge "))
    return [demo.relative_to(html).as_posix(), note.relative_to(html).as_posix()]


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """``root`` over HTTP on 127.0.0.1, on a free port, for the length of the block."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def check_page(
    context: Any, base: str, variant: Variant, page_path: str, viewport: str, out: Path
) -> Result:
    size = VIEWPORTS[viewport]
    short = "demo" if page_path.endswith("demo/index.html") else "note"
    result = Result(variant.name, short, viewport)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": size.width, "height": size.height})
        page.emulate_media(color_scheme=variant.mode)
        if variant.storage:
            page.add_init_script(
                "".join(f"localStorage.setItem({k!r}, {v!r});" for k, v in variant.storage.items())
            )
        page.goto(f"{base}/{variant.theme}/{page_path}", wait_until="load")
        if variant.force:
            page.evaluate(f"() => {{ {variant.force}; }}")
        page.evaluate("() => document.fonts.ready")
        page.wait_for_timeout(100)  # let theme transitions settle
        data = page.evaluate(MEASURE_JS, {"colors": sorted(BADGE_COLORS), "maxLines": MAX_LINES})
        stem = f"{variant.name}-{short}-{viewport}"
        page.screenshot(path=out / f"{stem}.png", full_page=True)
        # a close-up at full scale: the first release table, or the note's line of badges, across
        # the whole width of the page (so that what a scrolling container hides shows as hidden),
        # cut from the full page (so that sticky headers do not cover it)
        for selector in ("table.releases-table", ".releases-badges"):
            found = page.locator(selector)
            box = found.first.bounding_box() if found.count() else None
            if box:
                top = max(0, box["y"] - 8)
                clip = {"x": 0, "y": top, "width": size.width, "height": box["height"] + 16}
                page.screenshot(path=out / f"{stem}-detail.png", full_page=True, clip=clip)
                break
    finally:
        page.close()

    badges, palette = data["badges"], data["palette"]
    result.badges = len(badges)
    result.cells = data["cells"]
    result.max_lines = data["maxCellLines"]
    result.dates = len(data["dates"])
    result.min_badge = min((b["ratio"] for b in badges), default=0.0)
    result.min_palette = min((b["ratio"] for b in palette), default=0.0)
    fail = result.failures.append
    if not badges:
        fail("no .releases-badge on the page")
    if short == "demo" and not data["tables"]:
        fail("no table.releases-table on the demo page")
    dark = data["pageLuminance"] < 0.2
    if dark != (variant.mode == "dark"):
        fail(
            f"the {variant.mode} mode did not take effect "
            f"(page background luminance {data['pageLuminance']:.2f})"
        )
    seen = set()
    for b in [*badges, *palette]:
        key = (b.get("color") or b["classes"], b["fg"], b["bg"])
        if b["ratio"] < MIN_CONTRAST and key not in seen:
            seen.add(key)
            name = f"colour {b['color']!r}" if "color" in b else f"badge {b['text']!r}"
            fail(f"{name}: contrast {b['ratio']:.2f} ({b['fg']} on {b['bg']}) < {MIN_CONTRAST}")
        if b["clipped"]:
            fail(f"badge {b['text']!r}: text wider than the badge")
    for o in data["overflows"]:
        fail(f"overflow in {o['where']!r}: {o['what']}")
    if short == "demo" and not data["dates"]:
        fail("no date in the release tables of the demo page")
    result.failures.extend(layout_failures(data, size))
    return result


def layout_failures(data: dict[str, Any], size: Viewport) -> list[str]:
    """Tall cells, clipped columns and broken dates, one line per table column or date."""
    failures = []
    tall: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for cell in data["tall"]:
        tall.setdefault((cell["table"], cell["column"]), []).append(cell)
    for (table, column), cells in tall.items():
        worst = max(cells, key=lambda c: c["lines"])
        failures.append(
            f"{table!r}, column {column!r}: {len(cells)} cell(s) taller than {MAX_LINES} lines "
            f"(up to {worst['lines']:.1f} lines, row {worst['row']!r})"
        )
    for c in data["clipped"]:
        where = f"{c['table']!r}, column {c['column']!r}"
        if c["kind"] == "hidden":
            failures.append(
                f"{where} is cut off by {c['by']} (overflow hidden): the cell spans "
                f"{c['cell']}, the visible part {c['visible']}"
            )
        elif not size.may_scroll:
            failures.append(
                f"{where} is out of sight in the scrolling {c['by']} at {size.width} px: the "
                f"table is {c['tableWidth']} px wide in {c['containerWidth']} px"
            )
        elif not c["reachable"]:
            failures.append(
                f"{where} is out of sight in the scrolling {c['by']}, which is itself not "
                f"wholly on the page (visible {c['visible']})"
            )
    narrow: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for o in data["opened"]:
        if o["lines"] > math.ceil(o["items"] / 2):
            narrow.setdefault((o["table"], o["column"]), []).append(o)
    for (table, column), lists in narrow.items():
        worst = max(lists, key=lambda o: o["lines"])
        failures.append(
            f"{table!r}, column {column!r}: {len(lists)} collapsed list(s) under two items a "
            f"line when opened (row {worst['row']!r}: {worst['items']} in {worst['lines']} lines)"
        )
    broken: dict[str, list[dict[str, Any]]] = {}
    unmarked: dict[str, list[dict[str, Any]]] = {}
    for d in data["dates"]:
        where = f"{d['table']!r}, column {d['column']!r}" if d["table"] else repr(d["row"])
        if d["lines"] > MAX_DATE_LINES or d["pieces"] > 1:
            broken.setdefault(where, []).append(d)
        if not d["marked"]:
            unmarked.setdefault(where, []).append(d)
    for where, found in broken.items():
        worst = max(found, key=lambda d: d["lines"])
        failures.append(
            f"{where}: {len(found)} date(s) broken over lines, e.g. {worst['text']!r} in row "
            f"{worst['row']!r} ({worst['lines']:.1f} line heights, in {worst['pieces']} pieces)"
        )
    for where, found in unmarked.items():
        failures.append(
            f"{where}: {len(found)} date(s) outside a .releases-date, e.g. {found[0]['text']!r}"
        )
    return failures


def report(results: list[Result]) -> bool:
    header = (
        "variant",
        "page",
        "viewport",
        "badges",
        "min badge",
        "min colour",
        "cells",
        "max lines",
        "dates",
        "result",
    )
    rows = [
        (
            r.variant,
            r.page,
            r.viewport,
            str(r.badges),
            f"{r.min_badge:.2f}",
            f"{r.min_palette:.2f}",
            str(r.cells),
            f"{r.max_lines:.1f}",
            str(r.dates),
            "ok" if not r.failures else f"FAIL ({len(r.failures)})",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print()
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    failed = [r for r in results if r.failures]
    for r in failed:
        print(f"\n{r.variant} {r.page} {r.viewport}:")
        for line in r.failures:
            print(f"  - {line}")
    print(
        f"\nbrowser check: {len(results) - len(failed)} passed, {len(failed)} failed "
        f"(minimum contrast {MIN_CONTRAST}:1, at most {MAX_LINES} lines a cell, dates on one line)"
    )
    return bool(failed)


if __name__ == "__main__":
    sys.exit(main())
