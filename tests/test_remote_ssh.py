"""Sync over ssh:// against OpenSSH's own sshd, started by the test on 127.0.0.1 as this user.

The user's ssh settings come from ~/.gitconfig's core.sshCommand (a key, a port, a known-hosts
file), as a user with a per-server key would set them; the app adds only BatchMode.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from notice_support import AUTHOR, assert_fsck_clean, git, small_notice
from remote_support import OTHER, bare

from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.notice.store_remote import AuthenticationError
from notice_studio.core.workspace import Workspace

SSHD = shutil.which("sshd") or next(
    (p for p in ("/usr/sbin/sshd", "/usr/local/sbin/sshd") if os.access(p, os.X_OK)), None
)
pytestmark = pytest.mark.skipif(
    SSHD is None or shutil.which("ssh") is None or shutil.which("ssh-keygen") is None,
    reason="OpenSSH's sshd, ssh and ssh-keygen are needed (Debian: apt-get install openssh-server)",
)


@dataclass
class SshServer:
    port: int
    host_key: Path
    user_key: Path
    wrong_key: Path
    known_hosts: Path

    def url(self, repo: Path) -> str:
        return f"ssh://{os.environ.get('USER') or _user()}@127.0.0.1:{self.port}{repo}"

    def use_key(self, key: Path) -> None:
        """What a user with a key for this server writes in ~/.gitconfig."""
        command = (
            f"ssh -F /dev/null -i {key} -o IdentitiesOnly=yes -o IdentityAgent=none "
            f"-o UserKnownHostsFile={self.known_hosts} -o StrictHostKeyChecking=yes -o ConnectTimeout=10"
        )
        subprocess.run(["git", "config", "--global", "core.sshCommand", command], check=True)


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


def _keygen(path: Path) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def ssh_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SshServer]:
    assert SSHD is not None
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.delenv("GIT_SSH_COMMAND", raising=False)
    monkeypatch.delenv("GIT_SSH", raising=False)
    keys = tmp_path / "ssh"
    keys.mkdir(mode=0o700)
    host_key, user_key, wrong_key = (_keygen(keys / n) for n in ("host", "user", "wrong"))
    (keys / "authorized_keys").write_text((keys / "user.pub").read_text())
    if os.getuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege-separation folder, when run as root
    for _attempt in range(5):  # another process may take the free port first
        port = _free_port()
        config = keys / "sshd_config"
        config.write_text(
            f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {keys / 'sshd.pid'}\n"
            f"AuthorizedKeysFile {keys / 'authorized_keys'}\nStrictModes no\nUsePAM no\n"
            "PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "PermitRootLogin prohibit-password\nAllowAgentForwarding no\nX11Forwarding no\n"
        )
        log = (keys / "sshd.log").open("w")
        proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        if proc.poll() is None:
            break
        log.close()
    else:
        pytest.fail(f"sshd did not start: {(keys / 'sshd.log').read_text()}")
    known = keys / "known_hosts"
    known.write_text(f"[127.0.0.1]:{port} {(keys / 'host.pub').read_text()}")
    server = SshServer(port, host_key, user_key, wrong_key, known)
    server.use_key(user_key)
    try:
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def test_clone_edit_and_sync_both_ways_over_ssh(ssh_server: SshServer, tmp_path: Path) -> None:
    server = bare(tmp_path / "srv" / "acme.git")
    url = ssh_server.url(server)
    with _first(tmp_path) as ws:
        ws.add_remote(url)
        assert ws.sync().sent == 1
    with Workspace.clone(url, tmp_path / "yours", write=True, author=AUTHOR) as yours:
        assert yours.notice.has("security")
        yours.edit_body("security", "We protect your data with encryption at rest.")
        yours.save()
        result = yours.sync()
        assert result.sent == 1 and not result.conflicts
    with Workspace.clone(url, tmp_path / "theirs", write=True, author=OTHER) as theirs:
        assert theirs.notice.find("security").body == "We protect your data with encryption at rest."
        theirs.edit_body("children", "Not meant for anyone under 13.")
        theirs.save()
        assert theirs.sync().sent == 1
    with Workspace.open(tmp_path / "yours", write=True, author=AUTHOR) as yours:
        (info,) = yours.status(fetch=True).remotes
        assert (
            info.fetched and info.behind == 1 and info.url == f"ssh://127.0.0.1:{ssh_server.port}{server}"
        )  # shown without the user name
        result = yours.sync()
        assert result.draft_changed and yours.notice.find("children").body == "Not meant for anyone under 13."
        head = yours.repo.head()
    assert git(server, "rev-parse", "main").strip() == head
    for folder in (server, tmp_path / "yours", tmp_path / "theirs"):
        assert_fsck_clean(folder)


def test_a_refused_key_is_one_sentence_and_changes_nothing(ssh_server: SshServer, tmp_path: Path) -> None:
    server = bare(tmp_path / "srv" / "acme.git")
    url = ssh_server.url(server)
    with _first(tmp_path) as ws:
        ws.add_remote(url)
        ws.sync()
        ws.edit_body("security", "Kept here until the key is fixed.")
        ws.save()
        before = git(server, "rev-parse", "main").strip()
        ssh_server.use_key(ssh_server.wrong_key)
        started = time.monotonic()
        with pytest.raises(AuthenticationError) as refused:
            ws.sync()
        assert time.monotonic() - started < 15  # BatchMode: no waiting for a password nobody types
        assert str(refused.value) == (
            f"The server at ssh://127.0.0.1:{ssh_server.port}{server} refused your credentials; check your user name and password or token "
            "(kept by git's credential helper) or your ssh key, then sync again."
        )
        assert "\n" not in str(refused.value)
        assert git(server, "rev-parse", "main").strip() == before  # nothing sent
        assert ws.notice.find("security").body == "Kept here until the key is fixed."
        with pytest.raises(AuthenticationError), Workspace.clone(url, tmp_path / "other"):
            pass
        assert not (tmp_path / "other").exists()
        ssh_server.use_key(ssh_server.user_key)
        assert ws.sync().sent == 1  # the right key again: the kept edit goes out
    assert git(server, "rev-parse", "main").strip() != before


def _first(tmp_path: Path):
    NoticeRepo.create(tmp_path / "first", small_notice(), AUTHOR).close()
    return Workspace.open(tmp_path / "first", write=True, author=AUTHOR)
