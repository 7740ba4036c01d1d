"""Every control in the main window and its docks can be named by a screen reader and reached by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView, QAbstractSpinBox)


def _named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip() or id(widget) in buddies:
        return True
    return bool(isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip())


def _qt_chrome(widget: QWidget) -> bool:
    """Parts Qt draws and names itself: headers, a line edit's clear button, dock and tab buttons.

    Toolbar buttons are skipped too: every toolbar action is also in a menu with a shortcut.
    """
    parent = type(widget.parent()).__name__ if widget.parent() is not None else ""
    return (
        type(widget).__name__ == "QHeaderView"
        or widget.objectName().startswith("qt_")
        or parent in ("QTabBar", "QScrollBar", "QToolBar", "QLineEdit")
    )


def unnamed_controls(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if _qt_chrome(widget):
            continue
        if not _named(widget, buddies):
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


def test_every_control_has_an_accessible_name(window) -> None:
    for dock in window.docks.values():
        dock.show()
    assert unnamed_controls(window) == []


def test_controls_are_reachable_by_keyboard(window) -> None:
    for dock in window.docks.values():
        dock.show()
    unreachable = [
        f"{type(w).__name__} '{w.accessibleName() or getattr(w, 'text', lambda: '')()}'"
        for w in window.findChildren(QWidget)
        if isinstance(w, CONTROLS)
        and w.isVisibleTo(window)
        and w.isEnabled()
        and w.focusPolicy() == Qt.FocusPolicy.NoFocus
        and not _qt_chrome(w)
    ]
    assert unreachable == []


def test_dialogs_name_every_control(qtbot, window) -> None:
    from notice_studio.ui.editor.find_replace import FindReplaceDialog
    from notice_studio.ui.export.export_dialog import ExportDialog
    from notice_studio.ui.importing.import_dialog import ImportDialog
    from notice_studio.ui.notices.new_notice_dialog import NewNoticeDialog
    from notice_studio.ui.publish.publish_dialog import PublishDialog

    for dialog_class in (ExportDialog, FindReplaceDialog, ImportDialog, NewNoticeDialog, PublishDialog):
        dialog = dialog_class(window.state, window, window)
        if not dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):  # else Qt deletes it on close
            qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == [], dialog_class.__name__
        dialog.close()
