from __future__ import annotations

project = "Gadget"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md"]
