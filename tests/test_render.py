"""The renderer: numbering, anchors, placeholders, cross-references, tables, source maps, cache."""

from __future__ import annotations

import copy
import datetime as dt

import html5lib
import pytest

from notice_studio.core.notice.model import Clause, Notice, NoticeError, Table
from notice_studio.core.render.markdown import clean_text, url_is_safe
from notice_studio.core.render.renderer import (
    RenderCache,
    RenderOptions,
    render,
    render_clause,
)

NS = "{http://www.w3.org/1999/xhtml}"


def notice_with_refs() -> Notice:
    notice = Notice(title="Privacy Notice")
    notice.variables = {"organisation.name": "Acme Ltd", "contact.email": "privacy@acme.example"}
    notice.add(
        Clause("intro", "Introduction", "We are {{ organisation.name }}. See [[retention]] for how long we keep data.")
    )
    notice.add(Clause("security", "Security", "We protect your data."))
    notice.add(
        Clause("retention", "Retention", "[[retention]] applies to everything.\n\nWe keep data for 30 days."),
        parent_id="security",
    )
    notice.add(Clause("contact", "Contact us", "Write to {{ contact.email }} or read [[security]]."))
    return notice


def tree(html: str):
    return html5lib.parse(html, namespaceHTMLElements=True)


def ids(html: str) -> list[str]:
    return [el.get("id") for el in tree(html).iter() if el.get("id")]


# ----- numbering, headings and contents ---------------------------------------------------------
def test_numbers_headings_and_contents_follow_the_outline() -> None:
    rendered = render(notice_with_refs())
    assert [(e.number, e.title, e.level) for e in rendered.toc] == [
        ("1", "Introduction", 1),
        ("2", "Security", 1),
        ("2.1", "Retention", 2),
        ("3", "Contact us", 1),
    ]
    doc = tree(rendered.html)
    headings = [
        (el.tag[len(NS) :], "".join(el.itertext()))
        for el in doc.iter()
        if el.tag in {NS + f"h{i}" for i in range(1, 7)}
    ]
    assert headings == [
        ("h1", "Privacy Notice"),
        ("h2", "1. Introduction"),
        ("h2", "2. Security"),
        ("h3", "2.1 Retention"),
        ("h2", "3. Contact us"),
    ]
    toc_links = [
        a.get("href")
        for a in doc.iter(NS + "a")
        if a.get("href", "").startswith("#") and "ns-xref" not in (a.get("class") or "")
    ]
    assert toc_links == ["#ns-clause-intro", "#ns-clause-security", "#ns-clause-retention", "#ns-clause-contact"]


def test_toc_depth_limits_the_contents_but_not_the_entries() -> None:
    rendered = render(notice_with_refs(), RenderOptions(toc_depth=1))
    assert "#ns-clause-retention" not in rendered.toc_html
    assert any(e.clause_id == "retention" for e in rendered.toc)
    assert render(notice_with_refs(), RenderOptions(include_toc=False)).toc_html == ""


def test_anchors_come_from_clause_ids_and_survive_reordering() -> None:
    notice = notice_with_refs()
    before = {c.clause_id: c.anchor for c in render(notice).clauses}
    notice.move("contact", None, 0)
    after = {c.clause_id: c.anchor for c in render(notice).clauses}
    assert before == after == {i: f"ns-clause-{i}" for i in before}


def test_every_element_id_is_unique() -> None:
    notice = notice_with_refs()
    notice.tables["cookies"] = Table(["Name"], [["sid"]])
    notice.set_body("security", "# Heading\n\n[[table:cookies]]\n\n[[table:cookies]]\n\n- a\n- b")
    found = ids(render(notice).html)
    assert len(found) == len(set(found))


def test_headings_inside_a_clause_sit_below_the_clause_heading() -> None:
    notice = Notice()
    notice.add(Clause("a", "A", "# Big\n\n### Small"))
    notice.add(Clause("b", "B", "# Big"), parent_id="a")
    html = render(notice).html
    assert '<h3 id="ns-clause-a__b0">Big</h3>' in html
    assert '<h5 id="ns-clause-a__b1">Small</h5>' in html
    assert '<h4 id="ns-clause-b__b0">Big</h4>' in html


# ----- cross-references -------------------------------------------------------------------------
def test_cross_references_render_as_linked_section_numbers() -> None:
    rendered = render(notice_with_refs())
    intro = rendered.clause("intro")
    assert '<a class="ns-xref" href="#ns-clause-retention">section 2.1</a>' in intro.html
    assert "See section 2.1 for how long" in intro.text
    # At the start of a sentence the word is capitalised.
    assert '<a class="ns-xref" href="#ns-clause-retention">Section 2.1</a> applies' in rendered.clause("retention").html


