"""Who is recorded on edits: one small settings file shared by the app and the command line.

The file lives in the user's configuration folder (NOTICE_STUDIO_CONFIG_DIR overrides it);
without it, user.name / user.email from the global git config (~/.gitconfig; a notice's own
.git/config is not read, so one person is recorded alike in every notice), else a clear prompt value.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from notice_studio.core.fileio import write_atomic
from notice_studio.core.notice.store import Author, resolve_author

_FILE = "author.json"


def config_dir() -> Path:
    """The folder for Notice Studio's own settings that the command line also reads."""
    override = os.environ.get("NOTICE_STUDIO_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "Notice Studio"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Notice Studio"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "notice-studio"


def saved_identity() -> tuple[str, str]:
    """(name, e-mail) as set in Notice Studio; empty strings when never set or unreadable."""
    try:
        data = json.loads((config_dir() / _FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    return str(data.get("name") or "").strip(), str(data.get("email") or "").strip()


def save_identity(name: str, email: str) -> None:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"name": name.strip(), "email": email.strip()}, ensure_ascii=False, indent=2)
    write_atomic(folder / _FILE, text + "\n")


def current_author() -> Author:
    """The author to record: the identity set in Notice Studio, else git config, else a prompt value."""
    name, email = saved_identity()
    return resolve_author(name, email)
