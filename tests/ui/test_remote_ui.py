"""The sync action, the conflict view and the Reviews dock on real widgets and real repositories."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
from notice_support import AUTHOR, assert_fsck_clean, git, small_notice
from PySide6.QtCore import Qt
from remote_support import OTHER, edit, shared_notice, sync

from notice_studio.core.notice import store_remote
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.remote.merge import EDIT, THEIRS, YOURS, merge_notices
from notice_studio.core.remote.reviews import set_requires_approval
from notice_studio.core.workspace import Workspace
from notice_studio.ui.compare.diff_window import DiffWindow
from notice_studio.ui.remote.reviews_dock import ReviewsDock
from notice_studio.ui.remote.sync_action import SyncController
from notice_studio.ui.tasks import TaskRunner


def three_conflicts():
    base = small_notice()
    yours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    yours.set_body("security", "We protect your data with hashing.")
    theirs.set_body("security", "We protect your data with firewalls.")
    yours.set_variable("organisation.name", "Acme Limited")
    theirs.set_variable("organisation.name", "Acme Ltd.")
    yours.remove("children")
    theirs.set_body("children", "Not for children under 13.")
    return base, yours, theirs


@pytest.fixture
def main_window(qtbot, settings):
    from notice_studio.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    yield window
    window.close()


def conflict_window(qtbot, main_window, conflicts) -> DiffWindow:
    """The comparison window in conflict mode, as File > Sync with server opens it."""
    window = DiffWindow.for_conflicts(main_window.state, main_window, conflicts, main_window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_conflicts_open_in_the_comparison_window_take_theirs_yours_and_edit(qtbot, main_window, tmp_path: Path) -> None:
    base, yours, theirs = three_conflicts()
    result = merge_notices(base, yours, theirs)
    window = conflict_window(qtbot, main_window, result.open_conflicts)
    mode = window.conflict_mode
    assert mode is not None and not window.export_button.isVisible()
    keys = [c.key for c in result.open_conflicts]
    assert window.summary.count() == 3 and not mode.merge_button.isEnabled()
    assert [window.summary.item(i).checkState() for i in range(3)] == [Qt.CheckState.Unchecked] * 3

    # theirs and yours in the comparison's own panes, each against the ancestor, rows aligned
    row = keys.index("clause/security/text/1")
    window.summary.setCurrentRow(row)
    assert window.current_change_index == row
    theirs_runs = window.old_pane.row_formats(window.old_pane.row_index(keys[row]))
    yours_runs = window.new_pane.row_formats(window.new_pane.row_index(keys[row]))
    assert [t for t, f in theirs_runs if f.fontUnderline()] == ["firewalls"]
    assert [t for t, f in yours_runs if f.fontUnderline()] == ["hashing"]
    qtbot.waitUntil(
        lambda: window.old_pane.row_top(row) == window.new_pane.row_top(row), timeout=5000
    )  # side by side, as in a comparison
    qtbot.mouseClick(mode.take_theirs, Qt.MouseButton.LeftButton)
    assert mode.result_edit.toPlainText() == "firewalls"
    assert window.summary.item(row).checkState() == Qt.CheckState.Checked

    assert keys.index("variable/organisation.name") == row - 1
    window.previous_change()  # Shift+F8 moves through the conflicts like through changes
    assert mode.base.text().startswith("Before either change:")
    qtbot.mouseClick(mode.edit, Qt.MouseButton.LeftButton)
    assert not mode.result_edit.isReadOnly()
    mode.result_edit.setPlainText("Acme Società")  # non-ASCII set directly, not typed

    window.summary.setCurrentRow(keys.index("clause/children/removed"))
    assert not mode.edit.isEnabled()  # a removal is kept or taken, not edited
    assert not mode.merge_button.isEnabled()
    qtbot.mouseClick(mode.take_yours, Qt.MouseButton.LeftButton)
    assert mode.merge_button.isEnabled()
    window.summary.setCurrentRow(row)
    window.grab().save(str(tmp_path / "conflicts.png"))
    shots = os.environ.get("NOTICE_STUDIO_SHOTS")
    if shots:
        window.grab().save(str(Path(shots) / "conflicts.png"))

    with qtbot.waitSignal(mode.decided) as blocker:
        qtbot.mouseClick(mode.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    chosen = blocker.args[0]
    assert {k: r.choice for k, r in chosen.items()} == {
        "clause/security/text/1": THEIRS,
        "variable/organisation.name": EDIT,
        "clause/children/removed": YOURS,
    }
    merged = merge_notices(base, yours, theirs, chosen)
    assert merged.open_conflicts == ()
    assert merged.notice.find("security").body == "We protect your data with firewalls."
    assert merged.notice.variables["organisation.name"] == "Acme Società"
    assert not merged.notice.has("children")


def test_sync_runs_in_the_background_and_stops_on_conflicts(qtbot, main_window, tmp_path: Path) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(theirs, lambda n: n.set_body("security", "We protect your data with firewalls."), author=OTHER)
    edit(theirs, lambda n: n.set_body("children", "Theirs: under 13."), author=OTHER)
    sync(theirs, OTHER)
    edit(yours, lambda n: n.set_body("security", "We protect your data with hashing."))
    tasks = TaskRunner()
    flushed: list[bool] = []
    with NoticeRepo.open(yours, write=True) as repo:
        controller = SyncController(Workspace(repo, author=AUTHOR), tasks, before_sync=lambda: flushed.append(True))
        with qtbot.waitSignal(controller.conflicts, timeout=30000) as blocker:
            controller.action.trigger()
            assert controller.busy and not controller.action.isEnabled()  # returned at once
        assert flushed == [True]
        (conflict,) = blocker.args[0].conflicts
        assert conflict.key == "clause/security/text/1"
        window = conflict_window(qtbot, main_window, blocker.args[0].conflicts)
        assert window.conflict_mode is not None
        window.conflict_mode.decided.connect(controller.sync)  # as the app wires it
        qtbot.mouseClick(window.conflict_mode.take_theirs, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(controller.synced, timeout=30000) as done:
            qtbot.mouseClick(window.conflict_mode.merge_button, Qt.MouseButton.LeftButton)
        assert done.args[0].merged and done.args[0].draft_changed
        notice = done.args[1]  # read again in the background, for the window to swap in
        assert notice == repo.load()
        assert notice.find("security").body == "We protect your data with firewalls."
        assert notice.find("children").body == "Theirs: under 13."
        # an unreachable server is one sentence, and the action is usable again
        (yours / ".git" / "config").write_text(
            (yours / ".git" / "config")
            .read_text()
            .replace((tmp_path / "server.git").as_uri(), "http://127.0.0.1:9/n.git")
        )
        with qtbot.waitSignal(controller.failed, timeout=30000) as failure:
            controller.sync()
        assert "could not be reached" in failure.args[0] and controller.action.isEnabled()
    tasks.wait()


def test_reviews_dock_ask_comment_approve(qtbot, tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR) as repo:
        notice = repo.load()
        set_requires_approval(notice, True)
        repo.save(notice, "Publishing needs an approval", AUTHOR)
        tasks = TaskRunner()
        dock = ReviewsDock(Workspace(repo, author=AUTHOR), tasks, current_clause=lambda: "retention")
        qtbot.addWidget(dock)
        dock.show()
        dock.refresh()
        qtbot.waitUntil(lambda: "requires an approval" in dock.status.text(), timeout=10000)
        assert not dock.approve.isEnabled()

        dock.text.setText("Bitte prüfen: Aufbewahrung")
        qtbot.mouseClick(dock.ask, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dock.tree.topLevelItemCount() == 1, timeout=10000)
        assert dock.tree.topLevelItem(0).text(0) == "Bitte prüfen: Aufbewahrung"
        assert dock.tree.topLevelItem(0).text(1) == "open" and dock.approve.isEnabled()
        with qtbot.waitSignal(dock.compare_requested) as compare:
            qtbot.mouseClick(dock.compare, Qt.MouseButton.LeftButton)
        assert compare.args == ["", repo.head()]  # nothing published yet: compare with the draft asked about

        dock.text.setText("Say 30 days.")
        qtbot.mouseClick(dock.comment, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dock.tree.topLevelItem(0).childCount() == 1, timeout=10000)
        assert dock.tree.topLevelItem(0).child(0).text(0) == "commented on 'retention': Say 30 days."

        qtbot.mouseClick(dock.approve, Qt.MouseButton.LeftButton)  # one's own request: refused, said
        qtbot.waitUntil(lambda: "You asked for this review" in dock.status.text(), timeout=10000)
        assert dock.tree.topLevelItem(0).text(1) == "open"

        theirs = store_remote.request_review(repo, "Please look at retention", OTHER)  # a colleague asks
        dock.refresh()
        qtbot.waitUntil(lambda: dock.tree.topLevelItemCount() == 2, timeout=10000)

        def colleagues():
            items = [dock.tree.topLevelItem(i) for i in range(dock.tree.topLevelItemCount())]
            return next(i for i in items if i.data(0, Qt.ItemDataRole.UserRole) == theirs)

        dock.tree.setCurrentItem(colleagues())
        qtbot.mouseClick(dock.approve, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: colleagues().text(1) == "approved", timeout=10000)
        qtbot.waitUntil(lambda: dock.status.text() == "", timeout=10000)  # publishing no longer blocked
        dock.grab().save(str(tmp_path / "reviews.png"))
        tasks.wait()


def test_a_refused_approval_names_the_reviews_panel_not_the_command_line(qtbot, tmp_path: Path) -> None:
    """Approving after saving edits of one's own is refused with the way out the app offers."""
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR) as repo:
        workspace = Workspace(repo, author=AUTHOR)
        theirs = store_remote.request_review(repo, "Please look at retention", OTHER)
        workspace.notice.set_body("security", "We protect your data with encryption at rest.")
        workspace.save("Edited 'Security'")
        tasks = TaskRunner()
        dock = ReviewsDock(workspace, tasks, current_clause=lambda: "retention")
        qtbot.addWidget(dock)
        dock.show()
        dock.refresh()
        qtbot.waitUntil(lambda: dock.tree.topLevelItemCount() == 1, timeout=10000)
        dock.tree.setCurrentItem(dock.tree.topLevelItem(0))
        assert dock.tree.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole) == theirs
        qtbot.mouseClick(dock.approve, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "edit of yours saved since" in dock.status.text(), timeout=10000)
        said = dock.status.text()
        assert "(Ask for review, in the Reviews panel)" in said and "notice-studio" not in said
        assert said.endswith("for a colleague to approve.") and dock.ask.text().replace("&", "") == "Ask for review"
        dock.grab().save(str(tmp_path / "refused-approval.png"))
        tasks.wait()


