"""Edit a .docx the way Word records a reviewer's work (for the Word review round-trip tests).

Tracked insertions and deletions are `w:ins`/`w:del` with the author and date; a deleted
paragraph has its runs and its paragraph mark deleted; an untracked edit just changes text;
comments go in the comments part with range marks around the text.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

DATE = "2026-03-02T10:00:00Z"
_ids = iter(range(5000, 100000))


def find_paragraph(document, needle: str) -> Paragraph:
    for p in document.paragraphs:
        if needle in p.text:
            return p
    raise AssertionError(f"no paragraph with {needle!r}: {[p.text for p in document.paragraphs]}")


def revision_mark(tag: str, author: str):
    element = OxmlElement(f"w:{tag}")
    element.set(qn("w:id"), str(next(_ids)))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), DATE)
    return element


def _split(paragraph: Paragraph, needle: str):
    """The w:r holding exactly `needle`, splitting the run that contains it."""
    for r in paragraph._p.iter(qn("w:r")):
        t = r.find(qn("w:t"))
        if t is None or needle not in (t.text or ""):
            continue
        text = t.text or ""
        start = text.index(needle)
        pieces = [text[:start], needle, text[start + len(needle) :]]
        made = []
        for piece in pieces:
            clone = copy.deepcopy(r)
            clone.find(qn("w:t")).text = piece
            clone.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            made.append(clone)
        for clone in made:
            r.addprevious(clone)
        r.getparent().remove(r)
        for clone in (made[0], made[2]):
            if not clone.find(qn("w:t")).text:
                clone.getparent().remove(clone)
        return made[1]
    raise AssertionError(f"{needle!r} is not inside one run")


def _to_deleted(r) -> None:
    for t in r.findall(qn("w:t")):
        t.tag = qn("w:delText")


def _new_run(like, text: str):
    run = copy.deepcopy(like)
    for t in run.findall(qn("w:delText")):
        t.tag = qn("w:t")
    run.find(qn("w:t")).text = text
    return run


def tracked_replace(paragraph: Paragraph, old: str, new: str, author: str) -> None:
    r = _split(paragraph, old)
    deletion = revision_mark("del", author)
    r.addprevious(deletion)
    deletion.append(r)
    _to_deleted(r)
    if new:
        insertion = revision_mark("ins", author)
        insertion.append(_new_run(r, new))
        deletion.addnext(insertion)


def tracked_insert_after(paragraph: Paragraph, anchor: str, new: str, author: str) -> None:
    r = _split(paragraph, anchor)
    insertion = revision_mark("ins", author)
    insertion.append(_new_run(r, new))
    r.addnext(insertion)


def tracked_delete_paragraph(paragraph: Paragraph, author: str) -> None:
    for r in list(paragraph._p.findall(qn("w:r"))):
        deletion = revision_mark("del", author)
        r.addprevious(deletion)
        deletion.append(r)
        _to_deleted(r)
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    rpr.append(revision_mark("del", author))
    ppr.append(rpr)


def tracked_new_paragraph(after: Paragraph, text: str, author: str | None, style: str | None = None) -> Paragraph:
    """A paragraph typed after `after` (tracked when `author` is given: its text and its mark
    are insertions, as Word records a new paragraph), in `style` (e.g. "Heading 1")."""
    new = after._p.makeelement(qn("w:p"), {})
    after._p.addnext(new)
    paragraph = Paragraph(new, after._parent)
    if style:
        paragraph.style = style
    run = paragraph.add_run(text)
    if author:
        insertion = revision_mark("ins", author)
        run._r.addprevious(insertion)
        insertion.append(run._r)
        rpr = OxmlElement("w:rPr")
        rpr.append(revision_mark("ins", author))
        paragraph._p.get_or_add_pPr().append(rpr)
    return paragraph


def tracked_format(paragraph: Paragraph, needle: str, author: str, *, bold: bool) -> None:
    """Make `needle` bold (or not bold) with Track Changes on: Word keeps the run's earlier
    formatting in w:rPrChange."""
    r = _split(paragraph, needle)
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        r.insert(0, rpr)
    before = copy.deepcopy(rpr)
    for b in rpr.findall(qn("w:b")):
        rpr.remove(b)
    if bold:
        rpr.insert(0, OxmlElement("w:b"))
    change = revision_mark("rPrChange", author)
    change.append(before)
    rpr.append(change)


def untracked_format(paragraph: Paragraph, needle: str, *, bold: bool) -> None:
    """Make `needle` bold (or not bold) with Track Changes off: Word records nothing."""
    r = _split(paragraph, needle)
    rpr = r.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        r.insert(0, rpr)
    for b in rpr.findall(qn("w:b")):
        rpr.remove(b)
    if bold:
        rpr.insert(0, OxmlElement("w:b"))


def tracked_delete_row(row, author: str) -> None:
    """A table row taken out with Track Changes: its text and the row itself are deletions."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            tracked_delete_paragraph(paragraph, author)
    row._tr.get_or_add_trPr().append(revision_mark("del", author))


def untracked_replace(paragraph: Paragraph, old: str, new: str) -> None:
    for t in paragraph._p.iter(qn("w:t")):
        if old in (t.text or ""):
            t.text = t.text.replace(old, new)
            return
    raise AssertionError(f"{old!r} not found")


def comment_on(document, paragraph: Paragraph, needle: str, text: str, author: str) -> None:
    r = _split(paragraph, needle)
    from docx.text.run import Run

    document.add_comment(Run(r, paragraph), text=text, author=author, initials=author[:1])


def resolved_paragraphs(document, accept: bool) -> list[str]:
    """The body's paragraphs as Word shows them after Accept All (or Reject All) changes."""
    from notice_studio.core.diff.words import DELETE, INSERT
    from notice_studio.core.export.docx_revisions import body_paragraphs, paragraph_mark, paragraph_runs

    gone = DELETE if accept else INSERT
    out: list[str] = []
    joining = False
    for p in body_paragraphs(document):
        text = "".join(r.text for r in paragraph_runs(p) if r.op != gone)
        if joining and out:
            out[-1] += text
        else:
            out.append(text)
        mark = paragraph_mark(p)
        joining = mark is None or mark.op == gone
    return [t for t in out if t.strip()]


def revision_texts(document, tag: str) -> list[tuple[str, str]]:
    """(author, text) of each `w:ins`/`w:del`/`w:moveFrom`/`w:moveTo` run wrapper in the body."""
    found = []
    for element in document.element.body.iter(qn(f"w:{tag}")):
        text = "".join(t.text or "" for t in element.iter(qn("w:t"), qn("w:delText")))
        if text:
            found.append((element.get(qn("w:author")), text))
    return found
