"""Every configuration value of the extension, defined once.

Each field of :class:`ReleasesConfig` becomes a ``releases_<name>`` value in ``conf.py``. The
field's metadata carries its help text, how much must be rebuilt when it changes, and a validator;
the configuration reference in the docs is generated from these definitions.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinxcontrib_releases.features import (
    DEFAULT_DROP_ITEMS,
    DEFAULT_FEATURE_HEADINGS,
    DEFAULT_STOP_HEADINGS,
)
from sphinxcontrib_releases.feeds import feed_specs
from sphinxcontrib_releases.model import Phase
from sphinxcontrib_releases.reader import ReaderOptions
from sphinxcontrib_releases.sources import FRONT_MATTER_KEYS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "releases_"

#: Colour names that sphinx-design styles badges with.
BADGE_COLORS = frozenset(
    {"primary", "secondary", "success", "info", "warning", "danger", "light", "muted", "dark"}
)

ISO_DATE = "%Y-%m-%d"
"""The default date format of pages: ISO 8601 (``2023-04-03``)."""

DEFAULT_PHASE_COLORS: Mapping[str, str] = {
    Phase.DEV.value: "secondary",
    Phase.ALPHA.value: "danger",
    Phase.BETA.value: "warning",
    Phase.RC.value: "info",
    Phase.FINAL.value: "success",
    Phase.POST.value: "secondary",
    "planned": "light",
    "overdue": "danger",
}
"""The colour of each phase's badge, and of the badges of planned releases (``planned``, and
``overdue`` once their day is past)."""

#: The badges besides the phases' that ``releases_phase_colors`` colours.
STATUS_BADGES = ("planned", "overdue")


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError("expected a list of strings")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    raise ValueError("expected a string")


def _patterns(value: Any) -> tuple[str, ...]:
    patterns = _strings(value)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"{pattern!r} is not a regular expression: {error}") from None
    return patterns


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("expected True or False")


def _path(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    raise ValueError("expected a path (a string)")


def _positive_int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise ValueError("expected a positive whole number")


def _fraction(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 1:
        return float(value)
    raise ValueError("expected a number above 0 and at most 1")


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(value: Any) -> str:
    """A day as ``YYYY-MM-DD`` (a ``datetime.date`` is written so), or ``""``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError("expected a date as 'YYYY-MM-DD', or an empty string")
    text = value.strip()
    if not text:
        return ""
    try:
        if _DAY.fullmatch(text):
            return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise ValueError(f"{value!r} is not a date as 'YYYY-MM-DD'")


