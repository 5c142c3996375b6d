"""``rst-notes``: one reStructuredText file per release, as a web framework's docs keep them.

Each file (``4.2.txt``, ``4.2.1.txt``, ``5.0-alpha-1.txt``) has no front matter. Its title names
the product and the release (``Quarry 4.2 release notes``), an emphasised line under it gives
the date (``*April 3, 2023*``), and the body has the framework's usual sections: ``What's new
in Quarry 4.2`` with a subsection per highlight, ``Minor features`` with a subsection per
component, ``Backwards incompatible changes in 4.2``, deprecations, removals, and for bug-fix
releases only ``Bugfixes``. Items use Sphinx roles (:class:`~quarry.forms.Form`,
:setting:`CACHE_TIMEOUT`) and literals. The release being made is ``UNDER DEVELOPMENT`` and
has no date, or an expected month (``*Expected August 2025*``), which is no date either; so has
the next bug-fix release of a supported series, now and then (``*Expected July 2, 2025*``).

Ground truth per file: the one release, the product, the date (``None`` when expected or
absent), no authors (the files name none), and the number of features (highlights plus minor
feature items; 0 for bug-fix releases).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass

from shapes.common import CUTOFF, MONTHS, Truth, Written, bullet, long_date, wrap

PRODUCTS = ("Quarry", "Brindle", "Tessera", "Marlin", "Kestrel")
RUNTIMES = ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14")

COMPONENTS = (
    ":mod:`{m}.contrib.admin`",
    ":mod:`{m}.contrib.auth`",
    ":mod:`{m}.contrib.sitemaps`",
    ":mod:`{m}.contrib.messages`",
    "Cache",
    "CSRF",
    "Database backends",
    "Email",
    "Error reporting",
    "File storage",
    "Forms",
    "Generic views",
    "Internationalization",
    "Logging",
    "Management commands",
    "Migrations",
    "Models",
    "Requests and responses",
    "Security",
    "Serialization",
    "Signals",
    "Templates",
    "Tests",
    "URLs",
    "Validators",
)

# Minor feature items. ``{m}`` is the product's package, ``{M}`` its name, ``{C}`` a class
# name, ``{S}`` a setting, ``{n}`` a small number, ``{cmd}`` a management command.
MINOR = (
    "The new :setting:`{S}` setting allows customizing how long a stale entry is kept.",
    ":class:`~{m}.forms.{C}Field` now accepts a ``placeholder`` argument.",
    "The new :meth:`.QuerySet.bulk_touch` method updates the modification time of many rows "
    "in one query.",
    ":func:`~{m}.shortcuts.redirect_back` now falls back to the ``next`` parameter when the "
    "referrer is missing.",
    "The :manage:`{cmd}` command now supports the ``--dry-run`` option.",
    "``{C}Mixin`` gained a ``get_{c}_kwargs()`` hook for customizing its arguments.",
    "The default iteration count of the password hasher is increased to {n}00,000.",
    ":class:`~{m}.db.models.{C}Index` now supports partial indexes on SQLite.",
    "Templates now support the ``{{% partial %}}`` tag for reusable fragments.",
    "The new ``{m}.test.override_clock()`` context manager freezes time in tests.",
    ":attr:`.Request.client_hints` gives access to the client hint headers.",
    "The :ref:`system checks <system-checks>` now warn about unused URL converters.",
    "Migration files are now formatted with a stable key order.",
    "The new ``max_age`` argument of :func:`~{m}.cache.cached` sets an entry's lifetime.",
    ":class:`~{m}.core.mail.EmailMessage` now accepts an ``attachments`` iterable of paths.",
    "The admin's changelist now keeps the selected filters after a bulk action.",
    "The :setting:`{S}` setting now also accepts a callable.",
    "Lookups can now be registered on ``{C}Field`` subclasses with a decorator.",
    "``{m}.utils.text.truncate()`` keeps HTML entities whole.",
    "The new :manage:`{cmd} --check` option exits with a non-zero status when something "
    "would change.",
    "Date-based generic views accept an ``allow_future`` class attribute.",
    "Serialization of ``{C}Field`` values to JSON no longer loses their precision.",
    "Translations for Icelandic, Swahili and Welsh were added.",
    "The validator :class:`~{m}.core.validators.{C}Validator` reports the offending value "
    "in its message.",
    ":func:`~{m}.urls.reverse` accepts ``query`` and ``fragment`` keyword arguments.",
    "Signals can now be sent asynchronously with ``Signal.asend()``.",
    "The new ``{m}.contrib.auth.checks`` module validates password policies at startup.",
    "File uploads larger than :setting:`{S}` are now streamed to disk in chunks of {n} MB.",
    "Log records of failed requests include the view's dotted path.",
    "The test client supports the ``headers`` argument for every HTTP method.",
)

HIGHLIGHTS = (
    (
        "Asynchronous model signals",
        "Receivers of the model signals can now be coroutines. They run in the event loop of "
        "the request that triggered them, so views written with ``async def`` no longer need "
        "to block on slow receivers. See :doc:`/topics/signals` for the details.",
    ),
    (
        "Composite primary keys",
        "The new :class:`~{m}.db.models.CompositeKey` lets a model use several fields as its "
        "primary key. Queries, the admin and serialization understand it; relations that point "
        "to such a model are not supported yet.",
    ),
    (
        "Template partials",
        "A template can now define named fragments with ``{{% partial %}}`` and render one of "
        "them on its own. This makes small updates of a page much simpler to write.",
    ),
    (
        "Field groups in forms",
        "Related fields of a :class:`~{m}.forms.Form` can be grouped and rendered together "
        "with ``{{{{ form.group.address }}}}``, each group with its own label and help text.",
    ),
    (
        "Database-computed default values",
        "The new :attr:`.Field.db_default` argument sets a default that the database "
        "computes, such as the current time, so that rows inserted outside {M} get it too.",
    ),
    (
        "Content Security Policy support",
        "{M} can now send a ``Content-Security-Policy`` header built from the "
        ":setting:`SECURE_CSP` setting, with nonces for inline scripts in templates.",
    ),
    (
        "Background tasks",
        "A small task framework lets a view hand work, such as sending an email, to a worker. "
        "Backends for a database queue and for immediate execution in tests are included.",
    ),
    (
        "Simplified URL routing",
        "Paths can use typed converters such as ``<int:year>`` in every route, and "
        ":func:`~{m}.urls.path` reports a conflicting pattern when the project starts.",
    ),
    (
        "Generated model fields",
        "The new :class:`~{m}.db.models.GeneratedField` is always computed from other fields "
        "of the row, by the database itself, on every supported backend.",
    ),
    (
        "Facet counts in the admin",
        "Filters in the admin changelist can show how many objects each choice would select. "
        "The counts are off by default and can be toggled in the page.",
    ),
    (
        "Redis cache backend",
        "The built-in ``{m}.core.cache.backends.redis.RedisCache`` stores cache entries in "
        "Redis, with support for replicas and for several servers.",
    ),
    (
        "Scrypt password hasher",
        "The new ``ScryptPasswordHasher`` is more resistant to attacks with specialised "
        "hardware. It is not the default, and needs OpenSSL 1.1 or later.",
    ),
    (
        "Functional unique constraints",
        "The new ``*expressions`` argument of :class:`~{m}.db.models.UniqueConstraint` creates "
        "unique indexes on expressions, such as the lower-cased value of a column.",
    ),
    (
        "Per-request time zones",
        "Middleware can activate a time zone for the duration of a request; dates in templates "
        "and forms are then shown and read in it.",
    ),
)

INCOMPATIBLE = (
    "The undocumented ``{m}.utils.crypto.legacy_hash()`` function is removed.",
    ":class:`~{m}.forms.{C}Field` no longer strips whitespace from its value by default.",
    "The ``{C}Backend.get_connection_params()`` method must now return a dictionary.",
    "Support for ``ledgerdb`` {n}.x is removed; {n}.0 was the last supported version.",
    "The minimum supported version of ``sqlparse`` is increased from 0.{n}.0 to 0.{n}.2.",
    "``Model.refresh()`` now clears cached relations as well as field values.",
    "The :setting:`{S}` setting now defaults to ``True``.",
    "Third-party database backends must implement ``DatabaseFeatures.supports_json_field``.",
    "The ``{c}_list`` context variable of generic views is renamed to ``object_list``.",
    "Custom template loaders must now accept a ``skip`` argument in ``get_template()``.",
)

DEPRECATED = (
    "The ``{c}_class`` attribute of ``{C}View`` is deprecated in favor of ``get_{c}_class()``.",
    "Passing positional arguments to :class:`~{m}.db.models.{C}Constraint` is deprecated.",
    "The ``{m}.utils.itercompat`` module is deprecated.",
    "The :setting:`{S}` transitional setting is deprecated.",
    "``{m}.contrib.auth.hashers.SHA1Hasher`` is deprecated.",
    "Overriding ``Form.as_table()`` in a subclass is deprecated.",
    "The ``length_is`` template filter is deprecated in favor of ``length`` with ``==``.",
)

BUGFIXES = (
    "Fixed a regression in {M} {prev} that caused a crash of :class:`~{m}.forms.{C}Field` "
    "with an empty value (:ticket:`{t}`).",
    "Fixed a bug in {M} {prev} where ``QuerySet.update()`` ignored the database router "
    "(:ticket:`{t}`).",
    "Fixed a crash of :manage:`{cmd}` when the project has no migrations (:ticket:`{t}`).",
    "Restored the ability to use ``{C}Mixin`` with class-based views that define "
    "``dispatch()`` (:ticket:`{t}`).",
    "Fixed a data loss possibility in the ``{c}_set`` reverse accessor on SQLite (:ticket:`{t}`).",
    "Fixed a regression in {M} {prev} that made the admin's search fail on related fields "
    "(:ticket:`{t}`).",
    "Fixed a memory leak in the development server's autoreloader (:ticket:`{t}`).",
    "Fixed the :setting:`{S}` check for values given as a tuple (:ticket:`{t}`).",
    "Fixed a bug where ``{m}.test.override_clock()`` leaked into the next test (:ticket:`{t}`).",
    "Fixed a ``TypeError`` when serializing a ``{C}Field`` whose value is ``None`` "
    "(:ticket:`{t}`).",
    "Fixed duplicate queries when prefetching a generic relation twice (:ticket:`{t}`).",
    "Fixed a visual regression in the admin's dark mode (:ticket:`{t}`).",
)

SECURITY = (
    "Potential denial of service in :func:`~{m}.utils.text.wrap`",
    "Potential SQL injection in ``QuerySet.values()`` on PostgreSQL",
    "Potential bypass of validation when uploading several files with one field",
    "Username enumeration through timing difference for users without a password",
    "Potential regular expression denial of service in ``EmailValidator``",
)

CLASSES = ("Choice", "Slug", "Duration", "Ledger", "Span", "Token", "Range", "Badge")
SETTINGS = ("CACHE_TIMEOUT", "UPLOAD_SPOOL_LIMIT", "SESSION_PARTITIONED", "LEDGER_STRICT")
COMMANDS = ("migrate", "collectstatic", "makemigrations", "inspectdb", "check", "shell")
DATABASES = ("Ledgerbase", "TallyDB", "Abacus SQL")
PHASE_WORDS = {"a": "alpha", "b": "beta", "rc": "release candidate"}


@dataclass(eq=False)
class _Series:
    major: int
    minor: int
    final: dt.date
    lts: bool
    previews: bool
    """Whether this series published notes for its alpha, beta and release candidates."""
    prev: str = ""

    @property
    def name(self) -> str:
        return f"{self.major}.{self.minor}"


@dataclass(eq=False)
class _Item:
    """One note to write."""

    series: _Series
    kind: str
    """``feature``, ``pre``, ``bugfix``, ``devel`` (the release being made) or ``expected``
    (a bug-fix release announced before its day)."""
    date: dt.date
    """When it happened or is to happen (the order of the collection)."""
    micro: int = 0
    phase: str = ""
    num: int = 0
    security: bool = False

    @property
    def version(self) -> str:
        """PEP 440, normalised."""
        s = self.series
        if self.kind == "pre":
            return f"{s.name}{self.phase}{self.num}"
        if self.kind in ("bugfix", "expected"):
            return f"{s.name}.{self.micro}"
        return s.name

    @property
    def shown(self) -> str:
        """The release as the title names it."""
        if self.kind == "pre":
            return f"{self.series.name} {PHASE_WORDS[self.phase]} {self.num}"
        return self.version

    @property
    def file_name(self) -> str:
        if self.kind == "pre":
            return f"{self.series.name}-{PHASE_WORDS[self.phase].replace(' ', '-')}-{self.num}.txt"
        return f"{self.version}.txt"


def _series(rng: random.Random, count: int) -> list[_Series]:
    """``count`` series, 1.0 onwards, one about every eight months; the newest is the one
    being made (its final release falls after :data:`CUTOFF`)."""
    names: list[tuple[int, int]] = []
    major, minor = 1, 0
    first_major_minors = rng.randint(4, 11)
    for _ in range(count):
        names.append((major, minor))
        limit = first_major_minors if major == 1 else 2
        if minor >= limit:
            major, minor = major + 1, 0
        else:
            minor += 1
    final = CUTOFF + dt.timedelta(days=rng.randint(30, 80))
    out: list[_Series] = []
    for major, minor in reversed(names):
        lts = minor == 2 or (major == 1 and minor == first_major_minors)
        out.append(_Series(major, minor, final, lts, previews=rng.random() < 0.3))
        final -= dt.timedelta(days=rng.randint(215, 265))
    out.reverse()
    for before, after in itertools.pairwise(out):
        after.prev = before.name
    if out:
        out[0].prev = f"{out[0].major - 1}.9" if out[0].major > 1 else "0.96"
    return out


def _items(rng: random.Random, series: list[_Series]) -> list[_Item]:
    items: list[_Item] = []
    for index, s in enumerate(series):
        newest = index == len(series) - 1
        if s.previews or newest:
            day = s.final - dt.timedelta(days=rng.randint(100, 120))
            plan = [("a", 1), ("b", 1)] + ([("b", 2)] if rng.random() < 0.3 else []) + [("rc", 1)]
            for phase, num in plan:
                if day <= CUTOFF and (s.previews or rng.random() < 0.5):
                    items.append(_Item(s, "pre", day, phase=phase, num=num))
                day += dt.timedelta(days=rng.randint(21, 35))
        if newest:
            items.append(_Item(s, "devel", s.final))
            continue
        items.append(_Item(s, "feature", s.final))
        # bug-fix releases until some months after the next series (years for LTS series)
        nxt = series[index + 1].final
        end = nxt + dt.timedelta(days=rng.randint(900, 1100) if s.lts else rng.randint(200, 260))
        day, micro, expected = s.final, 1, False
        while True:
            day += dt.timedelta(days=rng.randint(6, 12) if micro == 1 else rng.randint(26, 40))
            if day > end:
                break
            if day > CUTOFF:
                if not expected and rng.random() < 0.5:
                    items.append(_Item(s, "expected", day, micro=micro))
                break
            late = day > nxt + dt.timedelta(days=120)
            security = late or rng.random() < 0.25
            items.append(_Item(s, "bugfix", day, micro=micro, security=security))
            micro += 1
    items.sort(key=lambda item: (item.date, item.series.major, item.series.minor))
    return items


def _fill(text: str, item: _Item, fills: dict[str, str], rng: random.Random) -> str:
    values = {
        **fills,
        "C": rng.choice(CLASSES),
        "S": rng.choice(SETTINGS),
        "n": str(rng.randint(2, 9)),
        "cmd": rng.choice(COMMANDS),
        "t": str(rng.randint(30000, 36999)),
    }
    values["c"] = values["C"].lower()
    return text.format(**values)


class _Doc:
    """The lines of one file, with its heading style."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        # the title's style, then the characters of section levels 1, 2, 3
        self.overline = rng.random() < 0.75
        self.levels = "=-~" if self.overline else "-~^"

    def title(self, text: str) -> None:
        bar = "=" * len(text)
        self.parts.append(f"{bar}\n{text}\n{bar}" if self.overline else f"{text}\n{bar}")

    def heading(self, text: str, level: int) -> None:
        self.parts.append(f"{text}\n{self.levels[level - 1] * len(text)}")

    def para(self, text: str) -> None:
        self.parts.append(wrap(text))

    def raw(self, text: str) -> None:
        self.parts.append(text)

    def bullets(self, items: list[str]) -> None:
        marker = "* " if self.rng.random() < 0.8 else "- "
        self.parts.append("\n".join(bullet(item, marker) for item in items))

    def text(self) -> str:
        return "\n\n".join(self.parts) + "\n"


