"""The service layer both front ends call: an open notice and every user action on it.

    with Workspace.open(folder, write=True) as ws:
        ws.rename("cookies", "Cookies and similar technologies")
        ws.save()

The command line and the app call these methods and nothing else decides: one rule, one place.
"""

from __future__ import annotations

from notice_studio.core.workspace.identity import current_author, save_identity, saved_identity
from notice_studio.core.workspace.interaction import Interaction, Unattended
from notice_studio.core.workspace.publishing import FIRST_VERSION_TEXT, PublishReview, finding_sentence
from notice_studio.core.workspace.team import TeamStatus, as_of, standing
from notice_studio.core.workspace.tree import NoticeTree, TreeEditor
from notice_studio.core.workspace.workspace import ClauseState, LibraryUpdate, VariantSwap, Workspace

__all__ = [
    "FIRST_VERSION_TEXT",
    "ClauseState",
    "Interaction",
    "LibraryUpdate",
    "NoticeTree",
    "PublishReview",
    "TeamStatus",
    "TreeEditor",
    "Unattended",
    "VariantSwap",
    "Workspace",
    "as_of",
    "current_author",
    "finding_sentence",
    "save_identity",
    "saved_identity",
    "standing",
]
