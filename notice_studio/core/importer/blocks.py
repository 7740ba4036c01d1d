"""What every reader produces: a flat list of Blocks in reading order.

A Block is one paragraph, heading, list item or table of the source document, with its text
already in Markdown (`markdown`) and as plain words (`plain`, used to recognise headings and
topics). Readers never decide where sections start; sections.py does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from notice_studio.core.notice.model import NoticeError

BlockKind = Literal["paragraph", "heading", "list_item", "table"]


class ImportProblem(NoticeError):
    """The file cannot be imported; the message is one plain sentence saying why and what to do."""


class NoText(ImportProblem):
    """The file holds no text to import (empty, or only markup and scripts)."""


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    markdown: str
    """The block as Markdown, as it goes into a clause body."""
    plain: str
    """The words alone (no Markdown marks), on one line."""
    level: int = 0
    """Heading level (1-6) from markup; list nesting depth (0 = top) for list items."""
    source: int = 0
    """Where it starts: a line number (text, Markdown, HTML) or a paragraph index (Word)."""
    gap_before: bool = True
    """False when the block continues the previous one without a blank line (tight lists, wrapped lines)."""
    bold: bool = False
    """The whole block is bold (a common way to write headings without heading markup)."""
    style: str = ""
    """What the source called it: 'h2', 'Heading 1', '##', 'List Number' (shown as evidence)."""
    number: str = ""
    """A list or heading number the source computed itself (Word automatic numbering)."""
    size: float = 0.0
    """The text's font size in points, where the source says (Word, PDF); 0 when unknown."""
    anchors: tuple[str, ...] = ()
    """The original's names for this place (a web page's element ids, Word's bookmarks): where
    its in-page links ('#your-rights') lead. See page_links.py."""


@dataclass(frozen=True)
class SourceDocument:
    """A file read into blocks, with what the reader learnt on the way."""

    name: str
    format: str
    """'txt', 'md', 'html' or 'docx'."""
    blocks: tuple[Block, ...]
    title: str = ""
    """A title the file declares itself (HTML <title>, Markdown front matter, Word core title)."""
    encoding: str = ""
    dropped: tuple[str, ...] = field(default_factory=tuple)
    """Page furniture the reader left out ('Back to top', cookie banners), for the report."""
    notes: tuple[str, ...] = ()
    """What the reader wants the report to say about how it read the file (tracked changes)."""


# Lines that are page furniture wherever they appear: navigation aids and site credits.
JUNK_LINE_RE = re.compile(
    r"""^\W*(?:
        skip\s+to\s+(?:main\s+)?(?:content|navigation|main|footer)
      | (?:back|return|go|jump)\s+to\s+(?:the\s+)?top(?:\s+of\s+(?:the\s+)?page)?
      | (?:to\s+)?top\s+of\s+(?:the\s+)?page
      | top
      | scroll\s+to\s+top
      | made\s+with\b.{0,60}
      | powered\s+by\b.{0,60}
      | (?:built|created|designed|hosted)\s+(?:with|by|on)\s+(?:wordpress|wix|squarespace|webflow|shopify|ghost|notion|jekyll|hugo|weebly|godaddy).{0,40}
      | share\s+(?:this|on)\b.{0,40}
      | print\s+(?:this\s+)?page
      | open | close | hide | toggle | expand(?:\s+all)? | collapse(?:\s+all)?
      | (?:show|read|see|view|learn)\s+(?:more|less|all)(?:\.\.\.|…)?
      | get\s+started | contact\s+sales | subscribe | read\s+(?:the\s+|our\s+)?(?:case\s+study|blog)
      | on\s+this\s+page
      | (?:accept|reject|allow|deny|decline|refuse)(?:\s+all)?(?:\s+(?:non-essential|optional|additional))?(?:\s+cookies)?
      | (?:cookies?|privacy)\s+(?:settings|preferences)
      | manage\s+(?:cookies|preferences|cookie\s+settings|consent)
      | jump\s+to(?:\s+(?:a\s+)?section)?
      | was\s+this\s+(?:page|article)\s+helpful\??.{0,40}
      | ©.{0,100}
      | (?:\(c\)|copyright)\s*©?\s*\d{4}.{0,100}
      | .{0,80}all\s+rights\s+reserved\.?
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_junk_line(text: str) -> bool:
    """True for a short line that is site furniture, not notice text ('Back to top', 'Made with Wix')."""
    text = text.strip()
    return bool(text) and len(text) <= 140 and bool(JUNK_LINE_RE.match(text))


def one_line(text: str) -> str:
    """Collapse whitespace (including non-breaking spaces) to single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())
