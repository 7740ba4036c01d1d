"""Screen states for the screenshots script: each puts the window in a state worth showing.

Not shipped with the app: these drive the window the way a user would, for pictures only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from notice_studio.core.workspace import FIRST_VERSION_TEXT
from notice_studio.ui import commands
from notice_studio.ui.compare.diff_window import DiffWindow
from notice_studio.ui.editor.find_replace import FindReplaceDialog
from notice_studio.ui.export.export_dialog import ExportDialog
from notice_studio.ui.history.history_dock import HistoryDock
from notice_studio.ui.importing.import_dialog import ImportDialog
from notice_studio.ui.notices.new_notice_dialog import NewNoticeDialog
from notice_studio.ui.publish.publish_dialog import PublishDialog


def checks_dock(window) -> None:
    """For screenshots: show the dock and put a drafting marker in the first clause."""
    from notice_studio.ui import commands

    session = window.session
    dock = window.docks.get("checks_dock")
    if session is None or dock is None:
        return
    first = session.notice.clauses[0]
    new = first.body.rstrip() + "\n\nWe will review this notice by [TBD].\n"
    session.undo_stack.push(commands.EditBody(session, first.id, first.body, new, len(new)))
    dock.show()
    dock.raise_()
    dock.run_now()


def diff_window(window) -> DiffWindow:
    """For screenshots: publish a v1 if needed, change the draft, and open v1 | draft.

    Blocks on git (fine in a screenshot script). Wait for `result.diff is not None` (or the
    `loaded` signal) before grabbing.
    """

    demo_history(window)
    diff_window = DiffWindow(window.state, window, "v1", "draft", window)
    diff_window.show()
    return diff_window


def find_replace(window) -> FindReplaceDialog | None:
    """For screenshots: the dialog open, searching 'personal information', first match selected."""
    if window.session is None:
        return None
    dialog = FindReplaceDialog(window.state, window, window)
    dialog.find_edit.setText("personal information")
    dialog.replace_edit.setText("personal data")
    dialog.show()
    dialog.update_count()
    dialog.find_next()
    return dialog


def export_dialog(window) -> ExportDialog:
    """For screenshots: the dialog set to export the draft as an HTML page."""
    dialog = ExportDialog(window.state, window, window, fmt="html")
    dialog.show()
    return dialog


def history_dock(window) -> HistoryDock | None:
    """For screenshots: the History dock shown with versions and edits (wait for its `loaded`)."""
    demo_history(window)
    dock = window.docks.get("history_dock")
    if dock is not None:
        dock.show()
        dock.raise_()
        dock.refresh()
    return dock


def import_dialog(window, path: str | Path | None = None, timeout_ms: int = 15000) -> ImportDialog:
    """For screenshots: the dialog on its preview step with a sample notice read in (blocking)."""
    import time

    from PySide6.QtWidgets import QApplication

    if path is None:
        path = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "import" / "numbered.txt"
    dialog = ImportDialog(window.state, window, window)
    dialog.show()
    dialog.load_file(path)
    deadline = time.monotonic() + timeout_ms / 1000
    while dialog.importing and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    return dialog


def library_browser(window) -> None:
    """For screenshots: the Library dock raised, searching 'retention', first result previewed."""
    dock = window.docks.get("library_browser")
    if dock is None:
        return
    dock.show()
    dock.raise_()
    dock.laws.setCurrentIndex(0)
    dock.search.setText("retention")
    dock.refresh_results()


def new_notice_dialog(window) -> NewNoticeDialog:
    """For screenshots: the dialog with an organisation typed in."""
    dialog = NewNoticeDialog(window.state, window, window)
    dialog.organisation.setText("Northwind Analytics Ltd")
    dialog.show()
    return dialog


def variables_panel(window) -> None:
    """For screenshots: the Placeholders dock raised with a few values filled in."""
    dock = window.docks.get("variables_panel")
    if dock is None or window.session is None:
        return
    dock.show()
    dock.raise_()
    session = window.session
    for name, value in (("service.name", "Acme Cloud"), ("contact.email", "privacy@acme.example")):
        if name in session.notice.placeholders() and not session.notice.variables.get(name):
            session.undo_stack.push(commands.SetVariable(session, name, value))


def publish_dialog(window, timeout_ms: int = 15000) -> PublishDialog | None:
    """For screenshots: v1 published, an edited draft, the dialog open with its change notice drafted.

    Fills the placeholders from the library's examples and publishes v1 if nothing is published
    yet (blocking; only for the screenshot script), edits two things, and returns the shown dialog
    once its checks and comparison have arrived.
    """
    import time

    from PySide6.QtWidgets import QApplication

    from notice_studio.ui import commands

    session = window.session
    if session is None or window.library is None:
        return None
    for name in session.notice.placeholders():
        if not session.notice.variables.get(name):
            spec = window.library.variable_spec(name)
            session.undo_stack.push(
                commands.SetVariable(session, name, spec.example if spec and spec.example else name)
            )
    if not session.versions:
        session.flush()
        version = session.repo.publish(
            dt.date.today() - dt.timedelta(days=90),
            FIRST_VERSION_TEXT,
            False,
            "Jane Smith, General Counsel",
            author=session.author,
        )
        session.versions = [version]
        session.refresh_history()
    retention = next((c for c in session.notice.all_clauses() if "retention" in c.id), session.notice.clauses[-1])
    new_body = retention.body.rstrip() + "\n\nWe delete support tickets two years after they are closed.\n"
    session.undo_stack.push(commands.EditBody(session, retention.id, retention.body, new_body, len(new_body)))
    if "retention.backup_period" in session.notice.variables:
        session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "90 days"))
    dialog = PublishDialog(window.state, window, window)
    dialog.approved_by.setText("Jane Smith, General Counsel")
    dialog.show()
    deadline = time.monotonic() + timeout_ms / 1000
    while not dialog.ready and time.monotonic() < deadline:
        QApplication.processEvents()
    return dialog


def tables_panel(window) -> None:
    """For screenshots: the Tables dock raised on the cookies table, one cell needing attention."""
    dock = window.docks.get("tables_panel")
    if dock is None or window.session is None:
        return
    dock.show()
    dock.raise_()
    dock.select_table("cookies")
    if dock.model.rowCount() and dock.current_name() == "cookies":
        column = dock.model.table.columns.index("Category") if "Category" in dock.model.table.columns else 0
        dock.model.setData(dock.model.index(dock.model.rowCount() - 1, column), "Tracking")
        dock.view.setCurrentIndex(dock.model.index(dock.model.rowCount() - 2, column))
        dock.view.scrollTo(dock.view.currentIndex())


def demo_history(window) -> None:
    """For screenshots: give the open notice a few edits, a published v1 and later edits.

    Works on git directly (blocking; fine in a screenshot script), then reloads the window's
    notice. Does nothing if a v1 already exists.
    """
    session = window.session
    if session is None or session.versions or session.repo.versions():
        return
    from notice_studio.core.notice.store import Author

    repo = session.repo
    session.flush()
    counsel = Author("Priya Shah", "priya.shah@example.com")
    notice = repo.load()
    clauses = notice.all_clauses()
    first = clauses[min(1, len(clauses) - 1)]
    notice.set_body(first.id, first.body.rstrip() + "\n\nWe review this notice at least once a year.")
    repo.save(notice, f"Edited '{first.title}'", counsel)
    repo.publish(
        dt.date(2026, 1, 15), "We explain more clearly how long we keep your data.", True, "Jane Counsel", counsel
    )
    target = next((c for c in clauses[2:] if " personal information " in c.body), None)
    if target is not None:
        body = target.body.replace(" personal information ", " personal data ", 1)
        notice.set_body(target.id, body.rstrip() + " We never sell it.")
        repo.save(notice, f"Edited '{target.title}'", session.author)
    if len(notice.clauses) > 3:
        moved = notice.clauses.pop(-1)
        notice.clauses.insert(2, moved)
        repo.save(notice, f"Moved '{moved.title}' after '{notice.clauses[1].title}'", session.author)
    from notice_studio.core.notice.model import Clause

    notice.add(
        Clause(
            notice.new_clause_id("Artificial intelligence"),
            "Artificial intelligence",
            "We do not use your personal data to train artificial intelligence models.",
        )
    )
    repo.save(notice, "Added 'Artificial intelligence'", session.author)
    session.reload()
