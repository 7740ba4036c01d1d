"""The frozen app on a computer without git: it writes notices with the git it carries.

Runs against a built one-folder app, never builds one in the normal suite (a build takes minutes):
- NOTICE_STUDIO_FROZEN_APP=dist/notice-studio   test that folder;
- else dist/notice-studio when it exists (made by `python packaging/build.py`);
- NOTICE_STUDIO_BUILD_FROZEN=1                   build one (with its git) into a temporary folder.
Skipped, with the reason, otherwise. Every program runs with a PATH that holds no git.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

pytestmark = pytest.mark.slow


def _program(app: Path) -> Path:
    return app / ("notice-studio.exe" if sys.platform == "win32" else "notice-studio")


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("NOTICE_STUDIO_FROZEN_APP")
    app = Path(chosen) if chosen else ROOT / "dist" / "notice-studio"
    if _program(app).is_file():
        return app
    if os.environ.get("NOTICE_STUDIO_BUILD_FROZEN") != "1":
        pytest.skip(
            f"no frozen build at {app}: run `python packaging/build.py` first, "
            "or set NOTICE_STUDIO_BUILD_FROZEN=1 to build one here (several minutes)"
        )
    if shutil.which("pyinstaller") is None and not (Path(sys.executable).parent / "pyinstaller").is_file():
        pytest.skip("PyInstaller is not installed (pip install -e '.[package]')")
    import build as packaging_build
    from bundle_git import bundle_git

    work = tmp_path_factory.mktemp("frozen")
    app = packaging_build.build(work / "dist", work / "work")
    bundle_git(app, "auto", cache=work)
    return app


@pytest.fixture
def without_git(tmp_path: Path) -> dict[str, str]:
    """A minimal environment whose PATH has no git (and nothing else), with a throwaway home."""
    empty = tmp_path / "bin-without-git"
    empty.mkdir()
    env = {
        "PATH": str(empty),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    if sys.platform == "win32":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env["USERPROFILE"] = str(tmp_path)
    assert shutil.which("git", path=env["PATH"]) is None
    return env


def _run(app: Path, env: dict[str, str], cwd: Path, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [str(_program(app)), *args], env=env, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stdout


def test_the_app_carries_a_git(frozen_app: Path) -> None:
    from bundle_git import elf_programs, needed_libraries

    carried = [frozen_app / "git" / "cmd" / "git.exe", frozen_app / "git" / "bin" / "git"]
    assert any(p.is_file() for p in carried), f"no git in {frozen_app / 'git'}"
    if sys.platform.startswith("linux"):
        # Debian's git looks for its helpers in /usr/lib/git-core unless told: the app tells it.
        assert (frozen_app / "git" / "libexec" / "git-core" / "git-remote-http").is_file()
        for program in elf_programs(frozen_app / "git"):
            for name, where in needed_libraries(program).items():
                assert where.resolve().is_relative_to((frozen_app / "git" / "lib").resolve()), (
                    f"{program.name} loads {name} from {where}"
                )


def test_frozen_cli_writes_publishes_and_exports_without_git(
    frozen_app: Path, without_git: dict[str, str], tmp_path: Path
) -> None:
    _run(frozen_app, without_git, tmp_path, "new", "acme", "--org", "Acme Ltd", "--template", "website-eea")
    placeholders = json.loads(_run(frozen_app, without_git, tmp_path, "vars", "acme", "--json"))["variables"]
    names = [v["name"] for v in placeholders if not v["filled"]]
    values = [f"{name}={'30' if name.endswith(('days', 'age')) else 'Filled ' + name}" for name in names]
    _run(frozen_app, without_git, tmp_path, "set", "acme", *values)
    first = json.loads(_run(frozen_app, without_git, tmp_path, "outline", "acme", "--json"))["clauses"][0]["id"]
    _run(frozen_app, without_git, tmp_path, "clause", "edit", "acme", first, stdin="Written in the frozen app.\n")
    _run(
        frozen_app,
        without_git,
        tmp_path,
        *("publish", "acme", "--effective", "2026-01-15", "--material", "--summary", "First version."),
        *("--approved-by", "Jane Counsel", "--force"),
    )
    log = json.loads(_run(frozen_app, without_git, tmp_path, "log", "acme", "--json"))
    assert [v["version"] for v in log["versions"]] == ["v1"]
    assert any(first in json.dumps(edit) for edit in log["edits"])
    _run(frozen_app, without_git, tmp_path, "export", "acme", "--format", "html", "--out", "notice.html")
    page = (tmp_path / "notice.html").read_text(encoding="utf-8")
    assert "Written in the frozen app." in page and "Acme Ltd" in page


def test_frozen_app_starts_offscreen_without_git(frozen_app: Path, without_git: dict[str, str], tmp_path: Path) -> None:
    printed = _run(frozen_app, without_git, tmp_path, "--self-test", str(tmp_path / "sample.html"))
    assert printed.startswith("self-test: opened Sample notice")
    assert "<h1" in (tmp_path / "sample.html").read_text(encoding="utf-8")
    # The plain start: the window comes up and stays up (a missing git would end it with exit 1).
    app = subprocess.Popen(
        [str(_program(frozen_app))], env=without_git, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 8
        while app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert app.poll() is None, app.communicate()[1].decode(errors="replace")
    finally:
        app.terminate()
        _, err = app.communicate(timeout=30)
    assert b"git program" not in err and b"Traceback" not in err
