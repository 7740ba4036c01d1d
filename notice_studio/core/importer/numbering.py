"""Numbered headings: a number is a heading only if it continues the numbering seen so far.

A list restarting at 1, or continuing a run of numbered lines, is a list; a heading run into
the end of a paragraph ("... keep it safe. 5. Your rights") is split off when its number is
exactly the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

from notice_studio.core.importer.blocks import Block
from notice_studio.core.importer.candidates import Entry, Key
from notice_studio.core.importer.headings import Number, clean_title, names_the_notice, split_number, trailing_heading

_MAX_GAP = 3


class Numbering:
    """The heading numbering seen so far, to tell the next heading from a list item."""

    def __init__(self) -> None:
        self.top: dict[str, int] = {}  # scheme -> last depth-1 value
        self.sub: tuple[int, int] | None = None  # last (section, sub-section) for "2.1"
        self.deep: tuple[int, int, int] | None = None  # last "2.1.3"
        self.before: dict[str, int] = {}
        self.before_sub: tuple[int, int] | None = None
        """Each numbering as it was before it last restarted, in case the restart was wrong: an ALL
        CAPS line inside section 3 is not a new part, and '4.' after it still continues 1-3."""

    def fits(self, scheme: str, values: tuple[int, ...], exact: bool = False) -> bool:
        gap = 1 if exact else _MAX_GAP
        if len(values) == 1:
            last = self.top.get(scheme)
            if last is None:
                return not exact and values[0] <= _MAX_GAP
            return last < values[0] <= last + gap
        if len(values) == 3:
            a, b, c = values
            if self.sub == (a, b) and self.top.get("arabic", a) == a:  # not '2.1.3' once section 3 began
                last_c = self.deep[2] if self.deep and self.deep[:2] == (a, b) else 0
                return last_c < c <= last_c + gap
            # '3.2.1' where '3.2' has no heading line of its own: its first part, after '3.1' or '3.'
            return c == 1 and self.fits("arabic", (a, b), exact=True)
        a, b = values[:2]
        parent = self.top.get("arabic")
        if parent is not None:
            if a == parent + 1 and b == 1:
                return True  # '3.1' straight after section 2: section 3 has no heading line of its own
            if a != parent:
                return False
            last_b = self.sub[1] if self.sub and self.sub[0] == a else 0
            return last_b < b <= last_b + gap
        if self.sub is None:
            return not exact and b <= _MAX_GAP
        if a == self.sub[0]:
            return self.sub[1] < b <= self.sub[1] + gap
        return self.sub[0] < a <= self.sub[0] + 2 and b <= (1 if exact else _MAX_GAP)

    def take(self, scheme: str, values: tuple[int, ...]) -> None:
        if len(values) == 1:
            self.top[scheme] = values[0]
        elif len(values) == 3:
            if self.sub != values[:2]:
                self.take(scheme, values[:2])
            self.deep = (values[0], values[1], values[2])
        elif len(values) == 2:
            self.sub = (values[0], values[1])
            if self.top.get("arabic", values[0]) < values[0]:
                self.top["arabic"] = values[0]  # '3.1' after '2': '3.2' and '4.' follow on from it

    def reset(self, schemes: set[str] | None = None) -> None:
        """Start the numbering again (only `schemes`' top level, if given)."""
        for scheme in list(self.top) if schemes is None else schemes:
            if scheme in self.top:
                self.before[scheme] = self.top.pop(scheme)
        if schemes is None and self.sub is not None:
            self.before_sub, self.sub, self.deep = self.sub, None, None

    def interpret(self, number: Number, romans: bool = False) -> tuple[str, tuple[int, ...]] | None:
        """The reading of the number ('I' as letter or roman) that continues a numbering, if any;
        `romans`: the text has numbers that can only be roman ('II', 'IV'), so 'I' and 'V' are too."""
        readings = [(number.scheme, number.values)]
        if number.alternative:
            alt = number.alternative
            first = (alt[0] in self.top or (romans and alt[0] == "roman")) and number.scheme not in self.top
            readings = [alt, readings[0]] if first else [*readings, alt]
        for scheme, values in readings:
            if self.fits(scheme, values):
                return scheme, values
        for scheme, values in readings:
            if scheme not in self.before:
                continue
            now, now_sub = dict(self.top), self.sub
            self.top[scheme] = self.before[scheme]
            if len(values) == 2 and self.before_sub is not None:
                self.sub = self.before_sub
            if self.fits(scheme, values):
                del self.before[scheme]  # the numbering goes on from before the restart
                return scheme, values
            self.top, self.sub = now, now_sub
        return None


@dataclass
class _Run:
    """A numbered list being read (its items are paragraphs, not headings)."""

    scheme: str
    depth: int
    last: int
    """The last item's number."""
    at: int
    """Where the last item is in the accepted entries."""
    count: int = 1
    loose: bool = False
    """Its items are separated by blank lines."""


def accept_numbered(entries: list[Entry]) -> list[Entry]:
    """Accept numbered headings that continue the numbering; split off run-on trailing headings."""
    numbering = Numbering()
    out: list[Entry] = []
    run: _Run | None = None  # the current numbered list
    first_seen: dict[Key | None, int] = {}
    caps_in_use = False
    romans = any(e.family == "num" and e.number is not None and e.number.scheme == "roman" for e in entries)
    opening = next((e for e in entries if not e.toc), None)
    # The notice's name on its first line ('Harbour Club Privacy Notice', in bold) is its title, not
    # a kind of section that the numbering below would restart in.
    title = opening if opening is not None and names_the_notice(opening.block.plain) else None

    def note_accepted(entry: Entry) -> None:
        nonlocal caps_in_use
        if entry is title:
            return
        first_seen.setdefault(entry.key, len(out))
        if entry.family == "caps":
            caps_in_use = True
        if entry.starts_notice:
            numbering.reset()  # a second notice on the page ('CCTV Notice', its date, '1. Controller')
        elif entry.family == "num" and entry.key is not None:
            # 'Article 5' after 'Article 4', '1.', '2.': the plain numbering inside starts again.
            inner = {
                str(k[1])
                for k, at in first_seen.items()
                if k is not None and k[0] == "num" and k[1] != entry.key[1] and at > first_seen[entry.key]
            }
            if inner:
                numbering.reset(inner)
        elif entry.family != "title":
            # A numbering that started inside sections of this kind restarts in each of them. A title-like
            # line or a question is too weak a sign to restart numbers on, but lettered sub-sections
            # ('A. All users') under such lines start again at A in each.
            nested = {
                str(k[1])
                for k, at in first_seen.items()
                if k is not None and k[0] == "num" and at > first_seen[entry.key]
            }
            weak = entry.family in ("line", "question")
            if weak and "upper" in nested:
                numbering.reset({"upper"})
            elif nested and not weak:
                numbering.reset()
        if entry.number and entry.number.scheme != "list" and entry.family == "markup":
            numbering.take(entry.number.scheme, entry.number.values)

    def take_trailing(entry: Entry, markdown: str, plain: str) -> None:
        """Split off a heading run into the end of this entry's text (it is the last in `out`)."""
        nonlocal run
        if not plain:
            return
        split = _split_trailing(markdown, plain, numbering, caps_in_use, entry.block.source, entry.block.style)
        if not split:
            return
        md_before, plain_before, heading = split
        if entry.body_after:
            entry.body_after = md_before
        else:
            b = entry.block
            entry.block = Block(b.kind, md_before, plain_before, b.level, b.source, b.gap_before, b.bold, b.style)
        if heading.number:
            numbering.take(heading.number.scheme, heading.number.values)
        out.append(heading)
        note_accepted(heading)
        run = None

    for i, entry in enumerate(entries):
        if entry.toc:
            out.append(entry)
            continue
        if entry.family == "num":
            number = entry.number
            assert number is not None
            depth = number.depth
            continues_run = (
                run is not None
                and run.depth == depth
                and number.values[-1] == run.last + 1
                and run.scheme in (number.scheme, number.alternative[0] if number.alternative else None)
                and all(not e.key and not e.block.gap_before and e.block.kind == "paragraph" for e in out[run.at + 1 :])
                and (not entry.block.gap_before or run.loose or run.count == 1)
            )
            nxt = entries[i + 1] if i + 1 < len(entries) else None
            list_follows = bool(
                nxt is not None
                and nxt.family == "num"
                and nxt.number is not None
                and nxt.number.depth == depth
                and nxt.number.values[-1] == number.values[-1] + 1
                and not nxt.body_after
                and not entry.body_after
                # '6. Legal basis' left empty over '7. Sharing': both set apart and '6' exactly the next
                # section number - two headings, not a list (a list starts at 1, not at the next section)
                and not (
                    entry.block.gap_before
                    and nxt.block.gap_before
                    and number.scheme in numbering.top
                    and numbering.fits(number.scheme, number.values, exact=True)
                )
            )
            reading = numbering.interpret(number, romans)
            if reading is None and _starts_again(entry, out):
                numbering.reset()  # the notice again from its first section: the page holds it twice
                reading = numbering.interpret(number, romans)
            gapped_heading = entry.block.gap_before and run is not None and run.count == 1 and reading is not None
            if (continues_run and not (gapped_heading and not list_follows)) or list_follows or reading is None:
                entry.accepted = False
                if continues_run and run is not None:
                    run.last, run.at, run.count = number.values[-1], len(out), run.count + 1
                    run.loose = run.loose or entry.block.gap_before
                else:
                    run = _Run(number.scheme, depth, number.values[-1], len(out))
                out.append(entry)
                continue
            scheme, values = reading
            if scheme != number.scheme:
                entry.key = ("num", scheme, depth)  # 'V.' read as roman five ranks with 'IV.', not with 'A.'
            numbering.take(scheme, values)
            entry.accepted = True
            run = None
            out.append(entry)
            note_accepted(entry)
            take_trailing(entry, entry.body_after, entry.body_after)
            continue
        if entry.accepted:
            run = None if entry.key else run
            out.append(entry)
            note_accepted(entry)
            if entry.body_after:
                take_trailing(entry, entry.body_after, entry.body_after)
            continue
        out.append(entry)
        if entry.block.kind == "paragraph" and not entry.key:
            take_trailing(entry, entry.block.markdown, entry.block.plain)
    return out


def _starts_again(entry: Entry, accepted: list[Entry]) -> bool:
    """`entry` is word for word the first numbered heading accepted so far ('1. Who we are' again
    after '9. Contact us'): the notice starts again, copied twice onto one page."""
    first = next((e for e in accepted if e.family == "num" and e.accepted), None)
    return first is not None and " ".join(first.block.plain.split()) == " ".join(entry.block.plain.split())


def _split_trailing(
    markdown: str, plain: str, numbering: Numbering, caps_in_use: bool, source: int, style: str
) -> tuple[str, str, Entry] | None:
    """A heading run into the end of a paragraph: (Markdown before it, plain before it, the heading)."""
    found = trailing_heading(plain)
    if not found:
        return None
    _, number_text, title = found
    number: Number | None = None
    if number_text:
        number, _ = split_number(number_text + ". x")
        if number is None or number.scheme != "arabic" or not numbering.fits("arabic", number.values, exact=True):
            return None
    elif not caps_in_use:
        return None
    in_md = trailing_heading(markdown)
    if not in_md or in_md[2] != title:
        return None
    heading_md = markdown[in_md[0] :].strip()
    heading = Entry(
        Block("paragraph", heading_md, plain[found[0] :].strip(), 0, source, True, False, style),
        key=("num", "arabic", number.depth) if number else ("caps",),
        title=clean_title(title),
        number=number,
        evidence=(f"numbered '{number.text}', " if number else "an ALL CAPS heading ")
        + "run into the end of the paragraph before it",
        heading_md=heading_md,
        accepted=True,
    )
    return markdown[: in_md[0]].rstrip(), plain[: found[0]].rstrip(), heading