def _issue_url(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    if value and "{number}" not in value:
        raise ValueError("expected an address with {number} in it, or an empty string")
    try:
        value.format(number=1)
    except (IndexError, KeyError, ValueError) as error:
        raise ValueError(f"{value!r} is not a template with only {{number}}: {error}") from None
    return value


def _phase_colors(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValueError("expected a mapping of phase to colour")
    colors = dict(DEFAULT_PHASE_COLORS)
    for key, color in value.items():
        name = str(key).strip().lower()
        phase = Phase.parse(name)
        if phase is None and name not in STATUS_BADGES:
            raise ValueError(f"unknown phase {key!r}")
        if not isinstance(color, str) or color not in BADGE_COLORS:
            raise ValueError(f"{color!r} is not one of {', '.join(sorted(BADGE_COLORS))}")
        colors[phase.value if phase is not None else name] = color
    return colors


def _date_format(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    if "%" not in value:
        raise ValueError(f"{value!r} names no part of the date (such as %Y, %m, %d or %B)")
    return value


def _front_matter_keys(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValueError("expected a mapping of a front matter key to one of the reader's keys")
    for key, target in value.items():
        if not isinstance(key, str) or not key:
            raise ValueError(f"{key!r} is not a key name")
        if target not in FRONT_MATTER_KEYS:
            raise ValueError(f"{target!r} is not one of {', '.join(FRONT_MATTER_KEYS)}")
    return dict(value)


#: How Sphinx's ``source_suffix`` names the note syntaxes.
_FILETYPE_SYNTAXES = {"restructuredtext": "rst", "markdown": "markdown"}


def source_syntaxes(source_suffix: Any) -> tuple[tuple[str, str], ...]:
    """The note syntax of each suffix that Sphinx's ``source_suffix`` maps to reST or Markdown."""
    if not isinstance(source_suffix, Mapping):
        return ()
    return tuple(
        (suffix.lower(), _FILETYPE_SYNTAXES[filetype])
        for suffix, filetype in source_suffix.items()
        if isinstance(suffix, str) and filetype in _FILETYPE_SYNTAXES
    )


def _option(
    default: Any,
    help: str,
    validator: Callable[[Any], Any],
    *,
    rebuild: str = "env",
    types: Any = (),
) -> Any:
    return dc.field(
        default_factory=lambda: dict(default) if isinstance(default, dict) else default,
        metadata={"help": help, "validator": validator, "rebuild": rebuild, "types": types},
    )


@dc.dataclass(frozen=True)
class ReleasesConfig:
    """The extension's settings, as read from ``conf.py`` (``releases_`` + field name)."""

    notes: tuple[str, ...] = _option(
        (),
        "Glob patterns (``**`` allowed) of note files, relative to the configuration directory. "
        "Notes inside the source directory with a registered suffix are also pages. A project "
        "that does not ask for Markdown pages itself (``myst_parser`` in ``extensions`` or "
        "``.md`` in ``source_suffix``) gets no other Markdown page: a ``README.md`` stays out.",
        _strings,
        types=(list, tuple, str),
    )
    product: str = _option(
        "",
        "The product of the releases whose note names none (neither in the title nor with a "
        "``product`` key); empty: the project's name (``project``).",
        _text,
        types=(str,),
    )
    changelogs: tuple[str, ...] = _option(
        (),
        "Glob patterns, like ``releases_notes``, of files that are changelogs (one section per "
        "release) whatever their headings; they need not be listed in ``releases_notes``. Other "
        "notes are changelogs when their headings say so. A file's own ``changelog`` front "
        "matter field wins over both.",
        _strings,
        types=(list, tuple, str),
    )
    feature_headings: tuple[str, ...] = _option(
        DEFAULT_FEATURE_HEADINGS,
        "Regular expressions (case-insensitive) of the headings that open a feature section.",
        _patterns,
        types=(list, tuple),
    )
    stop_headings: tuple[str, ...] = _option(
        DEFAULT_STOP_HEADINGS,
        "Regular expressions of sub-headings that end a feature section (not about changes).",
        _patterns,
        types=(list, tuple),
    )
    drop_items: tuple[str, ...] = _option(
        DEFAULT_DROP_ITEMS,
        "Regular expressions of boilerplate feature items to leave out.",
        _patterns,
        types=(list, tuple),
    )
    max_note_bytes: int = _option(
        2_000_000,
        "Notes larger than this many bytes are skipped with a warning.",
        _positive_int,
        types=(int,),
    )
    include_drafts: bool = _option(
        False,
        "Whether notes marked ``draft: true`` or ``published: false`` are listed.",
        _boolean,
        types=(bool,),
    )
    pep_links: bool = _option(
        True,
        "Turn PEP mentions and PEP links in notes into Sphinx PEP references.",
        _boolean,
        types=(bool,),
    )
    link_version_directives: bool = _option(
        True,
        "Link the version of Sphinx's version directives (``versionadded``, ``versionchanged``, "
        "``deprecated``, ``versionremoved``) to where that release of the project's product "
        "(``releases_product``) is rendered: ``x.y`` to the ``x.y.0`` final, else to its "
        "first pre-release. A version that no rendered note announces stays text.",
        _boolean,
        rebuild="html",
        types=(bool,),
    )
    pep_data: str = _option(
        "",
        "A local copy of the PEP site's ``peps.json`` (the PEPs by number, with title, status "
        "and Python version), relative to the configuration directory: PEP links get the "
        "PEP's title as their tooltip, and ``pep-index`` shows titles and statuses. Empty: "
        "none. Nothing is ever fetched; a missing or malformed file warns and is left out.",
        _path,
        types=(str,),
    )
    issue_url: str = _option(
        "",
        "The address of an issue, with ``{number}`` where its number goes, such as "
        "``https://github.com/o/r/issues/{number}``. Issue references in changelogs (``#123``, "
        "``GH-123``, and ``:issue:`` roles that no other extension defines) link there; "
        "without it they stay text.",
        _issue_url,
        types=(str,),
    )
    # "html": badges are coloured when their page is written (badges.BadgeColors)
    phase_colors: dict[str, str] = _option(  # noqa: RUF009 - a copy per instance
        dict(DEFAULT_PHASE_COLORS),
        "sphinx-design colour of each phase's badge in HTML, and of the ``planned`` and "
        "``overdue`` badges of planned releases; those left out keep their default.",
        _phase_colors,
        rebuild="html",
        types=(dict,),
    )
    # "env", not "html": dates are written into a page's doctree when the page is read
    date_format: str = _option(
        ISO_DATE,
        "How pages show dates (bylines, release indexes), as for ``strftime``: "
        '``"%-d %B %Y"`` shows ``3 April 2023``. Month and day names are in the language of '
        "the project (``language``), not of the machine. ``releases.json`` and the feeds keep "
        "their standard formats.",
        _date_format,
        types=(str,),
    )
    similarity: float = _option(
        0.6,
        "How alike two feature items must be (0 to 1, word-set similarity) to count as the same "
        "feature in ``feature-list``; items that share a PEP need only half of it.",
        _fraction,
        types=(float, int),
    )
    json: bool = _option(
        True,
        "Whether the HTML builders write ``releases.json`` (every announcement and where each "
        "release is rendered) into the output root.",
        _boolean,
        rebuild="",
        types=(bool,),
    )
    feed_length: int = _option(
        20,
        "How many announcements, newest first, each Atom and RSS feed holds.",
        _positive_int,
        rebuild="",
        types=(int,),
    )
    front_matter_keys: dict[str, str] = _option(  # noqa: RUF009 - a copy per instance
        {},
        "A project's own front matter keys, each mapped to the reader's key it stands for: "
        '``{"release_date": "date", "writers": "author"}``. They are tried before the '
        "reader's own keys (``title``, ``date``, ``updated``, ``author``, ``description``, "
        "``tags``, ``version``, ``draft``, ``published``, ``phase``, ``series``, ``peps``, "
        "``product``, ``schedule``).",
        _front_matter_keys,
        types=(dict,),
    )
    feeds: tuple[Any, ...] = _option(
        (),
        "Extra feeds besides ``releases.atom`` and ``releases.rss``: a list of mappings with "
        "``name`` (written as ``<name>.atom`` and ``<name>.rss``), ``title``, and the filters "
        "``product`` (``['Acme']``), ``series`` (``['3.14']``) and ``phase`` "
        "(``['alpha', 'beta', 'rc']``).",
        feed_specs,
        rebuild="html",
        types=(list, tuple),
    )

    today: str = _option(
        "",
        "The day that planned releases are compared with, as ``'YYYY-MM-DD'``: a planned "
        "release whose day is before it and that no note announces yet is marked overdue, and "
        "it is the ``DTSTAMP`` of ``releases.ics``. Empty: the day of the build; set it for "
        "builds whose output does not depend on the day they run.",
        _day,
        types=(str, dt.date),
    )
    calendar: bool = _option(
        True,
        "Whether the HTML builders write ``releases.ics``, an iCalendar file of the planned "
        "and past releases, and link to it from every page's head.",
        _boolean,
        rebuild="html",
        types=(bool,),
    )
    calendars: tuple[Any, ...] = _option(
        (),
        "Extra calendars besides ``releases.ics``, chosen like the extra feeds: a list of "
        "mappings with ``name`` (written as ``<name>.ics``), ``title``, and the filters "
        "``product``, ``series`` and ``phase``.",
        feed_specs,
        rebuild="html",
        types=(list, tuple),
    )

    @property
    def today_date(self) -> dt.date | None:
        """:attr:`today` as a date; ``None`` when empty (the day of the build)."""
        return dt.date.fromisoformat(self.today) if self.today else None

    @property
    def reader_options(self) -> ReaderOptions:
        return ReaderOptions(
            feature_headings=self.feature_headings,
            stop_headings=self.stop_headings,
            drop_items=self.drop_items,
            max_bytes=self.max_note_bytes,
            front_matter_keys=tuple(self.front_matter_keys.items()),
        )


OPTIONS: tuple[dc.Field[Any], ...] = dc.fields(ReleasesConfig)


def setup_config(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(
            PREFIX + option.name,
            _default(option),
            option.metadata["rebuild"],
            types=option.metadata["types"],
            description=option.metadata["help"],
        )
    app.connect("config-inited", _validate, priority=400)


def _default(option: dc.Field[Any]) -> Any:
    assert option.default_factory is not dc.MISSING
    value = option.default_factory()
    return list(value) if isinstance(value, tuple) else value


#: The settings of each configuration, validated once at ``config-inited``.
_SETTINGS: WeakKeyDictionary[Config, ReleasesConfig] = WeakKeyDictionary()


def _validate(app: Sphinx, config: Config) -> None:
    from sphinxcontrib_releases.logs import conf_location, warn
    from sphinxcontrib_releases.warnings_ import WarningType

    values = {}
    for option in OPTIONS:
        name = PREFIX + option.name
        try:
            values[option.name] = option.metadata["validator"](config[name])
        except (ValueError, TypeError) as error:
            location = conf_location(app.confdir, name)
            warn(WarningType.CONFIG, f"{name}: {error}; using the default", location=location)
            setattr(config, name, _default(option))
            values[option.name] = option.metadata["validator"](_default(option))
    _SETTINGS[config] = ReleasesConfig(**values)


def reader_options(config: Config) -> ReaderOptions:
    """How a build reads notes: the settings, and Sphinx's ``source_suffix``, which decides the
    syntax of a suffix it maps (``.txt`` to ``restructuredtext``)."""
    return dc.replace(
        get_config(config).reader_options, syntaxes=source_syntaxes(config.source_suffix)
    )


def get_config(config: Config) -> ReleasesConfig:
    """The validated settings of a Sphinx configuration (validated once, at start-up)."""
    settings = _SETTINGS.get(config)
    if settings is None:  # a configuration that never went through config-inited
        settings = ReleasesConfig(
            **{o.name: o.metadata["validator"](config[PREFIX + o.name]) for o in OPTIONS}
        )
        _SETTINGS[config] = settings
    return settings
