"""Directive options that warn (``releases.option``) instead of failing the directive.

docutils rejects a directive outright when one option's value does not convert; here a bad value
is remembered, reported with its location, and ignored, so that the rest still renders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinxcontrib_releases.logs import warn
from sphinxcontrib_releases.warnings_ import WarningType

Converter = Callable[[str], Any]


@dataclass(frozen=True)
class Invalid:
    """An option value that did not convert, and why."""

    value: str
    reason: str


def choice(*values: str) -> Callable[[str], str]:
    """An option converter that accepts one of ``values``."""
    return lambda argument: directives.choice(argument, values)


def lenient(spec: Mapping[str, Converter]) -> dict[str, Converter]:
    """The same option spec, with each converter returning :class:`Invalid` instead of raising."""

    def wrap(convert: Converter) -> Converter:
        def converted(argument: str) -> Any:
            try:
                return convert(argument)
            except (ValueError, TypeError) as error:
                return Invalid(argument or "", " ".join(str(error).split()).rstrip("."))

        return converted

    return {name: wrap(convert) for name, convert in spec.items()}


class CheckedDirective(SphinxDirective):
    """A directive whose :meth:`check_options` reports and drops options that did not convert."""

    def check_options(self) -> None:
        for name, value in list(self.options.items()):
            if isinstance(value, Invalid):
                warn(
                    WarningType.OPTION,
                    f"{self.name}: :{name}: {value.reason}; the option is ignored",
                    location=self.get_location(),
                )
                del self.options[name]
