"""Why Publish is disabled is in view beside the buttons, on the button for a screen reader, and
the required field says so."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea

from notice_studio.ui.publish.publish_dialog import PublishDialog


def test_the_reason_publish_is_disabled_is_in_view_and_on_the_button(window, qtbot) -> None:
    dialog = PublishDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.resize(760, 720)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=15000)
    dialog.approved_by.setText("")
    reason = dialog.blocked_reason()
    assert reason and not dialog.publish_button.isEnabled()
    scroll = dialog.findChild(QScrollArea, "dialog-scroll")
    assert not scroll.isAncestorOf(dialog.why)  # not below the fold of the scrolled form
    top = dialog.why.mapTo(dialog, QPoint(0, 0))
    assert dialog.why.isVisible() and dialog.rect().contains(top) and dialog.why.text() == reason
    button_top = dialog.publish_button.mapTo(dialog, QPoint(0, 0)).y()
    assert abs(top.y() - button_top) < dialog.publish_button.height() * 2  # beside the buttons
    assert dialog.publish_button.toolTip() == reason
    assert dialog.publish_button.accessibleDescription() == reason
    form = dialog.approved_by.parentWidget().findChildren(QFormLayout)
    labels = [f.labelForField(dialog.approved_by) for f in form if f.labelForField(dialog.approved_by)]
    assert isinstance(labels[0], QLabel) and "required" in labels[0].text()
