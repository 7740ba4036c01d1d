"""A very long clause exported to Word: the work per paragraph must not grow with the document
(python-docx looked each paragraph's style up among all styles, and searched the whole body for
where to put it: a 10 MB clause took minutes). Counted, not timed."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart

from notice_studio.core.export.docx import notice_docx
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.render.renderer import RenderOptions, render

PARAGRAPHS = 300


def long_notice() -> Notice:
    notice = Notice(title="Orchard Co-op privacy notice", organisation="Orchard Co-op")
    notice.add(Clause("intro", "About us", "We grow apples and sell them at the gate."))
    lines = []
    for i in range(PARAGRAPHS):
        lines.append(
            f"### Delivery round {i}" if i % 50 == 0 else f"We note round {i} of the van, **kept** one season."
        )
    notice.add(Clause("rounds", "Delivery rounds", "\n\n".join(lines)))
    return notice


def test_a_long_clause_looks_each_style_up_once_and_never_searches_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    lookups: Counter[str] = Counter()
    body_searches = 0
    real_lookup = DocumentPart.get_style_id
    real_insert = BaseOxmlElement.insert_element_before

    def get_style_id(self, style, style_type):  # type: ignore[no-untyped-def]
        lookups[str(style)] += 1
        return real_lookup(self, style, style_type)

    def insert_element_before(self, elm, *tagnames):  # type: ignore[no-untyped-def]
        nonlocal body_searches
        body_searches += self.tag == qn("w:body")
        return real_insert(self, elm, *tagnames)

    rendered = render(long_notice(), RenderOptions())
    monkeypatch.setattr(DocumentPart, "get_style_id", get_style_id)
    monkeypatch.setattr(BaseOxmlElement, "insert_element_before", insert_element_before)
    data = notice_docx(rendered)

    assert max(lookups.values()) == 1, lookups
    assert body_searches == 0

    body = Document(io.BytesIO(data)).element.body
    assert body[-1].tag == qn("w:sectPr")  # the page settings stay at the end of the body
    paragraphs = Document(io.BytesIO(data)).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts.index("We note round 1 of the van, kept one season.") < texts.index("Delivery round 50")
    assert texts[-1] == f"We note round {PARAGRAPHS - 1} of the van, kept one season."
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name.startswith("Heading")][2:]
    assert headings == [f"Delivery round {i}" for i in range(0, PARAGRAPHS, 50)]
    kept = [r for r in paragraphs[-1].runs if r.text == "kept"]
    assert kept and kept[0].bold
