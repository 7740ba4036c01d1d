"""Helpers for the remote tests: bare repositories, two clones, and git's own smart-HTTP server."""

from __future__ import annotations

import base64
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from notice_support import AUTHOR, git, small_notice
from web_support import serve

from notice_studio.core.notice import store_remote
from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import Author, NoticeRepo

OTHER = Author("Omar Outside", "omar@example.com")


def bare(path: Path, branch: str = "main") -> Path:
    """A bare repository whose HEAD names `branch`; plain `git init --bare` names 'master'."""
    subprocess.run(["git", "init", "-q", "--bare", f"--initial-branch={branch}", str(path)], check=True)
    return path


def shared_notice(tmp_path: Path, notice: Notice | None = None) -> tuple[Path, Path, Path]:
    """A notice sent to a bare repository and cloned twice: (server, yours, theirs)."""
    server = bare(tmp_path / "server.git")
    first = tmp_path / "first"
    with NoticeRepo.create(first, notice or small_notice(), AUTHOR) as repo:
        store_remote.add_remote(repo, server.as_uri())
        store_remote.sync(repo, author=AUTHOR)
    yours = store_remote.clone(server.as_uri(), tmp_path / "yours")
    theirs = store_remote.clone(server.as_uri(), tmp_path / "theirs")
    return server, yours, theirs


def edit(folder: Path, change, message: str = "Edited", author: Author = AUTHOR) -> None:
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        change(notice)
        assert repo.save(notice, message, author)


def sync(folder: Path, author: Author = AUTHOR, **kwargs) -> store_remote.SyncResult:
    with NoticeRepo.open(folder, write=True) as repo:
        return store_remote.sync(repo, author=author, **kwargs)


def load(folder: Path) -> Notice:
    with NoticeRepo.open(folder) as repo:
        return repo.load()


def no_marker_files(folder: Path) -> None:
    """No git conflict marker in any clause file, and the folder matches its last commit."""
    for path in folder.rglob("*.md"):
        text = path.read_text()
        assert "<<<<<<<" not in text and ">>>>>>>" not in text
    assert git(folder, "status", "--porcelain", "--untracked-files=no") == ""


# ----- smart HTTP through git http-backend ------------------------------------------------------
class _GitHandler(BaseHTTPRequestHandler):
    root: Path
    credentials: str  # "user:password"; "" for no authentication

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _serve(self) -> None:
        if self.credentials:
            expected = "Basic " + base64.b64encode(self.credentials.encode()).decode()
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="notices"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        path, _, query = self.path.partition("?")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": str(self.root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "REQUEST_METHOD": self.command,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "REMOTE_USER": self.credentials.split(":")[0] if self.credentials else "tester",
            "REMOTE_ADDR": "127.0.0.1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": os.environ.get("HOME", "/tmp"),
        }
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        body = self._body() if self.command == "POST" else b""
        env["CONTENT_LENGTH"] = str(len(body))
        proc = subprocess.run(["git", "http-backend"], input=body, capture_output=True, env=env)
        head, _, payload = proc.stdout.partition(b"\r\n\r\n")
        status = 200
        headers = []
        for line in head.decode("latin-1").split("\r\n"):
            key, _, value = line.partition(":")
            if key.lower() == "status":
                status = int(value.strip().split()[0])
            elif key:
                headers.append((key, value.strip()))
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@contextmanager
def http_server(root: Path, credentials: str = "") -> Iterator[str]:
    """Serve the bare repositories under `root` on 127.0.0.1; yields the base URL."""
    handler = type("Handler", (_GitHandler,), {"root": root, "credentials": credentials})
    with serve(handler) as address:
        yield address
