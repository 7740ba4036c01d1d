"""Files changed in the notice folder by another program (a hand edit, a crash mid-save) are shown
to counsel before anything is committed: keep them as an edit, or put the files back as last
saved. One rule for the app (a dialog at open) and the command line (a prompt on a terminal,
else `notice-studio outside-changes DIR --keep|--discard` first)."""

from __future__ import annotations

from notice_studio.core.notice.store import Author, NoticeRepo
from notice_studio.core.workspace.interaction import Interaction

KEEP, DISCARD = "keep", "discard"
NOT_SETTLED = (
    "Nothing was done and the files changed outside Notice Studio are left as they are; run it again and "
    "keep or discard them."
)
CHOICES = ((KEEP, "Keep the changes (saved as an edit)"), (DISCARD, "Discard them (back to the last save)"))


def outside_question(repo: NoticeRepo, paths: list[str]) -> str:
    names = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    return (
        f"These files in the notice folder were changed outside Notice Studio since the last save: {names}. "
        "Keep the changes (they are saved as an edit) or discard them?"
    )


def unattended_hint(repo: NoticeRepo) -> str:
    return (
        f"Keep them with 'notice-studio outside-changes {repo.path} --keep' or discard them with "
        f"'--discard' (see them with 'notice-studio outside-changes {repo.path}'), then run the command again."
    )


def settle_outside_changes(repo: NoticeRepo, interaction: Interaction, author: Author | None) -> bool:
    """Ask about files changed outside Notice Studio, if any, and keep or discard them.
    False when counsel cancel: nothing was committed and the files are as they were."""
    changed = repo.outside_changes()
    if not changed:
        return True
    choice = interaction.choose(outside_question(repo, changed), CHOICES, unattended=unattended_hint(repo))
    if choice == KEEP:
        repo.keep_outside(author)
    elif choice == DISCARD:
        repo.discard_outside()
    return choice in (KEEP, DISCARD)
