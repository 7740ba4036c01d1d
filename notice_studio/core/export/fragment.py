"""An HTML fragment to paste into a CMS: no <html>/<head>, `ns-` classes, and its own styles.

By default the fragment is self-contained: the few styles it needs travel as `style`
attributes (CMSs that keep markup but drop <style> elements and class rules still show it
right), so the contents list never shows "1. 1. About this notice" on a page without our CSS.
`bare=True` gives the markup alone, for a site whose own stylesheet styles the `ns-` classes,
with one exception: the contents links keep the style that makes them 24 px tall. Without it they
are one text line (~19 px) apart, under WCAG 2.2's minimum target size (2.5.8) — a page's
accessibility must not depend on the host stylesheet remembering it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from notice_studio.core.export.sanitize import sanitize_html
from notice_studio.core.render.renderer import RenderedNotice

_TARGET_SIZE = "display:inline-block;min-height:24px;padding:2px 0"  # WCAG 2.2 target size (24 px)
# (tag, class or None for any, where: "toc" inside the contents list only / "" anywhere, style)
_INLINE_STYLES: tuple[tuple[str, str | None, str, str], ...] = (
    ("article", "ns-notice", "", "max-width:46rem;line-height:1.6"),
    ("p", "ns-status", "", "color:#5b5b66"),
    ("nav", "ns-toc", "", "margin-bottom:2rem"),
    # The contents list carries its numbers in the text ("2.1"); the list's own would repeat them.
    ("ol", None, "toc", "list-style:none;margin:0;padding-left:1.25rem"),
    ("div", "ns-table-wrap", "", "overflow-x:auto;margin-bottom:1.25rem"),
    ("table", "ns-table", "", "border-collapse:collapse;width:100%"),
    ("caption", None, "", "text-align:left;font-weight:bold;padding-bottom:0.5rem"),
    ("th", None, "", "text-align:left;vertical-align:top;padding:0.4rem 0.6rem;border-bottom:2px solid #999"),
    ("td", None, "", "text-align:left;vertical-align:top;padding:0.4rem 0.6rem;border-bottom:1px solid #ccc"),
    ("mark", "ns-unfilled", "", "background:#fff1a8;color:#3d2e00"),
    ("mark", "ns-broken-ref", "", "background:#ffd8d6;color:#3d0000"),
    ("span", "ns-number", "", "margin-right:0.35em"),
    ("a", "ns-toc-link", "", _TARGET_SIZE),
)
_OPEN_TAG_RE = re.compile(r"<([a-z][a-z0-9]*)((?:\s[^<>]*)?)>")
_TOC_RE = re.compile(r'(<nav class="ns-toc"[^>]*>)(.*?)(</nav>)', re.DOTALL)
_TOC_LINK_RE = re.compile(r'<a (?=[^<>]*class="ns-toc-link")')


def notice_fragment(rendered: RenderedNotice, bare: bool = False) -> str:
    """The notice as one sanitized `<article class="ns-notice">` element, styled unless `bare`."""
    html = rendered.html
    if bare:
        # Our one style goes in after sanitizing, which drops every style attribute in bare markup.
        return _TOC_LINK_RE.sub(f'<a style="{_TARGET_SIZE}" ', sanitize_html(html)).rstrip("\n") + "\n"
    html = _TOC_RE.sub(lambda m: m.group(1) + _OPEN_TAG_RE.sub(_styler("toc"), m.group(2)) + m.group(3), html)
    html = _OPEN_TAG_RE.sub(_styler(""), html)
    return sanitize_html(html, allow_style=True).rstrip("\n") + "\n"


def _styler(where: str) -> Callable[[re.Match[str]], str]:
    def styled(match: re.Match[str]) -> str:
        tag, attrs = match.group(1), match.group(2)
        if "style=" in attrs:
            return match.group(0)  # styled already (inside the contents list)
        classes = re.search(r'class="([^"]*)"', attrs)
        class_list = classes.group(1).split() if classes else []
        for want_tag, want_class, scope, style in _INLINE_STYLES:
            if tag == want_tag and scope == where and (want_class is None or want_class in class_list):
                return f'<{tag}{attrs} style="{style}">'
        return match.group(0)

    return styled
