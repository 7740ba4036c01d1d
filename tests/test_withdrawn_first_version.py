"""A withdrawn version was never in force: it is not counted as published, a review does not compare
with it, and when version 1 is withdrawn the next version is the first readers get (website, feed).
Real notices in temporary git repositories."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from notice_support import AUTHOR
from test_withdraw import ATOM, MISTYPED, TODAY, _edit

from notice_studio.cli import main
from notice_studio.core.export.site import build_site
from notice_studio.core.notice import store_remote
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Workspace


@pytest.fixture
def withdrawn_v1(repo: NoticeRepo) -> NoticeRepo:
    """v1 published with a mistyped far-future date and withdrawn; the draft edited since."""
    repo.publish(MISTYPED, "First published version.", False, "Jane Counsel", AUTHOR)
    Workspace(repo, author=AUTHOR).withdraw("v1", "The year was mistyped.")
    _edit(repo, "Our service is for adults; we do not knowingly serve anyone under 16.")
    return repo


def test_a_withdrawn_version_is_not_counted_as_published(withdrawn_v1: NoticeRepo) -> None:
    ws = Workspace(withdrawn_v1, author=AUTHOR)
    assert ws.check_context().published_count == 0
    missing = [f for f in ws.check().findings if f.rule == "last-updated-missing"]
    assert [f.message for f in missing] == ["The notice has not been published yet, so it has no 'Last updated' date."]
    v2 = withdrawn_v1.publish(TODAY, "First version readers get.", False, "Jane Counsel", AUTHOR)
    assert ws.check_context().published_count == 1
    assert ws.check_context(v2.name).published_count == 1


def test_a_review_request_compares_with_the_last_version_not_withdrawn(repo: NoticeRepo) -> None:
    repo.publish(TODAY, "First published version.", False, "Jane Counsel", AUTHOR)
    _edit(repo, "Our service is not meant for anyone under 13.")
    repo.publish(MISTYPED, "We lowered the minimum age to 13.", True, "Jane Counsel", AUTHOR)
    Workspace(repo, author=AUTHOR).withdraw("v2")
    review_id = store_remote.request_review(repo, "Please look at the age wording.", AUTHOR)
    assert store_remote.find_review(repo, review_id).request.version == "v1"


def test_after_a_withdrawn_v1_the_next_version_is_the_first_version(withdrawn_v1: NoticeRepo, tmp_path: Path) -> None:
    withdrawn_v1.publish(TODAY, "First version readers get.", False, "Jane Counsel", AUTHOR)
    out = tmp_path / "site"
    build_site(withdrawn_v1, out, today=TODAY, redline=lambda *args: "<html><body>\n<p>changes</p></body></html>")
    changes = (out / "changes.html").read_text(encoding="utf-8")
    v2 = changes[changes.index('id="v2"') : changes.index('id="v1"')]
    v1 = changes[changes.index('id="v1"') :]
    assert "First version" in v2 and "First version" not in v1
    assert "redline-v2.html" not in changes  # readers had nothing before v2 to compare it with
    assert not (out / "redline-v2.html").exists()
    root = ET.fromstring((out / "feed.xml").read_text(encoding="utf-8"))
    kinds = {e.findtext(ATOM + "title"): e.find(ATOM + "category").get("term") for e in root.findall(ATOM + "entry")}
    assert kinds[f"Version 2, effective {TODAY.isoformat()}"] == "first"
    assert kinds["Version 1, never in force (withdrawn before it was to take effect on 9999-12-31)"] == "editorial"


def test_the_dry_run_names_the_version_after_every_tag(withdrawn_v1: NoticeRepo, capsys) -> None:
    folder = str(withdrawn_v1.path)
    withdrawn_v1.close()
    argv = ["publish", folder, "--effective", TODAY.isoformat(), "--force", "--approved-by", "Jane Counsel"]
    assert main([*argv, "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["next_version"] == "v2"
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("Published v2 ")
