"""The allow-list every exported HTML passes through (nh3): no script, no handlers, no script URLs."""

from __future__ import annotations

from functools import cache

import nh3

from notice_studio.core.render.markdown import clean_text

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "article",
        "aside",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
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
        "i",
        "ins",
        "li",
        "main",
        "mark",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
GENERIC_ATTRIBUTES = frozenset(
    {
        "class",
        "id",
        "title",
        "lang",
        "dir",
        "role",
        "tabindex",
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "aria-hidden",
        "aria-current",
    }
)
TAG_ATTRIBUTES = {
    "a": {"href"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "ins": {"datetime"},
    "del": {"datetime"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset(
    {
        "background",
        "background-color",
        "border",
        "border-bottom",
        "border-collapse",
        "border-left",
        "border-top",
        "color",
        "display",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "line-height",
        "list-style",
        "margin",
        "margin-bottom",
        "margin-left",
        "margin-right",
        "margin-top",
        "max-width",
        "overflow-x",
        "padding",
        "padding-bottom",
        "padding-left",
        "padding-right",
        "text-align",
        "text-decoration",
        "vertical-align",
        "width",
    }
)


@cache
def _cleaner(allow_style: bool) -> nh3.Cleaner:
    attributes = {tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}
    attributes["*"] = set(GENERIC_ATTRIBUTES) | ({"style"} if allow_style else set())
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "template", "iframe", "object", "noscript", "textarea", "xmp"},
        attributes=attributes,
        generic_attribute_prefixes={"data-"},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        filter_style_properties=set(STYLE_PROPERTIES) if allow_style else None,
    )


def sanitize_html(html: str, allow_style: bool = False) -> str:
    """`html` with only allow-listed tags, attributes and URL schemes (inline styles only if asked).

    Bidi and other invisible controls are dropped too, wherever the HTML came from.
    """
    return _cleaner(allow_style).clean(clean_text(html))
