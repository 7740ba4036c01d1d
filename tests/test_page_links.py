"""Links within the page ('[your rights](#rights)'): in an imported notice each leads to the clause
that holds the place it named (a web page's element id, a Word bookmark, or a heading's address
form), or becomes plain words; exported pages reach the section; a link that leads nowhere is a
warning. Our own fixtures (a fictional bakery)."""

from __future__ import annotations

import io
import re

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from notice_studio.core.checks import CheckContext, run_checks
from notice_studio.core.importer import build_notice, outline_from_document, preview_report, read_bytes
from notice_studio.core.importer.outline import merge
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.render.renderer import RenderCache, render

BAKERY_PAGE = """<!doctype html><html><head><title>Privacy at Quay Street Bakery</title></head><body>
<main>
<h1>Privacy at Quay Street Bakery</h1>
<section id="who"><h2>1. Who we are</h2>
<p>Quay Street Bakery bakes sourdough for the harbour.<sup><a href="#fn1">1</a></sup></p></section>
<h2 id="keep">2. How long we keep orders</h2>
<p>We keep order slips for six years, as <a href="#rights-part">section 3</a> explains,
and <a href="#">our basket widget</a> shows.</p>
<div id="rights-part"><h2>3. Your rights</h2>
<p>Ask the counter staff for a list of your orders; see <a href="#how-long-we-keep-orders">how long we keep them</a>
or go <a href="#top">back to the top</a>.</p>
<p id="complaints">Complaints go to the regulator.</p></div>
<h2>4. Contact</h2>
<p>Write to the shop; read about <a href="#complaints">complaints</a> and <a href="#oven-history">our oven</a>.</p>
<p id="fn1">1. We deliver on foot.</p>
</main></body></html>"""


def bodies(notice: Notice) -> dict[str, str]:
    return {clause.id: clause.body for clause, _, _ in notice.walk()}


def test_a_web_pages_in_page_links_lead_to_the_clauses_holding_their_places() -> None:
    outline = outline_from_document(read_bytes(BAKERY_PAGE.encode(), "bakery.html", "html"))
    text = bodies(build_notice(outline))
    assert (
        text["who-we-are"] == "Quay Street Bakery bakes sourdough for the harbour.[1](#contact)"
    )  # the footnote's place
    kept = " ".join(text["how-long-we-keep-orders"].split())
    assert "as [section 3](#your-rights) explains, and our basket widget shows." in kept  # a bare '#': words
    assert "[how long we keep them](#how-long-we-keep-orders)" in text["your-rights"]  # a heading's address form
    assert "[back to the top](#top)" in text["your-rights"]  # browsers know '#top'
    assert "read about [complaints](#your-rights) and our oven." in text["contact"]  # no such place: words
    report = preview_report(outline)
    [note] = [n for n in report.notes if "within the original page" in n]
    assert note.startswith("4 links within the original page now lead to their sections; links to 2 places")
    assert "a bare '#'" in note and "'#oven-history'" in note


def test_a_word_files_jump_links_lead_to_its_bookmarks() -> None:
    w = nsdecls("w")
    document = docx.Document()
    heading = document.add_heading("Who we are", level=1)
    heading._p.append(parse_xml(f'<w:bookmarkStart {w} w:id="7" w:name="_Toc1001"/>'))
    document.add_paragraph("Quay Street Bakery bakes sourdough.")
    document.add_heading("Your rights", level=1)
    jump = document.add_paragraph("To see who we are, read ")
    jump._p.append(
        parse_xml(f'<w:hyperlink {w} w:anchor="_Toc1001"><w:r><w:t>the first part</w:t></w:r></w:hyperlink>')
    )
    out = io.BytesIO()
    document.save(out)
    notice = build_notice(outline_from_document(read_bytes(out.getvalue(), "bakery.docx", "docx")))
    assert "read [the first part](#who-we-are)" in bodies(notice)["your-rights"]


def test_text_without_ids_is_matched_by_heading() -> None:
    markdown = (
        "# Bakery privacy\n\n## Keeping orders\n\nSix years; see [your rights](#your-rights).\n\n"
        "## Your rights\n\nAsk us. Back to [keeping orders](#Keeping-Orders) or [a note](#note-7).\n"
    )
    outline = outline_from_document(read_bytes(markdown.encode(), "bakery.md", "md"))
    text = bodies(build_notice(outline))
    assert text["keeping-orders"] == "Six years; see [your rights](#your-rights)."
    assert text["your-rights"] == "Ask us. Back to [keeping orders](#keeping-orders) or a note."


def test_a_merged_section_keeps_the_places_it_held() -> None:
    outline = outline_from_document(read_bytes(BAKERY_PAGE.encode(), "bakery.html", "html"))
    index = [s.title for s in outline.sections].index("Your rights")
    joined = merge(outline, index)
    text = bodies(build_notice(joined))
    assert "[complaints](#how-long-we-keep-orders)" in text["contact"]  # 'complaints' now sits in section 2


def test_an_exported_page_reaches_the_section_a_link_names() -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("keeping", "Keeping orders", "Six years."))
    notice.add(Clause("rights", "Your rights", "See [keeping](#keeping), [the same](#ns-clause-keeping), [x](#gone)."))
    cache = RenderCache()
    html = render(notice, cache=cache).html
    assert '<a href="#ns-clause-keeping">keeping</a>, <a href="#ns-clause-keeping">the same</a>' in html
    assert '<a href="#gone">x</a>' in html
    notice.remove("keeping")
    notice.add(Clause("gone", "Gone", "Moved here."))
    html = render(notice, cache=cache).html  # the clause's cached page must follow its targets
    assert '<a href="#keeping">keeping</a>' in html and '<a href="#ns-clause-gone">x</a>' in html


def test_a_link_that_leads_nowhere_is_a_warning_with_its_place() -> None:
    notice = Notice(title="Privacy Notice")
    notice.add(Clause("keeping", "Keeping orders", "Six years."))
    body = (
        "See [keeping](#keeping), the [top](#top), [the footnote](#fn1) and [x](#ns-clause-nope). "
        "Written out, not a link: \\[our form\\](#form)."
    )
    notice.add(Clause("rights", "Your rights", body))
    found = [f for f in run_checks(notice, CheckContext()).findings if f.rule == "link-in-page-broken"]
    assert [(f.severity, body[f.start : f.end]) for f in found] == [
        ("warning", "[the footnote](#fn1)"),
        ("warning", "[x](#ns-clause-nope)"),
    ]
    assert re.search(r"'#fn1' leads to no section", found[0].message)


def test_a_link_whose_words_break_over_lines_is_read_too() -> None:
    """A contents entry holding a heading and a line under it ('<a href="#item-4"><h3>…</h3><p>…</p></a>')
    comes in with a line break inside the link's words; it still leads somewhere or becomes words."""
    page = """<html><body><main><h1>Bakery privacy</h1>
<ul><li><a href="#item-4"><strong>What we keep</strong><br>Orders and the names on them.</a></li>
<li><a href="#keeping"><strong>How long</strong><br>Six years.</a></li></ul>
<h2 id="keeping">How long we keep orders</h2><p>Six years, for the tax office.</p>
<h2>Your rights</h2><p>Ask us for a copy.</p></main></body></html>"""
    notice = build_notice(outline_from_document(read_bytes(page.encode(), "bakery.html", "html")))
    text = "\n".join(bodies(notice).values())
    assert "(#item-4)" not in text and "What we keep" in text and "Orders and the names on them." in text
    assert not [f for f in run_checks(notice, CheckContext()).findings if f.rule == "link-in-page-broken"]
