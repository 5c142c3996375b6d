"""What every shape shares: a written file, its ground truth, and small helpers."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

CUTOFF = dt.date(2025, 6, 30)
"""No file is dated after this day (notes of releases still being made carry no date)."""

PEOPLE = (
    "Ines Varga",
    "Pedro Alves",
    "Noor Rahman",
    "Malik Osei",
    "Greta Lindqvist",
    "Taro Minami",
    "Björn Ekdahl",
    "Zofia Pawlak",
    "Amara Eze",
    "Camille Roux",
    "Dmitri Volkov",
    "Leilani Kahale",
    "Sanjay Menon",
    "Filipa Rocha",
    "Oskar Brandt",
    "Rosa Jiménez",
)


@dataclass(frozen=True)
class Section:
    """One release section of a changelog file."""

    version: str | None
    """PEP 440, normalised; ``None`` for the ``Unreleased`` section."""
    date: str | None
    """ISO date, or ``None``."""
    unreleased: bool = False
    yanked: bool = False
    items: dict[str, int] = field(default_factory=dict)
    """Items by kind, as the file names the kind, lower-cased (``added``, ``bugfixes``...)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "date": self.date,
            "unreleased": self.unreleased,
            "yanked": self.yanked,
            "items": dict(self.items),
        }


@dataclass(frozen=True)
class Truth:
    """What a perfect reader finds in one file."""

    releases: tuple[str, ...] = ()
    """The versions the file announces (PEP 440, normalised), in the order written."""
    product: str | None = None
    """The product those releases are of; ``None`` when the file announces nothing."""
    date: str | None = None
    """The file's date (ISO), ``None`` when it has none (a release still being made)."""
    authors: tuple[str, ...] = ()
    """The authors the file names in its metadata, in order."""
    features: int | None = None
    """How many features the file lists, where that is meaningful (else ``None``)."""
    syntax: str = "markdown"
    """``markdown`` or ``rst``: how the file must be read, whatever its suffix."""
    kind: str = "note"
    """``note``, or ``changelog`` for a file of many releases (then see :attr:`sections`)."""
    sections: tuple[Section, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "syntax": self.syntax,
            "releases": list(self.releases),
            "product": self.product,
            "date": self.date,
            "authors": list(self.authors),
            "features": self.features,
        }
        if self.kind == "changelog":
            data["sections"] = [s.to_json() for s in self.sections]
        return data


@dataclass(frozen=True)
class Written:
    """One file of a collection: its name, its text and its truth."""

    name: str
    text: str
    truth: Truth

    @property
    def versions(self) -> tuple[str, ...]:
        return self.truth.releases


_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss"})


def slug(text: str) -> str:
    text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def long_date(day: dt.date) -> str:
    """``April 3, 2023``."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name`` with ``-2``, ``-3``... before its suffix, whichever is free."""
    stem, dot, suffix = name.rpartition(".")
    candidate, count = name, 1
    while candidate in taken:
        count += 1
        candidate = f"{stem}-{count}{dot}{suffix}"
    taken.add(candidate)
    return candidate


def pick(rng: random.Random, items: tuple[str, ...] | list[str], k: int) -> list[str]:
    """``k`` different items (fewer when there are fewer)."""
    return rng.sample(list(items), min(k, len(items)))


def wrap(text: str, width: int = 79, indent: str = "") -> str:
    """Text folded into lines of at most ``width`` characters (words are never broken)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(indent) + len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(indent + line)
    return "\n".join(lines)


def bullet(text: str, marker: str = "* ", width: int = 79) -> str:
    """A list item folded at ``width``, continuation lines indented under its text."""
    body = wrap(text, width - len(marker), "")
    first, *rest = body.split("\n")
    pad = " " * len(marker)
    return "\n".join([marker + first, *(pad + line for line in rest)])
