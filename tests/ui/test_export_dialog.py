"""The export dialog: the draft and a published version as HTML and Word; the website folder."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from notice_studio.ui import commands
from notice_studio.ui.export.export_dialog import DRAFT, ExportDialog

EFFECTIVE = dt.date(2024, 3, 1)


def publish_v1(window, qtbot) -> None:
    """Fill the placeholders from the library's examples and publish v1."""
    session = window.session
    for name in session.notice.placeholders():
        if name.startswith("practices."):
            continue  # written from the practices, never typed
        spec = window.library.variable_spec(name)
        session.undo_stack.push(commands.SetVariable(session, name, spec.example if spec and spec.example else name))
    session.flush()
    session.repo.publish(EFFECTIVE, "First version.", False, "Jane Smith", author=session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None, timeout=10000)


def open_dialog(window, qtbot, **kwargs) -> ExportDialog:
    dialog = ExportDialog(window.state, window, window, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def answer_question(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Answer the next question box (it runs its own event loop) and record what it said."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)


def export(dialog: ExportDialog, qtbot, path: Path, fmt: str, version: str) -> None:
    dialog.version_box.setCurrentIndex(dialog.version_box.findData(version))
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(fmt))
    dialog.destination.setText(str(path))
    assert dialog.export_button.isEnabled(), dialog.warning.text()
    asked: list[str] = []
    if version == DRAFT:
        answer_question(QMessageBox.StandardButton.Yes, asked)
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert bool(asked) == (version == DRAFT)  # the draft is exported only after saying so and asking
    assert dialog.message.text() == f"Exported to {path}" or dialog.message.text().startswith(f"Exported to {path} (")
    assert dialog.open_folder.isVisible()


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(io.BytesIO(path.read_bytes()))
    return "\n".join(p.text for p in document.paragraphs)


def test_draft_exports_warn_about_unfilled_placeholders(window, qtbot, tmp_path: Path) -> None:
    dialog = open_dialog(window, qtbot)
    assert dialog.ref == DRAFT
    assert dialog.warning.isVisible()
    assert "unfilled placeholder" in dialog.warning.text()
    html_path = tmp_path / "draft.html"
    export(dialog, qtbot, html_path, "html", DRAFT)
    page = html_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lstrip().lower().startswith("<!doctype html>")
    assert window.session.notice.clauses[0].title in page
    assert "unfilled placeholder" in dialog.message.text()

    docx_path = tmp_path / "draft.docx"
    export(dialog, qtbot, docx_path, "docx", DRAFT)
    assert docx_path.read_bytes()[:2] == b"PK"
    assert window.session.notice.clauses[0].title in docx_text(docx_path)


def test_draft_export_includes_unsaved_edits(window, qtbot, tmp_path: Path) -> None:
    session = window.session
    clause = session.notice.clauses[0]
    new = clause.body + "\n\nA sentence typed a moment ago.\n"
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, new, len(new)))
    dialog = open_dialog(window, qtbot)
    path = tmp_path / "now.html"
    export(dialog, qtbot, path, "html", DRAFT)
    assert "A sentence typed a moment ago." in path.read_text(encoding="utf-8")


def test_published_version_exports_as_html_and_word(window, qtbot, tmp_path: Path) -> None:
    publish_v1(window, qtbot)
    session = window.session
    # A later draft edit must not leak into v1's export.
    clause = session.notice.clauses[0]
    new = clause.body + "\n\nOnly in the draft.\n"
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, new, len(new)))

    dialog = open_dialog(window, qtbot, version="v1", fmt="html")
    assert dialog.ref == "v1" and dialog.fmt == "html"
    assert not dialog.warning.isVisible()
    assert dialog.destination.text().endswith("-v1.html")
    html_path = tmp_path / "v1.html"
    export(dialog, qtbot, html_path, "html", "v1")
    page = html_path.read_text(encoding="utf-8")
    assert "1 March 2024" in page  # "Last updated" is v1's effective date
    assert "Only in the draft." not in page
    assert "[organisation." not in page  # placeholders were filled for v1

    docx_path = tmp_path / "v1.docx"
    export(dialog, qtbot, docx_path, "docx", "v1")
    text = docx_text(docx_path)
    assert "1 March 2024" in text
    assert "Only in the draft." not in text

    draft_path = tmp_path / "draft.html"
    export(dialog, qtbot, draft_path, "html", DRAFT)
    assert "Only in the draft." in draft_path.read_text(encoding="utf-8")


