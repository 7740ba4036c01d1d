"""Same-run baselines of benchmarks: a module as it was at an earlier commit, loaded from git, or
the whole code of a revision (or a folder) for a child process to measure."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def module_at(commit: str, path: str, name: str) -> types.ModuleType | None:
    """The module `path` (relative to the checkout) as it was at `commit`, imported as `name`;
    None when git or the commit is not available."""
    try:
        source = subprocess.run(
            ["git", "-C", str(HERE), "show", f"{commit}:{path}"], check=True, capture_output=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    exec(compile(source, f"{name}.py", "exec"), module.__dict__)
    return module


def baseline_code(rev: str, into: Path) -> Path:
    """A folder holding the baseline's code: `rev` itself when it is one, else that revision of
    this repository, extracted with `git archive` (resources and all)."""
    if Path(rev).is_dir():
        return Path(rev).resolve()
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(HERE), "archive", rev], capture_output=True)
    if archive.returncode:
        sys.exit(f"No revision {rev!r} in {HERE}: {archive.stderr.decode(errors='replace').strip()}")
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into
