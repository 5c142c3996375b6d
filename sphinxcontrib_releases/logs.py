"""The extension's logger: every warning has type ``releases``, a subtype and a location."""

from __future__ import annotations

import os
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
