"""The standalone HTML page: one file, the shipped CSS inlined, no script, no external assets."""

from __future__ import annotations

import re
from functools import cache

from markdown_it.common.utils import escapeHtml

from notice_studio.core.export.sanitize import sanitize_html
from notice_studio.core.render.common import frame_html
from notice_studio.core.render.markdown import clean_text
from notice_studio.core.render.renderer import RenderedNotice, text_direction
from notice_studio.paths import resources_folder

_SLOT_RE = re.compile(r"@@(LANG|DIR|TITLE|CSS|SKIP|BEFORE|BODY)@@")
SKIP_LINK_START = '<a class="ns-skip" href="#ns-main">'


def skip_link(language: str) -> str:
    """The first thing the keyboard reaches on every page we write: past the site menu and banners."""
    return f"{SKIP_LINK_START}{frame_html(language, 'skip')}</a>\n"


@cache
def resource_text(relative: str) -> str:
    """A shipped resource file (`css/notice.css`, `templates/page.html`) as text."""
    return (resources_folder() / relative).read_text(encoding="utf-8")


def notice_css() -> str:
    """The notice's own styles (every rule scoped to `ns-` classes)."""
    return resource_text("css/notice.css")


def page_html(
    title: str, body_html: str, lang: str, extra_css: str = "", *, direction: str | None = None, before_main: str = ""
) -> str:
    """`body_html` (sanitized here again) in a complete page with the shipped CSS inlined."""
    css = notice_css() + "\n" + resource_text("css/page.css")
    if extra_css:
        css += "\n" + extra_css
    body = sanitize_html(body_html).rstrip("\n") + "\n"
    values = {
        "LANG": escapeHtml(lang or "en"),
        "DIR": direction or text_direction(lang or "en"),
        "TITLE": escapeHtml(" ".join(clean_text(title).split())),
        "CSS": css.replace("</", "<\\/"),  # the style element must not be closable from inside
        "SKIP": skip_link(lang or "en"),
        "BEFORE": sanitize_html(before_main) + "\n" if before_main else "",
        "BODY": body,
    }
    page = _SLOT_RE.sub(lambda m: values[m.group(1)], resource_text("templates/page.html"))
    if "<main" in body:  # the body brings its own main landmark; a page has only one
        page = page.replace('<main id="ns-main">\n', "", 1).replace("</main>\n</body>", "</body>", 1)
    return page


def notice_page(rendered: RenderedNotice, before_main: str = "", after_title: str = "") -> str:
    """The rendered notice as a standalone page; `after_title` goes inside the main landmark right
    after the notice's title and date (a banner there keeps the headings in order)."""
    body = rendered.html
    if after_title:
        end = body.find("</header>\n")
        at = end + len("</header>\n") if end >= 0 else body.find(">\n") + 2
        body = body[:at] + after_title + body[at:]
    return page_html(rendered.title, body, rendered.language, direction=rendered.direction, before_main=before_main)