def _date_line(item: _Item, rng: random.Random) -> str | None:
    """The emphasised line under the title, and the date it gives (``None``: no date)."""
    if item.kind == "devel":
        if rng.random() < 0.6:
            return f"*Expected {MONTHS[item.date.month - 1]} {item.date.year}*"
        return None
    if item.kind == "expected":
        return f"*Expected {long_date(item.date)}*"
    return f"*{long_date(item.date)}*"


def _code_block(fills: dict[str, str], rng: random.Random) -> str:
    m = fills["m"]
    if rng.random() < 0.2:
        return "\n".join(
            [".. code-block:: console", "", f"    $ {m}-admin migrate --check", "    No changes."]
        )
    name = rng.choice(("Ticket", "Invoice", "Sighting", "Booking"))
    lines = [
        ".. code-block:: python",
        "",
        f"    from {m}.db import models",
        "",
        "",
        f"    class {name}(models.Model):",
        "        opened = models.DateTimeField(db_default=models.Now())",
        "        title = models.CharField(max_length=200)",
    ]
    return "\n".join(lines)


def _feature_note(item: _Item, doc: _Doc, rng: random.Random, fills: dict[str, str]) -> int:
    """The body of a feature release, a preview or the release being made; the number of
    features it lists."""
    s, product = item.series, fills["M"]
    name = s.name
    if item.kind == "pre":
        doc.para(
            f"Welcome to {product} {item.shown}! This is a preview of {product} {name}: the "
            f"notes below describe what is planned for the final release, and they will change "
            f"before it. Please try it on your projects and report what breaks."
        )
    elif item.kind == "devel":
        doc.para(
            f"Welcome to {product} {name}! These notes are a work in progress: they grow as "
            f"features are merged for the release, expected in "
            f"{MONTHS[item.date.month - 1]} {item.date.year}."
        )
    else:
        doc.para(f"Welcome to {product} {name}!")
        doc.para(
            f"These notes describe what is new in this release, the changes that may break a "
            f"project upgrading from {product} {s.prev} or older, and the features that start "
            f"or finish their deprecation cycle."
        )
    if rng.random() < 0.6:
        doc.para(
            "See the :doc:`/howto/upgrade-version` guide if you are updating an existing project."
        )
    if s.lts and item.kind == "feature":
        doc.para(
            f"{product} {name} is a long-term support release: it gets security fixes for at "
            f"least three years after its release."
        )
    doc.heading("Runtime compatibility", 1)
    first = rng.randint(0, len(RUNTIMES) - 4)
    supported = list(RUNTIMES[first : first + rng.randint(2, 4)])
    doc.para(
        f"{product} {name} supports Python {', '.join(supported[:-1])} and {supported[-1]}. "
        f"Only the newest release of each Python series is supported."
    )

    features = 0
    if rng.random() < 0.2:
        doc.raw(f".. _whats-new-{name}:")
    doc.heading(f"What's new in {product} {name}", 1)
    for title, text in rng.sample(HIGHLIGHTS, rng.randint(1, 4)):
        doc.heading(_fill(title, item, fills, rng), 2)
        doc.para(_fill(text, item, fills, rng))
        if rng.random() < 0.25:
            doc.raw(_code_block(fills, rng))
        features += 1
    doc.heading("Minor features", 2)
    for component in sorted(rng.sample(COMPONENTS, rng.randint(2, 8))):
        doc.heading(component.format(m=fills["m"]), 3)
        if item.kind == "devel" and rng.random() < 0.4:
            doc.para("...")
            continue
        chosen = rng.sample(MINOR, rng.randint(1, 4))
        doc.bullets([_fill(text, item, fills, rng) for text in chosen])
        features += len(chosen)

    doc.heading(f"Backwards incompatible changes in {name}", 1)
    if rng.random() < 0.5:
        doc.heading("Database backend API", 2)
        doc.para("This section describes changes needed in third-party database backends.")
        doc.bullets([_fill(t, item, fills, rng) for t in rng.sample(INCOMPATIBLE[1:4], 2)])
    if rng.random() < 0.4:
        database = rng.choice(DATABASES)
        old = rng.randint(9, 14)
        doc.heading(f"Dropped support for {database} {old}", 2)
        doc.para(
            f"Upstream support for {database} {old} ends soon. {product} {name} supports "
            f"{database} {old + 1} and higher."
        )
    doc.heading("Miscellaneous", 2)
    doc.bullets([_fill(t, item, fills, rng) for t in rng.sample(INCOMPATIBLE, rng.randint(1, 4))])

    if rng.random() < 0.7:
        doc.raw(f".. _deprecated-features-{name}:")
        doc.heading(f"Features deprecated in {name}", 1)
        doc.heading("Miscellaneous", 2)
        doc.bullets([_fill(t, item, fills, rng) for t in rng.sample(DEPRECATED, rng.randint(1, 3))])
    if rng.random() < 0.6:
        doc.heading(f"Features removed in {name}", 1)
        doc.para(
            f"These features have reached the end of their deprecation cycle and are removed "
            f"in {product} {name}."
        )
        doc.para(
            f"See :ref:`deprecated-features-{s.prev}` for details on these changes, including "
            f"how to stop using these features."
        )
        doc.bullets([_fill(t, item, fills, rng) for t in rng.sample(DEPRECATED, rng.randint(1, 3))])
    if item.kind == "feature" and rng.random() < 0.15:
        doc.heading("Bugfixes", 1)
        doc.bullets([_fill(t, item, fills, rng) for t in rng.sample(BUGFIXES, rng.randint(1, 3))])
    return features


