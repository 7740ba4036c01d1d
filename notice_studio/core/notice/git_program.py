"""Finding the git program the notice store runs (bundled with the packaged app, else installed).

Imports no git: this runs before GitPython is imported, which fails with a long message when
no git program can be found.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Where a packaged app may carry its own git (MinGit's layout on Windows; on Linux git/bin/git with
# its helpers in git/libexec/git-core, laid out by packaging/bundle_git.py).
_BUNDLED = ("git/cmd/git.exe", "git/bin/git.exe", "git/bin/git")
_VERSION_TIMEOUT = 20.0
"""Seconds to wait for `git --version` (a first start after boot, a virus scanner)."""


def bundled_git(base: Path | None = None) -> Path | None:
    """The git shipped inside a frozen app (beside the program, or in its data folder), if there is one."""
    roots = [base] if base is not None else [Path(sys.executable).parent, Path(getattr(sys, "_MEIPASS", "") or ".")]
    for root in roots:
        for relative in _BUNDLED:
            candidate = root / relative
            if candidate.is_file():
                return candidate
    return None


def bundled_git_environment(program: Path) -> dict[str, str]:
    """What a bundled git needs in its environment to find its own helpers and templates.

    MinGit finds them from where it runs; a Linux distribution's git looks in the folders it was
    built for (/usr/lib/git-core), so it is pointed at the copies beside it.
    """
    root = program.parent.parent
    helpers = root / "libexec" / "git-core"
    if not helpers.is_dir():
        return {}
    return {"GIT_EXEC_PATH": str(helpers), "GIT_TEMPLATE_DIR": str(root / "share" / "git-core" / "templates")}


def find_git() -> str | None:
    """The git program to use: a bundled one (put first on PATH), else the one on PATH if it
    works (`runs`); None if neither."""
    explicit = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE")
    if explicit and Path(explicit).is_file() and runs(explicit):
        return explicit
    if getattr(sys, "frozen", False):
        bundled = bundled_git()
        if bundled is not None:
            os.environ["PATH"] = str(bundled.parent) + os.pathsep + os.environ.get("PATH", "")
            os.environ["GIT_PYTHON_GIT_EXECUTABLE"] = str(bundled)
            os.environ.update(bundled_git_environment(bundled))
            return str(bundled)
    found = shutil.which("git")
    return found if found is not None and runs(found) else None


@functools.lru_cache(maxsize=8)
def runs(program: str) -> bool:
    """Whether `program` works as git: it answers `git --version`. macOS puts a placeholder
    /usr/bin/git on every Mac that only prints an error until the Command Line Tools are
    installed; to us that is no git. Asked once per program (about a millisecond)."""
    try:
        done = subprocess.run(
            [program, "--version"], capture_output=True, text=True, timeout=_VERSION_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout.startswith("git version")


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


def git_running_in(folder: Path) -> bool | None:
    """Whether a git command (not a Notice Studio reader) runs in `folder` now: one that could
    hold its lock files, such as a `git commit` waiting for its editor. Seen through /proc (git
    works from the top of the repository); None where the system does not show that (macOS,
    Windows)."""
    proc = Path("/proc")
    if not (proc / "self" / "cwd").exists():
        return None
    try:
        here = folder.resolve()
    except OSError:
        return None
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if not (entry / "comm").read_text(encoding="utf-8", errors="replace").startswith("git"):
                continue
            words = (entry / "cmdline").read_bytes().split(b"\0")
            cwd = Path(os.readlink(entry / "cwd"))
        except OSError:
            continue  # gone meanwhile, or not ours to look at
        if b"cat-file" in words:  # the store's long-lived object reader takes no lock
            continue
        if cwd == here or here in cwd.parents:
            return True
    return False
