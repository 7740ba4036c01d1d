"""What the window's docks and dialogs are given instead of the window itself.

`AppState` is the shared model: settings, the task runner, the open session and the loaded
library, with signals when the last two change. `Navigator` is the narrow set of things a dock
may ask the window to do (show a clause, open a comparison, report an error). Docks and dialogs
receive these two typed collaborators, as napari's widgets receive the viewer model, so no
screen reaches into the window or into another dock.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from notice_studio.core.library.catalog import Library
    from notice_studio.core.notice.store import Author
    from notice_studio.ui.session import Session
    from notice_studio.ui.settings import Settings
    from notice_studio.ui.tasks import TaskRunner


class AppState(QObject):
    session_changed = Signal(object)  # Session | None
    library_loaded = Signal(object)  # Library

    def __init__(self, settings: Settings, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tasks = tasks
        self.session: Session | None = None
        self.library: Library | None = None


class Navigator(Protocol):
    """What a dock or dialog may ask of the window."""

    def select_clause(self, clause_id: str, start: int | None = None, end: int | None = None) -> None: ...

    def selected_text(self) -> str: ...

    def select_title_text(self, start: int, end: int) -> None: ...

    def describe_ref(self, ref: str) -> tuple[str, str] | None:
        """(in a sentence, as a heading) for a saved edit the history knows, else None."""
        ...

    def focus_placeholder(self, name: str) -> None: ...

    def current_clause_id(self) -> str | None: ...

    def compare(self, a_ref: str, b_ref: str) -> object: ...

    def show_error(self, message: str) -> None: ...

    def save_typing(self) -> None:
        """Hand over what the editor holds (a title typed without Enter) and queue its save."""
        ...

    def status(self, message: str, timeout_ms: int = 4000) -> None: ...

    def status_until_undone(self, message: str, timeout_ms: int) -> None:
        """A message about the edit just pushed on the undo stack ("… Undo (Ctrl+Z) brings it back."),
        replaced once that edit is undone."""
        ...

    def insert_library_clause(
        self, lib_id: str, parent_id: str | None = None, index: int | None = None
    ) -> str | None: ...

    def switch_variant(self, clause_id: str, variant_id: str) -> bool:
        """Put library variant `variant_id` in place of clause `clause_id` (asks about clashes)."""
        ...

    def open_notice_settings(self, law: str | None = None) -> object:
        """File > Notice settings…, with `law` ticked for counsel to confirm."""
        ...

    def reload_library(self) -> None: ...

    def open_notice(self, path: str | Path) -> bool: ...

    def open_notice_soon(self, path: str | Path) -> None:
        """Start opening a notice folder (read in the background); returns at once."""
        ...

    def author(self) -> Author: ...
