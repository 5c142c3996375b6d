"""The lowest versions pyproject.toml declares are the ones ``tox -e lowest`` tests."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

TOP = Path(__file__).parents[1]


def declared_floors() -> dict[str, Version]:
    project = tomllib.loads((TOP / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for line in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(line)
        lower = [s for s in requirement.specifier if s.operator == ">="]
        assert len(lower) == 1, f"{line!r} should name one lowest version (>=)"
        floors[canonicalize_name(requirement.name)] = Version(lower[0].version)
    return floors


def pinned() -> dict[str, Version]:
    pins = {}
    for line in (TOP / "tests" / "constraints-lowest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            (pin,) = requirement.specifier
            assert pin.operator == "==", line
            pins[canonicalize_name(requirement.name)] = Version(pin.version)
    return pins


def test_the_lowest_env_pins_exactly_the_declared_floors() -> None:
    assert pinned() == declared_floors()


def test_the_lowest_env_uses_the_pins() -> None:
    tox = (TOP / "tox.ini").read_text(encoding="utf-8")
    section = tox[tox.index("[testenv:lowest]") :]
    assert "PIP_CONSTRAINT = {toxinidir}/tests/constraints-lowest.txt" in section
