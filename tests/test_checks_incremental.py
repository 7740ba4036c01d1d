"""Checks after one edit re-read only the edited section: readability scores and findings, the
coverage a section's words show and a section's own topics are kept per section text. After a series of edits made through
a workspace (saved to its git repository), the report equals the one a fresh workspace on the
same folder gets from empty caches."""

from __future__ import annotations

from pathlib import Path

from notice_support import AUTHOR

from notice_studio.core.checks import coverage, readability
from notice_studio.core.checks.scan import _own_topics
from notice_studio.core.checks.text import clear_caches
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Workspace

HARD = (
    "Notwithstanding the aforementioned considerations, the organisation administratively "
    "processes supplementary identification information concerning volunteering individuals "
    "whenever operational necessity, regulatory obligation or contractual entitlement "
    "reasonably necessitates comprehensive documentation of participation, including "
    "communications, attendance, cultivation allocations and membership contributions."
)


def allotment_notice(sections: int = 40) -> Notice:
    notice = Notice(title="Allotment Society Privacy Notice", organisation="Green Row Allotments", jurisdictions=["eu"])
    for i in range(sections):
        body = HARD if i % 4 == 0 else f"We keep plot {i} bookings and the name of whoever holds the plot."
        notice.add(Clause(f"plot-{i}", f"Plot records {i}", body))
    notice.add(Clause("rights", "Your rights", "You can ask for a copy of your data or ask us to delete it."))
    return notice


def misses() -> tuple[int, int, int]:
    return (
        readability._scored.cache_info().misses,
        readability._findings.cache_info().misses,
        coverage._shown.cache_info().misses,
    )


def test_an_edit_rechecks_one_section_and_the_report_matches_a_fresh_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "allotments"
    NoticeRepo.create(folder, allotment_notice(), AUTHOR).close()
    clear_caches()
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        ws.check()
        # One plain edit: one section's scores, readability finding and coverage are made again.
        before = misses()
        ws.edit_body("plot-8", HARD + " Typed.")
        ws.check()
        assert [after - was for after, was in zip(misses(), before, strict=True)] == [1, 1, 1]
        # Unchanged text, nothing new: no section is re-read at all.
        before = misses()
        ws.check()
        assert misses() == before
        # A rename, a section inserted at the top (every number after it changes: the findings
        # name the new numbers) and a removal.
        topics_before = _own_topics.cache_info().misses
        ws.rename("plot-4", "Records of plot holders")
        ws.check()
        assert _own_topics.cache_info().misses - topics_before == 1  # only the renamed section's
        ws.insert(Clause("first", "About us", HARD), None, 0, "Added 'About us'")
        ws.remove("plot-12")
        ws.edit_body("rights", "You can ask us to correct or erase your data.")
        ws.save()
        cached = ws.check()
    hard = [f.message.split(" is hard")[0] for f in cached.findings if f.rule == "readability"]
    assert hard[:3] == ["Section 1", "Section 2", "Section 6"] and "Section 10" in hard
    clear_caches()
    with Workspace.open(folder) as fresh:
        assert fresh.check() == cached
