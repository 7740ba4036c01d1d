"""A notice imported from its web address: fetched from a real HTTP server on 127.0.0.1, read as
its type says, and every failure told in one sentence."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from web_support import NoticeSite, notice_site

from notice_studio.cli import main
from notice_studio.core.importer import ImportProblem, import_file, import_source
from notice_studio.core.importer.fetch import fetch_document, is_web_address

FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with notice_site() as address:
        yield address


def titles(outline) -> list[tuple[int, str]]:
    return [(s.level, s.title) for s in outline.sections]


def test_a_web_page_is_read_as_the_same_page_saved(site: str) -> None:
    outline = import_source(f"{site}/privacy")
    saved = import_file(FIXTURES / "saved_page.html")
    assert outline.format == "html"
    assert titles(outline) == titles(saved) and len(outline.sections) > 3
    assert [s.body for s in outline.sections] == [s.body for s in saved.sections]
    assert outline.source_name == "127.0.0.1/privacy"


def test_the_type_the_server_gives_or_else_the_extension_chooses_the_reader(site: str) -> None:
    text = import_source(f"{site}/notice.txt")
    assert text.format == "txt" and titles(text) == titles(import_file(FIXTURES / "numbered.txt"))
    markdown = import_source(f"{site}/files/notice.md")
    assert markdown.format == "md" and titles(markdown) == titles(import_file(FIXTURES / "unnumbered.md"))


def test_a_moved_page_is_followed(site: str) -> None:
    assert import_source(f"{site}/old-privacy").source_name == "127.0.0.1/privacy"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/gone", "answered '404 Not Found' for that address; check the address in your browser"),
        ("/app", "has almost no text until its scripts run in a browser; save the page from your browser"),
        ("/stub", "has only 6 words of text, too few for a notice; check the address, or save the page"),
        ("/huge", "is larger than 25 MB"),
        ("/archive.zip", "gives a 'application/zip' file, which Notice Studio cannot import"),
    ],
)
def test_what_goes_wrong_is_one_sentence(site: str, path: str, expected: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        fetch_document(site + path)
    message = str(caught.value)
    assert expected in message and "\n" not in message and message.endswith(".")


def test_no_answer_in_time_and_no_server_are_one_sentence(site: str) -> None:
    with pytest.raises(ImportProblem) as caught:
        fetch_document(f"{site}/slow", timeout=0.5)
    assert str(caught.value).startswith("127.0.0.1 could not be reached (it did not answer within 0.5 seconds);")
    closed = ThreadingHTTPServer(("127.0.0.1", 0), NoticeSite)
    port = closed.server_address[1]
    closed.server_close()  # nothing listens there now
    with pytest.raises(ImportProblem) as caught:
        fetch_document(f"http://127.0.0.1:{port}/privacy")
    message = str(caught.value)
    assert message.startswith("127.0.0.1 could not be reached (") and "paste it." in message


def test_only_web_addresses_are_fetched(tmp_path: Path) -> None:
    assert is_web_address("https://example.com/privacy") and is_web_address(" http://example.com ")
    assert not is_web_address("ftp://example.com/x") and not is_web_address(str(tmp_path / "x.html"))
    # a file:// address is never fetched: it is read as the file it names, with a file's rules
    with pytest.raises(ImportProblem, match="cannot import files without an extension"):
        import_source("file:///etc/passwd")
    with pytest.raises(ImportProblem, match=f"There is no file at {tmp_path / 'gone.html'}"):
        import_source((tmp_path / "gone.html").as_uri())


def test_cli_imports_from_a_web_address(site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", f"{site}/privacy", str(tmp_path / "tidewell"), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Dry run, nothing created: '127.0.0.1/privacy' (a web page" in out
    code = main(["import", f"{site}/gone", str(tmp_path / "x")])
    err = capsys.readouterr().err.strip()
    assert code == 1 and err.startswith("notice-studio: 127.0.0.1 answered '404 Not Found'") and "\n" not in err
