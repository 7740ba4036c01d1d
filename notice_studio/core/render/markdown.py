"""The Markdown parser every notice format shares: markdown-it `js-default` plus our syntax.

Placeholders `{{ name }}`, cross-references `[[clause-id]]` and table embeds `[[table:name]]`
become tokens of their own while parsing, so a value such as `*x*` or `<script>` is never read
as Markdown or HTML: it is substituted as text when the tokens are rendered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

from notice_studio.core.notice.model import CROSSREF_RE, PLACEHOLDER_RE, Table

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
TABLE_EMBED_RE = re.compile(r"\[\[\s*table:\s*([a-z0-9][a-z0-9-]*)\s*\]\][ \t]*")
# A placeholder inside a link destination after markdown-it percent-encoded it.
_ENCODED_PLACEHOLDER_RE = re.compile(
    r"%7B%7B(?:%20)*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?:%20)*%7D%7D", re.IGNORECASE
)

# Bidi overrides/isolates/marks and other invisible controls: they can make text read
# differently from what it is ("Trojan Source"), so rendered text never carries them.
_DROPPED = [
    *range(0x09),
    0x0B,
    0x0C,
    *range(0x0E, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0xFEFF,
    0xFFF9,
    0xFFFA,
    0xFFFB,
]
_REPLACED = {"\u2028": "\n", "\u2029": "\n\n"}


def _character_class(codes: list[int]) -> re.Pattern[str]:
    """One regex class of `codes`, consecutive ones as ranges (a long list of single characters
    is several times slower to search)."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile(
        "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"
    )


_UNCLEAN_RE = _character_class([*_DROPPED, *map(ord, _REPLACED)])


def clean_text(text: str) -> str:
    """`text` without bidi controls and other invisible control characters: the same string
    when it has none (str.translate copied every text, and took seconds over 10 MB that is not ASCII)."""
    return _UNCLEAN_RE.sub(lambda match: _REPLACED.get(match.group(), ""), text)


def starts_sentence(before: str) -> bool:
    """True when text following `before` begins a sentence (so "section 4" becomes "Section 4")."""
    stripped = before.rstrip()
    if stripped.lower().endswith(("e.g.", "i.e.", "cf.", "incl.", "no.")):
        return False
    return not stripped or stripped[-1] in ".!?" or (stripped[-1] in "-*+" and stripped.lstrip() in "-*+")


def url_is_safe(url: str) -> bool:
    """True for http(s), mailto and tel URLs and for relative links; never script or data URLs."""
    # Browsers ignore tabs, newlines and controls inside a scheme ("java\tscript:").
    squashed = re.sub(r"[\x00-\x20\x7f]+", "", clean_text(url)).lower()
    match = _SCHEME_RE.match(squashed)
    return match is None or match.group(1) in SAFE_SCHEMES


