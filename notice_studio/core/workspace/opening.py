"""Reading a notice folder for editing, in one piece of work a front end can run off its main
thread (the app reads it in the background; nothing here touches the user)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import NoticeRepo, Version


@dataclass(frozen=True)
class OpenedFolder:
    """A notice folder opened for editing (its lock taken) and what opening it read."""

    repo: NoticeRepo
    outside: list[str]
    """Files changed outside Notice Studio since the last save: shown to the user before the
    draft is read (core.workspace.outside)."""
    notice: Notice | None
    """The draft, read at once unless files were changed outside (then read once they are settled)."""
    versions: list[Version] | None


def open_for_editing(folder: str | os.PathLike[str]) -> OpenedFolder:
    """Take the notice's lock and read its draft and versions; the lock is given back when
    reading fails (a damaged file raises the NoticeError that names it)."""
    repo = NoticeRepo.open(folder, write=True, keep_outside_changes=False)
    try:
        outside = repo.outside_changes()
        if outside:
            return OpenedFolder(repo, outside, None, None)
        return OpenedFolder(repo, [], repo.load(), repo.versions())
    except BaseException:
        repo.close()
        raise
