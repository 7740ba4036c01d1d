"""What the main window gains for small screens, the keyboard and the first start (issue 19).

`install(window)` is called once at the end of MainWindow.__init__. It keeps to the window's
public parts (outline_view, editor, preview, docks, menus, settings, session_changed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTextEdit,
    QToolBar,
    QWidget,
)

from notice_studio.ui.layout.dock_tabs import TabBarTidier, tidy_tab_bars
from notice_studio.ui.layout.elided import ElidedButton
from notice_studio.ui.layout.fit import available_area
from notice_studio.ui.layout.notice_messages import NoticeMessages
from notice_studio.ui.layout.panes import (
    Pane,
    PaneKeys,
    dock_focus,
    go_to,
    let_grid_release_focus,
    redirect_keys,
    take_out,
)

# The main window (typed loosely: it imports this module, and its attributes are set in __init__).
Window = Any

# Below these available widths the first layout keeps the side docks and the guidance closed.
WIDE_ENOUGH_FOR_DOCKS = 1600
WIDE_ENOUGH_FOR_GUIDANCE = 1200
EDITOR_MIN_CHARS = 32
# The preview's text column: never narrower than this many characters (the library's longest
# unfilled marker, '[joint_controller.responsibilities]', fits on one line in bold), and this
# share of the room beside the editor until the user drags the divider to another.
PREVIEW_MIN_CHARS = 40
PREVIEW_SHARE = 0.4
# A screen holding fewer characters of the app's font than this is treated as a narrow one: a large
# system font (14-16 pt on 1366 pixels) leaves as few columns as 150% scaling does on 1280x800.
WIDE_ENOUGH_COLUMNS = 160

# Docks in the order of their Ctrl+number keys, after Outline (1), Clause text (2) and Preview (3),
# with their View menu text: every letter after '&' is used once in the View menu (a keyboard user
# presses it once), so Preview, Placeholders and Checks take a later letter than their first.
_DOCK_PANES = (
    ("library_browser", "Library", "&Library"),
    ("variables_panel", "Placeholders", "Pl&aceholders"),
    ("history_dock", "History", "&History"),
    ("checks_dock", "Checks", "Chec&ks"),
    ("tables_panel", "Tables", "&Tables"),
    ("practices_dock", "Practices", "&Practices"),
)


def _flag(value: object) -> bool | None:
    """A remembered yes/no setting; None when the user never chose."""
    if value in ("", None):
        return None
    return value is True or str(value).lower() in ("true", "1", "yes")


class WindowExtras(QObject):
    """Holds what install() made, so tests and the window can reach it."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panes: list[Pane] = []
        self.keys: PaneKeys | None = None
        self.act_preview: QAction | None = None
        self.act_guidance: QAction | None = None
        self.checks_button: QPushButton | None = None
        self.sample_bar: QToolBar | None = None
        self.tab_bars: TabBarTidier | None = None
        self.preview_share: PreviewShare | None = None
        self.messages = NoticeMessages(window)  # what opening a notice had to say


def install(window: Window) -> WindowExtras:
    extras = WindowExtras(window)
    _panes(window, extras)
    _keyboard(window)
    _room(window, extras)
    _menus(window, extras)
    _checks_badge(window, extras)
    window.view_menu.addSeparator()
    window.view_menu.addAction(extras.messages.action)
    _sample_bar(window, extras)
    if not isinstance(window.settings.get("window/state"), QByteArray):
        first_layout(window, extras)
    else:  # the tab bars Qt made before restoring the saved layout must not stay drawn
        QTimer.singleShot(0, lambda: tidy_tab_bars(window))
    extras.tab_bars = TabBarTidier(window)
    return extras


# ----- panes and keys ---------------------------------------------------------------------------
def _panes(window: Window, extras: WindowExtras) -> None:
    panes = [
        Pane("Outline", lambda: window.outline_view, window.docks["outline"]),
        Pane("Clause text", lambda: window.editor.body, visible=lambda: window.editor.isVisible()),
        Pane(
            "Preview",
            lambda: _preview_focus(window, extras),
            visible=lambda: window.preview.isVisible(),
            label="P&review",
        ),
    ]
    for key, name, label in _DOCK_PANES:
        dock = window.docks.get(key)
        if dock is not None:
            focus = getattr(dock, "focus_search", None)
            panes.append(Pane(name, _library_focus(dock) if focus else dock_focus(dock), dock, label=label))
    extras.panes = panes
    extras.keys = PaneKeys(window, panes)


def _preview_focus(window: Window, extras: WindowExtras) -> QWidget | None:
    """The preview; while it is set aside for a side panel (Ctrl+3 did nothing), the status bar says so."""
    share = extras.preview_share
    if share is not None and share.set_aside:
        window.statusBar().showMessage(SET_ASIDE, 8000)
        return None
    return window.preview


