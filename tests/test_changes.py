"""Change notices drafted from a diff: sentences, topics and the material/editorial suggestion."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from notice_studio.cli import main
from notice_studio.core.diff.changes import ChangeNotice, TopicInfo, draft_change_notice, guess_topic, load_topics
from notice_studio.core.diff.notices import diff_notices
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.notice.store import Author, NoticeRepo

AUTHOR = Author("Jane Counsel", "jane@example.com")  # as in tests/conftest.py


def base() -> Notice:
    notice = Notice(title="Privacy Notice")
    notice.variables = {"contact.email": "privacy@acme.example", "retention.period": "30 days"}
    notice.add(
        Clause(
            "retention",
            "How long we keep information",
            "We keep account data for 30 days after you close your account.",
            topics=["retention"],
        )
    )
    notice.add(
        Clause(
            "sharing",
            "Who we share information with",
            "We share information with our payment processor.",
            topics=["sharing"],
        )
    )
    notice.add(Clause("sale", "Selling information", "We do not sell your personal information."))
    notice.add(
        Clause(
            "security",
            "Security",
            "We protect your information with encryption and access controls.",
            topics=["security"],
        )
    )
    notice.add(Clause("contact", "Contact us", "Write to {{ contact.email }}.", topics=["contact"]))
    notice.add(Clause("logs", "Server logs", "We keep server logs for {{ retention.period }}."))
    return notice


def notice_for(edit) -> ChangeNotice:
    old = base()
    new = copy.deepcopy(old)
    edit(new)
    return draft_change_notice(diff_notices(old, new))


def only_item(notice: ChangeNotice):
    assert len(notice.items) == 1, notice.items
    return notice.items[0]


def test_retention_period_change_is_material_and_names_the_new_period() -> None:
    result = notice_for(
        lambda n: n.set_body("retention", "We keep account data for 45 days after you close your account.")
    )
    item = only_item(result)
    assert result.material and item.material and item.topic == "retention"
    assert item.sentence == (
        'We changed how long we keep your information ("How long we keep information"): now 45 days (was 30 days).'
    )
    assert result.text.startswith("We have made important changes to this notice:\n- We changed how long")


def test_a_typo_fix_is_editorial() -> None:
    old = base()
    old.set_body("sharing", "We share informaton with our paymnet processor.")
    new = copy.deepcopy(old)
    new.set_body("sharing", "We share information with our payment processor.")
    result = draft_change_notice(diff_notices(old, new))
    assert not result.material
    assert only_item(result).sentence == "We made small wording, spelling and formatting changes."


def test_punctuation_and_capitals_are_editorial() -> None:
    result = notice_for(
        lambda n: n.set_body("retention", "We keep account data for 30 days, after you close your Account!")
    )
    assert not result.material and not only_item(result).material


def test_synonym_rewording_is_editorial() -> None:
    result = notice_for(lambda n: n.set_body("sharing", "We disclose data with our payment processor."))
    assert not result.material


def test_a_new_recipient_is_material_and_quoted() -> None:
    result = notice_for(
        lambda n: n.set_body("sharing", "We share information with our payment processor and advertising partners.")
    )
    item = only_item(result)
    assert result.material and item.topic == "sharing"
    assert item.sentence.startswith("We changed who we share your information with")
    assert item.sentence.endswith('we added a new recipient, "advertising partners".')


def test_dropping_a_negation_is_material_even_in_a_clause_without_a_topic() -> None:
    result = notice_for(lambda n: n.set_body("sale", "We sell your personal information."))
    item = only_item(result)
    assert item.topic == "sale" and item.material and result.material
    # "sell" only suggests the topic: the sentence names the section by its title
    assert item.sentence == 'We changed the section "Selling information": we removed "do not".', item.sentence


def test_a_substantive_change_to_a_non_material_topic_is_listed_but_not_material() -> None:
    result = notice_for(
        lambda n: n.set_body(
            "security", "We protect your information with encryption, access controls and annual penetration tests."
        )
    )
    item = only_item(result)
    assert not result.material and not item.material
    assert item.sentence.startswith("We changed how we protect your information")
    assert result.text.startswith("We have updated this notice:")


def test_added_and_removed_sections() -> None:
    def edit(n: Notice) -> None:
        n.add(
            Clause(
                "children",
                "Children",
                "We do not knowingly collect information from children under 13.",
                topics=["children"],
            )
        )
        n.add(Clause("children-parents", "Parents", "Parents can ask us to delete it."), parent_id="children")
        n.remove("sale")

    result = notice_for(edit)
    sentences = [i.sentence for i in result.items]
    assert 'We added a section about children\'s information ("Children").' in sentences
    assert 'We removed the section "Selling information".' in sentences  # its topic was only a guess
    assert len(sentences) == 2  # the new sub-section is covered by its parent's sentence
    assert result.material


def test_moves_and_renames_alone_are_editorial() -> None:
    def edit(n: Notice) -> None:
        n.move("contact", None, 0)
        n.rename("security", "Keeping information safe")

    result = notice_for(edit)
    item = only_item(result)
    assert not result.material
    assert (
        item.sentence
        == 'We renamed sections ("Security" is now "Keeping information safe") and moved the section "Contact us".'
    )
    assert set(item.clause_ids) == {"contact", "security"}


def test_placeholder_values() -> None:
    retention = notice_for(lambda n: n.set_variable("retention.period", "90 days"))
    item = only_item(retention)
    assert item.material and item.topic == "retention"
    assert item.sentence == "We changed how long we keep your information: now 90 days (was 30 days)."
    contact = notice_for(lambda n: n.set_variable("contact.email", "dpo@acme.example"))
    item = only_item(contact)
    assert (
        not contact.material and item.sentence == "We updated our privacy contact e-mail: it is now dpo@acme.example."
    )


def test_cookie_table_rows() -> None:
    old = base()
    old.add(Clause("cookies", "Cookies", "[[table:cookies]]", topics=["cookies"]))
    old.tables["cookies"] = Table(["Name", "Purpose"], [["sid", "Session"]])
    new = copy.deepcopy(old)
    new.tables["cookies"].rows.append(["_fbp", "Advertising"])
    result = draft_change_notice(diff_notices(old, new))
    item = only_item(result)
    assert item.material and item.topic == "cookie-table"
    assert item.sentence == "In our list of cookies, we added _fbp."


def test_items_are_grouped_by_topic_with_material_first() -> None:
    def edit(n: Notice) -> None:
        n.set_body(
            "security", "We protect your information with encryption, access controls and audits by outside experts."
        )
        n.set_body("retention", "We keep account data for 60 days after you close your account.")
        n.set_body("sharing", "We share information with our payment processor and our auditors.")
        n.set_body("contact", "Write to {{ contact.email }}!")

    result = notice_for(edit)
    assert [(i.topic, i.material) for i in result.items] == [
        ("sharing", True),
        ("retention", True),
        ("security", False),
        ("", False),
    ]
    assert result.text.count("\n- ") == 4


def test_topics_info_decides_what_is_material() -> None:
    old = base()
    new = copy.deepcopy(old)
    new.set_body("retention", "We keep account data for 45 days after you close your account.")
    topics = {"retention": {"label": "Retention", "material": False}, "security": TopicInfo("Security", True)}
    result = draft_change_notice(diff_notices(old, new), topics)
    assert not result.material and "45 days" in result.text


def test_no_changes() -> None:
    result = draft_change_notice(diff_notices(base(), base()))
    assert result == ChangeNotice("We made minor changes to the layout of this notice.", False, ())


@pytest.mark.parametrize(
    ("title", "body", "topic"),
    [
        ("How long we keep your data", "", "retention"),
        ("International transfers", "", "international-transfers"),
        ("Children", "Our service is not for children under 13.", "children"),
        ("Other", "We may disclose information to recipients such as auditors.", "sharing"),
        ("Your choices", "You have the right to access and erasure.", "rights"),
        ("Hello", "Nothing here.", ""),
    ],
)
def test_guess_topic(title: str, body: str, topic: str) -> None:
    assert guess_topic(title, body) == topic


def test_topics_come_from_the_shipped_library() -> None:
    topics = load_topics()
    assert topics["retention"].material and topics["children"].material
    assert not topics["security"].material and not topics["contact"].material


def edited_after_v1(repo: NoticeRepo, clause_id: str, body: str) -> str:
    """Publish v1, then save `body` as the clause's text in the draft; the folder (repo closed)."""
    repo.publish(dt.date(2026, 1, 1), "First version.", True, "GC", AUTHOR)
    notice = repo.load()
    notice.set_body(clause_id, body)
    repo.save(notice, f"Edited '{clause_id}'", AUTHOR)
    folder = str(repo.path)
    repo.close()
    return folder


