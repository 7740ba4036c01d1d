"""A merge, rebase, cherry-pick, revert or `git am` run with git by hand on a notice's folder and
left stopped in conflict, on a file kept beside the notice (real git, no mocks)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from notice_support import git

HAND = ["-c", "user.name=Hand", "-c", "user.email=hand@paddock-riding.example"]
OPERATIONS = {
    "merge": (["merge", "coach"], "MERGE_HEAD"),
    "rebase": (["rebase", "coach"], "rebase-merge"),
    "cherry-pick": (["cherry-pick", "coach"], "CHERRY_PICK_HEAD"),
    "revert": (["revert", "coach"], "REVERT_HEAD"),
    "am": (["am"], "rebase-apply"),  # the patch file is added below
}
"""Each operation, as run by hand, and the mark it leaves in .git while it is unfinished."""


def left_unfinished(folder: Path, operation: str) -> str:
    """Two wordings of a file kept beside the notice, committed by hand on 'coach' and on main;
    `operation` stops on them in conflict (a revert takes coach's change back, `git am` applies it
    as a patch). Returns the draft's commit as git left it."""
    notes = folder / "minutes.txt"
    notes.write_text("Minutes of the riding school committee.\n", encoding="utf-8")
    git(folder, "add", "minutes.txt")
    git(folder, *HAND, "commit", "-qm", "minutes")
    git(folder, "checkout", "-q", "-b", "coach")
    notes.write_text("Minutes, as the coach keeps them.\n", encoding="utf-8")
    git(folder, *HAND, "commit", "-qam", "coach's minutes")
    git(folder, "checkout", "-q", "main")
    notes.write_text("Minutes, as the secretary keeps them.\n", encoding="utf-8")
    git(folder, *HAND, "commit", "-qam", "secretary's minutes")
    args, marker = OPERATIONS[operation]
    if operation == "am":
        patch = folder.parent / "coach.patch"
        patch.write_text(git(folder, "format-patch", "-1", "coach", "--stdout"), encoding="utf-8")
        args = [*args, str(patch)]
    with pytest.raises(subprocess.CalledProcessError):
        git(folder, *HAND, *args)
    assert (folder / ".git" / marker).exists()
    return git(folder, "rev-parse", "HEAD").strip()
