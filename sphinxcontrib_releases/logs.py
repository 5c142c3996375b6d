"""The extension's logger: every warning has type ``releases``, a subtype and a location."""

from __future__ import annotations

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
