"""Keyboard access to the window's panes: F6 / Shift+F6 cycle, Ctrl+1…9 jump, View actions focus.

A pane is something the user works in (outline, clause editor, preview, each dock). Going to a
pane shows it, raises it above the docks it is tabbed with, and puts the keyboard focus in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QButtonGroup, QDockWidget, QMainWindow, QMenu, QWidget


@dataclass(frozen=True)
class Pane:
    """One place the keyboard can go: its name, the widget that takes focus, its dock if any;
    `label` is its View menu text with the mnemonic ('P&review'), '&' + name when not given."""

    name: str
    focus: Callable[[], QWidget | None]
    dock: QDockWidget | None = None
    visible: Callable[[], bool] | None = None
    label: str = ""

    def is_visible(self) -> bool:
        if self.visible is not None:
            return self.visible()
        if self.dock is not None:
            return self.dock.isVisible() and not self.dock.visibleRegion().isEmpty()
        widget = self.focus()
        return widget is not None and widget.isVisible()


def first_focusable(root: QWidget) -> QWidget | None:
    """The first visible, enabled widget under `root` that takes focus by Tab."""
    if root.focusPolicy() & Qt.FocusPolicy.TabFocus and root.isEnabled() and root.isVisible():
        return root
    for child in root.findChildren(QWidget):
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isEnabled() and child.isVisibleTo(root):
            return child
    return None


def dock_focus(dock: QDockWidget) -> Callable[[], QWidget | None]:
    def focus() -> QWidget | None:
        widget = dock.widget()
        return first_focusable(widget) if widget is not None else None

    return focus


def put_back(dock: QDockWidget, area: Qt.DockWidgetArea) -> None:
    """Return a dock taken out of the window (see take_out) to its area, tabbed with a visible one there."""
    window = dock.parentWidget()
    if not isinstance(window, QMainWindow) or window.dockWidgetArea(dock) != Qt.DockWidgetArea.NoDockWidgetArea:
        return
    neighbours = [
        d
        for d in window.findChildren(QDockWidget)
        if d is not dock and d.isVisible() and window.dockWidgetArea(d) == area
    ]
    window.addDockWidget(area, dock)
    if neighbours:
        window.tabifyDockWidget(neighbours[0], dock)
        return
    # Alone in its area: give it a useful share of the window, not its minimum.
    if area in (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea):
        window.resizeDocks([dock], [max(window.height() // 3, 160)], Qt.Orientation.Vertical)
    else:
        window.resizeDocks([dock], [max(window.width() // 4, 260)], Qt.Orientation.Horizontal)


class _PutBackWhenShown(QObject):
    def __init__(self, dock: QDockWidget, area: Qt.DockWidgetArea) -> None:
        super().__init__(dock)
        self.area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShowToParent and isinstance(watched, QDockWidget):
            put_back(watched, self.area)
        return False


def take_out(window: QMainWindow, dock: QDockWidget) -> Qt.DockWidgetArea:
    """Hide a dock by taking it out of the layout (hiding tabbed docks leaves their tab bar drawn);
    showing it again, by any means, puts it back in its area."""
    area = window.dockWidgetArea(dock)
    window.removeDockWidget(dock)
    keeper = dock.findChild(_PutBackWhenShown)
    if keeper is None:
        dock.installEventFilter(_PutBackWhenShown(dock, area))
    elif area != Qt.DockWidgetArea.NoDockWidgetArea:
        keeper.area = area
    return area


def keep_closed_docks_in_layout(window: QMainWindow) -> None:
    """Before the layout is saved: docks taken out of it go back to their area, still closed.

    A dock missing from the saved layout comes back open at the next start, tabbed in front of
    the ones the user left open.
    """
    for dock in window.findChildren(QDockWidget):
        keeper = dock.findChild(_PutBackWhenShown)
        if keeper is None or window.dockWidgetArea(dock) != Qt.DockWidgetArea.NoDockWidgetArea:
            continue
        neighbours = [d for d in window.findChildren(QDockWidget) if window.dockWidgetArea(d) == keeper.area]
        window.addDockWidget(keeper.area, dock)
        if neighbours:
            window.tabifyDockWidget(neighbours[0], dock)
        dock.hide()


def go_to(pane: Pane) -> QWidget | None:
    """Show and raise the pane's dock, then focus it. Returns the widget that has the focus."""
    if pane.dock is not None:
        pane.dock.show()
        pane.dock.raise_()
    target = pane.focus()
    if target is not None:
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return target


