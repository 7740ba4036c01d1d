"""Starting the app: the QApplication, the window, and the notice to show first."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from notice_studio import __version__
from notice_studio.paths import resources_folder
from notice_studio.ui.settings import Settings, data_dir

if TYPE_CHECKING:
    from notice_studio.ui.main_window import MainWindow

SAMPLE_FOLDER = "Sample notice"
SAMPLE_ORG = "Northwind Analytics"
# Who made the sample's first edit: Notice Studio did, at the first start, before the welcome asks
# the user's name (the welcome opens over the sample). It is not the user's edit, so it is not
# recorded as theirs later; git takes an empty e-mail address.
SAMPLE_AUTHOR_NAME = "Notice Studio sample"


def sample_notice_path() -> Path:
    """The built-in sample notice, made from the default template on first use."""
    path = data_dir() / SAMPLE_FOLDER
    if (path / "notice.yaml").is_file():
        return path
    from notice_studio.core.library.catalog import load_library
    from notice_studio.core.library.templates import build_notice
    from notice_studio.core.notice.store import Author, NoticeRepo

    notice = build_notice(None, SAMPLE_ORG, None)
    notice.title = "Privacy Notice"
    library = load_library()
    for name in notice.placeholders():
        if notice.variables.get(name):
            continue
        spec = library.variable_spec(name)
        if spec is not None and spec.example:
            notice.variables[name] = spec.example
    with NoticeRepo.create(path, notice, Author(SAMPLE_AUTHOR_NAME, "")):
        pass
    return path


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    assert isinstance(app, QApplication)  # the windows need QApplication, not a bare QCoreApplication
    app.setApplicationName("Notice Studio")
    app.setOrganizationName("Notice Studio")
    app.setApplicationVersion(__version__)
    from notice_studio.ui.indicator_style import install as frame_indicators

    frame_indicators(app)
    icon = resources_folder() / "icons" / "notice-studio-256.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def no_screen() -> bool:
    """True on Linux without a display server (Qt would abort with a long message)."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def show_start_problem(message: str) -> None:
    """A problem that stops the app from starting, shown in a window (there may be no console)."""
    if no_screen():
        return
    from PySide6.QtWidgets import QMessageBox

    make_application([])
    box = QMessageBox(QMessageBox.Icon.Critical, "Notice Studio cannot start", message)
    box.setTextInteractionFlags(box.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByMouse)
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return  # nobody could close it (tests, smoke runs): stderr has the sentence
    box.exec()


def run_app(argv: list[str]) -> int:
    if no_screen():
        print(
            "notice-studio: there is no screen to open the window on; run it on your desktop, or use the "
            "commands that work without one (notice-studio --help).",
            file=sys.stderr,
        )
        return 1
    app = make_application([])
    from notice_studio.ui.language import install_translations
    from notice_studio.ui.main_window import MainWindow

    settings = Settings()
    install_translations(str(settings.get("ui/language")))
    window = MainWindow(settings)
    window.show()
    problem = open_first_notice(window, initial_notice(settings, argv))
    from notice_studio.ui.layout import window_setup

    if problem or window_setup.needs_welcome(settings):
        window_setup.show_welcome(window, problem)
    return app.exec()


def open_first_notice(window: MainWindow, path: Path) -> str:
    """Open the notice to show at start. When it cannot be opened (damaged, locked, moved, a
    newer format), the built-in sample opens instead and the sentence saying why is returned for
    the welcome; the app never dies on the notice it last had open."""
    problems: list[str] = []
    try:
        if window.open_notice(path, problems.append):
            return ""
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the window must still start
        from notice_studio.core.oserrors import failure_sentence  # the one plain sentence for a full disk and such

        said = failure_sentence(exc, f"The notice at {path} could not be opened")
        problems.append(said or f"something unexpected went wrong while opening it ({exc}).")
    reason = problems[0] if problems else f"The notice at {path} could not be opened."
    if str(path) not in reason:
        reason = f"The notice at {path} could not be opened: {reason}"
    problem = f"{reason} The sample notice is open instead; open yours again (File > Open) once that is fixed."
    try:
        sample = sample_notice_path()
        if path != sample:
            window.open_notice(sample, problems.append)
    except Exception:  # noqa: BLE001 - the welcome still offers New, Import and Open
        pass
    return problem


def initial_notice(settings: Settings, argv: list[str]) -> Path:
    """A folder named on the command line, else the last notice, else the built-in sample."""
    if argv:
        return Path(argv[0])
    last = str(settings.get("notices/last") or "")
    if last and (Path(last) / "notice.yaml").is_file():
        return Path(last)
    return sample_notice_path()


def run_self_test(out_path: str) -> int:
    """Start the real window offscreen on the sample notice, render it, export HTML, exit.

    Used by the packaging smoke test to prove a frozen build carries Qt plugins, the clause
    library and resources. Prints one line per step; exit status 0 only if all worked.
    """
    import os
    import time

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application([])
    from notice_studio.core.export.html_page import notice_page
    from notice_studio.core.fileio import write_atomic
    from notice_studio.core.render.renderer import RenderOptions, render
    from notice_studio.ui.main_window import MainWindow

    window = MainWindow(Settings())
    window.show()
    path = sample_notice_path()
    if not window.open_notice(path):
        print("self-test: could not open the sample notice", file=sys.stderr)
        return 1
    deadline = time.monotonic() + 30
    while (window.preview.last is None or window.library is None) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if window.preview.last is None or window.library is None:
        print("self-test: the preview or the library did not load", file=sys.stderr)
        return 1
    session = window.session
    assert session is not None
    rendered = render(session.notice, RenderOptions())
    write_atomic(out_path, notice_page(rendered))
    print(
        f"self-test: opened {path.name} ({len(session.notice.all_clauses())} clauses), "
        f"library {len(window.library)} clauses, exported {out_path}"
    )
    window.close()
    return 0
