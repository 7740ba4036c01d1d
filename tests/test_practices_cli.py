"""`notice-studio practices ...` and `facts ...`: shown, changed (one commit each), refused in one sentence."""

from __future__ import annotations

import json

import pytest
from notice_support import AUTHOR, git

from notice_studio.cli import main
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.practices.practices_format import practices_yaml


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "acme"
    NoticeRepo.create(path, build_notice("saas-eu-uk-ca", "Acme Ltd"), AUTHOR).close()
    return path


def commits(path) -> list[str]:
    return git(path, "log", "--format=%s").splitlines()


def test_show_prints_the_practices_as_yaml_and_json(folder, capsys) -> None:
    assert main(["practices", "show", str(folder)]) == 0
    assert "categories:" in capsys.readouterr().out
    assert main(["practices", "show", str(folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sold"]["categories"] == [] and data["cookies"]["consent"] == "opt-in"


def test_set_changes_the_practices_in_one_commit_and_remakes_the_table(folder, capsys) -> None:
    before = len(commits(folder))
    code = main(
        [
            "practices",
            "set",
            str(folder),
            "shared.categories=identifiers",
            "shared.to=ads",  # named before it is added below: checked once all changes are made
            "recipients.ads.label=Advertising partners",
            "recipients.ads.kind=advertising",
            "--new",
        ]
    )
    assert code == 0
    assert "Remade from the practices: ccpa-categories" in capsys.readouterr().out
    log = commits(folder)
    assert len(log) == before + 1 and log[0].startswith("Changed the practices (shared.categories")
    with NoticeRepo.open(folder) as repo:
        notice = repo.load()
    assert notice.facts["sells_or_shares"] is True
    assert notice.tables["ccpa-categories"].rows[0][-1] == "Advertising partners (shared)"
    # ... and the notice's 'we do not sell or share' now blocks publishing
    assert main(["check", str(folder), "--json"]) == 1
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "practice-sale-contradicted" in rules


@pytest.mark.parametrize(
    ("assignment", "named", "known"),
    [
        # a mistyped field of a category, of a section, and an unknown top-level practice
        (
            "categories.usage.retension=2 years",
            "'retension' is not a field of a category",
            "use retention, or one of: id",
        ),
        ("children.minor_users=true", "'minor_users' is not a field of 'children'", "use minors_users, or one of:"),
        ("automated_decision=true", "'automated_decision' is not a part of", "use automated_decisions, or one of:"),
        # a mistyped category id is not a new category unless asked for
        ("categories.usge.retention=2 years", "There is no category 'usge'", "(use usage, or one of: identifiers"),
    ],
)
def test_a_mistyped_name_is_refused_naming_the_known_ones_closest_first(
    folder, capsys, assignment, named, known
) -> None:
    before = commits(folder)
    assert main(["practices", "set", str(folder), assignment]) == 1
    err = capsys.readouterr().err
    assert named in err and known in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert commits(folder) == before
    with NoticeRepo.open(folder) as repo:
        assert repo.load().practices.category("usge") is None  # type: ignore[union-attr]


def test_a_new_category_is_added_only_when_asked_for_with_new(folder, capsys) -> None:
    assert main(["practices", "set", str(folder), "categories.gps.label=Precise location"]) == 1
    assert "to add it as a new category, run practices set again with --new" in capsys.readouterr().err
    assert main(["practices", "set", str(folder), "--new", "categories.gps.label=Precise location"]) == 0
    assert main(["practices", "set", str(folder), "categories.gps.retention=30 days"]) == 0  # known now
    assert (
        main(["practices", "set", str(folder), "--new", "categories.gps.retension=30 days"]) == 1
    )  # --new names ids, not fields
    assert "'retension' is not a field of a category" in capsys.readouterr().err
    with NoticeRepo.open(folder) as repo:
        gps = repo.load().practices.category("gps")  # type: ignore[union-attr]
    assert gps is not None and (gps.label, gps.retention) == ("Precise location", "30 days")


def test_a_bad_change_is_refused_in_one_sentence_and_nothing_is_committed(folder, capsys) -> None:
    before = commits(folder)
    assert main(["practices", "set", str(folder), "sold.categories=nothing"]) == 1
    err = capsys.readouterr().err
    assert "'sold' names 'nothing'" in err and "Traceback" not in err
    assert commits(folder) == before


def test_load_names_the_file_and_line_of_a_problem(folder, tmp_path, capsys) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("purposes:\n  - {id: x, label: X, legal_basis: whim}\n", encoding="utf-8")
    assert main(["practices", "load", str(folder), str(bad)]) == 1
    assert f"{bad}, line 2" in capsys.readouterr().err


def test_load_refuses_a_key_it_does_not_know_naming_the_line_and_the_closest(folder, tmp_path, capsys) -> None:
    """A mistyped key is not dropped with exit 0: the file is refused and nothing is committed."""
    before = commits(folder)
    with NoticeRepo.open(folder) as repo:
        text = practices_yaml(repo.load().practices)  # type: ignore[arg-type]
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("retention:"))
    lines[at] = lines[at].replace("retention:", "retension:")
    typo = tmp_path / "practices.yaml"
    typo.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["practices", "load", str(folder), str(typo)]) == 1
    err = capsys.readouterr().err
    assert f"{typo}, line {at + 1}: 'retension' is not a field of a category (use retention," in err
    assert "nothing was changed" in err and "Traceback" not in err and err.count("\n") == 1
    assert commits(folder) == before


def test_facts_are_answered_unless_the_practices_decide_them(folder, capsys) -> None:
    assert main(["facts", str(folder), "dpo_appointed=yes"]) == 0
    assert commits(folder)[0] == "Answered dpo_appointed: yes"
    assert main(["facts", str(folder), "sells_or_shares=yes"]) == 1
    assert "follows from the practices" in capsys.readouterr().err
    assert main(["facts", str(folder), "--json", "--waived"]) == 0
    data = json.loads(capsys.readouterr().out)
    answers = {f["fact"]: f for f in data["facts"]}
    assert answers["dpo_appointed"]["answer"] is True and answers["sells_or_shares"]["from"] == "practices"
    assert (
        "gdpr_representative"
        in next(w for w in data["waived"] if w["fact"] == "eu_representative_required")["elements"]
    )


def test_check_reports_a_table_problem_that_blocks_publishing(folder, capsys) -> None:
    from notice_studio.core.library.catalog import load_library

    library = load_library()
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        for name in notice.placeholders():
            spec = library.variable_spec(name)
            notice.variables.setdefault(name, spec.example if spec and spec.example else "filled")
        notice.tables["cookies"].rows.append(["promo", "Us", "Offers", "12 months", "Tasty"])
        repo.save(notice, "Edited the cookies table", AUTHOR)
    assert main(["check", str(folder), "--json"]) == 1
    found = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "table-cell-invalid"]
    assert [f["excerpt"] for f in found] == ["cookies:6:Category"] and found[0]["severity"] == "error"
    assert main(["publish", str(folder), "--effective", "2026-12-01", "--force"]) == 1
    err = capsys.readouterr().err
    assert "cannot be published yet" in err and "‘Tasty’ is not a cookie category" in err
