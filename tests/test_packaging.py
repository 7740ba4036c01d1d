"""The frozen desktop build carries everything it needs (slow: builds the app, ~30 s)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is part of the test extra")
def test_one_folder_build_starts_and_exports_the_sample(tmp_path: Path) -> None:
    import build as packaging_build

    app = packaging_build.build(tmp_path / "dist", tmp_path / "work")
    data = app / "_internal"  # PyInstaller 6 keeps data beside the libraries
    assert (data / "clause_library" / "topics.yaml").is_file()
    assert (data / "resources" / "css").is_dir()
    printed = packaging_build.smoke(app)
    assert printed.startswith("self-test: opened Sample notice")
    assert "library" in printed and "exported" in printed


def test_packaging_files_are_complete() -> None:
    icons = ROOT / "packaging" / "icons"
    for size in (16, 32, 48, 128, 256, 512):
        assert (icons / f"notice-studio-{size}.png").is_file()
    assert (icons / "notice-studio.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (icons / "notice-studio.icns").read_bytes()[:4] == b"icns"
    desktop = (ROOT / "packaging" / "linux" / "io.noticestudio.NoticeStudio.desktop").read_text()
    assert "Exec=notice-studio" in desktop and "Icon=io.noticestudio.NoticeStudio" in desktop
    assert (
        "<id>io.noticestudio.NoticeStudio</id>"
        in (ROOT / "packaging" / "linux" / "io.noticestudio.NoticeStudio.metainfo.xml").read_text()
    )
    assert "dist\\notice-studio" in (ROOT / "packaging" / "windows" / "notice-studio.iss").read_text()
