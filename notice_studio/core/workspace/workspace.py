"""The Workspace: an open notice with its store, library, requirements and author, and every
user action as one method. The app and the command line both call it; nothing else decides.

Edits change the in-memory draft and queue a plain-words message; `save()` commits them (the
command line saves after each command; the app's autosave commits in the background).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from notice_studio.core.notice import messages
from notice_studio.core.notice.model import (
    Clause,
    Notice,
    NoticeError,
    Position,
    Provenance,
    Table,
    UnknownTableError,
    UpToDate,
    check_title_length,
)
from notice_studio.core.notice.store import Author, Edit, NoticeRepo, Version, standing
from notice_studio.core.text_input import check_value
from notice_studio.core.wording import plural
from notice_studio.core.workspace.identity import current_author
from notice_studio.core.workspace.interaction import Interaction, Unattended
from notice_studio.core.workspace.publishing import (
    PublishChoice,
    PublishReview,
    choose,
    confirmations,
    given_reasons,
    missing_reason,
    review,
)
from notice_studio.core.workspace.team import TeamWork
from notice_studio.core.workspace.tree import NoticeTree, TreeEditor
from notice_studio.core.workspace.word_review import WordReviewWork

if TYPE_CHECKING:
    from notice_studio.core.checks import CheckContext, CheckReport
    from notice_studio.core.diff.notices import NoticeDiff
    from notice_studio.core.export.formats import Exported
    from notice_studio.core.library.catalog import Library
    from notice_studio.core.library.fit import LawMismatch
    from notice_studio.core.library.merge import ClauseStatus
    from notice_studio.core.library.renames import PlaceholderCarry
    from notice_studio.core.library.requirements import Requirements
    from notice_studio.core.library.types import LibraryClause
    from notice_studio.core.notice.store_remote import Signature
    from notice_studio.core.practices.model import Practices
    from notice_studio.core.progress import Progress
    from notice_studio.core.render.renderer import RenderOptions


@dataclass(frozen=True)
class ClauseState:
    """A clause's title, text and library provenance: what a library update changes (for undo)."""

    title: str
    body: str
    provenance: Provenance | None
    variables: tuple[tuple[str, str], ...] = ()
    """Placeholder values the update sets with it (name, value; '' clears): a renamed placeholder's
    value carried to its new name, and before it, what that name held."""


@dataclass(frozen=True)
class LibraryUpdate:
    clause_id: str
    before: ClauseState
    after: ClauseState
    version: int
    kept: str
    """'' (no conflict), or how a conflict was settled: 'mine', 'library' or 'both'."""
    message: str = ""
    """The edit's message; empty for an update to a newer version (`messages.updated_from_library`)."""
    carries: tuple[PlaceholderCarry, ...] = ()
    """Filled-in placeholders the clause no longer uses: carried to their new names, or not."""

    @property
    def notes(self) -> list[str]:
        """What the user should know besides the update itself, one sentence each."""
        return [carry.sentence for carry in self.carries]


@dataclass(frozen=True)
class VariantSwap:
    """A clause whose library variant no longer fits the practices, and the variant that does."""

    clause_id: str
    current: str
    """The library clause it came from ('ccpa-no-sale')."""
    wanted: str
    """The variant that fits ('ccpa-disclosed-sold-shared')."""
    reason: str
    before: ClauseState
    after: ClauseState
    edited: bool
    """True when the clause's text was edited after it came from the library (the swap replaces it)."""

    @property
    def sentence(self) -> str:
        edited = " Your edits to it are replaced (they stay in the history)." if self.edited else ""
        return (
            f"'{self.before.title}' ({self.current}) should be {self.wanted} ('{self.after.title}'): "
            f"{self.reason}.{edited}"
        )


CONFLICT_CHOICES = (
    ("both", "Keep both wordings where the two overlap, marked, and choose between them later"),
    ("mine", "Keep your wording where the two overlap"),
    ("library", "Take the library's wording where the two overlap"),
)


