"""A saved web page -> blocks, with the stdlib HTML parser.

The page is first built into a small tree (so a table can be judged as data or layout, and
the main content found) and then walked into Markdown blocks. Menus, headers, footers, cookie
banners, forms and scripts are left out; what was left out is listed for the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .blocks import Block, ImportProblem, SourceDocument, is_junk_line, one_line

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
SKIP = {
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "svg", "iframe",
    "select", "textarea", "dialog", "object", "canvas", "video", "audio", "map", "head", "menu",
}
BLOCK = {
    "address", "article", "blockquote", "body", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "ol", "p",
    "pre", "section", "summary", "table", "ul", "center", "caption",
}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Tags whose start closes an open <p> (HTML's implied end tags).
_CLOSES_P = BLOCK - {"body", "html"}
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar"}
_JUNK_TOKENS = {
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "skip", "skiplink", "toolbar",
    "share", "sharing", "social", "newsletter", "subscribe", "popup", "modal", "masthead", "topbar",
    "backtotop", "totop", "scrolltop", "searchbar",
}
_COOKIE_TOKENS = {"cookie", "cookies", "consent", "gdpr", "cmp"}
_BANNER_TOKENS = {"banner", "bar", "popup", "modal", "dialog", "overlay", "window", "alert", "toast", "prompt", "layer", "sdk", "notice"}
_VENDOR_RE = re.compile(r"onetrust|cookiebot|cookieyes|cookielaw|cookie-law|cky-|cmplz|iubenda|usercentrics|didomi|termly|osano|truste|qc-cmp|cc-window|cc_banner|cookie-notice|cookie-consent|cookieconsent", re.I)
_SAFE_HREF = re.compile(r"^(?:https?:|mailto:|tel:|#|/|\./|\.\./|[A-Za-z0-9_-]+(?:[./#?]|$))", re.I)


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None


class _TreeBuilder(HTMLParser):
    """Forgiving tree building: implied end tags for p, li, td and tr; stray end tags ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, 1)
        self.current = self.root
        self.title = ""
        self._in_title = False

    def _close(self, tag: str) -> bool:
        node = self.current
        while node is not None and node is not self.root:
            if node.tag == tag:
                self.current = node.parent or self.root
                return True
            node = node.parent
        return False

    def _open_ancestor(self, tags: set[str], stop: set[str]) -> Node | None:
        node = self.current
        while node is not None and node is not self.root:
            if node.tag in tags:
                return node
            if node.tag in stop:
                return None
            node = node.parent
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if tag in _CLOSES_P and self._open_ancestor({"p"}, {"table", "li", "div", "section", "article"}) is not None:
            self._close("p")
        if tag == "li":
            open_li = self._open_ancestor({"li"}, {"ul", "ol"})
            if open_li is not None:
                self._close("li")
        elif tag in ("td", "th"):
            cell = self._open_ancestor({"td", "th"}, {"tr", "table"})
            if cell is not None:
                self._close(cell.tag)
        elif tag == "tr":
            row = self._open_ancestor({"tr"}, {"table"})
            if row is not None:
                self._close("tr")
        elif tag in ("dt", "dd"):
            item = self._open_ancestor({"dt", "dd"}, {"dl"})
            if item is not None:
                self._close(item.tag)
        node = Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0], parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.current.tag == tag:
            self.current = self.current.parent or self.root

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag == "p" and not self._open_ancestor({"p"}, set()):
            return
        self._close(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        self.current.children.append(data)


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> text using a BOM, else the page's own <meta charset>, else UTF-8/Windows-1252."""
    from .readers import _checked, decode_text

    if data[:4].startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, name)
    head = data[:4096].decode("ascii", errors="replace")
    found = re.search(r"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head, re.IGNORECASE)
    if found:
        encoding = found.group(1).lower()
        if encoding in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
            encoding = "cp1252"  # browsers treat these labels as Windows-1252
        try:
            return _checked(data.decode(encoding, errors="replace"), name), encoding
        except LookupError:
            pass
    return decode_text(data, name)


def parse_tree(text: str) -> tuple[Node, str]:
    """The page as a tree of Nodes, and its <title> text."""
    builder = _TreeBuilder()
    # The stdlib parser raises on a few malformed "<![" declarations; they are never notice text.
    text = re.sub(r"<!\[(?!CDATA\[)", "&lt;![", text)
    try:
        builder.feed(text)
        builder.close()
    except (AssertionError, ValueError, IndexError) as exc:
        raise ImportProblem(f"The web page could not be read ({exc}); save it again from the browser and retry.") from None
    return builder.root, one_line(builder.title)


def read_html(text: str, name: str, encoding: str = "utf-8") -> SourceDocument:
    root, title = parse_tree(text)
    walker = _Walker()
    content = _main_content(root)
    if content is not root:
        walker.dropped.append("everything outside the page's main content (menus, header, footer)")
    walker.walk_children(content)
    walker.flush()
    return SourceDocument(name, "html", tuple(walker.blocks), _clean_title(title), encoding, tuple(dict.fromkeys(walker.dropped)))


def _clean_title(title: str) -> str:
    """'Privacy Policy | Acme Ltd' -> 'Privacy Policy'."""
    parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+|\s+::\s+", title) if p.strip()]
    for part in parts:
        if re.search(r"privacy|notice|policy|data protection|cookie", part, re.IGNORECASE):
            return part
    return parts[0] if parts else ""


def _main_content(root: Node) -> Node:
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
    if candidates and len(_text_of(candidates[0])) > 200:
        return candidates[0]
    return root


def _text_of(node: Node) -> str:
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


def _junk_reason(node: Node, in_content: bool) -> str | None:
    """Why this element is page furniture, or None when it may hold notice text."""
    tag, attrs = node.tag, node.attrs
    if tag in SKIP:
        return {"nav": "a navigation menu", "aside": "a sidebar", "form": "a form", "menu": "a navigation menu"}.get(tag, "")
    if tag in ("header", "footer") and not in_content:
        return "the page " + tag
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return ""
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", attrs.get("style", ""), re.IGNORECASE):
        return ""
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
    if tokens & _COOKIE_TOKENS and tokens & _BANNER_TOKENS and not _looks_like_content(node):
        return "the cookie banner"
    if tokens & _JUNK_TOKENS and not _looks_like_content(node):
        return "page furniture (" + ", ".join(sorted(tokens & _JUNK_TOKENS)) + ")"
    if tokens & {"footer", "header"} and not in_content and not _looks_like_content(node):
        return "the page " + ("footer" if "footer" in tokens else "header")
    return None


def _looks_like_content(node: Node) -> bool:
    """Holds a heading and a good deal of text: part of the notice, whatever its class says."""

    def has_heading(n: Node) -> bool:
        return any(isinstance(c, Node) and (c.tag in HEADINGS or has_heading(c)) for c in n.children)

    return has_heading(node) and len(_text_of(node)) > 800


def _is_layout_table(node: Node) -> bool:
    """A table used to lay out the page (it holds headings, lists or other tables), not data."""
    if node.attrs.get("role") == "presentation":
        return True

    def visit(n: Node, depth: int) -> bool:
        for child in n.children:
            if isinstance(child, Node):
                if child.tag in HEADINGS or child.tag in ("ul", "ol", "p", "section", "article") or (child.tag == "table" and depth > 0):
                    return True
                if visit(child, depth + (child.tag == "table")):
                    return True
        return False

    return visit(node, 0)


_INLINE_MARK = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}
_ESCAPE_RE = re.compile(r"([\\`*\[\]<>])")
_UNDERSCORE_RE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_BR = "\x00"


