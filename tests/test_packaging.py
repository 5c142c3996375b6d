"""What a user installing the package meets first: the command's name and the pre-commit hook."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from sphinxcontrib_releases.cli import main

TOP = Path(__file__).parents[1]


def test_installed_script_names_itself(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("usage: sphinxcontrib-releases ")


def test_module_run_names_itself() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_releases", "check", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("usage: python -m sphinxcontrib_releases check ")


def test_pre_commit_hook_runs_the_installed_check() -> None:
    (hook,) = yaml.safe_load((TOP / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    scripts = tomllib.loads((TOP / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    program, command = hook["entry"].split()
    assert scripts[program] == "sphinxcontrib_releases.cli:main"
    assert command == "check"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("docs/releases/2024-10-07-acme-1-2.md")
    assert files.search("changelog.d/1234.feature.rst")
    assert not files.search("README.md")
    assert not files.search("docs/releases/logo.png")