def _bugfix_note(item: _Item, doc: _Doc, rng: random.Random, fills: dict[str, str]) -> None:
    s, product = item.series, fills["M"]
    before = f"{s.name}.{item.micro - 1}" if item.micro > 1 else s.name
    fills = {**fills, "prev": before}
    n_fixes = rng.randint(1, 6)
    only_security = item.security and rng.random() < 0.3
    if item.security:
        severity = rng.choice(("low", "moderate", "high"))
        rest = "" if only_security else " and several bugs"
        doc.para(
            f"{product} {item.version} fixes a security issue with severity \u201c{severity}\u201d"
            f"{rest} in {before}."
        )
        cve = f"CVE-{item.date.year}-{rng.randint(20000, 49999)}"
        heading = f"{cve}: {_fill(rng.choice(SECURITY), item, fills, rng)}"
        doc.heading(heading, 1)
        doc.para(
            f"Under some conditions a crafted request could make {product} spend a long time on "
            f"one call. The fix bounds the work done; the behaviour for valid input is unchanged."
        )
        if rng.random() < 0.5:
            doc.para(
                f"This issue has severity \u201c{severity}\u201d according to the {product} "
                f"security policy."
            )
    else:
        count = ("a bug", "two bugs", "several bugs")[min(n_fixes, 3) - 1]
        doc.para(f"{product} {item.version} fixes {count} in {before}.")
    if not only_security:
        doc.heading("Bugfixes", 1)
        doc.bullets([_fill(t, item, fills, rng) for t in rng.sample(BUGFIXES, n_fixes)])