def _escape(text: str) -> str:
    return _UNDERSCORE_RE.sub(r"\\_", _ESCAPE_RE.sub(r"\\\1", text))


def _escape_start(markdown: str) -> str:
    """Stop a paragraph's first characters from reading as a Markdown heading, list or quote."""
    match = re.match(r"(\d{1,9})([.)])(\s|$)", markdown)
    if match:
        return match.group(1) + "\\" + markdown[match.end(1) :]
    if re.match(r"([#>+=-]|\*\s)", markdown):
        return "\\" + markdown
    return markdown


class _Inline:
    """Text gathered for one block: Markdown pieces, plain words and how much was not bold."""

    def __init__(self) -> None:
        self.md: list[str] = []
        self.plain: list[str] = []
        self.plain_not_bold = 0
        self.line = 0

    def empty(self) -> bool:
        return not "".join(self.plain).strip()


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.dropped: list[str] = []
        self.inline = _Inline()
        self.bold_depth = 0
        self.in_content = 0
        self.list_depth = -1
        self.quote_depth = 0
        self.mode = "paragraph"  # 'paragraph', 'li', 'heading', 'cell'
        self.gap_next = True
        self.link_depth = 0

    # ----- emitting blocks ------------------------------------------------------------------------
    def flush(self, kind: str = "paragraph", level: int = 0, style: str = "", ordered_number: str | None = None) -> None:
        inline = self.inline
        self.inline = _Inline()
        if inline.empty():
            return
        plain = one_line("".join(inline.plain))
        md = _tidy("".join(inline.md))
        bold = inline.plain_not_bold == 0
        if kind == "heading":
            md = md.replace(_BR, " ")
            self._add(Block("heading", one_line(md), plain, level, inline.line, True, bold, style))
            return
        md = re.sub(r"[ \t]*\x00[ \t]*", "\\\n", md.strip(" \x00"))
        if kind == "list_item":
            marker = f"{ordered_number}. " if ordered_number else "- "
            indent = "  " * level if not ordered_number else "   " * level
            md = indent + marker + md.replace("\n", "\n" + " " * (len(indent) + len(marker)))
            self._add(Block("list_item", md, plain, level, inline.line, self.gap_next, bold, style))
            self.gap_next = False
            return
        md = _escape_start(md)
        if self.quote_depth:
            md = "\n".join("> " * self.quote_depth + line for line in md.split("\n"))
        self._add(Block("paragraph", md, plain, 0, inline.line, True, bold, style))

    def _add(self, block: Block) -> None:
        if block.kind != "table" and is_junk_line(block.plain):
            self.dropped.append(block.plain)
            return
        self.blocks.append(block)

    # ----- walking ----------------------------------------------------------------------------------
    def walk_children(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.text(child)
            else:
                self.element(child)

    def text(self, data: str) -> None:
        if not data:
            return
        if not self.inline.plain and not data.strip():
            return
        collapsed = re.sub(r"\s+", " ", data)
        self.inline.md.append(_escape(collapsed))
        self.inline.plain.append(collapsed)
        if not self.bold_depth:
            self.inline.plain_not_bold += len(collapsed.strip())

    def element(self, node: Node) -> None:
        reason = _junk_reason(node, self.in_content > 0)
        if reason is not None:
            if reason:
                self.dropped.append(reason)
            return
        tag = node.tag
        if not self.inline.line:
            self.inline.line = node.line
        if tag in ("main", "article"):
            self.in_content += 1
            self.block_children(node)
            self.in_content -= 1
        elif tag in HEADINGS:
            self.heading(node)
        elif tag in ("ul", "ol"):
            self.list(node)
        elif tag == "table" and self.mode not in ("cell", "heading") and not _is_layout_table(node):
            self.table(node)
        elif tag == "pre" and self.mode == "paragraph":
            self.flush()
            code = _text_preformatted(node)
            if code.strip():
                fence = "```"
                self._add(Block("paragraph", f"{fence}\n{code.rstrip()}\n{fence}", one_line(code), 0, node.line))
        elif tag == "blockquote" and self.mode == "paragraph":
            self.flush()
            self.quote_depth += 1
            self.block_children(node)
            self.quote_depth -= 1
        elif tag == "br":
            self.inline.md.append(_BR if self.mode in ("paragraph", "li") else " ")
            self.inline.plain.append(" ")
        elif tag == "hr":
            self.flush() if self.mode == "paragraph" else None
        elif tag == "img":
            pass  # images carry no notice text; alt text would only add noise
        elif tag == "dt" and self.mode == "paragraph":
            self.flush()
            self.bold_wrap(node)
            self.flush()
        elif tag == "a":
            self.link(node)
        elif tag in _INLINE_MARK:
            if tag in ("strong", "b"):
                self.bold_wrap(node)
            else:
                self.wrap(node, _INLINE_MARK[tag])
        elif tag in BLOCK or tag in ("tr", "td", "th", "tbody", "thead", "tfoot", "table"):
            if self.mode == "paragraph":
                self.block_children(node)
            else:
                # Inside a heading, list item or cell, blocks run together as one line of text.
                if self.inline.plain and not "".join(self.inline.plain).endswith(" "):
                    self.inline.md.append(_BR if self.mode == "li" else " ")
                    self.inline.plain.append(" ")
                self.walk_children(node)
        else:
            self.walk_children(node)

    def block_children(self, node: Node) -> None:
        self.flush()
        self.walk_children(node)
        self.flush()

    def heading(self, node: Node) -> None:
        if self.mode != "paragraph":
            self.walk_children(node)
            return
        self.flush()
        self.mode = "heading"
        self.inline.line = node.line
        self.walk_children(node)
        self.mode = "paragraph"
        self.flush("heading", HEADINGS[node.tag], node.tag)

    def list(self, node: Node) -> None:
        items = [c for c in node.children if isinstance(c, Node) and c.tag == "li"]
        if self.mode == "li":
            self.flush_li()
        elif self.mode != "paragraph":
            self.walk_children(node)
            return
        else:
            self.flush()
            self.gap_next = True
        if items and all(_is_anchor_link_only(li) for li in items) and len(items) >= 3:
            self.dropped.append("an in-page table of contents (the app numbers and links sections itself)")
            return
        self.list_depth += 1
        outer_number = self._li_number
        ordered = node.tag == "ol"
        try:
            counter = int(node.attrs.get("start", "1"))
        except ValueError:
            counter = 1
        saved_mode = self.mode
        for child in node.children:
            if isinstance(child, str):
                continue
            if child.tag != "li":
                self.mode = "paragraph"
                self.element(child)
                continue
            if _junk_reason(child, self.in_content > 0) is not None:
                continue
            self.mode = "li"
            self._li_number = str(counter) if ordered else None
            self.inline.line = child.line
            self.walk_children(child)
            self.flush_li()
            counter += 1
        self.mode = saved_mode
        self._li_number = outer_number
        self.list_depth -= 1
        if self.list_depth < 0:
            self.gap_next = True

    _li_number: str | None = None

    def flush_li(self) -> None:
        self.flush("list_item", max(self.list_depth, 0), "li", self._li_number)

    def table(self, node: Node) -> None:
        self.flush()
        rows: list[tuple[list[str], list[str], bool]] = []

        def collect(n: Node) -> None:
            for child in n.children:
                if isinstance(child, Node):
                    if child.tag == "tr":
                        cells_md: list[str] = []
                        cells_plain: list[str] = []
                        header = False
                        for cell in child.children:
                            if isinstance(cell, Node) and cell.tag in ("td", "th"):
                                header = header or cell.tag == "th"
                                saved, self.inline, self.mode = self.inline, _Inline(), "cell"
                                self.walk_children(cell)
                                cells_md.append(_tidy("".join(self.inline.md)).replace(_BR, " ").replace("|", "\\|"))
                                cells_plain.append(one_line("".join(self.inline.plain)))
                                self.inline, self.mode = saved, "paragraph"
                        if any(c.strip() for c in cells_plain):
                            rows.append((cells_md, cells_plain, header))
                    elif child.tag == "caption":
                        self.mode = "paragraph"
                        self.block_children(child)
                    elif _junk_reason(child, True) is None:
                        collect(child)

        collect(node)
        if not rows:
            return
        width = max(len(r[0]) for r in rows)
        lines = []
        for n, (cells, _, _) in enumerate(rows):
            cells = [" ".join(c.split()) for c in cells] + [""] * (width - len(cells))
            lines.append("| " + " | ".join(cells) + " |")
            if n == 0:
                lines.append("|" + "|".join(" --- " for _ in range(width)) + "|")
        plain = " ".join(" ".join(r[1]) for r in rows)
        self._add(Block("table", "\n".join(lines), one_line(plain), 0, node.line))

    def wrap(self, node: Node, mark: str) -> None:
        start = len(self.inline.md)
        self.walk_children(node)
        inner = "".join(self.inline.md[start:])
        del self.inline.md[start:]
        stripped = inner.strip(" ")
        if not stripped.replace(_BR, "").strip():
            self.inline.md.append(inner)
            return
        lead = inner[: len(inner) - len(inner.lstrip(" "))]
        trail = inner[len(inner.rstrip(" ")) :]
        self.inline.md.append(f"{lead}{mark}{stripped}{mark}{trail}")

    def bold_wrap(self, node: Node) -> None:
        self.bold_depth += 1
        if self.bold_depth == 1:
            self.wrap(node, "**")
        else:
            self.walk_children(node)
        self.bold_depth -= 1

    def link(self, node: Node) -> None:
        href = node.attrs.get("href", "").strip()
        if self.link_depth or not href or not _SAFE_HREF.match(href) or self.mode == "heading":
            self.walk_children(node)
            return
        self.link_depth += 1
        start = len(self.inline.md)
        self.walk_children(node)
        inner = "".join(self.inline.md[start:])
        del self.inline.md[start:]
        self.link_depth -= 1
        if not inner.strip():
            return
        lead = inner[: len(inner) - len(inner.lstrip(" "))]
        trail = inner[len(inner.rstrip(" ")) :]
        target = href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        self.inline.md.append(f"{lead}[{inner.strip()}]({target}){trail}")


def _is_anchor_link_only(li: Node) -> bool:
    """An item that is just a link to a place on the same page (a table-of-contents entry)."""
    links = [c for c in li.children if isinstance(c, Node) and c.tag == "a"]
    other_text = "".join(c for c in li.children if isinstance(c, str)).strip()
    return len(links) == 1 and links[0].attrs.get("href", "").startswith("#") and not other_text


def _text_preformatted(node: Node) -> str:
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


def _tidy(markdown: str) -> str:
    """Collapse spaces the way a browser does, keeping line breaks marked with the sentinel."""
    markdown = re.sub(r"[ \t\n]+", " ", markdown)
    return markdown.strip()
