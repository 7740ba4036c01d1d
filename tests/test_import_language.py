"""`notice-studio import --language CODE` and the Import dialog's language choice override the
language the text's words tell; the import report says which language it used and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_edit import run

from notice_studio.core.notice.notice_format import NOTICE_FILE
from notice_studio.core.notice.store import NoticeRepo

# Our own text: German by its words.
GERMAN = """Datenschutzhinweis

1. Wer wir sind

Die Beispiel GmbH betreibt diesen Dienst für ihre Kunden. Wir sind für die Daten verantwortlich.

2. Ihre Daten

Wir speichern Ihren Namen und Ihre Adresse, wenn Sie bei uns bestellen. Die Daten werden nicht verkauft.
"""
SHORT = "Notice\n\n1. Kontakt\n\nMusterweg 1.\n"


@pytest.mark.parametrize(
    ("text", "given", "kept", "said"),
    [
        (GERMAN, "fr", "fr", "Language: French (français), as chosen (its words tell German (Deutsch))"),
        (GERMAN, "Deutsch", "de", "Language: German (Deutsch), as chosen (change it with"),
        (SHORT, "pt_br", "pt-BR", "Language: Portuguese (português), BR, as chosen (change it with"),
    ],
)
def test_import_language_overrides_the_language_the_words_tell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, given: str, kept: str, said: str
) -> None:
    source = tmp_path / "notice.txt"
    source.write_text(text, "utf-8")
    code, out, err = run(capsys, "import", source, tmp_path / "n", "--language", given)
    assert code == 0, err
    assert said in out
    assert f"language: {kept}\n" in (tmp_path / "n" / NOTICE_FILE).read_text("utf-8")
    with NoticeRepo.open(tmp_path / "n") as repo:
        assert repo.load().language == kept


def test_import_json_and_dry_run_tell_the_chosen_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "notice.txt"
    source.write_text(GERMAN, "utf-8")
    code, out, err = run(capsys, "import", source, tmp_path / "n", "--language", "it", "--dry-run", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["language"], data["language_chosen"], data["language_detected"], data["language_told"]) == (
        "it",
        True,
        "de",
        False,
    )
    assert not (tmp_path / "n").exists()
    code, out, _ = run(capsys, "import", source, tmp_path / "n", "--dry-run")
    assert code == 0 and "Language: German (Deutsch), told by its common words" in out


def test_an_unknown_language_is_refused_before_anything_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "notice.txt"
    source.write_text(GERMAN, "utf-8")
    code, _out, err = run(capsys, "import", source, tmp_path / "n", "--language", "elvish")
    assert code == 1
    assert "'elvish' is not a language Notice Studio knows" in err and "Traceback" not in err
    assert not (tmp_path / "n").exists()
