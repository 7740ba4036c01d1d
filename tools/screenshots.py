"""Render the app's main screens to PNG files, offscreen, on a throwaway copy of the sample.

    python -m tools.screenshots OUTDIR

Writes main-window.png, library.png, history.png, diff-window.png, publish-dialog.png,
checks.png, new-notice.png, import.png and export.png. Nothing outside a temporary folder is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _wait(app, condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _settle(app, seconds: float = 0.6) -> None:
    _wait(app, lambda: False, seconds)


def take(outdir: Path) -> list[Path]:
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        from tools.fit_report import screen_platform

        # A desktop-sized screen, so the pictures show the full layout (docks, guidance).
        os.environ["QT_QPA_PLATFORM"] = screen_platform(1920, 1200)
    outdir.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="notice-studio-shots-"))
    os.environ["HOME"] = str(home)
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")

    from PySide6.QtCore import QSettings

    from notice_studio.core.library.templates import build_notice
    from notice_studio.core.notice.store import NoticeRepo, resolve_author
    from notice_studio.ui.app import make_application
    from notice_studio.ui.main_window import MainWindow
    from notice_studio.ui.settings import Settings

    app = make_application([])
    settings = Settings(QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat))
    settings.set("author/name", "Dana Whitfield")
    settings.set("author/email", "dana.whitfield@northwind.example")
    folder = home / "northwind-privacy-notice"
    notice = build_notice(None, "Northwind Analytics", None)
    with NoticeRepo.create(folder, notice, resolve_author("Dana Whitfield", "dana.whitfield@northwind.example")):
        pass
    window = MainWindow(settings)
    window.resize(1500, 940)
    window.show()
    window.open_notice(folder)
    _wait(app, lambda: window.library is not None and window.preview.last is not None)
    # Fill the placeholders from the library's examples, as a counsel would.
    from notice_studio.ui import commands
    from tools import demo_states

    session = window.session
    assert session is not None and window.library is not None
    for name in session.notice.placeholders():
        if name.startswith("practices."):
            continue  # written from the practices, never typed
        spec = window.library.variable_spec(name)
        if spec is not None and spec.example:
            session.undo_stack.push(commands.SetVariable(session, name, spec.example))
    checks = window.docks.get("checks_dock")
    _wait(
        app,
        lambda: (
            checks is None or (getattr(checks, "last_report", None) is not None and not checks.last_report.blocking)
        ),
        15,
    )
    written: list[Path] = []

    def shot(widget, name: str) -> None:
        _settle(app)
        path = outdir / name
        widget.grab().save(str(path))
        written.append(path)

    retention = next((c.id for c in session.notice.all_clauses() if "retention" in c.id), session.notice.clauses[2].id)
    window.select_clause(retention)
    _wait(app, lambda: window.preview.last is not None)
    shot(window, "main-window.png")

    demo_states.library_browser(window)
    shot(window, "library.png")

    dock = demo_states.history_dock(window)
    if dock is not None:
        _wait(app, lambda: dock.list.count() > 2 if hasattr(dock, "list") else True, 5)
    shot(window, "history.png")

    diff = demo_states.diff_window(window)
    diff.resize(1400, 860)
    _wait(app, lambda: diff.diff is not None)
    shot(diff, "diff-window.png")
    diff.close()

    demo_states.checks_dock(window)
    _wait(app, lambda: checks is None or bool(getattr(checks.last_report, "blocking", ())), 10)
    shot(window, "checks.png")
    session.undo_stack.undo()

    publish = demo_states.publish_dialog(window)
    if publish is not None:
        shot(publish, "publish-dialog.png")
        publish.close()

    new = demo_states.new_notice_dialog(window)
    shot(new, "new-notice.png")
    new.close()

    sample = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "import" / "numbered.txt"
    if sample.is_file():  # a source checkout
        dialog = demo_states.import_dialog(window, path=sample)
        shot(dialog, "import.png")
        dialog.close()

    export = demo_states.export_dialog(window)
    shot(export, "export.png")
    export.close()
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.screenshots OUTDIR", file=sys.stderr)
        return 2
    for path in take(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