def test_publish_uses_the_suggested_change_notice(repo: NoticeRepo, capsys: pytest.CaptureFixture[str]) -> None:
    folder = edited_after_v1(repo, "retention", "We keep account data for 90 days after you close your account.")
    assert main(["publish", folder, "--effective", "2026-02-01", "--force"]) == 0
    out = capsys.readouterr().out
    assert "Published v2 (material)" in out
    assert "Change notice recorded for readers:" in out and "now 90 days (was 30 days)" in out
    with NoticeRepo.open(folder) as reopened:
        v2 = reopened.version("v2")
    assert v2.material
    assert "now 90 days (was 30 days)" in v2.change_notice


def test_publish_suggests_editorial_for_a_typo(repo: NoticeRepo, capsys: pytest.CaptureFixture[str]) -> None:
    folder = edited_after_v1(repo, "security", "We protect your data with encryption!")
    assert main(["publish", folder, "--effective", "2026-02-01", "--force"]) == 0
    assert "Published v2 (editorial)" in capsys.readouterr().out


def test_a_new_section_with_no_recognisable_topic_is_suggested_material() -> None:
    result = notice_for(lambda n: n.add(Clause("misc", "Miscellaneous", "Some more words here.")))
    item = only_item(result)
    assert item.topic == "" and item.material and result.material
    assert item.sentence == 'We added a section "Miscellaneous".'


