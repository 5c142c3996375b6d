"""``releases.json``: the note collection, as the HTML builders publish it.

The HTML builders (``html``, ``dirhtml``, ``singlehtml``) write ``releases.json`` into the root of
the output folder at the end of every successful build, from the data the build collected (no
note file is read again). Set ``releases_json = False`` to leave it out. The file is UTF-8 JSON
and is the same, byte for byte, whatever the number of parallel processes and whether the build
was incremental or fresh.

Schema, version 1::

    {
      "schema": 1,
      "generator": "sphinxcontrib-releases 0.1.0",
      "announcements": [ ANNOUNCEMENT, ... ]
    }

``schema``
    An integer, raised when a key is removed or changes meaning (adding keys does not raise it).
``generator``
    ``sphinxcontrib-releases`` and the version of the extension that wrote the file.
``announcements``
    One object per note in use (drafts only with ``releases_include_drafts``), sorted by
    ``source``. Each is the object that ``python -m sphinxcontrib_releases inspect --json``
    prints for the note, with two differences:

    ``source``
        The note's path relative to the configuration directory, with ``/`` separators (the
        command line prints the path as it was given).
    each object of ``releases``
        has, besides ``version``, ``phase`` and ``series``:

        ``product``
            The release's product: the name in front of the version in the title, the front
            matter's ``product``, else the project's name (``project`` in ``conf.py``).
        ``written``
            The version as the note writes it (``4.2``, ``1.0.0-beta.2``), for display;
            ``version`` is its normalised form, for comparing.

        ``planned``
            The day a note planned the release for (an ISO date): its own plan, else, for the
            first release of a phase, the planned start of the phase; the latest statement holds.
            ``null`` when no note planned it. Compare it with the announcement's ``date``.
        ``url``
            Where the release is rendered, relative to the output root: the page's address, ``#``
            and the release's anchor (``notes/3.12.0a4.html#release-3-12-0a4``). Its own note
            page is preferred to a page that embeds it. ``null`` when the release is not
            rendered anywhere.
        ``absolute_url``
            ``url`` joined to ``html_baseurl``; ``null`` when ``html_baseurl`` is empty or
            ``url`` is ``null``.

    The other keys of an announcement: ``title``, ``date`` and ``updated`` (ISO dates or
    ``null``), ``author`` and ``description`` (text or ``null``), ``tags`` (list of text),
    ``published`` (boolean), ``features`` (objects with ``text``, ``markdown``, ``section`` and
    ``peps``), ``peps`` (numbers), ``warnings`` (objects with ``type``, ``message`` and
    ``line``: what the reader found wrong with the note) and ``origins`` (where each fact came
    from: ``{"title": "heading", "date": "date line"}``, an addition) and ``plans`` (what the
    note says is planned, an addition: objects with ``kind``, ``version``, ``written``,
    ``series``, ``product``, ``date``, ``line``, ``inferred``, ``source`` and ``sentence``; a
    plan that names no product has the project's, like releases).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urljoin

from sphinxcontrib_releases import __version__
from sphinxcontrib_releases.model import Announcement

SCHEMA = 1
FILENAME = "releases.json"


def join_url(base: str, relative: str) -> str:
    """``relative`` (to the output root) made absolute with ``html_baseurl``."""
    return urljoin(base if base.endswith("/") else base + "/", relative)


def document(
    notes: Iterable[tuple[str, Announcement]],
    urls: Mapping[tuple[str, str], str],
    base_url: str = "",
    planned: Mapping[tuple[str, str], dt.date] | None = None,
) -> dict[str, Any]:
    """The content of ``releases.json``.

    ``notes`` are ``(path relative to the configuration directory, note)`` pairs, ``urls`` the
    address of each rendered release (by :attr:`~sphinxcontrib_releases.model.Release.key`)
    relative to the output root, ``planned`` the day each release was planned for.
    """
    planned = planned or {}
    announcements = []
    for source, note in sorted(notes, key=lambda pair: pair[0]):
        data = note.to_json()
        data["source"] = source
        for release, item in zip(note.releases, data["releases"], strict=True):
            url = urls.get(release.key)
            item["product"] = release.product
            item["written"] = release.display
            day = planned.get(release.key)
            item["planned"] = day.isoformat() if day is not None else None
            item["url"] = url
            item["absolute_url"] = join_url(base_url, url) if url and base_url else None
        announcements.append(data)
    return {
        "schema": SCHEMA,
        "generator": f"sphinxcontrib-releases {__version__}",
        "announcements": announcements,
    }


def dumps(content: Mapping[str, Any]) -> str:
    return json.dumps(content, indent=2, ensure_ascii=False) + "\n"
