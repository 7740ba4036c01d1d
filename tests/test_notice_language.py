"""A notice's language: one table of languages, kept in notice.yaml (absent means English), set when a
notice is made (new --language) or later (settings language=CODE, the same rule the app's Notice
settings dialog uses), committed like any edit and told in the drafted change notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from notice_support import AUTHOR, small_notice
from test_cli_edit import run

from notice_studio.core.diff.changes import draft_change_notice
from notice_studio.core.diff.notices import diff_notices
from notice_studio.core.notice.languages import (
    LANGUAGES,
    detect_language,
    language_label,
    normalise_language,
    text_direction,
)
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.notice_format import NOTICE_FILE, notice_yaml
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace.notice_settings import SETTINGS


def test_the_table_gives_each_language_its_names_and_direction() -> None:
    assert (LANGUAGES["de"].name, LANGUAGES["de"].native, LANGUAGES["de"].right_to_left) == ("German", "Deutsch", False)
    assert [code for code in ("ar", "he", "fa", "ur") if LANGUAGES[code].right_to_left] == ["ar", "he", "fa", "ur"]
    assert text_direction("ar-EG") == "rtl" and text_direction("de") == "ltr" and text_direction("xx") == "ltr"
    assert language_label("de") == "German (Deutsch)" and language_label("en") == "English"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("de", "de"), ("DE", "de"), ("German", "de"), ("Deutsch", "de"), ("pt_br", "pt-BR"), ("العربية", "ar")],
)
def test_a_language_is_taken_by_its_code_or_either_name(typed: str, kept: str) -> None:
    assert normalise_language(typed) == kept


def test_a_language_the_table_lacks_is_refused_in_one_sentence() -> None:
    with pytest.raises(NoticeError, match=r"^'Klingon' is not a language Notice Studio knows; give its code, one of: "):
        normalise_language("Klingon")


def test_a_notice_yaml_without_a_language_reads_as_english_and_keeps_its_language(tmp_path: Path) -> None:
    notice = small_notice()
    with NoticeRepo.create(tmp_path / "n", notice, AUTHOR) as repo:
        path = repo.path / NOTICE_FILE
        path.write_text(
            "".join(line for line in path.read_text("utf-8").splitlines(True) if not line.startswith("language:")),
            "utf-8",
        )
    with NoticeRepo.open(tmp_path / "n") as repo:
        assert repo.load().language == "en"
    notice.language = "ar"
    assert "language: ar\n" in notice_yaml(notice)


def test_new_makes_a_notice_in_the_language_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "new", tmp_path / "de", "--org", "Beispiel GmbH", "--language", "de", "--yes")
    assert code == 0, err
    assert "written in German (Deutsch)" in out
    assert "The library's clauses are in English: translate each one." in out
    assert "language: de\n" in (tmp_path / "de" / NOTICE_FILE).read_text("utf-8")
    code, _out, err = run(capsys, "new", tmp_path / "xx", "--language", "elvish", "--yes")
    assert code == 1 and "'elvish' is not a language Notice Studio knows" in err and "Traceback" not in err
    assert not (tmp_path / "xx" / NOTICE_FILE).exists()


def test_settings_change_the_language_as_one_commit_the_change_notice_tells(
    repo: NoticeRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo.path
    old = repo.load()
    repo.close()
    code, out, _ = run(capsys, "settings", folder)
    assert code == 0 and "language: English, code en" in out
    code, out, _ = run(capsys, "settings", folder, "language=Arabic")
    assert code == 0 and out.strip() == "Saved."
    with NoticeRepo.open(folder) as fresh:
        new = fresh.load()
        assert "Language: Arabic (العربية), code ar" in fresh.edits(limit=5)[0].message
    assert new.language == "ar"
    code, out, _ = run(capsys, "settings", folder, "--json")
    assert {s["name"]: s["value"] for s in json.loads(out)["settings"]}["language"] == "ar"
    code, _out, err = run(capsys, "settings", folder, "language=zz")
    assert code == 1 and "'zz' is not a language" in err and len(err.strip().splitlines()) == 1
    notice_text = draft_change_notice(diff_notices(old, new)).text
    assert "This notice is now written in Arabic (العربية)." in notice_text


def test_the_language_setting_is_the_one_rule_the_app_and_the_cli_share() -> None:
    notice = small_notice()
    rule = SETTINGS["language"]
    rule.write(notice, rule.parse("Deutsch"))
    assert rule.read(notice) == "de" == notice.language
    assert rule.shown("de") == "German (Deutsch), code de"


# ----- import tells the language from the text's own words ---------------------------------------
GERMAN_TEXT = """Datenschutzerklärung

1. Wer wir sind

Verantwortlich für die Verarbeitung Ihrer Daten ist die Beispiel GmbH. Sie erreichen uns per E-Mail.

2. Welche Daten wir verarbeiten

Wir verarbeiten Ihre Bestelldaten und Ihre Kontaktdaten, wenn Sie bei uns bestellen. Die Daten werden
nicht an Dritte verkauft. Rechtsgrundlage ist Art. 6 Abs. 1 lit. b DSGVO.

3. Ihre Rechte

Sie haben das Recht auf Auskunft über die Daten, die wir von Ihnen speichern, und auf deren Löschung.
"""

ENGLISH_TEXT = """Privacy Notice

1. Who we are

Lantern Games Ltd is the controller of your data. You can write to us at any time.

2. What we collect

We collect the name and e-mail address you give us when you make an account, and we use them to run
the service for you. We do not sell your data.
"""


@pytest.mark.parametrize(
    ("text", "language", "said"),
    [
        (GERMAN_TEXT, "de", "Language: German (Deutsch), told by its common words (change it with"),
        (ENGLISH_TEXT, "en", "Language: English, told by its common words (change it with"),
        (
            "Notice\n\n1. Kontakt\n\nBeispiel GmbH, Musterweg 1.\n",
            "en",
            "Language: English, assumed: its words did not tell",
        ),
    ],
)
def test_import_gives_the_notice_the_language_its_words_tell_and_the_report_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, language: str, said: str
) -> None:
    source = tmp_path / "notice.txt"
    source.write_text(text, "utf-8")
    code, out, err = run(capsys, "import", source, tmp_path / "imported")
    assert code == 0, err
    assert said in out
    with NoticeRepo.open(tmp_path / "imported") as repo:
        assert repo.load().language == language
    if language == "de":
        assert "language: de\n" in (tmp_path / "imported" / NOTICE_FILE).read_text("utf-8")
        with NoticeRepo.open(tmp_path / "imported") as repo:
            assert repo.load().jurisdictions == ["gdpr"]  # named only as the DSGVO
        code, out, _ = run(capsys, "check", tmp_path / "imported")
        assert "German (Deutsch), and the wording checks read English only" in out


def test_web_and_mail_addresses_are_not_read_as_words() -> None:
    links = " ".join(f"https://www.example.com/com/{n} (shop{n}.example.com) help{n}@example.com" for n in range(20))
    assert detect_language(f"We collect the data you give us and we use it to run the service. {links}") == "en"
    assert detect_language(links) is None
