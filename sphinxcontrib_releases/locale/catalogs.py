"""Keeping the message catalogs up to date with the sources, with Babel (a Sphinx dependency).

Three kinds of file, all in this folder:

``sphinxcontrib-releases.pot``
    The template: every message of the package's sources, found where they are marked with
    ``_("...")`` or ``N_("...")``, with the ``# Translators:`` comment above them.
``<language>/LC_MESSAGES/sphinxcontrib-releases.po``
    A language's translations, edited by hand (or with any ``.po`` editor).
``<language>/LC_MESSAGES/sphinxcontrib-releases.mo``
    The compiled ``.po`` that Sphinx reads; shipped in the package, never edited.

:func:`update` writes the template from the sources and merges it into every ``.po`` (new
messages come empty, changed ones marked fuzzy, gone ones dropped); :func:`compile_all` writes
the ``.mo`` files; :func:`problems` lists what is out of date or missing, and is what the tests
check. ``python -m sphinxcontrib_releases.locale`` runs the three in turn.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from sphinxcontrib_releases import __version__
from sphinxcontrib_releases.locale import CATALOG, LOCALE_DIR

PACKAGE = LOCALE_DIR.parent
TEMPLATE = LOCALE_DIR / f"{CATALOG}.pot"
KEYWORDS = {"_": None, "N_": None}
"""The functions whose string argument is a message."""
COMMENT_TAG = "Translators:"
_HEADER = {
    "header_comment": (
        "# Translations of sphinxcontrib-releases: the words it writes into pages.\n"
        "# This file is distributed under the same license as the sphinxcontrib-releases "
        "project.\n"
        "# Update with: python -m sphinxcontrib_releases.locale\n"
        "#"
    ),
    "project": "sphinxcontrib-releases",
    "version": __version__,
    "copyright_holder": "The sphinxcontrib-releases team",
    "msgid_bugs_address": "https://github.com/sphinx-contrib/releases/issues",
}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{CATALOG}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def languages() -> list[str]:
    """The languages that have a ``.po`` file, by name."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{CATALOG}.po"))


def extract() -> Catalog:
    """The template, made from the package's sources."""
    template = Catalog(**_HEADER, fuzzy=False)
    found = extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        location = (f"sphinxcontrib_releases/{filename}", lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=CATALOG)


def messages(catalog: Catalog, *, translated: bool = False) -> dict[str, str]:
    """Each message id of a catalog (the header left out) and its translation; with
    ``translated``, only the messages that a compiled catalog holds (translated, not fuzzy)."""
    found: dict[str, str] = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        string = message.string if isinstance(message.string, str) else ""
        if translated and (not string or message.fuzzy):
            continue
        found[message.id] = string
    return found


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def _write(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file holds it already; whether it was written."""
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def update(new_languages: Iterable[str] = ()) -> list[Path]:
    """Write the template from the sources, and merge it into every ``.po`` file (and into new
    ones for ``new_languages``). Returns the files that changed."""
    template = extract()
    changed: list[Path] = []
    if TEMPLATE.exists():
        # the template is only rewritten, with a new creation date, when its messages change
        now, template.creation_date = template.creation_date, read(TEMPLATE).creation_date
        if _po_bytes(template) != TEMPLATE.read_bytes():
            template.creation_date = now
    if _write(TEMPLATE, _po_bytes(template)):
        changed.append(TEMPLATE)
    for language in sorted({*languages(), *new_languages}):
        path = po_path(language)
        if path.exists():
            catalog = read(path, language)
        else:
            catalog = Catalog(**_HEADER, locale=language, domain=CATALOG, fuzzy=False)
            catalog.language_team = f"{language} <{_HEADER['msgid_bugs_address']}>"
            catalog.last_translator = str(_HEADER["copyright_holder"])
        catalog.update(template, update_creation_date=False)
        catalog.obsolete.clear()
        if _write(path, _po_bytes(catalog)):
            changed.append(path)
    return changed


def compile_all() -> list[Path]:
    """Write the ``.mo`` file of every ``.po`` file (translated, not fuzzy, messages only).
    Returns the files that changed."""
    changed = []
    for language in languages():
        path = mo_path(language)
        if _write(path, _mo_bytes(read(po_path(language), language))):
            changed.append(path)
    return changed


def problems() -> list[str]:
    """What keeps the catalogs from being complete and up to date, one line each."""
    found: list[str] = []
    wanted = messages(extract())
    if not TEMPLATE.exists():
        return [f"{TEMPLATE.name}: missing"]
    template = messages(read(TEMPLATE))
    if template.keys() != wanted.keys():
        stale = sorted(wanted.keys() ^ template.keys())
        found.append(f"{TEMPLATE.name}: out of date with the sources ({', '.join(stale)})")
    for language in languages():
        found.extend(_problems_of(language, wanted))
    return found


def _problems_of(language: str, wanted: dict[str, str]) -> list[str]:
    name = f"{language}/{po_path(language).name}"
    catalog = read(po_path(language), language)
    found: list[str] = []
    have = messages(catalog)
    found.extend(f"{name}: {msgid!r} is missing" for msgid in wanted if msgid not in have)
    found.extend(
        f"{name}: {msgid!r} is not in the sources" for msgid in have if msgid not in wanted
    )
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        string = message.string if isinstance(message.string, str) else ""
        if not string:
            found.append(f"{name}: {message.id!r} is not translated")
        elif message.fuzzy:
            found.append(f"{name}: {message.id!r} is fuzzy (to be checked)")
        elif sorted(_PLACEHOLDER.findall(message.id)) != sorted(_PLACEHOLDER.findall(string)):
            found.append(f"{name}: {message.id!r} and {string!r} differ in placeholders")
    path = mo_path(language)
    if not path.exists():
        found.append(f"{name}: not compiled ({path.name} is missing)")
    else:
        with path.open("rb") as file:
            compiled = messages(read_mo(file), translated=True)
        if compiled != messages(catalog, translated=True):
            found.append(f"{name}: {path.name} is out of date (compile the catalogs)")
    return found