# ----- issue 16: change notices that read well without hand repair ------------------------------
def test_an_acronym_label_keeps_its_capitals() -> None:
    old = base()
    old.variables["dpo.email"] = "dpo@acme.example"
    old.add(Clause("dpo", "Our data protection officer", "Write to {{ dpo.email }}."))
    new = copy.deepcopy(old)
    new.set_variable("dpo.email", "privacy-officer@acme.example")
    text = draft_change_notice(diff_notices(old, new)).text
    assert "DPO e-mail" in text and "dPO" not in text


def test_an_added_sentence_is_quoted_without_its_full_stop() -> None:
    result = notice_for(
        lambda n: n.set_body(
            "security", "We protect your information with encryption and access controls. Logs go to our auditor."
        )
    )
    sentence = only_item(result).sentence
    assert sentence.endswith('we added the sentence "Logs go to our auditor".')
    assert '."' not in sentence and ".." not in sentence


@pytest.mark.parametrize(
    "added",
    [
        "Order copies go to the E.U. Postal Union office nearest to you",
        "Order copies go to the U.S. Postal Service and to no other carrier",
        "Order copies go to a courier, e.g. Swift Parcels, who brings them to you",
        "Order copies go to a courier, i.e. Swift Parcels, who brings them to you",
        "Order copies go to Swift Parcels Inc. Delivery staff sign for each one",
    ],
)
def test_an_abbreviation_ends_no_sentence_in_a_change_notice(added: str) -> None:
    body = "We protect your information with encryption and access controls."
    result = notice_for(lambda n: n.set_body("security", f"{body} {added}."))
    sentence = only_item(result).sentence
    assert "we added the sentence" in sentence and "2 sentences" not in sentence, sentence
    assert '"Order copies go to' in sentence