class NoticeMarkdown(MarkdownIt):
    """markdown-it `js-default` (raw HTML escaped) with a stricter link allow-list."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
        return url_is_safe(url)


@cache
def notice_markdown() -> NoticeMarkdown:
    """The shared parser (built once; rules are stateless, so it is safe to share)."""
    md = NoticeMarkdown("js-default")
    md.disable(["replacements", "smartquotes"])  # typographer is off; skip the no-op passes
    md.inline.ruler.before("link", "ns_crossref", _crossref_rule)
    md.inline.ruler.before("text", "ns_placeholder", _placeholder_rule)
    md.block.ruler.before(
        "table", "ns_table_embed", _table_embed_rule, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.core.ruler.after("block", "ns_tables", _expand_tables)
    md.core.ruler.push("ns_adjust", _adjust)
    return md


@cache
def plain_markdown() -> NoticeMarkdown:
    """js-default with our link allow-list but none of the notice syntax (for change notices)."""
    return NoticeMarkdown("js-default")


# ----- parsing rules ----------------------------------------------------------------------------
def _placeholder_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "{" or not state.src.startswith("{{", state.pos):
        return False
    match = PLACEHOLDER_RE.match(state.src, state.pos, state.posMax)
    if not match:
        return False
    if not silent:
        token = state.push("ns_placeholder", "", 0)
        token.meta = {"name": match.group(1)}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _crossref_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = CROSSREF_RE.match(state.src, state.pos, state.posMax)
    if not match:
        return False
    if not silent:
        token = state.push("ns_crossref", "", 0)
        token.meta = {"target": match.group(1), "capital": starts_sentence(state.src[: state.pos])}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _table_embed_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False  # indented code
    pos = state.bMarks[start] + state.tShift[start]
    match = TABLE_EMBED_RE.fullmatch(state.src, pos, state.eMarks[start])
    if not match:
        return False
    if silent:
        return True
    token = state.push("ns_table", "", 0)
    token.meta = {"name": match.group(1)}
    token.map = [start, start + 1]
    token.block = True
    state.line = start + 1
    return True


# ----- core rules -------------------------------------------------------------------------------
def _expand_tables(state: StateCore) -> None:
    """Turn each `[[table:name]]` into real table tokens (cells are parsed as inline Markdown)."""
    tables = state.env.get("tables", {})
    out: list[Token] = []
    for token in state.tokens:
        if token.type != "ns_table":
            out.append(token)
            continue
        table = tables.get(token.meta["name"])
        if table is None or not table.columns:
            token.type = "ns_table_missing"
            out.append(token)
        else:
            out.extend(_table_tokens(token, table, state.env))
    state.tokens = out


def _table_tokens(embed: Token, table: Table, env: EnvType) -> list[Token]:
    name = embed.meta["name"]
    level = embed.level
    count = env["table_count"] = env.get("table_count", 0) + 1
    caption_id = f"{env.get('anchor', 'ns')}__table{count}"
    tokens: list[Token] = []

    def add(
        type_: str,
        tag: str,
        nesting: Literal[-1, 0, 1],
        attrs: dict[str, str | int | float] | None = None,
        content: str | None = None,
    ) -> Token:
        nonlocal level
        if nesting < 0:
            level -= 1
        token = Token(type_, tag, nesting, attrs=attrs or {}, block=content is None, level=level)
        if nesting > 0:
            level += 1
        if content is not None:
            token.content = content
            token.children = []
            token.block = True
        tokens.append(token)
        return token

    wrap = add(
        "ns_table_wrap_open",
        "div",
        1,
        {"class": "ns-table-wrap", "role": "region", "aria-labelledby": caption_id, "tabindex": "0"},
    )
    wrap.map = embed.map
    wrap.meta = {"name": name}
    add("table_open", "table", 1, {"class": "ns-table"})
    add("caption_open", "caption", 1, {"id": caption_id})
    add("inline", "", 0, content=table_caption(name))
    add("caption_close", "caption", -1)
    add("thead_open", "thead", 1)
    add("tr_open", "tr", 1)
    for column in table.columns:
        add("th_open", "th", 1, {"scope": "col"})
        add("inline", "", 0, content=clean_text(column))
        add("th_close", "th", -1)
    add("tr_close", "tr", -1)
    add("thead_close", "thead", -1)
    add("tbody_open", "tbody", 1)
    width = len(table.columns)
    for row in table.rows:
        cells = (list(row) + [""] * width)[:width]
        add("tr_open", "tr", 1)
        for cell in cells:
            add("td_open", "td", 1)
            add("inline", "", 0, content=clean_text(cell))
            add("td_close", "td", -1)
        add("tr_close", "tr", -1)
    add("tbody_close", "tbody", -1)
    add("table_close", "table", -1)
    add("ns_table_wrap_close", "div", -1)
    return tokens


def table_caption(name: str) -> str:
    """A table's caption from its name ("service-providers" -> "Service providers"); the tables
    made from the practices have captions of their own."""
    from notice_studio.core.practices.generate import CAPTIONS

    if name in CAPTIONS:
        return CAPTIONS[name]
    words = name.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


ANCHOR_PREFIX = "ns-clause-"
PAGE_LINK_RE = re.compile(r"(?<!\\)\]\(\s*<?#([^\s)>]*)")
"""An in-page link in a clause's Markdown: '[your rights](#your-rights)' -> 'your-rights' (not
words written with escaped brackets, '\\[text\\](#x)', which are no link)."""


def anchor_for(clause_id: str) -> str:
    """The stable element id of a clause's section (`ns-clause-<id>`)."""
    return ANCHOR_PREFIX + clause_id


