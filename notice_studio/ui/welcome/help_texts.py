"""Help > Getting started and Help > Keyboard shortcuts (the shortcuts are read from the window)."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from notice_studio.core.wording import SET_YOUR_NAME
from notice_studio.ui.layout.fit import fit_dialog

GETTING_STARTED = (
    """
<h2>Getting started</h2>
<p>A notice is a tree of <b>clauses</b>. Pick one in the <b>Outline</b> (left); write in the
<b>clause editor</b>; the <b>Preview</b> shows the notice exactly as readers will see it.</p>
<ol>
<li><b>Start</b>: File &gt; New notice (from a template) or File &gt; Import existing notice.
The sample notice is there to try things; nothing you do to it is published.</li>
<li><b>Fill in your facts</b>: View &gt; Placeholders lists every <code>{{ placeholder }}</code>;
unfilled ones are highlighted and block publishing.</li>
<li><b>Add clauses</b> from the Library (Clause &gt; Insert from library) and arrange them with
Move up/down, Indent and Outdent.</li>
<li><b>Check</b>: the Checks panel lists errors (which block publishing), warnings and notes;
click one to go to the text.</li>
<li><b>Publish</b> (File &gt; Publish): choose the date it takes effect, review the drafted
change notice, and publish. Published versions never change.</li>
<li><b>Export</b> the published version for your website (File &gt; Export).</li>
</ol>
<p>Every edit is saved and kept automatically; Undo covers every edit. Your name and e-mail are
recorded on each edit ("""
    + html.escape(SET_YOUR_NAME)
    + """).</p>
<p>Everything works by keyboard: F6 and Shift+F6 move between panes, Ctrl+1 to Ctrl+9 jump to
one (Help &gt; Keyboard shortcuts lists them all).</p>
"""
)


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, keys) for every action of the window that has a shortcut, sorted by name."""
    rows: dict[str, str] = {}
    for action in window.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        name = action.text().replace("&", "").rstrip("…").strip()
        if keys and name:
            rows[name] = ", ".join(keys)
    return sorted(rows.items(), key=lambda row: row[0].lower())


def shortcuts_html(window: QWidget) -> str:
    cells = "".join(
        f"<tr><td>{html.escape(name)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for name, keys in shortcut_rows(window)
    )
    return (
        "<h2>Keyboard shortcuts</h2>"
        "<p>Tab and Shift+Tab move between the controls of a pane; F6 / Shift+F6 move between panes; "
        "Enter in the outline goes to the clause text; Esc in a table leaves it.</p>"
        f"<table cellpadding='4'>{cells}</table>"
        "<p>In the comparison window: F8 / Shift+F8 next and previous change.</p>"
    )


class HelpDialog(QDialog):
    def __init__(self, title: str, body_html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QTextBrowser()
        self.text.setAccessibleName(title)
        self.text.setHtml(body_html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        fit_dialog(self, QSize(620, 560))
