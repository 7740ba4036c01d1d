"""Build the desktop app: a PyInstaller one-folder build in dist/notice-studio/.

    python packaging/build.py            build, then print build time and size
    python packaging/build.py --smoke    also start the built app offscreen on the sample notice,
                                         render it, export HTML and check it exits 0
    --dist DIR / --work DIR              where to put the build (default: dist/, build/)
    --git auto|mingit|host|deb|none      the git carried in dist/notice-studio/git (see bundle_git.py;
                                         auto: MinGit on Windows, the build machine's git on Linux)

Needs the `package` extra: pip install -e ".[package]". The Windows installer
(packaging/windows/notice-studio.iss) and the macOS bundle (made by the spec on macOS) wrap
the same folder; Linux desktop files are in packaging/linux/.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bundle_git import bundle_git

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(HERE / "notice-studio.spec"),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    app = dist / "notice-studio"
    if not app.is_dir():
        raise SystemExit(f"the build did not produce {app}")
    return app


def executable(app: Path) -> Path:
    return app / ("notice-studio.exe" if sys.platform == "win32" else "notice-studio")


def smoke(app: Path) -> str:
    """Run the frozen app's self-test in a throwaway home folder; returns what it printed."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ,
            HOME=home,
            XDG_DATA_HOME=f"{home}/data",
            XDG_CONFIG_HOME=f"{home}/config",
            QT_QPA_PLATFORM="offscreen",
        )
        out = Path(home) / "notice.html"
        result = subprocess.run(
            [str(executable(app)), "--self-test", str(out)], env=env, capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0 or not out.is_file():
            raise SystemExit(f"the built app failed its self-test:\n{result.stdout}\n{result.stderr}")
        if "<h1" not in out.read_text(encoding="utf-8"):
            raise SystemExit("the built app exported HTML without the notice in it")
        return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--smoke", action="store_true", help="start the built app and export the sample notice")
    parser.add_argument("--git", default="auto", help="auto, mingit, host, deb or none (default: auto)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    app = build(args.dist, args.work)
    git = bundle_git(app, args.git, cache=args.work)
    seconds = time.monotonic() - start
    print(f"built {app} in {seconds:.0f} s; {folder_size(app) / 1e6:.0f} MB")
    if git is not None:
        print(f"bundled git: {git.relative_to(app)} ({folder_size(app / 'git') / 1e6:.0f} MB)")
    if args.smoke:
        print(smoke(app))
    return 0


if __name__ == "__main__":
    sys.exit(main())
