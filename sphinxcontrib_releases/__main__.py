"""``python -m sphinxcontrib_releases``: see :mod:`sphinxcontrib_releases.cli`."""

from __future__ import annotations

import sys

from sphinxcontrib_releases.cli import main

sys.exit(main(prog="python -m sphinxcontrib_releases"))