def test_open_from_server_copies_in_the_background(qtbot, tmp_path: Path) -> None:
    from notice_studio.ui.remote.open_from_server import OpenFromServerDialog

    server, _, _ = shared_notice(tmp_path)
    tasks = TaskRunner()
    dialog = OpenFromServerDialog(tasks, tmp_path / "copies")
    qtbot.addWidget(dialog)
    dialog.url.setText((tmp_path / "nowhere.git").as_uri())
    dialog.start()
    qtbot.waitUntil(lambda: "no repository" in dialog.status.text(), timeout=20000)
    assert dialog.open_button.isEnabled()
    dialog.url.setText(server.as_uri())
    assert dialog.folder.text() == str(tmp_path / "copies" / "server")
    with qtbot.waitSignal(dialog.opened, timeout=20000) as blocker:
        dialog.start()
    assert (blocker.args[0] / "notice.yaml").is_file()
    tasks.wait()


def test_open_from_server_refuses_an_address_with_a_token(qtbot, tmp_path: Path) -> None:
    from notice_studio.ui.remote.open_from_server import OpenFromServerDialog

    tasks = TaskRunner()
    dialog = OpenFromServerDialog(tasks, tmp_path / "copies")
    qtbot.addWidget(dialog)
    dialog.url.setText("https://counsel:ghp_SECRET123@127.0.0.1:9/notice.git")
    dialog.start()
    qtbot.waitUntil(lambda: "password or token" in dialog.status.text(), timeout=20000)
    assert "SECRET123" not in dialog.status.text() and dialog.open_button.isEnabled()
    assert not (tmp_path / "copies" / "notice").exists()
    tasks.wait()