def test_checks_and_change_notices_split_sentences_in_one_place() -> None:
    from notice_studio.core.checks.text import sentences
    from notice_studio.core.sentences import split_sentences

    text = "We send orders to the E.U. Postal Union. Couriers, e.g. Swift Parcels Inc. Ltd, deliver them."
    assert split_sentences(text) == [s.text for s in sentences(text)]
    assert len(split_sentences(text)) == 2


def test_the_same_change_to_two_sections_is_one_bullet() -> None:
    old = base()
    old.add(
        Clause("sharing-eu", "Who we share information with", "In Europe we share with our bank.", topics=["sharing"])
    )
    new = copy.deepcopy(old)
    new.set_body("sharing", "We share information with our payment processor and our auditors.")
    new.set_body("sharing-eu", "In Europe we share with our bank and our auditors.")
    result = draft_change_notice(diff_notices(old, new))
    bullets = [line for line in result.text.splitlines() if line.startswith("- ")]
    assert len(bullets) == len(set(bullets)) == 1
    assert set(result.items[0].clause_ids) == {"sharing", "sharing-eu"}


def test_sections_of_one_topic_removed_together_are_named_once() -> None:
    old = base()
    old.add(Clause("sharing-2", "Who we share information with", "Also our bank.", topics=["sharing"]))
    new = copy.deepcopy(old)
    new.remove("sharing")
    new.remove("sharing-2")
    result = draft_change_notice(diff_notices(old, new))
    assert [i.sentence for i in result.items] == [
        (
            'We removed section 2, "Who we share information with" and section 7, "Who we share information with" '
            "about who we share your information with."
        )
    ]


def test_a_scattered_edit_is_still_described() -> None:
    result = notice_for(
        lambda n: n.set_body(
            "sharing", "We share information with our payment processor and our fraud screening partner."
        )
    )
    assert '"our fraud screening partner"' in only_item(result).sentence


def test_a_new_purpose_is_named() -> None:
    old = base()
    old.add(
        Clause("purposes", "How we use information", "We use your information to deliver orders.", topics=["purposes"])
    )
    new = copy.deepcopy(old)
    new.set_body("purposes", "We use your information to deliver orders and to train our recommendation system.")
    item = only_item(draft_change_notice(diff_notices(old, new)))
    assert item.sentence.endswith('we added a new purpose, "to train our recommendation system".')


def test_counsels_editorial_choice_sets_the_heading() -> None:
    old = base()
    new = copy.deepcopy(old)
    new.set_body("retention", "We keep account data for 45 days after you close your account.")
    suggested = draft_change_notice(diff_notices(old, new))
    chosen = draft_change_notice(diff_notices(old, new), material=False)
    assert suggested.material and suggested.text.startswith("We have made important changes")
    assert not chosen.material and chosen.text.startswith("We have updated this notice:")
    assert "important" not in chosen.text
    assert chosen.text.splitlines()[1:] == suggested.text.splitlines()[1:]


def test_a_changed_tracking_id_is_no_change_to_the_text() -> None:
    result = notice_for(
        lambda n: n.set_body(
            "security", "We protect your information with encryption and access controls. ref 7f3a9c2e41b8d0aa"
        )
    )
    old = base()
    old.set_body("security", "We protect your information with encryption and access controls. ref 7f3a9c2e41b8d0aa")
    new = copy.deepcopy(old)
    new.set_body("security", "We protect your information with encryption and access controls. ref 0b12ee94c7d5f3a1")
    again = draft_change_notice(diff_notices(old, new))
    assert not again.material and [i.topic for i in again.items] == [""]  # the editorial line only
    assert result.items  # adding words is still reported


def test_two_new_recipients_are_named_in_one_phrase() -> None:
    old = base()
    middle = "who deliver the service under contracts that limit what they may do with your information"
    old.set_body("sharing", f"We share information with our payment processor, {middle}, and with our bank.")
    new = copy.deepcopy(old)
    new.set_body(
        "sharing",
        f"We share information with our payment processor and couriers, {middle}, and with our bank and auditors.",
    )
    sentence = only_item(draft_change_notice(diff_notices(old, new))).sentence
    assert sentence.endswith('we added a new recipient, "couriers" and "auditors".')


