"""Notices written in other scripts (Greek, Cyrillic, Arabic, Hebrew, Devanagari, Chinese, Japanese,
Thai): letters, sentence ends, word and character tokens, ids made from headings, search folding.

Every sentence here is our own fixture text."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from notice_support import AUTHOR
from test_cli_edit import run
from test_library import clause_file, make_root

from notice_studio.core.checks import CheckContext, run_checks
from notice_studio.core.checks.text import sentences
from notice_studio.core.diff.changes import _kind_of_change, _Region, draft_change_notice
from notice_studio.core.diff.notices import diff_notices, diff_versions
from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, diff_words, tokenize
from notice_studio.core.importer import create_notice, import_file
from notice_studio.core.library.catalog import Library
from notice_studio.core.notice.model import Clause, Notice, unique_clause_id
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.render.renderer import render
from notice_studio.core.scripts import ascii_slug, find_folded, fold_for_search, has_letters, words
from notice_studio.core.sentences import split_sentences
from notice_studio.core.text_search import TextSearch

GREEK = "Κρατάμε τα στοιχεία του λογαριασμού σας για τριάντα ημέρες."
RUSSIAN = "Мы храним данные вашей учётной записи тридцать дней."
ARABIC = "نحتفظ ببيانات حسابك لمدة ثلاثين يومًا."
HEBREW = "אנו שומרים את נתוני החשבון שלך שלושים יום."
HINDI = "हम आपके खाते का डेटा तीस दिनों तक रखते हैं।"
JAPANESE = "お客様のアカウント情報は30日間保存します。"
CHINESE = "我们将您的账户信息保存30天。"
THAI = "เราเก็บข้อมูลบัญชีของคุณไว้สามสิบวัน"


def notice_of(*clauses: Clause) -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd")
    for clause in clauses:
        notice.add(clause)
    return notice


# ----- 1. letters of any script are text ----------------------------------------------------------
@pytest.mark.parametrize("body", [GREEK, RUSSIAN, ARABIC, HEBREW, HINDI, JAPANESE, CHINESE, THAI])
def test_a_section_in_another_script_has_text(body: str) -> None:
    notice = notice_of(Clause("keeping", "Keeping data", body))
    rules = {f.rule for f in run_checks(notice, CheckContext()).findings}
    assert "clause-empty" not in rules
    assert has_letters(body)
    assert [s.text for s in sentences(body)] == [body]  # the checks read it as a sentence


def test_a_section_of_only_marks_still_has_no_text() -> None:
    notice = notice_of(Clause("keeping", "Keeping data", "— … ・ 。"))
    [finding] = [f for f in run_checks(notice, CheckContext()).findings if f.rule == "clause-empty"]
    assert finding.clause_id == "keeping"
    assert not has_letters("— … ・ 。 ؟")


def test_words_keep_their_marks_and_no_space_scripts_are_characters() -> None:
    assert words("हिन्दी भाषा") == ["हिन्दी", "भाषा"]  # vowel signs belong to their word
    assert words("مَرْحَبًا بِكُم") == ["مَرْحَبًا", "بِكُم"]  # so do Arabic vowel marks
    assert words("保存30日") == ["保", "存", "30", "日"]
    assert words("สามสิบวัน") == ["ส", "า", "ม", "สิ", "บ", "วั", "น"]  # a Thai vowel sign stays with its letter
    assert words("Straße über") == ["Straße", "über"]


# ----- 2. sentence ends in other scripts ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "データを保存します。期間は30日です！質問は？ありません",
            ["データを保存します。", "期間は30日です！", "質問は？", "ありません"],
        ),
        ("我们保存数据。我们不出售数据。", ["我们保存数据。", "我们不出售数据。"]),
        ("「保存します。」次の文です。", ["「保存します。」", "次の文です。"]),
        ("هل نبيع بياناتك؟ لا نبيعها.", ["هل نبيع بياناتك؟", "لا نبيعها."]),
        ("हम डेटा रखते हैं। हम इसे बेचते नहीं हैं।", ["हम डेटा रखते हैं।", "हम इसे बेचते नहीं हैं।"]),
        ("Κρατάμε τα στοιχεία. Τα διαγράφουμε μετά.", ["Κρατάμε τα στοιχεία.", "Τα διαγράφουμε μετά."]),
        ("Мы храним данные. Потом удаляем их.", ["Мы храним данные.", "Потом удаляем их."]),
        ("Wir speichern Namen. Über die Dauer.", ["Wir speichern Namen.", "Über die Dauer."]),
        ("Siehe Abs. über die Dauer.", ["Siehe Abs. über die Dauer."]),  # lower case after: one sentence
    ],
)
def test_sentences_end_in_other_scripts(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


# ----- 3. text with no spaces is compared character by character ----------------------------------
def test_japanese_text_is_compared_by_character() -> None:
    ops = diff_words("お客様のデータは30日間保存します。", "お客様のデータは90日間保存します。")
    assert [(o.op, o.text) for o in ops] == [
        (EQUAL, "お客様のデータは"),
        (DELETE, "30"),
        (INSERT, "90"),
        (EQUAL, "日間保存します。"),
    ]
    assert tokenize("情報を保存") == ["情", "報", "を", "保", "存"]


def test_a_changed_japanese_period_is_told_with_its_unit() -> None:
    old = notice_of(Clause("keeping", "保存期間", JAPANESE))
    new = copy.deepcopy(old)
    new.set_body("keeping", JAPANESE.replace("30", "90"))
    [item] = draft_change_notice(diff_notices(old, new)).items
    assert item.sentence == 'We changed the section "保存期間": now 90日 (was 30日).'


def test_a_japanese_edit_is_told_from_a_real_repository(tmp_path: Path) -> None:
    notice = notice_of(Clause("keeping", "保存期間", JAPANESE))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as repo:
        repo.publish(dt.date(2026, 1, 1), "最初の版。", True, "GC", AUTHOR)
        draft = repo.load()
        draft.set_body("keeping", JAPANESE.replace("30", "90"))
        repo.save(draft, "Edited '保存期間'", AUTHOR)
        result = draft_change_notice(diff_versions(repo, "v1", "draft"))
    assert result.material
    assert [item.sentence for item in result.items] == ['We changed the section "保存期間": now 90日 (was 30日).']


# ----- 4. the material suggestion for a section in another script ---------------------------------
@pytest.mark.parametrize(
    ("old_body", "new_body"),
    [
        ("Δεν πουλάμε τα στοιχεία σας.", "Πουλάμε τα στοιχεία σας σε συνεργάτες."),
        ("我们不会出售您的个人信息。", "我们会把您的个人信息出售给合作伙伴。"),
        ("لا نشارك بياناتك مع أي جهة.", "نشارك بياناتك مع شركائنا في الإعلان."),
    ],
)
def test_a_change_in_another_script_is_suggested_material(old_body: str, new_body: str) -> None:
    old = notice_of(Clause("misc", "Πληροφορίες", old_body))
    new = copy.deepcopy(old)
    new.set_body("misc", new_body)
    result = draft_change_notice(diff_notices(old, new))
    [item] = result.items
    assert result.material and item.material
    assert item.sentence.startswith('We changed the section "Πληροφορίες"')
    assert "small wording" not in item.sentence


def test_a_replaced_word_in_japanese_is_quoted_with_the_characters_around_it() -> None:
    old = notice_of(Clause("names", "氏名", "お客様の氏名を保存します。"))
    new = copy.deepcopy(old)
    new.set_body("names", "お客様の氏名を削除します。")
    [item] = draft_change_notice(diff_notices(old, new)).items
    assert (
        item.sentence
        == 'We changed the section "氏名": it now says "お客様の氏名を削除します" instead of "お客様の氏名を保存します".'
    )


def test_a_scattered_chinese_edit_is_counted_in_characters() -> None:
    scattered = [_Region("我们", "保存", "保留并处理", "您的"), _Region("您的", "地址", "住址", "。")]
    assert _kind_of_change(scattered) == "we reworded it (7 characters added, 4 taken out)"
    assert _kind_of_change([_Region("We ", "keep", "hold and use", " data")]) == (
        "we reworded it (3 words added, 1 taken out)"
    )


# ----- 5. ids and anchors made from headings ------------------------------------------------------
def test_greek_and_cyrillic_headings_are_spelt_in_latin_letters() -> None:
    assert ascii_slug("Πολιτική απορρήτου") == "politiki-aporritou"
    assert ascii_slug("Политика конфиденциальности") == "politika-konfidentsialnosti"
    assert ascii_slug("Політика щодо файлів cookie") == "politika-shchodo-fayliv-cookie"
    assert ascii_slug("Объём данных") == "obyom-dannykh"
    assert ascii_slug("Cookies & Tracking — Übersicht") == "cookies-tracking-ubersicht"
    assert ascii_slug("隐私政策") == ascii_slug("سياسة الخصوصية") == ""


def test_headings_in_other_scripts_get_numbered_ids_never_empty_or_repeated() -> None:
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    ids = []
    for title in ["隐私政策", "隐私政策", "سياسة الخصوصية", "Πολιτική", "Πολιτική", "Section", "!!!"]:
        ids.append(unique_clause_id(title, taken, suffixes))
        taken.add(ids[-1])
    assert ids == ["section-1", "section-2", "section-3", "politiki", "politiki-2", "section", "section-4"]
    assert unique_clause_id("日本", {"section-1", "section-2"}) == "section-3"


def test_an_imported_chinese_notice_has_distinct_ascii_anchors(tmp_path: Path) -> None:
    source = tmp_path / "notice.md"
    source.write_text(
        "# 隐私政策\n\n## 我们收集的信息\n\n我们收集您的姓名和电子邮件地址。\n\n"
        "## 我们如何使用信息\n\n我们使用这些信息提供服务。\n\n## Ποιοι είμαστε\n\nΕίμαστε μια μικρή εταιρεία.\n",
        encoding="utf-8",
    )
    create_notice(import_file(source), tmp_path / "project", author=AUTHOR)
    with NoticeRepo.open(tmp_path / "project") as repo:
        notice = repo.load()
    ids = [clause.id for clause in notice.all_clauses()]
    assert ids == ["section-1", "section-2", "poioi-eimaste"]
    html = render(notice).html
    anchors = re.findall(r'<section[^>]* id="([^"]+)"', html)
    assert anchors == ["ns-clause-section-1", "ns-clause-section-2", "ns-clause-poioi-eimaste"]


PLAIN_TEXT_NOTICES = {
    "zh": (
        (
            "隐私政策\n\n我们是谁\n\n示例公司出租自行车，并对您的数据负责。\n\n"
            "我们收集哪些数据\n\n我们在您租车时收集您的姓名和电子邮件地址。\n"
        ),
        "隐私政策",
        ["我们是谁", "我们收集哪些数据"],
    ),
    "el": (
        (
            "Πολιτική απορρήτου\n\nΠοιοι είμαστε\n\nΗ εταιρεία Παράδειγμα ΑΕ νοικιάζει ποδήλατα και είναι υπεύθυνη "
            "για τα δεδομένα σας.\n\nΤι δεδομένα συλλέγουμε\n\nΣυλλέγουμε το όνομά σας και το email σας όταν νοικιάζετε.\n"
        ),
        "Πολιτική απορρήτου",
        ["Ποιοι είμαστε", "Τι δεδομένα συλλέγουμε"],
    ),
    "he": (
        (
            "מדיניות פרטיות\n\nמי אנחנו\n\nחברת הדוגמה משכירה אופניים ואחראית על הנתונים שלך.\n\n"
            "אילו נתונים אנו אוספים\n\nאנו אוספים את שמך ואת כתובת הדואר האלקטרוני שלך כשאתה שוכר אופניים.\n"
        ),
        "מדיניות פרטיות",
        ["מי אנחנו", "אילו נתונים אנו אוספים"],
    ),
    "ar": (
        (
            "سياسة الخصوصية\n\nمن نحن\n\nشركة المثال تؤجر الدراجات وهي مسؤولة عن بياناتك.\n\n"
            "البيانات التي نجمعها\n\nنجمع اسمك وعنوان بريدك الإلكتروني عندما تستأجر دراجة.\n"
        ),
        "سياسة الخصوصية",
        ["من نحن", "البيانات التي نجمعها"],
    ),
}


@pytest.mark.parametrize("language", sorted(PLAIN_TEXT_NOTICES))
def test_plain_text_in_another_script_gets_its_title_and_headings(tmp_path: Path, language: str) -> None:
    text, title, headings = PLAIN_TEXT_NOTICES[language]
    source = tmp_path / "notice.txt"
    source.write_text(text, encoding="utf-8")
    outline = import_file(source)
    assert outline.title == title
    assert [section.title for section in outline.sections] == headings
    assert all(section.body.strip() for section in outline.sections)


# ----- 6. search folds case as each language does -------------------------------------------------
def test_search_folds_turkish_i_german_sharp_s_and_accents() -> None:
    assert fold_for_search("İSTANBUL") == fold_for_search("ıstanbul") == "istanbul"
    assert fold_for_search("STRASSE") == fold_for_search("Straße") == "strasse"
    assert fold_for_search("Données PERSONNELLES") == "donnees personnelles"
    assert list(find_folded("Die Straße, nicht die STRASSE.", "strasse")) == [(4, 10), (22, 29)]
    assert list(find_folded("İzmir ve Istanbul", "izmir")) == [(0, 5)]
    assert list(find_folded("Café", "cafe")) == [(0, 4)]
    assert list(find_folded("Cafe\u0301 au lait", "café")) == [(0, 5)]  # the accent written apart goes too
    assert list(find_folded("anything", "")) == []


FIRM_CLAUSES = {
    "de/kameras.md": clause_file(
        "kameras",
        "Unsere Kameras filmen den Eingang an der Hauptstraße; die Aufnahmen löschen wir nach einer Woche.",
        topic="security",
        title="Kameras an der Straße",
        satisfies="[]",
    ),
    "tr/subeler.md": clause_file(
        "subeler",
        "İzmir ve Istanbul şubelerimizde ziyaretçi kaydı tutarız.",
        topic="security",
        title="Şubelerimiz",
        satisfies="[]",
    ),
}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("HAUPTSTRASSE", ["kameras"]),
        ("strasse", ["kameras"]),
        ("loschen", ["kameras"]),  # typed without the umlaut
        ("izmir", ["subeler"]),
        ("ISTANBUL", ["subeler"]),
        ("ıstanbul", ["subeler"]),  # a dotless i typed on a Turkish keyboard
        ("subelerimiz", ["subeler"]),
    ],
)
def test_library_search_folds_case_as_each_language_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, query: str, found: list[str]
) -> None:
    firm = make_root(tmp_path / "firm", FIRM_CLAUSES)
    monkeypatch.setenv("NOTICE_STUDIO_LIBRARY", str(firm))
    code, out, err = run(capsys, "library", "--search", query, "--json")
    assert code == 0 and err == ""
    assert [clause["id"] for clause in json.loads(out)["clauses"]] == found
    assert [c.id for c in Library.load([firm]).search(query)] == found  # the app's library browser asks the same


def test_finding_words_in_a_clause_folds_case_and_keeps_offsets() -> None:
    text = "Die Hauptstraße und die HAUPTSTRASSE; İzmir, nicht Izmirli."
    places = list(TextSearch("hauptstrasse").spans(text))
    assert [text[a:b] for a, b in places] == ["Hauptstraße", "HAUPTSTRASSE"]
    assert [text[a:b] for a, b in TextSearch("izmir").spans(text)] == ["İzmir", "Izmir"]
    assert [text[a:b] for a, b in TextSearch("izmir", whole_words=True).spans(text)] == ["İzmir"]
    assert [text[a:b] for a, b in TextSearch("Izmir", match_case=True).spans(text)] == ["Izmir"]
    assert TextSearch("straße").replace_all(text, "Allee") == (
        "Die HauptAllee und die HAUPTAllee; İzmir, nicht Izmirli.",
        2,
    )
    start, end = places[1]
    assert TextSearch("hauptstraße").found_at(text, start, end)
    assert not TextSearch("hauptstraße").found_at(text, start, end - 1)
