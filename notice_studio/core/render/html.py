"""Clause tokens to HTML: markdown-it's renderer plus placeholders, references and tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from notice_studio.core.notice.frame_words import has_frame_words
from notice_studio.core.render.common import (
    RenderContext,
    crossref_label_in,
    display_number,
    frame_html,
    labels,
    placeholder_value,
    token_text,
    unfilled_html,
    unfilled_marker,
)
from notice_studio.core.render.links import linkify_html
from notice_studio.core.render.markdown import anchor_for, notice_markdown
from notice_studio.core.render.text import inline_text

if TYPE_CHECKING:
    from notice_studio.core.render.renderer import TocEntry


_Rule = Callable[[Sequence[Token], int, OptionsDict, EnvType], str]


class ClauseHtmlRenderer:
    """markdown-it's HTML renderer plus our tokens; built per call so it holds no shared state."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        base = notice_markdown().renderer
        assert isinstance(base, RendererHTML)  # markdown-it's default, which notice_markdown keeps
        self.base = base
        self.rules: dict[str, _Rule] = dict(base.rules)
        self.rules.update(
            ns_placeholder=self._placeholder,
            ns_crossref=self._crossref,
            ns_table_missing=self._table_missing,
            link_open=self._link_open,
            link_close=self._link_close,
            image=self._image,
            fence=self._code,
            code_block=self._code,
            text=self._text,
            table_open=self._table_open,
            table_close=self._table_close,
        )
        self._link_depth = 0
        self._tables = 0

    def render(self, tokens: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
        out: list[str] = []
        for i, token in enumerate(tokens):
            if token.type == "inline":
                if token.children:
                    out.append(self.render_inline(token.children, options, env))
            elif token.type in self.rules:
                out.append(self.rules[token.type](tokens, i, options, env))
            else:
                out.append(self.base.renderToken(tokens, i, options, env))
        return "".join(out)

    def render_inline(self, tokens: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
        out: list[str] = []
        for i, token in enumerate(tokens):
            rule = self.rules.get(token.type)
            out.append(rule(tokens, i, options, env) if rule else self.base.renderToken(tokens, i, options, env))
        return "".join(out)

    def _placeholder(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        name = tokens[idx].meta["name"]
        value = placeholder_value(self.ctx.variables, name)
        if value:
            return escapeHtml(value) if self._link_depth else linkify_html(value)
        return unfilled_html(name, unfilled_marker(name, self.ctx.marker_style), self.ctx.language)

    def _crossref(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        target = token.meta["target"]
        label = escapeHtml(crossref_label_in(target, self.ctx, bool(token.meta.get("capital"))))
        if not has_frame_words(self.ctx.language):  # "section 2" in English words: say so
            label = f'<span lang="en">{label}</span>'
        if target not in self.ctx.numbers:
            return f'<mark class="ns-broken-ref" data-target="{escapeHtml(target)}">{label}</mark>'
        if token.meta.get("inside_link"):
            return f'<span class="ns-xref">{label}</span>'
        return f'<a class="ns-xref" href="#{anchor_for(target)}">{label}</a>'

    def _table_missing(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        attrs = self.base.renderAttrs(token)
        label = escapeHtml(token_text(token, self.ctx))
        return f'<p class="ns-missing-table"{attrs}><mark>{label}</mark></p>\n'

    def _link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        if tokens[idx].meta and tokens[idx].meta.get("disabled"):
            return ""
        self._link_depth += 1
        return self.base.renderToken(tokens, idx, options, env)

    def _link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        if tokens[idx].meta and tokens[idx].meta.get("disabled"):
            return ""
        self._link_depth = max(0, self._link_depth - 1)
        return "</a>"

    def _text(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        content = tokens[idx].content
        return escapeHtml(content) if self._link_depth else linkify_html(content)

    def _table_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        """A table written in a clause scrolls inside its own box (embedded tables come wrapped)."""
        table = self.base.renderToken(tokens, idx, options, env)
        if idx > 0 and tokens[idx - 1].type == "ns_table_wrap_open":
            return table
        self._tables += 1
        headings: list[str] = []
        for token in tokens[idx + 1 :]:
            if token.type == "thead_close":
                break
            if token.type == "inline":
                headings.append(inline_text(token.children or [], lambda t: token_text(t, self.ctx)))
        shown = ", ".join(h for h in headings[:3] if h) + (", …" if len(headings) > 3 else "")
        label = escapeHtml(
            f"{labels(self.ctx.language)['table']}: {shown}" if shown else labels(self.ctx.language)["table"]
        )
        return f'<div class="ns-table-wrap" role="region" aria-label="{label}" tabindex="0">\n{table}'

    def _table_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        wrapped = idx + 1 < len(tokens) and tokens[idx + 1].type == "ns_table_wrap_close"
        return "</table>\n" if wrapped else "</table>\n</div>\n"

    def _image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        # Pages carry no external assets: an image becomes a link to it.
        token = tokens[idx]
        alt = inline_text(token.children or [], lambda t: token_text(t, self.ctx)) or labels(self.ctx.language)["image"]
        if token.meta and token.meta.get("inside_link"):
            return escapeHtml(alt)
        href = escapeHtml(str(token.attrGet("src") or ""))
        return f'<a class="ns-image-link" href="{href}">{escapeHtml(alt)}</a>'

    def _code(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        return f"<pre{self.base.renderAttrs(token)}><code>{escapeHtml(token.content)}</code></pre>\n"


def contents_html(toc: Sequence[TocEntry], depth: int | None, language: str) -> str:
    """The table of contents (`TocEntry` items) as nested lists, down to `depth` levels."""
    words = labels(language)
    out = [
        f'<nav class="ns-toc" aria-label="{escapeHtml(words["contents"])}">\n',
        f'<p class="ns-toc-title">{frame_html(language, "contents")}</p>\n',
    ]
    open_levels = 0
    for entry in toc:
        if depth is not None and entry.level > depth:
            continue
        if entry.level > open_levels:  # one level deeper: the walk never skips a level
            out.append("\n<ol>\n<li>" if open_levels else "<ol>\n<li>")
            open_levels += 1
        else:
            out.append("</li>\n")
            while open_levels > entry.level:
                out.append("</ol>\n</li>\n")
                open_levels -= 1
            out.append("<li>")
        out.append(
            f'<a class="ns-toc-link" href="#{entry.anchor}"><span class="ns-number">{escapeHtml(display_number(entry.number))}</span> '
            f"{escapeHtml(entry.title)}</a>"
        )
    while open_levels > 0:
        out.append("</li>\n</ol>\n")
        open_levels -= 1
    out.append("</nav>\n")
    return "".join(out)
