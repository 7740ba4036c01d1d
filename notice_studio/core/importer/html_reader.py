"""A saved web page -> blocks: the page tree (html_tree.py) walked into Markdown blocks.

Menus, headers, footers, cookie banners, forms and scripts are left out; what was left out is
listed for the report. Lists, tables, emphasis and safe links are kept as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import replace

from notice_studio.core.htmltree import BLOCK, Node
from notice_studio.core.importer.blocks import Block, SourceDocument, is_junk_line, one_line
from notice_studio.core.importer.html_tree import (
    HEADINGS,
    WORD_LIST_ITEM,
    WORD_LIST_MARKER,
    is_anchor_link_only,
    is_layout_table,
    junk_reason,
    main_content,
    page_title,
    parse_tree,
    text_preformatted,
)
from notice_studio.core.importer.markdown_text import SAFE_HREF, escape, escape_start, link_target, table_markdown

_INLINE_MARK = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}
_BR = "\x00"
# Bold set by a style rather than a tag (text copied from Google Docs), and a tag's bold undone.
_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_NOT_BOLD = re.compile(r"font-weight\s*:\s*(?:normal|lighter|[1-5]00)\b", re.IGNORECASE)
# A class the page's own style sheet makes bold (".c7{font-weight:700}", as a Google Docs
# download writes its bold text).
_BOLD_CLASS = re.compile(r"\.([\w-]+)\s*\{[^}]*?font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)


def read_html(text: str, name: str, encoding: str = "utf-8") -> SourceDocument:
    root, title = parse_tree(text)
    walker = _Walker(_bold_classes(root))
    content = main_content(root)
    if content is not root:
        walker.dropped.append("everything outside the page's main content (menus, header, footer)")
    walker.walk_children(content)
    walker.flush()
    return SourceDocument(
        name,
        "html",
        tuple(walker.blocks),
        page_title(title),
        encoding,
        tuple(walker.dropped),  # each time: the report counts them
    )


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
    def __init__(self, bold_classes: frozenset[str] = frozenset()) -> None:
        self.bold_classes = bold_classes
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
        self.anchors: list[tuple[str, int]] = []
        """Element ids met and not yet given to a block: (id, blocks to let pass first)."""

    # ----- emitting blocks ------------------------------------------------------------------------
    def flush(
        self, kind: str = "paragraph", level: int = 0, style: str = "", ordered_number: str | None = None
    ) -> None:
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
        md = escape_start(md)
        if self.quote_depth:
            md = "\n".join("> " * self.quote_depth + line for line in md.split("\n"))
        self._add(Block("paragraph", md, plain, 0, inline.line, True, bold, style))

    def _add(self, block: Block) -> None:
        ready = [name for name, wait in self.anchors if not wait]
        self.anchors = [(name, wait - 1) for name, wait in self.anchors if wait]
        if block.kind != "table" and is_junk_line(block.plain):
            self.dropped.append(block.plain)
            self.anchors[:0] = [(name, 0) for name in ready]  # they name the place of the next block
            return
        self.blocks.append(replace(block, anchors=tuple(ready)) if ready else block)

    def anchor(self, node: Node) -> None:
        """Note an element's id (or an old-style <a name>): in-page links lead there. An id on a
        block element names the block it starts, not the text still waiting before it."""
        name = node.attrs.get("id", "").strip() or (node.attrs.get("name", "").strip() if node.tag == "a" else "")
        if name:
            before = node.tag in BLOCK or node.tag in HEADINGS or node.tag in ("ul", "ol", "table", "pre")
            self.anchors.append((name, 1 if before and self.mode == "paragraph" and not self.inline.empty() else 0))

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
        self.inline.md.append(escape(collapsed))
        self.inline.plain.append(collapsed)
        if not self.bold_depth:
            self.inline.plain_not_bold += len(collapsed.strip())

    def element(self, node: Node) -> None:
        reason = junk_reason(node, self.in_content > 0)
        if reason is not None:
            if reason:
                self.dropped.append(reason)
            return
        tag = node.tag
        self.anchor(node)
        if not self.inline.line:
            self.inline.line = node.line
        if tag in ("main", "article"):
            self.in_content += 1
            self.block_children(node)
            self.in_content -= 1
        elif tag in HEADINGS:
            self.heading(node)
        elif (
            tag == "p"
            and self.mode == "paragraph"
            and (word_item := WORD_LIST_ITEM.search(node.attrs.get("style", "")))
        ):
            self.word_list_item(node, int(word_item.group(1)) - 1)
        elif tag in ("ul", "ol"):
            self.list(node)
        elif tag == "table" and self.mode not in ("cell", "heading") and not is_layout_table(node):
            self.table(node)
        elif tag == "pre" and self.mode == "paragraph":
            self.flush()
            code = text_preformatted(node)
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
            # An image carries no notice text, but its description may say what it showed (a map,
            # a chart of retention periods): not put in a clause, but listed as left out.
            alt = one_line(node.attrs.get("alt", ""))
            if len(alt.split()) >= 2:
                self.dropped.append(f"an image: '{alt[:80]}'")
        elif tag == "dt" and self.mode == "paragraph":
            self.flush()
            self.bold_wrap(node)
            self.flush()
        elif tag == "a":
            self.link(node)
        elif tag in _INLINE_MARK:
            if tag in ("strong", "b") and not _NOT_BOLD.search(node.attrs.get("style", "")):
                self.bold_wrap(node)
            elif tag in ("strong", "b"):
                self.walk_children(node)  # Google Docs wraps a whole copy in <b style="font-weight:normal">
            else:
                self.wrap(node, _INLINE_MARK[tag])
        elif tag == "span" and (_BOLD.search(node.attrs.get("style", "")) or self.bold_classes & set(node.classes())):
            self.bold_wrap(node)  # bold as Google Docs writes it, in a style or a class
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
        if items and all(is_anchor_link_only(li) for li in items) and len(items) >= 3:
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
            if junk_reason(child, self.in_content > 0) is not None:
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

    def word_list_item(self, node: Node, level: int) -> None:
        """A list item as Word writes it: a paragraph with its level (from 0) in its style and its
        bullet or number in a span of its own."""
        self.flush()
        if not self.blocks or self.blocks[-1].kind != "list_item":
            self.gap_next = True
        number = re.match(r"\s*(\d{1,3})[.)]", _word_marker(node))
        self.inline.line = node.line
        self.mode = "li"
        self.walk_children(node)
        self.mode = "paragraph"
        self.flush("list_item", max(level, 0), "li", number.group(1) if number else None)

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
                                cells_md.append(" ".join(_tidy("".join(self.inline.md)).replace(_BR, " ").split()))
                                cells_plain.append(one_line("".join(self.inline.plain)))
                                self.inline, self.mode = saved, "paragraph"
                        if any(c.strip() for c in cells_plain):
                            rows.append((cells_md, cells_plain, header))
                    elif child.tag == "caption":
                        self.mode = "paragraph"
                        self.block_children(child)
                    elif junk_reason(child, True) is None:
                        collect(child)

        collect(node)
        if not rows:
            return
        plain = " ".join(" ".join(r[1]) for r in rows)
        self._add(Block("table", table_markdown([r[0] for r in rows]), one_line(plain), 0, node.line))

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
        if self.link_depth or not href or not SAFE_HREF.match(href) or self.mode == "heading":
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
        target = link_target(href)
        self.inline.md.append(f"{lead}[{inner.strip()}]({target}){trail}")


def _bold_classes(root: Node) -> frozenset[str]:
    """The classes the page's <style> sheets make bold."""
    found: set[str] = set()

    def visit(node: Node) -> None:
        for child in node.elements():
            if child.tag == "style":
                found.update(_BOLD_CLASS.findall(child.text()))
            else:
                visit(child)

    visit(root)
    return frozenset(found)


def _word_marker(node: Node) -> str:
    """The text of the span holding a Word list paragraph's bullet or number ('' if none)."""
    for child in node.elements():
        if WORD_LIST_MARKER.search(child.attrs.get("style", "")):
            return child.text()
        found = _word_marker(child)
        if found:
            return found
    return ""


def _tidy(markdown: str) -> str:
    """Collapse spaces the way a browser does, keeping line breaks marked with the sentinel."""
    markdown = re.sub(r"[ \t\n]+", " ", markdown)
    return markdown.strip()
