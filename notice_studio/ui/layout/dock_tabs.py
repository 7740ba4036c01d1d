"""Tab bars of tabbed docks that Qt leaves drawn, and docks that must stay closed at the next start.

Qt's QMainWindow loses track of the tab bars it made before `restoreState`: they stay on screen
with their old tabs (over a dock, or where the group used to be) until the app is closed, and a
dock closed with its own close button then leaves such a bar in view. A bar Qt still uses lists
only the docks shown in its group and sits just under (or over) the one on top; any other bar
with tabs is one of those leftovers and is hidden (Qt shows a bar again when it needs it).

Qt also keeps empty bars (no tabs, placed off screen) that would take the keyboard in every Tab
cycle: a bar is a Tab stop only while it is shown with tabs, and then it is named by its panels.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar

TIDY_DELAY_MS = 60  # after Qt has laid out the docks again


def _docked(window: QMainWindow) -> dict[str, QDockWidget]:
    return {
        d.windowTitle(): d
        for d in window.findChildren(QDockWidget)
        if not d.isHidden() and not d.isFloating() and window.dockWidgetArea(d) != Qt.DockWidgetArea.NoDockWidgetArea
    }


def _beside(bar: QTabBar, dock: QDockWidget) -> bool:
    """The bar touches the dock's lower or upper edge (where Qt puts a group's tabs)."""
    b, d = bar.geometry(), dock.geometry()
    overlaps_across = b.left() <= d.right() and d.left() <= b.right()
    return overlaps_across and (abs(b.top() - d.bottom() - 1) <= 2 or abs(d.top() - b.bottom() - 1) <= 2)


def stray_tab_bars(window: QMainWindow) -> list[QTabBar]:
    """Tab bars shown in the window that belong to no group of shown docks."""
    docked = _docked(window)
    bars = [
        b
        for b in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if b.isVisible() and b.count() > 0
    ]
    stray = []
    for bar in bars:
        titles = [bar.tabText(i) for i in range(bar.count())]
        if not all(t in docked for t in titles):
            stray.append(bar)  # lists a dock that is closed: Qt's own bars never do
            continue
        on_top = docked[titles[max(bar.currentIndex(), 0)]]
        group = {on_top.windowTitle()} | {
            d.windowTitle() for d in window.tabifiedDockWidgets(on_top) if not d.isHidden()
        }
        twins = [b for b in bars if b is not bar and [b.tabText(i) for i in range(b.count())] == titles]
        if set(titles) != group or (twins and not _beside(bar, on_top)):
            stray.append(bar)
    return stray


def tidy_tab_bars(window: QMainWindow) -> int:
    """Hide the leftover tab bars and name the rest; returns how many were hidden."""
    stray = stray_tab_bars(window)
    for bar in stray:
        bar.hide()
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        name_tab_bar(bar)
    return len(stray)


def name_tab_bar(bar: QTabBar) -> None:
    """A Tab stop named by its panels while it shows tabs; otherwise out of the Tab chain."""
    titles = [bar.tabText(i) for i in range(bar.count())]
    if titles and not bar.isHidden():
        bar.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        bar.setAccessibleName("Panels: " + ", ".join(titles))
    else:
        bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar.setAccessibleName("")


class TabBarTidier(QObject):
    """Tidies the window's tab bars shortly after any dock is shown, closed, moved or floated."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TIDY_DELAY_MS)
        self.timer.timeout.connect(lambda: tidy_tab_bars(window))
        for dock in window.findChildren(QDockWidget):
            dock.visibilityChanged.connect(self.soon)
            dock.dockLocationChanged.connect(self.soon)
            dock.topLevelChanged.connect(self.soon)
        window.installEventFilter(self)
        for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            self._watch(bar)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QTabBar):
                self._watch(child)
        return False

    def _watch(self, bar: QTabBar) -> None:
        name_tab_bar(bar)
        # A bar's first tab added or its last taken away: named again (no tidy: it lays the docks out).
        bar.currentChanged.connect(lambda *_: name_tab_bar(bar))

    def soon(self, *_: object) -> None:
        self.timer.start()
