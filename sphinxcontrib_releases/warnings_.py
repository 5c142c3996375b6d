"""The warning subtypes of the extension: one documented list.

Every warning is logged with ``type="releases"`` and one of these subtypes, so a project can
silence a kind of warning with ``suppress_warnings = ["releases.<subtype>"]``.
"""

from __future__ import annotations

import enum


class WarningType(enum.StrEnum):
    """The subtypes of ``releases`` warnings; each member carries what it means."""

    description: str

    def __new__(cls, value: str, description: str) -> WarningType:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    ENCODING = "encoding", "A note file is not valid UTF-8 (or is binary); it is left out."
    FRONT_MATTER = (
        "front_matter",
        "The front matter (YAML or reST field list) is unterminated, malformed or not a mapping.",
    )
    VERSION = "version", "A version is not PEP 440, is repeated, or contradicts the phase given."
    DATE = "date", "A date is not a date."
    PHASE = "phase", "An explicit phase is unknown or contradicts the version."
    FIELD = (
        "field",
        "A front matter value has the wrong type (a number for a title, a mapping for tags...).",
    )
    EMPTY = "empty", "A note file is empty."
    TOO_LARGE = "too_large", "A note file is above the size limit and was skipped."
    DUPLICATE = "duplicate", "Two notes announce the same version."
    NOT_FOUND = "not_found", "A version, file or glob named by the project matches nothing."
    OUTSIDE = (
        "outside",
        "A file outside the note folders was named, or a link leads outside them.",
    )
    OPTION = "option", "A directive option or a configuration value is malformed."
    CONFIG = "config", "A configuration value is invalid; the default is used instead."
    FILTER = "filter", "An aggregate directive's filters select nothing."
    REFERENCE = "reference", "A ``release`` cross-reference names an unknown version."
    FEED = "feed", "Feeds could not be written (for instance without ``html_baseurl``)."
    CHRONOLOGY = (
        "chronology",
        "Dates are out of order: in the future, or before an earlier release of the series "
        "(reported by the ``check`` command).",
    )
    NO_DATE = (
        "no_date",
        "A note has no date: the feeds leave it out (when they are written), and the ``check`` "
        "command reports it.",
    )
    SCHEDULE = (
        "schedule",
        "A ``schedule`` front matter entry is not a version (or phase) and a date; it is left out.",
    )