class PaneKeys(QObject):
    """F6 / Shift+F6 and Ctrl+1…9 on a main window, over an ordered list of panes."""

    def __init__(self, window: QMainWindow, panes: list[Pane]) -> None:
        super().__init__(window)
        self.window = window
        self.panes = panes
        self.actions: list[QAction] = []
        for sequence, step in (("F6", 1), ("Shift+F6", -1)):
            action = QAction("&Next pane" if step > 0 else "Previo&us pane", window)
            action.setShortcut(QKeySequence(sequence))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _=False, s=step: self.cycle(s))
            window.addAction(action)
            self.actions.append(action)
        self.pane_actions: list[QAction] = []
        for number, pane in enumerate(panes[:9], start=1):
            action = QAction(pane.label or f"&{pane.name}", window)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setToolTip(f"Show {pane.name} and move the keyboard there")
            action.triggered.connect(lambda _=False, p=pane: go_to(p))
            window.addAction(action)
            self.pane_actions.append(action)

    def current(self) -> int:
        focus = self.window.focusWidget()
        for index, pane in enumerate(self.panes):
            root = pane.dock if pane.dock is not None else pane.focus()
            if root is not None and focus is not None and (root is focus or root.isAncestorOf(focus)):
                return index
        return -1

    def cycle(self, step: int) -> QWidget | None:
        start = self.current()
        count = len(self.panes)
        for offset in range(1, count + 1):
            pane = self.panes[(start + step * offset) % count]
            if pane.is_visible() and pane.focus() is not None:
                return go_to(pane)
        return None

    def add_to_menu(self, menu: QMenu) -> None:
        for action in self.pane_actions:
            menu.addAction(action)
        menu.addSeparator()
        for action in self.actions:
            menu.addAction(action)


class _KeyRedirect(QObject):
    """Enter in the outline goes to the clause text; Esc in a grid (not editing) leaves it."""

    def __init__(self, parent: QObject, keys: tuple[Qt.Key, ...], target: Callable[[], QWidget | None]) -> None:
        super().__init__(parent)
        self.keys = keys
        self.target = target

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in self.keys and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if isinstance(watched, QAbstractItemView) and watched.state() == QAbstractItemView.State.EditingState:
                    return False
                target = self.target()
                if target is not None:
                    target.setFocus(Qt.FocusReason.OtherFocusReason)
                    return True
        return False


def redirect_keys(widget: QWidget, keys: tuple[Qt.Key, ...], target: Callable[[], QWidget | None]) -> None:
    widget.installEventFilter(_KeyRedirect(widget, keys, target))


def let_grid_release_focus(view: QAbstractItemView, back_to: Callable[[], QWidget | None]) -> None:
    """Tab and Shift+Tab leave the grid (arrows move between cells); Esc goes back to `back_to`."""
    view.setTabKeyNavigation(False)
    redirect_keys(view, (Qt.Key.Key_Escape,), back_to)


def one_tab_stop(group: QButtonGroup) -> None:
    """Tab reaches a group of choices once, on the chosen one; the arrow keys move the choice."""

    def update(*_args: object) -> None:
        for button in group.buttons():
            chosen = button.isChecked() or group.checkedButton() is None
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if chosen else Qt.FocusPolicy.ClickFocus)

    group.setExclusive(True)
    group.buttonToggled.connect(update)
    update()