def test_cross_references_follow_a_move() -> None:
    notice = notice_with_refs()
    notice.move("retention", None, 0)
    rendered = render(notice)
    assert rendered.clause("retention").number == "1"
    assert "section 1 for how long" in rendered.clause("intro").text
    assert 'href="#ns-clause-retention">section 1</a>' in rendered.clause("intro").html
    assert "read section 3." in rendered.clause("contact").text  # security moved from 2 to 3
    notice.indent("contact")  # becomes 3.1
    assert render(notice).clause("contact").number == "3.1"


def test_broken_cross_references_are_visible_and_listed() -> None:
    notice = notice_with_refs()
    notice.remove("security")  # removes retention too
    rendered = render(notice)
    assert [(b.clause_id, b.target) for b in rendered.broken_references] == [
        ("intro", "retention"),
        ("contact", "security"),
    ]
    assert '<mark class="ns-broken-ref" data-target="retention">[missing section: retention]</mark>' in rendered.html
    assert "[missing section: security]" in rendered.text


def test_cross_reference_inside_a_link_is_not_a_nested_link() -> None:
    notice = notice_with_refs()
    notice.set_body("security", "[see [[retention]]](https://example.com) and [**[[retention]]**](https://example.com)")
    html = render(notice).clause("security").html
    for a in tree(html).iter(NS + "a"):
        assert not list(a.iter(NS + "a"))[1:]  # no anchor inside an anchor
    assert "section 2.1" in html


# ----- placeholders -----------------------------------------------------------------------------
def test_placeholder_values_are_escaped_literal_text() -> None:
    notice = notice_with_refs()
    notice.variables["organisation.name"] = "*Acme* <script>alert(1)</script> [x](javascript:alert(1)) &amp;"
    html = render(notice).clause("intro").html
    assert "*Acme* &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) &amp;amp;" in html
    assert "<em>" not in html and "<script" not in html


def test_unfilled_placeholders_show_a_marker_and_are_listed() -> None:
    notice = notice_with_refs()
    notice.variables.pop("organisation.name")
    notice.variables["contact.email"] = "   "
    notice.set_body("security", "{{ organisation.name }} protects data.")
    rendered = render(notice)
    assert dict(rendered.unfilled) == {"organisation.name": ("intro", "security"), "contact.email": ("contact",)}
    assert (
        '<mark class="ns-unfilled" data-placeholder="organisation.name" title="Not filled in yet">[organisation.name]</mark>'
        in rendered.html
    )
    assert "We are [organisation.name]." in rendered.text
    braces = render(notice, RenderOptions(marker_style="braces"))
    assert "We are {{ organisation.name }}." in braces.text
    assert "We are [__________]." in render(notice, RenderOptions(marker_style="blank")).text
    with pytest.raises(NoticeError):
        RenderOptions(marker_style="shouting")


def test_placeholders_in_titles_and_table_cells_are_filled() -> None:
    notice = Notice()
    notice.variables = {"organisation.name": "Acme"}
    notice.tables["providers"] = Table(["Who", "Why"], [["{{ organisation.name }}", "{{ missing }}"]])
    notice.add(Clause("a", "About {{ organisation.name }}", "[[table:providers]]"))
    rendered = render(notice)
    assert rendered.toc[0].title == "About Acme"
    assert "<td>Acme</td>" in rendered.html
    assert rendered.unfilled == {"missing": ("a",)}


def test_placeholders_in_code_stay_as_typed() -> None:
    notice = Notice()
    notice.variables = {"x": "value"}
    notice.add(Clause("a", "A", "Use `{{ x }}` here.\n\n```\n{{ x }}\n```"))
    html = render(notice).html
    assert "<code>{{ x }}</code>" in html
    assert "value" not in html


def test_placeholders_fill_link_addresses_and_unsafe_values_drop_the_link() -> None:
    notice = Notice()
    notice.variables = {"contact.email": "privacy@acme.example", "evil": "javascript:alert(1)"}
    notice.add(Clause("a", "A", "[Mail us](mailto:{{contact.email}}), [evil]({{evil}}), [later]({{site.url}})."))
    rendered = render(notice)
    html = rendered.html
    assert '<a href="mailto:privacy@acme.example">Mail us</a>' in html
    assert "javascript" not in html
    assert ", evil, later." in html
    assert rendered.unfilled == {"site.url": ("a",)}


