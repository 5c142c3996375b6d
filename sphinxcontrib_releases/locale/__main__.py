"""``python -m sphinxcontrib_releases.locale``: bring the message catalogs up to date.

Writes the template from the sources, merges it into every language's ``.po`` file, compiles
the ``.mo`` files, then lists what is left to do (messages to translate, fuzzy ones to check)
and exits with 1 while anything is. ``--check`` writes nothing and only lists; ``--add LANG``
starts the catalog of a new language.
"""

from __future__ import annotations

import argparse
import sys

from sphinxcontrib_releases.locale import catalogs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sphinxcontrib_releases.locale", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="write nothing, only list problems")
    parser.add_argument(
        "--add", action="append", default=[], metavar="LANG", help="start a new language's .po"
    )
    options = parser.parse_args(argv)
    if not options.check:
        for path in [*catalogs.update(options.add), *catalogs.compile_all()]:
            print(f"wrote {path.relative_to(catalogs.PACKAGE.parent)}")
    found = catalogs.problems()
    for problem in found:
        print(problem, file=sys.stderr)
    if not found:
        print(f"catalogs up to date: {', '.join(catalogs.languages())}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
