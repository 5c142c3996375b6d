"""The demo in German: a project of its own, since Sphinx has one language per project.

The build of the site builds it after the English pages, into the ``de/`` folder of the site,
with the site's builder and theme (``docs_subprojects`` in ``docs/conf.py``). Its notes are the
demo's own files, read where they are.
"""

from __future__ import annotations

project = "Python"  # the product of the demo's notes
extensions = ["sphinxcontrib_releases", "myst_parser"]
language = "de"

releases_notes = ["../demo/notes/*.md"]
# dates with the month's name, in German: 7. Oktober 2024
releases_date_format = "%-d. %B %Y"
# as in the English site: the day that planned releases are compared with
releases_today = "2025-05-01"

# the page's one link leads out of this project, to the English demo
myst_all_links_external = True
