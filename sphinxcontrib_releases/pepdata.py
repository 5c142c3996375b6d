"""Reading a local copy of the PEP site's ``peps.json``: each PEP's title, status and version.

The PEP site publishes every PEP as one JSON object keyed by the PEP number as a string::

    {"8": {"number": 8, "title": "Style Guide for Python Code", "status": "Active",
           "python_version": null, ...}, ...}

A project keeps a copy of it; nothing here touches the network. Only ``title``, ``status`` and
``python_version`` are read, and every other key is ignored, so that older and newer copies of
the file both work. Plain Python: no Sphinx.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinxcontrib_releases.peps import MAX_PEP

MAX_BYTES = 50_000_000
"""A file larger than this is not read (the real one is well under a megabyte)."""


@dataclass(frozen=True)
class PepInfo:
    """What the PEP site says of one PEP."""

    number: int
    title: str
    status: str = ""
    """``Final``, ``Accepted``, ``Draft``...; ``""`` when the file gives none."""
    python_version: str = ""
    """The Python version it targets (``3.12``); ``""`` for none."""


@dataclass(frozen=True)
class PepData:
    """The PEPs of a ``peps.json`` file, and what was wrong with it."""

    peps: Mapping[int, PepInfo] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    """Why the file, or some of its entries, could not be used (each a sentence's end)."""

    def __bool__(self) -> bool:
        return bool(self.peps)


def read_pep_data(path: Path) -> PepData:
    """The PEPs of the file at ``path``; a file that cannot be read gives none, and says why."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return PepData(problems=(f"{path} is larger than {MAX_BYTES} bytes",))
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return PepData(problems=(f"{path} does not exist",))
    except UnicodeDecodeError:
        return PepData(problems=(f"{path} is not UTF-8 text",))
    except OSError as error:
        return PepData(problems=(f"{path} cannot be read ({error.strerror or error})",))
    return parse_pep_data(text, str(path))


def parse_pep_data(text: str, name: str = "the PEP data") -> PepData:
    """The PEPs of a ``peps.json`` text (``name`` is how problems call it)."""
    try:
        document = json.loads(text)
    except ValueError as error:
        return PepData(problems=(f"{name} is not JSON ({error})",))
    except RecursionError:
        return PepData(problems=(f"{name} is not JSON (nested too deeply)",))
    if not isinstance(document, dict):
        return PepData(problems=(f"{name} is not a JSON object keyed by PEP number",))
    peps: dict[int, PepInfo] = {}
    skipped: list[str] = []
    for key, value in document.items():
        info = _entry(key, value)
        if info is None:
            skipped.append(key)
        else:
            peps.setdefault(info.number, info)
    problems: tuple[str, ...] = ()
    if skipped:
        shown = ", ".join(repr(k) for k in skipped[:5]) + (", ..." if len(skipped) > 5 else "")
        problems = (
            f"{len(skipped)} entries of {name} are not PEPs with a number and a title "
            f"({shown}); they are left out",
        )
    if not peps and not skipped:
        problems = (f"{name} holds no PEP",)
    return PepData(peps, problems)


def _entry(key: str, value: Any) -> PepInfo | None:
    """One PEP: its key is its number (else its ``number`` field); it must have a title."""
    if not isinstance(value, dict):
        return None
    number = _number(key)
    if number is None:
        number = _number(value.get("number"))
    title = value.get("title")
    if number is None or not isinstance(title, str) or not title.strip():
        return None
    return PepInfo(
        number,
        " ".join(title.split()),
        _string(value.get("status")),
        _string(value.get("python_version")),
    )


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 0 <= value <= MAX_PEP:
        return value
    return None


def _string(value: Any) -> str:
    """A text field, tidied; numbers (``3.12`` written as a number) as written; else ``""``."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""
