"""How slow work says how far it has got: `progress(done, total, what)`, called from the worker.

The command line prints it on stderr once the work has taken a moment; the app moves a bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Progress = Callable[[int, int, str], None]
T = TypeVar("T")


def counted(items: Iterable[T], total: int, what: str, progress: Progress | None, steps: int = 20) -> Iterator[T]:
    """`items`, telling `progress` each time about another 1/`steps` of `total` is done."""
    if progress is None:
        yield from items
        return
    every = max(1, total // steps)
    progress(0, total, what)
    done = 0
    for done, item in enumerate(items, 1):
        yield item
        if done % every == 0:
            progress(done, total, what)
    if done % every:
        progress(done, total, what)