def test_the_window_syncs_and_shows_reviews(qtbot, tmp_path: Path, settings) -> None:
    """File > Sync with server in the real window: the other clone's edit arrives in the open notice."""
    from notice_studio.ui.main_window import MainWindow

    _server, yours, theirs = shared_notice(tmp_path)
    edit(theirs, lambda n: n.set_body("children", "Not meant for anyone under 13."), author=OTHER)
    sync(theirs, author=OTHER)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_notice(yours)
    assert window.team.sync_action.isEnabled()
    qtbot.waitUntil(lambda: window.team.reviews is not None, timeout=10000)  # git is asked in the background
    with qtbot.waitSignal(window.team.controller.synced, timeout=20000):
        window.team.sync_action.trigger()
    qtbot.waitUntil(lambda: window.session.notice.find("children").body.startswith("Not meant"), timeout=10000)
    window.close()


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_file_sync_ending_in_a_conflict_opens_the_comparison_window_and_merges(
    qtbot, tmp_path: Path, settings, monkeypatch, offline: bool
) -> None:
    """A real sync over a file:// server stops at a conflict; the window decides it and syncs.

    Offline (the server went away after the conflicts showed), the choices are merged and saved
    here, the window says they were not sent, and the next sync sends them."""
    from notice_studio.ui.main_window import MainWindow

    server, yours, theirs = shared_notice(tmp_path)
    edit(theirs, lambda n: n.set_body("security", "We protect your data with firewalls."), author=OTHER)
    sync(theirs, author=OTHER)
    edit(yours, lambda n: n.set_body("security", "We protect your data with hashing."))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_notice(yours)
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File")
    (sync_item,) = [a for a in file_menu.actions() if a.text().replace("&", "") == "Sync with server"]
    controller = window.team.controller
    with qtbot.waitSignal(controller.conflicts, timeout=30000):
        sync_item.trigger()
    if offline:
        git(yours, "remote", "set-url", "origin", "http://127.0.0.1:9/n.git")
    messages: list[str] = []
    monkeypatch.setattr(window, "show_error", messages.append)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(DiffWindow)), timeout=10000)
    (compare,) = [w for w in window.findChildren(DiffWindow) if w.isVisible()]
    mode = compare.conflict_mode
    assert mode is not None and [c.key for c in mode.conflicts] == ["clause/security/text/1"]
    assert not mode.merge_button.isEnabled()
    assert window.session.notice.find("security").body.endswith("hashing.")  # nothing merged while undecided
    qtbot.mouseClick(mode.take_theirs, Qt.MouseButton.LeftButton)
    assert mode.result_edit.toPlainText() == "firewalls" and mode.merge_button.isEnabled()  # the words in conflict
    with qtbot.waitSignal(controller.synced, timeout=30000) as done:
        qtbot.mouseClick(mode.merge_button, Qt.MouseButton.LeftButton)
    assert done.args[0].merged and bool(done.args[0].sent) != offline
    assert not [w for w in window.findChildren(DiffWindow) if w.isVisible()]  # the window closed itself
    qtbot.waitUntil(lambda: window.session.notice.find("security").body.endswith("firewalls."), timeout=10000)
    if offline:
        (message,) = messages
        assert message.startswith(
            "Your choices were merged and saved here but not sent: the server at http://127.0.0.1:9"
        )
        git(yours, "remote", "set-url", "origin", server.as_uri())
        with qtbot.waitSignal(controller.synced, timeout=30000) as done:
            sync_item.trigger()
        assert done.args[0].sent and not done.args[0].conflicts
    assert len(messages) == int(offline)  # online, no message box: the status bar says it
    assert window.statusBar().currentMessage().startswith("Synced:")
    assert sync(theirs, author=OTHER).draft_changed
    with NoticeRepo.open(yours) as mine, NoticeRepo.open(theirs) as other:
        assert mine.head() == other.head() == git(server, "rev-parse", "main").strip()
        assert mine.load() == other.load() == window.session.notice
    for folder in (server, yours, theirs):
        assert_fsck_clean(folder)
    window.close()
