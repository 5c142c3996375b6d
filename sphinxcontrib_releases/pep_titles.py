"""PEP titles in a build, from ``releases_pep_data`` (a local ``peps.json``; see :mod:`.pepdata`).

The file is read once per build, at ``builder-inited``, in the main process (parallel readers
inherit it); its problems warn there, once, as ``releases.config``. Every page with a PEP link
depends on the file, so that a new copy of it re-reads them; without the setting nothing happens.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinxcontrib_releases.config import PREFIX, get_config
from sphinxcontrib_releases.logs import conf_location, warn
from sphinxcontrib_releases.pepdata import PepData, read_pep_data
from sphinxcontrib_releases.warnings_ import WarningType

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The number of the PEP a link made by Sphinx's ``pep`` role leads to (any ``pep_base_url``).
_PEP_URI = re.compile(r"pep-0*([0-9]{1,4})(?![0-9])")

#: The PEP data of each build, by environment.
_LOADED: WeakKeyDictionary[BuildEnvironment, tuple[Path, PepData]] = WeakKeyDictionary()


def pep_data_path(app: Sphinx) -> Path | None:
    """The file ``releases_pep_data`` names, or ``None`` without it."""
    value = get_config(app.config).pep_data
    return Path(app.confdir, value) if value else None


def load_pep_data(app: Sphinx) -> None:
    """``builder-inited``: read the PEP data of this build, warning about its problems."""
    path = pep_data_path(app)
    if path is None:
        _LOADED.pop(app.env, None)
        return
    data = read_pep_data(path)
    location = conf_location(app.confdir, PREFIX + "pep_data")
    for problem in data.problems:
        message = f"{PREFIX}pep_data: {problem}; PEPs are shown without titles"
        warn(WarningType.CONFIG, message, location=location)
    _LOADED[app.env] = (path, data)


def pep_data(env: BuildEnvironment) -> PepData:
    """The PEP data of the build (empty without ``releases_pep_data``)."""
    loaded = _LOADED.get(env)
    return loaded[1] if loaded else PepData()


def note_pep_data(env: BuildEnvironment) -> PepData:
    """The PEP data, for the current document, which then depends on the file."""
    loaded = _LOADED.get(env)
    if loaded is None:
        return PepData()
    env.note_dependency(loaded[0])
    return loaded[1]


def pep_number(reference: nodes.Element) -> int | None:
    """The PEP a reference made by Sphinx's ``pep`` role links to."""
    if "pep" not in reference["classes"]:
        return None
    match = _PEP_URI.search(str(reference.get("refuri", "")))
    return int(match[1]) if match else None


class PepTitles(SphinxTransform):
    """Give each PEP link of the page the PEP's title as its tooltip (``reftitle``)."""

    default_priority = 700  # after the PEP links of note pages (render.NotePage, 500)

    def apply(self, **kwargs: Any) -> None:
        title_pep_links(self.document, self.env)


def title_pep_links(root: nodes.Node, env: BuildEnvironment) -> None:
    """Give each PEP link under ``root`` its PEP's title as its tooltip, when there is PEP data."""
    if env not in _LOADED:
        return
    links = [
        (reference, number)
        for reference in root.findall(nodes.reference)
        if (number := pep_number(reference)) is not None
    ]
    if not links:
        return
    data = note_pep_data(env)
    for reference, number in links:
        info = data.peps.get(number)
        if info is not None and "reftitle" not in reference:
            reference["reftitle"] = info.title
