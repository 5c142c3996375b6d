from __future__ import annotations

# A collection that is not Python's: no PEPs, no authors, no pre-releases, one undated note.
project = "Lantern"
extensions = ["sphinxcontrib_releases", "myst_parser"]  # myst_parser: pages of its own in Markdown
releases_notes = ["notes/*.md", "notes/*.rst"]
html_baseurl = "https://lantern.example.org/"
releases_feeds = [{"name": "finals", "phase": "final"}]
