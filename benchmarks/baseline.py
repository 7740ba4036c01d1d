"""A module as it was at an earlier commit, loaded from git: the same-run baseline of a benchmark."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import types
from pathlib import Path


def module_at(commit: str, path: str, name: str) -> types.ModuleType | None:
    """The module `path` (relative to the checkout) as it was at `commit`, imported as `name`;
    None when git or the commit is not available."""
    root = Path(__file__).resolve().parent.parent
    try:
        source = subprocess.run(
            ["git", "-C", str(root), "show", f"{commit}:{path}"], check=True, capture_output=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    exec(compile(source, f"{name}.py", "exec"), module.__dict__)
    return module
