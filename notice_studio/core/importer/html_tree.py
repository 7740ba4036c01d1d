"""A saved web page read into the core HTML tree (core/htmltree.py), and which parts of it are
page furniture.

The stdlib HTML parser builds the tree (forgiving: implied end tags, stray end tags ignored);
the helpers here find the main content and judge elements as furniture (menus, cookie banners,
headers and footers) by tag, role, class/id and size.
"""

from __future__ import annotations

import re

from notice_studio.core.htmltree import Node, TreeBuilder
from notice_studio.core.importer.blocks import ImportProblem, one_line

SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "select",
    "textarea",
    "dialog",
    "object",
    "canvas",
    "video",
    "audio",
    "map",
    "head",
    "menu",
}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Tags whose start closes an open <p> (HTML's implied end tags).
_SKIP_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
}
_JUNK_TOKENS = {
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "skip",
    "skiplink",
    "toolbar",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "popup",
    "modal",
    "masthead",
    "topbar",
    "backtotop",
    "totop",
    "scrolltop",
    "searchbar",
    "toc",
}
_FURNITURE_NAMES = (
    ("skip", "a 'skip to content' link"),
    ("skiplink", "a 'skip to content' link"),
    ("toc", "an in-page table of contents"),
    ("newsletter", "a newsletter sign-up"),
    ("subscribe", "a newsletter sign-up"),
    ("popup", "a pop-up"),
    ("modal", "a pop-up"),
    ("breadcrumb", "breadcrumbs"),
    ("breadcrumbs", "breadcrumbs"),
    ("share", "sharing buttons"),
    ("sharing", "sharing buttons"),
    ("social", "social media links"),
    ("sidebar", "a sidebar"),
)
_COOKIE_TOKENS = {"cookie", "cookies", "consent", "gdpr", "cmp"}
_BANNER_TOKENS = {
    "banner",
    "bar",
    "popup",
    "modal",
    "dialog",
    "overlay",
    "window",
    "alert",
    "toast",
    "prompt",
    "layer",
    "sdk",
    "notice",
}
# Word writes a list item as a paragraph styled "mso-list:l0 level2 lfo1", its bullet or number
# in a span styled "mso-list:Ignore".
WORD_LIST_ITEM = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d+)", re.IGNORECASE)
WORD_LIST_MARKER = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
_VENDOR_RE = re.compile(
    r"onetrust|cookiebot|cookieyes|cookielaw|cookie-law|cky-|cmplz|iubenda|usercentrics|didomi|termly|osano|truste|qc-cmp|cc-window|cc_banner|cookie-notice|cookie-consent|cookieconsent",
    re.I,
)


def parse_tree(text: str) -> tuple[Node, str]:
    """The page as a tree of Nodes, and its <title> text."""
    builder = TreeBuilder()
    # Word's HTML (saved, or on the clipboard) wraps list markers in "<![if !supportLists]>" ...
    # "<![endif]>": the markers are kept, the wrapping is not text.
    text = re.sub(r"<!\[(?:if\b[^\]>]*|endif)\]>", "", text, flags=re.IGNORECASE)
    # The stdlib parser raises on a few malformed "<![" declarations; they are never notice text.
    text = re.sub(r"<!\[(?!CDATA\[)", "&lt;![", text)
    try:
        builder.feed(text)
        builder.close()
    except (AssertionError, ValueError, IndexError) as exc:
        raise ImportProblem(
            f"The web page could not be read ({exc}); save it again from the browser and retry."
        ) from None
    return builder.root, one_line(builder.title)


def page_title(title: str) -> str:
    """'Privacy Policy | Acme Ltd' -> 'Privacy Policy'."""
    parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+|\s+::\s+", title) if p.strip()]
    for part in parts:
        if re.search(r"privacy|notice|policy|data protection|cookie", part, re.IGNORECASE):
            return part
    return parts[0] if parts else ""


