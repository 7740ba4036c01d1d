"""Re-rendering a very large notice after one edit: only the sections the edit reaches are parsed
again, and the answer is byte for byte the one a render from nothing gives."""

from __future__ import annotations

from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.render.renderer import RenderCache, RenderOptions, render

SECTIONS = 4200  # more sections than the cache used to hold


def big_notice(sections: int = SECTIONS) -> Notice:
    notice = Notice(title="Staff Privacy Notice")
    notice.variables = {"organisation.name": "Harbour Tiles Ltd"}
    for i in range(sections):
        body = f"Part {i} says what {{{{ organisation.name }}}} does with rota entries."
        if i % 50 == 0:
            body += f" Read [[s{sections - 1}]] and [[s1]] for more."
        notice.add(Clause(f"s{i}", f"Topic {i}", body))
    notice.add(Clause("s1-a", "Detail", "A nested part, see [[s1]]."), parent_id="s1")
    return notice


def same_as_fresh(notice: Notice, cache: RenderCache) -> None:
    options = RenderOptions()
    incremental = render(notice, options, cache)
    fresh = render(notice, options)
    assert incremental == fresh
    assert incremental.html == fresh.html and incremental.text == fresh.text and incremental.toc_html == fresh.toc_html


def test_one_edit_to_a_very_large_notice_parses_one_section_again() -> None:
    notice = big_notice()
    cache = RenderCache()
    render(notice, RenderOptions(), cache)
    assert cache.misses == SECTIONS + 1
    for n in range(3):
        notice.find("s2100").body += f" typed{n}"
        before = cache.misses
        render(notice, RenderOptions(), cache)
        assert cache.misses - before == 1
    same_as_fresh(notice, cache)


def test_edits_that_renumber_or_rename_give_the_render_from_nothing() -> None:
    notice = big_notice(300)
    cache = RenderCache(max_entries=400)  # edits fill it: the stale entries go, not the live ones
    render(notice, RenderOptions(), cache)
    # A title that the contents list shows changes: only that section is made again.
    notice.find("s299").title = "Renamed topic"
    before = cache.misses
    same_as_fresh(notice, cache)
    assert cache.misses - before == 1
    # Many keystrokes fill the cache: it forgets the stale entries, not the ones still shown.
    for n in range(150):
        notice.find("s150").body += f" typed{n}"
        before = cache.misses
        render(notice, RenderOptions(), cache)
        assert cache.misses - before == 1
    # The referenced section moves to the front: it and every section after it are renumbered,
    # and the sections that point at it say its new number.
    notice.move("s299", None, 0)
    rendered = render(notice, RenderOptions(), cache)
    assert "section 1" in rendered.clause("s0").text
    same_as_fresh(notice, cache)
    # The nested section's parent is removed: the references to it break and show as broken.
    notice.remove("s1")
    rendered = render(notice, RenderOptions(), cache)
    assert {b.target for b in rendered.broken_references} == {"s1"}
    same_as_fresh(notice, cache)
