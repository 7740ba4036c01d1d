"""The Library dock: searching, filtering, previewing, inserting and dragging library clauses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from notice_studio.ui.library.library_browser import NOTICE_LAWS, LibraryDock, LibraryIdRole
from notice_studio.ui.library.library_folders import LibraryFoldersDialog
from notice_studio.ui.outline.outline_model import LIBRARY_MIME


def dock_of(window) -> LibraryDock:
    dock = window.docks["library_browser"]
    assert isinstance(dock, LibraryDock)
    return dock


def result_ids(dock: LibraryDock) -> list[str]:
    return [dock.model.index(r, 0).data(LibraryIdRole) for r in range(dock.model.rowCount())]


def set_laws(dock: LibraryDock, value: str) -> None:
    dock.laws.setCurrentIndex(dock.laws.findData(value))


def test_typing_in_the_search_box_narrows_the_results(qtbot, window) -> None:
    dock = dock_of(window)
    set_laws(dock, "")
    everything = dock.model.rowCount()
    assert everything == len(window.library)
    dock.focus_search()
    qtbot.keyClicks(dock.search, "retention")
    qtbot.waitUntil(lambda: 0 < dock.model.rowCount() < everything, timeout=3000)
    for lib_id in result_ids(dock):
        clause = window.library.get(lib_id)
        notes = " ".join(
            [clause.guidance, clause.topic, *clause.satisfies, *(v.help for v in clause.variables.values())]
        )
        assert "retention" in f"{clause.id} {clause.title} {clause.body} {notes}".lower()
    assert f"{dock.model.rowCount()} of {everything}" in dock.count.text()
    dock.search.clear()
    qtbot.waitUntil(lambda: dock.model.rowCount() == everything, timeout=3000)


def test_topic_and_law_filters(qtbot, window) -> None:
    dock = dock_of(window)
    notice_laws = window.session.notice.jurisdictions
    assert dock.laws.currentData() == NOTICE_LAWS  # the default: laws of this notice
    assert "lgpd" not in notice_laws
    shown = result_ids(dock)
    assert "lgpd-rights" not in shown
    assert all(window.library.get(i).applies_to(notice_laws) for i in shown)

    set_laws(dock, "lgpd")
    shown = result_ids(dock)
    assert "lgpd-rights" in shown
    assert all(window.library.get(i).applies_to(["lgpd"]) for i in shown)

    set_laws(dock, "")
    dock.topic.setCurrentIndex(dock.topic.findData("cookies"))
    shown = result_ids(dock)
    assert shown and all(window.library.get(i).topic == "cookies" for i in shown)
    assert dock.topic.currentText() == window.library.topics["cookies"].label


def test_preview_shows_text_guidance_satisfies_and_origin(qtbot, window) -> None:
    dock = dock_of(window)
    set_laws(dock, "")
    dock.select_library_clause("retention-criteria")
    lib = window.library.get("retention-criteria")
    qtbot.waitUntil(lambda: lib.title in dock.preview.toPlainText(), timeout=5000)
    text = dock.preview.toPlainText()
    assert "Guidance" in text and "Satisfies" in text
    assert "Shipped with Notice Studio" in text
    assert "{{ retention.backup_period }}" in text or not lib.placeholders()
    assert "Art. 13" in text  # the GDPR citation of a satisfied element
    assert "Already in this notice" in text  # the default template includes it


def test_insert_puts_the_clause_after_the_selected_one_and_autosaves(qtbot, window) -> None:
    session = window.session
    dock = dock_of(window)
    anchor = session.notice.clauses[1]
    window.select_clause(anchor.id)
    set_laws(dock, "")
    dock.select_library_clause("lgpd-rights")
    assert dock.current_library_id() == "lgpd-rights"
    row = dock.model.row_of("lgpd-rights")
    assert dock.model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is None
    dock.results.setFocus()
    qtbot.keyClick(dock.results, Qt.Key.Key_Return)

    inserted = session.notice.clauses[2]
    assert inserted.provenance is not None and inserted.provenance.library_id == "lgpd-rights"
    assert window.current_clause_id() == inserted.id
    title = window.library.get("lgpd-rights").title
    qtbot.waitUntil(
        lambda: any(e.message == f"Added '{title}' from the library" for e in session.repo.edits(limit=5)),
        timeout=10000,
    )
    assert (session.path / "clauses" / f"{inserted.id}.md").is_file()
    # The results now mark it as already in the notice.
    assert dock.model.index(dock.model.row_of("lgpd-rights"), 0).data(Qt.ItemDataRole.DecorationRole) is not None
    session.undo_stack.undo()
    assert not session.notice.has(inserted.id)


def test_double_click_and_insert_button_insert(qtbot, window) -> None:
    session = window.session
    dock = dock_of(window)
    set_laws(dock, "")
    before = len(session.notice.all_clauses())
    dock.select_library_clause("lgpd-brazil")
    qtbot.mouseClick(dock.insert_button, Qt.MouseButton.LeftButton)
    assert len(session.notice.all_clauses()) == before + 1
    dock.select_library_clause("complaints-norway")
    index = dock.model.index(dock.model.row_of("complaints-norway"), 0)
    rect = dock.results.visualRect(index)
    # A real double-click starts with a press; the view only accepts it on the pressed row.
    qtbot.mousePress(dock.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(dock.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(session.notice.all_clauses()) == before + 2
    assert any(c.provenance and c.provenance.library_id == "complaints-norway" for c in session.notice.all_clauses())


def test_drag_mime_data_carries_the_library_id_and_drops_into_the_outline(qtbot, window) -> None:
    dock = dock_of(window)
    set_laws(dock, "")
    row = dock.model.row_of("lgpd-encarregado")
    assert dock.results.dragEnabled()
    mime = dock.model.mimeData([dock.model.index(row, 0)])
    assert mime.hasFormat(LIBRARY_MIME)
    assert bytes(mime.data(LIBRARY_MIME)) == b"lgpd-encarregado"
    outline = window.session.outline
    assert outline.canDropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    outline.dropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    first = window.session.notice.clauses[0]
    assert first.provenance is not None and first.provenance.library_id == "lgpd-encarregado"


def write_bad_library(folder: Path) -> Path:
    (folder / "clauses").mkdir(parents=True)
    path = folder / "clauses" / "firm-contact.md"
    path.write_text(
        "---\nid: firm-contact\ntitle: Contact our privacy team\ntopic: no-such-topic\n"
        "jurisdictions: [all]\nversion: 1\n---\nWrite to us.\n",
        encoding="utf-8",
    )
    return path


def test_a_problem_in_a_user_library_folder_is_shown(qtbot, window, tmp_path: Path) -> None:
    dock = dock_of(window)
    folder = tmp_path / "firm-library"
    write_bad_library(folder)
    assert dock.problems_toggle.isHidden()

    dock.edit_folders()
    dialog = dock._folders_dialog
    assert isinstance(dialog, LibraryFoldersDialog)
    dialog.add_folder(str(folder))
    assert dialog.folders() == [str(folder)]
    old_library = window.library
    with qtbot.waitSignal(window.library_loaded, timeout=10000):
        dialog.accept()
    assert window.settings.library_folders() == [str(folder)]
    assert window.library is not old_library and "firm-contact" in window.library

    assert not dock.problems_toggle.isHidden()
    assert "1 problem in your library folders" in dock.problems_toggle.text()
    assert dock.problems_list.isHidden()  # collapsed until asked for
    dock.problems_toggle.click()
    assert not dock.problems_list.isHidden()
    message = dock.problems_list.item(0).text()
    assert message.startswith("firm-library/clauses/firm-contact.md:4:")
    assert "no-such-topic" in message

    # The user's clause is searchable and its origin is the user's folder.
    set_laws(dock, "")
    dock.search.setText("privacy team")
    dock.refresh_results()
    assert result_ids(dock)[0] == "firm-contact"  # matched in its own words: first, before guidance matches
    qtbot.waitUntil(lambda: "From your library folder" in dock.preview.toPlainText(), timeout=5000)

    # Removing the folder again clears the problem.
    with qtbot.waitSignal(window.library_loaded, timeout=10000):
        dock.apply_folders([])
    assert dock.problems_toggle.isHidden()


def test_keyboard_search_to_results_and_back(qtbot, window) -> None:
    dock = dock_of(window)
    dock.focus_search()
    qtbot.waitUntil(dock.search.hasFocus, timeout=3000)
    qtbot.keyClick(dock.search, Qt.Key.Key_Down)
    assert dock.results.hasFocus()
    assert dock.results.currentIndex().row() == 0
    qtbot.keyClick(dock.results, Qt.Key.Key_Up)
    assert dock.search.hasFocus()
    for widget in (
        dock.search,
        dock.topic,
        dock.laws,
        dock.results,
        dock.preview,
        dock.insert_button,
        dock.folders_button,
    ):
        assert widget.accessibleName()


def test_results_model_passes_qtmodeltester(qtmodeltester, window) -> None:
    dock = dock_of(window)
    qtmodeltester.check(dock.model)
    dock.search.setText("cookies")
    dock.refresh_results()
    qtmodeltester.check(dock.model)


def test_preview_html_never_carries_active_content() -> None:
    from notice_studio.core.library.types import LibraryClause
    from notice_studio.ui.library.library_preview import PreviewColours, clause_preview_html

    clause = LibraryClause(
        id="hostile",
        title="<script>alert(1)</script>",
        topic="contact",
        jurisdictions=("all",),
        guidance="<img src=x onerror=alert(1)>",
        variants=("nope",),
        body="Hello <script>alert(2)</script> [x](javascript:alert(3)) {{ contact.email }} [[elsewhere]]",
    )
    html = clause_preview_html(
        clause,
        topic_label="<b>t</b>",
        titles={"elsewhere": "<i>Else</i>"},
        variable_labels={},
        tables={},
        in_notice_as=None,
        colours=PreviewColours(),
    )
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert 'href="javascript' not in lowered and "href='javascript" not in lowered  # the link was refused
    assert "&lt;script&gt;" in html and "&lt;i&gt;Else&lt;/i&gt;" in html
    assert "{{ contact.email }}" in html


def test_a_clause_for_laws_the_notice_does_not_apply_is_flagged_in_the_preview_and_at_insert(qtbot, window) -> None:
    session = window.session
    assert "lgpd" not in session.notice.jurisdictions
    dock = dock_of(window)
    set_laws(dock, "")  # "All laws": the filter no longer hides it
    dock.select_library_clause("complaints-brazil-anpd")
    brazil = window.library.get("complaints-brazil-anpd")
    qtbot.waitUntil(lambda: brazil.title in dock.preview.toPlainText(), timeout=5000)
    assert "which this notice does not apply" in dock.preview.toPlainText()
    assert "is written for Brazil — LGPD" in dock.preview.toPlainText()

    new_id = dock.insert_current()
    assert new_id and session.notice.find(new_id).provenance.library_id == "complaints-brazil-anpd"
    message = window.statusBar().currentMessage()
    assert (
        message
        == f"Inserted, but '{brazil.title}' is written for Brazil — LGPD, a law this notice does not apply. Undo (Ctrl+Z) takes it out again."
    )
    session.undo_stack.undo()

    dock.select_library_clause("complaints-eu")  # fits: no warning
    qtbot.waitUntil(
        lambda: "· complaints-eu" in dock.preview.toPlainText(), timeout=5000
    )  # its id, in the line under the title
    assert "which this notice does not apply" not in dock.preview.toPlainText()


def test_the_preview_offers_its_wording_for_a_clause_from_another_variant(qtbot, window) -> None:
    session = window.session
    current = next(
        c for c in session.notice.all_clauses() if c.provenance and c.provenance.library_id == "complaints-eu"
    )
    dock = dock_of(window)
    set_laws(dock, "")
    dock.select_library_clause("complaints-norway")
    norway = window.library.get("complaints-norway")
    qtbot.waitUntil(lambda: norway.title in dock.preview.toPlainText(), timeout=5000)
    assert f"‘{current.title}’ uses another variant of this clause" in dock.preview.toPlainText()

    from PySide6.QtCore import QUrl

    dock.preview.anchorClicked.emit(QUrl(f"use:{current.id}"))  # the link, as a click sends it
    switched = session.notice.find(current.id)
    assert switched.provenance.library_id == "complaints-norway" and switched.body == norway.body
    assert "now uses the variant" in window.statusBar().currentMessage()
    qtbot.waitUntil(
        lambda: any("to the library variant 'complaints-norway'" in e.message for e in session.repo.edits(limit=5)),
        timeout=10000,
    )
    session.undo_stack.undo()
    assert session.notice.find(current.id).provenance.library_id == "complaints-eu"


def test_a_firm_clause_replacing_the_shipped_one_is_named_beside_the_clause(qtbot, window, tmp_path: Path) -> None:
    session = window.session
    clause = next(c for c in session.notice.all_clauses() if c.provenance and c.provenance.library_id == "security")
    shipped = window.library.get("security")
    firm = tmp_path / "our-library"
    (firm / "clauses").mkdir(parents=True)
    text = shipped.origin.path.read_text(encoding="utf-8")  # same id, same version 1, other words
    body_start = text.index("---", 3) + 4
    (firm / "clauses" / "security.md").write_text(
        text[:body_start] + "Our firm's own wording on how data is kept safe.\n", encoding="utf-8"
    )
    with qtbot.waitSignal(window.library_loaded, timeout=10000):
        dock_of(window).apply_folders([str(firm)])
    window.select_clause(clause.id)
    window._show_current_side()
    side = window.editor.provenance.text()
    assert "The library&#x27;s text differs from the text inserted, though both are version 1" in side
    assert "comes from your folder &#x27;our-library&#x27;, which overrides the shipped clause" in side
    assert window.editor.update_button.isVisibleTo(window)