def _library_focus(dock: Any) -> Callable[[], QWidget | None]:
    def focus() -> QWidget | None:
        search = getattr(dock, "search", None)
        return search if isinstance(search, QWidget) else dock_focus(dock)()

    return focus


def _keyboard(window: Window) -> None:
    """Tab order outline → title → text → preview; the preview is one Tab stop; grids let go."""
    editor = window.editor
    QWidget.setTabOrder(window.outline_view, editor.title)
    QWidget.setTabOrder(editor.title, editor.body)
    QWidget.setTabOrder(editor.body, window.preview)
    # Links stay clickable, but Tab does not walk through every link of the notice.
    window.preview.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
        | Qt.TextInteractionFlag.LinksAccessibleByMouse
    )
    window.preview.setTabChangesFocus(True)
    redirect_keys(window.outline_view, (Qt.Key.Key_Return, Qt.Key.Key_Enter), lambda: editor.body)
    tables = window.docks.get("tables_panel")
    if tables is not None and getattr(tables, "view", None) is not None:
        let_grid_release_focus(tables.view, lambda: editor.body)


# ----- room for the document ----------------------------------------------------------------------
def _room(window: Window, extras: WindowExtras) -> None:
    body = window.editor.body
    body.setMinimumWidth(body.fontMetrics().averageCharWidth() * EDITOR_MIN_CHARS)
    area = available_area(window)
    window.preview.setMinimumWidth(preview_min_width(window.preview, area.width()))
    splitter = window.centralWidget()
    if isinstance(splitter, QSplitter):
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        extras.preview_share = PreviewShare(splitter, lambda: preview.isChecked(), window.statusBar().showMessage)
    settings = window.settings

    preview = QAction("Show pre&view", window)
    preview.setCheckable(True)
    shown = _flag(settings.get("view/preview"))
    preview.setChecked(True if shown is None else shown)
    window.preview.setVisible(preview.isChecked())
    preview.toggled.connect(window.preview.setVisible)
    preview.toggled.connect(lambda on: settings.set("view/preview", "true" if on else "false"))
    extras.act_preview = preview

    guidance = QAction("Show &guidance beside the clause", window)
    guidance.setCheckable(True)
    shown = _flag(settings.get("view/guidance"))
    guidance.setChecked(area.width() >= WIDE_ENOUGH_FOR_GUIDANCE if shown is None else shown)
    window.editor.set_guidance_visible(guidance.isChecked())
    guidance.toggled.connect(window.editor.set_guidance_visible)
    window.editor.guidance_toggled.connect(guidance.setChecked)
    window.editor.guidance_toggled.connect(lambda on: settings.set("view/guidance", "true" if on else "false"))
    extras.act_guidance = guidance


def preview_min_width(preview: QTextEdit, screen_width: int) -> int:
    """PREVIEW_MIN_CHARS of the preview's text, with its margins and scroll bar, on a screen wide
    enough for the guidance column; none of its own on a narrower one (853 pixels: 1280x800 at
    150%), where the outline, the editor and a side panel would otherwise push the window wider
    than the screen (the share still gives the preview its part of the room there is). A screen
    that holds fewer than WIDE_ENOUGH_COLUMNS characters of a large system font counts as narrow."""
    columns = screen_width // max(1, preview.fontMetrics().averageCharWidth())
    narrow = screen_width < WIDE_ENOUGH_FOR_GUIDANCE or columns < WIDE_ENOUGH_COLUMNS
    return 0 if narrow else readable_width(preview)


def readable_width(preview: QTextEdit) -> int:
    """The preview's width for a text column of PREVIEW_MIN_CHARS, with margins and scroll bar."""
    text = preview.fontMetrics().averageCharWidth() * PREVIEW_MIN_CHARS
    margins = 2 * (int(preview.document().documentMargin()) + preview.frameWidth())
    return text + margins + preview.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)


SET_ASIDE = "Preview hidden until the side panel closes."


