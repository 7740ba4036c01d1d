"""The open notice in the app: the core workspace, the undo stack and autosave.

Every edit arrives as an undo command (ui/commands.py) that calls the methods here; they call
the one core workspace (which decides, and edits the tree through the outline adapter), emit
signals for the views and tell the autosave what happened. Git work runs in the TaskRunner's
write lane; the UI thread never waits for it.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from notice_studio.core.fileio import write_atomic
from notice_studio.core.notice.autosave import AutoSaver
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.notice.notice_format import notice_files, read_notice
from notice_studio.core.notice.store import Author, NoticeRepo, Version, standing
from notice_studio.core.practices.model import Practices
from notice_studio.core.workspace import ClauseState, VariantSwap, Workspace, current_author
from notice_studio.ui.outline.outline_model import OutlineModel
from notice_studio.ui.tasks import Debouncer, TaskRunner

RECOVERY_FILE = ".notice-studio-recovery.json"
RECOVERY_MAX_WAIT_MS = 700


@dataclass(frozen=True)
class _HistoryFacts:
    """What `Session.refresh_history` reads in the background."""

    versions: list[Version]
    changed: set[str]
    count: int | None
    summary: str
    published: tuple[str, Notice] | None  # (commit, notice) of the latest version


class Session(QObject):
    clause_changed = Signal(str)  # a clause's title or body changed
    structure_changed = Signal()  # clauses added, removed or moved
    variables_changed = Signal()
    tables_changed = Signal()
    notice_replaced = Signal()  # the whole notice was reloaded (restore, recovery)
    saving = Signal()
    saved = Signal(str)  # commit id
    save_failed = Signal(str)  # one-sentence message
    history_changed = Signal()  # versions or edits changed (after a commit or publish)
    edited = Signal()  # any edit, for the preview and checks debouncers
    reveal = Signal(str)  # undo/redo touched this clause: show it
    practices_changed = Signal()
    laws_changed = Signal()  # the laws the notice is written for (coverage, library filter)
    command_failed = Signal(str)  # an undo step the core refused (commands.Command): one sentence
    language_changed = Signal(str)  # the language the notice is written in (the editor's direction)

    _saved_from_thread = Signal(object)
    _failed_from_thread = Signal(object)

    def __init__(
        self,
        repo: NoticeRepo,
        tasks: TaskRunner,
        author: Author | None = None,
        idle_ms: int = 1500,
        parent: QObject | None = None,
        *,
        notice: Notice | None = None,
        versions: list[Version] | None = None,
    ) -> None:
        """`notice` and `versions`, when given, were already read (in the background, by
        core.workspace.opening); otherwise they are read here."""
        super().__init__(parent)
        self.repo = repo
        self.tasks = tasks
        self.workspace = Workspace(repo, author=author or current_author(), notice=notice)
        self.author = self.workspace.author
        self.outline = OutlineModel(self.workspace.notice, self)
        self.workspace.attach_tree(self.outline)
        self.undo_stack = QUndoStack(self)
        self.versions: list[Version] = repo.versions() if versions is None else versions
        self.changed_clause_ids: set[str] = set()
        self.changes_since_version: int | None = None  # None until the first comparison is back
        self.changes_summary = ""  # the comparison in `diff`'s words ("Sections: 1 changed.")
        self._published: tuple[str, Notice] | None = None  # (commit, notice) of the latest version
        self._saver = AutoSaver(
            repo,
            self.author,
            idle_seconds=idle_ms / 1000,
            on_saved=lambda commit: self._saved_from_thread.emit([commit]),
            on_error=lambda exc: self._failed_from_thread.emit([exc]),
        )
        self._saved_from_thread.connect(self._on_saved)
        self._failed_from_thread.connect(self._on_failed)
        # The recovery file follows typing within RECOVERY_MAX_WAIT_MS even when no pause comes, so
        # a crash loses at most about the last second of typing.
        self._pause = Debouncer(300, self._typing_paused, self, max_wait_ms=RECOVERY_MAX_WAIT_MS)
        self._pending_titles: list[str] = []
        self._held = False
        self._pending_messages: list[str] = []
        self.last_error = ""
        self.refresh_history()

    # ----- facts for the window ---------------------------------------------------------------
    @property
    def notice(self) -> Notice:
        return self.workspace.notice

    @property
    def path(self) -> Path:
        return self.repo.path

    @property
    def latest_version(self) -> Version | None:
        standing_versions = standing(self.versions)  # a withdrawn version is not what the draft follows
        return standing_versions[-1] if standing_versions else None

    def refresh_history(self) -> None:
        """Re-read versions and compare the draft with the last one (in the background): which
        clauses changed, and how many changes in all, by content (a restore or an undone edit
        leaves none), counted as `diff` and publishing count them."""
        repo = self.repo
        draft = snapshot(self.notice)
        cached = self._published  # a published version never changes: read it once

        def work() -> _HistoryFacts:
            from notice_studio.core.diff.notices import diff_notices

            versions = repo.versions()
            if not standing(versions):
                return _HistoryFacts(versions, set(), None, "", None)
            latest = standing(versions)[-1]
            base = cached[1] if cached and cached[0] == latest.commit else repo.notice_at(latest.name)
            diff = diff_notices(base, draft)
            # Moves, renames and new placeholder values count as changes too, not just file edits.
            changed = {c.clause_id for c in diff.changes() if c.kind.value != "removed"}
            summary = diff.summary.sentence() if diff.has_changes else ""
            return _HistoryFacts(versions, changed, diff.change_count, summary, (latest.commit, base))

        def done(facts: _HistoryFacts) -> None:
            self.versions, self.changed_clause_ids = facts.versions, facts.changed
            self.changes_since_version, self.changes_summary = facts.count, facts.summary
            self._published = facts.published
            self.outline.set_marks(changed=self.changed_clause_ids)
            self.history_changed.emit()

        self.tasks.latest("history", work, done)

    # ----- edits (called by undo commands; the workspace decides) --------------------------
    def set_body(self, clause_id: str, body: str) -> None:
        self.workspace.edit_body(clause_id, body)
        self.workspace.take_pending()  # typing is described per clause title below
        self.clause_changed.emit(clause_id)
        self._note(title=self.notice.find(clause_id).title)

    def rename(self, clause_id: str, title: str, *, restoring: bool = False) -> None:
        self.workspace.rename(clause_id, title, restoring=restoring)
        self.clause_changed.emit(clause_id)
        self._note()

    def insert(self, clause: Clause, parent_id: str | None, index: int, message: str) -> None:
        self.workspace.insert(clause, parent_id, index, message)
        self.structure_changed.emit()
        self._note()

    def remove(self, clause_id: str, message: str) -> tuple[Clause, str | None, int]:
        clause, position = self.workspace.remove(clause_id, message)
        self.structure_changed.emit()
        self._note()
        return clause, position.parent_id, position.index

    def move(self, clause_id: str, parent_id: str | None, index: int, message: str) -> None:
        self.workspace.move(clause_id, parent_id, index, message)
        self.structure_changed.emit()
        self._note()

    def set_variable(self, name: str, value: str, *, restoring: bool = False) -> None:
        # the app's names come from the Placeholders panel's rows, never typed: only a typed name can be a typo
        self.workspace.set_variable(name, value, restoring=restoring, new=True)
        self.variables_changed.emit()
        self._note()

    def set_table(self, name: str, table: Table | None, *, restoring: bool = False) -> None:
        self.workspace.set_table(name, table, restoring=restoring)
        self.tables_changed.emit()
        self._note()

    def set_practices(self, practices: Practices, message: str, *, restoring: bool = False) -> Practices | None:
        """The data inventory (facts and the tables made from it follow)."""
        old = self.workspace.set_practices(practices, message, restoring=restoring)
        self.tables_changed.emit()
        self.practices_changed.emit()
        self._note()
        return old

    def apply_variant_swaps(self, swaps: list[VariantSwap]) -> None:
        """Clauses replaced by the variants that fit the practices (statements follow)."""
        self.workspace.apply_variant_swaps(swaps)
        for swap in swaps:
            self.clause_changed.emit(swap.clause_id)
        self.variables_changed.emit()
        self.practices_changed.emit()
        self._note()

    def set_setting(self, name: str, value: object) -> object:
        """One of the notice's settings (advance notice, required approval, language)."""
        old = self.workspace.set_setting(name, value)
        if name == "language":
            self.language_changed.emit(self.notice.language)
        self._note()
        return old

    def set_laws(self, laws: list[str], *, restoring: bool = False) -> list[str]:
        """The laws the notice is written for; returns the previous choice, for undo."""
        old = self.workspace.set_laws(laws, restoring=restoring)
        self.laws_changed.emit()
        self._note()
        return old

    def set_clause_state(self, clause_id: str, state: ClauseState, message: str) -> None:
        """A library update (or its undo): title, text and provenance together."""
        self.workspace.set_clause_state(clause_id, state, message)
        self.clause_changed.emit(clause_id)
        if state.variables:  # a renamed placeholder's value carried over (or, on undo, taken back)
            self.variables_changed.emit()
        self._note()

    # ----- autosave -------------------------------------------------------------------------
    def _note(self, title: str | None = None, message: str | None = None) -> None:
        if title and title not in self._pending_titles:
            self._pending_titles.append(title)
        for text in [*self.workspace.take_pending(), *([message] if message else [])]:
            if text not in self._pending_messages:
                self._pending_messages.append(text)
        self.edited.emit()
        self._pause.poke()

    def _typing_paused(self) -> None:
        """After a short pause: snapshot the files, protect them, and queue the commit."""
        files = notice_files(self.notice)
        if self._held:  # whole-notice work is being saved: keep the typing safe, commit it after
            path = self.path / RECOVERY_FILE
            self.tasks.write(lambda: _write_recovery(path, files))
            return
        titles, others = self._pending_titles, self._pending_messages
        self._pending_titles, self._pending_messages = [], []
        for title in titles:
            self._saver.edited(files, clause_title=title)
        for message in others:
            self._saver.edited(files, message=message)
        if not titles and not others:
            self._saver.edited(files)
        self.saving.emit()
        path = self.path / RECOVERY_FILE
        self.tasks.write(lambda: _write_recovery(path, files))

    def save_soon(self) -> None:
        """Clause switch: commit what is pending without waiting for the idle pause."""
        self._pause.fire_now()
        # Always queue the flush: it also waits for a commit the idle timer already started,
        # so anything queued after it (publish, restore) sees every edit.
        self.tasks.write(self._saver.flush)

    def flush(self) -> None:
        """Close: commit everything now (blocks; used only when the window is going away)."""
        self._pause.fire_now()
        self.tasks.wait()
        self._saver.flush()
        self.tasks.wait()

    def _on_saved(self, boxed: list) -> None:
        commit = boxed[0]
        if not self._saver.pending and not self._pause.pending:
            (self.path / RECOVERY_FILE).unlink(missing_ok=True)
            self.undo_stack.setClean()  # the window's "modified" mark means "not yet saved"
        self.last_error = ""
        if commit:
            self.saved.emit(str(commit))
            self.refresh_history()

    def _on_failed(self, boxed: list) -> None:
        self.last_error = str(boxed[0])
        self.save_failed.emit(self.last_error)

    # ----- whole-notice operations ------------------------------------------------------------
    def replace_notice(self, notice: Notice) -> None:
        self.workspace.replace_notice(notice)
        self.undo_stack.clear()
        self.notice_replaced.emit()
        self.refresh_history()

    def reload(self) -> None:
        self.replace_notice(self.repo.load())

    def swap_draft(self, notice: Notice, message: str | None) -> None:
        """Show `notice` as the draft and keep the undo history (a restore, its undo or redo, see
        commands.RestoreDraft); `message`: save it as an edit so described (None: already saved)."""
        self.workspace.replace_notice(notice)
        if message is not None:  # before the views follow: reselecting a clause saves what is pending
            self._note(message=message)
        self.notice_replaced.emit()
        self.refresh_history()

    def hold_saves(self) -> None:
        """Whole-notice work is about to be saved in the write lane (a Word review applied):
        typing from now on goes to the recovery file only, and is committed by `take_saved`
        (or `release_saves`), so no autosave of the older draft lands on top of that work."""
        self._held = True

    def release_saves(self) -> None:
        """The held work failed: commit the typing kept meanwhile as usual."""
        self._held = False
        if self._pending_titles or self._pending_messages:
            self._pause.poke()

    def take_saved(self, base: Notice, saved: Notice) -> list[str]:
        """Work saved in the write lane (`saved`, started from `base`) replaces the draft on
        screen; anything typed meanwhile is kept and saved again (see Workspace.take_saved)."""
        self._held = False
        typed = notice_files(self.notice) != notice_files(base)
        overlaps = self.workspace.take_saved(base, saved)
        self.undo_stack.clear()
        self.notice_replaced.emit()
        self.refresh_history()
        if typed:
            self._note(message="Kept text typed while other changes were saved")
        return overlaps

    def pending_recovery(self) -> Notice | None:
        """What the recovery file holds, if it differs from what was saved."""
        path = self.path / RECOVERY_FILE
        try:
            files = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(files, dict) or files == notice_files(self.notice):
            path.unlink(missing_ok=True)
            return None
        names = [p[7:-4] for p in files if p.startswith("tables/") and p.endswith(".csv")]
        try:
            return read_notice(files.get, names)
        except Exception:  # noqa: BLE001 - a damaged recovery file is simply not offered
            return None

    def apply_recovery(self, notice: Notice) -> None:
        self.replace_notice(notice)
        self._note(message="Recovered text typed before Notice Studio closed")

    def discard_recovery(self) -> None:
        (self.path / RECOVERY_FILE).unlink(missing_ok=True)

    def close(self) -> None:
        self.flush()
        with contextlib.suppress(Exception):  # housekeeping only: the next close tries again
            self.repo.pack()
        self.repo.close()


def _write_recovery(path: Path, files: dict[str, str]) -> None:
    write_atomic(path, json.dumps(files, ensure_ascii=False), durable=False)  # what was typed, until saved


def snapshot(notice: Notice) -> Notice:
    """A structural copy for background work: new Clause objects sharing the immutable strings."""
    from dataclasses import replace

    def copy_clause(clause: Clause) -> Clause:
        return replace(
            clause,
            topics=list(clause.topics),
            meta=dict(clause.meta),
            children=[copy_clause(c) for c in clause.children],
        )

    return replace(
        notice,
        jurisdictions=list(notice.jurisdictions),
        variables=dict(notice.variables),
        facts=dict(notice.facts),
        settings=dict(notice.settings),
        clauses=[copy_clause(c) for c in notice.clauses],
        tables={name: Table(list(t.columns), [list(r) for r in t.rows]) for name, t in notice.tables.items()},
    )
