"""The words the extension writes into pages, in the project's language, and dates as it wants.

Every label the extension writes into a page (table headers, badge words, what an empty
aggregate says, feed titles) is a message of the ``sphinxcontrib-releases`` catalog, which this
folder ships: ``sphinxcontrib-releases.pot`` and ``<language>/LC_MESSAGES/`` ``.po`` and ``.mo``
files. Sphinx picks the catalog of its ``language`` setting; a language without one gets the
English words. Warnings stay English, like Sphinx's own log messages.

Labels are translated where a page is built, not when a module is imported: a module constant
holds the English message, marked with :func:`N_` for the catalogs, and the code that writes it
into a page passes it through :func:`_`. (``sphinx.locale.get_translation`` translates at once
when the catalog is already registered, so a constant translated at import would keep the
language of whichever build imported the module first.)

``python -m sphinxcontrib_releases.locale`` brings the catalogs up to date with the sources
(see :mod:`sphinxcontrib_releases.locale.catalogs`).
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING

import babel
from sphinx import locale
from sphinx.locale import get_translation
from sphinx.util.i18n import format_date

from sphinxcontrib_releases.config import ISO_DATE, get_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

CATALOG = "sphinxcontrib-releases"
"""The name of the message catalog (its ``.pot``, ``.po`` and ``.mo`` files)."""
LOCALE_DIR = Path(__file__).parent
"""Where the catalogs are: ``<language>/LC_MESSAGES/sphinxcontrib-releases.mo``."""

_translation = get_translation(CATALOG)


def _(message: str) -> str:
    """The translation of ``message`` in the language of the build (the message itself outside
    a build, or in a language the catalogs lack)."""
    return str(_translation(message))


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools know
    """Mark ``message`` for the catalogs without translating it: for module constants, which
    are translated with :func:`_` where they are written into a page."""
    return message


def setup_locale(app: Sphinx) -> None:
    """Register the catalog for the project's ``language``.

    A translation already registered in this process, by an earlier build in another language,
    is dropped first: Sphinx would otherwise keep its words and only add the new language's
    behind them.
    """
    locale.translators.pop(("general", CATALOG), None)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))


def day(date: dt.date, config: Config) -> str:
    """A date as pages show it: ``releases_date_format``, with the month and day names of the
    project's ``language`` (whatever the locale of the process)."""
    return format_day(date, get_config(config).date_format, config.language or "en")


@functools.lru_cache(maxsize=4096)
def format_day(date: dt.date, date_format: str, language: str) -> str:
    """``date`` in a ``strftime``-style format, names in ``language`` (with Sphinx's own
    ``format_date``, which ``today_fmt`` uses too); English names for a language that Babel
    does not know."""
    if date_format == ISO_DATE:
        return date.isoformat()
    moment = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    return format_date(date_format, date=moment, language=_babel_language(language))


@functools.cache
def _babel_language(language: str) -> str:
    try:
        babel.Locale.parse(language)
    except (ValueError, babel.UnknownLocaleError):
        return "en"
    return language
