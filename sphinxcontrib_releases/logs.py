"""The extension's logger: every warning has type ``releases``, a subtype and a location."""

from __future__ import annotations

import logging as pylogging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sphinx.util import logging

from sphinxcontrib_releases.warnings_ import WarningType

logger = logging.getLogger(__name__)


def warn(subtype: WarningType | str, message: str, *, location: Any, once: bool = False) -> None:
    """Log a ``releases.<subtype>`` warning.

    ``location`` is a node, a docname, a ``(path, line)`` pair, or ``None`` for the whole
    project (configuration problems).
    """
    logger.warning(message, type="releases", subtype=str(subtype), location=location, once=once)


def conf_location(confdir: str | os.PathLike[str], text: str) -> str:
    """``.../conf.py:LINE`` of the first line of ``conf.py`` that holds ``text`` (else line 1).

    A string location with a line, since Sphinx takes a tuple, or a string without ``:``, for
    a docname.
    """
    conf = Path(confdir) / "conf.py"
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    number = next((n for n, line in enumerate(lines, 1) if text in line), 1)
    return f"{conf}:{number}"


@contextmanager
def located_in(
    source: str, docname: str, line: Callable[[int], tuple[str, int]] | None = None
) -> Iterator[None]:
    """Name ``source``, a note parsed into the page ``docname``, in what is logged meanwhile.

    Parsers report a line of the text they were given, at the page being read: MyST as
    ``(docname, line)`` (MyST-Parser 4: ``(source, line)``), docutils as ``source:line``. For
    a note parsed into another page, those lines are the note's, and the location becomes
    ``source:line`` (``line`` maps a line of the parsed text to its note and line there, when
    the parsed text is not the file's). The filter goes first on every handler of Sphinx's
    logger (the postponing handler too, while Sphinx holds warnings back), so that it runs
    before Sphinx turns a docname into a path.
    """
    relocate = _Relocate(source, docname, line)
    handlers = list(pylogging.getLogger(logging.NAMESPACE).handlers)
    for handler in handlers:
        handler.filters.insert(0, relocate)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(relocate)


class _Relocate(pylogging.Filter):
    def __init__(
        self, source: str, docname: str, line: Callable[[int], tuple[str, int]] | None
    ) -> None:
        super().__init__()
        self.source, self.docname, self.line = source, docname, line
        # MyST names the page by its docname; MyST-Parser 4 by the parsed document's source
        self.names = (docname, source)

    def filter(self, record: pylogging.LogRecord) -> bool:
        if getattr(record, "releases_relocated", False):  # seen by another handler already
            return True
        location = getattr(record, "location", None)
        number: int | None = None
        if isinstance(location, tuple) and len(location) == 2 and location[0] in self.names:
            number = location[1] or None
        elif location == self.docname:
            pass
        elif isinstance(location, str) and location.startswith(f"{self.source}:"):
            found = location.removeprefix(f"{self.source}:")
            number = int(found) if found.isdigit() else None
        else:
            return True
        source = self.source
        if number is not None and self.line is not None:
            source, number = self.line(number)
        record.location = f"{source}:{number or ''}"
        record.releases_relocated = True
        return True
