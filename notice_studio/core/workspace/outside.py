"""Files changed in the notice folder by another program (a hand edit, a crash mid-save) are shown
to counsel before anything is committed: keep them as an edit, or put the files back as last
saved. One rule for the app (a dialog at open) and the command line (a prompt on a terminal,
else `notice-studio outside-changes DIR --keep|--discard` first; while a git operation run by
hand is unfinished, Keep is refused, so the hint names git's own commands to finish or undo it,
and Discard undoes it). When the notice in the folder
cannot be read, only Discard is offered: nothing is saved over a damaged file, and putting the
last save back needs nothing but the history."""

from __future__ import annotations

from notice_studio.core.notice.store import Author, NoticeRepo
from notice_studio.core.workspace.interaction import Interaction

KEEP, DISCARD = "keep", "discard"
NOT_SETTLED = (
    "Nothing was done and the files changed outside Notice Studio are left as they are; run it again and "
    "keep or discard them."
)
CHOICES = ((KEEP, "Keep the changes (saved as an edit)"), (DISCARD, "Discard them (back to the last save)"))


def _names(paths: list[str]) -> str:
    return ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")


def outside_question(repo: NoticeRepo, paths: list[str]) -> str:
    return (
        f"These files in the notice folder were changed outside Notice Studio since the last save: {_names(paths)}. "
        "Keep the changes (they are saved as an edit) or discard them?"
    )


def unreadable_question(paths: list[str], problem: str) -> str:
    return (
        f"The notice cannot be read: {problem}. Files changed outside Notice Studio since the last save: "
        f"{_names(paths)}. Discard the changes to put back the last saved version (or cancel and fix the file)?"
    )


def unattended_hint(repo: NoticeRepo, paths: list[str]) -> str:
    """The one sentence a script is told instead of the question (nobody can answer it)."""
    unfinished = repo.unfinished_git_work()
    if unfinished:  # Keep would be refused: name git's own way out, and Discard's
        return (
            f"Files in the notice folder were changed outside Notice Studio since the last save ({_names(paths)}) "
            f"and {repo.unfinished_sentence(*unfinished)} (or undo it and put back the last save with "
            f"'notice-studio outside-changes {repo.path} --discard'), then run the command again."
        )
    return (
        f"Files in the notice folder were changed outside Notice Studio since the last save ({_names(paths)}); "
        f"keep them with 'notice-studio outside-changes {repo.path} --keep' or put back the last save with "
        f"'notice-studio outside-changes {repo.path} --discard', then run the command again."
    )


def discard_hint(repo: NoticeRepo, problem: str) -> str:
    """What a script is told when the changed notice cannot be read: Keep is no way out."""
    return (
        f"The notice in {repo.path} cannot be read after changes made outside Notice Studio ({problem}); "
        f"put back the last save with 'notice-studio outside-changes {repo.path} --discard' or fix the file, "
        "then run the command again."
    )


def settle_outside_changes(repo: NoticeRepo, interaction: Interaction, author: Author | None) -> bool:
    """Ask about files changed outside Notice Studio, if any, and keep or discard them.
    False when counsel cancel: nothing was committed and the files are as they were."""
    changed = repo.outside_changes()
    if not changed:
        return True
    unreadable = repo.draft_problem()
    if unreadable is None:
        choice = interaction.choose(outside_question(repo, changed), CHOICES, unattended=unattended_hint(repo, changed))
    else:
        question = unreadable_question(changed, unreadable.problem)
        choice = interaction.choose(question, CHOICES[1:], unattended=discard_hint(repo, unreadable.problem))
    if choice == KEEP:
        repo.keep_outside(author)
    elif choice == DISCARD:
        undone = repo.discard_outside()
        if undone:  # a git operation run by hand was undone too: say which
            interaction.inform(undone)
    return choice in (KEEP, DISCARD)
