"""The narrow door through which the workspace asks the user something.

The command line answers from its flags (`--yes`, `--keep`) or a prompt; the app installs dialog
versions (as git-cola's `cola/interaction.py` does). Core code never prints or opens a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Interaction(Protocol):
    def confirm(self, question: str, *, default: bool = False) -> bool:
        """Yes or no."""
        ...

    def choose(self, question: str, options: Sequence[tuple[str, str]], *, unattended: str = "") -> str | None:
        """One of the option keys ((key, label) pairs), or None when the user cancels.
        `unattended`: the one sentence said instead of the question where nobody can be asked
        (a script): what happened and how to give the answer."""
        ...

    def inform(self, message: str) -> None:
        """Something the user should know; no answer needed."""
        ...


class Unattended:
    """Answers fixed in advance (flags, tests); what it was told is kept in `messages`."""

    def __init__(self, *, yes: bool = False, choice: str | None = None) -> None:
        self.yes = yes
        self.choice = choice
        self.messages: list[str] = []
        self.questions: list[str] = []

    def confirm(self, question: str, *, default: bool = False) -> bool:
        self.questions.append(question)
        return self.yes or default

    def choose(self, question: str, options: Sequence[tuple[str, str]], *, unattended: str = "") -> str | None:
        self.questions.append(question)
        keys = [key for key, _label in options]
        return self.choice if self.choice in keys else None

    def inform(self, message: str) -> None:
        self.messages.append(message)
