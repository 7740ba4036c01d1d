"""A notice with three levels of headings ('2.', '2.1', '2.1.1') imports with three levels in every
form, nests three deep in the notice, and the preview's edits keep the levels an outline can hold.

The forms are made from our own fixture (tests/fixtures/import/three_levels.md) by the code the
corpus benchmark uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.import_corpus import parse_policy, write_form
from notice_studio.core.importer import (
    ImportedOutline,
    build_notice,
    import_file,
    merge,
    move_levels,
    outline_from_document,
    read_bytes,
    remove,
    set_level,
)
from notice_studio.core.importer.outline import can_move
from notice_studio.core.importer.report import report_text
from notice_studio.core.notice.model import NoticeError

FIXTURES = Path(__file__).parent / "fixtures" / "import"
KESTREL = [
    (1, "Introduction", ""),
    (1, "Who we are", "1"),
    (1, "What we collect", "2"),
    (2, "From members", "2.1"),
    (3, "When you join", "2.1.1"),
    (3, "On the water", "2.1.2"),
    (2, "From coaches", "2.2"),
    (2, "From visitors", "2.3"),
    (1, "How we use it", "3"),
    (1, "Your rights", "4"),
]


def shape(outline: ImportedOutline) -> list[tuple[int, str, str]]:
    return [(s.level, s.title, s.original_number) for s in outline.sections]


def outline_of(text: str, fmt: str = "txt") -> ImportedOutline:
    return outline_from_document(read_bytes(text.encode("utf-8"), f"x.{fmt}", fmt))


@pytest.mark.parametrize("form", ["html", "browser", "pdftext", "docx", "docxbold", "pdf"])
def test_three_numbered_levels_in_every_form(form: str, tmp_path: Path) -> None:
    pieces = parse_policy((FIXTURES / "three_levels.md").read_text(encoding="utf-8"))
    path = write_form(form, pieces, "kestrel", tmp_path)
    if path is None:
        pytest.skip("PySide6 cannot print a PDF here")
    outline = import_file(path)
    assert shape(outline) == KESTREL
    members = outline.sections[3]
    assert members.paragraphs == ()
    assert not outline.without_text(3)  # its sub-sections follow it: nothing blocks publishing
    assert outline.sections[4].body.startswith("Your name, date of birth")


def test_the_notice_nests_three_deep_and_the_report_shows_it() -> None:
    outline = import_file(FIXTURES / "three_levels.md")
    notice = build_notice(outline)
    walked = [(clause.title, depth, number) for clause, depth, number in notice.walk()]
    assert walked[2:6] == [
        ("What we collect", 0, "3"),
        ("From members", 1, "3.1"),
        ("When you join", 2, "3.1.1"),
        ("On the water", 2, "3.1.2"),
    ]
    assert walked[6] == ("From coaches", 1, "3.2")
    from notice_studio.core.importer import preview_report

    text = report_text(preview_report(outline))
    rows = {line.split()[0]: line for line in text.splitlines() if line.startswith("  ") and "[was" in line}
    assert rows["3"].startswith("  3 ")
    assert rows["3.1"].startswith("    3.1 ")  # indented under 3
    assert rows["3.1.1"].startswith("      3.1.1 ")  # indented under 3.1
    assert len({line.index("[was") for line in rows.values()}) == 1  # the original numbers in one column


def test_a_third_level_number_without_its_parent_heading_is_one_level_down() -> None:
    text = (
        "1. Who we are\n\nThe Lantern Book Club meets on Thursdays.\n\n"
        "2. What we keep\n\nA list of members.\n\n"
        "2.1.1 Names\n\nYour name and the books you borrowed.\n\n"
        "2.1.2 Addresses\n\nWhere to send the newsletter.\n\n"
        "3. Your rights\n\nAsk the secretary for a copy.\n"
    )
    assert shape(outline_of(text)) == [
        (1, "Who we are", "1"),
        (1, "What we keep", "2"),
        (2, "Names", "2.1.1"),
        (2, "Addresses", "2.1.2"),
        (1, "Your rights", "3"),
    ]


def test_a_third_level_number_out_of_sequence_stays_text() -> None:
    text = (
        "1. Who we are\n\nThe Lantern Book Club meets on Thursdays.\n\n"
        "1.1 The committee\n\nThree members elected each spring.\n\n"
        "1.4.7 Treasurer's report\n\nRead at each meeting.\n\n"
        "2. Your rights\n\nAsk the secretary for a copy.\n"
    )
    outline = outline_of(text)
    assert shape(outline) == [(1, "Who we are", "1"), (2, "The committee", "1.1"), (1, "Your rights", "2")]
    assert "1.4.7 Treasurer's report" in outline.sections[1].body


def test_a_fourth_level_number_is_a_bold_line_in_its_section() -> None:
    outline = outline_of(
        "Privacy Notice\n\n1. Who we are\n\nWe row on the lake.\n\n1.1 Our boathouses\n\nThere are two.\n\n"
        "1.1.1 The north boathouse\n\nIt has a camera.\n\n1.1.1.1 How long we keep footage\n\nThirty days.\n\n"
        "1.1.2 The south boathouse\n\nIt has none.\n"
    )
    assert shape(outline) == [
        (1, "Who we are", "1"),
        (2, "Our boathouses", "1.1"),
        (3, "The north boathouse", "1.1.1"),
        (3, "The south boathouse", "1.1.2"),
    ]
    assert outline.sections[2].body == "It has a camera.\n\n**1.1.1.1 How long we keep footage**\n\nThirty days."
    assert any("below the third level" in note for note in outline.notes)


def test_a_deeper_heading_straight_under_a_section_is_its_sub_section_as_are_its_siblings() -> None:
    md = (
        "# Notice\n\n## Members\n\nWho can join.\n\n#### Juniors\n\nUnder eighteen.\n\n#### Seniors\n\nOver sixty.\n\n"
        "## Boats\n\nThe fleet.\n\n### Singles\n\nOne rower.\n\n#### Sculls\n\nTwo oars each.\n"
    )
    assert [(s.level, s.title) for s in outline_of(md, "md").sections] == [
        (1, "Members"),
        (2, "Juniors"),
        (2, "Seniors"),
        (1, "Boats"),
        (2, "Singles"),
        (3, "Sculls"),
    ]


def test_an_empty_heading_at_the_third_level_stays_a_line_of_text() -> None:
    # an empty heading over the ones beside it: as a section of its own it would only block publishing
    md = (
        "# Notice\n\n## Your account\n\nWhat the account holds.\n\n### Controls\n\nYou choose what is kept.\n\n"
        "#### In one place\n\n#### Activity\n\nWhat you searched for.\n\n#### Location\n\nWhere you were.\n\n"
        "## Contact\n\nWrite to us.\n"
    )
    outline = outline_of(md, "md")
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "Your account"),
        (2, "Controls"),
        (3, "Activity"),
        (3, "Location"),
        (1, "Contact"),
    ]
    assert outline.sections[1].paragraphs == ("You choose what is kept.", "#### In one place")
    assert not any(outline.without_text(i) for i in range(len(outline)))


# ----- the preview's edits -------------------------------------------------------------------------
def kestrel() -> ImportedOutline:
    return import_file(FIXTURES / "three_levels.md")


def test_a_section_moves_with_its_sub_sections() -> None:
    outline = set_level(kestrel(), 3, 1)  # 'From members' up to a section: its parts come with it
    assert [s.level for s in outline.sections][2:8] == [1, 1, 2, 2, 2, 2]
    outline = set_level(outline, 3, 2)  # and back down, with what is now under it
    assert [s.level for s in outline.sections][2:8] == [1, 2, 3, 3, 3, 3]
    demoted = set_level(kestrel(), 4, 2)  # 'When you join' up a level: 'On the water' becomes its part
    assert [s.level for s in demoted.sections][3:7] == [2, 2, 3, 2]
    deeper = set_level(kestrel(), 6, 3)  # 'From coaches' under 'From members', as its third part
    assert [s.level for s in deeper.sections][3:8] == [2, 3, 3, 3, 2]


def test_a_section_that_cannot_move_keeps_its_parts_where_they_are() -> None:
    outline = set_level(kestrel(), 3, 1)  # 'From members' a section, its parts and the next two under it
    assert not can_move(outline, [3], -1) and can_move(outline, [4], -1)
    with pytest.raises(NoticeError, match="already main sections"):
        move_levels(outline, [3], -1)  # before, its parts went up without it
    assert [s.level for s in move_levels(outline, [3, 4], -1).sections][3:8] == [1, 1, 2, 2, 2]


def test_levels_an_outline_cannot_hold_are_refused() -> None:
    outline = kestrel()
    with pytest.raises(NoticeError, match="only one level below the section above it"):
        set_level(outline, 2, 3)  # 'What we collect' three levels down under the section 'Who we are'
    with pytest.raises(NoticeError, match="level is 1"):
        set_level(outline, 4, 4)
    with pytest.raises(NoticeError, match="first section cannot be a sub-section"):
        set_level(outline, 0, 2)


def test_removing_or_merging_a_parent_lifts_its_sub_sections_a_level() -> None:
    removed = remove(kestrel(), 3)  # 'From members' left out: its two parts are sub-sections of 'What we collect'
    assert [(s.level, s.title) for s in removed.sections][2:5] == [
        (1, "What we collect"),
        (2, "When you join"),
        (2, "On the water"),
    ]
    merged = merge(kestrel(), 3)  # 'From members' merged into 'What we collect': the same
    assert [s.level for s in merged.sections][2:5] == [1, 2, 2]
    assert merged.sections[2].paragraphs[-1] == "### 2.1 From members"


# ----- several sections at once ----------------------------------------------------------------------
SWIMMING = (
    "Privacy Notice\n\nWho we are\n\nThe Brightwater Swimming Club is run by volunteers.\n\n"
    "What we hold\n\nMembership\n\nYour name, date of birth and the squad you swim in.\n\n"
    "Gala entries\n\nThe events you enter and your times.\n\n"
    "Lane bookings\n\nThe sessions you book.\n\n"
    "Your rights\n\nAsk the secretary for a copy of what we hold.\n"
)


def test_the_headings_an_empty_section_grouped_move_under_it_together() -> None:
    outline = outline_of(SWIMMING)
    assert [(s.level, s.title) for s in outline.sections] == [
        (1, "Who we are"),
        (1, "What we hold"),
        (1, "Membership"),
        (1, "Gala entries"),
        (1, "Lane bookings"),
        (1, "Your rights"),
    ]
    assert outline.without_text(1)  # it would block publishing
    grouped = move_levels(outline, [2, 3, 4], 1)
    assert [s.level for s in grouped.sections] == [1, 1, 2, 2, 2, 1]
    assert not grouped.without_text(1)
    deeper = move_levels(grouped, [3, 4], 1)  # into 'Membership', as far as three levels go
    assert [s.level for s in deeper.sections] == [1, 1, 2, 3, 3, 1]
    assert [s.level for s in move_levels(deeper, [2], -1).sections] == [1, 1, 1, 2, 2, 1]  # with its parts


def test_moving_sections_that_cannot_go_further_is_refused_in_a_sentence() -> None:
    outline = outline_of(SWIMMING)
    with pytest.raises(NoticeError, match="already main sections"):
        move_levels(outline, [1, 2], -1)
    with pytest.raises(NoticeError, match="as far down as they can go"):
        move_levels(outline, [0], 1)  # the first section has no section above it
    with pytest.raises(NoticeError, match="There is no section 10"):
        move_levels(outline, [2, 9], 1)


def test_several_sections_left_out_at_once_their_parts_move_up() -> None:
    outline = import_file(FIXTURES / "three_levels.md")
    fewer = remove(outline, [1, 3])  # 'Who we are' and 'From members'
    assert [(s.level, s.title) for s in fewer.sections][:5] == [
        (1, "Introduction"),
        (1, "What we collect"),
        (2, "When you join"),
        (2, "On the water"),
        (2, "From coaches"),
    ]
    with pytest.raises(NoticeError, match="at least one section; leave out fewer"):
        remove(outline, list(range(len(outline.sections))))


def test_a_third_level_number_of_a_section_already_closed_stays_text() -> None:
    text = (
        "1. Who we are\n\nThe Lantern Book Club meets on Thursdays.\n\n"
        "1.1 The committee\n\nThree members elected each spring.\n\n"
        "1.1.1 Officers\n\nA chair, a secretary and a treasurer.\n\n"
        "2. Your rights\n\nAsk the secretary for a copy.\n\n"
        "1.1.2 Elections\n\nHeld at the spring meeting.\n"
    )
    outline = outline_of(text)
    assert shape(outline) == [
        (1, "Who we are", "1"),
        (2, "The committee", "1.1"),
        (3, "Officers", "1.1.1"),
        (1, "Your rights", "2"),
    ]
    assert "1.1.2 Elections" in outline.sections[3].body
