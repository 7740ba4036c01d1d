"""Importing a CSV file into a notice table: the table must exist (or be asked for as new), the
separator is found from the header, and a broken quote or a header naming other columns is
refused with one sentence naming the file and line. Real notices in temporary git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.model import Clause, Notice, NoticeError, Table
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.notice.table_csv import read_import, read_table
from notice_studio.core.workspace import Workspace

COLUMNS = ["Name", "Provider", "Purpose", "Duration"]
ROWS = [["oven_cart", "Loaf & Ladle", "Keeps your basket", "Session"], ["theme", "Loaf & Ladle", "Dark mode", "1 year"]]


@pytest.fixture
def bakery(tmp_path: Path) -> Path:
    notice = Notice(title="Privacy Notice", organisation="Loaf & Ladle", jurisdictions=["gdpr"])
    notice.add(Clause("who-we-are", "Who we are", "Loaf & Ladle bakes bread at 9 Quay Street."))
    notice.add(Clause("cookies-we-use", "Cookies we use", "We use these cookies:\n\n[[table:cookies-we-use]]\n"))
    notice.tables["cookies-we-use"] = Table(list(COLUMNS), [list(r) for r in ROWS])
    with NoticeRepo.create(tmp_path / "bakery", notice, AUTHOR):
        pass
    return tmp_path / "bakery"


def saved_tables(folder: Path) -> dict[str, Table]:
    with NoticeRepo.open(folder) as repo:
        return repo.load().tables


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], folder: Path, name: str, csv_file: Path, text: str) -> str:
    """Import `text` as `csv_file` into the table `name`: refused, nothing changed; the error line."""
    before = saved_tables(folder)
    csv_file.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "table", "import", folder, name, csv_file)
    assert code == 1 and out == ""
    assert saved_tables(folder) == before
    return err.strip()


# ----- a mistyped table name --------------------------------------------------------------------
def test_a_mistyped_table_name_is_refused_and_nothing_changes(
    bakery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Name,Provider,Purpose,Duration\nflour_ads,AdCo,Advertising,2 years\n"
    assert refused(capsys, bakery, "cookies-we-used", tmp_path / "upd.csv", text) == (
        "notice-studio: The notice has no table 'cookies-we-used'; its tables are: cookies-we-use; "
        "to make a new table, import with --new."
    )


def test_new_makes_a_table_and_says_no_clause_shows_it(
    bakery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upd = tmp_path / "upd.csv"
    upd.write_text("Name,Country\nCrustCloud,Ireland\n", encoding="utf-8")
    code, out, err = run(capsys, "table", "import", bakery, "service-providers", upd, "--new")
    assert code == 0 and "Imported 1 row into the table 'service-providers'." in out
    assert "no clause shows it yet" in err and "[[table:service-providers]]" in err
    assert saved_tables(bakery)["service-providers"] == Table(["Name", "Country"], [["CrustCloud", "Ireland"]])


def test_the_workspace_refuses_an_unknown_table_unless_asked_to_create(bakery: Path) -> None:
    with NoticeRepo.open(bakery, write=True) as repo:
        ws = Workspace(repo, author=AUTHOR)
        with pytest.raises(NoticeError, match="no table 'cookies-we-used'; its tables are: cookies-we-use"):
            ws.import_table("cookies-we-used", "Name,Purpose\nx,y\n")
        assert "cookies-we-used" not in ws.notice.tables
        ws.import_table("cookies-we-used", "Name,Purpose\nx,y\n", create=True)
        assert ws.notice.tables["cookies-we-used"] == Table(["Name", "Purpose"], [["x", "y"]])


# ----- separators, quotes and headers -------------------------------------------------------------
@pytest.mark.parametrize("separator", [";", "\t", ","])
def test_the_separator_is_found_from_the_header(
    bakery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], separator: str
) -> None:
    semi = tmp_path / "semi.csv"
    rows = [COLUMNS, ["crumb_sess", "Loaf & Ladle", "Basket, then checkout", "Session"]]
    semi.write_text("".join(separator.join(f'"{c}"' if "," in c else c for c in r) + "\n" for r in rows), "utf-8")
    code, out, _ = run(capsys, "table", "import", bakery, "cookies-we-use", semi)
    assert code == 0, out
    assert saved_tables(bakery)["cookies-we-use"] == Table(COLUMNS, [rows[1]])


def test_an_unterminated_quote_is_refused_naming_file_and_line(
    bakery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quote = tmp_path / "quote.csv"
    text = 'Name,Provider,Purpose,Duration\nok,Loaf,Basket,Session\n"unterminated,Loaf,Basket,Session\n'
    assert refused(capsys, bakery, "cookies-we-use", quote, text) == (
        f'notice-studio: {quote}, line 3: a quote (") opened on this line is never closed; close it or remove it.'
    )


def test_a_header_naming_other_columns_is_refused_unless_asked(
    bakery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.csv"
    assert refused(capsys, bakery, "cookies-we-use", other, "\nName,Purpose\ncrumb_sess,Basket\n") == (
        f"notice-studio: {other}, line 2: the header (Name, Purpose, separated by commas) does not name the "
        "table's columns (Name, Provider, Purpose, Duration); to change the table's columns, import with --new-columns."
    )
    assert run(capsys, "table", "import", bakery, "cookies-we-use", other, "--new-columns")[0] == 0
    assert saved_tables(bakery)["cookies-we-use"] == Table(["Name", "Purpose"], [["crumb_sess", "Basket"]])


def test_columns_in_another_order_land_in_the_tables_order() -> None:
    text = "purpose;NAME;Duration;Provider\nBasket;crumb_sess;Session;Loaf\n"
    assert read_import(text, "c.csv", COLUMNS) == Table(COLUMNS, [["crumb_sess", "Loaf", "Basket", "Session"]])
    with pytest.raises(FormatError, match="c.csv, line 1: the header names the column 'Name' twice"):
        read_import("Name,name,Purpose,Duration\n", "c.csv", COLUMNS)


def test_a_stored_table_with_a_broken_quote_names_its_line() -> None:
    """The notice's own tables/*.csv are read by the same rule (a hand edit gone wrong)."""
    with pytest.raises(FormatError, match=r"tables/cookies.csv, line 3: a quote"):
        read_table('Name,Purpose\n\n"oops,Basket\nx,y\n', "tables/cookies.csv")
    with pytest.raises(FormatError, match=r"line 4: this row has 3 cells"):
        read_table('Name,Purpose\n"two\nlines",b\na,b,c\n', "tables/cookies.csv")


def test_a_windows_csv_is_refused_with_the_way_to_save_it_from_excel(
    bakery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = saved_tables(bakery)
    excel = tmp_path / "excel.csv"
    excel.write_bytes("Name,Provider,Purpose,Duration\ncrème,Loaf & Ladle,Keeps your basket,1 day\n".encode("cp1252"))
    code, out, err = run(capsys, "table", "import", bakery, "cookies-we-use", excel)
    assert code == 1 and out == "" and saved_tables(bakery) == before
    assert err.strip() == (
        f"notice-studio: {excel} is not UTF-8 text (byte 33); save it as UTF-8 (in Excel, Save As > CSV UTF-8) "
        "and try again."
    )