def page_anchor(fragment: str, clause_ids: Mapping[str, object]) -> str | None:
    """Where an in-page link '#fragment' leads in the exported notice: a section named by its
    clause id ('#cookies') or by its element id ('#ns-clause-cookies'), or the top of the page
    ('#top', '#', as browsers do). None: nowhere, a dead link."""
    if fragment in ("", "top"):
        return fragment
    target = fragment.removeprefix(ANCHOR_PREFIX)
    return anchor_for(target) if target in clause_ids else None


def _adjust(state: StateCore) -> None:
    """Heading levels under the clause heading, accessible table headers, links, block ids."""
    if state.inlineMode:
        return
    env = state.env
    base = int(env.get("heading_base", 1))
    anchor = env.get("anchor", "ns")
    spans: list[tuple[int, int, str]] = []
    env["spans"] = spans
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, base + int(token.tag[1]))}"
        elif token.type == "th_open" or token.type == "td_open":
            _alignment_class(token)
            if token.type == "th_open" and not token.attrGet("scope"):
                token.attrSet("scope", "col")
        elif token.type == "table_open" and not token.attrGet("class"):
            token.attrSet("class", "ns-table")
        elif token.type == "inline" and token.children:
            _adjust_inline(token.children, env)
        if token.level == 0 and token.nesting >= 0 and token.block and token.map and token.type != "inline":
            element_id = f"{anchor}__b{len(spans)}"
            token.attrSet("id", element_id)
            spans.append((token.map[0], token.map[1], element_id))


def _alignment_class(token: Token) -> None:
    style = token.attrGet("style")
    if style:
        token.attrs.pop("style", None)
        side = str(style).rsplit(":", 1)[-1].strip()
        token.attrJoin("class", f"ns-align-{side}")


def _adjust_inline(children: list[Token], env: EnvType) -> None:
    """Fill placeholders inside link destinations; no link inside a link; images become links."""
    open_links: list[Token] = []
    variables = env.get("variables", {})
    for token in children:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if "%7B" in href or "%7b" in href:
                _fill_href(token, href, variables, env)
            elif href.startswith("#") and "clause_ids" in env:
                reached = page_anchor(href[1:], env["clause_ids"])
                if reached:
                    token.attrSet("href", "#" + reached)
            open_links.append(token)
        elif token.type == "link_close" and open_links:
            opener = open_links.pop()
            if opener.meta and opener.meta.get("disabled"):
                token.meta = {**(token.meta or {}), "disabled": True}
        elif token.type == "ns_crossref" and open_links:
            token.meta["inside_link"] = True
        elif token.type == "image":
            token.meta = {**(token.meta or {}), "inside_link": bool(open_links)}
            src = str(token.attrGet("src") or "")
            if "%7B" in src or "%7b" in src:
                _fill_href(token, src, variables, env, attr="src")


def _fill_href(token: Token, href: str, variables: Mapping[str, str], env: EnvType, attr: str = "href") -> None:
    missing: list[str] = []

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        filled = clean_text(str(variables.get(name, ""))).strip()
        if not filled:
            missing.append(name)
            env.setdefault("unfilled_in_links", []).append(name)
        return filled

    filled_href = _ENCODED_PLACEHOLDER_RE.sub(value, href)
    if filled_href == href:
        return
    filled_href = notice_markdown().normalizeLink(filled_href)
    if missing or not url_is_safe(filled_href):
        token.meta = {**(token.meta or {}), "disabled": True, "missing": missing}
        token.attrs.pop(attr, None)
    else:
        token.attrSet(attr, filled_href)
