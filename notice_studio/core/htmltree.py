"""One HTML tree for the whole core: the importer reads saved web pages into it and the Word
export re-shapes our own rendered HTML with it.

Built with the stdlib parser, forgivingly: implied end tags for p, li, td, th, tr, dt and dd,
stray end tags ignored; each element knows its parent and source line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
BLOCK = {
    "address",
    "article",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "center",
    "caption",
}
_CLOSES_P = BLOCK - {"body", "html"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None
    depth: int = 0

    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag: str) -> Node | None:
        """The first element named `tag` below this one, depth first."""
        for child in self.elements():
            if child.tag == tag:
                return child
            found = child.find(tag)
            if found is not None:
                return found
        return None


# Deeper elements are not nested further: their text joins the element at this depth. Real pages
# stay far below it; a hostile page nested thousands deep would otherwise exhaust the recursion of
# every reader of the tree.
MAX_DEPTH = 160


class TreeBuilder(HTMLParser):
    """Forgiving tree building: implied end tags for p, li, td and tr; stray end tags ignored;
    nesting capped at MAX_DEPTH."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, 1)
        self.current = self.root
        self.title = ""
        self._in_title = False
        self._flattened: dict[str, int] = {}

    def _close(self, tag: str) -> bool:
        node: Node | None = self.current
        while node is not None and node is not self.root:
            if node.tag == tag:
                self.current = node.parent or self.root
                return True
            node = node.parent
        return False

    def _open_ancestor(self, tags: set[str], stop: set[str]) -> Node | None:
        node: Node | None = self.current
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
        if self.current.depth >= MAX_DEPTH and tag not in VOID:
            self._flattened[tag] = self._flattened.get(tag, 0) + 1
            return
        node = Node(
            tag, {k: v or "" for k, v in attrs}, self.getpos()[0], parent=self.current, depth=self.current.depth + 1
        )
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
        if self._flattened.get(tag):
            self._flattened[tag] -= 1
            return
        if tag == "p" and not self._open_ancestor({"p"}, set()):
            return
        self._close(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        self.current.children.append(data)


def parse_html(html: str) -> Node:
    """The elements of an HTML fragment under a synthetic root element."""
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