def test_website_folder_needs_a_published_version(window, qtbot, tmp_path: Path) -> None:
    dialog = open_dialog(window, qtbot)
    qtbot.mouseClick(dialog.website, Qt.MouseButton.LeftButton)
    assert dialog.website.isChecked()
    assert not dialog.format_box.isVisible()
    assert not dialog.export_button.isEnabled()
    assert "Nothing is published yet" in dialog.warning.text()
    dialog.close()

    publish_v1(window, qtbot)
    dialog = open_dialog(window, qtbot)
    dialog.website.setChecked(True)
    folder = tmp_path / "site"
    dialog.destination.setText(str(folder))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert (folder / "index.html").is_file()
    assert (folder / "v1.html").is_file()
    assert (folder / "feed.xml").is_file()
    assert dialog.message.text().startswith(f"Website folder written to {folder}")


def test_cancelling_writes_nothing(window, qtbot, tmp_path: Path) -> None:
    publish_v1(window, qtbot)
    dialog = open_dialog(window, qtbot, version="v1", fmt="docx")
    path = tmp_path / "cancelled.docx"
    dialog.destination.setText(str(path))
    # Hold the git lane so the export is still waiting when it is cancelled.
    import threading

    gate = threading.Event()
    window.tasks.write(gate.wait)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10000)
    assert dialog.message.text() == "Export cancelled; nothing was written."
    assert not path.exists()
    assert not list(tmp_path.glob(".cancelled.docx.*"))


@pytest.mark.parametrize(
    ("problem", "expected"),
    [("folder", "is a folder; give a file name"), ("missing", "does not exist"), ("file", "is a file, not a folder")],
)
def test_bad_destinations_are_refused_with_a_sentence(
    window, qtbot, tmp_path: Path, problem: str, expected: str
) -> None:
    """The command line's rule for --out (core.fileio.output_file), in the same words."""
    dialog = open_dialog(window, qtbot)
    (tmp_path / "notes.txt").write_text("a file, not a folder", encoding="utf-8")
    target = {"folder": tmp_path, "missing": tmp_path / "nowhere" / "x.html", "file": tmp_path / "notes.txt" / "x.html"}
    dialog.destination.setText(str(target[problem]))
    assert not dialog.export_button.isEnabled()
    assert expected in dialog.warning.text()


def test_pdf_and_text_formats(window, qtbot, tmp_path: Path) -> None:
    dialog = open_dialog(window, qtbot)
    pdf = tmp_path / "draft.pdf"
    export(dialog, qtbot, pdf, "pdf", DRAFT)
    assert pdf.read_bytes().startswith(b"%PDF")
    for fmt, suffix in (("md", "md"), ("txt", "txt"), ("fragment", "html")):
        path = tmp_path / f"draft-{fmt}.{suffix}"
        export(dialog, qtbot, path, fmt, DRAFT)
        assert window.session.notice.clauses[0].title in path.read_text(encoding="utf-8")
    assert "<html" not in (tmp_path / "draft-fragment.html").read_text(encoding="utf-8")


def test_export_defaults_to_the_latest_published_version_and_asks_before_the_draft(
    window, qtbot, tmp_path: Path
) -> None:
    publish_v1(window, qtbot)
    dialog = open_dialog(window, qtbot, fmt="html")
    assert dialog.ref == "v1"  # not the draft
    dialog.version_box.setCurrentIndex(dialog.version_box.findData(DRAFT))
    path = tmp_path / "draft.html"
    dialog.destination.setText(str(path))
    asked: list[str] = []
    answer_question(QMessageBox.StandardButton.No, asked)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert "unpublished draft, not the published version v1" in asked[0]
    assert not dialog.running and not path.exists()  # No: nothing written


