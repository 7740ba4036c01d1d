"""Hostile text never becomes active content in any output.

Each payload is put everywhere a user or a library can put text (clause bodies and titles,
placeholder values, table cells and headers, the notice title, the organisation, the change
notice), then every HTML output is parsed with html5lib and searched for script elements,
event-handler attributes and script URLs.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re

import html5lib
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from notice_studio.core.export.docx import notice_docx
from notice_studio.core.export.fragment import notice_fragment
from notice_studio.core.export.html_page import notice_page, page_html
from notice_studio.core.export.markdown import notice_markdown_text
from notice_studio.core.export.site import default_redline, site_files
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.notice.store import Version
from notice_studio.core.render.renderer import RenderOptions, render

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<data:text/html,alert(1)>",
    "[x](<javascript:alert(1)>)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    '<div onmouseover="alert(1)">hover</div>',
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    "<body onload=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width:expression(alert(1))">x</div>',
    "<<script>script>alert(1)<</script>/script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "\u202e<script>alert(1)</script>\u202c",
    "java\u202escript:alert(1)",
    "[x](java\u2066script:alert(1))",
    "[x](java\u200bscript:alert(1))",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<x onclick=alert(1)>click",
    "\\<script>alert(1)\\</script>",
    "[x](  javascript:alert(1)  )",
    '<https://ok.example/" onmouseover="alert(1)>',
    '[x](https://ok.example/"onmouseover="alert(1))',
    "[x](https://ok.example 'a\" onmouseover=\"alert(1)')",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "{{ evil }} [[evil]] [[table:evil]]",
    "[x]({{evil}}) <mailto:{{evil}}>",
]

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "link",
    "img",
    "video",
    "audio",
    "source",
    "template",
    "noscript",
    "isindex",
    "details",
    "marquee",
    "portal",
    "canvas",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "background",
    "poster",
    "srcset",
    "cite",
    "longdesc",
    "ping",
    "lowsrc",
    "dynsrc",
}
HEAD_ALLOWED = {"meta", "title", "style"}


def assert_inert(html: str, where: str) -> None:
    """No script element, handler attribute, script URL, or unexpected head content survives."""
    assert not BIDI.search(html), f"{where}: a bidi control survived"
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    head = doc.find("head")
    styles_in_head = 0
    for element in head if head is not None else []:
        assert element.tag in HEAD_ALLOWED, f"{where}: <{element.tag}> in head"
        if element.tag == "meta":
            assert element.get("http-equiv") in (None, "Content-Security-Policy"), f"{where}: meta {element.attrib}"
        styles_in_head += element.tag == "style"
    assert styles_in_head <= 1
    body = doc.find("body")
    for element in body.iter() if body is not None else []:
        if not isinstance(element.tag, str):
            continue  # comments
        local = element.tag.rsplit("}", 1)[-1].lower()
        assert local not in DANGEROUS_TAGS and local not in ("style", "meta", "title"), f"{where}: <{local}> survived"
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            assert not name.startswith("on"), f"{where}: handler attribute {name}={value!r}"
            assert name not in ("srcdoc", "formaction"), f"{where}: {name} attribute survived"
            if name == "style":  # only the fragment's own inline styles, never a URL or script
                assert not re.search(r"url\(|expression|javascript|@import|behavior|binding", value, re.I), (
                    f"{where}: style={value!r}"
                )
            if name in URL_ATTRIBUTES:
                squashed = re.sub(r"[\x00-\x20\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+", "", value).lower()
                assert not squashed.startswith(("javascript:", "data:", "vbscript:", "file:")), (
                    f"{where}: {name}={value!r}"
                )
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", squashed)
                assert scheme is None or scheme.group(1) in ("http", "https", "mailto", "tel"), (
                    f"{where}: {name}={value!r}"
                )


def hostile_notice(payload: str) -> Notice:
    """The payload in every place text can come from."""
    notice = Notice(title=f"Notice {payload}", organisation=f"Org {payload}", language="en")
    notice.variables = {"evil": payload, "organisation.name": payload}
    notice.tables["evil"] = Table(
        [f"Col {payload}", "Plain"], [[payload, f"[x]({payload})"], [f"{{{{ evil }}}} {payload}", "ok"]]
    )
    notice.add(Clause("first", f"Title {payload}", payload))
    notice.add(
        Clause(
            "second",
            "{{ evil }} and [[first]]",
            f"Value {{{{ evil }}}} [x]({{{{evil}}}}) [[table:evil]]\n\n{payload}\n\n- {payload}\n\n> {payload}",
        )
    )
    notice.add(Clause("third", "Third", f"| h | {payload} |\n|---|---|\n| {payload} | x |"), parent_id="second")
    return notice


def html_outputs(notice: Notice, payload: str) -> dict[str, str]:
    draft = render(notice)
    published = render(notice, RenderOptions(last_updated=dt.date(2026, 1, 1), version_label="v2"))
    outputs = {
        "render": draft.html,
        "render clause": draft.clause("second").html,
        "page": notice_page(published),
        "fragment": notice_fragment(published),
        "bare fragment": notice_fragment(published, bare=True),
        "page_html title and css": page_html(payload, payload, "en", extra_css="/* x */"),
    }
    later = copy.deepcopy(notice)
    later.set_body("first", f"Changed {payload}")
    later.variables["evil"] = f"{payload} again"
    versions = [
        Version(1, "a" * 40, dt.date(2026, 1, 1), True, payload, payload, payload, "2026-01-01T10:00:00+00:00"),
        Version(
            2,
            "b" * 40,
            dt.date(2026, 2, 1),
            False,
            f"Changed: {payload}",
            payload,
            payload,
            "2026-02-01T10:00:00+00:00",
        ),
    ]
    site = site_files(versions, {"v1": notice, "v2": later}, redline=default_redline())
    for name, text in site.items():
        if name.endswith(".html"):
            outputs[f"site {name}"] = text
    return outputs


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_payload_never_becomes_active_html(payload: str) -> None:
    notice = hostile_notice(payload)
    for where, html in html_outputs(notice, payload).items():
        assert_inert(html, where)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_markdown_export_stays_inert_even_in_an_html_enabled_renderer(payload: str) -> None:
    exported = notice_markdown_text(hostile_notice(payload))
    permissive = MarkdownIt("commonmark", {"html": True}).enable("table")
    assert_inert(permissive.render(exported), "markdown export")


@pytest.mark.parametrize("payload", PAYLOADS[:20], ids=range(20))
def test_docx_links_are_never_script_urls(payload: str) -> None:
    doc = Document(io.BytesIO(notice_docx(render(hostile_notice(payload)))))
    for rel in doc.part.rels.values():
        if rel.is_external:
            assert re.match(r"^(https?|mailto|tel):", rel.target_ref), rel.target_ref


def test_site_feed_escapes_hostile_text() -> None:
    from xml.etree import ElementTree as ET

    payload = "</summary><script>alert(1)</script>\u202e&amp;\x01"
    notice = hostile_notice(payload)
    versions = [Version(1, "a" * 40, dt.date(2026, 1, 1), True, payload, "", "", "2026-01-01T10:00:00+00:00")]
    feed = site_files(versions, {"v1": notice})["feed.xml"]
    root = ET.fromstring(feed)
    atom = "{http://www.w3.org/2005/Atom}"
    summary = root.find(f"{atom}entry/{atom}summary")
    assert summary.text == "</summary><script>alert(1)</script>&amp;"
    assert "\u202e" not in feed and "\x01" not in feed


def test_pdf_links_are_never_script_urls(qapp) -> None:
    from pypdf import PdfReader

    from notice_studio.qt_export.pdf import notice_pdf

    payload = "[x](javascript:alert(1)) <a href='javascript:alert(2)'>y</a> [ok](https://ok.example)"
    reader = PdfReader(io.BytesIO(notice_pdf(render(hostile_notice(payload)))))
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert "https://ok.example" in uris
    for uri in uris:
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", re.sub(r"[\x00-\x20]+", "", uri).lower())
        assert scheme is None or scheme.group(1) in ("http", "https", "mailto", "tel"), uri


FRAGMENTS = st.sampled_from(
    [
        "<",
        ">",
        "<script>",
        "</script>",
        "javascript:",
        "data:",
        "[",
        "](",
        ")",
        "![",
        "{{",
        "}}",
        "{{ evil }}",
        "[[",
        "]]",
        "[[first]]",
        '"',
        "'",
        " onerror=",
        "&",
        "&#x3C;",
        "\u202e",
        "\n",
        "\n\n",
        "`",
        "*",
        "|",
        "<img src=x",
        "alert(1)",
        "<a href=",
        "> ",
        "- ",
        "1. ",
        "#",
        "\\",
        "=",
        " ",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, min_size=1, max_size=25).map("".join), st.lists(FRAGMENTS, max_size=8).map("".join))
def test_random_hostile_text_stays_inert(body: str, value: str) -> None:
    notice = Notice(title=value)
    notice.variables = {"evil": value}
    notice.tables["evil"] = Table([value or "c"], [[body]])
    notice.add(Clause("first", body[:80] or "t", body + "\n\n[[table:evil]]"))
    rendered = render(notice)
    assert_inert(rendered.html, "render")
    assert_inert(notice_page(rendered), "page")
