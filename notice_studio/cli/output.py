"""How a command's output reaches the user: files written atomically with a one-sentence error,
and text on the terminal with its control characters shown, never obeyed.

Text from colleagues (clause titles, review notes, edit messages, all received by sync) may hold
terminal control sequences: ESC [2J clears the screen, ESC ]0; retitles the window, a carriage
return overwrites the line. Every command prints through `sys.stdout` and `sys.stderr`, which
`terminal_safe_output` wraps while the command runs, so each such character is shown as its
escape (ESC as \\u001b) whatever the command. The escape is JSON's own, so `--json` output stays
exact JSON with the same values. What a command writes as data (the notice's Markdown, an
export or a table to '-') goes through `write_data`: exact when redirected to a file or pipe,
shown safely on a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from notice_studio.cli.common import CommandError
from notice_studio.core.fileio import write_atomic

_SHOWN = {
    c: f"\\u{c:04x}"
    for c in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    if chr(c) not in "\t\n"
}
"""C0 controls but tab and newline, DEL and the C1 controls (0x9b is a one-byte ESC [ to some terminals),
and the bidirectional embeddings, overrides and isolates, which make a line read in another order
than it is written (U+202E turns the rest of the line around)."""


def shown_safely(text: str) -> str:
    """`text` with each terminal control character written as its escape: 'ESC' as '\\u001b'."""
    return text.translate(_SHOWN)


class _SafeStream:
    """A text stream that writes control characters as their escapes; all else is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self.unescaped = stream

    def write(self, text: str) -> int:
        self.unescaped.write(shown_safely(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.unescaped, name)


@contextmanager
def terminal_safe_output() -> Iterator[None]:
    """While a command runs, everything it prints shows control characters harmlessly."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(saved[0]), _SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def write_data(text: str) -> None:
    """A command's data on standard output: exact into a file or pipe, shown safely on a terminal."""
    stream = sys.stdout
    raw = stream.unescaped if isinstance(stream, _SafeStream) else stream
    (stream if stream.isatty() else raw).write(text)


def write_output(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` (text as UTF-8); a refusal from the system becomes a CommandError."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        from notice_studio.core.oserrors import os_sentence  # the one plain sentence for a full disk and such

        raise CommandError(
            os_sentence(exc, f"Could not write {path}", str(path), "choose another path").rstrip(".")
        ) from None
