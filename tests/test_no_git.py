"""Without the git program: one sentence saying what to install, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from notice_studio.core.notice.git_program import bundled_git, bundled_git_environment, missing_git_message


def _run(args: list[str], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "GIT_PYTHON_GIT_EXECUTABLE"}
    env.update(PATH=str(empty), PYTHONPATH=str(Path(__file__).resolve().parents[1]), **extra)
    return subprocess.run(
        [sys.executable, "-m", "notice_studio", *args], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize("args", [["outline", "somewhere"], ["new", "somewhere", "--org", "Acme"]])
def test_cli_without_git_says_what_to_install(tmp_path: Path, args: list[str]) -> None:
    result = _run(args, tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0  # one sentence
    assert "git program, which is not installed" in result.stderr and "install" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "somewhere").exists()


def test_library_command_works_without_git(tmp_path: Path) -> None:
    result = _run(["library", "--search", "cookies"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cookies" in result.stdout.lower()


def test_app_start_without_git_says_what_to_install(tmp_path: Path) -> None:
    result = _run([], tmp_path, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    assert result.returncode == 1
    assert "git program, which is not installed" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_sentence_names_what_to_install_on_each_system() -> None:
    assert "Git for Windows" in missing_git_message("win32")
    assert "xcode-select --install" in missing_git_message("darwin")
    assert "apt install git" in missing_git_message("linux")


def test_a_bundled_git_is_found_in_the_app_folder(tmp_path: Path) -> None:
    assert bundled_git(tmp_path) is None
    program = tmp_path / "git" / "cmd" / "git.exe"
    program.parent.mkdir(parents=True)
    program.write_text("")
    assert bundled_git(tmp_path) == program


def test_a_bundled_linux_git_is_pointed_at_its_own_helpers(tmp_path: Path) -> None:
    program = tmp_path / "git" / "bin" / "git"
    program.parent.mkdir(parents=True)
    program.write_text("")
    assert bundled_git(tmp_path) == program
    assert bundled_git_environment(program) == {}  # relocatable (MinGit): nothing to say
    (tmp_path / "git" / "libexec" / "git-core").mkdir(parents=True)
    assert bundled_git_environment(program) == {
        "GIT_EXEC_PATH": str(tmp_path / "git" / "libexec" / "git-core"),
        "GIT_TEMPLATE_DIR": str(tmp_path / "git" / "share" / "git-core" / "templates"),
    }
