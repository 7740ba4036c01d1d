"""Files -> SourceDocument: decoding, choosing the reader, and the plain-text and Markdown readers.

HTML and Word have their own modules; this one decides which reader a file needs and
refuses, in one sentence, the files none of them can read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notice_studio.core.importer.blocks import (
    Block,
    BlockKind,
    ImportProblem,
    NoText,
    SourceDocument,
    is_junk_line,
    one_line,
)
from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.frontmatter import parse as parse_front_matter

if TYPE_CHECKING:  # markdown-it loads only when a Markdown file is read
    from markdown_it.token import Token
from notice_studio.core.importer.decoding import decode_html, decode_text, misread_note
from notice_studio.core.importer.plain_text import read_plain_text

FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED_TEXT = ".txt, .md, .html, .docx or .pdf"
MAX_BYTES = 25 * 1024 * 1024
TOO_LARGE = "is larger than 25 MB, too large to be a notice"  # after the file's (or page's) name

# Formats people will try, with what to do instead.
_UNSUPPORTED_HINTS = {
    ".doc": "it is an old Word 97-2003 document; open it in Word and save it as .docx",
    ".rtf": "open it in a word processor and save it as .docx",
    ".odt": "open it in LibreOffice and save it as .docx",
    ".pages": "export it from Pages as .docx",
    ".mht": "save the web page as 'Web page, HTML only' (.html)",
    ".mhtml": "save the web page as 'Web page, HTML only' (.html)",
}


def read_document(path: str | os.PathLike[str]) -> SourceDocument:
    """Read a notice file into blocks, or raise ImportProblem saying why it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise ImportProblem(f"There is no file at {path}; check the name and try again.")
    if path.is_dir():
        raise ImportProblem(f"{path} is a folder; give the notice file itself ({SUPPORTED_TEXT}).")
    ext = path.suffix.lower()
    if ext in _UNSUPPORTED_HINTS:
        raise ImportProblem(f"Notice Studio cannot import '{ext}' files: {_UNSUPPORTED_HINTS[ext]}.")
    if ext not in FORMATS:
        shown = f"'{ext}' files" if ext else "files without an extension"
        raise ImportProblem(
            f"Notice Studio cannot import {shown}; save the notice as {SUPPORTED_TEXT} and import that."
        )
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportProblem(f"{path.name} {TOO_LARGE}; check that it is the right file.")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"{path} could not be read ({exc.strerror or exc}); check that you can open it.") from None
    return read_bytes(data, path.name, FORMATS[ext])


def has_text(document: SourceDocument) -> bool:
    """Some block holds a letter: there is text to import, not only markup, figures or marks."""
    return any(any(ch.isalpha() for ch in block.plain) for block in document.blocks)


def read_bytes(data: bytes, name: str, fmt: str) -> SourceDocument:
    """Read file contents already in memory; `fmt` is 'txt', 'md', 'html' or 'docx'."""
    if not data.strip():
        raise NoText(f"{name} is empty; there is no text in it to import.")
    if fmt == "docx":
        from notice_studio.core.importer.docx_reader import read_docx

        document = read_docx(data, name)
    elif fmt == "pdf":
        if not data.startswith(b"%PDF"):
            raise ImportProblem(
                f"{name} is not a PDF file; check that it is the right file, or give it its real extension."
            )
        from notice_studio.core.importer.pdf_reader import read_pdf

        document = read_pdf(data, name)
    else:
        if data.startswith(b"PK\x03\x04"):
            raise ImportProblem(
                f"{name} is a Word or zip file, not text; give it a .docx extension if it is a Word document."
            )
        if data.startswith(b"%PDF"):
            raise ImportProblem(f"{name} is a PDF file; give it a .pdf extension and import it again.")
        if fmt == "html":
            from notice_studio.core.importer.html_reader import read_html

            text, encoding = decode_html(data, name)
            document = read_html(text, name, encoding)
        else:
            text, encoding = decode_text(data, name)
            if fmt == "txt" and looks_like_html(text):
                from notice_studio.core.importer.html_reader import read_html

                document = read_html(text, name, encoding)  # a web page saved as .txt, or piped in
            elif fmt == "md" or (fmt == "txt" and looks_like_markdown(text)):
                document = read_markdown(text, name, encoding)
            else:
                document = read_plain_text(text, name, encoding)
    if not has_text(document):
        raise NoText(f"{name} is empty; there is no text in it to import.")
    note = misread_note(document.encoding)
    return replace(document, notes=(*document.notes, note)) if note else document