def main_content(root: Node) -> Node:
    """The <main> element (or the only <article>) when the page has one, else the whole page."""
    mains: list[Node] = []
    articles: list[Node] = []

    def find(node: Node) -> None:
        for child in node.children:
            if isinstance(child, Node):
                if child.tag == "main" or child.attrs.get("role") == "main":
                    mains.append(child)
                    continue
                if child.tag == "article":
                    articles.append(child)
                find(child)

    find(root)
    candidates = mains if len(mains) == 1 else articles if len(articles) == 1 and not mains else []
    if candidates and len(text_of(candidates[0])) > 200:
        return candidates[0]
    return root


def text_of(node: Node) -> str:
    out: list[str] = []

    def visit(n: Node) -> None:
        for child in n.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag not in ("script", "style", "template"):
                visit(child)

    visit(node)
    return one_line(" ".join(out))


def _tokens(node: Node) -> set[str]:
    text = (node.attrs.get("class", "") + " " + node.attrs.get("id", "")).lower()
    return {t for t in re.split(r"[^a-z0-9]+", text) if t}


def junk_reason(node: Node, in_content: bool) -> str | None:
    """Why this element is page furniture, or None when it may hold notice text."""
    tag, attrs = node.tag, node.attrs
    if tag in SKIP:
        return {
            "nav": "a navigation menu",
            "aside": "a sidebar",
            "form": "a form",
            "menu": "a navigation menu",
            "button": "buttons",
        }.get(tag, "")
    if tag in ("header", "footer") and not in_content:
        return "the page " + tag
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return ""
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", attrs.get("style", ""), re.IGNORECASE):
        return ""
    if WORD_LIST_MARKER.search(attrs.get("style", "")):
        return ""  # Word's own bullet or number, read by the list paragraph (word_list_item)
    if attrs.get("role", "").lower() in _SKIP_ROLES:
        return "a " + attrs["role"].lower() + " area"
    tokens = _tokens(node)
    if not tokens:
        return None
    ident = attrs.get("class", "") + " " + attrs.get("id", "")
    if tag in ("section", "article", "main", "body"):
        return None
    if _VENDOR_RE.search(ident):
        return "the cookie banner"
    # A notice's own sections may be called 'sharing' or 'cookies': furniture is short and has no headings.
    if tokens & _COOKIE_TOKENS and tokens & _BANNER_TOKENS and not looks_like_content(node):
        return "the cookie banner"
    if tokens & _JUNK_TOKENS and not looks_like_content(node):
        return next((words for token, words in _FURNITURE_NAMES if token in tokens), "page furniture")
    if tokens & {"footer", "header"} and not in_content and not looks_like_content(node):
        return "the page " + ("footer" if "footer" in tokens else "header")
    return None


def looks_like_content(node: Node) -> bool:
    """Holds a heading and a good deal of text: part of the notice, whatever its class says."""

    def has_heading(n: Node) -> bool:
        return any(isinstance(c, Node) and (c.tag in HEADINGS or has_heading(c)) for c in n.children)

    return has_heading(node) and len(text_of(node)) > 800


def is_layout_table(node: Node) -> bool:
    """A table used to lay out the page (it holds headings, lists or other tables), not data."""
    if node.attrs.get("role") == "presentation":
        return True

    def visit(n: Node, depth: int) -> bool:
        for child in n.children:
            if isinstance(child, Node):
                if (
                    child.tag in HEADINGS
                    or child.tag in ("ul", "ol", "p", "section", "article")
                    or (child.tag == "table" and depth > 0)
                ):
                    return True
                if visit(child, depth + (child.tag == "table")):
                    return True
        return False

    return visit(node, 0)


def is_anchor_link_only(li: Node) -> bool:
    """An item that is just a link to a place on the same page (a table-of-contents entry)."""
    links = [c for c in li.children if isinstance(c, Node) and c.tag == "a"]
    other_text = "".join(c for c in li.children if isinstance(c, str)).strip()
    return len(links) == 1 and links[0].attrs.get("href", "").startswith("#") and not other_text


def text_preformatted(node: Node) -> str:
    out: list[str] = []

    def visit(n: Node) -> None:
        for child in n.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            else:
                visit(child)

    visit(node)
    return "".join(out).replace("```", "'''")
