"""Markdown export: the notice as one document, numbered, with placeholders and references filled.

Values are backslash-escaped so that a value such as `*x*` or `<b>` stays literal text.

The file must be safe in any CommonMark renderer, including ones that pass raw HTML through
and check no URLs. Each clause is therefore written, then read back by such a renderer
(markdown-it with HTML on and its link check off); if that finds raw HTML or a link, image or
reference definition whose URL (entities and escapes decoded) is not http(s), mailto, tel or
relative, the clause is written again with all Markdown syntax escaped: its words survive,
its links do not.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from notice_studio.core.notice.model import CROSSREF_RE, PLACEHOLDER_RE, Notice, Table, resolve_references
from notice_studio.core.render.markdown import (
    ANCHOR_PREFIX,
    TABLE_EMBED_RE,
    clean_text,
    notice_markdown,
    starts_sentence,
    table_caption,
    url_is_safe,
)
from notice_studio.core.render.renderer import (
    RenderOptions,
    anchor_for,
    crossref_label,
    display_number,
    labels,
    placeholder_value,
    status_line,
    unfilled_marker,
)

_ESCAPE_RE = re.compile(r"([\\`*_\[\]{}<>|~&#!])")
_CODE_SPAN_RE = re.compile(r"(?<![`\\])(`+)(?!`).*?(?<!`)\1(?!`)")
_RAW_HTML_RE = re.compile(r"(?<!\\)<(?=[A-Za-z/!?])")
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_INLINE_LINK_RE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*)")
_DEFINITION_RE = re.compile(r"^( {0,3})\[[^\]]+\]:\s*(<[^>\n]*>|\S+)")
_URL_CONTEXT_RE = re.compile(r"(?:\]\([^()\s]*|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)$")


def escape_markdown(text: str) -> str:
    """`text` with every character Markdown could read as syntax backslash-escaped."""
    return _ESCAPE_RE.sub(r"\\\1", text)


def notice_markdown_text(notice: Notice, options: RenderOptions | None = None) -> str:
    """The notice as a single Markdown document."""
    options = options or RenderOptions()
    language = options.language or notice.language or "en"
    numbers = notice.numbers()
    aliases = notice.reference_aliases()
    parts = [f"# {escape_markdown(' '.join(clean_text(notice.title).split()))}", ""]
    status = status_line(options, language)
    parts += [f"*{escape_markdown(status)}*", ""]
    if options.version_note:
        parts += [escape_markdown(options.version_note), ""]
        if options.change_notice:
            parts += [clean_text(options.change_notice).strip(), ""]
    head = list(parts)
    bodies: list[tuple[str, str]] = []
    slugs = HeadingSlugs()
    slugs.add(parts[0][2:])
    targets: dict[str, str] = {}
    for clause, depth, number in notice.walk():
        level = min(depth + 2, 6)
        title = resolve_references(" ".join(clean_text(clause.title).split()), aliases)
        title = _fill_line(title, notice, numbers, options, language, plain=True)
        heading = f"{'#' * level} {display_number(number)} {title}".rstrip()
        targets[clause.id] = slugs.add(heading[level + 1 :])
        source = resolve_references(clean_text(clause.body), aliases)
        body = _body(source, level, notice, numbers, options, language)
        if not markdown_is_inert(body):
            body = _defused(source, level, notice, numbers, options, language)
        bodies.append((heading, body))
    text = _section_links(_join(head, bodies), targets)
    if not markdown_is_inert(text):  # never seen; a last guard for interplay between clauses
        text = _join(head, [(h, escape_markdown(b)) for h, b in bodies])
    return text


def _defused(
    body: str, level: int, notice: Notice, numbers: Mapping[str, str], options: RenderOptions, language: str
) -> str:
    """A clause that is not inert as a whole: only its paragraphs that are not inert on their own
    are written with every syntax character escaped, so the rest keeps its formatting. When the
    paragraphs only misbehave together (a reference defined in one and used in another), the
    whole clause is escaped."""
    blocks = []
    for block in _paragraphs(body):
        written = _body(block, level, notice, numbers, options, language)
        if not markdown_is_inert(written):
            written = _body(block, level, notice, numbers, options, language, strict=True)
        blocks.append(written)
    joined = "\n\n".join(blocks)
    if markdown_is_inert(joined):
        return joined
    return _body(body, level, notice, numbers, options, language, strict=True)


def _paragraphs(body: str) -> list[str]:
    """The body split at blank lines, except inside fenced code."""
    blocks: list[list[str]] = [[]]
    fence = ""
    for line in body.split("\n"):
        stripped = line.lstrip()
        if fence and stripped.startswith(fence):
            fence = ""
        elif not fence and stripped[:3] in ("```", "~~~"):
            fence = stripped[:3]
        if not line.strip() and not fence:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    return ["\n".join(block) for block in blocks if block]


class HeadingSlugs:
    """The ids GitHub and GitLab give headings ("## 15. Contact us" -> "15-contact-us", a repeat
    "-1"), so a section link leads to its heading there (Markdown has no ids of its own, and the
    export stays free of raw HTML)."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def add(self, heading_markdown: str) -> str:
        text = _UNESCAPE_RE.sub(r"\1", heading_markdown).strip().lower()
        slug = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
        count = self._seen.get(slug, 0)
        self._seen[slug] = count + 1
        return f"{slug}-{count}" if count else slug


_UNESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SECTION_LINK_RE = re.compile(r"\]\(#(?:" + re.escape(ANCHOR_PREFIX) + r")?([^()\s]+)\)")


def _section_links(text: str, targets: Mapping[str, str]) -> str:
    """Links to a section (`#ns-clause-<id>` or `#<id>`) lead to its heading's id on the host."""
    return _SECTION_LINK_RE.sub(lambda m: f"](#{targets[m.group(1)]})" if m.group(1) in targets else m.group(0), text)


def _join(head: list[str], bodies: list[tuple[str, str]]) -> str:
    parts = list(head)
    for heading, body in bodies:
        parts += [heading, ""]
        if body.strip():
            parts += [body.strip("\n"), ""]
    return "\n".join(parts).rstrip("\n") + "\n"


class _TrustingMarkdown(MarkdownIt):
    """A renderer as permissive as any: raw HTML on, every link URL accepted."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
        return True


@cache
def _trusting_markdown() -> MarkdownIt:
    return _TrustingMarkdown("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _url_is_safe_anywhere(url: str) -> bool:
    """The URL check after every decoding a renderer or browser might do (entities, %-escapes)."""
    decoded = html.unescape(url)
    return url_is_safe(decoded) and url_is_safe(unquote(decoded))


def markdown_is_inert(text: str) -> bool:
    """True when no CommonMark renderer that passes raw HTML could make live content of `text`."""
    env: dict[str, object] = {}
    tokens = _trusting_markdown().parse(text, env)
    references = env.get("references")
    if isinstance(references, dict):
        for ref in references.values():
            if isinstance(ref, dict) and not _url_is_safe_anywhere(str(ref.get("href", ""))):
                return False
    stack = list(tokens)
    while stack:
        token = stack.pop()
        if token.type in ("html_block", "html_inline"):
            return False
        for attr in ("href", "src"):
            value = token.attrGet(attr)
            if value is not None and not _url_is_safe_anywhere(str(value)):
                return False
        stack.extend(token.children or [])
    return True


def _body(
    body: str,
    level: int,
    notice: Notice,
    numbers: Mapping[str, str],
    options: RenderOptions,
    language: str,
    strict: bool = False,
) -> str:
    if strict:  # every character Markdown could read as syntax escaped; values and numbers still filled
        lines = [_fill_line(line, notice, numbers, options, language, plain=True) for line in body.split("\n")]
        return "\n".join(line if line.strip() else "" for line in lines)
    tokens = notice_markdown().parse(body, {"tables": {}})
    code_lines: set[int] = set()
    headings: dict[int, int] = {}
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map:
            code_lines.update(range(*token.map))
        elif token.type == "heading_open" and token.markup.startswith("#") and token.map:
            headings[token.map[0]] = len(token.markup)
    lines = body.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in code_lines:
            out.append(line)
            continue
        table = TABLE_EMBED_RE.fullmatch(line.strip())
        if table and _is_table_line(tokens, i):
            out.append(_table(table.group(1), notice.tables.get(table.group(1)), notice, numbers, options, language))
            continue
        if i in headings:
            hashes = headings[i]
            depth = min(6, hashes + level)
            line = re.sub(rf"^(\s*)#{{{hashes}}}", rf"\g<1>{'#' * depth}", line, count=1)
        out.append(_fill_line(_defuse_links(_escape_raw_html(line)), notice, numbers, options, language))
    return "\n".join(out)


def _defuse_links(line: str) -> str:
    """Links our renderer refuses (script or data URLs) stay plain text in other renderers too."""
    if "](" in line:
        line = _INLINE_LINK_RE.sub(
            lambda m: m.group(0) if _safe_destination(m.group(1)) else "]\\(" + m.group(0)[2:], line
        )
    definition = _DEFINITION_RE.match(line)
    if definition and not _safe_destination(definition.group(2)):
        line = definition.group(1) + "\\" + line[len(definition.group(1)) :]
    return line


def _safe_destination(destination: str) -> bool:
    return _url_is_safe_anywhere(destination.strip().strip("<>"))


def _escape_raw_html(line: str) -> str:
    """Raw HTML in a clause is shown as text; escape it so HTML-enabled renderers agree."""
    if "<" not in line:
        return line
    keep = [m.span() for m in _AUTOLINK_RE.finditer(line) if _url_is_safe_anywhere(m.group(1))]
    keep += [m.span() for m in _CODE_SPAN_RE.finditer(line)]
    return _RAW_HTML_RE.sub(lambda m: m.group(0) if any(a <= m.start() < b for a, b in keep) else "\\<", line)


def _is_table_line(tokens: list[Token], line: int) -> bool:
    return any(t.type in ("ns_table", "ns_table_missing") and t.map and t.map[0] == line for t in tokens)


def _fill_line(
    line: str, notice: Notice, numbers: Mapping[str, str], options: RenderOptions, language: str, plain: bool = False
) -> str:
    """Placeholders and cross-references on one source line, outside code spans."""
    if "{{" not in line and "[[" not in line:
        return line if not plain else escape_markdown(line)
    spans = [m.span() for m in _CODE_SPAN_RE.finditer(line)] if not plain else []
    pattern = re.compile(f"{PLACEHOLDER_RE.pattern}|{CROSSREF_RE.pattern}")
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(line):
        if any(start <= match.start() < end for start, end in spans):
            continue
        before = line[pos : match.start()]
        out.append(escape_markdown(before) if plain else before)
        pos = match.end()
        if match.group(1):
            out.append(_placeholder(match.group(1), line[: match.start()], notice, options))
        else:
            capital = starts_sentence(line[: match.start()])
            out.append(_crossref(match.group(2), numbers, language, linked=not plain, capital=capital))
    out.append(escape_markdown(line[pos:]) if plain else line[pos:])
    return "".join(out)


def _placeholder(name: str, before: str, notice: Notice, options: RenderOptions) -> str:
    value = placeholder_value(notice.variables, name)
    if _URL_CONTEXT_RE.search(before):
        if not _url_is_safe_anywhere(value):
            return ""
        return re.sub(r"[\s()<>]", lambda m: f"%{ord(m.group(0)):02X}", value)
    return escape_markdown(value or unfilled_marker(name, options.marker_style))


def _crossref(
    target: str, numbers: Mapping[str, str], language: str, linked: bool = True, capital: bool = False
) -> str:
    label = crossref_label(target, numbers, language, capital)
    if target not in numbers:
        return escape_markdown(label)
    return f"[{label}](#{anchor_for(target)})" if linked else label


def _table(
    name: str, table: Table | None, notice: Notice, numbers: Mapping[str, str], options: RenderOptions, language: str
) -> str:
    if table is None or not table.columns:
        return escape_markdown(f"[{labels(language)['missing_table']}: {name}]")

    def cell(text: str) -> str:
        filled = _fill_line(
            _defuse_links(_escape_raw_html(" ".join(clean_text(text).split()))), notice, numbers, options, language
        )
        return re.sub(r"(?<!\\)\|", r"\\|", filled)

    width = len(table.columns)
    rows = [f"**{escape_markdown(table_caption(name))}**", ""]
    rows.append("| " + " | ".join(cell(c) for c in table.columns) + " |")
    rows.append("|" + "|".join(" --- " for _ in table.columns) + "|")
    for row in table.rows:
        cells = (list(row) + [""] * width)[:width]
        rows.append("| " + " | ".join(cell(c) for c in cells) + " |")
    return "\n".join(rows)
