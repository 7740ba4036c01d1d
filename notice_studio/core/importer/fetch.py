"""A notice read from its web address: the page (or PDF, Word file or text) fetched over HTTP(S)
and handed to the reader its type needs.

Only http and https; at most 25 MB, as for files; a time limit on the connection and each read.
The page is read as saved: a notice its site draws with scripts after loading has no text to
find, and the error says to save the page from the browser or copy and paste it instead.
"""

from __future__ import annotations

import http.client
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

from notice_studio.core.importer.blocks import ImportProblem, NoText, SourceDocument
from notice_studio.core.importer.readers import FORMATS, MAX_BYTES, TOO_LARGE, read_bytes

TIMEOUT_S = 20.0
_FEWEST_WORDS = 40  # a page with fewer words is a shell its scripts fill in, not a notice
_WEB_ADDRESS = re.compile(r"^\s*https?://\S+\s*$", re.IGNORECASE)
# What a server says it sends -> the reader for it; anything else is read by the address's extension.
_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
_SAVE_IT = "save the page from your browser and import the file, or copy the notice and paste it"
_INSTEAD = "or " + _SAVE_IT


def is_web_address(text: str) -> bool:
    return bool(_WEB_ADDRESS.match(text))


def fetch_document(address: str, timeout: float = TIMEOUT_S) -> SourceDocument:
    """Fetch the notice at `address` and read it; raises ImportProblem in one sentence."""
    address = address.strip()
    parts = urllib.parse.urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ImportProblem(f"'{address}' is not a web address; give one starting with https://.")
    host = parts.hostname
    too_large = ImportProblem(f"The page at {host} {TOO_LARGE}; check the address.")
    request = urllib.request.Request(
        address, headers={"User-Agent": "NoticeStudio/1 (privacy notice import)", "Accept": "*/*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # http(s) only, checked above
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BYTES:
                raise too_large  # said before reading it
            data = response.read(MAX_BYTES + 1)
            kind = response.headers.get_content_type()
            final = response.geturl()
    except ImportProblem:
        raise
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection the error page came on
        raise ImportProblem(
            f"{host} answered '{exc.code} {exc.reason}' for that address; check the address in your browser, "
            f"{_INSTEAD}."
        ) from None
    except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, refusals, a broken answer
        reason = getattr(exc, "reason", None) or exc
        if isinstance(reason, TimeoutError):
            why = f"it did not answer within {timeout:g} seconds"
        elif isinstance(reason, socket.gaierror):
            why = "no such site was found"
        else:
            why = str(getattr(reason, "strerror", None) or reason)
        raise ImportProblem(
            f"{host} could not be reached ({why}); check the address and your connection, {_INSTEAD}."
        ) from None
    if len(data) > MAX_BYTES:
        raise too_large
    fmt = _TYPES.get(kind) or FORMATS.get(_extension(final))
    if fmt is None:
        raise ImportProblem(
            f"The address gives a '{kind}' file, which Notice Studio cannot import; give the address of the "
            "notice's web page, PDF or Word file."
        )
    try:
        document = read_bytes(data, _name(final), fmt)
    except NoText:
        if fmt == "html" and data.strip():
            raise _too_little(host, data, 0) from None
        raise
    words = sum(len(block.plain.split()) for block in document.blocks) if fmt == "html" else _FEWEST_WORDS
    if words < _FEWEST_WORDS:
        raise _too_little(host, data, words)
    return document


def _too_little(host: str, page: bytes, words: int) -> ImportProblem:
    """Why a page with almost no text cannot be the notice: its scripts write it, or it is short."""
    if re.search(rb"<script\b", page, re.IGNORECASE):
        return ImportProblem(f"The page at {host} has almost no text until its scripts run in a browser; {_SAVE_IT}.")
    return ImportProblem(
        f"The page at {host} has only {words} words of text, too few for a notice; check the address, {_INSTEAD}."
    )


def _extension(address: str) -> str:
    path = urllib.parse.urlsplit(address).path
    match = re.search(r"\.[A-Za-z0-9]{1,8}$", path)
    return match.group(0).lower() if match else ""


def _name(address: str) -> str:
    """The page as counsel would name it: its site and path, without the scheme or a query."""
    parts = urllib.parse.urlsplit(address)
    return (parts.hostname or "") + (parts.path.rstrip("/") or "")
