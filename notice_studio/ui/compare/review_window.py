"""A reviewed Word copy in the comparison window: what the reviewer proposes, change by change.

The panes compare the draft as it was sent with the draft as the reviewer would have it (every
proposal made). Beside them, the list of proposed changes: tick to accept, untick to reject,
the reviewer's comment shown under the list. "Apply accepted changes" makes the ticked ones
ordinary edits, saved under each reviewer's name, in the background.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.diff.notices import NoticeDiff, diff_notices
from notice_studio.core.notice.model import Notice
from notice_studio.core.wording import plural
from notice_studio.core.wordreview import AppliedReview, WordReview, reviewed_notice
from notice_studio.core.wordreview.proposals import Proposal
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.compare.diff_window import DiffWindow
from notice_studio.ui.palette import ADDED, COMMENT_BACKGROUND, REMOVED, themed_name
from notice_studio.ui.session import snapshot


class WordReviewWindow(DiffWindow):
    """The comparison window for a reviewed Word copy, with accept/reject for each proposal."""

    applied = Signal(object)  # AppliedReview

    def __init__(self, state: AppState, nav: Navigator, review: WordReview, parent: QWidget | None = None) -> None:
        self.review: WordReview | None = None  # _start waits for it
        super().__init__(state, nav, review.sent_commit, "draft", parent)
        self.review = review
        name = review.path.name
        self.old_name, self.old_long = "as sent", "The draft as sent for review"
        self.new_name, self.new_long = "as reviewed", f"As reviewed in {name}"
        self.set_captions(self.old_long, self.new_long, sides=False)  # the pane captions say what is compared
        self.setWindowTitle(f"Review from {name} — Notice Studio")
        self.header.setText(f"Proposed changes from <b>{html.escape(name)}</b>")
        self._build_proposals()
        self._start()

    # ----- the proposals dock -------------------------------------------------------------
    def _build_proposals(self) -> None:
        assert self.review is not None
        self.proposal_list = QListWidget()
        self.proposal_list.setAccessibleName("Proposed changes: ticked ones are accepted")
        self.proposal_list.setWordWrap(True)
        for proposal in self.review.proposals:
            already = proposal.id in self.review.in_draft
            item = QListWidgetItem(proposal.sentence() + (" Already in the draft." if already else ""))
            item.setData(Qt.ItemDataRole.UserRole, proposal.id)
            if proposal.changes_text and not already:  # the draft has it: nothing to accept
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            else:  # a comment, or a change the draft has: no box (a list item is checkable by default)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            if proposal.comments:
                item.setToolTip("\n".join(f"{c.author}: {c.text}" for c in proposal.comments))
            self.proposal_list.addItem(item)
        self.proposal_list.currentRowChanged.connect(self._proposal_selected)
        self.proposal_list.itemChanged.connect(lambda _item: self._update_apply())

        self.comment_view = QTextBrowser()
        self.comment_view.setAccessibleName("The change and the reviewer's comment")
        self.comment_view.setOpenLinks(False)
        self.accept_button = QPushButton("Accept")
        self.accept_button.clicked.connect(lambda: self._decide(Qt.CheckState.Checked))
        self.reject_button = QPushButton("Reject")
        self.reject_button.clicked.connect(lambda: self._decide(Qt.CheckState.Unchecked))
        self.accept_all_button = QPushButton("Accept all")
        self.accept_all_button.clicked.connect(lambda: self._decide_all(Qt.CheckState.Checked))
        self.reject_all_button = QPushButton("Reject all")
        self.reject_all_button.clicked.connect(lambda: self._decide_all(Qt.CheckState.Unchecked))
        self.apply_button = QPushButton("Apply accepted changes")
        self.apply_button.setToolTip("Make the accepted changes edits of the draft, saved under the reviewer's name")
        self.apply_button.clicked.connect(self.apply_accepted)

        box = QWidget()
        layout = QVBoxLayout(box)
        title = QLabel(f"<b>Proposed changes</b> ({len(self.review.proposals)})")
        title.setBuddy(self.proposal_list)
        layout.addWidget(title)
        layout.addWidget(self.proposal_list, 3)
        decide = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.accept_all_button, self.reject_all_button):
            decide.addWidget(button)
        layout.addLayout(decide)
        comment_title = QLabel("<b>Change and comment</b>")
        comment_title.setBuddy(self.comment_view)
        layout.addWidget(comment_title)
        layout.addWidget(self.comment_view, 2)
        layout.addWidget(self.apply_button)
        dock = QDockWidget("Proposed changes", self)
        dock.setObjectName("word_review_proposals")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(box)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [420], Qt.Orientation.Horizontal)
        if self.review.unread:
            self.comment_view.setPlainText("Not read: " + " ".join(self.review.unread))
        elif not self.review.proposals:
            self.comment_view.setPlainText("The reviewed copy has no changes and no comments.")
        self._update_apply()

    def accepted_ids(self) -> list[str]:
        out = []
        for row in range(self.proposal_list.count()):
            item = self.proposal_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_accepted(self, proposal_id: str, accepted: bool) -> None:
        for row in range(self.proposal_list.count()):
            item = self.proposal_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == proposal_id and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked)

    def _decide(self, state: Qt.CheckState) -> None:
        item = self.proposal_list.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(state)
        row = self.proposal_list.currentRow()
        if row + 1 < self.proposal_list.count():
            self.proposal_list.setCurrentRow(row + 1)

    def _decide_all(self, state: Qt.CheckState) -> None:
        for row in range(self.proposal_list.count()):
            item = self.proposal_list.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(state)

    def _update_apply(self) -> None:
        count = len(self.accepted_ids())
        self.apply_button.setEnabled(count > 0)
        self.apply_button.setText(f"Apply {plural(count, 'accepted change')}")

    def _proposal_selected(self, row: int) -> None:
        if self.review is None or not 0 <= row < len(self.review.proposals):
            return
        proposal = self.review.proposals[row]
        self.comment_view.setHtml(_proposal_html(proposal))
        try:
            index = self.new_pane.row_index(proposal.clause_id)
        except ValueError:
            return
        self.sync.scroll_to_row(index)

    # ----- comparing: sent vs. as reviewed -------------------------------------------------
    def _start(self) -> None:
        if getattr(self, "review", None) is None:
            return
        review = self.review
        assert review is not None and review._sent is not None
        sent = review._sent
        every = [p.id for p in review.proposals]

        def work() -> tuple[Notice, Notice, NoticeDiff]:
            proposed, _, _ = reviewed_notice(review, sent, every)
            return sent, proposed, diff_notices(sent, proposed)

        self.state.tasks.run(work, self._loaded, self._failed)

    # ----- applying -------------------------------------------------------------------------
    def apply_accepted(self) -> None:
        session = self.state.session
        if session is None or self.review is None:
            return
        accepted = self.accepted_ids()
        if not accepted:
            return
        review, workspace, repo = self.review, session.workspace, session.repo
        self.apply_button.setEnabled(False)
        self.statusBar().showMessage("Applying the accepted changes…")
        self.nav.save_typing()  # typing not yet saved (a title without Enter too) goes first, in order
        base = snapshot(session.notice)
        session.hold_saves()  # typing from now on is committed after the review, on top of it

        def work() -> tuple[AppliedReview, Notice]:
            return workspace.apply_word_review(review, accepted), repo.load()

        self.state.tasks.write(work, lambda done: self._applied(base, *done), self._apply_failed)

    def _applied(self, base: Notice, result: AppliedReview, saved: Notice) -> None:
        session = self.state.session
        skipped = list(result.skipped)
        if session is not None:
            # Typing that arrived while the changes were applied is kept, not overwritten.
            overlaps = session.take_saved(base, saved)
            skipped += [
                f"Your typing in {label} overlapped a reviewer's change there; your text was kept."
                for label in overlaps
            ]
        if self._closed:
            return
        message = " ".join([result.summary(), *result.notes])
        if skipped:
            message += " Not applied: " + " ".join(skipped)
        self._mark_results(result)
        self.statusBar().showMessage(message, 15000)
        self.comment_view.setPlainText(message)
        self.applied.emit(result)

    def _mark_results(self, result: AppliedReview) -> None:
        """Each accepted change's row says what became of it; made and refused ones are settled."""
        said = {
            **dict.fromkeys(result.applied, "Applied."),
            **dict.fromkeys(result.already, "Already in the draft."),
            **dict.fromkeys(result.refused, "Not applied: the draft was edited there since; make it by hand."),
        }
        for row in range(self.proposal_list.count()):
            item = self.proposal_list.item(row)
            outcome = said.get(str(item.data(Qt.ItemDataRole.UserRole)))
            if outcome is None:
                continue
            item.setText(f"{item.text()} {outcome}")
            item.setData(Qt.ItemDataRole.CheckStateRole, None)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        self._update_apply()

    def _apply_failed(self, exc: object) -> None:
        if self.state.session is not None:
            self.state.session.release_saves()
        if self._closed:
            return
        self._update_apply()
        self.statusBar().clearMessage()
        self.nav.show_error(f"The accepted changes could not be applied ({exc}); nothing was changed.")


