"""An HTML fragment to paste into a CMS: no <html>/<head>, `ns-` classes, inline styles if asked."""

from __future__ import annotations

import re

from notice_studio.core.export.sanitize import sanitize_html
from notice_studio.core.render.renderer import RenderedNotice

# A few inline styles for CMSs that drop <style> and class rules; off by default.
_INLINE_STYLES: tuple[tuple[str, str | None, str], ...] = (
    ("article", "ns-notice", "max-width:46rem;line-height:1.6"),
    ("p", "ns-status", "color:#5b5b66"),
    ("nav", "ns-toc", "margin-bottom:2rem"),
    ("ol", None, "list-style:none;padding-left:1.25rem"),
    ("div", "ns-table-wrap", "overflow-x:auto;margin-bottom:1.25rem"),
    ("table", "ns-table", "border-collapse:collapse;width:100%"),
    ("caption", None, "text-align:left;font-weight:bold;padding-bottom:0.5rem"),
    ("th", None, "text-align:left;vertical-align:top;padding:0.4rem 0.6rem;border-bottom:2px solid #999"),
    ("td", None, "text-align:left;vertical-align:top;padding:0.4rem 0.6rem;border-bottom:1px solid #ccc"),
    ("mark", "ns-unfilled", "background:#fff1a8;color:#3d2e00"),
    ("mark", "ns-broken-ref", "background:#ffd8d6;color:#3d0000"),
    ("span", "ns-number", "margin-right:0.35em"),
    ("a", "ns-toc-link", "display:inline-block;min-height:24px;padding:2px 0"),
)
_OPEN_TAG_RE = re.compile(r"<([a-z][a-z0-9]*)((?:\s[^<>]*)?)>")


def notice_fragment(rendered: RenderedNotice, inline_styles: bool = False) -> str:
    """The notice as one sanitized `<article class="ns-notice">` element."""
    html = rendered.html
    if inline_styles:
        html = _OPEN_TAG_RE.sub(_styled, html)
    return sanitize_html(html, allow_style=inline_styles).rstrip("\n") + "\n"


def _styled(match: re.Match[str]) -> str:
    tag, attrs = match.group(1), match.group(2)
    classes = re.search(r'class="([^"]*)"', attrs)
    class_list = classes.group(1).split() if classes else []
    for want_tag, want_class, style in _INLINE_STYLES:
        if tag == want_tag and (want_class is None or want_class in class_list):
            return f'<{tag}{attrs} style="{style}">'
    return match.group(0)
