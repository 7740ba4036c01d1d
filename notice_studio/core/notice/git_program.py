"""Finding the git program the notice store runs (bundled with the packaged app, else installed).

Imports no git: this runs before GitPython is imported, which fails with a long message when
no git program can be found.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# Where a packaged app may carry its own git (MinGit's layout on Windows, a relocatable git elsewhere).
_BUNDLED = ("git/cmd/git.exe", "git/bin/git.exe", "git/bin/git")


def bundled_git(base: Path | None = None) -> Path | None:
    """The git shipped inside a frozen app, if there is one."""
    root = base if base is not None else Path(getattr(sys, "_MEIPASS", "") or Path(sys.executable).parent)
    for relative in _BUNDLED:
        candidate = root / relative
        if candidate.is_file():
            return candidate
    return None


def find_git() -> str | None:
    """The git program to use: a bundled one (put first on PATH), else the one on PATH; None if neither."""
    explicit = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE")
    if explicit and Path(explicit).is_file():
        return explicit
    if getattr(sys, "frozen", False):
        bundled = bundled_git()
        if bundled is not None:
            os.environ["PATH"] = str(bundled.parent) + os.pathsep + os.environ.get("PATH", "")
            os.environ["GIT_PYTHON_GIT_EXECUTABLE"] = str(bundled)
            return str(bundled)
    return shutil.which("git")


def missing_git_message(platform: str | None = None) -> str:
    """One sentence: what is missing and what to install."""
    name = platform or sys.platform
    if name.startswith("win"):
        how = "install Git for Windows (https://git-scm.com/download/win, the default options are fine)"
    elif name == "darwin":
        how = "install it by running 'xcode-select --install' in Terminal (or from https://git-scm.com/download/mac)"
    else:
        how = "install it with your package manager (for example 'sudo apt install git' or 'sudo dnf install git')"
    return (
        "Notice Studio keeps every notice's history with the git program, which is not installed on this "
        f"computer: {how}, then start Notice Studio again."
    )
