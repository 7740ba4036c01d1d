"""The Practices dock: the data inventory the notice must agree with.

Yes/no answers as check boxes, the categories at a glance, and the whole inventory as YAML for
everything else; every change goes through `apply` (one commit, like any edit). The dock holds no
rule: reading, validation and what a change implies are core's (`core/practices`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.model import Notice
from notice_studio.core.practices.actions import practices_problem
from notice_studio.core.practices.generate import sale_column
from notice_studio.core.practices.model import CCPA_CATEGORIES, COOKIE_CONSENT, Practices
from notice_studio.core.practices.practices_format import PRACTICES_FILE, practices_yaml, read_practices
from notice_studio.core.workspace import VariantSwap

ApplyPractices = Callable[[Practices, str], None]
"""Make these the notice's practices and save them, with this commit message."""
ApplyVariants = Callable[[list[VariantSwap]], None]
"""Put these variant swaps in place (one undoable edit)."""

_FLAGS: tuple[tuple[str, str], ...] = (
    ("children.directed_to_children", "Directed to children under 13 (COPPA)"),
    ("children.minors_users", "Used by minors (under 18)"),
    ("children.under_16_sold_or_shared", "Information of under-16s sold or shared"),
    ("automated_decisions", "Decisions made solely by automated means"),
    ("ai_training", "Personal information used to train AI models"),
)


def _get(p: Practices, path: str) -> bool:
    target: object = p
    for part in path.split("."):
        target = getattr(target, part)
    return bool(target)


def _set(p: Practices, path: str, value: bool) -> None:
    *parents, last = path.split(".")
    target: object = p
    for part in parents:
        target = getattr(target, part)
    setattr(target, last, value)