def test_a_value_changed_with_its_clause_is_described_once() -> None:
    """The clause's bullet already says 'now 90 days (was 35 days)': no second bullet for the value."""
    from notice_studio.core.diff.notices import diff_notices
    from notice_studio.core.notice.model import Clause, Notice

    body = "Backups are kept for up to {{ retention.backup_period }} and then overwritten."
    old = Notice(title="Notice", jurisdictions=["gdpr"])
    old.add(Clause("retention", "How long we keep your information", body, topics=["retention"]))
    old.variables["retention.backup_period"] = "35 days"
    new = Notice(title="Notice", jurisdictions=["gdpr"])
    new.add(
        Clause(
            "retention",
            "How long we keep your information",
            body + " Support tickets go after two years.",
            topics=["retention"],
        )
    )
    new.variables["retention.backup_period"] = "90 days"
    text = draft_change_notice(diff_notices(old, new)).text
    assert text.count("90 days") == 1, text


def test_a_rewritten_sentence_around_a_number_is_no_figure_change() -> None:
    """A sentence rewritten around the same age is not 'now 16 (was 16 and)': a figure is named
    only when the figure changed."""

    def rewrite(n: Notice) -> None:
        n.variables["kids.age"] = "16"
        n.add(
            Clause(
                "kids",
                "Children",
                "Our stables are for riders aged {{ kids.age }} and over; we ask for a parent's consent below 13.",
                topics=["children"],
            )
        )

    old = base()
    rewrite(old)
    new = copy.deepcopy(old)
    new.set_body(
        "kids", "Our stables are for adult riders. We do not knowingly take bookings from riders under {{ kids.age }}."
    )
    item = only_item(draft_change_notice(diff_notices(old, new)))
    assert "(was" not in item.sentence and " and)" not in item.sentence, item.sentence
    assert item.sentence.startswith("We changed how we handle children's information"), item.sentence


def test_the_introduction_is_named_as_readers_say_it() -> None:
    old = base()
    old.add(Clause("welcome", "Welcome", "Thank you for reading about our order book.", topics=["introduction"]))
    new = copy.deepcopy(old)
    new.set_body("welcome", "No buyer or broker ever gets the names on our order book.")
    item = only_item(draft_change_notice(diff_notices(old, new)))
    assert item.sentence.startswith('We changed the introduction ("Welcome")'), item.sentence


# ----- placeholders with no value: readers saw a blank marker, never "{{ name }}" ----------------
def _backup_clause(body: str) -> Clause:
    return Clause("backups", "Backups", body, topics=["retention"])


def rewritten(clause: Clause, new_body: str) -> str:
    """The one sentence drafted when `clause`, added to the base notice, gets `new_body`."""
    old = base()
    old.add(clause)
    new = copy.deepcopy(old)
    new.set_body(clause.id, new_body)
    return only_item(draft_change_notice(diff_notices(old, new))).sentence


def test_a_value_readers_never_saw_is_not_named_as_the_old_one() -> None:
    """The published text had a blank where the backup period goes: the notice says what it is
    now and leaves out "(was …)" rather than quoting the blank marker."""
    sentence = rewritten(
        _backup_clause("Copies linger in our backups for up to {{ retention.backup_period }} at most."),
        "Copies linger in our backups for up to 30 days at most.",
    )
    assert sentence == 'We changed how long we keep your information ("Backups"): now 30 days.'


def test_wording_that_filled_a_blank_is_told_as_added() -> None:
    """Readers saw a blank where the courier's name goes: the name is new to them."""
    sentence = rewritten(
        Clause("couriers", "Couriers", "Parcels go out through {{ courier.name }} only.", topics=["sharing"]),
        "Parcels go out through Swiftbox Deliveries only.",
    )
    assert (
        sentence
        == 'We changed who we share your information with ("Couriers"): we added a new recipient, "Swiftbox Deliveries".'
    )