def _render(item: _Item, seed: int, product: str) -> Written:
    rng = random.Random(f"rst-notes:{seed}:{item.file_name}")
    fills = {"M": product, "m": product.lower(), "prev": item.series.prev}
    doc = _Doc(rng)
    label = ""
    if rng.random() < 0.25:
        label = f".. _release-{item.version}:"
        doc.raw(label)
    title = f"{product} {item.shown} release notes"
    if item.kind == "devel":
        title += " - UNDER DEVELOPMENT"
    doc.title(title)
    line = _date_line(item, rng)
    if line:
        doc.raw(line)
    features: int | None
    if item.kind in ("bugfix", "expected"):
        _bugfix_note(item, doc, rng, fills)
        features = 0
    else:
        features = _feature_note(item, doc, rng, fills)
    dated = item.kind in ("feature", "pre", "bugfix")
    truth = Truth(
        releases=(item.version,),
        product=product,
        date=item.date.isoformat() if dated else None,
        features=features,
        syntax="rst",
    )
    return Written(item.file_name, doc.text(), truth)


def build(n: int, seed: int) -> list[Written]:
    """The newest ``n`` notes of an invented framework's release notes, oldest first."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(f"rst-notes:{seed}")
    product = rng.choice(PRODUCTS)
    count = max(3, n // 18)
    while True:
        items = _items(rng, _series(rng, count))
        if len(items) >= n:
            break
        count += max(2, (n - len(items)) // 15)
    return [_render(item, seed, product) for item in items[-n:]]
