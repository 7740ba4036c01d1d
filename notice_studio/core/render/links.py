"""E-mail addresses and web addresses in published text become links (escaped, checked).

A small scanner instead of markdown-it's linkify (which makes rendering about 4x slower):
only `https://`, `http://` and `www.` addresses and plain e-mail addresses are linked.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import escapeHtml

_ADDRESS = re.compile(
    r"(?P<url>\b(?:https?://|www\.)[^\s<>\"'`]+)"
    r"|(?P<email>\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)"
)
_TRAILING = ".,;:!?)]}'\""  # sentence punctuation after an address is not part of it
_HOST = re.compile(r"^[A-Za-z0-9.-]+(?::\d+)?$")


def _split_url(text: str) -> tuple[str, str]:
    """(address, trailing punctuation); a closing bracket stays when the address opened one."""
    end = len(text)
    while end and text[end - 1] in _TRAILING:
        if text[end - 1] == ")" and text[:end].count("(") >= text[:end].count(")"):
            break
        end -= 1
    return text[:end], text[end:]


def link_target(address: str) -> str | None:
    """The href for an address found in text, or None when it does not look like a real address."""
    if "@" in address and "://" not in address:
        return f"mailto:{address}"
    url = address if "://" in address else f"https://{address}"
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if not host or "." not in host or not _HOST.match(host) or "@" in host:
        return None
    return url


def linkify_html(text: str) -> str:
    """`text` escaped for HTML, with e-mail and web addresses as links."""
    out: list[str] = []
    position = 0
    for match in _ADDRESS.finditer(text):
        address, _trailing = (match.group(), "") if match.group("email") else _split_url(match.group())
        href = link_target(address)
        if href is None:
            continue
        out.append(escapeHtml(text[position : match.start()]))
        out.append(f'<a href="{escapeHtml(href)}">{escapeHtml(address)}</a>')
        position = match.start() + len(address)
    out.append(escapeHtml(text[position:]))
    return "".join(out)