# ----- tables -----------------------------------------------------------------------------------
def test_embedded_tables_are_accessible_html_tables() -> None:
    notice = Notice()
    notice.tables["service-providers"] = Table(
        ["Provider", "Purpose", "Where"],
        [["Mailer *Co*", "[email](https://mail.example)"], ["Hosting", "Servers", "EU", "extra"]],
    )
    notice.add(Clause("a", "A", "Intro text.\n[[table:service-providers]]\nAfter."))
    rendered = render(notice)
    doc = tree(rendered.html)
    table = next(doc.iter(NS + "table"))
    caption = table.find(NS + "caption")
    assert caption is not None and caption.text == "Service providers"
    wrap = next(el for el in doc.iter(NS + "div") if "ns-table-wrap" in (el.get("class") or ""))
    assert wrap.get("role") == "region" and wrap.get("aria-labelledby") == caption.get("id")
    headers = list(table.iter(NS + "th"))
    assert [th.text for th in headers] == ["Provider", "Purpose", "Where"]
    assert all(th.get("scope") == "col" for th in headers)
    rows = [[("".join(td.itertext())) for td in tr.iter(NS + "td")] for tr in table.find(NS + "tbody")]
    assert rows == [["Mailer Co", "email", ""], ["Hosting", "Servers", "EU"]]  # short rows padded, long cut
    assert '<a href="https://mail.example">email</a>' in rendered.html
    assert "- Provider: Mailer Co; Purpose: email (https://mail.example)" in rendered.text


def test_unknown_tables_show_a_marker_and_are_listed() -> None:
    notice = Notice()
    notice.add(Clause("a", "A", "[[table:cookies]]"))
    rendered = render(notice)
    assert rendered.missing_tables == {"cookies": ("a",)}
    assert "<mark>[missing table: cookies]</mark>" in rendered.html


def test_pipe_tables_get_column_headers_and_no_inline_style() -> None:
    notice = Notice()
    notice.add(Clause("a", "A", "| a | b |\n|:-:|--:|\n| 1 | 2 |"))
    html = render(notice).html
    assert '<th class="ns-align-center" scope="col">a</th>' in html
    assert "style=" not in html


# ----- status line ------------------------------------------------------------------------------
def test_last_updated_comes_from_the_version_being_rendered() -> None:
    published = render(notice_with_refs(), RenderOptions(last_updated=dt.date(2026, 3, 1), version_label="v2"))
    assert published.status_line == "Last updated: 1 March 2026"
    assert '<time datetime="2026-03-01">1 March 2026</time>' in published.header_html
    draft = render(notice_with_refs())
    assert draft.status_line == "Draft \u2014 not published"
    assert "Draft \u2014 not published" in draft.header_html and "<time" not in draft.header_html
    assert (
        render(notice_with_refs(), RenderOptions(version_label="v1")).status_line == "Last updated: date not recorded"
    )


def test_language_sets_lang_and_direction() -> None:
    notice = notice_with_refs()
    notice.language = "ar"
    rendered = render(notice)
    assert rendered.html.startswith('<article class="ns-notice" lang="ar" dir="rtl">')
    assert render(notice, RenderOptions(language="en-GB")).direction == "ltr"


# ----- hostile text -----------------------------------------------------------------------------
def test_bidi_and_invisible_controls_never_reach_the_output() -> None:
    controls = "\u202e\u2066\u2069\u200f\x00\x1b\ufeff"
    notice = Notice(title=f"Title{controls}")
    notice.variables = {"v": f"val{controls}ue"}
    notice.tables["t"] = Table([f"Col{controls}"], [[f"cell{controls}"]])
    notice.add(Clause("a", f"Clause{controls}", f"Body{controls} {{{{ v }}}}\n\n[[table:t]]"))
    rendered = render(notice)
    for text in (rendered.html, rendered.text, rendered.title, rendered.toc[0].title):
        assert not any(ch in text for ch in controls)
    assert "value" in rendered.text and "Col" in rendered.html and "cell" in rendered.html
    assert clean_text("a\u2028b") == "a\nb"


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://example.com", True),
        ("mailto:a@b.example", True),
        ("tel:+44", True),
        ("#x", True),
        ("/privacy", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("data:image/png;base64,AAAA", False),
        ("vbscript:msgbox", False),
        ("file:///etc/passwd", False),
        ("\u202ejavascript:alert(1)", False),
    ],
)
def test_only_safe_link_schemes_are_allowed(url: str, safe: bool) -> None:
    assert url_is_safe(url) is safe


def test_raw_html_and_unsafe_links_in_clauses_stay_inert() -> None:
    notice = Notice()
    notice.add(
        Clause(
            "a",
            "A",
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <javascript:alert(1)> ![i](data:image/png;base64,AA)",
        )
    )
    html = render(notice).html
    doc = tree(html)
    assert not list(doc.iter(NS + "script")) and not list(doc.iter(NS + "img"))
    assert all(not (a.get("href") or "").lower().startswith(("javascript", "data")) for a in doc.iter(NS + "a"))


def test_images_become_links_so_pages_load_nothing() -> None:
    notice = Notice()
    notice.add(Clause("a", "A", "![Our office](https://example.com/office.png)"))
    html = render(notice).html
    assert '<a class="ns-image-link" href="https://example.com/office.png">Our office</a>' in html
    assert "<img" not in html


