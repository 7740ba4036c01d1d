"""One defaults table and a typed wrapper over QSettings that stores only non-defaults."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from notice_studio.core.workspace.identity import save_identity, saved_identity

DEFAULTS: dict[str, object] = {
    "author/name": "",
    "author/email": "",
    "library/folders": [],
    "notices/recent": [],
    "notices/last": "",
    "window/geometry": None,
    "window/state": None,
    "autosave/idle_ms": 1500,
    "preview/delay_ms": 350,
    # Panes the user showed or hid ("" = not chosen yet: decided by the screen size).
    "view/preview": "",
    "view/guidance": "",
    "welcome/shown": "",
    "ui/language": "en",  # the language of menus and dialogs (notice_studio/ui/language.py), read at start
}
MAX_RECENT = 8


# Who is recorded on edits lives in core's identity file, which the command line reads too.
_IDENTITY_KEYS = ("author/name", "author/email")


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings("Notice Studio", "Notice Studio")

    def get(self, key: str) -> object:
        if key in _IDENTITY_KEYS:
            return saved_identity()[_IDENTITY_KEYS.index(key)]
        default = DEFAULTS[key]
        value = self._store.value(key, default)
        if isinstance(default, list):
            if value in (None, ""):
                return []
            return [str(v) for v in (value if isinstance(value, list) else [value])]
        if isinstance(default, int) and not isinstance(default, bool):
            try:
                return int(value) if isinstance(value, int | float | str) else default
            except ValueError:
                return default
        return value

    def set(self, key: str, value: object) -> None:
        if key in _IDENTITY_KEYS:
            identity = list(saved_identity())
            identity[_IDENTITY_KEYS.index(key)] = str(value or "")
            save_identity(*identity)
            return
        if value == DEFAULTS[key]:
            self._store.remove(key)
        else:
            self._store.setValue(key, value)

    def sync(self) -> None:
        self._store.sync()

    # ----- typed helpers --------------------------------------------------------------------
    @property
    def author_name(self) -> str:
        return str(self.get("author/name") or "")

    @property
    def author_email(self) -> str:
        return str(self.get("author/email") or "")

    def whole_number(self, key: str) -> int:
        """A setting whose default is a whole number (autosave/idle_ms, preview/delay_ms)."""
        value = self.get(key)
        if not isinstance(value, int):
            raise KeyError(f"'{key}' is not a whole-number setting")
        return value

    def strings(self, key: str) -> list[str]:
        """A setting whose default is a list, as a list of strings."""
        value = self.get(key)
        return [str(v) for v in value] if isinstance(value, list) else []

    def library_folders(self) -> list[str]:
        return self.strings("library/folders")

    def recent_notices(self) -> list[str]:
        return [p for p in self.strings("notices/recent") if Path(p).is_dir()]

    def add_recent(self, path: str) -> None:
        recent = [p for p in self.strings("notices/recent") if p != path]
        self.set("notices/recent", [path, *recent][:MAX_RECENT])
        self.set("notices/last", path)


def data_dir() -> Path:
    """The user's data folder (the sample notice lives here)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(base) if base else Path.home() / ".local" / "share" / "Notice Studio"
    path.mkdir(parents=True, exist_ok=True)
    return path


def documents_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(base) if base else Path.home()
