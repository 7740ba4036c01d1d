"""Open the main window and every dialog on a simulated laptop screen; print their sizes; save PNGs.

    python -m tools.fit_report WIDTHxHEIGHT[@SCALE] OUTDIR

e.g. `1366x768` or `1280x800@1.5`. Runs offscreen on a throwaway notice; the screen is Qt's
offscreen platform with that size, and the scale is QT_SCALE_FACTOR. Prints one JSON object:
the available area and, per window, its size, minimum size and whether its buttons are inside it;
the preview's text column (pixels and characters), alone and with the library panel open.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def screen_platform(width: int, height: int) -> str:
    """A QT_QPA_PLATFORM value: Qt's offscreen platform with one screen of this size."""
    config = Path(tempfile.mkdtemp(prefix="ns-screen-")) / "screen.json"
    config.write_text(
        json.dumps(
            {
                "synchronousWindowSystemEvents": False,
                "windowFrameMargins": False,
                "screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}],
            }
        )
    )
    return f"offscreen:configfile={config}"


def _run_child(spec: str, outdir: Path) -> int:
    size, _, scale = spec.partition("@")
    width, height = (int(v) for v in size.split("x"))
    env = dict(os.environ, QT_QPA_PLATFORM=screen_platform(width, height), NS_FIT_CHILD="1")
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    return subprocess.run(
        [sys.executable, "-m", "tools.fit_report", spec, str(outdir)], env=env, check=False
    ).returncode


def _buttons_inside(widget) -> bool:
    """Every visible button lies inside the window, or inside a scroll area (reachable by scrolling)."""
    from PySide6.QtWidgets import QAbstractButton, QScrollArea, QToolBar

    rect = widget.rect()
    scrolled = [s.widget() for s in widget.findChildren(QScrollArea)]
    for button in widget.findChildren(QAbstractButton):
        if not button.isVisible() or isinstance(button.parentWidget(), QToolBar):
            continue  # a tool bar shows what does not fit behind its extension button
        if any(s is not None and s.isAncestorOf(button) for s in scrolled):
            continue
        top_left = button.mapTo(widget, button.rect().topLeft())
        bottom_right = button.mapTo(widget, button.rect().bottomRight())
        if not (rect.contains(top_left) and rect.contains(bottom_right)):
            return False
    return True


def _text_column(view) -> tuple[int, int]:
    """A text view's column: its width in pixels and in average characters."""
    width = view.viewport().width() - 2 * int(view.document().documentMargin())
    return width, width // max(1, view.fontMetrics().averageCharWidth())


def measure(outdir: Path) -> dict:
    from tools.screenshots import _settle, _wait

    home = Path(tempfile.mkdtemp(prefix="ns-fit-"))
    os.environ.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    from PySide6.QtCore import QSettings

    from notice_studio.core.library.templates import build_notice
    from notice_studio.core.notice.store import NoticeRepo, resolve_author
    from notice_studio.ui.app import make_application
    from notice_studio.ui.layout import window_setup
    from notice_studio.ui.main_window import MainWindow
    from notice_studio.ui.settings import Settings
    from tools import demo_states

    app = make_application([])
    settings = Settings(QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat))
    settings.set("author/name", "Dana Whitfield")
    settings.set("author/email", "dana@northwind.example")
    folder = home / "northwind"
    with NoticeRepo.create(folder, build_notice(None, "Northwind Analytics", None), resolve_author("D", "d@x.example")):
        pass
    area = app.primaryScreen().availableGeometry()
    report: dict = {"available": [area.width(), area.height()], "windows": {}}
    outdir.mkdir(parents=True, exist_ok=True)

    def record(name: str, widget) -> None:
        _settle(app, 0.4)
        frame = widget.frameGeometry()
        minimum = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        report["windows"][name] = {
            "size": [frame.width(), frame.height()],
            "minimum": [minimum.width(), minimum.height()],
            "fits": frame.width() <= area.width() and frame.height() <= area.height(),
            "minimum_fits": minimum.width() <= area.width() and minimum.height() <= area.height(),
            "buttons_visible": _buttons_inside(widget),
        }
        widget.grab().save(str(outdir / f"{name}.png"))

    window = MainWindow(settings)
    window.show()
    window.open_notice(folder)
    _wait(app, lambda: window.library is not None and window.preview.last is not None)
    editor = window.editor.body
    report["editor_width"] = editor.width()
    report["editor_chars"] = editor.width() // max(1, editor.fontMetrics().averageCharWidth())
    record("main-window", window)
    report["preview_width"], report["preview_chars"] = _text_column(window.preview)
    library = window.docks["library_browser"]  # a side panel open beside the text
    library.show()
    library.raise_()
    record("main-window-library", window)
    report["preview_width_with_panel"], report["preview_chars_with_panel"] = _text_column(window.preview)
    library.hide()
    for name, make in (
        ("new-notice", demo_states.new_notice_dialog),
        ("export", demo_states.export_dialog),
        ("publish", demo_states.publish_dialog),
        ("compare", demo_states.diff_window),
        ("welcome", window_setup.show_welcome),
        ("settings", window_setup.open_settings),
        ("notice-settings", lambda w: w.notice_settings()),
    ):
        widget = make(window)
        if widget is not None:
            _wait(app, lambda w=widget: getattr(w, "diff", True) is not None, 20)  # the comparison arrives
            record(name, widget)
            widget.close()
    sample = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "import" / "numbered.txt"
    dialog = demo_states.import_dialog(window, path=sample)
    record("import", dialog)
    dialog.close()
    window.close()
    return report


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m tools.fit_report WIDTHxHEIGHT[@SCALE] OUTDIR", file=sys.stderr)
        return 2
    if not os.environ.get("NS_FIT_CHILD"):
        return _run_child(args[0], Path(args[1]))
    print(json.dumps(measure(Path(args[1]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
