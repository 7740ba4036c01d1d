"""The Publish dialog for the first version to take effect (neither kind ticked nor offered), and
for a draft unchanged since an upcoming version (refused in the gate's one sentence)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from test_publish_dialog import fill_placeholders, open_dialog, publish_upcoming_v2

from notice_studio.core.workspace import FIRST_VERSION_TEXT
from notice_studio.ui import commands

FIRST_WORDS = "This is the first version of this notice to take effect."


def _set_date(dialog, day: dt.date) -> None:
    dialog.effective.setDate(QDate(day.year, day.month, day.day))


def _neither_kind(dialog) -> bool:
    return not (dialog.material.isChecked() or dialog.editorial.isChecked()) and not (
        dialog.material.isEnabled() or dialog.editorial.isEnabled()
    )


def test_a_first_version_ticks_neither_material_nor_editorial(window, qtbot) -> None:
    fill_placeholders(window)
    dialog = open_dialog(window, qtbot)
    assert _neither_kind(dialog)
    assert dialog.change_notice.toPlainText() == FIRST_VERSION_TEXT == FIRST_WORDS
    assert dialog.suggestion.text().startswith("This is the first version")
    dialog.close()


def test_replacing_the_only_upcoming_version_is_a_first_version(window, qtbot) -> None:
    """v1 is to take effect in a month; a draft taking effect on v1's date replaces it, so readers
    get it first: nothing to compare with. A later date follows v1: compared with it."""
    fill_placeholders(window)
    session = window.session
    session.flush()
    upcoming = dt.date.today() + dt.timedelta(days=30)
    session.repo.publish(upcoming, FIRST_WORDS, False, "Jane Smith", author=session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None, timeout=10000)
    session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "90 days"))
    dialog = open_dialog(window, qtbot)
    assert dialog.diff_summary.text().startswith("Compared with v1")  # the default date follows v1
    assert dialog.material.isEnabled() and (dialog.material.isChecked() or dialog.editorial.isChecked())
    _set_date(dialog, upcoming)  # replaces v1
    qtbot.waitUntil(lambda: dialog.ready and dialog.diff_summary.text().startswith("First version"), timeout=15000)
    assert dialog.diff_summary.text() == (
        "First version to take effect: no version published so far takes effect before it."
    )
    assert dialog.change_notice.toPlainText() == FIRST_WORDS and _neither_kind(dialog)
    _set_date(dialog, upcoming + dt.timedelta(days=1))  # follows v1 again: the suggestion comes back
    qtbot.waitUntil(lambda: dialog.ready and dialog.diff_summary.text().startswith("Compared with v1"), timeout=15000)
    assert dialog.material.isEnabled() and dialog.material.isChecked()  # the backup period is material
    dialog.close()


def test_a_draft_unchanged_since_an_upcoming_version_cannot_be_published(window, qtbot) -> None:
    _session, upcoming = publish_upcoming_v2(window, qtbot)  # the draft is v2's text
    dialog = open_dialog(window, qtbot)
    dialog.approved_by.setText("Jane Smith")
    sentence = "Nothing has changed since v2; edit the notice before publishing a new version."
    assert dialog.why.text() == sentence and not dialog.publish_button.isEnabled()
    _set_date(dialog, upcoming)  # would replace v2: compared with v1, yet the same text as v2
    qtbot.waitUntil(lambda: dialog.ready and dialog.diff_summary.text().startswith("Compared with v1"), timeout=15000)
    assert dialog.why.text() == sentence and not dialog.publish_button.isEnabled()
    dialog.close()
