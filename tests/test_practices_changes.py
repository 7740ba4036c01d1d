"""Comparisons and change notices describe practices changes directly, in readers' words, once
each, grouped by topic (and not again through the tables and statements made from them)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.diff.changes import draft_change_notice
from notice_studio.core.diff.notices import diff_notices
from notice_studio.core.diff.practices import practices_changes
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.practices.actions import apply_practices
from notice_studio.core.practices.model import Category, Recipient, Transfer
from notice_studio.core.workspace import Workspace


def changed_saas():
    old = build_notice("saas-eu-uk-ca", "Acme Ltd")
    new = copy.deepcopy(old)
    p = copy.deepcopy(new.practices)
    assert p is not None
    p.recipients.append(Recipient("analytics", "Analytics providers", "service_provider", ["Ireland"]))
    p.recipients.append(Recipient("ads", "Advertising partners", "advertising", ["United States"]))
    contact = p.categories[0]
    contact.disclosed_to.append("analytics")
    old_retention = contact.retention
    contact.retention = "2 years after your account closes"
    p.categories.append(Category("voice", "Voice recordings", "sensory", "Calls to our support line"))
    p.shared.categories, p.shared.to = [contact.id], ["ads"]
    p.transfers.append(Transfer("India", "standard_contractual_clauses"))
    p.ai_training = True
    apply_practices(new, p)
    return old, new, contact.label, old_retention


def test_practices_changes_are_sentences_readers_understand() -> None:
    old, new, contact, old_retention = changed_saas()
    sentences = [c.sentence for c in practices_changes(old.practices, new.practices)]
    label = contact[0].lower() + contact[1:]
    assert f"We now share {label} with analytics providers." in sentences
    assert f"Retention of {label} is now 2 years after your account closes (was {old_retention[0].lower()}" in " ".join(
        sentences
    )
    assert "We now collect voice recordings (Calls to our support line)." in sentences
    assert f"We now share {label} with advertising partners for cross-context behavioral advertising." in sentences
    assert "We now transfer personal information to India, relying on standard contractual clauses." in sentences
    assert "We now use personal information to train machine-learning models." in sentences
    assert len(sentences) == len(set(sentences))
    assert practices_changes(old.practices, copy.deepcopy(old.practices)) == ()
    back = [c.sentence for c in practices_changes(new.practices, old.practices)]
    assert (
        "We no longer collect voice recordings." in back
        and f"We no longer share {label} with analytics providers." in back
    )


def test_the_change_notice_describes_them_once_each_grouped_by_topic() -> None:
    old, new, _contact, _ = changed_saas()
    diff = diff_notices(old, new)
    assert diff.has_changes and diff.summary.practices == len(diff.practices) >= 6
    assert "practices changed" in diff.summary.sentence()
    drafted = draft_change_notice(diff)
    assert drafted.material
    lines = drafted.text.splitlines()[1:]
    assert "- We now share" in drafted.text and "- Retention of" in drafted.text
    # the generated tables and statements are not described a second time
    assert not [line for line in lines if "list of ccpa" in line.lower() or "statement" in line.lower()]
    assert len(lines) == len(set(lines))
    topics = [item.topic for item in drafted.items]
    for topic in set(topics):  # grouped: each topic's sentences sit together
        first, last = topics.index(topic), len(topics) - 1 - topics[::-1].index(topic)
        assert set(topics[first : last + 1]) == {topic}


def test_compare_on_the_command_line_lists_the_practices_changes(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "acme"
    NoticeRepo.create(folder, build_notice("saas-eu-uk-ca", "Acme Ltd"), AUTHOR).close()
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        ws.change_practices([("ai_training", "yes")])
        ws.save()
        base = ws.repo.edits()[1].commit  # the saved edit before the change
    assert main(["diff", str(folder), base, "draft"]) == 0
    out = capsys.readouterr().out
    assert "Practices:\n  We now use personal information to train machine-learning models." in out
    assert main(["diff", str(folder), base, "draft", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["practices"] == [
        {"topic": "purposes", "sentence": "We now use personal information to train machine-learning models."}
    ]
    assert data["summary"]["practices"] == 1