class PreviewShare(QObject):
    """Keeps the preview's share of the editor-and-preview splitter as docks open and close and
    the window is resized (a splitter alone gives each pane its size hint at first, and shrinks
    both by its stretch factors: the preview was a column of 25 characters with a side panel open
    at 1366x768). Dragging the divider makes the user's share the one kept.

    When the room beside the panels cannot hold the clause text at its minimum and a readable
    preview (PREVIEW_MIN_CHARS), the preview is set aside, said in the status bar, and comes back
    when the room does: at 1280x800 and 150% (853 pixels) a side panel left it a column of 16
    characters, one word a line. View > Show preview stays the user's choice (`wanted`)."""

    def __init__(self, splitter: QSplitter, wanted: Callable[[], bool], say: Callable[[str, int], None]) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.wanted, self.say = wanted, say
        self.set_aside = False
        self.share = PREVIEW_SHARE
        self.timer = QTimer(self)  # goes with the window: never fires after it is gone
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)  # after the splitter has laid out its new size
        self.timer.timeout.connect(self.apply)
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)

    def _moved(self, *_: object) -> None:
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sum(sizes) > 0:
            self.share = sizes[1] / sum(sizes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.timer.start()
        return False

    def apply(self) -> None:
        editor, preview = self.splitter.widget(0), self.splitter.widget(1)
        if editor is None or not isinstance(preview, QTextEdit) or self._make_room(editor, preview):
            return
        sizes = self.splitter.sizes()
        if len(sizes) != 2 or not all(sizes):
            return  # the preview is hidden: the editor has all the room
        total = sum(sizes)
        width = max(round(total * self.share), preview.minimumWidth())
        width = min(width, total - editor.minimumSizeHint().width())
        if abs(width - sizes[1]) > 1:
            self.splitter.setSizes([total - width, width])

    def _make_room(self, editor: QWidget, preview: QTextEdit) -> bool:
        """Set the preview aside when a readable one does not fit, or bring it back; True when
        it was (the splitter lays out again and calls back)."""
        if not self.wanted():
            self.set_aside = False
            return False
        needed = editor.minimumSizeHint().width() + self.splitter.handleWidth() + readable_width(preview)
        fits = self.splitter.width() >= needed
        if self.set_aside == fits:
            self.set_aside = not fits
            preview.setVisible(fits)
            if not fits:
                self.say(SET_ASIDE, 8000)
            return True
        return False


def first_layout(window: Window, extras: WindowExtras) -> None:
    """No layout saved yet: the editor gets the room; docks wait until asked for."""
    area = available_area(window)
    hidden = ["checks_dock", "tables_panel"]  # collapsed until there is something to see
    if area.width() < WIDE_ENOUGH_FOR_DOCKS:
        hidden += ["library_browser", "variables_panel", "history_dock", "practices_dock"]
    for key in hidden:
        dock = window.docks.get(key)
        if dock is not None:
            take_out(window, dock)
    QTimer.singleShot(0, lambda: tidy_tab_bars(window))  # once Qt has laid the window out
    outline = window.docks["outline"]
    window.resizeDocks([outline], [max(180, min(300, area.width() // 5))], Qt.Orientation.Horizontal)


# ----- menus ---------------------------------------------------------------------------------------
def _menus(window: Window, extras: WindowExtras) -> None:
    view: QMenu = window.view_menu
    first = view.actions()[0] if view.actions() else None
    keys = extras.keys
    assert keys is not None
    for action in [*keys.pane_actions, None, extras.act_preview, extras.act_guidance, None, *keys.actions, None]:
        if action is None:
            view.insertSeparator(first) if first is not None else view.addSeparator()
        elif first is not None:
            view.insertAction(first, action)
        else:
            view.addAction(action)

    settings_action = QAction("&Settings…", window)
    settings_action.setShortcut(QKeySequence("Ctrl+,"))
    settings_action.setToolTip("Your name and e-mail, and your library folders")
    settings_action.triggered.connect(lambda: open_settings(window))
    window.edit_menu.addAction(settings_action)
    window.act_open_settings = settings_action

    help_menu: QMenu = window.help_menu
    about = help_menu.actions()[0] if help_menu.actions() else None
    started = QAction("&Getting started", window)
    started.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    started.triggered.connect(lambda: show_help(window, "started"))
    shortcuts = QAction("&Keyboard shortcuts", window)
    shortcuts.setShortcut(QKeySequence("Ctrl+/"))
    shortcuts.triggered.connect(lambda: show_help(window, "shortcuts"))
    welcome = QAction("&Welcome…", window)
    welcome.triggered.connect(lambda: show_welcome(window))
    for action in (started, shortcuts, welcome):
        help_menu.insertAction(about, action) if about is not None else help_menu.addAction(action)
    if about is not None:
        help_menu.insertSeparator(about)


def show_help(window: Window, which: str) -> Any:
    from notice_studio.ui.welcome.help_texts import GETTING_STARTED, HelpDialog, shortcuts_html

    if which == "started":
        dialog = HelpDialog("Getting started", GETTING_STARTED, window)
    else:
        dialog = HelpDialog("Keyboard shortcuts", shortcuts_html(window), window)
    dialog.open()
    return dialog


def open_settings(window: Window) -> Any:
    from notice_studio.ui.welcome.settings_dialog import SettingsDialog

    settings = window.settings
    dialog = SettingsDialog(
        settings.author_name,
        settings.author_email,
        settings.library_folders(),
        window,
        language=str(settings.get("ui/language")),
    )

    def save() -> None:
        name, email, folders = dialog.values()
        window._set_author(name, email)
        settings.set("ui/language", dialog.language())  # read at the next start
        settings.sync()
        if folders != settings.library_folders():
            settings.set("library/folders", folders)
            settings.sync()
            window.reload_library()

    dialog.accepted.connect(save)
    dialog.open()
    return dialog


def show_welcome(window: Window, problem: str = "") -> Any:
    """The welcome: name and e-mail, what the sample is (when the sample is open), and where to
    begin; `problem` says why the notice counsel last had open is not shown."""
    from notice_studio.ui.welcome.welcome_dialog import IMPORT, NEW, OPEN, WelcomeDialog

    settings = window.settings
    session = window.session
    sample = session is not None and is_sample(session.path)
    dialog = WelcomeDialog(settings.author_name, settings.author_email, window, problem, sample=sample)

    def done() -> None:
        settings.set("welcome/shown", "true")
        name, email = dialog.values()
        window._set_author(name, email)
        action = {NEW: window.new_notice, IMPORT: window.import_notice, OPEN: window.choose_notice}.get(dialog.choice)
        if action is not None:
            action()

    dialog.accepted.connect(done)
    dialog.rejected.connect(lambda: settings.set("welcome/shown", "true"))
    dialog.open()
    return dialog


def needs_welcome(settings: Any) -> bool:
    return _flag(settings.get("welcome/shown")) is not True


# ----- checks in the status bar and the sample bar ---------------------------------------------------
def _checks_badge(window: Window, extras: WindowExtras) -> None:
    dock = window.docks.get("checks_dock")
    if dock is None:
        return
    button = ElidedButton("Checks", "Show the checks (Ctrl+7)")  # shortened, not cut, in a narrow window
    button.setFlat(True)
    button.setAccessibleName("Checks summary: show the checks")
    pane = next(p for p in extras.panes if p.dock is dock)
    button.clicked.connect(lambda: go_to(pane))
    window.statusBar().insertPermanentWidget(0, button)
    extras.checks_button = button

    def report(report: Any) -> None:
        from notice_studio.ui.checks.checks_report import counts_sentence

        button.set_full_text(counts_sentence(report))
        button.setAccessibleDescription(counts_sentence(report))

    dock.report_ready.connect(report)


def is_sample(path: Path | None) -> bool:
    from notice_studio.ui.app import SAMPLE_FOLDER
    from notice_studio.ui.settings import data_dir

    return path is not None and Path(path).resolve() == (data_dir() / SAMPLE_FOLDER).resolve()


class BarText(QLabel):
    """Text in a tool bar that takes the bar's free width: one line where it fits, wrapped only
    when the bar is narrower. (A tool bar sizes a word-wrapped label by Qt's guess, a narrow
    column several lines tall, and never asks its height for the width it was given.)"""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._height = 0

    def _one_line_width(self) -> int:
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setHtml(self.text())
        margins = self.contentsMargins()
        return int(doc.idealWidth()) + margins.left() + margins.right() + 2 * self.margin()

    def sizeHint(self) -> QSize:
        width = self._one_line_width()
        given = self.width() if self.isVisible() and self.width() > self.minimumSizeHint().width() else width
        return QSize(width, self.heightForWidth(min(given, width)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = self.heightForWidth(event.size().width())
        if height != self._height:  # the bar grows to two lines (or back) as its width changes
            self._height = height
            self.updateGeometry()


def _sample_bar(window: Window, extras: WindowExtras) -> None:
    bar = QToolBar("Sample notice", window)
    bar.setObjectName("sample-bar")
    bar.setMovable(False)
    bar.setFloatable(False)
    label = BarText(
        "<b>Sample notice</b> — an example to try things on; it is never published. "
        "Start your own notice with New or Import."
    )
    label.setAccessibleName("This is the sample notice")
    label.setContentsMargins(6, 2, 6, 2)
    bar.addWidget(label)
    for text, slot in (("New notice…", window.new_notice), ("Import…", window.import_notice)):
        button = QPushButton(text)
        button.clicked.connect(slot)
        bar.addWidget(button)
    bar.setStyleSheet(
        "QToolBar#sample-bar { background: palette(alternate-base); border-bottom: 1px solid palette(mid); }"
    )
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    bar.toggleViewAction().setVisible(False)
    bar.hide()
    extras.sample_bar = bar
    window.session_changed.connect(lambda session: bar.setVisible(session is not None and is_sample(session.path)))
