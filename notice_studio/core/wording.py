"""Words in messages: one rule for '1 section' against '2 sections', one for naming the known
names when a typed one is unknown (closest first), and the sentence for a command stopped by Ctrl+C.

Imported first thing by the program's entry point, so it imports nothing at load time."""

from collections.abc import Sequence

STOPPED = (
    "stopped by Ctrl+C before it finished; the notice is as it was last saved (an edit being saved is "
    "put back, a sync stopped part-way is finished by the next one), so run the command again to finish it."
)
"""What a command interrupted at any moment says, from start-up to its last line (exit status 130)."""

SET_YOUR_NAME = "Edit > Settings"
"""Where the app sets the name and e-mail recorded on edits: the menu path every message names
(the welcome, the status bar, Getting started, the command line's help), one place to change it."""

UNKNOWN_AUTHOR_WARNING = (
    "your name and e-mail are not set, so this is recorded as an unknown author; set them with "
    'git config --global user.name "Your Name" and git config --global user.email you@example.com '
    f"(or in the app: {SET_YOUR_NAME})."
)
"""What a command line that records an edit says, once, when no one is set to record it under."""


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 section', '0 sections', '2 sections'; many is an irregular plural ('2 matches')."""
    return f"{n} {plural_word(n, word, many)}"


def plural_word(n: int, word: str, many: str | None = None) -> str:
    """The word alone, singular only for exactly one: 'section' or 'sections'."""
    return word if n == 1 else (many or word + "s")


def and_list(names: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def use_one_of(name: str, known: Sequence[str], listed_by: str = "") -> str:
    """The end of a refusal of an unknown name: 'use retention, or one of: id, label'. With
    `listed_by` (a command that lists them), a long list is left to it: 'use retention (… lists all)'."""
    from difflib import get_close_matches

    close = get_close_matches(name, known, n=3, cutoff=0.6)
    rest = [k for k in known if k not in close]
    if listed_by and len(rest) > 8:
        return f"use {' or '.join(close)} ({listed_by} lists them all)" if close else f"{listed_by} lists them all"
    if not close:
        return f"use one of: {', '.join(known)}"
    if not rest:
        return f"use {' or '.join(close)}"
    return f"use {' or '.join(close)}, or one of: {', '.join(rest)}"
