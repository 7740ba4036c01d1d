"""A real HTTP server on 127.0.0.1 serving notices (our own fixtures) and the ways a fetch goes wrong."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SCRIPTED = (
    b"<!DOCTYPE html><html><head><title>Privacy</title><script src='/app.js'></script></head>"
    b"<body><div id='root'></div><noscript>Turn on JavaScript to read this page.</noscript></body></html>"
)


class NoticeSite(BaseHTTPRequestHandler):
    """A small site: the notice as a page, as text and as Markdown, and the ways a fetch goes wrong."""

    def log_message(self, *args: object) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()  # the client may give up first (the time limit and size tests)

    def do_GET(self) -> None:
        routes = {
            "/privacy": ("text/html; charset=utf-8", (FIXTURES / "saved_page.html").read_bytes()),
            "/notice.txt": ("text/plain", (FIXTURES / "numbered.txt").read_bytes()),
            "/files/notice.md": ("application/octet-stream", (FIXTURES / "unnumbered.md").read_bytes()),
            "/app": ("text/html", SCRIPTED),
            "/stub": ("text/html", b"<html><body><h1>Privacy</h1><p>Our notice is being updated.</p></body></html>"),
            "/archive.zip": ("application/zip", b"PK\x03\x04 not a notice"),
        }
        if self.path == "/old-privacy":
            self.send_response(301)
            self.send_header("Location", "/privacy")
            self.end_headers()
            return
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(30 * 1024 * 1024))
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(2)
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        kind, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` on a free port of 127.0.0.1 from a thread; yields the base address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def notice_site() -> contextlib.AbstractContextManager[str]:
    """The notice site, e.g. at http://127.0.0.1:5123."""
    return serve(NoticeSite)
