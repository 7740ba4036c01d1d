"""Change notices tell readers only what readers see: link labels, not addresses; words, not
Markdown; figures with their units; sections told apart; the kind of version suggested alike in
the app and on the command line. Wording here is our own."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from notice_studio.cli import main
from notice_studio.core.diff.changes import ChangeNotice, draft_change_notice
from notice_studio.core.diff.notices import diff_notices
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.notice.store import Author, NoticeRepo

AUTHOR = Author("Jane Counsel", "jane@example.com")


def drafted(clauses: list[Clause], edits: dict[str, str]) -> ChangeNotice:
    old = Notice(title="Kite Club Privacy Notice")
    for clause in clauses:
        old.add(clause)
    new = copy.deepcopy(old)
    for clause_id, body in edits.items():
        new.set_body(clause_id, body)
    return draft_change_notice(diff_notices(old, new))


def bullets(result: ChangeNotice) -> list[str]:
    return [item.sentence for item in result.items]


# ----- 1. a change only in where a link leads ----------------------------------------------------
def test_a_link_whose_address_changed_is_told_as_a_changed_link_never_as_x_instead_of_x() -> None:
    result = drafted(
        [
            Clause(
                "ads",
                "Advertising partners",
                "We work with [Lumen and Quill](https://lumen.example/a).",
                topics=["sharing"],
            )
        ],
        {"ads": "We work with [Lumen and Quill](https://lumen.example/b)."},
    )
    assert bullets(result) == [
        'We changed where a link leads ("Lumen and Quill") in the section "Advertising partners".'
    ]
    assert "instead of" not in result.text
    assert not result.material  # it leads readers to a partner's page: the notice says the same


def test_a_changed_opt_out_link_is_material() -> None:
    """Where the opt-out link leads is how readers use their right: a change to it is material."""
    result = drafted(
        [
            Clause(
                "news",
                "Newsletters",
                "You can [stop the letters](https://mail.example/optout) at any time.",
                topics=["marketing"],
            )
        ],
        {"news": "You can [stop the letters](https://mail.example/unsubscribe-all) at any time."},
    )
    assert result.material
    assert bullets(result) == ['We changed where a link leads ("stop the letters") in the section "Newsletters".']


# ----- 2, 3. readers' words: no addresses, no Markdown, HTML or escapes ------------------------
def test_link_addresses_and_query_strings_are_never_quoted() -> None:
    guide = "see [the guide](https://help.example/crash?utm_source={}&sid={})"
    result = drafted(
        [Clause("apps", "Apps", "Our apps send crash reports; " + guide.format("notice&label=one", 77) + ".")],
        {"apps": "Our apps send crash reports and usage counts; " + guide.format("page", 91) + "."},
    )
    text = result.text
    for leak in ("http", "utm", "sid", "label", "page", "](", "91", "77"):
        assert leak not in text, text
    assert '"usage counts"' in text, text


def test_markdown_escapes_and_html_are_not_quoted() -> None:
    result = drafted(
        [Clause("kites", "Kite repairs", "Bring your kite to the club.\n\n6\\. Repair Days")],
        {
            "kites": 'Bring your kite to the club.\n\n7\\. Repair Days\n\n<iframe src="https://video.example/x"></iframe>'
        },
    )
    text = result.text
    for leak in ("\\", "<", "iframe", "https"):
        assert leak not in text, text
    assert "now 7. Repair Days (was 6. Repair Days)" in text, text


# ----- 4. figures with their units; numbers in addresses are none -------------------------------
def test_a_percentage_keeps_its_sign_and_an_address_number_is_no_figure() -> None:
    result = drafted(
        [Clause("langs", "Other languages", "[Deutsch (64% translated)](https://w.example/de?oldid=518090)")],
        {"langs": "[Deutsch (72% translated)](https://w.example/de?oldid=555910)"},
    )
    text = result.text
    assert "now 72% (was 64%)" in text, text
    assert "555910" not in text and "518090" not in text


def test_figures_in_a_menu_of_languages_suggest_an_editorial_version() -> None:
    """A section with no topic whose only change is figures naming no practice: editorial."""
    result = drafted(
        [Clause("langs", "Other languages", "Read it in Deutsch (64% translated) or Dansk (12% translated).")],
        {"langs": "Read it in Deutsch (72% translated) or Dansk (15% translated)."},
    )
    assert not result.material, result.text
    assert result.text.startswith("We have updated this notice:")


def test_a_figure_about_keeping_data_in_a_section_with_no_topic_is_still_material() -> None:
    result = drafted(
        [Clause("misc", "Other things", "We keep club records for 2 years.")],
        {"misc": "We keep club records for 6 years."},
    )
    assert result.material and "now 6 years (was 2 years)" in result.text, result.text


# ----- 5. topics: none rather than a wrong one ---------------------------------------------------
def test_a_section_whose_title_points_elsewhere_is_not_told_under_its_declared_topic() -> None:
    """An import declared 'legal bases' for a section titled about protecting data because its
    text names a legitimate interest: the sentence names the section by title, and calls no added
    words 'a new legal basis'."""
    result = drafted(
        [
            Clause(
                "guard",
                "How we protect member data",
                "Volunteers sign our secrecy pledge. We rely on our legitimate interest in a safe club.",
                topics=["legal-bases"],
            )
        ],
        {
            "guard": "Volunteers sign our secrecy pledge or equally strict promises. We rely on our legitimate interest in a safe club."
        },
    )
    (sentence,) = bullets(result)
    assert sentence.startswith('We changed the section "How we protect member data"'), sentence
    assert "legal basis" not in sentence and "legal bases" not in sentence
    assert result.material  # the declared topic still decides that


# ----- 6. sections with the same title ----------------------------------------------------------
def test_sections_sharing_a_title_are_told_apart_by_number() -> None:
    result = drafted(
        [
            Clause("a", "#JustFly", "Members keep their logbooks for two seasons."),
            Clause("b", "#JustFly", "Launch from the east field on Sundays."),
        ],
        {"a": "Members keep their logbooks for three seasons.", "b": "Launch from the harbour wall on Sundays."},
    )
    text = result.text
    assert 'section 1, "#JustFly"' in text and 'section 2, "#JustFly"' in text, text


# ----- 7. whole sentences, and the kind of a scattered change -----------------------------------
def test_a_dropped_promise_is_named() -> None:
    result = drafted(
        [
            Clause(
                "keep",
                "Keeping records",
                "We hold flight logs while you are a member. Logs we no longer need are shredded at once. "
                "Paper copies follow the same rule.",
                topics=["retention"],
            )
        ],
        {"keep": "We hold flight logs while you are a member. Paper copies follow the same rule."},
    )
    (sentence,) = bullets(result)
    assert sentence.endswith('we removed the sentence "Logs we no longer need are shredded at once".'), sentence


def test_a_scattered_rewrite_still_says_what_kind_of_change_it_was() -> None:
    trees = [
        a + b for a in ("oak", "elm", "ash", "yew", "fir", "bay") for b in ("wood", "leaf", "root", "bark", "seed")
    ]
    old_words = " ".join(f"{tree} meadow river" for tree in trees)
    new_words = " ".join(
        f"{tree} harbour{tree[:2]} river" if n % 2 else f"{tree} meadow" for n, tree in enumerate(trees)
    )
    result = drafted([Clause("odd", "Odd notes", old_words)], {"odd": new_words})
    (sentence,) = bullets(result)
    assert sentence.startswith('We changed the section "Odd notes": we reworded it ('), sentence


# ----- 8. the command line suggests the kind as the app does ------------------------------------
def _published_then_edited(repo: NoticeRepo, clause: Clause, body: str) -> str:
    notice = repo.load()
    notice.add(clause)
    repo.save(notice, f"Added '{clause.title}'", AUTHOR)
    repo.publish(dt.date(2026, 1, 1), "First version.", True, "GC", AUTHOR)
    notice = repo.load()
    notice.set_body(clause.id, body)
    repo.save(notice, f"Edited '{clause.title}'", AUTHOR)
    folder = str(repo.path)
    repo.close()
    return folder


def test_publish_without_a_kind_uses_the_suggestion_and_says_how_to_choose(
    repo: NoticeRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _published_then_edited(
        repo,
        Clause("langs", "Other languages", "Read it in Deutsch (64% translated)."),
        "Read it in Deutsch (72% translated).",
    )
    assert main(["publish", folder, "--effective", "2026-02-01", "--force"]) == 0
    out = capsys.readouterr().out
    assert "Published v2 (editorial)" in out, out
    assert "Suggested: editorial" in out and "--material or --editorial" in out
    with NoticeRepo.open(folder) as reopened:
        assert not reopened.version("v2").material


# ----- 9. log and history at scale ---------------------------------------------------------------
def test_log_limit_limits_versions_and_repeated_acknowledgements_are_counted(
    repo: NoticeRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(1, 4):
        notice = repo.load()
        notice.add(Clause(f"extra-{n}", f"Extra {n}", f"Kites number {n}."))
        repo.save(notice, f"Added 'Extra {n}'", AUTHOR)
        repo.publish(
            dt.date(2026, 1, n), f"Version {n}.", False, "GC", AUTHOR, acknowledged=["The club has no mascot."]
        )
    folder = str(repo.path)
    repo.close()
    assert main(["log", folder, "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "  v3  " in out and "  v2  " in out and "  v1  " not in out, out
    assert out.count("Acknowledged: The club has no mascot.") == 0, out  # each one repeats v1's
    assert out.count("Acknowledged again: 1 warning as for") == 2, out


def test_the_history_of_a_removed_clause_stays_readable(repo: NoticeRepo, capsys: pytest.CaptureFixture[str]) -> None:
    notice = repo.load()
    notice.add(Clause("hive", "Hive connector", "The connector reads your hive list."))
    repo.save(notice, "Added 'Hive connector'", AUTHOR)
    notice = repo.load()
    notice.remove("hive")
    repo.save(notice, "Removed 'Hive connector'", AUTHOR)
    folder = str(repo.path)
    repo.close()
    assert main(["history", folder, "hive"]) == 0
    out = capsys.readouterr().out
    assert "Edits of 'Hive connector', a section since removed from the draft" in out, out
    assert "Removed 'Hive connector'" in out and "Added 'Hive connector'" in out
    assert main(["history", folder, "never-was"]) != 0


def test_words_added_to_a_section_whose_title_names_no_topic_are_not_called_a_new_thing() -> None:
    """An import read 'collected automatically' into an opening menu of languages: a new language
    in the menu is quoted, never called 'new information we collect'."""
    result = drafted(
        [
            Clause(
                "opening",
                "Opening text",
                "Other languages: [Dansk](https://w.example/da) and [Eesti](https://w.example/et)",
                topics=["data-automatic"],
            )
        ],
        {
            "opening": "Other languages: [Dansk](https://w.example/da), [Cymraeg](https://w.example/cy) and "
            "[Eesti](https://w.example/et)"
        },
    )
    (sentence,) = bullets(result)
    assert '"Cymraeg"' in sentence and "new information" not in sentence, sentence


def test_a_refused_script_link_and_a_title_typed_with_markdown_are_told_in_readers_words() -> None:
    old = Notice(title="Kite Club Privacy Notice")
    old.add(
        Clause(
            "ask", "Questions", "Ask [the desk](javascript:location='mailto:desk') about flights.", topics=["contact"]
        )
    )
    new = copy.deepcopy(old)
    new.set_body("ask", "Ask the desk about flights and storms.")
    new.add(Clause("choices", "**2\\. Your Choices**", "Members may leave at any time."))
    text = draft_change_notice(diff_notices(old, new)).text
    for leak in ("javascript", "mailto", "](", "*", "\\"):
        assert leak not in text, text
    assert '"2. Your Choices"' in text, text


def test_a_title_whose_markup_alone_changed_is_no_rename() -> None:
    old = Notice(title="Kite Club Privacy Notice")
    old.add(Clause("kites", "**Kite storage**", "Kites stay in the shed."))
    new = copy.deepcopy(old)
    new.find("kites").title = "Kite storage"
    text = draft_change_notice(diff_notices(old, new)).text
    assert "renamed" not in text and "*" not in text, text


def test_a_link_whose_tooltip_has_brackets_is_told_by_its_words() -> None:
    """A language menu whose links carry tooltips with brackets: a new language is its name, and a
    changed figure in a tooltip (never on the page) is no change readers read."""
    menu = (
        '[Dansk](https://w.example/wiki/Page:K_c/da "Page:K c/da (64% done)") '
        '[Eesti](https://w.example/wiki/Page:K_c/et "Page:K c/et (12% done)")'
    )
    added = '[Ido](https://w.example/wiki/Page:K_c/io "Page:K c/io (7% done)") [Eesti]'
    result = drafted([Clause("menu", "Opening text", menu)], {"menu": menu.replace("[Eesti]", added)})
    text = result.text
    for leak in ("](", "https", "done", "%", "Page:"):
        assert leak not in text, text
    assert '"Ido"' in text, text
    tooltip_only = drafted([Clause("menu", "Opening text", menu)], {"menu": menu.replace("64%", "72%")})
    assert not tooltip_only.material and "72" not in tooltip_only.text, tooltip_only.text


def test_quotes_inside_a_quotation_become_single_ones() -> None:
    result = drafted(
        [Clause("words", "Words we use", "Some words have a special meaning here.")],
        {"words": 'Some words have a special meaning here. "Member" means anyone who has paid the fee.'},
    )
    (sentence,) = bullets(result)
    assert sentence.endswith("we added the sentence \"'Member' means anyone who has paid the fee\"."), sentence
    assert sentence.count('"') % 2 == 0


def test_a_day_in_a_date_is_told_with_its_month_and_an_indented_menu_by_its_words() -> None:
    result = drafted(
        [
            Clause(
                "days",
                "Flying days",
                "Next meet: Kite Day (Aug 16, 2026) on the hill.\n\n- Menu\n\n    * [Kites](https://k.example) "
                "* [Reels](https://r.example)",
            )
        ],
        {
            "days": "Next meet: Kite Day (Aug 12, 2026) on the hill.\n\n- Menu\n\n    * [Kites](https://k.example) "
            "* [Spools](https://r.example)"
        },
    )
    (sentence,) = bullets(result)
    assert "now Aug 12 (was Aug 16)" in sentence, sentence
    assert '"Spools" instead of "Reels"' in sentence and "](" not in sentence and "*" not in sentence, sentence