# A web page, or the HTML a browser or Word puts on the clipboard (which starts with a <meta>
# or straight with the copied element), rather than text that happens to start with '<'.
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|section|article|main|h[1-6]|p|ul|ol|table)\b",
    re.IGNORECASE | re.DOTALL,
)
PASTED = "the pasted text"


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:1000]))


_ATX_MARKS = re.compile(r" {0,3}#{1,6} +")
_CELL_GAP = re.compile(r" {2}\S| #")


def looks_like_markdown(text: str) -> bool:
    """Two or more Markdown heading lines: Markdown saved as .txt or piped in (copied text has none).

    A heading line is a '#' line after a blank line (not marks left in a table's cells, split by
    tabs or runs of spaces), or a line underlined with '==='. Read line by line: linear in the text."""
    found = 0
    above = ""
    for line in text[:200_000].split("\n"):
        marks = _ATX_MARKS.match(line)
        if marks and not above.strip():
            rest = line[marks.end() :]
            found += bool(rest.strip()) and "\t" not in rest and not _CELL_GAP.search(rest)
        elif above.strip() and "\t" not in above and len(line.strip()) >= 3 and not line.strip().strip("="):
            found += 1
        if found >= 2:
            return True
        above = line
    return False


def read_pasted(text: str, html: str = "", name: str = PASTED) -> SourceDocument:
    """What counsel pasted: the clipboard's HTML when it has some (a browser or Word puts it there
    beside the plain text, and it keeps the headings), its plain text otherwise."""
    if not (text.strip() or html.strip()):
        raise ImportProblem(
            "There is nothing to paste; copy the notice on its web page or in its document first, then paste it."
        )
    if len(text) > MAX_BYTES or len(html) > MAX_BYTES:
        raise ImportProblem(f"The pasted text {TOO_LARGE}; copy only the notice.")
    if html.strip():
        from notice_studio.core.importer.html_reader import read_html

        document = read_html(html, name)
        if has_text(document):
            return document
    return read_bytes(text.encode("utf-8"), name, "txt")


# ----- Markdown ---------------------------------------------------------------------------------
_TAGS_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)


