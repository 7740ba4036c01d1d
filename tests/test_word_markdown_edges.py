"""Markdown edge cases met on real policies, in our own words: what a reviewer changes in
Word maps back to Markdown that shows the same words, and the redline's two sides (Accept All,
Reject All) each show exactly one version's words."""

from __future__ import annotations

import pytest

from notice_studio.core.diff.words import DELETE, INSERT
from notice_studio.core.export.docx_revisions import TextRun
from notice_studio.core.export.md_blocks import AtomTable, Block, diff_blocks, source_blocks
from notice_studio.core.wordreview.proposals import chunks_of, edits_for, proposals_of
from notice_studio.core.wordreview.source_edits import edited_markdown, shown_text


def shown(body: str) -> str:
    return shown_text(source_blocks(body, AtomTable()))


def reviewed(body: str, typed: str) -> str:
    """`body` after a reviewer changed its words (without Track Changes) into `typed`."""
    blocks = source_blocks(body, AtomTable())
    chunks = chunks_of(shown_text(blocks), [TextRun(typed, "equal")], "R")
    proposals, owner = proposals_of(chunks, clause_id="c", clause_title="C", part="body", reviewer="R", notes={})
    return edited_markdown(blocks, edits_for(chunks, owner, [p.id for p in proposals]))


LINKS = "- [Keeping records](#keep)\n- [Sharing records](#share)\n- [Your choices](#choices)"


def test_a_paragraph_typed_inside_a_list_of_links_keeps_every_link_whole() -> None:
    typed = "Keeping records\nWhy we share\nLawful grounds\nYour choices"
    result = reviewed(LINKS, typed)
    assert shown(result) == typed
    assert "\n-" in result and "[Your choices](#choices)" in result


def test_a_link_taken_out_whole_leaves_no_empty_link() -> None:
    result = reviewed(LINKS, "Sharing records\nYour choices")
    assert shown(result) == "Sharing records\nYour choices"
    assert "[]" not in result and "#keep" not in result


def test_a_new_paragraph_typed_before_a_bold_link_goes_before_its_marks() -> None:
    body = "Intro words.\n\n**[Young people](#young)**"
    result = reviewed(body, "Intro words.\nPartner brands\nYoung people")
    assert shown(result) == "Intro words.\nPartner brands\nYoung people"
    assert "**[Young people](#young)**" in result


def test_a_lone_number_line_the_clause_had_is_kept() -> None:
    body = "1.\n\nSCOPE\n\nWe wrote this on 1 May."
    result = reviewed(body, shown(body).replace("1 May", "3 June"))
    assert result == body.replace("1 May", "3 June")


@pytest.mark.parametrize("typed", ["* * *", "1. Not a list", "# not a heading", "5 * 3 = 15", "a_b and _c_"])
def test_characters_a_reviewer_types_stay_characters(typed: str) -> None:
    body = "First paragraph.\n\nLast paragraph."
    want = f"First paragraph.\n{typed}\nLast paragraph."
    assert shown(reviewed(body, want)) == want


# ----- the redline's two sides --------------------------------------------------------------


def side(blocks: list[Block], hidden: str) -> str:
    return "".join(p.shown for b in blocks for p in b.pieces if p.op != hidden).strip("\n")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the closing bold mark moves over a line break that is taken out
        ("**Opting out of texts.\n**", "**Opting out of texts (every channel).**"),
        # a link's words and address both change
        (LINKS, "- [Keeping records](#keep)\n- [Lawful grounds](#grounds)\n- [Your choices](#choices)"),
        # an indented paragraph is folded into the one before it
        (
            "You can save trips, and more.\n\n    With an account you earn points.",
            "You can save trips and lists. We help you plan.",
        ),
        # a blank line only the later version has splits a paragraph the earlier one had whole
        ("Terms for members.\nRead this first.", "Terms for members.\n\nRead this first."),
        ("Terms for members.\n\nRead this first.", "Terms for members.\nRead this first."),
        # the closing underscore of an italic line is kept while the words before it change
        ("_Updated: May 2025_\n\nText.", "_Updated: June 2026_\n\nText."),
    ],
)
def test_accept_all_and_reject_all_each_show_one_version(old: str, new: str) -> None:
    blocks = diff_blocks(old, new, AtomTable())
    assert side(blocks, DELETE) == shown(new)
    assert side(blocks, INSERT) == shown(old)
