"""The built wheel carries the clause library and finds it after installation, from any folder."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "notice_studio", "clause_library", "resources")


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def build_wheel(tmp_path: Path) -> Path:
    """Build from a copy of the sources, so the build never writes into the working tree."""
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        elif source.is_file():
            shutil.copy2(source, src / name)
    if not (src / "README.md").exists():
        (src / "README.md").write_text("# Notice Studio\n", encoding="utf-8")
    (src / "resources").mkdir(exist_ok=True)
    dist = tmp_path / "dist"
    built = run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, src, cwd=tmp_path)
    if built.returncode != 0:
        # Offline: build with what this environment already has (setuptools + wheel).
        built = run(
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--skip-dependency-check",
            "--outdir",
            dist,
            src,
            cwd=tmp_path,
        )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (wheel,) = dist.glob("notice_studio-*.whl")
    return wheel


def dependency_paths() -> list[str]:
    """This environment's site-packages, to reach the dependencies without downloading them."""
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    return sorted(p for p in paths if Path(p).is_dir())


@pytest.mark.slow
def test_installed_wheel_reads_its_own_library(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    venv = tmp_path / "venv"
    made = run(sys.executable, "-m", "venv", "--system-site-packages", venv, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    purelib = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip()
    )
    # The dependencies live in the development environment; a path file makes them visible.
    # (Only plain paths: that environment's editable-install hook is not run.)
    (purelib / "zz_notice_studio_deps.pth").write_text("\n".join(dependency_paths()) + "\n", encoding="utf-8")
    installed = run(python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NOTICE_STUDIO_LIBRARY", "VIRTUAL_ENV")}
    env["HOME"] = str(tmp_path / "home")
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = "Wheel Test"
    env["GIT_AUTHOR_EMAIL"] = env["GIT_COMMITTER_EMAIL"] = "wheel@example.com"
    exe = venv / "bin" / "notice-studio"
    package_data = purelib / "notice_studio" / "_data" / "clause_library"

    where = run(python, "-c", "import notice_studio.paths as p; print(p.library_folder())", cwd=elsewhere, env=env)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()) == package_data

    # the importer's English word list ships with it, read from the installed package
    words = run(
        python,
        "-c",
        "from notice_studio.core.importer.english import english_words as w; import notice_studio.paths as p; "
        "print(len(w()), p.resources_folder())",
        cwd=elsewhere,
        env=env,
    )
    assert words.returncode == 0, words.stderr
    count, folder = words.stdout.split()
    assert int(count) > 50_000 and Path(folder) == purelib / "notice_studio" / "_data" / "resources"

    version = run(exe, "--version", cwd=elsewhere, env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip().startswith("notice-studio ")

    listed = run(exe, "library", "--json", cwd=elsewhere, env=env)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert data["roots"] == [{"path": str(package_data), "shipped": True}]
    shipped_files = list((REPO / "clause_library" / "clauses").rglob("*.md"))
    assert len(data["clauses"]) == len(shipped_files) > 0
    assert all(Path(c["origin"]["path"]).is_relative_to(package_data) for c in data["clauses"])

    templates = run(exe, "library", "--templates", "--json", cwd=elsewhere, env=env)
    assert templates.returncode == 0, templates.stderr
    assert len(json.loads(templates.stdout)["templates"]) >= 4

    created = run(exe, "new", "acme", "--org", "Acme Ltd", cwd=elsewhere, env=env)
    assert created.returncode == 0, created.stderr
    assert (elsewhere / "acme" / "notice.yaml").is_file()
    assert "Acme Ltd" in (elsewhere / "acme" / "notice.yaml").read_text(encoding="utf-8")
    assert len(list((elsewhere / "acme" / "clauses").glob("*.md"))) >= 20
