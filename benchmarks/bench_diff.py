"""Diff benchmarks: prints each measured figure next to its target.

    .venv/bin/python -m benchmarks.bench_diff

1. Two versions of the 300-clause notice with 10% of clauses changed: <= 100 ms median,
   with the C++ engine (fast-diff-match-patch) and the pure-Python one; they must agree.
2. One edited clause (what the editor runs after each pause in typing): <= 5 ms median.
3. For information: one 60,000-word text with 2% of words changed, diffed in one go.
"""

from __future__ import annotations

import copy
import random
import statistics
import time
from collections.abc import Callable

from benchmarks.generate import make_notice
from notice_studio.core.diff import words as words_module
from notice_studio.core.diff.notices import diff_clause, diff_notices
from notice_studio.core.diff.words import diff_words
from notice_studio.core.notice.model import Notice

_NEW_WORDS = ("forty-five", "advertising", "partners", "never", "securely", "promptly", "processors")


def _median_ms(func: Callable[[], object], runs: int) -> float:
    func()  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _edit(body: str, rng: random.Random) -> str:
    """A realistic edit: a few words replaced, sometimes a sentence added or removed."""
    words = body.split(" ")
    for i in rng.sample(range(len(words)), min(len(words), rng.randint(2, 8))):
        words[i] = rng.choice(_NEW_WORDS)
    text = " ".join(words)
    if rng.random() < 0.3:
        text += "\n\nWe added a sentence about advertising partners and how long we keep data."
    if rng.random() < 0.2:
        cut = text.find(". ")
        text = text[cut + 2 :] if cut > 0 else text
    return text


def changed_copy(notice: Notice, share: float, seed: int = 1) -> Notice:
    rng = random.Random(seed)
    new = copy.deepcopy(notice)
    clauses = new.all_clauses()
    for clause in rng.sample(clauses, int(len(clauses) * share)):
        clause.body = _edit(clause.body, rng)
    new.move(clauses[40].id, None, 2)
    return new


def _with_engine(engine: str, func: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        saved = words_module.DEFAULT_ENGINE
        words_module.DEFAULT_ENGINE = engine
        try:
            return func()
        finally:
            words_module.DEFAULT_ENGINE = saved

    return run


def main() -> None:
    old = make_notice(clauses=300, words=200, seed=0)
    new = changed_copy(old, 0.10)
    words = sum(len(c.body.split()) for c in old.all_clauses())
    fast_diff = _with_engine("fast", lambda: diff_notices(old, new))()
    slow_diff = _with_engine("python", lambda: diff_notices(old, new))()
    agree = fast_diff == slow_diff
    s = fast_diff.summary
    print(f"Notice: {len(old.all_clauses())} clauses, {words} words; {s.modified} clauses edited, {s.moved} moved.")
    print(f"Engines agree on every clause: {'yes' if agree else 'NO'}")
    for engine in ("fast", "python"):
        ms = _median_ms(_with_engine(engine, lambda: diff_notices(old, new)), runs=15)
        verdict = "OK" if ms <= 100 else "SLOW"
        print(f"Diff 300 clauses, 10% changed ({engine:6}): {ms:7.1f} ms median   target <= 100 ms   {verdict}")
    print(f"Engine used by default: {words_module.DEFAULT_ENGINE}")

    clause_old = old.all_clauses()[5]
    clause_new = copy.deepcopy(clause_old)
    clause_new.body = _edit(clause_old.body, random.Random(7))
    for engine in ("fast", "python"):
        ms = _median_ms(
            _with_engine(
                engine,
                lambda: diff_clause(clause_old, clause_new, old_variables=old.variables, new_variables=new.variables),
            ),
            runs=200,
        )
        verdict = "OK" if ms <= 5 else "SLOW"
        print(
            f"Diff one edited clause ({len(clause_old.body.split())} words, {engine:6}): {ms:6.2f} ms median   target <= 5 ms   {verdict}"
        )

    text = "\n\n".join(c.body for c in old.all_clauses())
    rng = random.Random(3)
    tokens = text.split(" ")
    for i in rng.sample(range(len(tokens)), len(tokens) // 50):
        tokens[i] = rng.choice(_NEW_WORDS)
    edited = " ".join(tokens)
    for engine in ("fast", "python"):
        start = time.perf_counter()
        ops = diff_words(text, edited, engine=engine)
        ms = (time.perf_counter() - start) * 1000
        kept = sum(len(o.text) for o in ops if o.op == "equal") / len(text)
        print(
            f"One {len(text.split())}-word text, 2% changed ({engine:6}): {ms:7.1f} ms, {kept:.1%} kept unchanged (information)"
        )


if __name__ == "__main__":
    main()