# ----- source maps ------------------------------------------------------------------------------
def test_source_maps_point_body_lines_at_elements() -> None:
    notice = Notice()
    body = "First paragraph\nstill first.\n\n- item one\n- item two\n\n```\ncode\n```\n\n> quote"
    notice.add(Clause("a", "A", body))
    rendered = render(notice)
    spans = rendered.source_maps["a"]
    assert [(s.start_line, s.end_line) for s in spans] == [
        (0, 2),
        (3, 6),
        (6, 9),
        (10, 11),
    ]  # a list keeps its trailing blank line
    html_ids = set(ids(rendered.html))
    assert all(s.element_id in html_ids for s in spans)
    lines = body.split("\n")
    assert lines[spans[1].start_line] == "- item one"


# ----- purity and the cache ---------------------------------------------------------------------
def test_render_is_pure() -> None:
    notice = notice_with_refs()
    snapshot = copy.deepcopy(notice)
    first = render(notice, RenderOptions(version_label="v1", last_updated=dt.date(2026, 1, 1)))
    second = render(notice, RenderOptions(version_label="v1", last_updated=dt.date(2026, 1, 1)))
    assert notice == snapshot
    assert first == second


def test_cache_gives_the_same_answer_and_reparses_only_what_changed() -> None:
    notice = notice_with_refs()
    cache = RenderCache()
    assert render(notice, cache=cache) == render(notice)
    assert cache.misses == 4
    notice.set_body("security", "We protect your data well.")
    again = render(notice, cache=cache)
    assert cache.misses == 5 and again == render(notice)
    notice.variables["contact.email"] = "dpo@acme.example"  # only "contact" uses it
    render(notice, cache=cache)
    assert cache.misses == 6
    notice.move("retention", None, 0)  # renumbers everything; references to it change too
    moved = render(notice, cache=cache)
    assert moved == render(notice)
    assert "section 1 for how long" in moved.clause("intro").text


def test_cache_forgets_old_entries_when_full() -> None:
    cache = RenderCache(max_entries=4)
    notice = notice_with_refs()
    for i in range(5):
        notice.set_body("security", f"Edit {i}")
        render(notice, cache=cache)
    assert len(cache) <= 4


def test_render_clause_matches_the_whole_render() -> None:
    notice = notice_with_refs()
    cache = RenderCache()
    whole = render(notice, cache=cache)
    assert render_clause(notice, "retention", cache=cache) == whole.clause("retention")
    with pytest.raises(NoticeError):
        render_clause(notice, "nope")
    with pytest.raises(NoticeError):
        whole.clause("nope")


def test_plain_text_is_numbered_with_list_markers() -> None:
    notice = Notice(title="T")
    notice.add(Clause("a", "A", "Para one.\n\n1. first\n2. second\n   - nested\n\n> quoted\n> text"))
    text = render(notice, RenderOptions(version_label="v1", last_updated=dt.date(2026, 2, 3))).text
    assert text == (
        "T\nLast updated: 3 February 2026\n\n1. A\n\nPara one.\n\n1. first\n2. second\n   - nested\n\n> quoted text\n"
    )


def test_addresses_become_checked_links_and_clause_tables_scroll_in_their_own_box() -> None:
    from notice_studio.core.render.links import linkify_html

    html = linkify_html('Mail privacy@acme.example, see https://acme.example/a?b=1&c=2. <b>"x"</b> (www.acme.example)')
    assert '<a href="mailto:privacy@acme.example">privacy@acme.example</a>,' in html
    assert '<a href="https://acme.example/a?b=1&amp;c=2">https://acme.example/a?b=1&amp;c=2</a>.' in html
    assert '<a href="https://www.acme.example">www.acme.example</a>)' in html
    assert "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" in html and "<b>" not in html
    injected = linkify_html('https://a.example/"onmouseover="alert(1)')
    assert 'onmouseover="' not in injected and injected.startswith('<a href="https://a.example/">')
    for not_an_address in ("http://javascript:alert(1)", "https://@evil", "x@y.z", "www.", "https://localhost"):
        assert "<a" not in linkify_html(not_an_address), not_an_address

    notice = Notice(title="T")
    notice.add(
        Clause("a", "A", "Write to [us](mailto:x@acme.example) or x@acme.example.\n\n| K | V |\n|---|---|\n| 1 | 2 |")
    )
    page = render(notice, RenderOptions()).html
    # The written link is not linked a second time inside; the bare address becomes a link.
    assert '<a href="mailto:x@acme.example">us</a>' in page
    assert '<a href="mailto:x@acme.example">x@acme.example</a>.' in page
    assert '<div class="ns-table-wrap" role="region" aria-label="Table: K, V" tabindex="0">' in page
    assert page.index("</table>") < page.index("</div>", page.index("</table>"))