class PracticesDock(QDockWidget):
    """Edit the practices of the open notice; `load` returns it, `apply` saves a change."""

    def __init__(
        self,
        load: Callable[[], Notice | None],
        apply: ApplyPractices,
        parent: QWidget | None = None,
        *,
        variants: Callable[[], list[VariantSwap]] | None = None,
        apply_variants: ApplyVariants | None = None,
    ) -> None:
        super().__init__("Practices", parent)
        self.setObjectName("practices-dock")
        self._load, self._apply = load, apply
        self._variants, self._apply_variants = variants, apply_variants
        self.swaps: list[VariantSwap] = []
        self._showing = False

        self.flags: dict[str, QCheckBox] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow at a large font
        for path, label in _FLAGS:
            box = QCheckBox(label)
            box.setAccessibleName(label)
            box.toggled.connect(lambda on, p=path, text=label: self._flag(p, text, on))
            self.flags[path] = box
            form.addRow(box)
        self.cookies = QComboBox()
        self.cookies.setAccessibleName("Cookie consent")
        self.cookies.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cookies.setMinimumContentsLength(16)
        for value in COOKIE_CONSENT:
            self.cookies.addItem(
                {"opt-in": "Asked before non-essential cookies", "opt-out": "Set until refused", "none": "None"}[value],
                value,
            )
        self.cookies.currentIndexChanged.connect(lambda *_: self._cookies_changed())
        form.addRow("Cookies:", self.cookies)
        self.sale = QLabel("")
        self.sale.setWordWrap(True)
        self.sale.setTextFormat(Qt.TextFormat.PlainText)
        self.sale.setAccessibleName("Selling and sharing")
        form.addRow("Sold or shared:", self.sale)

        self.categories = QTreeWidget()
        self.categories.setAccessibleName("Categories of personal information")
        self.categories.setHeaderLabels(["Category", "CCPA category", "Kept for", "Sold or shared"])
        self.categories.setRootIsDecorated(False)
        self.categories.setWordWrap(True)

        self.text = QPlainTextEdit()
        self.text.setAccessibleName(f"{PRACTICES_FILE} as text")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.save_text = QPushButton("&Apply text")
        self.save_text.setAccessibleName("Apply the edited practices text")
        self.save_text.clicked.connect(self.apply_text)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName("Problem in the practices text")
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.save_text)

        # Clause variants that no longer fit the practices: proposed, applied by one button.
        self.variants_text = QLabel("")
        self.variants_text.setWordWrap(True)
        self.variants_text.setTextFormat(Qt.TextFormat.PlainText)
        self.variants_text.setAccessibleName("Clause variants that no longer fit the practices")
        self.apply_variants_button = QPushButton("Use the &fitting variants")
        self.apply_variants_button.setAccessibleName("Replace these clauses with the variants that fit the practices")
        self.apply_variants_button.clicked.connect(self.apply_swaps)
        variants_row = QVBoxLayout()  # the panel is narrow: the text gets the full width
        variants_row.setContentsMargins(0, 0, 0, 0)
        variants_row.addWidget(self.variants_text)
        variants_row.addWidget(self.apply_variants_button, 0, Qt.AlignmentFlag.AlignRight)
        self.variants_box = QWidget()
        self.variants_box.setLayout(variants_row)
        self.variants_box.setVisible(False)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(form)
        layout.addWidget(self.variants_box)
        layout.addWidget(self.categories, 1)
        everything_else = QLabel("Everything else (sources, purposes, recipients, transfers) as YAML:")
        everything_else.setWordWrap(True)  # the panel stays narrow at a large system font
        layout.addWidget(everything_else)
        layout.addWidget(self.text, 2)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.refresh()

    # ----- showing ---------------------------------------------------------------------------
    def practices(self) -> Practices | None:
        notice = self._load()
        return notice.practices if notice is not None else None

    def refresh(self) -> None:
        """Show the notice's practices again (after any change, undo or reload)."""
        practices = self.practices()
        self._showing = True
        try:
            enabled = practices is not None
            for path, box in self.flags.items():
                box.setEnabled(enabled)
                box.setChecked(bool(practices and _get(practices, path)))
            self.cookies.setEnabled(enabled)
            if practices is not None:
                self.cookies.setCurrentIndex(max(0, self.cookies.findData(practices.cookies.consent)))
            self.sale.setText(self._sale_text(practices))
            self.categories.clear()
            for category in practices.categories if practices else []:
                item = QTreeWidgetItem(
                    [
                        category.label,
                        CCPA_CATEGORIES.get(category.ccpa, "sensitive" if category.sensitive else "—"),
                        category.retention or "—",
                        sale_column(practices, [category]) if practices else "",
                    ]
                )
                for column in range(1, 4):
                    item.setToolTip(column, item.text(column))  # columns are narrow: full text on hover
                item.setToolTip(0, f"{category.label}: {category.examples}" if category.examples else category.label)
                self.categories.addTopLevelItem(item)
            self.text.setPlainText(practices_yaml(practices) if practices else "")
            self.problem.setText(
                "" if practices else f"This notice has no {PRACTICES_FILE} yet; write one below and apply it."
            )
            self._show_swaps()
        finally:
            self._showing = False

    def _show_swaps(self) -> None:
        self.swaps = self._variants() if self._variants is not None else []
        if self.swaps:
            lines = [f"{len(self.swaps)} clause(s) no longer fit the practices:"]
            lines += [f"• {swap.sentence}" for swap in self.swaps]
            self.variants_text.setText("\n".join(lines))
        self.apply_variants_button.setEnabled(bool(self.swaps) and self._apply_variants is not None)
        self.variants_box.setVisible(bool(self.swaps))

    @staticmethod
    def _sale_text(practices: Practices | None) -> str:
        if practices is None:
            return ""
        if not practices.sells_or_shares:
            return "Nothing is sold or shared."
        parts = []
        for word, block in (("Sold", practices.sold), ("Shared", practices.shared)):
            if block.happens:
                what = ", ".join(getattr(practices.category(c), "label", c) for c in block.categories)
                whom = ", ".join(getattr(practices.recipient(r), "label", r) for r in block.to) or "third parties"
                parts.append(f"{word}: {what.lower()} to {whom.lower()}")
        return "; ".join(parts) + "."

    # ----- changing --------------------------------------------------------------------------
    def _flag(self, path: str, label: str, on: bool) -> None:
        practices = self.practices()
        if self._showing or practices is None:
            return
        changed = copy.deepcopy(practices)
        _set(changed, path, on)
        self._apply(changed, f"{'Set' if on else 'Cleared'} '{label}' in the practices")

    def _cookies_changed(self) -> None:
        practices = self.practices()
        if self._showing or practices is None:
            return
        changed = copy.deepcopy(practices)
        changed.cookies.consent = str(self.cookies.currentData())
        self._apply(changed, f"Cookies are now {self.cookies.currentText().lower()} in the practices")

    def apply_swaps(self) -> None:
        """Put the proposed variants in place (one undoable edit, through the window)."""
        if self.swaps and self._apply_variants is not None:
            self._apply_variants(list(self.swaps))

    def apply_text(self) -> bool:
        """Check the YAML and apply it; a problem is shown with its line and nothing changes."""
        try:
            practices = read_practices(self.text.toPlainText(), PRACTICES_FILE)
        except FormatError as exc:
            self.problem.setText(f"{exc}. Nothing was changed.")
            return False
        problem = practices_problem(practices, self.practices())  # the core's rule, said before saving
        if problem:
            self.problem.setText(f"{problem} Nothing was changed.")
            return False
        self.problem.setText("")
        if practices != self.practices():
            self._apply(practices, "Changed the practices")
        return True
