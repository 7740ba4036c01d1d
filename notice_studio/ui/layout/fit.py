"""Fit windows and dialogs to the screen they open on; dialogs scroll, their buttons stay visible.

Counsel's laptops: 1366x768, and 1280x800 at 150% scaling (853x533 logical pixels). Sizes are
chosen from the screen's *available* area (without task bar and docked panels), never fixed.
"""

from __future__ import annotations

from itertools import pairwise

import shiboken6
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

# Room kept free around a window for its title bar and frame (the window manager draws them).
FRAME_ALLOWANCE = QSize(16, 48)
# Below this available height a main window opens maximised rather than floating.
SHORT_SCREEN_HEIGHT = 800


def available_area(widget: QWidget | None = None) -> QRect:
    """The available geometry of the screen `widget` is on (else its parent's, else the primary)."""
    screen = None
    probe = widget
    while probe is not None and screen is None:
        if probe.isWindow() and probe.windowHandle() is not None:
            screen = probe.windowHandle().screen()
        probe = probe.parentWidget()
    if screen is None and widget is not None:
        screen = widget.screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted_size(preferred: QSize, available: QRect) -> QSize:
    """`preferred`, shrunk to fit inside `available` less the frame allowance."""
    return QSize(
        max(1, min(preferred.width(), available.width() - FRAME_ALLOWANCE.width())),
        max(1, min(preferred.height(), available.height() - FRAME_ALLOWANCE.height())),
    )


def size_window(window: QWidget, preferred: QSize, available: QRect | None = None) -> bool:
    """Give a top-level window its preferred size within the screen; True when it should be maximised."""
    area = available if available is not None else available_area(window)
    size = fitted_size(preferred, area)
    window.resize(size)
    frame = QRect(area.topLeft(), size)
    frame.moveCenter(area.center())
    window.move(frame.topLeft())
    return area.height() < SHORT_SCREEN_HEIGHT or area.width() < preferred.width()


def clamp_to_screen(window: QWidget, available: QRect | None = None) -> None:
    """Pull a window (e.g. restored from last time) back inside the available area."""
    area = available if available is not None else available_area(window)
    size = fitted_size(window.size(), area)
    if size != window.size():
        window.resize(size)
    geometry = window.frameGeometry()
    x = min(max(geometry.x(), area.x()), area.right() - size.width())
    y = min(max(geometry.y(), area.y()), area.bottom() - size.height())
    if (x, y) != (geometry.x(), geometry.y()):
        window.move(max(x, area.x()), max(y, area.y()))


def scroll_contents(container: QWidget, keep_last: int = 1) -> QScrollArea:
    """Put everything in `container`'s box layout into a scroll area, except the last `keep_last`
    items (the buttons), which stay below it and are therefore always visible."""
    layout = container.layout()
    if not isinstance(layout, QBoxLayout):
        raise TypeError("scroll_contents needs a box layout")
    chain = tab_chain(container)  # moving widgets into the scroll area would put them after the buttons
    count = layout.count()
    stretches = [layout.stretch(i) for i in range(count)]
    items = [item for item in (layout.takeAt(0) for _ in range(count)) if item is not None]
    body = QWidget()
    body.setObjectName("scrolled-contents")
    inner = QVBoxLayout(body)
    margins = layout.contentsMargins()
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(layout.spacing())
    moved = items[: count - keep_last]
    kept = items[count - keep_last :]
    for item, stretch in zip(moved, stretches, strict=False):
        _add_item(inner, item, stretch)
    scroll = QScrollArea()
    scroll.setObjectName("dialog-scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll.setWidget(body)
    layout.setContentsMargins(margins)
    layout.addWidget(scroll, 1)
    for item, stretch in zip(kept, stretches[count - keep_last :], strict=False):
        _add_item(layout, item, stretch)
    for before, after in pairwise(chain):
        QWidget.setTabOrder(before, after)
    # Tab goes to the controls (the area scrolls to show each); the area itself is no Tab stop.
    scroll.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    scroll.setAccessibleName("Dialog contents")
    return scroll


def tab_chain(container: QWidget) -> list[QWidget]:
    """The Tab stops inside `container`, in the order Tab visits them."""
    stops: list[QWidget] = []
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container and len(stops) < 10000:
        tabbable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        if container.isAncestorOf(widget) and tabbable and widget.focusProxy() is None:
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def _add_item(layout: QBoxLayout, item: QLayoutItem, stretch: int) -> None:
    widget = item.widget()
    child: QLayout | None = item.layout()
    if widget is not None:
        # The taken item must be gone before the widget gets its new one: a widget tells only the
        # first item made for it when its size changes, so an item made while the old one lives
        # keeps the height it had at first (the publish dialog's Checks group stayed as tall as
        # "Checking the notice…" and clipped the findings and reason fields that came later).
        shiboken6.delete(item)
        layout.addWidget(widget, stretch)
    elif child is not None:
        child.setParent(None)
        layout.addLayout(child, stretch)
    else:
        layout.addItem(item)


def fit_dialog(dialog: QWidget, preferred: QSize, scroll_in: QWidget | None = None, keep_last: int = 1) -> None:
    """Scroll the dialog's contents (buttons kept outside) and size it within the screen: wide
    enough for the contents when the screen has room (at a large font they need more than
    `preferred`), so nothing scrolls sideways."""
    scroll = scroll_contents(scroll_in or dialog, keep_last)
    dialog.setMinimumSize(0, 0)
    size_window(dialog, preferred.expandedTo(QSize(_width_for(dialog, scroll), 0)))


def _width_for(dialog: QWidget, scroll: QScrollArea) -> int:
    """The dialog width at which `scroll` shows its contents without a horizontal scroll bar."""
    contents = scroll.widget()
    inside = contents.minimumSizeHint().width() if contents is not None else 0
    inside += scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth()
    around = 0
    widget: QWidget | None = scroll
    while widget is not None and widget is not dialog:  # the margins of each layout the area sits in
        parent = widget.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            margins = layout.contentsMargins()
            around += margins.left() + margins.right()
        widget = parent
    return inside + around


MAIN_WINDOW_SIZE = QSize(1360, 860)


def place_main_window(window: QWidget, restored: bool, available: QRect | None = None) -> None:
    """First start: a size from the screen, maximised on short screens; later: last time's, kept on screen."""
    if restored:
        clamp_to_screen(window, available)
        return
    if size_window(window, MAIN_WINDOW_SIZE, available):
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
