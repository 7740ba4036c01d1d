"""Values typed into one field (practices, placeholders, titles, table cells): a notice always reads
back what it saved, and an absurdly long value or a control character is refused in one sentence."""

from __future__ import annotations

import pytest
from test_practices_cli import commits, folder

from notice_studio.cli import main
from notice_studio.core.notice.model import NoticeError, Table
from notice_studio.core.practices.practices_format import practices_yaml
from notice_studio.core.text_input import MAX_VALUE
from notice_studio.core.workspace import Workspace

# A retention period pasted many times over: longer than the CSV module's default field limit (131,072).
__all__ = ["folder"]  # the fixture, shared with the practices command tests
PASTED = "Kept for as long as the account stays open, then deleted. " * 2500


def test_a_table_cell_longer_than_the_csv_default_limit_is_read_back(folder) -> None:
    with Workspace.open(folder) as ws:
        ws.notice.tables["retention-schedule"].rows[0][1] = PASTED  # saved before the limit existed
        ws.save("A very long cell")
    with Workspace.open(folder) as ws:
        assert ws.notice.tables["retention-schedule"].rows[0][1] == PASTED


def test_practices_load_refuses_a_value_longer_than_the_limit_and_changes_nothing(folder, tmp_path, capsys) -> None:
    with Workspace.open(folder) as ws:
        practices = ws.notice.practices
    practices.categories[0].retention = PASTED
    file = tmp_path / "long.yaml"
    file.write_text(practices_yaml(practices), encoding="utf-8")
    before = commits(folder)
    assert main(["practices", "load", str(folder), str(file)]) == 1
    err = capsys.readouterr().err
    assert f"categories.{practices.categories[0].id}.retention is {len(PASTED):,} characters long" in err
    assert f"keep it to {MAX_VALUE:,} characters" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert commits(folder) == before
    assert main(["check", str(folder)]) in (0, 1)  # the notice still opens


def test_practices_set_refuses_a_long_value_but_takes_one_at_the_limit(folder, capsys) -> None:
    with Workspace.open(folder) as ws:
        category = ws.notice.practices.categories[0].id
    path = f"categories.{category}.retention"
    assert main(["practices", "set", str(folder), f"{path}={'y' * (MAX_VALUE + 1)}"]) == 1
    assert f"The practices value {path} is {MAX_VALUE + 1:,} characters long" in capsys.readouterr().err
    assert main(["practices", "set", str(folder), f"{path}={'y' * MAX_VALUE}"]) == 0


def test_a_value_already_saved_does_not_block_an_unrelated_practices_change(folder) -> None:
    with Workspace.open(folder) as ws:
        ws.notice.practices.categories[0].retention = PASTED  # saved before the limit existed
        ws.save("A very long retention")
    with Workspace.open(folder) as ws:
        ws.change_practices([("ai_training", "true")])
        assert ws.save()


@pytest.mark.parametrize(
    "command",
    [
        ["practices", "set", "{folder}", "categories.{category}.retention=3 years\x1b[2J"],
        ["set", "{folder}", "contact.email=privacy@example.com\x1b[2J"],
        ["clause", "rename", "{folder}", "{clause}", "Who we are\x1b[2J"],
    ],
    ids=["practices-set", "set", "clause-rename"],
)
def test_control_characters_are_refused_naming_the_field(folder, capsys, command) -> None:
    with Workspace.open(folder) as ws:
        category = ws.notice.practices.categories[0].id
        clause = ws.notice.clauses[0].id
    before = commits(folder)
    args = [a.format(folder=folder, category=category, clause=clause) for a in command]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "contains the control character U+001B" in err and err.count("\n") == 1
    assert ("retention" in err) or ("contact.email" in err) or ("The title" in err)
    assert commits(folder) == before


def test_a_multi_line_placeholder_value_keeps_its_line_breaks(folder) -> None:
    with Workspace.open(folder) as ws:
        ws.set_variable("contact.postal_address", "1 High Street\n\tLondon", new=True)
        assert ws.notice.variables["contact.postal_address"] == "1 High Street\n\tLondon"


def test_table_import_and_cell_edits_keep_to_the_same_limit(folder, tmp_path, capsys) -> None:
    file = tmp_path / "retention.csv"
    file.write_text(f'Information,How long we keep it\nIdentifiers,"{"z" * (MAX_VALUE + 1)}"\n', encoding="utf-8")
    before = commits(folder)
    assert main(["table", "import", str(folder), "retention-schedule", str(file)]) == 1
    assert "column 'How long we keep it' of the table 'retention-schedule'" in capsys.readouterr().err
    with Workspace.open(folder) as ws:
        with pytest.raises(NoticeError, match=r"control character U\+0007"):
            ws.set_cell("retention-schedule", 1, {"How long we keep it": "two years\x07"})
        with pytest.raises(NoticeError, match="characters long"):
            ws.set_table("retention-schedule", Table(["Information"], [["x" * (MAX_VALUE + 1)]]))
    assert commits(folder) == before
