from __future__ import annotations

project = "Gadget"
extensions = ["sphinxcontrib_releases", "myst_parser"]  # myst_parser: pages of its own in Markdown
releases_notes = ["notes/*.md"]
