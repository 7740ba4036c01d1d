"""The words an export puts around the notice's own text ("Last updated", "Contents", "section 2",
the skip link, the website folder's changes page) and its dates come in the notice's language, from
one table (core.notice.frame_words); a language without a row gets English words marked lang="en";
an English notice's exports are byte-for-byte what they were before the table existed."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from pathlib import Path

import pytest
from docx import Document
from notice_support import AUTHOR, small_notice
from pypdf import PdfReader

from notice_studio.cli import main
from notice_studio.core.export.formats import export_content
from notice_studio.core.export.site import default_redline, site_files
from notice_studio.core.notice.frame_words import FRAME_WORDS, MONTHS
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.notice.store import NoticeRepo, Version
from notice_studio.core.render.common import format_date
from notice_studio.core.render.renderer import RenderOptions

# Our own fixture wording, in each language.
TEXTS = {
    "de": (
        "Datenschutzhinweis",
        [
            ("wer-wir-sind", "Wer wir sind", "Die Beispiel GmbH betreibt diesen Dienst. Siehe auch [[kontakt]]."),
            ("daten", "Welche Daten", "Wir speichern Ihren Namen und Ihre E-Mail-Adresse."),
            ("kontakt", "Kontakt", "Schreiben Sie uns jederzeit an unsere Postanschrift."),
        ],
    ),
    "fr": (
        "Notice de confidentialité",
        [
            ("qui", "Qui sommes-nous", "La société Exemple SAS gère ce service. Voir aussi [[contact]]."),
            ("donnees", "Quelles données", "Nous conservons votre nom et votre adresse électronique."),
            ("contact", "Contact", "Écrivez-nous à tout moment à notre adresse postale."),
        ],
    ),
}
# (last updated, date, contents, cross-reference, skip link, changes heading, version heading, kind,
# read link, the upcoming version's page banner, the front page's announcement)
EXPECTED = {
    "de": (
        "Zuletzt aktualisiert",
        "1. März 2026",
        "Inhalt",
        "Abschnitt 3",
        "Zum Hinweis springen",
        "Änderungen an Datenschutzhinweis",
        "Fassung 1 \u2014 in Kraft seit 1. März 2026",
        "Erste Fassung",
        "Fassung 1 lesen",
        (
            "Dies ist Fassung 2 dieses Hinweises. Sie tritt am 1. Januar 2099 in Kraft; bis dahin gilt "
            '<a href="index.html">die aktuelle Fassung</a>.'
        ),
        "Ein aktualisierter Hinweis tritt am 1. Januar 2099 in Kraft",
    ),
    "fr": (
        "Dernière mise à jour",
        "1er mars 2026",
        "Sommaire",
        "section 3",
        "Aller à la notice",
        "Modifications de Notice de confidentialité",
        "Version 1 \u2014 en vigueur depuis le 1er mars 2026",
        "Première version",
        "Lire la version 1",
        (
            "Ceci est la version 2 de cette notice. Elle entre en vigueur le 1er janvier 2099 ; d'ici là, "
            '<a href="index.html">la version en vigueur</a> s\'applique.'
        ),
        "Une notice mise à jour entre en vigueur le 1er janvier 2099",
    ),
}
ENGLISH_WORDS = ("Last updated", "Contents", "Skip to the notice", "Changes to", "Read version", "First version")


@pytest.fixture(params=["de", "fr"])
def published(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    language = request.param
    title, clauses = TEXTS[language]
    notice = Notice(title=title, organisation="Beispiel", language=language)
    for clause_id, heading, body in clauses:
        notice.add(Clause(clause_id, heading, body))
    folder = tmp_path / language
    with NoticeRepo.create(folder, notice, AUTHOR) as repo:
        repo.publish(
            dt.date(2026, 3, 1), "Erste Fassung." if language == "de" else "Première version.", True, "J", AUTHOR
        )
        later = repo.load()
        later.set_body(clauses[2][0], clauses[2][2] + " " + clauses[1][2])
        repo.save(later, "Edited", AUTHOR)
        repo.publish(dt.date(2099, 1, 1), "Neu." if language == "de" else "Nouveau.", False, "J", AUTHOR)
    return language, folder


def _exported_text(folder: Path, fmt: str, out: Path) -> str:
    assert main(["export", str(folder), "--version", "v1", "--format", fmt, "--out", str(out)]) == 0
    if fmt == "docx":
        return "\n".join(p.text for p in Document(str(out)).paragraphs)
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    return re.sub(r"<style>.*?</style>", "", out.read_text("utf-8"), flags=re.S)  # the CSS's own comments


@pytest.mark.parametrize("fmt", ["html", "fragment", "md", "txt", "docx", "pdf"])
def test_every_export_says_its_frame_words_and_dates_in_the_notices_language(
    published: tuple[str, Path], tmp_path: Path, fmt: str, qapp
) -> None:
    language, folder = published
    label, date, contents, crossref, skip, *_ = EXPECTED[language]
    text = _exported_text(folder, fmt, tmp_path / f"out.{fmt}")
    flat = " ".join(text.split())
    assert label in flat and date in flat and crossref in flat
    if fmt in ("md", "txt", "docx"):  # "Dernière mise à jour : 1er mars 2026", a no-break space before the colon
        assert f"{label}{FRAME_WORDS[language]['colon']}{date}" in text
    if fmt in ("html", "fragment", "pdf"):  # the formats with a contents list
        assert contents in flat
    if fmt == "html":
        assert skip in flat
    assert not [word for word in ENGLISH_WORDS if word in flat]
    assert "March" not in flat and "2026-03-01" not in re.sub(r'datetime="[^"]*"', "", flat)


def test_the_website_folders_changes_page_is_in_the_notices_language(
    published: tuple[str, Path], tmp_path: Path
) -> None:
    language, folder = published
    label, date, contents, _crossref, skip, changes, heading, kind, read, banner, announcement = EXPECTED[language]
    out = tmp_path / "site"
    assert main(["site", str(folder), "--out", str(out)]) == 0
    page = re.sub(r"<style>.*?</style>", "", (out / "changes.html").read_text("utf-8"), flags=re.S)
    for words in (changes, heading, kind, read, skip):
        assert words in page
    assert not [word for word in ENGLISH_WORDS if word in page]
    front = (out / "index.html").read_text("utf-8")
    assert label in front and date in front and contents in front and skip in front
    assert FRAME_WORDS[language]["nav_changes"] in front and announcement in front
    upcoming = (out / "v2.html").read_text("utf-8")
    assert banner in upcoming
    english = (*ENGLISH_WORDS, "This is version", "takes effect", "An updated notice", "Read the current")
    for name in ("index.html", "v2.html"):
        shown = re.sub(r"<style>.*?</style>", "", (out / name).read_text("utf-8"), flags=re.S)
        assert not [word for word in english if word in shown], name


def test_a_redline_page_marked_english_has_its_site_menu_in_english(
    published: tuple[str, Path], tmp_path: Path
) -> None:
    # A redline's own words are English and its page says lang="en"; its site menu was in the
    # notice's language, unmarked inside that English page.
    language, folder = published
    out = tmp_path / "site"
    assert main(["site", str(folder), "--out", str(out)]) == 0
    page = (out / "redline-v2.html").read_text("utf-8")
    assert '<html lang="en"' in page
    assert FRAME_WORDS[language]["nav_changes"] not in page
    assert FRAME_WORDS["en"]["nav_changes"] in page


def test_a_language_without_a_row_gets_english_words_marked_english() -> None:
    notice = small_notice()
    notice.language = "ja"
    notice.add(Clause("contact", "Contact", "See [[security]]."))
    options = RenderOptions(version_label="v1", last_updated=dt.date(2026, 3, 1))
    page = export_content(notice, options, "html").content
    assert isinstance(page, str)
    assert '<html lang="ja"' in page
    for words in ("Skip to the notice", "Contents", "Last updated", "section 2"):
        assert f'<span lang="en">{words}</span>' in page
    assert '<time datetime="2026-03-01">2026-03-01</time>' in page  # no month names for it: ISO 8601


def test_every_row_has_every_word_and_every_template_the_same_values() -> None:
    english = FRAME_WORDS["en"]
    for code, row in FRAME_WORDS.items():
        assert set(row) == set(english), code
        for key, words in row.items():
            assert set(re.findall(r"\{(\w+)\}", words)) == set(re.findall(r"\{(\w+)\}", english[key])), (code, key)
        assert len(MONTHS[code]) == 12
    assert sorted(FRAME_WORDS) == ["de", "en", "es", "fr", "it", "nl", "pt"]


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "1 March 2026"),
        ("de-AT", "1. März 2026"),
        ("fr", "1er mars 2026"),
        ("es", "1 de marzo de 2026"),
        ("nl", "1 maart 2026"),
        ("it", "1 marzo 2026"),
        ("pt-BR", "1 de março de 2026"),
        ("ja", "2026-03-01"),
    ],
)
def test_dates_are_written_in_the_notices_language(language: str, shown: str) -> None:
    assert format_date(dt.date(2026, 3, 1), language) == shown


# Digests of an English notice's exports, made by the code before the frame-word table (main at
# 84601b9) from the same notice; Word and PDF by their text.
ENGLISH_DIGESTS = {
    "html": "6b8d585c418df911",
    "fragment": "e2aa211c8bde06a3",
    "md": "e52cceaf57482538",
    "txt": "0a57917c848b67d2",
    "docx": "b0de32a4a535ca14",
    "pdf": "4e93326258a9de1b",
    "site/changes.html": "287f62638929a3e2",
    "site/feed.xml": "0f2bc1882242e045",
    "site/index.html": "1fc2a11d8a45a733",
    "site/redline-v2.html": "1166569a01f1b8ab",
    "site/redline-v3.html": "c00592f316612524",
    "site/v1.html": "be645e769187dc16",
    "site/v2.html": "3efbfd0642dcdb5d",
    "site/v3.html": "a561c179b27b0ddd",
}


def test_an_english_notices_exports_are_unchanged(qapp) -> None:
    import notice_studio.qt_export  # noqa: F401  (registers the PDF export)

    notice = small_notice()
    notice.add(Clause("contact", "Contact", "Questions? See [[security]] and [[children]]."))
    options = RenderOptions(version_label="v1", last_updated=dt.date(2026, 3, 1))
    out: dict[str, bytes] = {}
    for fmt in ("html", "fragment", "md", "txt"):
        content = export_content(notice, options, fmt).content
        assert isinstance(content, str)
        out[fmt] = content.encode()
    word = export_content(notice, options, "docx").content
    assert isinstance(word, bytes)
    out["docx"] = "\n".join(p.text for p in Document(io.BytesIO(word)).paragraphs).encode()
    pdf = export_content(notice, options, "pdf").content
    assert isinstance(pdf, bytes)
    out["pdf"] = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).encode()

    def version(number: int, effective: dt.date, material: bool = True) -> Version:
        return Version(
            number,
            f"{number:040d}",
            effective,
            material,
            "We changed things.",
            "Ann",
            "Bob",
            "2026-01-01T00:00:00+00:00",
        )

    first = small_notice()
    first.add(Clause("contact", "Contact", "Questions? Write to us."))
    versions = [
        version(1, dt.date(2026, 1, 1)),
        version(2, dt.date(2026, 2, 1)),
        version(3, dt.date(2027, 5, 1), False),
    ]
    files = site_files(
        versions, {"v1": first, "v2": notice, "v3": notice}, today=dt.date(2026, 6, 1), redline=default_redline()
    )
    out.update({f"site/{name}": text.encode() for name, text in files.items()})
    assert {name: hashlib.sha256(data).hexdigest()[:16] for name, data in out.items()} == ENGLISH_DIGESTS
