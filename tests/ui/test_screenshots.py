"""The screenshot script renders every main screen (it is what the README's pictures come from)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage


@pytest.mark.slow
def test_screenshot_script_renders_every_screen(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "tools.screenshots", str(tmp_path / "shots")],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    expected = {
        "main-window.png",
        "library.png",
        "history.png",
        "diff-window.png",
        "checks.png",
        "publish-dialog.png",
        "new-notice.png",
        "import.png",
        "export.png",
    }
    assert {p.name for p in (tmp_path / "shots").glob("*.png")} == expected
    for name in expected:
        image = QImage(str(tmp_path / "shots" / name))
        assert image.width() > 300 and image.height() > 200, name