class Workspace(TeamWork, WordReviewWork):
    """An open notice and the actions a person can take on it (team actions: `TeamWork`; the
    Word review round trip: `WordReviewWork`).

    Restoring: undo and redo pass `restoring=True` to put back a value the notice held before,
    exactly as it was. The rule for typed values (core.text_input) does not refuse it: the value
    was checked when it was typed, or it came from the notice on disk, saved by an older version
    before the rule (a title or placeholder value over today's limits). Undo means "as it was";
    refusing it would leave the undo step half done and the typed value the only copy."""

    def __init__(
        self,
        repo: NoticeRepo,
        *,
        author: Author | None = None,
        library: Library | None = None,
        library_folders: Sequence[str | os.PathLike[str]] = (),
        interaction: Interaction | None = None,
        notice: Notice | None = None,
    ) -> None:
        self.repo = repo
        self._notice = notice
        self.author = author or current_author()
        self.interaction: Interaction = interaction or Unattended()
        self.library_folders = list(library_folders)
        self._library = library
        self._requirements: Requirements | None = None
        self._tree: TreeEditor | None = None
        self.pending: list[str] = []
        """Messages of edits made since the last save, in order."""
        self._signatures_known: dict[str, Signature] = {}
        """Tag object id -> its signature, verified once while this workspace is open."""

    # ----- opening and closing ---------------------------------------------------------------
    @classmethod
    @contextmanager
    def open(
        cls,
        folder: str | os.PathLike[str],
        *,
        write: bool = False,
        author: Author | None = None,
        library_folders: Sequence[str | os.PathLike[str]] = (),
        interaction: Interaction | None = None,
        read_draft: bool = True,
    ) -> Iterator[Workspace]:
        """Open a notice folder for a while (`write=True` takes the notice's lock). With an
        `interaction`, files changed outside Notice Studio are shown first (keep / discard;
        core.workspace.outside); without one they are kept as an edit. The draft is read at once
        (a damaged one is refused here) unless `read_draft` is False: then only when first
        needed, so the history lists and a version is restored even when the draft cannot be read."""
        from notice_studio.core.workspace.outside import NOT_SETTLED, settle_outside_changes

        repo = NoticeRepo.open(folder, write=write, keep_outside_changes=interaction is None)
        try:
            if write and interaction is not None and not settle_outside_changes(repo, interaction, author):
                raise NoticeError(NOT_SETTLED)
            workspace = cls(repo, author=author, library_folders=library_folders, interaction=interaction)
            if read_draft:
                workspace.notice  # noqa: B018 - read now: a damaged draft is refused before any work
            yield workspace
        finally:
            repo.close()

    @classmethod
    @contextmanager
    def clone(
        cls,
        url: str,
        folder: str | os.PathLike[str],
        *,
        interactive: bool = False,
        write: bool = False,
        author: Author | None = None,
        library_folders: Sequence[str | os.PathLike[str]] = (),
        interaction: Interaction | None = None,
    ) -> Iterator[Workspace]:
        """Copy a notice from a server into a new folder and open it there."""
        from notice_studio.core.notice.store_remote import clone

        path = clone(url, folder, interactive=interactive)
        with cls.open(
            path, write=write, author=author, library_folders=library_folders, interaction=interaction
        ) as workspace:
            yield workspace

    @property
    def path(self) -> Path:
        return self.repo.path

    @property
    def notice(self) -> Notice:
        """The draft, read from the folder when first needed: the history can be listed and a
        version restored even when the draft in the folder cannot be read."""
        if self._notice is None:
            self._notice = self.repo.load()
        return self._notice

    @property
    def tree(self) -> TreeEditor:
        """Where structural edits go: the app's outline adapter once attached, else the draft itself."""
        if self._tree is None:
            self._tree = NoticeTree(self.notice)
        return self._tree

    @property
    def library(self) -> Library:
        """The clause library (shipped plus the user's folders), loaded once when first needed."""
        if self._library is None:
            from notice_studio.core.library.catalog import load_library

            self._library = load_library(self.library_folders)
        return self._library

    @property
    def requirements(self) -> Requirements:
        """The legal requirements the coverage checks use; a clear error when they cannot be read."""
        if self._requirements is None:
            from notice_studio.core.library.requirements import load_requirements

            try:
                self._requirements = load_requirements()
            except Exception as exc:  # noqa: BLE001 - any failure: the reason goes into the sentence
                raise NoticeError(
                    f"The legal requirements the checks use could not be read ({exc}); "
                    "reinstall Notice Studio, then check again."
                ) from None
        return self._requirements

    def use_library(self, library: Library | None) -> None:
        """The library the app loaded in the background (None: load it when first needed)."""
        self._library = library

    def attach_tree(self, tree: TreeEditor) -> None:
        """Route structural edits through `tree` (the app's outline adapter)."""
        self._tree = tree

    # ----- edits -------------------------------------------------------------------------------
    def _note(self, message: str) -> str:
        if message not in self.pending:
            self.pending.append(message)
        return message

    def take_pending(self) -> list[str]:
        """The messages of unsaved edits, handed to whoever commits them (the app's autosave)."""
        pending, self.pending = self.pending, []
        return pending

    def edit_body(self, clause_id: str, body: str) -> str:
        """Replace a clause's text; returns the old text."""
        old = self.notice.set_body(clause_id, body)
        if old != body:
            self._note(messages.edited([self.notice.find(clause_id).title]))
        return old

    def replace_body(self, clause_id: str, body: str, source: str) -> str | None:
        """Replace a clause's text with text handed over whole (a file, standard input); returns
        the old text, or None when `source` held no text and the user would not empty the clause."""
        clause = self.notice.find(clause_id)
        if not body.strip() and clause.body.strip():
            if not self.interaction.confirm(f"No text came from {source}; empty the text of '{clause.title}'?"):
                return None
        return self.edit_body(clause_id, body)

    def confirm_remove(self, clause_id: str) -> bool:
        """Ask before deleting a clause with sub-clauses, counting them at every level."""
        clause = self.notice.find(clause_id)
        subs = sum(1 for _ in clause.descendants())
        return not subs or self.interaction.confirm(f"Delete '{clause.title}' and its {plural(subs, 'sub-clause')}?")

    def rename(self, clause_id: str, title: str, *, restoring: bool = False) -> str:
        """Give a clause a new title (its id never changes); returns the old title. `restoring`:
        see the class note on restoring."""
        clause = self.notice.find(clause_id)
        old = clause.title
        new = title if restoring else " ".join(title.split())
        if new == old:
            return old
        self.tree.rename(clause_id, new, restoring=restoring)
        self._note(messages.renamed(old, new))
        return old

    def add_clause(
        self,
        title: str,
        body: str = "",
        parent_id: str | None = None,
        index: int | None = None,
        **place: str | None,
    ) -> Clause:
        """A new clause written for this notice, under `parent_id` at `index` (default: last), or
        placed `after=`, `before=` or `under=` another clause."""
        title = " ".join(title.split())
        if not title:
            raise NoticeError("A clause needs a title; give one with --title.")
        check_title_length(title)
        clause = Clause(id=self.notice.new_clause_id(title), title=title, body=body)
        parent_id, index = self._where(parent_id, index, place)
        self.insert(clause, parent_id, index, messages.added(title))
        return clause

    def made_from(self, library_id: str) -> Clause | None:
        """The section already made from library clause `library_id`, if any (the first)."""
        return next(
            (c for c in self.notice.all_clauses() if c.provenance and c.provenance.library_id == library_id), None
        )

    def _again_question(self, library_id: str) -> str:
        """Why inserting `library_id` needs a second thought ('' when it does not): a copy is there."""
        existing = self.made_from(library_id)
        if existing is None:
            return ""
        number = self.notice.numbers()[existing.id]
        return f"The notice already has section {number} '{existing.title}' (id {existing.id}) from the library clause '{library_id}'"

    def confirm_insert(self, library_id: str) -> bool:
        """Ask before inserting a library clause the notice already has a section from."""
        question = self._again_question(library_id)
        return not question or self.interaction.confirm(question + "; insert a second copy?")

    def insert_from_library(
        self,
        library_id: str,
        parent_id: str | None = None,
        index: int | None = None,
        *,
        again: bool = False,
        **place: str | None,
    ) -> Clause:
        """A library clause inserted into the notice, its provenance recorded for later updates;
        refused when a section already came from it, unless `again`. (`law_mismatch` says whether
        it is written for a law the notice does not apply.)"""
        question = "" if again else self._again_question(library_id)
        if question:
            raise NoticeError(
                question + "; edit that section, or add --again to insert a second copy.",
                in_app=question + "; edit that section, or insert it again to have a second copy.",
            )
        clause = self.library.make_clause(library_id, self.notice)
        parent_id, index = self._where(parent_id, index, place)
        self.insert(clause, parent_id, index, messages.added(clause.title, clause.title))
        return clause

    def law_mismatch(self, library_id: str) -> LawMismatch | None:
        """Whether library clause `library_id` is written only for laws this notice does not apply."""
        return self.library.law_mismatch(library_id, self.notice.jurisdictions)

    def _where(
        self, parent_id: str | None, index: int | None, place: dict[str, str | None]
    ) -> tuple[str | None, int | None]:
        if not any(place.values()):
            return parent_id, index
        to = self.target("", after=place.get("after"), before=place.get("before"), under=place.get("under"))
        return to.parent_id, to.index

    def insert(self, clause: Clause, parent_id: str | None, index: int | None, message: str) -> Position:
        """Put an existing clause object into the outline (also how undo brings a clause back)."""
        if parent_id is not None:
            self.notice.find(parent_id)
        siblings = self.notice.siblings(parent_id)
        position = self.tree.insert(clause, parent_id, len(siblings) if index is None else index)
        self._note(message)
        return position

    def remove(self, clause_id: str, message: str | None = None) -> tuple[Clause, Position]:
        """Take a clause (and its sub-clauses) out of the notice; returns them and where they were."""
        title = self.notice.find(clause_id).title
        result = self.tree.remove(clause_id)
        self._note(message or messages.removed(title))
        return result

    def move(self, clause_id: str, parent_id: str | None, index: int, message: str | None = None) -> Position:
        """Move a clause under `parent_id` at `index` (counted without the clause); returns where it was."""
        problem = self.notice.check_move(clause_id, parent_id)
        if problem:
            raise NoticeError(problem)
        old = self.notice.position(clause_id)
        if old.parent_id == parent_id and old.index == index:
            return old
        message = message or self.move_message(clause_id, parent_id, index)
        self.tree.move(clause_id, parent_id, index)
        self._note(message)
        return old

    def move_message(self, clause_id: str, parent_id: str | None, index: int) -> str:
        """ "Moved 'Children' after 'Security'" for a move not yet made."""
        notice = self.notice
        siblings = [c for c in notice.siblings(parent_id) if c.id != clause_id]
        after = siblings[index - 1].title if 0 < index <= len(siblings) else None
        parent_title = notice.find(parent_id).title if parent_id else None
        return messages.moved(notice.find(clause_id).title, after, parent_title)

    def target(
        self, clause_id: str, *, after: str | None = None, before: str | None = None, under: str | None = None
    ) -> Position:
        """Where 'after X', 'before X' or 'under X' (as its last sub-clause) puts a clause."""
        given = [name for name, value in (("after", after), ("before", before), ("under", under)) if value]
        if len(given) != 1:
            raise NoticeError("Say where the clause goes with exactly one of --after, --before or --under.")
        named = after or before or under
        assert named is not None
        anchor = self.notice.section_id(named)  # a library id names the one section made from it
        after, before, under = (anchor if value else None for value in (after, before, under))
        if anchor == clause_id:
            raise NoticeError("A clause cannot be placed relative to itself.")
        self.notice.find(anchor)
        if under:
            children = [c for c in self.notice.find(under).children if c.id != clause_id]
            return Position(under, len(children))
        where = self.notice.position(anchor)
        siblings = [c.id for c in self.notice.siblings(where.parent_id) if c.id != clause_id]
        index = siblings.index(anchor) + (1 if after else 0)
        return Position(where.parent_id, index)

    def place(
        self, clause_id: str, *, after: str | None = None, before: str | None = None, under: str | None = None
    ) -> Position:
        """Move a clause after, before or under another; returns where it was."""
        to = self.target(clause_id, after=after, before=before, under=under)
        return self.move(clause_id, to.parent_id, to.index)

    def step(self, clause_id: str, step: str) -> Position:
        """Move up, down, indent or outdent (the rule is the notice's `step_target`)."""
        to = self.notice.step_target(clause_id, step)
        return self.move(clause_id, to.parent_id, to.index)

    def set_variable(self, name: str, value: str, *, restoring: bool = False, new: bool = False) -> str | None:
        """Fill in (or clear, with '') a placeholder; returns the old value. A statement written
        from the practices (`{{ practices.… }}`) is refused: change the practices instead. A name
        no clause uses and that has no value yet is refused (a mistyped name would be saved and
        announced, yet no reader sees it), unless `new` says it is for a clause still to come.
        `restoring`: see the class note on restoring."""
        from notice_studio.core.notice.model import VARIABLE_NAME
        from notice_studio.core.practices.statements import is_generated
        from notice_studio.core.wording import use_one_of

        if is_generated(name):
            raise NoticeError(
                f"'{name}' is written from the practices; change them instead "
                "(notice-studio practices set DIR ..., or the Practices panel)."
            )
        known = sorted(set(self.notice.placeholders()) | set(self.notice.variables))
        if not (restoring or new or value == "" or name in known) and VARIABLE_NAME.fullmatch(name):
            fillable = [n for n in known if not is_generated(n)]
            hint = use_one_of(name, fillable, "notice-studio vars DIR") if fillable else "none has a placeholder yet"
            raise NoticeError(
                f"No clause uses a placeholder named '{name}': {hint}; "
                "to fill in a value for a clause you have not added yet, set it with --new."
            )
        if not restoring:
            check_value(value, f"The value of {{{{ {name} }}}}")
        old = self.notice.set_variable(name, value)
        if (old or "") != value:
            self._note(messages.variables_set([name]))
        return old

    def set_fact(self, name: str, value: bool | None) -> bool | None:
        """Answer one yes/no fact the checks use (None forgets the answer); returns the old answer.

        Facts the practices decide are refused (change the practices instead): one rule, in
        core.practices.actions."""
        from notice_studio.core.practices.actions import set_facts

        old = self.notice.facts.get(name)
        if value is None:  # forgetting an answer is always allowed
            self.notice.facts.pop(name, None)
            if old is not None:
                self._note(f"Forgot the answer to '{name}'")
        elif old != value:
            self._note(set_facts(self.notice, {name: value}))
        return old

    def set_practices(
        self, practices: Practices, message: str = "Changed the practices", *, restoring: bool = False
    ) -> Practices | None:
        """Make `practices` the notice's data inventory (facts and generated tables follow);
        returns the old inventory, for undo. `restoring`: see the class note on restoring."""
        from notice_studio.core.practices.actions import apply_practices

        old = self.notice.practices
        apply_practices(self.notice, practices, restoring=restoring)
        self._note(message)
        return old

    def replace_practices(self, practices: Practices, message: str) -> list[str]:
        """Make `practices` (read whole from a file) the notice's; returns the tables and
        statements remade from them."""
        from notice_studio.core.practices.actions import apply_practices

        remade = apply_practices(self.notice, practices)
        self._note(message)
        return remade

    def remake_from_practices(self, message: str = "Remade the tables from the practices") -> list[str]:
        """Make the tables, statements and facts that follow from the practices again (after a
        hand edit of practices.yaml); returns what was remade."""
        from notice_studio.core.practices.actions import apply_practices

        practices = self.notice.practices
        if practices is None:
            raise NoticeError("This notice has no practices yet, so there is nothing to make tables from.")
        remade = apply_practices(self.notice, practices)
        self._note(message)
        return remade

    def change_practices(self, changes: Sequence[tuple[str, str]], *, new: bool = False) -> list[str]:
        """Change the data inventory ('sold.categories=identifiers', ...); facts and the tables made
        from the practices follow. An id the practices lack is refused unless `new` (add it).
        Returns the names of the tables that changed."""
        from notice_studio.core.practices.actions import apply_practices, change_practices

        practices = change_practices(self.notice.practices, list(changes), new=new)
        tables = apply_practices(self.notice, practices)
        self._note(f"Changed the practices ({', '.join(path for path, _value in changes)})")
        return tables

    def set_setting(self, name: str, value: object) -> object:
        """Change one of the notice's settings (core.workspace.notice_settings: the advance-notice
        period, required approval, its language); returns the old value, for undo. A string is
        parsed the way the command line takes it ('30', 'yes')."""
        from notice_studio.core.workspace.notice_settings import setting

        rule = setting(name)
        new = rule.parse(value) if isinstance(value, str) else value
        old = rule.read(self.notice)
        if new != old:
            rule.write(self.notice, new)
            self._note(f"{rule.label}: {rule.shown(new)}")
        return old

    def set_laws(self, laws: Sequence[str], *, restoring: bool = False) -> list[str]:
        """Choose the laws the notice must satisfy; returns the previous choice. `restoring`: see
        the class note on restoring (an undo may put back a notice's empty choice)."""
        from notice_studio.core.library.jurisdictions import JURISDICTIONS, choice_problem, normalise

        chosen = normalise(list(laws))
        problem = "" if restoring else choice_problem(chosen)
        if problem:
            raise NoticeError(problem)
        old = list(self.notice.jurisdictions)
        if chosen != old:
            self.notice.jurisdictions = chosen
            names = ", ".join(JURISDICTIONS[j].label for j in chosen) or "none"
            self._note(f"Laws covered: {names}")
        return old

    def set_table(
        self, name: str, table: Table | None, message: str | None = None, *, restoring: bool = False
    ) -> Table | None:
        """Replace (or remove, with None) a notice table; returns the old one. `restoring`: see the
        class note on restoring."""
        from notice_studio.core.diff.table_rows import table_edit_message
        from notice_studio.core.notice.notice_format import table_path
        from notice_studio.core.notice.table_csv import table_problem

        table_path(name)  # refuses a name that is not a safe file name
        old = self.notice.tables.get(name)
        problem = table_problem(name, table, old) if table is not None and not restoring else ""
        if problem:
            raise NoticeError(problem)
        if table is None:
            self.notice.tables.pop(name, None)
        else:
            self.notice.tables[name] = table
        self._note(message or table_edit_message(name, old, table))
        return old

    def table(self, name: str) -> Table:
        """The notice's table `name`; refused, listing the tables there are, when it has none."""
        table = self.notice.tables.get(name)
        if table is None:
            raise UnknownTableError(
                f"The notice has no table '{name}'; its tables are: {', '.join(self.notice.tables) or 'none'}."
            )
        return table

    def set_cell(self, name: str, row: int | None, values: dict[str, str]) -> Table:
        """Set cells of row `row` (1-based; None adds a row) of a table, by column name."""
        table = self.table(name)
        unknown = [c for c in values if c not in table.columns]
        if unknown:
            raise NoticeError(
                f"The table '{name}' has no column '{unknown[0]}'; its columns are: {', '.join(table.columns)}."
            )
        new = Table(list(table.columns), [list(r) for r in table.rows])
        if row is None:
            new.rows.append([""] * len(new.columns))
            row = len(new.rows)
        if not 1 <= row <= len(new.rows):
            raise NoticeError(f"The table '{name}' has rows 1 to {len(new.rows)}; there is no row {row}.")
        for column, value in values.items():
            new.rows[row - 1][new.columns.index(column)] = value
        self.set_table(name, new)
        return new

    def import_table(
        self, name: str, csv_text: str, path: str = "the CSV file", *, create: bool = False, new_columns: bool = False
    ) -> Table:
        """Replace a table with the contents of a CSV file (header row first; commas, semicolons
        or tabs). Refused for a table the notice does not have unless `create` (a mistyped name
        would otherwise make a table no clause shows), and for a header that does not name the
        table's columns unless `new_columns`."""
        from notice_studio.core.notice.table_csv import read_import

        old = self.notice.tables.get(name) if create else self.table(name)
        table = read_import(csv_text, path, None if old is None or new_columns else old.columns)
        if not table.columns:
            raise NoticeError(f"{path} has no header row; the first line must name the columns.")
        self.set_table(name, table, f"Imported the {name.replace('-', ' ')} table")
        return table

    def clause_state(self, clause_id: str) -> ClauseState:
        clause = self.notice.find(clause_id)
        return ClauseState(clause.title, clause.body, copy.deepcopy(clause.provenance))

    def set_clause_state(self, clause_id: str, state: ClauseState, message: str) -> None:
        """Put a clause's title, text and provenance back as they were (undo/redo of an update)."""
        clause = self.notice.find(clause_id)
        if clause.title != state.title:
            self.tree.rename(clause_id, state.title, restoring=True)
        clause.body = state.body
        clause.provenance = copy.deepcopy(state.provenance)
        for name, value in state.variables:
            self.notice.set_variable(name, value)
        self._note(message)

    def save(self, message: str | None = None) -> str | None:
        """Commit the draft with the pending edits' messages; None when nothing changed."""
        if self._notice is None:
            return None  # never read, so never edited
        pending = self.take_pending()
        text = message or (pending[0] if len(pending) == 1 else _combined(pending))
        return self.repo.save(self.notice, text, self.author)

    def replace_notice(self, notice: Notice) -> None:
        """The draft was reloaded (restore, recovery): every view starts again from `notice`."""
        self._notice = notice
        if self._tree is not None:
            self._tree.reset_notice(notice)

    def take_saved(self, base: Notice, saved: Notice) -> list[str]:
        """Saved work done in the background (a Word review applied) over the draft, keeping
        what was typed since that work started from `base`: both are merged clause by clause,
        and where they touch the same words the typing wins. Returns the titles of clauses where
        that happened (the saved change there is left out of the draft on screen)."""
        from notice_studio.core.notice.notice_format import notice_files
        from notice_studio.core.remote.merge import merge_notices

        if notice_files(self.notice) == notice_files(base):
            self.replace_notice(saved)
            return []
        result = merge_notices(base, self.notice, saved)
        merged = result.notice
        merged.practices = saved.practices if self.notice.practices == base.practices else self.notice.practices
        self.replace_notice(merged)
        return list(dict.fromkeys(c.label for c in result.conflicts))

    # ----- library ---------------------------------------------------------------------------
    def library_status(self) -> list[tuple[Clause, ClauseStatus]]:
        """Every clause that came from the library, with how it stands against the library now."""
        found = []
        for clause in self.notice.all_clauses():
            status = self.library.status(clause)
            if status is not None:
                found.append((clause, status))
        return found

    def update_from_library(self, clause_id: str) -> LibraryUpdate | None:
        """Bring a clause to the library's newest version, keeping the user's edits.

        The library's new title is taken unless the user renamed the clause. Where the user and
        the library changed the same words, the user is asked (keep both, mine or the library's);
        None when they cancel: nothing changes and the update is offered again.
        """
        update = self.plan_library_update(clause_id)
        if update is not None:
            self.apply_library_update(update)
        return update

    def apply_library_update(self, update: LibraryUpdate) -> None:
        """Make a planned update or variant switch (`plan_library_update`, `plan_variant`)."""
        message = update.message or messages.updated_from_library(update.after.title, update.version)
        self.set_clause_state(update.clause_id, update.after, message)

    def plan_library_update(self, clause_id: str) -> LibraryUpdate | None:
        """What updating a clause from the library would make it (asks about conflicts; changes nothing)."""
        clause = self.notice.find(clause_id)
        if clause.provenance is None:
            raise NoticeError(f"'{clause.title}' was written for this notice, not taken from the library.")
        source = self.library.get(clause.provenance.library_id)
        if source is None:
            raise NoticeError(
                f"The library no longer has '{clause.provenance.library_id}', so '{clause.title}' cannot be updated."
            )
        status = self.library.status(clause)
        if status is not None and status.library_older:
            raise UpToDate(
                f"'{clause.title}' has version {status.inserted_version}, newer than the library's version "
                f"{status.library_version}; there is nothing newer to update to."
            )
        if status is None or not status.update_available:
            raise UpToDate(f"'{clause.title}' already has the library's newest version ({source.version}).")
        return self._plan_merge(clause, source)

    def variants(self, clause_id: str) -> list[LibraryClause]:
        """The library's other wordings of the clause `clause_id` came from (its variants)."""
        provenance = self.notice.find(clause_id).provenance
        return self.library.variants_of(provenance.library_id) if provenance is not None else []

    def switch_variant(self, clause_id: str, variant_id: str) -> LibraryUpdate | None:
        """Put library variant `variant_id` in place of a clause, keeping the user's edits where
        they merge (as a library update does; asks where they clash); None when cancelled."""
        update = self.plan_variant(clause_id, variant_id)
        if update is not None:
            self.apply_library_update(update)
        return update

    def plan_variant(self, clause_id: str, variant_id: str) -> LibraryUpdate | None:
        """What switching a clause to another variant would make it (asks about clashes; changes
        nothing). The clause keeps its id and place, so references to it still work."""
        clause = self.notice.find(clause_id)
        if clause.provenance is None:
            raise NoticeError(
                f"'{clause.title}' was written for this notice, not taken from the library: it has no variants."
            )
        current = clause.provenance.library_id
        if variant_id == current:
            raise NoticeError(f"'{clause.title}' already uses the library clause '{variant_id}'.")
        variant = next((v for v in self.variants(clause_id) if v.id == variant_id), None)
        if variant is None:
            ids = ", ".join(v.id for v in self.variants(clause_id))
            known = f"its variants are: {ids}" if ids else "the library has no variants of it"
            raise NoticeError(f"'{variant_id}' is not a variant of '{current}' ('{clause.title}'); {known}.")
        return self._plan_merge(clause, variant, messages.switched_variant(clause.title, variant.id))

    def _plan_merge(self, clause: Clause, source: LibraryClause, message: str = "") -> LibraryUpdate | None:
        """The clause brought to library clause `source` (a newer version or a variant), with the
        user's edits merged in; asks where both changed the same words (None: cancelled)."""
        from notice_studio.core.library.merge import merge_update

        result = merge_update(clause, source)
        kept = ""
        if result.conflicts:
            choice = self.interaction.choose(
                (
                    f"Your edits to '{clause.title}' and the variant '{source.id}' change the same words. "
                    if message
                    else f"You and the library both changed the same words in '{clause.title}'. "
                )
                + "Which wording should the clause keep where they overlap?",
                CONFLICT_CHOICES,
            )
            if choice is None:
                return None
            kept = choice
            result = merge_update(clause, source, on_conflict={"mine": "ours", "library": "theirs"}.get(choice, "both"))
        before = self.clause_state(clause.id)
        title = result.title or clause.title
        # A variant is another clause, not a new version: its placeholders are not renames of these.
        carries = [] if message else self._carried_values(clause, source, (title, result.body))
        moved = [c for c in carries if c.carried]
        before = replace(before, variables=tuple((c.new, "") for c in moved))
        after = ClauseState(
            title,
            result.body,
            Provenance(source.id, source.version, source.body, source.title),
            tuple((c.new, c.value) for c in moved),
        )
        return LibraryUpdate(clause.id, before, after, source.version, kept, message, tuple(carries))

    def _carried_values(self, clause: Clause, source: LibraryClause, after: tuple[str, str]) -> list[PlaceholderCarry]:
        """Where the values of placeholders an update renames go (`core.library.renames`)."""
        from notice_studio.core.library.renames import renamed_placeholders

        provenance = clause.provenance
        inserted = (provenance.base_title or clause.title, provenance.base_body) if provenance else ("", "")
        return renamed_placeholders(
            inserted,
            (source.title, source.body),
            source.renamed,
            (clause.title, clause.body),
            after,
            self.notice.variables,
        )

    # ----- variants chosen by the practices ---------------------------------------------------
    def variant_swaps(self) -> list[VariantSwap]:
        """The clauses whose variant no longer fits the practices (e.g. 'we do not sell' while
        they record a sale), each with the library variant that does; changes nothing."""
        from notice_studio.core.practices.variants import WHY, variant_swaps

        swaps = []
        for clause_id, wanted in variant_swaps(self.notice):
            clause = self.notice.find(clause_id)
            if self.library.get(wanted) is None or clause.provenance is None:
                continue  # the user's library has no such variant: nothing to offer
            made = self.library.make_clause(wanted, self.notice)
            swaps.append(
                VariantSwap(
                    clause_id,
                    clause.provenance.library_id,
                    wanted,
                    WHY.get(wanted, "it fits the practices"),
                    self.clause_state(clause_id),
                    ClauseState(made.title, made.body, made.provenance),
                    clause.body.strip() != clause.provenance.base_body.strip(),
                )
            )
        return swaps

    def apply_variant_swaps(self, swaps: Sequence[VariantSwap] | None = None) -> list[VariantSwap]:
        """Put the fitting variant in place of each clause (its id and place kept, so references
        still work); the statements and tables made from the practices follow. One edit."""
        from notice_studio.core.practices.generate import regenerate_from_practices

        chosen = list(self.variant_swaps() if swaps is None else swaps)
        if not chosen:
            return []
        message = messages_for_swaps(chosen)
        for swap in chosen:
            self.set_clause_state(swap.clause_id, swap.after, message)
        regenerate_from_practices(self.notice)
        return chosen

    # ----- checks and publishing --------------------------------------------------------------
    def check_context(
        self,
        at: str = "draft",
        *,
        versions: Sequence[Version] | None = None,
        skip: Sequence[str] = (),
        today: dt.date | None = None,
    ) -> CheckContext:
        """The one context for checking the draft (or a published version) of this notice."""
        from notice_studio.core.checks import CheckContext

        versions = list(self.repo.versions() if versions is None else versions)
        published = next((v for v in versions if v.name == at), None)
        # A withdrawn version was never in force: it is neither the latest nor counted as published.
        kept = standing([v for v in versions if published is None or v.number <= published.number])
        latest = published or (kept[-1] if kept else None)
        kwargs: dict[str, object] = {}
        if today is not None:
            kwargs["today"] = today
        return CheckContext(
            library=self.library,
            requirements=self.requirements,
            last_published=latest.effective if latest else None,
            published_count=len(kept),
            published_version=published is not None,
            skip=frozenset(skip),
            **kwargs,  # type: ignore[arg-type]
        )

    def check(
        self,
        at: str = "draft",
        *,
        notice: Notice | None = None,
        versions: Sequence[Version] | None = None,
        skip: Sequence[str] = (),
        today: dt.date | None = None,
        progress: Progress | None = None,
    ) -> CheckReport:
        """Every check on the draft (or version `at`, or a given snapshot of the draft)."""
        from notice_studio.core.checks import run_checks

        target = notice if notice is not None else (self.notice if at == "draft" else self.repo.notice_at(at))
        return run_checks(target, self.check_context(at, versions=versions, skip=skip, today=today), progress)

    def review_publish(
        self,
        *,
        notice: Notice | None = None,
        versions: Sequence[Version] | None = None,
        effective: dt.date | None = None,
        today: dt.date | None = None,
    ) -> PublishReview:
        """The one publishing gate: blocking errors, warnings to acknowledge, the change notice.

        The draft is compared with the version readers will have had in force just before it
        takes effect on `effective`: an upcoming version it replaces never reached them, so the
        change notice tells them of that version's changes too; when none will have been in force,
        it is the first version to take effect. It must differ from the latest version, published
        or still to take effect (`PublishReview.unchanged`)."""
        from notice_studio.core.publishing.schedule import compared_with

        draft = notice if notice is not None else self.notice
        versions = list(self.repo.versions() if versions is None else versions)
        report = self.check(notice=draft, versions=versions, skip=("readability",))
        report = replace(report, findings=(*report.findings, *confirmations(report, self.requirements)))
        latest = standing(versions)[-1] if standing(versions) else None
        base = compared_with(versions, effective, today or dt.date.today())
        latest_notice = self.repo.notice_at(latest.name) if latest else None
        same = base is not None and latest is not None and base.number == latest.number
        published = latest_notice if same else self.repo.notice_at(base.name) if base else None
        gate = review(draft, report, latest, latest_notice, base, published)
        waiting = self.approval_problem()  # the notice may require a reviewer's approval
        return replace(gate, blocking=(*gate.blocking, waiting)) if waiting else gate

    def publish_choice(
        self,
        gate: PublishReview,
        effective: dt.date,
        *,
        change_notice: str | None = None,
        material: bool | None = None,
        reasons: Mapping[str, str] | None = None,
    ) -> PublishChoice:
        """What publishing `gate`'s draft with these choices would record, or why it is refused
        (the same answer for `publish` and a dry run)."""
        from notice_studio.core.importer.dates import offered_effective_date
        from notice_studio.core.publishing.schedule import advance_notice_days

        return choose(
            gate,
            effective,
            change_notice=change_notice,
            material=material,
            reasons=reasons,
            notice_days=advance_notice_days(self.notice),
            stated=offered_effective_date(self.notice.settings),
        )

    def publish(
        self,
        effective: dt.date,
        *,
        change_notice: str | None = None,
        material: bool | None = None,
        approved_by: str = "",
        acknowledged: Sequence[str] | None = None,
        acknowledge_all: bool = False,
        reasons: Mapping[str, str] | None = None,
        save_first: bool = True,
    ) -> Version:
        """Publish the saved draft as the next version, through the one gate.

        Refused while an error blocks; every warning must be in `acknowledged` (or
        `acknowledge_all`, the command line's --force). A warning that needs a reason (a clause
        that lost what a law requires, `PublishReview.needs_reason`) is acknowledged only by a
        reason in `reasons` under its key, even with `acknowledge_all`; the reasons are recorded
        in the version's tag. The drafted change notice and the
        material/editorial suggestion are used where the caller gives none. The app saves through
        its autosave first and passes `save_first=False`.
        """
        if save_first:
            self.save()
        gate = self.review_publish(notice=self.repo.load(), effective=effective)
        if gate.blocking:
            more = f" (and {len(gate.blocking) - 1} more)" if len(gate.blocking) > 1 else ""
            raise NoticeError(f"The draft cannot be published yet: {gate.blocking[0].rstrip('.')}{more}.")
        if gate.unchanged:
            raise NoticeError(gate.unchanged)
        choice = self.publish_choice(gate, effective, change_notice=change_notice, material=material, reasons=reasons)
        if choice.problem:
            raise NoticeError(choice.problem)
        refused = missing_reason(gate.needs_reason, reasons or {})
        if refused:
            raise NoticeError(refused)
        given = set(acknowledged or ()) | {item.warning for item in gate.needs_reason}
        missing = [w for w in choice.warnings if w not in given]
        if missing and not acknowledge_all:
            raise NoticeError(
                f"The draft has {plural(len(missing), 'warning')} to acknowledge, starting with: {missing[0].rstrip('.')}; "
                "review them and acknowledge each one to publish."
            )
        if not approved_by:
            from notice_studio.core.notice.store_remote import draft_approver

            approved_by = draft_approver(self.repo) or ""
        return self.repo.publish(
            effective,
            choice.change_notice,
            choice.material,
            approved_by,
            self.author,
            acknowledged=list(choice.warnings),
            reasons=given_reasons(gate.needs_reason, reasons or {}),
        )

    def replaced_by_publishing(self, version: Version, today: dt.date | None = None) -> tuple[str, ...]:
        """One sentence for each upcoming version that publishing `version` kept from taking effect."""
        from notice_studio.core.publishing.schedule import replacement_notes

        before = [v for v in self.repo.versions() if v.number != version.number]
        return replacement_notes(before, version, today or dt.date.today())

    def withdraw_problem(self, name: str, today: dt.date | None = None) -> str:
        """Why version `name` may not be withdrawn ('' when it may): the app greys its action out."""
        from notice_studio.core.publishing.schedule import withdraw_problem

        return withdraw_problem(self.repo.versions(), name, today or dt.date.today())

    def withdraw(self, name: str, reason: str = "", today: dt.date | None = None) -> Version:
        """Withdraw an upcoming version before it takes effect: recorded in the history (nothing
        is deleted), sent by the next sync; the website, the feed and exports then treat it as
        never in force, and the draft is untouched. A version readers have had stays."""
        problem = self.withdraw_problem(name, today)
        if problem:
            raise NoticeError(problem)
        withdrawn = self.repo.withdraw(name, reason, self.author)
        self.repo.raise_format(self.author)  # an app that knows no withdrawals would take it as upcoming
        return withdrawn

    def restore(self, ref: str) -> str | None:
        """Make an earlier version (or saved edit) the new draft; history is kept, nothing rewritten."""
        self.save()
        commit = self.repo.restore(ref, self.author)
        self.replace_notice(self.repo.load())
        return commit

    # ----- reading ---------------------------------------------------------------------------
    def notice_at(self, at: str = "draft") -> Notice:
        return self.notice if at == "draft" else self.repo.notice_at(at)

    def compare(self, a: str, b: str) -> NoticeDiff:
        """The clause-aligned comparison of two versions ('v1', 'draft' or a saved edit)."""
        from notice_studio.core.diff.notices import diff_notices

        return diff_notices(self.notice_at(a), self.notice_at(b))

    def clause_history(self, clause_id: str, limit: int | None = None) -> list[Edit]:
        """The saved edits that changed one clause's file, newest first; a removed clause's too
        (its history stays readable: the edit that removed it is the newest)."""
        from notice_studio.core.notice.notice_format import clause_path

        edits = self.repo.edits(limit=limit, path=clause_path(clause_id))
        if not edits:
            self.notice.find(clause_id)  # names a clause this notice never had
        return edits

    def clause_title(self, clause_id: str) -> tuple[str, bool]:
        """(the clause's title, whether it is still in the draft); a removed clause's last title."""
        from notice_studio.core.notice.notice_format import clause_path

        if self.notice.has(clause_id):
            return self.notice.find(clause_id).title, True
        for edit in self.repo.edits(path=clause_path(clause_id)):
            earlier = self.repo.notice_at(f"{edit.commit}^")
            if earlier.has(clause_id):
                return earlier.find(clause_id).title, False
        self.notice.find(clause_id)  # names a clause this notice never had
        return clause_id, False

    def export(self, fmt: str, at: str = "draft", *, width: int = 78, bare: bool = False) -> Exported:
        """The notice (draft or version `at`) in one export format, with what the format warns of."""
        from notice_studio.core.export.formats import export_content

        options = self.render_options(at)  # names an unknown version before anything is read
        return export_content(self.notice_at(at), options, fmt, width=width, bare=bare)

    def render_options(self, at: str = "draft") -> RenderOptions:
        """How to label a rendering: published versions carry their effective date; drafts do not."""
        from notice_studio.core.render.renderer import RenderOptions

        if re.fullmatch(r"v\d+", at):
            from notice_studio.core.export.version_banner import exported_note
            from notice_studio.core.publishing.schedule import schedule, takes_effect_after

            version = self.repo.version(at)
            today = dt.date.today()
            later = takes_effect_after(version, today)
            plan = schedule(self.repo.versions(), today)
            never = plan.never_took_effect(version)
            # the version's own language, not the draft's: a version exports past a damaged draft
            note, change_notice = exported_note(version, plan, self.repo.notice_at(at).language or "en")
            return RenderOptions(
                last_updated=version.effective,
                version_label=version.name,
                takes_effect_later=later,
                never_in_force=never,
                version_note=note,
                change_notice=change_notice,
            )
        return RenderOptions()  # the draft, or a saved edit: a draft as it was then


def messages_for_swaps(swaps: Sequence[VariantSwap]) -> str:
    """The one commit message for a set of variant swaps."""
    names = ", ".join(f"'{s.before.title}' is now {s.wanted}" for s in swaps)
    return f"Chose the clause variants that fit the practices ({names})"


def _combined(pending: list[str]) -> str:
    if not pending:
        return messages.edited([])
    return "; ".join(messages.coalesce(pending))
