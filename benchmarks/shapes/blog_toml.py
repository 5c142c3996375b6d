"""``blog-toml``: a language project's blog, Markdown with TOML front matter between ``+++``.

One blog speaks for several products: the ``Acme`` language (a minor release every six weeks,
now and then a point release, once in a while both in one post), its installer ``Acmeup``, the
``acme-regex`` library and the ``Acme Analyzer``. A fifth of the posts announce nothing
(governance news, surveys, a target's demotion, a call to test a coming release), and some of
those name versions all the same.

The front matter's ``path = "2023/12/28/Acme-1.75.0"`` is the only date; file names carry none.
Authors are a list (``authors = ["The Acme Release Team"]``), ``[[authors]]`` tables with a
``name``, or, in older posts, one ``author`` string. Some posts add ``[extra]`` or
``[taxonomies]`` tables. Bodies have no title heading: the page title is the front matter's.
Release posts have ``## What's in 1.75.0 stable`` with a ``### <feature>`` subsection of prose
per feature, code fences with lines that start with ``- `` (diffs, YAML), and now and then an
HTML comment that hides a bullet.

Ground truth per post: the releases it announces, in the order the title names them, their
product, the date of the path, the authors, and the number of features where the post lists
them (``###`` feature subsections for the language, list items for the installer and the
analyzer; 0 for point releases).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from shapes.common import CUTOFF, PEOPLE, Truth, Written, pick, slug, unique, wrap

ACME, ACMEUP, REGEX, ANALYZER = "Acme", "Acmeup", "acme-regex", "Acme Analyzer"
RELEASE_TEAM = "The Acme Release Team"
SITE = "https://www.acme-lang.example"
DOCS = "https://doc.acme-lang.example"

# (title, prose, code kind): ``acme`` code, a ``diff`` or ``yaml`` block (lines that start
# with "- "), ``toml``, or none.
FEATURES = (
    (
        "Let chains in `if` and `while`",
        "Conditions can now combine `let` patterns with `&&`, so a chain of checks no longer "
        "needs one nested block per pattern. Bindings made early in the chain are visible in "
        "the later conditions and in the body.",
        "acme",
    ),
    (
        "Async closures",
        "Closures can now be marked `async`. Unlike a closure that returns an async block, an "
        "async closure may borrow from its captures in the future it returns.",
        "acme",
    ),
    (
        "Trait upcasting",
        "A reference to a trait object can be converted to a reference to a supertrait object "
        "with a plain coercion; the compiler builds the needed tables ahead of time.",
        "",
    ),
    (
        "Inline `const` blocks",
        "A `const { ... }` block in an expression is evaluated at compile time, which makes it "
        "possible to compute array lengths and table contents in place.",
        "acme",
    ),
    (
        "Exclusive ranges in patterns",
        "Patterns may use `a..b` ranges now, next to the inclusive `a..=b`. Boundaries that "
        "overlap between arms are reported by a new lint.",
        "diff",
    ),
    (
        "The `#[expect]` lint level",
        "Marking an item with `#[expect(lint)]` silences the lint like `allow`, and warns when "
        "the lint no longer fires, so stale exceptions do not pile up.",
        "diff",
    ),
    (
        "Lint configuration in `Pack.toml`",
        "Projects can set lint levels for the whole workspace in a `[lints]` table instead of "
        "attributes at the top of every crate.",
        "toml",
    ),
    (
        "Precise capturing for `impl Trait`",
        "A `use<..>` bound lists exactly which generic parameters a returned `impl Trait` may "
        "capture, which fixes a long-standing source of borrow errors in return types.",
        "acme",
    ),
    (
        "C-string literals",
        'A `c"..."` literal is a nul-terminated string for foreign calls. The compiler checks '
        "that it contains no interior nul byte.",
        "",
    ),
    (
        "Faster incremental builds",
        "The compiler now reuses more of its previous work after small edits. On our "
        "benchmarks a one-line change rebuilds about a third faster.",
        "yaml",
    ),
    (
        "Default field values",
        "Struct fields can declare default values, and `..` in a struct expression fills in "
        "the fields that are not written out.",
        "acme",
    ),
    (
        "Safe `extern` blocks",
        "Items in an `unsafe extern` block can be marked `safe`, so calls to foreign functions "
        "that cannot misbehave no longer need an `unsafe` block of their own.",
        "",
    ),
    (
        "Pack now checks the minimum Acme version",
        "When resolving dependencies, Pack prefers versions that support the project's "
        "declared minimum Acme version, and says so when it cannot find one.",
        "yaml",
    ),
    (
        "Stable `naked` functions",
        "Functions whose whole body is inline assembly can be written without a prologue, for "
        "interrupt handlers and other low-level entry points.",
        "acme",
    ),
)

APIS = (
    "Vec::take_while",
    "Option::as_slice",
    "Result::is_ok_and_then",
    "slice::split_first_chunk",
    "Duration::abs_diff",
    "io::Read::read_to_vec",
    "String::leak",
    "iter::repeat_n",
    "HashMap::extract_if",
    "Mutex::clear_poison",
)

POINT_FIXES = (
    "a miscompilation of `match` on enums with many variants",
    "a regression that made Pack rebuild every dependency after an update",
    "a crash in the documentation tool on very long module paths",
    "an unsound coercion in trait upcasting",
    "linking failures on older Linux distributions",
    "a panic in the formatter on empty `impl` blocks",
)

ACMEUP_ITEMS = (
    "`acmeup self update` resumes an interrupted download",
    "toolchains can be pinned per directory with an `acme-toolchain.toml` file",
    "the progress bar no longer flickers on Windows terminals",
    "`acmeup show` prints the active profile",
    "component installs are verified with the new signatures",
    "proxies are taken from `ALL_PROXY` when nothing else is set",
    "shell completions for the fish shell",
)

ANALYZER_ITEMS = (
    "inlay hints for closure return types",
    "a quick fix that fills in missing match arms",
    "go-to-definition on macros defined in the same file",
    "faster indexing of large workspaces",
    "renaming of lifetimes",
    "highlighting of unsafe operations",
)


@dataclass(eq=False)
class _Post:
    date: dt.date
    kind: str
    """``minor``, ``point``, ``both``, ``acmeup``, ``regex``, ``analyzer`` or ``news``."""
    versions: tuple[str, ...] = ()
    product: str | None = None
    topic: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _plan(n: int, rng: random.Random) -> list[_Post]:
    kinds = rng.choices(
        ("minor", "point", "acmeup", "regex", "analyzer", "news"),
        weights=(52, 10, 7, 3, 4, 24),
        k=n,
    )
    n_minor = max(1, kinds.count("minor"))
    cadence = 42 if n_minor <= 300 else max(7, 42 * 300 // n_minor)
    newest = max(88, n_minor + 1)
    minors: list[tuple[int, dt.date]] = []
    day = CUTOFF - dt.timedelta(days=rng.randint(0, 30))
    for number in range(newest, newest - n_minor, -1):
        minors.append((number, day))
        day -= dt.timedelta(days=cadence)
    minors.reverse()
    start, end = minors[0][1], CUTOFF
    span = max(1, (end - start).days)
    posts: list[_Post] = []
    # some minor releases get a point release: in a post of its own a few days later, or
    # announced together with the minor release in one post
    pointed = set(rng.sample(range(len(minors)), min(kinds.count("point"), len(minors))))
    for index, (number, date) in enumerate(minors):
        version = f"1.{number}.0"
        if index not in pointed:
            posts.append(_Post(date, "minor", (version,), ACME))
            continue
        point = f"1.{number}.1"
        if rng.random() < 0.35:
            posts.append(_Post(date, "both", (version, point), ACME))
        else:
            posts.append(_Post(date, "minor", (version,), ACME))
            later = date + dt.timedelta(days=rng.randint(3, 20))
            posts.append(_Post(min(later, CUTOFF), "point", (point,), ACME))
    counters = {ACMEUP: [1, 20, 0], REGEX: [1, 3], ANALYZER: [0, 1]}
    others = sorted(
        (k for k in kinds if k in ("acmeup", "regex", "analyzer")),
        key=("acmeup", "regex", "analyzer").index,
    )
    posts += [_Post(start + dt.timedelta(days=rng.randint(0, span)), kind) for kind in others]
    posts += [_news(rng, start, span) for _ in range(kinds.count("news"))]
    posts.sort(key=lambda p: (p.date, p.kind))
    # version numbers of the other products go up with time
    for post in posts:
        if post.kind == "acmeup":
            counter = counters[ACMEUP]
            if rng.random() < 0.6:
                counter[1] += 1
                counter[2] = 0
            else:
                counter[2] += 1
            post.versions, post.product = (f"{counter[0]}.{counter[1]}.{counter[2]}",), ACMEUP
        elif post.kind == "regex":
            counter = counters[REGEX]
            counter[1] += 1
            post.versions, post.product = (f"{counter[0]}.{counter[1]}",), REGEX
        elif post.kind == "analyzer":
            counter = counters[ANALYZER]
            counter[1] += 1
            post.versions, post.product = (f"{counter[0]}.{counter[1]}",), ANALYZER
    # the posts are as many as asked for: drop surplus from the front (the oldest news)
    while len(posts) > n:
        drop = next((i for i, p in enumerate(posts) if p.kind == "news"), 0)
        posts.pop(drop)
    while len(posts) < n:
        posts.append(_news(rng, start, span))
        posts.sort(key=lambda p: (p.date, p.kind))
    # news that name a version: a coming release (a demotion), one about to be made (a call to
    # test it), both among the minor releases of the blog
    for post in posts:
        if post.kind == "news" and post.topic in ("demotion", "prerelease"):
            coming = next((num for num, day in minors if day > post.date), minors[-1][0] + 1)
            post.extra["version"] = f"1.{coming + (2 if post.topic == 'demotion' else 0)}.0"
    return posts


def _news(rng: random.Random, start: dt.date, span: int) -> _Post:
    topics = ("governance", "survey", "demotion", "prerelease", "advisory", "goals", "council")
    date = start + dt.timedelta(days=rng.randint(0, span))
    return _Post(date, "news", topic=rng.choice(topics))


# -- front matter -------------------------------------------------------------------------------


def _toml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _front_matter(
    path: str, title: str, authors: list[str], team: bool, rng: random.Random, release: bool
) -> str:
    lines = ["+++", f"path = {_toml_str(path)}", f"title = {_toml_str(title)}"]
    style = rng.random()
    tables: list[str] = []
    if (team and style < 0.75) or (not team and style < 0.5):
        lines.append(f"authors = [{', '.join(_toml_str(a) for a in authors)}]")
    elif len(authors) == 1 and ((team and style < 0.85) or (not team and style < 0.6)):
        lines.append(f"author = {_toml_str(authors[0])}")
    else:
        for name in authors:
            tables += ["", "[[authors]]", f"name = {_toml_str(name)}"]
            if rng.random() < 0.5 and not team:
                tables.append(f"handle = {_toml_str(slug(name).replace('-', ''))}")
    if rng.random() < 0.3:
        lines.append(f"aliases = [{_toml_str(path + '.html')}]")
    if rng.random() < 0.4:
        summary = title.replace("`", "")
        lines.append(f"description = {_toml_str(summary)}")
    if rng.random() < 0.45:
        tables += ["", "[extra]"]
        if team:
            tables += [
                'team = "the release team"',
                f'team_url = "{SITE}/governance/teams/release"',
            ]
        else:
            tables.append(f"discussion = {_toml_str(f'{SITE}/forum/t/{rng.randint(1000, 9999)}')}")
        if release and rng.random() < 0.5:
            tables.append("release = true")
    if rng.random() < 0.25:
        tables += ["", "[taxonomies]", f'tags = ["{"releases" if release else "news"}"]']
    return "\n".join([*lines, *tables, "+++"]) + "\n"


# -- bodies -------------------------------------------------------------------------------------


def _code(kind: str, rng: random.Random) -> list[str]:
    if kind == "acme":
        name = rng.choice(("total", "width", "budget"))
        return [
            "```acme",
            f"fn {name}(items: &[Item]) -> usize {{",
            "    if let Some(first) = items.first() && first.ready {",
            "        return first.size;",
            "    }",
            "    0",
            "}",
            "```",
        ]
    if kind == "diff":
        return [
            "```diff",
            "- #[allow(unused_variables)]",
            "+ #[expect(unused_variables)]",
            "  let reason = explain();",
            "```",
        ]
    if kind == "toml":
        return ["```toml", "[lints.acme]", 'unsafe_code = "forbid"', "```"]
    return [
        "```yaml",
        "- name: Install Acme",
        "  run: acmeup update stable",
        "- name: Test",
        "  run: pack test --workspace",
        "```",
    ]


def _para(text: str) -> str:
    return wrap(text, 100)


def _minor_body(version: str, rng: random.Random) -> tuple[list[str], int]:
    parts = [
        _para(
            f"Today the Acme team is releasing Acme {version}. Acme is a language for writing "
            f"dependable, fast software, with a compiler that catches mistakes early."
        ),
        f"Anyone who installed Acme with `acmeup` can update to {version} by running:",
        "```console\n$ acmeup update stable\n```",
        _para(
            f"New to Acme? Install `acmeup` from [the install page]({SITE}/install), then read "
            f"the [full list of changes in {version}]({DOCS}/releases.html#version-"
            f"{version.replace('.', '')})."
        ),
    ]
    if rng.random() < 0.6:
        parts.append(
            _para(
                "To try the next releases early, switch to the beta channel (`acmeup default "
                "beta`) or to nightly builds (`acmeup default nightly`), and [tell us]"
                f"({SITE}/tracker/new) about anything that breaks."
            )
        )
    parts.append(f"## What's in {version} stable")
    chosen = rng.sample(FEATURES, rng.randint(1, 5))
    for title, prose, code in chosen:
        parts.append(f"### {title}")
        parts.append(_para(prose))
        if code and rng.random() < 0.7:
            parts.append("\n".join(_code(code, rng)))
    parts.append("### Stabilized APIs")
    parts.append(
        "\n".join(
            f"- [`{api}`]({DOCS}/std/{api.split('::')[0].lower()}.html)"
            for api in pick(rng, APIS, rng.randint(2, 6))
        )
    )
    parts.append("### Other changes")
    parts.append(
        _para(
            f"Everything else that changed is listed for [Acme]({DOCS}/releases.html), "
            f"[Pack]({DOCS}/pack/changelog.html) and [Lint]({DOCS}/lint/changelog.html)."
        )
    )
    if rng.random() < 0.3:
        parts.append("<!--\n- TODO: mention the linker change once its docs are merged\n-->")
    parts.append(f"## Contributors to {version}")
    parts.append(
        _para(
            f"Acme {version} is the work of hundreds of people. [See who helped]"
            f"(https://thanks.acme-lang.example/acme/{version}/), and thank you all!"
        )
    )
    return parts, len(chosen)


def _point_body(version: str, before: str, rng: random.Random) -> list[str]:
    fixes = pick(rng, POINT_FIXES, rng.randint(1, 3))
    return [
        _para(
            f"The Acme team has published a point release of Acme, {version}. Those who use "
            f"`acmeup` can get it with `acmeup update stable`."
        ),
        f"## What's in {version}",
        _para(f"Acme {version} fixes some regressions found in {before}:"),
        "\n".join(f"- {fix}" for fix in fixes),
        _para(f"Thanks to everyone who reported and fixed these problems in {version}."),
    ]


def _release_post(post: _Post, rng: random.Random) -> tuple[str, list[str], int | None]:
    """Title, body and feature count of a post that announces something."""
    if post.kind == "minor":
        version = post.versions[0]
        short = version.removesuffix(".0") if int(version.split(".")[1]) < 25 else version
        parts, features = _minor_body(version, rng)
        return f"Announcing Acme {short}", parts, features
    if post.kind == "point":
        version = post.versions[0]
        before = version.rsplit(".", 1)[0] + ".0"
        title = f"Announcing Acme {version}" if rng.random() < 0.8 else f"Acme {version} is out"
        return title, _point_body(version, before, rng), 0
    if post.kind == "both":
        minor, point = post.versions
        parts, features = _minor_body(minor, rng)
        parts[1:1] = [
            _para(
                f"A problem was found after {minor} was tagged, so {point} follows it at once; "
                f"update straight to {point}."
            )
        ]
        if rng.random() < 0.5:
            post.versions = (point, minor)
            return f"Acme {point} (and {minor})", parts, features
        return f"Announcing Acme {minor.removesuffix('.0')} (and {point})", parts, features
    version = post.versions[0]
    if post.kind == "acmeup":
        items = pick(rng, ACMEUP_ITEMS, rng.randint(2, 5))
        title = (
            f"Acmeup {version} released" if rng.random() < 0.6 else f"Announcing Acmeup {version}"
        )
        body = [
            _para(
                f"The Acmeup working group has published acmeup {version}, the installer and "
                f"version manager of Acme. With acmeup installed, run `acmeup self update`."
            ),
            f"## What's new in acmeup {version}",
            "\n".join(f"- {item}" for item in items),
            _para("Thanks to everyone who contributed to this release!"),
        ]
        return title, body, len(items)
    if post.kind == "regex":
        title = (
            f"acme-regex {version}" if rng.random() < 0.5 else f"Announcing acme-regex {version}"
        )
        body = [
            _para(
                f"Version {version} of the acme-regex crate is out. Most of the work went into "
                f"the matching engines: searches with many alternatives are faster, and "
                f"compiling a pattern uses less memory."
            ),
            "## A new meta engine",
            _para(
                "The crate now picks an engine per search instead of per pattern. Short "
                "haystacks take the backtracker, long ones the lazy automaton."
            ),
            "## Other changes",
            _para(
                "The minimum supported Acme version is unchanged. See the changelog for "
                "the full list."
            ),
        ]
        return title, body, None
    items = pick(rng, ANALYZER_ITEMS, rng.randint(2, 5))
    title = f"Acme Analyzer {version} released"
    body = [
        _para(
            f"Acme Analyzer {version}, the language server of Acme, is available in the "
            f"editor extensions and through `acmeup component add acme-analyzer`."
        ),
        "## Highlights",
        "\n".join(f"- {item}" for item in items),
    ]
    return title, body, len(items)


def _news_post(post: _Post, rng: random.Random) -> tuple[str, list[str], str]:
    """Title, body and path prefix (``inside-acme/`` or nothing) of a post that announces
    nothing."""
    version = post.extra.get("version", "1.80.0")
    year = post.date.year
    if post.topic == "demotion":
        target = rng.choice(("x86-legacy-none", "armv5-linux-old", "sparc-solaris-8"))
        title = f"In Acme {version}, the `{target}` target will be demoted"
        body = [
            _para(
                f"Starting with Acme {version}, `{target}` moves from tier 1 to tier 2: it "
                f"will still be built, but its tests no longer run on every change. The "
                f"release before it is the last one with full testing on that target."
            ),
            "## Why",
            _para(
                "Few people use the target, and its build machines are hard to keep. If you "
                "depend on it, tell us on the forum before the release."
            ),
        ]
        return title, body, ""
    if post.topic == "prerelease":
        title = f"{version} pre-release testing"
        body = [
            _para(
                f"The {version} pre-release is ready for testing. The release is scheduled for "
                f"next week. The [release notes]({DOCS}/releases.html) are ready too."
            ),
            "```console\n$ ACMEUP_DIST_SERVER=https://dev-static.acme-lang.example "
            "acmeup update stable\n```",
            _para("Please report anything that breaks on the tracker."),
        ]
        return title, body, "inside-acme/"
    if post.topic == "survey":
        edition = rng.choice((2018, 2021, 2024))
        title = rng.choice(
            (
                f"Acme {edition} edition survey",
                f"Acme survey {year} results",
                "State of Acme survey",
            )
        )
        body = [
            _para(
                "Once a year we ask everyone who uses Acme, or stopped using it, what works and "
                "what does not. The answers shape the next year of work."
            ),
            "## Taking part",
            "- the survey takes about ten minutes\n- it is anonymous\n- it closes in two weeks",
        ]
        return title, body, ""
    if post.topic == "advisory":
        cve = f"CVE-{year}-{rng.randint(20000, 49999)}"
        title = f"Security advisory for Acmeup ({cve})"
        body = [
            _para(
                "A flaw in how Acmeup unpacked archives let a crafted mirror write outside the "
                "toolchain folder. All versions before the current one are affected."
            ),
            "## Affected versions",
            _para("Update with `acmeup self update`. No action is needed otherwise."),
        ]
        return title, body, ""
    if post.topic == "goals":
        half = "H1" if post.date.month <= 6 else "H2"
        title = f"Project goals for {year}{half}"
        body = [
            _para(
                "The teams agreed on a short list of goals for the coming six months. Each "
                "goal has an owner and a way to tell when it is done."
            ),
            "## The goals",
            "- faster builds in large workspaces\n- a stable ABI for plugins\n"
            "- better error messages for async code",
        ]
        return title, body, "inside-acme/" if rng.random() < 0.5 else ""
    if post.topic == "council":
        title = "Leadership council update"
        body = [
            _para(
                "The council met four times this quarter. It approved the budget for the "
                "build machines and a grant programme for maintainers."
            )
        ]
        return title, body, "inside-acme/"
    title = "Governance update"
    body = [
        _para(
            "The core team is handing its remaining duties to the leadership council. "
            "Nothing changes for contributors: teams keep deciding their own matters."
        )
    ]
    return title, body, ""


def _render(post: _Post, seed: int, taken: set[str], index: int) -> Written:
    rng = random.Random(f"blog-toml:{seed}:{index}")
    prefix = ""
    if post.kind == "news":
        title, body, prefix = _news_post(post, rng)
        features: int | None = None
        release = False
    else:
        title, body, features = _release_post(post, rng)
        release = True
    team = post.kind in ("minor", "point", "both")
    if team:
        authors = [RELEASE_TEAM]
        tail = "Acme-" + post.versions[0]
    else:
        authors = pick(rng, PEOPLE, rng.choice((1, 1, 1, 2, 3)))
        tail = slug(title)[:50].strip("-")
    name = unique(f"{tail}.md", taken)
    path = f"{prefix}{post.date:%Y/%m/%d}/{name.removesuffix('.md')}"
    text = _front_matter(path, title, authors, team, rng, release)
    text += ("\n" if rng.random() < 0.8 else "") + "\n\n".join(body) + "\n"
    truth = Truth(
        releases=post.versions,
        product=post.product,
        date=post.date.isoformat(),
        authors=tuple(authors),
        features=features,
    )
    return Written(name, text, truth)


def build(n: int, seed: int) -> list[Written]:
    """``n`` posts of an invented project blog, oldest first."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(f"blog-toml:{seed}")
    taken: set[str] = set()
    return [_render(post, seed, taken, i) for i, post in enumerate(_plan(n, rng))]