def _proposal_html(proposal: Proposal) -> str:
    esc = html.escape
    parts = [f"<p><b>{esc(proposal.author)}</b>"]
    if proposal.date:
        parts.append(f" <small>{esc(proposal.date[:10])}</small>")
    parts.append(f"<br>{esc(proposal.clause_title)}</p>")
    removed_colour, added_colour = themed_name(REMOVED), themed_name(ADDED)
    removed = f"<s style='color:{removed_colour}'>{esc(proposal.old_text)}</s>"
    added = f"<u style='color:{added_colour}'>{esc(proposal.new_text)}</u>"
    if proposal.kind == "add":
        parts.append(f"<p>A new section after '{esc(proposal.before)}':</p><p>{added}</p>")
    elif proposal.kind == "value":
        name = esc("{{ " + proposal.placeholder + " }}")
        parts.append(
            f"<p>{name} becomes <u style='color:{added_colour}'>{esc(proposal.value)}</u> wherever it is shown.</p>"
        )
    elif proposal.kind == "format":
        parts.append(f"<p>{esc(proposal.before)}<u>{esc(proposal.old_text)}</u>{esc(proposal.after)}</p>")
        parts.append(f"<p>Made {esc(proposal.value)}.</p>")
    elif proposal.kind == "move":
        parts.append(f"<p>Moved: {added}</p><p>Now after: {esc(proposal.before)}</p>")
    elif proposal.part == "table" and not proposal.changes_text:
        parts.append(f"<p>On the {esc(proposal.before)}:</p>")
    elif proposal.part == "table":
        parts.append(f"<p>In the {esc(proposal.before)}:</p><p>{removed} {added}</p>")
    elif proposal.changes_text:
        parts.append(f"<p>{esc(proposal.before)}{removed}{added}{esc(proposal.after)}</p>")
    if proposal.reference:
        parts.append(
            f"<p><b>Cross-reference:</b> accepting replaces the reference '{esc(proposal.reference)}' with plain "
            "words, which no longer follow that section if it is renumbered.</p>"
        )
    if proposal.changes_text:
        if not proposal.tracked:
            parts.append("<p><i>Typed without Track Changes: found by comparing with the copy that was sent.</i></p>")
    comment_background = themed_name(COMMENT_BACKGROUND)
    for note in proposal.comments:
        parts.append(
            f"<p style='background:{comment_background}'><b>Comment by {esc(note.author)}:</b> {esc(note.text)}</p>"
        )
    return "".join(parts)
