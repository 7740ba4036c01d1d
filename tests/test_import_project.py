"""From an outline to a notice project: preview edits, the first commit, the report and the CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from notice_support import AUTHOR, assert_fsck_clean, git

from benchmarks.import_corpus import make_pdf
from notice_studio.cli import main
from notice_studio.core.importer import (
    ImportProblem,
    build_notice,
    create_notice,
    import_file,
    import_source,
    merge,
    outline_from_document,
    preview_report,
    read_bytes,
    remove,
    rename,
    set_level,
    set_topics,
    split,
)
from notice_studio.core.importer import report as report_module
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.store import NoticeRepo

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def outline_of(text: str, fmt: str = "txt"):
    return outline_from_document(read_bytes(text.encode("utf-8"), f"x.{fmt}", fmt))


# ----- preview edits ----------------------------------------------------------------------------------
def test_merge_puts_the_heading_back_into_the_text() -> None:
    outline = import_file(FIXTURES / "questions.txt")
    merged = merge(outline, 7)  # "How can you contact us?" into "Do you use cookies?"
    assert len(merged) == len(outline) - 1
    cookies = merged.sections[6]
    assert cookies.paragraphs == (
        "Our website uses only the cookies it needs to work.",
        "How can you contact us?",
        "Call reception on 01632 960 123 or email privacy@pebblestone-vets.example.",
    )
    assert cookies.topics == ("cookies",)  # tagged again from its new text
    assert len(outline) == 8  # the original outline is unchanged


def test_merge_restores_a_run_in_heading() -> None:
    outline = import_file(FIXTURES / "run_in.txt")
    merged = merge(outline, 2)
    assert merged.sections[1].paragraphs[-1].startswith("2. Information we collect. We collect the parent's name")


def test_split_takes_a_short_first_paragraph_as_the_title() -> None:
    outline = outline_of(
        "Who we are\n\nWe are Ashdown Builders.\n\nHow long we keep quotes\n\nWe keep quotes for a year and invoices for six years.\n"
    )
    merged = merge(outline, 1)
    assert [s.title for s in merged.sections] == ["Who we are"]
    again = split(merged, 0, 1)
    assert [(s.title, s.paragraphs) for s in again.sections] == [
        ("Who we are", ("We are Ashdown Builders.",)),
        ("How long we keep quotes", ("We keep quotes for a year and invoices for six years.",)),
    ]
    assert again.sections[1].topics == ("retention",) and again.sections[1].evidence == "split by hand"


def test_split_with_a_title_and_at_a_long_paragraph() -> None:
    outline = outline_of(
        "About this service\n\nFirst paragraph of text that is long enough.\n\nSecond paragraph about cookies and cookies.\n"
    )
    result = split(outline, 0, 1, title="Cookies")
    assert [s.title for s in result.sections] == ["About this service", "Cookies"]
    assert result.sections[1].paragraphs == ("Second paragraph about cookies and cookies.",)
    untitled = split(outline, 0, 1)
    assert untitled.sections[1].title == "New section"


def test_rename_set_level_set_topics_remove() -> None:
    outline = import_file(FIXTURES / "questions.txt")
    renamed = rename(outline, 6, "  Cookies   on our website ")
    assert renamed.sections[6].title == "Cookies on our website" and renamed.sections[6].topics == ("cookies",)
    nested = set_level(renamed, 6, 2)
    assert nested.sections[6].level == 2
    chosen = set_topics(nested, 6, ["cookies", "cookie-table"])
    assert chosen.sections[6].topics == ("cookies", "cookie-table") and chosen.sections[6].topics_by_hand
    assert rename(chosen, 6, "Tracking").sections[6].topics == ("cookies", "cookie-table")  # kept by hand
    shorter = remove(chosen, 0)
    assert shorter.sections[0].title == "What information do we collect?"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda o: merge(o, 0), "no section before it"),
        (lambda o: merge(o, 99), "There is no section 100"),
        (lambda o: split(o, 0, 5), "choose one of them"),
        (lambda o: rename(o, 0, "   "), "needs a title"),
        (lambda o: set_level(o, 0, 2), "first section cannot be a sub-section"),
        (lambda o: set_level(o, 1, 4), "level is 1"),
        (lambda o: set_level(o, 1, 3), "only one level below the section above it"),
        (lambda o: set_topics(o, 1, ["not-a-topic"]), "not a library topic"),
    ],
)
def test_edit_refusals(edit, message: str) -> None:
    outline = import_file(FIXTURES / "questions.txt")
    with pytest.raises(NoticeError, match=message):
        edit(outline)


# ----- building and creating ----------------------------------------------------------------------------
def test_build_nests_sub_sections_and_keeps_metadata() -> None:
    outline = import_file(FIXTURES / "numbered.txt")
    notice = build_notice(outline, organisation="Harbour Lane Bakery Ltd", jurisdictions=["uk"])
    assert notice.jurisdictions == ["uk_gdpr"]
    assert notice.variables["organisation.name"] == "Harbour Lane Bakery Ltd"
    rows = [(clause.id, number, clause.meta.get("original_number")) for clause, _, number in notice.walk()]
    assert rows[:5] == [
        ("introduction", "1", None),
        ("who-we-are", "2", "1"),
        ("the-information-we-collect", "3", "2"),
        ("information-you-give-us", "3.1", "2.1"),
        ("information-collected-automatically", "3.2", "2.2"),
    ]
    rights = notice.find("your-rights")
    assert rights.topics == ["rights", "right-access", "right-deletion", "right-objection", "complaints"]
    assert str(rights.meta["topic_evidence"]).startswith(
        'rights: title says "RIGHTS"; right-access: text says "ask us for a copy'
    )
    assert all(c.provenance is None for c in notice.all_clauses())


def test_jurisdictions_default_to_the_laws_the_text_names() -> None:
    assert build_notice(import_file(FIXTURES / "utf16.txt")).jurisdictions == ["gdpr"]
    assert build_notice(import_file(FIXTURES / "unnumbered.md")).jurisdictions == ["uk_gdpr"]
    assert build_notice(import_file(FIXTURES / "questions.txt")).jurisdictions == []


def test_duplicate_titles_get_unique_ids() -> None:
    outline = outline_of(
        "Privacy notice\n\nSummary\n\nShort version here for you.\n\nDetails\n\nLonger text here.\n\nSummary\n\nAgain in short.\n"
    )
    ids = [c.id for c in build_notice(outline).all_clauses()]
    assert ids == ["summary", "details", "summary-2"]


def test_the_first_commit_is_the_imported_text(tmp_path: Path) -> None:
    outline = import_file(FIXTURES / "saved_page.html")
    report = create_notice(outline, tmp_path / "tidewell", organisation="Tidewell Energy Ltd", author=AUTHOR)
    folder = tmp_path / "tidewell"
    assert report.created == str(folder)
    log = git(folder, "log", "--format=%s|%an").splitlines()
    assert log == ["Imported 'saved_page.html'|Jane Counsel"]
    assert_fsck_clean(folder)
    with NoticeRepo.open(folder) as repo:
        notice = repo.load()
    assert [c.title for c in notice.all_clauses()] == [s.title for s in outline.sections]
    for clause, section in zip(notice.all_clauses(), outline.sections, strict=True):
        assert clause.body == section.body
        assert clause.topics == list(section.topics)
    text = (folder / "clauses" / "cookies.md").read_text(encoding="utf-8")
    assert "| tw_session | Keeps you logged in | End of session |" in text
    assert "topics:\n- cookies" in text


def test_create_refuses_a_folder_with_something_in_it(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("keep me")
    with pytest.raises(NoticeError, match="already exists and is not empty"):
        create_notice(import_file(FIXTURES / "questions.txt"), tmp_path / "busy", author=AUTHOR)
    assert (tmp_path / "busy" / "notes.txt").read_text() == "keep me"


# ----- the report ------------------------------------------------------------------------------------------
def test_report_on_the_numbered_notice() -> None:
    report = preview_report(import_file(FIXTURES / "numbered.txt"), jurisdictions=["uk_gdpr"])
    assert report.created is None
    assert len(report.sections) == 11
    assert report.sections[3].number == "3.1" and report.sections[3].original_number == "2.1"
    assert report.numbering_gaps == ("The original numbering jumps from 6 to 8 (no section 7).",)
    assert "rights" in report.topics_found and "contact" in report.topics_found
    rules = {f.rule for f in report.findings}
    assert {"import-empty-contact", "import-typed-date", "drafting-marker"} <= rules
    marker = next(f for f in report.findings if f.rule == "drafting-marker")
    assert "[insert DPO name]" in marker.message and marker.clause_id == "contact-us"
    topics = {s.topic for s in report.suggestions}
    assert {"security", "changes", "legal-bases", "international-transfers"} <= topics
    data = report.as_dict()
    json.dumps(data)
    assert data["schema"] == 1 and data["sections"][0]["title"] == "Introduction"


def test_report_without_the_checks_engine_finds_the_basics(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_module, "_checks_and_library", lambda notice: None)
    outline = outline_of(
        "Privacy notice\n\n1. Who we are\n\nWe are {{ company }}, a [insert company type].\n\n2. Contact us\n\nPlease get in touch with our team.\n\n3. Cookies\n\n"
    )
    report = preview_report(outline)
    assert not report.checks_engine
    found = {(f.rule, f.clause_id, f.message) for f in report.findings}
    assert (
        "placeholder-unfilled",
        "who-we-are",
        "The placeholder {{ company }} is left in the text with no value.",
    ) in found
    assert (
        "drafting-marker",
        "who-we-are",
        "The drafting marker '[insert company type]' is still in the text.",
    ) in found
    assert (
        "contact-missing",
        "contact-us",
        "This contact section gives no email address, phone number, web address or postal address.",
    ) in found
    assert ("clause-empty", "cookies", "This section has no text.") in found
    assert any(f.rule == "import-no-date" and f.clause_id is None for f in report.findings)
    assert all(not s.clauses for s in report.suggestions)  # no library without the engine


def test_numbering_gaps_repeats_and_late_starts() -> None:
    text = (
        "2. First\nText of the first section here.\n\n2.1 Part\nText.\n\n2.3 Other part\nText.\n\n"
        "3. Second\nText of the second section here.\n\n3. Third\nMore text of the third section.\n"
    )
    report = preview_report(outline_of(text))
    assert report.numbering_gaps == (
        "The original numbering starts at 2 ('First').",
        "The original numbering jumps to 2.3 (no section 2.2).",
    )
    assert [s.original_number for s in report.sections] == ["2", "2.1", "2.3", "3"]


def test_roman_numbering_with_i_v_and_x_has_no_gaps() -> None:
    # 'I', 'V' and 'X' are also letters; among 'II', 'IV', 'VI' they are roman numerals
    titles = ["Who We Are", "What We Keep", "Why We Keep It", "Who Sees It", "How Long", "Your Rights"]
    numerals = ["I", "II", "III", "IV", "V", "VI"]
    text = "".join(
        f"{n}. {t}\n\nThe riding school's notes on this, written for members.\n\n"
        for n, t in zip(numerals, titles, strict=True)
    )
    report = preview_report(outline_of(text))
    assert [s.original_number for s in report.sections] == numerals
    assert report.numbering_gaps == ()
    # ... while in lettered sections 'I' after 'H' is the letter
    names = ["Ponies", "Lessons", "Tack", "Fees", "Shows", "Vets", "Farriers", "Insurance", "Accidents", "Contact"]
    letters = "".join(f"{n}. {t}\n\nNotes kept for members.\n\n" for n, t in zip("ABCDEFGHIJ", names, strict=True))
    lettered = preview_report(outline_of(letters))
    assert [s.original_number for s in lettered.sections][-3:] == ["H", "I", "J"]
    assert lettered.numbering_gaps == ()


# ----- command line --------------------------------------------------------------------------------
def test_cli_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bakery"
    code = main(
        [
            "import",
            str(FIXTURES / "numbered.txt"),
            str(folder),
            "--org",
            "Harbour Lane Bakery Ltd",
            "--jurisdiction",
            "uk_gdpr",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert f"Imported 'numbered.txt' (plain text, windows-1252) as 'PRIVACY NOTICE' in {folder}." in out
    assert "Sections found: 11 (9 sections, 2 sub-sections)" in out
    assert "The original numbering jumps from 6 to 8 (no section 7)." in out
    assert (folder / "notice.yaml").is_file()
    assert git(folder, "log", "--format=%s").strip() == "Imported 'numbered.txt'"


def test_cli_dry_run_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "never"
    code = main(["import", str(FIXTURES / "unnumbered.md"), str(folder), "--dry-run", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and not folder.exists()
    assert data["dry_run"] is True and data["created"] is None
    assert [(s["level"], s["title"]) for s in data["sections"]][:4] == [
        (1, "Introduction"),
        (1, "Who we are"),
        (1, "What information we collect"),
        (2, "Information you give us"),
    ]
    assert data["dropped"] == ["Back to top"]


def test_cli_a_blank_title_keeps_the_title_found_and_a_pdf_is_named_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(FIXTURES / "unnumbered.md"), str(tmp_path / "a"), "--dry-run", "--title", "   "]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("would become 'Privacy Policy'.")  # the title the file gives
    pdf = tmp_path / "notice.pdf"
    assert make_pdf("<h1>Privacy Notice</h1><h2>Who we are</h2><p>We bake bread in Hexham.</p>", pdf)
    assert main(["import", str(pdf), str(tmp_path / "b"), "--dry-run"]) == 0
    assert "'notice.pdf' (a PDF) would become" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{missing}", "{out}"], "There is no file at"),
        (["{fixtures}", "{out}"], "is a folder"),
        (["{pdf}", "{out}"], "is not a readable PDF"),
        (["{numbered}", "{busy}"], "already exists and is not empty"),
        (["{bad_docx}", "{out}"], "is not a valid Word document"),
    ],
)
def test_cli_refusals_are_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    (tmp_path / "n.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "bad.docx").write_bytes(b"this is not a word file")
    paths = {
        "missing": tmp_path / "missing.txt",
        "out": tmp_path / "out",
        "fixtures": FIXTURES,
        "pdf": tmp_path / "n.pdf",
        "numbered": FIXTURES / "numbered.txt",
        "busy": tmp_path / "busy",
        "bad_docx": tmp_path / "bad.docx",
    }
    code = main(["import", *[a.format(**paths) for a in args]])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    err = captured.err.strip()
    assert err.startswith("notice-studio: ") and message in err and "\n" not in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_file_given_by_its_file_address_is_imported(tmp_path: Path) -> None:
    # a file manager drops 'file:///home/.../my%20notice.md' into a terminal
    source = tmp_path / "my notice.md"
    source.write_bytes((FIXTURES / "unnumbered.md").read_bytes())
    outline = import_source(source.as_uri())
    assert outline.source_name == "my notice.md" and len(outline.sections) > 3


def test_cli_runs_as_a_program(tmp_path: Path) -> None:
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "notice_studio",
            "import",
            str(FIXTURES / "questions.txt"),
            str(tmp_path / "vets"),
            "--dry-run",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Dry run, nothing created" in result.stdout


def test_report_text_lists_each_suggestion_with_its_topic_and_clauses() -> None:
    report = preview_report(import_file(FIXTURES / "numbered.txt"), jurisdictions=["uk_gdpr"])
    text = report_module.report_text(report)
    security = next(s for s in report.suggestions if s.topic == "security")
    assert security.clauses, "the shipped library has a security clause"
    cid, title = security.clauses[0]
    assert f"  {security.label} [security]: {cid} ('{title}')" in text.splitlines()


def test_report_says_an_empty_contact_line_once() -> None:
    report = preview_report(import_file(FIXTURES / "numbered.txt"), jurisdictions=["uk_gdpr"])
    about_contact = [f.rule for f in report.findings if f.clause_id == "contact-us"]
    assert about_contact.count("import-empty-contact") == 1 and "contact-missing" not in about_contact


# ----- tables found in the text, offered as notice tables --------------------------------------------
def test_tables_found_are_offered_and_made_into_notice_tables(tmp_path: Path) -> None:
    from notice_studio.core.render.renderer import render

    outline = import_file(FIXTURES / "saved_page.html")
    offered = preview_report(outline)
    assert offered.tables_found == ("1. 'Cookies': 3 columns, 2 rows",)
    assert offered.tables_made == ()
    assert (
        "Tables: 1 found, kept as text in their clauses (1. 'Cookies': 3 columns, 2 rows)."
        in report_module.report_text(offered)
    )

    report = create_notice(outline, tmp_path / "tidewell", author=AUTHOR, tables=True)
    assert report.tables_made == ("cookies",)
    folder = tmp_path / "tidewell"
    csv_text = (folder / "tables" / "cookies.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[:2] == ["Cookie,Purpose,Expires", "tw_session,Keeps you logged in,End of session"]
    with NoticeRepo.open(folder) as repo:
        notice = repo.load()
    cookies = notice.find("cookies")
    assert "[[table:cookies]]" in cookies.body
    assert "| Cookie |" not in cookies.body
    assert cookies.body.startswith("We use the cookies below.")  # the text around the table is kept
    assert notice.tables["cookies"].columns == ["Cookie", "Purpose", "Expires"]
    html = render(notice).html
    assert "<td>tw_session</td>" in html and "<td>_ga</td>" in html and "counts visits | pages" in html
    assert_fsck_clean(folder)


def test_cli_import_offers_tables_and_makes_them_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = str(FIXTURES / "saved_page.html")
    assert main(["import", page, str(tmp_path / "a"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Tables: 1 found, kept as text" in out
    assert "Hint: add --tables to make the table found into a notice table" in out  # one table: no numbers
    assert main(["import", page, str(tmp_path / "b"), "--tables", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tables_made"] == ["cookies"]
    assert (tmp_path / "b" / "tables" / "cookies.csv").is_file()


THREE_TABLES = (
    "Orchard Vale Cider Privacy Notice\n\n"
    "Cookies\n\nOur shop uses these cookies.\n\n"
    "Cookie\tPurpose\nov_basket\tKeeps your basket\nov_age\tRemembers you are over 18\n\n"
    "Processors\n\nThese firms handle orders for us.\n\n"
    "Firm\tRole\nParcelwise\tDelivers orders\nTillpoint\tTakes payments\n\n"
    "Keep the | bar here: the text table below stays exactly as written.\n\n"
    "Retention\n\nWe keep records for these periods.\n\n"
    "Record\tKept for\nOrders\tSix years\nEmails\tTwo years\n"
)


def test_only_the_tables_chosen_become_notice_tables(tmp_path: Path) -> None:
    source = tmp_path / "cider.txt"
    source.write_text(THREE_TABLES, encoding="utf-8")
    outline = import_file(source)
    offered = preview_report(outline)
    assert [t.split(".")[0] for t in offered.tables_found] == ["1", "2", "3"]
    kept_text = outline.sections[1].body  # the processors' table as the import wrote it

    report = create_notice(outline, tmp_path / "cider", author=AUTHOR, tables=[1, 3])
    assert report.tables_made == ("cookies", "retention")
    assert "1 more kept as text in their clauses" in report_module.report_text(report)
    with NoticeRepo.open(tmp_path / "cider") as repo:
        notice = repo.load()
    assert "[[table:cookies]]" in notice.find("cookies").body
    assert "[[table:retention]]" in notice.find("retention").body
    assert notice.find("processors").body == kept_text.strip("\n")  # unchosen: not touched at all
    assert "| Firm | Role |" in notice.find("processors").body
    assert sorted(notice.tables) == ["cookies", "retention"]
    assert_fsck_clean(tmp_path / "cider")


def test_a_table_number_that_was_not_found_is_refused_in_one_sentence(tmp_path: Path) -> None:
    source = tmp_path / "cider.txt"
    source.write_text(THREE_TABLES, encoding="utf-8")
    outline = import_file(source)
    with pytest.raises(ImportProblem) as caught:
        create_notice(outline, tmp_path / "cider", author=AUTHOR, tables=[2, 7])
    assert str(caught.value) == (
        "There is no table 7 in the text (3 tables, numbered 1 to 3 in the import report); choose among those."
    )
    assert not (tmp_path / "cider").exists() or not any((tmp_path / "cider").iterdir())


def test_cli_import_makes_the_tables_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "cider.txt"
    source.write_text(THREE_TABLES, encoding="utf-8")
    assert main(["import", str(source), str(tmp_path / "a"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1. 'Cookies': 2 columns, 2 rows; 2. 'Processors'" in out
    assert "--tables 1,2 for some of them" in out
    assert main(["import", str(source), str(tmp_path / "b"), "--tables", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tables_made"] == ["processors"]
    source.write_text(THREE_TABLES.split("Processors")[0], encoding="utf-8")  # one table: no numbers to give
    assert main(["import", str(source), str(tmp_path / "c"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Hint: add --tables to make the table found into a notice table" in out and "1,2" not in out
    assert main(["import", str(source), str(tmp_path / "c"), "--tables", "one"]) == 1
    err = capsys.readouterr().err
    assert "'one' is not a table number" in err and "Traceback" not in err
    assert main(["import", str(source), str(tmp_path / "d"), "--tables", "4"]) == 1
    assert "There is no table 4 in the text" in capsys.readouterr().err
