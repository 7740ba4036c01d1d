"""Change notices for a run of versions: each version's text is split into words once, not again
for the pair before it and the pair after it (and for every view of a pair). Counted, not timed."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from notice_studio.core import scripts
from notice_studio.core.diff import words
from notice_studio.core.diff.changes import draft_change_notice
from notice_studio.core.diff.notices import diff_notices
from notice_studio.core.notice.model import Clause, Notice


class CountingSplit:
    """The word diff's tokenizer, counting which texts it splits."""

    def __init__(self) -> None:
        self.split: Counter[str] = Counter()

    def __call__(self, text: str) -> list[str]:
        self.split[text] += 1
        return scripts.tokens(text)


def version(n: int) -> Notice:
    notice = Notice(title="Harbour Rowing Club privacy notice", organisation="Harbour Rowing Club")
    kept = f"We keep members' boat bookings for {n + 1} seasons, then delete them (round {n} of this test)."
    notice.add(Clause("bookings", "Boat bookings", kept))
    notice.add(Clause("contact", "Contact", f"Write to the club secretary at the boathouse, desk {n}."))
    return notice


def test_each_versions_text_is_split_into_words_once_across_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = CountingSplit()
    monkeypatch.setattr(words, "tokens", counting)
    versions = [version(n) for n in range(4)]
    drafted = [draft_change_notice(diff_notices(a, b)).text for a, b in itertools.pairwise(versions)]
    middle = versions[1].find("bookings").body
    assert counting.split[middle] <= 1, counting.split[middle]
    assert max(counting.split.values()) <= 1, counting.split.most_common(3)
    assert "3 seasons" in drafted[1] and "2 seasons" in drafted[1]
