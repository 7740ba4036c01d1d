"""Real gpg signing keys for tests: each in its own temporary GNUPGHOME, without a passphrase."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from notice_support import git

NO_GPG = shutil.which("gpg") is None
WHY = "GnuPG (gpg) is needed (Debian: apt-get install gnupg)"


def gpg(home: Path, *args: str) -> str:
    return subprocess.run(
        ["gpg", "--homedir", str(home), "--batch", *args], check=True, capture_output=True, text=True
    ).stdout


@contextmanager
def gpg_keys(*people: str) -> Iterator[list[tuple[Path, str]]]:
    """(GNUPGHOME, fingerprint) for each 'Name <email>', each home knowing only its own key.

    Short paths under /tmp: gpg-agent's socket path must stay under the system's limit.
    """
    homes: list[Path] = []
    try:
        found: list[tuple[Path, str]] = []
        for who in people:
            home = Path(tempfile.mkdtemp(prefix="nsg"))
            home.chmod(0o700)
            homes.append(home)
            quiet = ("--passphrase", "", "--pinentry-mode", "loopback")
            gpg(home, *quiet, "--quick-gen-key", who, "ed25519", "sign", "never")
            fingerprint = next(
                line.split(":")[9]
                for line in gpg(home, "--with-colons", "--list-secret-keys").splitlines()
                if line.startswith("fpr:")
            )
            found.append((home, fingerprint))
        yield found
    finally:
        for home in homes:
            subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"], capture_output=True)
            shutil.rmtree(home, ignore_errors=True)


def sign_with(folder: Path, fingerprint: str) -> None:
    """Make git sign this notice's tags with the key."""
    git(folder, "config", "tag.gpgSign", "true")
    git(folder, "config", "user.signingkey", fingerprint)