def test_a_draft_with_a_blank_names_no_new_wording() -> None:
    """Readers will see the value once it is filled in; until then the draft says what changed
    but quotes nothing with a blank in it (publishing waits for the value)."""
    sentence = rewritten(
        _backup_clause("Copies linger in our backups for up to 35 days at most."),
        "Copies linger in our backups for up to {{ retention.backup_window }} at most.",
    )
    assert sentence == 'We changed how long we keep your information ("Backups").'


def test_a_title_with_a_blank_shows_a_gap() -> None:
    old = base()
    new = copy.deepcopy(old)
    new.add(Clause("app", "The {{ service.name }} app", "The app sends crash reports to us.", topics=["purposes"]))
    text = draft_change_notice(diff_notices(old, new)).text
    assert "{{" not in text and '"The \u2026 app"' in text, text


def test_a_published_blank_never_reaches_the_recorded_notice_or_the_website(
    repo: NoticeRepo, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A version published with a blank (by an older release, or by hand), then the wording filled
    in: the recorded change notice, the changes page and the dry run all say 'now 30 days.'."""
    notice = repo.load()
    notice.add(_backup_clause("Copies linger in our backups for up to {{ retention.backup_period }} at most."))
    repo.save(notice, "Added 'Backups'", AUTHOR)
    folder = edited_after_v1(repo, "backups", "Copies linger in our backups for up to 30 days at most.")
    assert main(["publish", folder, "--effective", "2026-02-01", "--dry-run", "--force"]) == 0
    dry = capsys.readouterr().out
    assert main(["publish", folder, "--effective", "2026-02-01", "--force"]) == 0
    assert main(["site", folder, "--out", str(tmp_path / "site")]) == 0
    capsys.readouterr()
    with NoticeRepo.open(folder) as reopened:
        recorded = reopened.version("v2").change_notice
    changes_page = (tmp_path / "site" / "changes.html").read_text(encoding="utf-8")
    for said in (dry, recorded):
        assert '("Backups"): now 30 days.' in said and "{{" not in said and "(was" not in said, said
    assert "now 30 days." in changes_page and "{{" not in changes_page and "backup_period" not in changes_page


# ----- every change in an edit is told, each in plain words -------------------------------------
def test_a_changed_period_and_an_added_recipient_are_both_told() -> None:
    """One edit raised the period and added who receives the records: the draft says both, not
    only the first changed figure."""
    result = notice_for(
        lambda n: n.set_body(
            "retention", "We keep account data for 90 days after you close your account and pass it to our auditors."
        )
    )
    sentence = only_item(result).sentence
    assert sentence == (
        'We changed how long we keep your information ("How long we keep information"): '
        'now 90 days (was 30 days); we added "pass it to our auditors".'
    ), sentence


def test_a_changed_figure_and_added_words_with_a_figure_are_both_told() -> None:
    result = notice_for(
        lambda n: n.set_body("retention", "We keep account data for 60 days after you close your account, logs 7 days.")
    )
    sentence = only_item(result).sentence
    assert "now 60 days (was 30 days)" in sentence and '"logs 7 days"' in sentence, sentence


# ----- a topic guessed from one keyword is never told to readers ---------------------------------
def test_a_section_with_no_topic_is_named_by_its_title_not_a_keyword_guess() -> None:
    """'to protect bicycles' is no section about how we protect your information."""
    camera = Clause(
        "camera",
        "Camera in the workshop",
        "A camera over the bench films the bikes in our care, to protect bicycles from theft.",
    )
    result = notice_for(lambda n: n.add(camera))
    item = only_item(result)
    assert item.sentence == 'We added a section "Camera in the workshop".', item.sentence
    assert item.material and result.material  # a guessed 'security' does not make it editorial


def test_an_edit_to_a_section_with_no_topic_names_the_section_and_every_change(
    repo: NoticeRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dry run of publishing, on a real notice: a period raised and a recipient added in a
    section with no declared topic are both told, under the section's title, never under a topic
    guessed from 'collect'."""
    notice = repo.load()
    notice.add(
        Clause(
            "bookings",
            "Repair bookings",
            "When you book a repair we collect your name and phone number.\n\n"
            "We keep repair tickets for 12 months after collection.",
        )
    )
    repo.save(notice, "Added 'Repair bookings'", AUTHOR)
    folder = edited_after_v1(
        repo,
        "bookings",
        "When you book a repair we collect your name and phone number.\n\n"
        "We keep repair tickets for 36 months after collection and send them to our insurer.",
    )
    assert main(["publish", folder, "--effective", "2026-02-01", "--dry-run", "--force"]) == 0
    out = capsys.readouterr().out
    assert (
        '- We changed the section "Repair bookings": now 36 months (was 12 months); '
        'we added "send them to our insurer".' in out
    ), out
    assert "information we collect" not in out


# ----- table changes say which column changed and from what to what -----------------------------
def _with_tables() -> Notice:
    notice = base()
    notice.add(Clause("cookies", "Cookies we use", "[[table:cookies]]", topics=["cookie-table"]))
    notice.add(Clause("providers", "Our service providers", "[[table:providers]]", topics=["service-providers"]))
    notice.tables["cookies"] = Table(
        ["Name", "Purpose", "Duration"],
        [["visit_count", "Counts visits to our pages", "13 months"], ["lang", "Keeps your language", "1 year"]],
    )
    notice.tables["providers"] = Table(
        ["Name", "Service", "Country"], [["Hosting company", "Runs our website", "Netherlands (EU)"]]
    )
    return notice


def test_a_changed_cell_is_told_with_its_column_and_both_values() -> None:
    old = _with_tables()
    new = copy.deepcopy(old)
    new.tables["cookies"].rows[0][2] = "25 months"
    new.tables["providers"].rows[0][2] = "India"
    sentences = [i.sentence for i in draft_change_notice(diff_notices(old, new)).items]
    assert "In our list of cookies, the duration of visit_count is now 25 months (was 13 months)." in sentences
    assert (
        "In our list of providers, the country of Hosting company is now India (was Netherlands (EU))." in sentences
    ), sentences


def test_a_row_is_named_by_its_name_when_its_first_cell_is_an_id() -> None:
    old = base()
    old.add(Clause("vendors", "Vendors", "[[table:vendors]]", topics=["service-providers"]))
    old.tables["vendors"] = Table(["Id", "Name", "Country"], [["v-17", "Mail delivery firm", "Ireland"]])
    new = copy.deepcopy(old)
    new.tables["vendors"].rows[0][2] = "Canada"
    sentence = only_item(draft_change_notice(diff_notices(old, new))).sentence
    assert sentence == "In our list of vendors, the country of Mail delivery firm is now Canada (was Ireland).", (
        sentence
    )


def test_the_text_diff_of_a_table_shows_old_and_new_values(
    repo: NoticeRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = repo.load()
    notice.add(Clause("cookie-list", "Cookies we use", "[[table:cookies]]", topics=["cookie-table"]))
    notice.tables["cookies"] = Table(["Name", "Purpose", "Duration"], [["visit_count", "Counts visits", "13 months"]])
    repo.save(notice, "Added the cookie list", AUTHOR)
    repo.publish(dt.date(2026, 1, 1), "First version.", True, "GC", AUTHOR)
    notice = repo.load()
    notice.tables["cookies"].rows[0][2] = "25 months"
    repo.save(notice, "Edited the cookie list", AUTHOR)
    folder = str(repo.path)
    repo.close()
    assert main(["diff", folder, "v1", "draft"]) == 0
    out = capsys.readouterr().out
    assert "~ visit_count (Duration: 13 months -> 25 months)" in out, out
    assert "the duration of visit_count is now 25 months (was 13 months)." in out