def test_the_website_folder_asks_before_replacing_a_page_it_did_not_write(window, qtbot, tmp_path: Path) -> None:
    """The refusal comes from the core (build_site); the dialog asks, and only Yes replaces."""
    publish_v1(window, qtbot)
    folder = tmp_path / "mysite"
    folder.mkdir()
    own = "<h1>Thimble & Thread: our own home page</h1>\n"
    (folder / "index.html").write_text(own, encoding="utf-8")
    dialog = open_dialog(window, qtbot)
    dialog.website.setChecked(True)
    dialog.destination.setText(str(folder))
    asked: list[str] = []
    answer_question(QMessageBox.StandardButton.No, asked)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked) and not dialog.running, timeout=30000)
    assert asked[0].startswith(f"{folder / 'index.html'} was not written by Notice Studio")
    assert (folder / "index.html").read_text(encoding="utf-8") == own
    answer_question(QMessageBox.StandardButton.Yes, asked)
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and "Thimble" not in (folder / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", ["thimble.example/privacy", "javascript:alert(1)"])
def test_the_website_address_must_be_a_web_address(window, qtbot, url: str) -> None:
    from notice_studio.core.export.site import base_url_problem

    publish_v1(window, qtbot)
    dialog = open_dialog(window, qtbot)
    dialog.website.setChecked(True)
    dialog.base_url.setText(url)
    assert not dialog.export_button.isEnabled()
    assert dialog.warning.text() == base_url_problem(url) and "not a web address" in dialog.warning.text()
    dialog.base_url.setText("https://thimble.example/privacy/")
    assert dialog.export_button.isEnabled()


def test_a_pdf_with_letters_no_font_has_says_so(window, qtbot, tmp_path: Path, monkeypatch) -> None:
    """The dialog shows core's sentence after the result (here no font is found for Korean)."""
    from notice_studio.qt_export import fonts

    monkeypatch.setattr(fonts, "font_families", lambda: [fonts.PDF_FONT])
    session = window.session
    clause = session.notice.clauses[0]
    new = clause.body + "\n\n회원 정보는 2년간 보관합니다.\n"  # set directly: keyClicks cannot type it
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, new, len(new)))
    dialog = open_dialog(window, qtbot)
    path = tmp_path / "korean.pdf"
    export(dialog, qtbot, path, "pdf", DRAFT)
    text = dialog.message.text()
    assert text.startswith(f"Exported to {path}") and "fonts-noto-cjk" in text, text
    assert "(회, 원, 정, …) as empty boxes" in text, text


def test_the_version_list_says_which_versions_take_effect_and_which_never_will(window, qtbot) -> None:
    """A version replaced before its date (a later one published for the same day) is never in force."""
    publish_v1(window, qtbot)
    session = window.session
    later = dt.date.today() + dt.timedelta(days=20)
    for number, value in ((2, "Repairs Unlimited"), (3, "Repairs Limited")):
        session.undo_stack.push(commands.SetVariable(session, "organisation.name", value))
        session.flush()
        session.repo.publish(later, f"Version {number}.", False, "Jane Smith", author=session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None and session.latest_version.number == 3, timeout=10000)
    dialog = open_dialog(window, qtbot, fmt="html")
    items = {dialog.version_box.itemData(i): dialog.version_box.itemText(i) for i in range(dialog.version_box.count())}
    assert items["v2"] == "v2, never in force (replaced by v3)"
    assert items["v3"].startswith("v3, takes effect ") and "latest" in items["v3"]
    assert items["v1"].endswith("in force")


def test_the_website_folder_built_again_reads_and_makes_only_what_changed(
    window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    publish_v1(window, qtbot)
    session = window.session
    clause = session.notice.clauses[0]
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, clause.body + " Reviewed yearly."))
    session.flush()
    session.repo.publish(
        EFFECTIVE + dt.timedelta(days=1), "Second version.", False, "Jane Smith", author=session.author
    )
    session.refresh_history()
    qtbot.waitUntil(lambda: len(session.versions) == 2, timeout=10000)
    read: list[str] = []
    real = session.repo.notice_at
    monkeypatch.setattr(session.repo, "notice_at", lambda ref: read.append(ref) or real(ref))
    folder = tmp_path / "site"
    for _ in range(2):
        read.clear()
        dialog = open_dialog(window, qtbot)
        dialog.website.setChecked(True)
        dialog.destination.setText(str(folder))
        with qtbot.waitSignal(dialog.exported, timeout=30000):
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        dialog.close()
    assert len(read) == 1  # only the version the front page shows: every version page was up to date
    assert dialog.message.text().endswith("0 of 2 version pages made again (the others were up to date).")
    assert (folder / "v1.html").is_file() and (folder / "redline-v2.html").is_file()
