"""Pairing sections whose id changed: a section removed in one version and one added in the
other whose words are mostly the same is one section, renamed or rewritten (a re-import makes
new ids; an imported heading that changed makes a new id). Pure.

Pairs are chosen best first by word similarity, so two sections that share a title are paired
by what they say, never by their position.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from notice_studio.core.diff.words import EQUAL, diff_words
from notice_studio.core.scripts import words

__all__ = ["SIMILAR", "pair_sections", "similarity"]

SIMILAR = 0.6
"""Word similarity from which a removed and an added section are one section. On a real notice's
history (the 'wx' notice, versions 1 to 11: re-imports that made new ids) the sections re-made
under a new id scored 0.75 and above, and the closest two different sections 0.36. Counting
shared words regardless of order does not separate them (two different California and rights
sections share 62% of their words), so the words must also come in the same order."""


def _bag(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in words(text))


def similarity(a: str, b: str) -> float:
    """Share of the two texts' words that the word comparison keeps unchanged (0 to 1)."""
    total = len(words(a)) + len(words(b))
    if not total:
        return 1.0
    kept = sum(len(words(op.text)) for op in diff_words(a, b) if op.op == EQUAL)
    return 2 * kept / total


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = a.total() + b.total()
    if not total:
        return 1.0
    return 2 * (a & b).total() / total


def pair_sections(removed: Mapping[str, str], added: Mapping[str, str]) -> dict[str, str]:
    """{removed id: added id} for the sections that are one section; texts are title + body."""
    if not removed or not added:
        return {}
    pairs: dict[str, str] = {}
    by_text: dict[str, list[str]] = {}
    for new_id, text in added.items():
        by_text.setdefault(" ".join(text.split()), []).append(new_id)
    rest_old = []
    for old_id, text in removed.items():  # the same words exactly: paired without measuring
        same = by_text.get(" ".join(text.split()))
        if same:
            pairs[old_id] = same.pop(0)
        else:
            rest_old.append(old_id)
    taken = set(pairs.values())
    rest_new = [i for i in added if i not in taken]
    if not rest_old or not rest_new:
        return pairs
    old_bags = {i: _bag(removed[i]) for i in rest_old}
    new_bags = {i: _bag(added[i]) for i in rest_new}
    scored = []
    for old_id, old_bag in old_bags.items():
        for new_id, new_bag in new_bags.items():
            size_a, size_b = old_bag.total(), new_bag.total()
            # Words in common (in any order) bound the similarity: only close candidates are compared.
            if 2 * min(size_a, size_b) < SIMILAR * (size_a + size_b) or _dice(old_bag, new_bag) < SIMILAR:
                continue
            score = similarity(removed[old_id], added[new_id])
            if score >= SIMILAR:
                scored.append((-score, old_id, new_id))
    scored.sort()
    used_new: set[str] = set()
    for _, old_id, new_id in scored:
        if old_id in pairs or new_id in used_new:
            continue
        pairs[old_id] = new_id
        used_new.add(new_id)
    return pairs
