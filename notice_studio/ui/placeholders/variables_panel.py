"""The Placeholders dock: one field per `{{ placeholder }}` the notice uses, unfilled ones marked."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDockWidget,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.practices.statements import is_generated
from notice_studio.core.text_input import value_problem
from notice_studio.ui import commands
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.palette import UNFILLED, UNFILLED_BACKGROUND, themed, themed_name
from notice_studio.ui.session import Session
from notice_studio.ui.tasks import Debouncer


def _muted() -> str:
    palette = QApplication.palette()
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return QColor(
        (text.red() * 11 + base.red() * 9) // 20,
        (text.green() * 11 + base.green() * 9) // 20,
        (text.blue() * 11 + base.blue() * 9) // 20,
    ).name()


@dataclass
class _Row:
    """The widgets of one placeholder: its label, field, help line and the container."""

    name: str
    label: QLabel
    field: QLineEdit
    help: QLabel
    box: QWidget
    used: bool = True
    help_text: str = ""
    refused: str = ""
    """Why the value in the field was not saved ('' when it was), shown in place of the help."""


class VariablesDock(QDockWidget):
    """Fill in the notice's placeholders; every change is a SetVariable undo command."""

    def __init__(self, state: AppState, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Placeholders", parent)
        self.state, self.nav = state, nav
        self.session: Session | None = None
        self.rows: dict[str, _Row] = {}
        self._usage: dict[str, list[str]] | None = None
        self._order: list[str] = []
        self._restructure = Debouncer(300, self._restructured, self)
        self._unfilled_base = themed(UNFILLED_BACKGROUND)
        self._unfilled_label = themed_name(UNFILLED)
        self._muted = _muted()

        self.count = QLabel("No notice is open.")
        self.count.setAccessibleName("How many placeholders are unfilled")
        bold = QFont(self.count.font())
        bold.setBold(True)
        self.count.setFont(bold)
        self.only_unfilled = QCheckBox("&Unfilled only")
        self.only_unfilled.setAccessibleName("Show unfilled placeholders only")
        self.only_unfilled.toggled.connect(lambda *_: self._apply_filter())

        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.form.setVerticalSpacing(10)
        self.empty = QLabel("")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {self._muted}")
        self.empty.hide()
        host = QWidget()
        host_layout = QVBoxLayout(host)
        host_layout.setContentsMargins(8, 6, 8, 8)
        host_layout.addWidget(self.form_host)
        host_layout.addWidget(self.empty)
        host_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        # The form follows the panel's width (labels and help wrap); nothing is cut off on the right.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(host)
        self.scroll_area.setAccessibleName("Placeholder values")

        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 8, 0)
        top.addWidget(self.count, 1)
        top.addWidget(self.only_unfilled)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        self.setWidget(body)
        self.setMinimumWidth(260)

        state.session_changed.connect(self._session_changed)
        state.library_loaded.connect(lambda *_: self._refresh_specs())
        self._session_changed(state.session)

    # ----- following the session --------------------------------------------------------------
    def _session_changed(self, session: Session | None) -> None:
        if self.session is not None:
            for signal, slot in self._connections():
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
        self.session = session
        self._usage = None
        if session is not None:
            for signal, slot in self._connections():
                signal.connect(slot)
        self.rebuild()

    def _connections(self) -> list:
        assert self.session is not None
        return [
            (self.session.variables_changed, self.rebuild),
            (self.session.structure_changed, self._text_changed),
            (self.session.clause_changed, self._text_changed),
            (self.session.notice_replaced, self._replaced),
        ]

    def _text_changed(self, *_args: object) -> None:
        # Typing may add or remove a placeholder; compare names after a pause, not per keystroke.
        self._usage = None
        self._restructure.poke()

    def _restructured(self) -> None:
        self.rebuild()
        self._refresh_specs()  # "Used in ..." follows renamed and moved clauses

    def _replaced(self) -> None:
        self._usage = None
        self.rebuild()

    def usage(self) -> dict[str, list[str]]:
        """Placeholder name -> titles of the clauses using it, in reading order (cached)."""
        if self._usage is None:
            found: dict[str, list[str]] = {}
            for clause in self.session.notice.all_clauses() if self.session else []:
                for name in clause.placeholders():
                    found.setdefault(name, []).append(clause.title)
            self._usage = found
        return self._usage

    def _names(self) -> tuple[list[str], list[str]]:
        """(placeholders used in reading order, values set but no longer used)."""
        if self.session is None:
            return [], []
        notice = self.session.notice
        used = list(self.usage())
        # A set-but-unused value being cleared keeps its row while its field has the focus.
        unused = sorted(
            n
            for n, v in notice.variables.items()
            if n not in used and (v.strip() or (n in self.rows and self.rows[n].field.hasFocus()))
        )
        unused += [n for n, row in self.rows.items() if n not in used and n not in unused and row.field.hasFocus()]
        return used, unused

    # ----- building the form ------------------------------------------------------------------
    def rebuild(self) -> None:
        """Lay out one row per placeholder, reusing existing fields (keeps focus and cursor)."""
        used, unused = self._names()
        order = used + unused
        if order == self._order and all(self.rows[n].used == (n in used) for n in order):
            self._variables_changed()
            return
        while self.form.rowCount():
            self.form.takeRow(0)
        for name in list(self.rows):
            if name not in order:
                row = self.rows.pop(name)
                row.label.deleteLater()
                row.box.deleteLater()
        for name in order:
            row = self.rows.get(name) or self._make_row(name)
            self.rows[name] = row
            row.used = name in used
            self.form.addRow(row.label, row.box)
        self._order = order
        self._chain_tab_order()
        self._refresh_specs()
        self._variables_changed()

    def _chain_tab_order(self) -> None:
        """Tab goes from 'Unfilled only' through the fields in the form's order. Fields made after
        the window joined its focus chain at the very end, so Tab left the panel without reaching them."""
        previous: QWidget = self.only_unfilled
        for name in self._order:
            field = self.rows[name].field
            QWidget.setTabOrder(previous, field)
            previous = field

    def _make_row(self, name: str) -> _Row:
        label = QLabel(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # labels and help come from library files
        label.setWordWrap(True)  # a long label wraps instead of widening the form past the panel
        field = QLineEdit()
        if is_generated(name):  # written from the practices: shown, never typed over
            field.setReadOnly(True)
        else:
            field.setClearButtonEnabled(True)
            field.textEdited.connect(lambda text, n=name: self._edited(n, text))
        label.setBuddy(field)
        help_label = QLabel("")
        help_label.setTextFormat(Qt.TextFormat.PlainText)
        help_label.setWordWrap(True)
        small = QFont(help_label.font())
        small.setPointSizeF(small.pointSizeF() * 0.88)
        help_label.setFont(small)
        help_label.setPalette(self._text_palette(self._muted))
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(field)
        box_layout.addWidget(help_label)
        return _Row(name, label, field, help_label, box)

    def _refresh_specs(self) -> None:
        """Labels, help and examples from the library (shared variables or the declaring clause)."""
        library = self.state.library
        for name, row in self.rows.items():
            spec = library.variable_spec(name) if library is not None else None
            label = spec.label if spec and spec.label else name
            where = self._used_in(name)
            help_text = spec.help if spec else ""
            row.label.setText(label)
            row.field.setAccessibleName(label)
            row.field.setAccessibleDescription(help_text)
            row.field.setPlaceholderText(f"e.g. {spec.example}" if spec and spec.example else "")
            tip = [f"{{{{ {name} }}}}"]
            if help_text:
                tip.append(help_text)
            tip.append(f"Used in: {where}" if where else "Not used in the notice any more; clear it or leave it.")
            row.field.setToolTip("\n".join(tip))
            row.label.setToolTip("\n".join(tip))
            small = f"{help_text} " if help_text else ""
            row.help_text = small + (f"Used in {where}." if row.used else "Not used in the notice any more.")
            self._show_help(row)

    def _used_in(self, name: str) -> str:
        titles = self.usage().get(name, [])
        if len(titles) > 2:
            return f"‘{titles[0]}’ and {len(titles) - 1} other clauses"
        return " and ".join(f"‘{t}’" for t in titles)

    # ----- values -----------------------------------------------------------------------------
    def _edited(self, name: str, text: str) -> None:
        if self.session is None:
            return
        problem = value_problem(text, f"The value of {{{{ {name} }}}}")  # the core's rule, said as it is typed
        row = self.rows.get(name)
        if row is not None and row.refused != problem:
            row.refused = problem
            self._show_help(row)
        if not problem:  # a refused value stays in the field to be corrected; nothing is saved
            self.session.undo_stack.push(commands.SetVariable(self.session, name, text))

    def _show_help(self, row: _Row) -> None:
        row.help.setText(row.refused or row.help_text)
        row.help.setVisible(bool(row.help.text()))

    def _variables_changed(self) -> None:
        """Show the model's values (undo, redo, the command line) without disturbing typing."""
        if self.session is None:
            self._update_count()
            return
        values = self.session.notice.variables
        for name, row in self.rows.items():
            value = values.get(name, "")
            if row.field.text() != value:
                position = row.field.cursorPosition()
                row.field.setText(value)
                if row.field.hasFocus():
                    row.field.setCursorPosition(min(position, len(value)))
            self._style_row(row, bool(value.strip()))
        self._update_count()
        self._apply_filter()

    def _style_row(self, row: _Row, filled: bool) -> None:
        palette = QPalette(self.palette())
        if not filled and row.used:
            palette.setColor(QPalette.ColorRole.Base, self._unfilled_base)
        row.field.setPalette(palette)
        font = QFont(row.label.font())
        font.setBold(row.used)
        row.label.setFont(font)
        state = "unused" if not row.used else ("unfilled" if not filled else "filled")
        row.field.setProperty("placeholderState", state)
        if row.label.property("placeholderState") != state:
            row.label.setProperty("placeholderState", state)
            colour = {"unused": self._muted, "unfilled": self._unfilled_label}.get(state, "")
            row.label.setPalette(self._text_palette(colour))

    @staticmethod
    def _text_palette(colour: str) -> QPalette:
        """Only this text colour ('' for the usual one); every other role follows the panel. A
        palette, not a style sheet: a sheet per label restyled every row one by one on opening."""
        palette = QPalette()
        if colour:
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        return palette

    def _update_count(self) -> None:
        used, _unused = self._names()
        if self.session is None:
            self.count.setText("No notice is open.")
            self.empty.setText("Open a notice to fill in its placeholders.")
            self.empty.setVisible(True)
            return
        values = self.session.notice.variables
        unfilled = [n for n in used if not values.get(n, "").strip()]
        if not used:
            self.count.setText("No placeholders")
        elif unfilled:
            self.count.setText(f"{len(unfilled)} of {len(used)} unfilled")
        else:
            self.count.setText(f"✓ All {len(used)} filled in")
        self.count.setStyleSheet(f"color: {self._unfilled_label}" if unfilled else "")
        self.empty.setText("This notice uses no {{ placeholders }}." if not used else "Every placeholder is filled in.")
        self.empty.setVisible(not used or (self.only_unfilled.isChecked() and not unfilled))

    def unfilled_count(self) -> int:
        used, _ = self._names()
        values = self.session.notice.variables if self.session else {}
        return sum(1 for n in used if not values.get(n, "").strip())

    def _apply_filter(self) -> None:
        only = self.only_unfilled.isChecked()
        values = self.session.notice.variables if self.session else {}
        for index, name in enumerate(self._order):
            row = self.rows[name]
            filled = bool(values.get(name, "").strip())
            # The field being typed in stays put even once it is filled.
            visible = not only or (row.used and not filled) or row.field.hasFocus()
            self.form.setRowVisible(index, visible)
        self._update_count()

    def focus_placeholder(self, name: str) -> None:
        """Scroll to a placeholder's field and put the cursor in it."""
        row = self.rows.get(name)
        if row is None:
            return
        self.show()
        self.raise_()
        self.scroll_area.ensureWidgetVisible(row.box)
        row.field.setFocus(Qt.FocusReason.OtherFocusReason)
