"""Step 2 of the import: the detected sections, their text, and the adjustments counsel can make.

Every adjustment calls one of the importer's pure edit functions and keeps the outline it
replaced, so Ctrl+Z walks back through them.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.importer import (
    PASTED,
    ImportedOutline,
    merge,
    move_levels,
    remove,
    rename,
    set_topics,
    split,
)
from notice_studio.core.importer.outline import MAX_LEVEL, can_move, drop_paragraph, sections_in_words, split_inside
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.wording import plural
from notice_studio.ui.checks.checks_report import severity_color
from notice_studio.ui.importing.import_parts import heading_label
from notice_studio.ui.importing.import_widgets import (
    INDEX_ROLE,
    Roomy,
    TopicsPicker,
    WrappedText,
    shown_paragraph,
    topic_labels,
)
from notice_studio.ui.palette import muted_color

FORMAT_NAMES = {
    "txt": "plain text",
    "md": "Markdown",
    "html": "a saved web page",
    "docx": "a Word document",
    "pdf": "a PDF file",
}
_INDEX = INDEX_ROLE


class PreviewPage(QWidget):
    """The outline as found, the selected section's paragraphs, and the buttons that adjust it."""

    changed = Signal()  # the outline was adjusted (or an adjustment undone)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outline: ImportedOutline | None = None
        self._undo: list[tuple[ImportedOutline, int, str]] = []
        self._redo: list[tuple[ImportedOutline, int, str]] = []
        self._filling = False
        self._build()

    # ----- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading_label("Check the sections"))
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What the import found")
        layout.addWidget(self.summary)

        actions = QHBoxLayout()
        self.merge_button = self._button(
            "&Merge with previous",
            "Join this section to the one above it; its heading becomes a line of text",
            self.merge_current,
        )
        self.rename_button = self._button(
            "&Rename", "Change the section's title (or press F2, or double-click it)", self.start_rename
        )
        self.indent_button = self._button(
            "Make s&ub-section",
            "Move the chosen sections one level down, each into the section above it (Alt+Shift+Right); "
            "Shift+click or Ctrl+click rows to choose several",
            lambda: self.set_level_current(1),
        )
        self.outdent_button = self._button(
            "Move up a &level",
            "Move the chosen sections one level up, each with its own sub-sections (Alt+Shift+Left)",
            lambda: self.set_level_current(-1),
        )
        self.topics_button = self._button("&Topics…", "Choose the topics this section covers", self.choose_topics)
        self.remove_button = self._button(
            "Remo&ve",
            "Leave the chosen sections and their text out, e.g. page furniture the import kept (Delete)",
            self.remove_current,
        )
        for button in (
            self.merge_button,
            self.rename_button,
            self.indent_button,
            self.outdent_button,
            self.topics_button,
            self.remove_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.undo_button = self._button("Un&do", "Undo the last adjustment (Ctrl+Z)", self.undo)
        actions.addWidget(self.undo_button)
        layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Sections found")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Section", "Original no.", "Topics", "Words"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegate(Roomy(self.tree))
        # several rows at once (Shift or Ctrl+click): the headings an empty section grouped, moved
        # under it together, or page furniture left out together
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemChanged.connect(self._item_edited)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(2, self.fontMetrics().averageCharWidth() * 40)
        splitter.addWidget(self.tree)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.text_label = QLabel("")
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.text_label.font())
        bold.setBold(True)
        self.text_label.setFont(bold)
        right_layout.addWidget(self.text_label)
        self.paragraphs = QTreeWidget()
        self.paragraphs.setAccessibleName("Paragraphs of the selected section")
        self.paragraphs.setHeaderLabels(["¶", "Text"])
        self.paragraphs.setRootIsDecorated(False)
        self.paragraphs.setWordWrap(True)
        self.paragraphs.setUniformRowHeights(False)
        self.paragraphs.setAlternatingRowColors(True)
        self.paragraphs.setItemDelegate(WrappedText(self.paragraphs, 1))
        self.paragraphs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.paragraphs.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.paragraphs.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.paragraphs.header().setStretchLastSection(True)
        self.paragraphs.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # Rows are measured at the column's width, so a new width needs new row heights.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.paragraphs.doItemsLayout)
        self.paragraphs.header().sectionResized.connect(lambda *_: self._relayout.start())
        self.paragraphs.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.paragraphs.itemDoubleClicked.connect(lambda *_: self.split_current())
        right_layout.addWidget(self.paragraphs, 1)
        split_row = QHBoxLayout()
        self.split_hint = QLabel("Select the paragraph that should begin a new section (or double-click it).")
        self.split_hint.setWordWrap(True)
        split_row.addWidget(self.split_hint, 1)
        self.split_button = self._button(
            "S&plit here", "Start a new section at the selected paragraph", self.split_current
        )
        split_row.addWidget(self.split_button, 0, Qt.AlignmentFlag.AlignTop)
        right_layout.addLayout(split_row)
        # Inside a paragraph: put the cursor in the line or sentence that should begin a section.
        self.paragraph_text = QPlainTextEdit()
        self.paragraph_text.setReadOnly(True)
        self.paragraph_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.paragraph_text.setAccessibleName("Text of the selected paragraph")
        self.paragraph_text.setMaximumHeight(110)
        self.paragraph_text.setPlaceholderText("Select a paragraph to split it at a line or sentence inside it.")
        self.paragraph_text.cursorPositionChanged.connect(self._update_buttons)
        right_layout.addWidget(self.paragraph_text)
        inside_row = QHBoxLayout()
        inside_row.addStretch(1)
        self.split_inside_button = self._button(
            "Split at curs&or",
            "Start a new section at the line or sentence where the cursor is in the paragraph's text",
            self.split_inside_current,
        )
        inside_row.addWidget(self.split_inside_button)
        self.drop_paragraph_button = self._button(
            "&Drop paragraph", "Leave the selected paragraph out (page furniture the import kept)", self.drop_current
        )
        inside_row.addWidget(self.drop_paragraph_button)
        right_layout.addLayout(inside_row)
        self.paragraphs.currentItemChanged.connect(lambda *_: self._show_paragraph())
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 430])
        layout.addWidget(splitter, 1)

        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Last adjustment")
        layout.addWidget(self.status)

        self.extra_toggle = QToolButton()
        self.extra_toggle.setCheckable(True)
        self.extra_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.extra_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.extra_toggle.setAutoRaise(True)
        self.extra_toggle.setAccessibleName("Show what was left out and the import's notes")
        self.extra_toggle.toggled.connect(self._toggle_extra)
        layout.addWidget(self.extra_toggle)
        self.extra = QLabel("")
        self.extra.setWordWrap(True)
        self.extra.setTextFormat(Qt.TextFormat.RichText)
        self.extra.setAccessibleName("What was left out and the import's notes")
        self.extra.setVisible(False)
        layout.addWidget(self.extra)

        for key, slot in (
            ("Alt+Shift+Right", lambda: self.set_level_current(1)),
            ("Alt+Shift+Left", lambda: self.set_level_current(-1)),
            ("Delete", self.remove_current),
        ):
            action = QAction(self.tree)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.tree.addAction(action)
        self._update_buttons()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAccessibleDescription(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: slot())
        return button

    # ----- the outline ------------------------------------------------------------------------
    def load(self, outline: ImportedOutline) -> None:
        """Show a freshly imported outline (forgetting earlier adjustments)."""
        self._undo.clear()
        self._redo.clear()
        self._set_status("")
        self._show_outline(outline, 0)
        self._fill_extra()

    def _show_outline(self, outline: ImportedOutline, select: int) -> None:
        self.outline = outline
        self._filling = True
        try:
            self.tree.clear()
            above: list[QTreeWidgetItem] = []  # the row at each level above the next one
            muted = muted_color()
            for index, section in enumerate(outline.sections):
                labels = topic_labels(section.topics)
                empty = outline.without_text(index)
                item = QTreeWidgetItem(
                    [
                        section.title,
                        section.original_number or "—",
                        ", ".join(labels) or "none found",
                        "no text" if empty else f"{section.word_count:,}",
                    ]
                )
                if empty:
                    item.setToolTip(3, _no_text(section.level))
                item.setData(0, _INDEX, index)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
                tip = f"{section.title}\n\nTaken as a heading: {section.evidence or 'chosen by hand'}."
                if section.source is not None:
                    where = "paragraph" if outline.format == "docx" else "line"
                    tip += f"\nIn the original at {where} {section.source}."
                item.setToolTip(0, tip)
                item.setToolTip(1, "The number the original gave this heading (Notice Studio numbers sections itself).")
                item.setToolTip(
                    2,
                    "\n".join(labels) + (f"\n\nWhy: {section.topic_evidence}" if section.topic_evidence else "")
                    if labels
                    else "No library topic recognised; choose one with Topics…",
                )
                if not labels or section.original_number == "":
                    for col in ((2,) if not labels else ()) + ((1,) if not section.original_number else ()):
                        item.setForeground(col, muted)
                if section.level == 1:
                    font = QFont(item.font(0))
                    font.setBold(True)
                    item.setFont(0, font)
                del above[section.level - 1 :]
                if above:
                    above[-1].addChild(item)
                else:
                    self.tree.addTopLevelItem(item)
                above.append(item)
            self.tree.expandAll()
            self.tree.setColumnHidden(1, not any(s.original_number for s in outline.sections))
        finally:
            self._filling = False
        self._summarise()
        self.select(min(select, len(outline.sections) - 1))

    def items(self) -> list[QTreeWidgetItem]:
        """The section rows in outline order."""
        result: list[QTreeWidgetItem] = []

        def visit(item: QTreeWidgetItem | None) -> None:
            if item is not None:
                result.append(item)
                for n in range(item.childCount()):
                    visit(item.child(n))

        for top in range(self.tree.topLevelItemCount()):
            visit(self.tree.topLevelItem(top))
        return result

    def select(self, index: int) -> None:
        items = self.items()
        if 0 <= index < len(items):
            self.tree.setCurrentItem(items[index])
            self.tree.scrollToItem(items[index])
        self._show_current()

    def chosen_indices(self) -> list[int]:
        """The rows chosen (several with Shift or Ctrl+click), in outline order; else the current row."""
        chosen = sorted(int(item.data(0, _INDEX)) for item in self.tree.selectedItems())
        current = self.current_index()
        return chosen or ([current] if current >= 0 else [])

    def choose(self, indices: list[int]) -> None:
        """Select these rows, the first one current."""
        items = self.items()
        wanted = [items[i] for i in indices if 0 <= i < len(items)]
        if not wanted:
            return
        self.tree.setCurrentItem(wanted[0])
        for item in wanted[1:]:
            item.setSelected(True)

    def current_index(self) -> int:
        item = self.tree.currentItem()
        return int(item.data(0, _INDEX)) if item is not None else -1

    def current_paragraph(self) -> int:
        item = self.paragraphs.currentItem()
        return int(item.data(0, _INDEX)) if item is not None else -1

    def select_paragraph(self, number: int) -> None:
        item = self.paragraphs.topLevelItem(number) if number >= 0 else None
        if item is not None:
            self.paragraphs.setCurrentItem(item)

    def _summarise(self) -> None:
        outline = self.outline
        if outline is None:
            return
        kind = FORMAT_NAMES.get(outline.format, outline.format)
        if outline.source_name == PASTED:
            kind = "with its headings" if outline.format == "html" else "as plain text"
        parts = sections_in_words(s.level for s in outline.sections)
        empty = sum(outline.without_text(index) for index in range(len(outline)))
        self.summary.setText(
            f"Found {parts} in <b>{html.escape(outline.source_name)}</b> ({kind}), titled "
            f"<b>{html.escape(outline.title)}</b>. Each section becomes one clause. Where the import guessed "
            "wrong, merge, split, rename or re-level a section; hover over a row to see why it was taken as a heading."
            + (f" <b>{plural(empty, 'section')} with no text</b> would block publishing." if empty else "")
        )

    def _show_current(self) -> None:
        index = self.current_index()
        self.paragraphs.clear()
        if self.outline is None or index < 0:
            self.text_label.setText("")
            self._update_buttons()
            return
        section = self.outline.sections[index]
        self.text_label.setText(f"Text of “{section.title}”")
        for number, paragraph in enumerate(section.paragraphs):
            item = QTreeWidgetItem([str(number + 1), shown_paragraph(paragraph)])
            item.setData(0, _INDEX, number)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            item.setForeground(0, muted_color())
            self.paragraphs.addTopLevelItem(item)
        if not section.paragraphs:
            placeholder = QTreeWidgetItem(
                [
                    "",
                    _no_text(section.level)
                    if self.outline.without_text(index)
                    else "This section has no text of its own; its sub-sections follow it.",
                ]
            )
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            placeholder.setData(0, _INDEX, -1)
            self.paragraphs.addTopLevelItem(placeholder)
        self._update_buttons()

    def _fill_extra(self) -> None:
        outline = self.outline
        dropped = outline.dropped if outline else ()
        notes = outline.notes if outline else ()
        parts = []
        if dropped:
            parts.append(f"{plural(len(dropped), 'piece')} of page furniture left out")
        if notes:
            parts.append(f"{plural(len(notes), 'note')} from the import")
        self.extra_toggle.setText(" and ".join(parts).capitalize())
        self.extra_toggle.setVisible(bool(parts))
        self.extra_toggle.setChecked(False)
        body = []
        if dropped:
            body.append(
                "<b>Left out as page furniture</b> (not part of the notice): "
                + "; ".join(html.escape(d) for d in dropped)
                + "."
            )
        body += [f"<b>Note:</b> {html.escape(n)}" for n in notes]
        self.extra.setText("<br>".join(body))

    def _toggle_extra(self, on: bool) -> None:
        self.extra_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.extra.setVisible(on)

    def _update_buttons(self) -> None:
        outline, index = self.outline, self.current_index()
        sections = outline.sections if outline is not None else ()
        has = 0 <= index < len(sections)
        self.merge_button.setEnabled(has and index > 0)
        self.rename_button.setEnabled(has)
        chosen = self.chosen_indices() if has else []
        self.indent_button.setEnabled(outline is not None and can_move(outline, chosen, 1))
        self.outdent_button.setEnabled(outline is not None and can_move(outline, chosen, -1))
        self.topics_button.setEnabled(has)
        self.remove_button.setEnabled(has and len(chosen) < len(sections))
        self.split_button.setEnabled(has and self.current_paragraph() >= 0)
        self.split_inside_button.setEnabled(
            has and self.current_paragraph() >= 0 and self.paragraph_text.textCursor().position() > 0
        )
        self.drop_paragraph_button.setEnabled(has and self.current_paragraph() >= 0)
        self.undo_button.setEnabled(bool(self._undo))
        self.undo_button.setToolTip(f"Undo: {self._undo[-1][2]} (Ctrl+Z)" if self._undo else "Nothing to undo")

    def _set_status(self, text: str, error: bool = False) -> None:
        color = severity_color("error").name() if error else muted_color().name()
        self.status.setStyleSheet(f"color: {color};")
        self.status.setText(text)

    # ----- adjustments ------------------------------------------------------------------------
    def apply(
        self, description: str, edit: Callable[..., ImportedOutline], *args: object, select: int | None = None
    ) -> bool:
        """Replace the outline with `edit(outline, *args)`, keeping the old one for undo."""
        if self.outline is None:
            return False
        before = self.current_index()
        try:
            outline = edit(self.outline, *args)
        except NoticeError as exc:
            self._set_status(str(exc), error=True)
            return False
        self._undo.append((self.outline, before, description))
        self._redo.clear()
        self._show_outline(outline, before if select is None else select)
        self._set_status(f"{description}. Ctrl+Z undoes it.")
        self.changed.emit()
        return True

    def undo(self) -> None:
        if not self._undo or self.outline is None:
            return
        outline, index, description = self._undo.pop()
        self._redo.append((self.outline, self.current_index(), description))
        self._show_outline(outline, index)
        self._set_status(f"Undone: {description}.")
        self.changed.emit()

    def redo(self) -> None:
        if not self._redo or self.outline is None:
            return
        outline, index, description = self._redo.pop()
        self._undo.append((self.outline, self.current_index(), description))
        self._show_outline(outline, index)
        self._set_status(f"{description}. Ctrl+Z undoes it.")
        self.changed.emit()

    def _title(self, index: int) -> str:
        return self.outline.sections[index].title if self.outline else ""

    def merge_current(self) -> None:
        index = self.current_index()
        if index > 0:
            self.apply(f"Merged “{self._title(index)}” into “{self._title(index - 1)}”", merge, index, select=index - 1)

    def split_current(self) -> None:
        index, paragraph = self.current_index(), self.current_paragraph()
        if index >= 0 and paragraph >= 0:
            self.apply(
                f"Split “{self._title(index)}” at paragraph {paragraph + 1}", split, index, paragraph, select=index + 1
            )

    def _show_paragraph(self) -> None:
        index, paragraph = self.current_index(), self.current_paragraph()
        text = ""
        if self.outline is not None and index >= 0 and paragraph >= 0:
            text = self.outline.sections[index].paragraphs[paragraph]
        self.paragraph_text.setPlainText(text)
        self._update_buttons()

    def split_inside_current(self) -> None:
        index, paragraph = self.current_index(), self.current_paragraph()
        offset = self.paragraph_text.textCursor().position()
        if index >= 0 and paragraph >= 0:
            self.apply(
                f"Split “{self._title(index)}” inside paragraph {paragraph + 1}",
                split_inside,
                index,
                paragraph,
                offset,
                select=index + 1,
            )

    def drop_current(self) -> None:
        index, paragraph = self.current_index(), self.current_paragraph()
        if index >= 0 and paragraph >= 0:
            self.apply(
                f"Dropped paragraph {paragraph + 1} of “{self._title(index)}”",
                drop_paragraph,
                index,
                paragraph,
                select=index,
            )

    def start_rename(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.setFocus()
            self.tree.editItem(item, 0)

    def rename_current(self, title: str) -> bool:
        index = self.current_index()
        if index < 0 or " ".join(title.split()) == self._title(index):
            return False
        return self.apply(f"Renamed “{self._title(index)}” to “{' '.join(title.split())}”", rename, index, title)

    def _item_edited(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0 or self.outline is None:
            return
        index, title = int(item.data(0, _INDEX)), item.text(0)
        # Rebuilding the tree inside the editor's commit would pull the row from under it.
        QTimer.singleShot(0, lambda: self._finish_rename(index, title))

    def _finish_rename(self, index: int, title: str) -> None:
        if self.outline is None or index >= len(self.outline.sections):
            return
        if index != self.current_index():
            self.select(index)
        if not self.rename_current(title):
            self._show_outline(self.outline, index)  # empty or unchanged: show the title as it is

    def set_level_current(self, step: int) -> None:
        """The chosen rows one level down (1) or up (-1), where the outline can hold them."""
        chosen = self.chosen_indices()
        button = self.indent_button if step > 0 else self.outdent_button
        if not chosen or self.outline is None or not button.isEnabled():
            return
        if len(chosen) > 1:
            what = f"{len(chosen)} sections"
            done = f"Made {what} sub-sections" if step > 0 else f"Moved {what} up a level"
        else:
            title = self._title(chosen[0])
            level = self.outline.sections[chosen[0]].level + step
            done = (
                f"Made “{title}” a sub-section"
                if step > 0
                else f"Made “{title}” a section of its own"
                if level == 1
                else f"Moved “{title}” up a level"
            )
        if self.apply(done, move_levels, chosen, step, select=chosen[0]):
            self.choose(chosen)  # still chosen: press again to move them further

    def choose_topics(self) -> None:
        index = self.current_index()
        if index < 0 or self.outline is None:
            return
        picker = TopicsPicker(self.outline.sections[index].topics, self._title(index), self)
        if picker.exec():
            chosen = picker.chosen()
            if tuple(chosen) != self.outline.sections[index].topics:
                self.apply(f"Chose the topics of “{self._title(index)}”", set_topics, index, chosen)

    def remove_current(self) -> None:
        chosen = self.chosen_indices()
        if chosen:
            what = f"“{self._title(chosen[0])}”" if len(chosen) == 1 else f"{len(chosen)} sections"
            self.apply(f"Left out {what}", remove, chosen, select=chosen[0])


def _no_text(level: int) -> str:
    """What to do about a section with no text (it would block publishing)."""
    if level < MAX_LEVEL:
        return (
            "This section has no text, which blocks publishing. Often the original grouped the headings "
            "below it: make those its sub-sections (Shift+click the last one to choose them all, then "
            "Make sub-section), merge it with the next one, or remove it."
        )
    return "This section has no text, which blocks publishing: merge it with the next one, or remove it."
