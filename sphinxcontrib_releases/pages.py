"""Which files of the source folder are pages: the project's choice, whatever the extension loads.

The extension loads MyST-Parser so that Markdown notes work in a reST project, and MyST makes
every ``.md`` file of the source folder a page. A project whose own configuration does not ask
for Markdown (``myst_parser`` is not in its extensions, ``.md`` not in its ``source_suffix``)
keeps its pages as they were: of its Markdown files, only the notes are pages. A stray
``README.md`` stays out, as it would without the extension.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Extensions (packages) that make Markdown files pages; listing one asks for Markdown pages.
MARKDOWN_EXTENSIONS = ("myst_parser", "myst_nb")

#: The suffixes each configuration's own ``source_suffix`` names, or ``None`` when it asks for
#: Markdown pages by its extensions (see :func:`remember_own_suffixes`).
_OWN: WeakKeyDictionary[Config, frozenset[str] | None] = WeakKeyDictionary()


def remember_own_suffixes(app: Sphinx, config: Config) -> None:
    """``config-inited``, before Sphinx adds the suffixes of extensions to ``source_suffix``:
    note what the project's configuration itself asked for."""
    if any(name.split(".")[0] in MARKDOWN_EXTENSIONS for name in config.extensions):
        _OWN[config] = None
        return
    value = config.source_suffix
    if value is config.values["source_suffix"].default:
        # not set by the project: Sphinx's default, ``.rst`` (whose mapping Sphinx extends in
        # place with the suffixes of extensions, so that it may hold ``.md`` already)
        _OWN[config] = frozenset({".rst"})
        return
    _OWN[config] = frozenset([value] if isinstance(value, str) else _names(value))


def _names(value: object) -> Iterable[str]:
    return [str(suffix) for suffix in value] if isinstance(value, (dict, list, tuple)) else []


def notes_only_suffixes(config: Config) -> tuple[str, ...]:
    """The Markdown suffixes that only the extension brought: a file with one of them is a
    page only when it is a note."""
    own = _OWN.get(config)
    if own is None:
        return ()
    return tuple(
        suffix
        for suffix, filetype in config.source_suffix.items()
        if filetype == "markdown" and suffix not in own
    )
