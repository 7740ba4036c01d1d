"""Where the shipped data folders are: the same answer from a checkout, a wheel and a frozen app."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_folder(name: str) -> Path:
    """The shipped folder `name` ('clause_library' or 'resources')."""
    candidates = [
        _PACKAGE / "_data" / name,  # installed wheel
        _PACKAGE.parent / name,  # source checkout (and editable install)
    ]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"The shipped '{name}' folder is missing from this installation; reinstall Notice Studio.")


def library_folder() -> Path:
    return data_folder("clause_library")


def resources_folder() -> Path:
    return data_folder("resources")


def requirements_file() -> Path:
    return library_folder() / "requirements.yaml"
