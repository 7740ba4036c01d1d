"""What each version's page of the website folder is made from, as one digest per page, so a
build skips the pages whose digest is the one recorded when they were written (and whose file is
still as written): a notice with hundreds of versions is not read and rendered again each time.

A page's digest covers everything its text comes from: the version (its saved edit, which fixes
the notice's text, and what its tag records), what the schedule says of it on the build's day,
the page's options, and this Notice Studio's own code and the libraries that render it (an
update that renders differently makes every page again).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from notice_studio import __version__
from notice_studio.core.export.version_banner import version_status
from notice_studio.core.notice.store import Version
from notice_studio.core.publishing.schedule import Schedule, takes_effect_after

_CODE = Path(__file__).resolve().parent.parent  # notice_studio/core: rendering, export, schedule
_LIBRARIES = ("markdown-it-py", "nh3", "fast-diff-match-patch", "diff-match-patch")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the code that makes the pages: the core's sources and the rendering libraries' versions."""
    digest = hashlib.sha256(f"notice-studio={__version__}".encode())  # a frozen app may ship no sources
    for path in sorted(_CODE.rglob("*.py")):
        digest.update(path.relative_to(_CODE).as_posix().encode())
        digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def page_digests(versions: Sequence[Version], plan: Schedule, redlines: bool) -> dict[str, str]:
    """Each version page's and redline page's digest (file name -> digest); `versions` oldest first."""
    digests: dict[str, str] = {}
    for i, version in enumerate(versions):
        # The banner's words in one language stand for them in any: the version's text (its
        # language too) is fixed by its saved edit, and the dates in them by its record.
        status = version_status(version, plan, "en", current_href="index.html")
        options = (takes_effect_after(version, plan.today), plan.never_took_effect(version))
        digests[f"{version.name}.html"] = _digest("page", repr(version), status, repr(options))
        if redlines and gets_redline(version, versions, plan):
            previous = plan.replaces(version) or versions[i - 1]
            digests[f"redline-{version.name}.html"] = _digest("redline", repr(previous), repr(version))
    return digests


def gets_redline(version: Version, versions: Sequence[Version], plan: Schedule) -> bool:
    """A version gets a page of what changed unless nothing came before it for readers (the first
    version readers get, or the oldest tag)."""
    return version.number > versions[0].number and not plan.is_first(version)


def _digest(*parts: str) -> str:
    return hashlib.sha256(json.dumps([code_digest(), *parts]).encode()).hexdigest()