def read_markdown(text: str, name: str, encoding: str = "utf-8") -> SourceDocument:
    """Markdown via markdown-it-py; each block keeps its exact source lines as its Markdown."""
    from markdown_it import MarkdownIt

    title = ""
    try:
        front = parse_front_matter(text, name)
    except FormatError:
        front = None  # a '---' rule, not front matter: read it all as Markdown
    notes: tuple[str, ...] = ()
    if front is not None and front.meta:
        title = str(front.meta.get("title") or "")
        text = "\n" * (front.body_line - 1) + front.body  # keep line numbers true to the file
        others = [str(key) for key in front.meta if key != "title"]
        if others:
            shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            note = (
                f"The file's front matter gave the title; its other fields ({shown}) are not part of the "
                "notice and were not imported."
            )
            notes = (note,)
    lines = text.split("\n")
    env: dict[str, Any] = {}
    tokens = MarkdownIt("commonmark").enable("table").parse(text, env)
    references: dict[str, dict[str, str]] = env.get("references", {})
    blocks: list[Block] = []
    dropped: list[str] = []

    def source(start: int, end: int) -> str:
        written = "\n".join(line.rstrip() for line in lines[start:end]).strip("\n")
        return _inline_references(written, references) if references and "]" in written else written

    def blank_before(start: int) -> bool:
        return start == 0 or not lines[start - 1].strip()

    def add(block: Block) -> None:
        if block.kind != "table" and is_junk_line(block.plain):
            dropped.append(block.plain)
        else:
            blocks.append(block)

    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.level != 0 or not token.map:
            i += 1
            continue
        start, end = token.map
        gap = not blocks or blank_before(start)
        if token.type == "heading_open":
            inline = tokens[i + 1]
            add(
                Block(
                    "heading",
                    inline.content.strip(),
                    _inline_plain(inline),
                    int(token.tag[1]),
                    start + 1,
                    True,
                    style="#" * int(token.tag[1]),
                )
            )
            i = _skip_to_close(tokens, i)
        elif token.type == "paragraph_open":
            inline = tokens[i + 1]
            add(Block("paragraph", source(start, end), _inline_plain(inline), 0, start + 1, gap, _all_bold(inline)))
            i = _skip_to_close(tokens, i)
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            close = _skip_to_close(tokens, i)
            items = [
                (t, span)
                for t in tokens[i + 1 : close]
                if t.type == "list_item_open" and t.level == 1 and (span := t.map)
            ]
            single = len(items) == 1 and token.type == "ordered_list_open"
            for n, (item, (item_start, item_stop)) in enumerate(items):
                words = " ".join(
                    _inline_plain(t)
                    for t in tokens[i + 1 : close]
                    if t.type == "inline" and t.map and item_start <= t.map[0] < item_stop
                )
                # "1. Introduction" alone in its list is a numbered heading written as a list.
                kind: BlockKind = "paragraph" if single else "list_item"
                number = (item.info + item.markup) if token.type == "ordered_list_open" else ""
                plain = f"{number} {one_line(words)}" if single else one_line(words)
                item_gap = gap if n == 0 else blank_before(item_start)
                add(Block(kind, source(item_start, item_stop), plain, 0, item_start + 1, item_gap))
            i = close + 1
        elif token.type == "hr":
            i += 1
        else:
            # Tables, quotes, code and raw HTML go into the clause as they were written.
            block_kind: BlockKind = "table" if token.type == "table_open" else "paragraph"
            plain = one_line(
                " ".join(_inline_plain(t) for t in tokens[i : _skip_to_close(tokens, i) + 1] if t.type == "inline")
            )
            if token.type in ("fence", "code_block"):
                plain = one_line(token.content)
            elif token.type == "html_block":
                plain = one_line(_TAGS_RE.sub(" ", token.content))
            add(Block(block_kind, source(start, end), plain, 0, start + 1, gap))
            i = _skip_to_close(tokens, i) + 1 if token.nesting == 1 else i + 1
    return SourceDocument(name, "md", tuple(blocks), title, encoding, tuple(dropped), notes=notes)


_REFERENCE_LINK = re.compile(r"(?<![\\!])\[([^\[\]\n]+)\](?:\[([^\[\]\n]*)\]|(?![\[(:]))")


def _inline_references(markdown: str, references: dict[str, dict[str, str]]) -> str:
    """'[cookie policy][cp]' with '[cp]: https://...' elsewhere in the file -> '[cookie policy](https://...)':
    the definition's line belongs to no paragraph, so a clause would keep the link without its address."""
    from markdown_it.common.utils import normalizeReference

    def inline(match: re.Match[str]) -> str:
        label = match.group(2) or match.group(1)
        found = references.get(normalizeReference(label))
        if found is None:
            return match.group(0)
        title = found.get("title", "")
        shown = f' "{title}"' if title and '"' not in title else ""
        return f"[{match.group(1)}](<{found['href']}>{shown})"

    return _REFERENCE_LINK.sub(inline, markdown)


def _skip_to_close(tokens: Sequence[Token], i: int) -> int:
    """Index of the token that closes tokens[i] (itself for self-contained tokens)."""
    if tokens[i].nesting != 1:
        return i
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _inline_plain(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return one_line("".join(parts))


def _all_bold(inline: Token) -> bool:
    """True when every word of the paragraph sits inside ** or __ (a heading written as bold)."""
    depth = 0
    seen = False
    for child in inline.children or []:
        if child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
        elif child.type in ("text", "code_inline") and child.content.strip():
            if depth <= 0:
                return False
            seen = True
    return seen
