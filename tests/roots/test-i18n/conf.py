from __future__ import annotations

# A German project: every label the extension writes is German, dates name their month in German.
project = "Kettle"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md"]
language = "de"
releases_date_format = "%-d. %B %Y"
html_baseurl = "https://kettle.example.org/"
