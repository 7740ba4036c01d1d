"""File menu entries for the Word review round trip: send the draft for review, import a review.

`install(window, file_menu)` adds them; the work runs in the background (writing the copy in
the write lane after pending typing is saved, reading a returned copy in the pool) and a
returned copy opens in `WordReviewWindow`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from notice_studio.core.wordreview import WordReview


def install(window, file_menu: QMenu) -> None:
    """Add "Send for review in Word…" and "Import reviewed Word file…" before Export."""
    send = QAction("Send for review in &Word…", window)
    send.setStatusTip("Save the draft as a Word file for reviewers to mark up with Track Changes")
    send.triggered.connect(lambda: choose_and_send(window))
    receive = QAction("Import reviewed Word &file…", window)
    receive.setStatusTip("Read a reviewed Word file back: accept or reject each tracked change and comment")
    receive.triggered.connect(lambda: choose_and_import(window))
    before = getattr(window, "act_export", None)
    if before is not None and before in file_menu.actions():
        file_menu.insertActions(before, [send, receive])
        file_menu.insertSeparator(before)
    else:
        file_menu.addActions([send, receive])
    window.act_review_send, window.act_review_import = send, receive


def choose_and_send(window) -> None:
    if window.session is None:
        return
    from notice_studio.core.notice.model import slugify
    from notice_studio.ui.settings import documents_dir

    name = (slugify(window.session.notice.title) or "notice") + "-for-review.docx"
    path, _ = QFileDialog.getSaveFileName(
        window, "Send for review in Word", str(documents_dir() / name), "Word document (*.docx)"
    )
    if path:
        send_to(window, path)


def send_to(window, path: str | Path) -> None:
    """Write the review copy to `path` once pending typing is saved."""
    session = window.session
    if session is None:
        return
    target = Path(path) if str(path).lower().endswith(".docx") else Path(str(path) + ".docx")
    workspace = session.workspace
    window.save_typing()
    window.statusBar().showMessage("Writing the review copy…")
    window.tasks.write(
        lambda: workspace.send_for_review(target),
        lambda sent: window.statusBar().showMessage(
            f"Saved {sent.path.name} for review. When it comes back, use File > Import reviewed Word file.", 15000
        ),
        lambda exc: window.show_error(str(exc)),
    )


def choose_and_import(window) -> None:
    if window.session is None:
        return
    path, _ = QFileDialog.getOpenFileName(window, "Import a reviewed Word file", "", "Word document (*.docx)")
    if path:
        import_from(window, path)


def import_from(window, path: str | Path) -> None:
    """Read the reviewed copy in the background and open it in the comparison window."""
    session = window.session
    if session is None:
        return
    workspace = session.workspace
    window.statusBar().showMessage("Reading the reviewed copy…")

    def opened(review: WordReview) -> None:
        from notice_studio.ui.compare.review_window import WordReviewWindow

        window.statusBar().clearMessage()
        review_window = WordReviewWindow(window.state, window, review, window)
        review_window.show()
        window.word_review_window = review_window

    window.tasks.run(
        lambda: workspace.read_word_review(path), opened, lambda exc: _not_imported(window, exc, Path(path))
    )


def _not_imported(window, exc: object, path: Path) -> None:
    """Why the reviewed file was not read; a file that is not a review of this notice is offered
    for a plain import, already chosen."""
    name = path.name
    from notice_studio.core.notice.model import NoticeError
    from notice_studio.core.wordreview import NotFromThisNoticeError

    window.statusBar().clearMessage()
    if not isinstance(exc, NoticeError):  # a fault of ours: say so in words, never the raw exception
        window.show_error(
            f"{name} could not be read because of a fault in Notice Studio ({exc.__class__.__name__}); "
            "nothing was changed, so please report it with the file."
        )
        return
    if not isinstance(exc, NotFromThisNoticeError):
        window.show_error(exc.in_app)  # the app's words ("use Sync with server"), not the command's
        return
    box = QMessageBox(QMessageBox.Icon.Information, "Not a review of this notice", exc.in_app, parent=window)
    plain = box.addButton("Import as a new notice…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    window.word_review_message = box
    box.finished.connect(lambda _r: window.import_notice(path=path) if box.clickedButton() is plain else None)
    box.open()
