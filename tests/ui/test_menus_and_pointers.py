"""Keyboard users reach every menu item with one letter, and every pointer to a menu names a real one."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QToolBar

from notice_studio.ui.author_dialog import AuthorForm


def _mnemonic(text: str) -> str:
    """The letter after a single '&' ('' when the text has none); '&&' is a literal ampersand."""
    match = re.search(r"(?<!&)&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else ""


def _menus(menu: QMenu, path: str) -> list[tuple[str, QMenu]]:
    found = [(path, menu)]
    for action in menu.actions():
        if action.menu() is not None:
            found += _menus(action.menu(), f"{path} > {action.text()}")
    return found


def _duplicates(actions: list[QAction]) -> dict[str, list[str]]:
    visible = [a for a in actions if not a.isSeparator() and a.isVisible()]
    counts = Counter(_mnemonic(a.text()) for a in visible)
    return {
        letter: [a.text() for a in visible if _mnemonic(a.text()) == letter]
        for letter, n in counts.items()
        if letter and n > 1
    }


def test_no_menu_and_not_the_menu_bar_has_a_mnemonic_twice(window) -> None:
    bar = window.menuBar()
    problems = {"menu bar": _duplicates(bar.actions())} if _duplicates(bar.actions()) else {}
    for top in bar.actions():
        for path, menu in _menus(top.menu(), top.text()):
            menu.aboutToShow.emit()  # menus filled on showing (Recent) fill now
            clash = _duplicates(menu.actions())
            if clash:
                problems[path] = clash
    assert not problems, problems


def test_every_menu_item_has_a_mnemonic(window) -> None:
    missing = []
    for top in window.menuBar().actions():
        for path, menu in _menus(top.menu(), top.text()):
            for action in menu.actions():
                if (
                    action.isVisible()
                    and action.isEnabled()
                    and not action.isSeparator()
                    and not _mnemonic(action.text())
                ):
                    missing.append(f"{path} > {action.text()}")
    assert not missing, missing


def _menu_items(window) -> dict[str, QAction]:
    """Every menu item by its path as a message would name it: 'Edit > Settings'."""
    items: dict[str, QAction] = {}
    for top in window.menuBar().actions():
        for path, menu in _menus(top.menu(), top.text()):
            for action in menu.actions():
                if not action.isSeparator():
                    words = f"{path} > {action.text()}".replace("&&", "\0").replace("&", "").replace("\0", "&")
                    items[words.rstrip("…").replace("… >", " >")] = action
    return items


def test_every_pointer_to_your_name_names_one_real_menu_item(qtbot, window, settings) -> None:
    """The status bar, the welcome, Getting started and the command line's help send counsel to
    the same menu item, and it exists and opens the name and e-mail."""
    import html

    from notice_studio.cli.remote_cmd import _APPROVE_HELP
    from notice_studio.ui.layout import window_setup
    from notice_studio.ui.layout.notice_messages import UNKNOWN_AUTHOR
    from notice_studio.ui.welcome.help_texts import GETTING_STARTED

    welcome = window_setup.show_welcome(window)
    qtbot.addWidget(welcome)
    welcome_words = " ".join(label.text() for label in welcome.findChildren(QLabel))
    welcome.reject()
    sentences = [UNKNOWN_AUTHOR, html.unescape(welcome_words), html.unescape(GETTING_STARTED), _APPROVE_HELP]
    pointers = {m.group(0) for s in sentences for m in [re.search(r"Edit > [A-Z][\w -]*\w", s)] if m}
    assert len(pointers) == 1, pointers
    items = _menu_items(window)
    (pointer,) = pointers
    assert pointer in items, (pointer, sorted(items))
    items[pointer].trigger()
    forms = [d for d in window.findChildren(QDialog) if d.isVisible() and d.findChild(AuthorForm) is not None]
    assert forms, "the item opens a dialog with your name and e-mail"
    for d in forms:
        d.reject()


def _sync_actions(window) -> list[QAction]:
    return [a for a in window.findChildren(QAction) if "sync" in a.text().replace("&", "").lower()]


def test_the_window_has_one_sync_action_used_by_each_notice_it_opens(qtbot, window, notice_folder, monkeypatch) -> None:
    (sync,) = _sync_actions(window)
    assert sync is window.team.sync_action
    placed = [a for m in window.findChildren(QMenu) for a in m.actions()]
    placed += [a for bar in window.findChildren(QToolBar) for a in bar.actions()]
    assert [a for a in placed if "sync" in a.text().replace("&", "").lower()] == [sync]
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    for opening in range(2):  # each notice opened syncs through the same entry, greyed while it runs
        assert window.open_notice(notice_folder)
        qtbot.waitUntil(lambda: window.preview.last is not None, timeout=10000)
        assert _sync_actions(window) == [sync] and sync.isEnabled()
        sync.trigger()
        assert not sync.isEnabled()
        qtbot.waitUntil(lambda n=opening: len(errors) == n + 1, timeout=20000)
        assert "server" in errors[-1]
        qtbot.waitUntil(sync.isEnabled)
