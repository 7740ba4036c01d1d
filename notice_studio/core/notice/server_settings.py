"""What opening a notice checks in its server settings, without the network.

A password or token an earlier version stored in a server's address is taken out of the
notice's git settings (it lay there in plain text), and a copy that lacks the published versions
(made with `git clone --no-tags`, or with versions on the server that a sync has not received)
is named, since "Last updated", the version numbers and change notices come from them.
"""

from __future__ import annotations

import json
import os
import subprocess
from typing import TYPE_CHECKING

from notice_studio.core.notice.server_address import Written, written_credentials
from notice_studio.core.wording import plural_word

if TYPE_CHECKING:
    from notice_studio.core.notice.store import NoticeRepo

CONTACT_FILE = "notice-studio-contact.json"
"""Server name -> when it last answered a sync or fetch (in .git)."""
MIRROR = "refs/notice-remote/"
"""Where a sync keeps what each server has: refs/notice-remote/<name>/tags/v3, .../reviews/<id>."""


def servers(repo: NoticeRepo) -> dict[str, dict[str, list[str]]]:
    """Server name -> its settings (url, pushurl, tagopt, ...: each a list, as git allows several)."""
    try:
        text = (repo.path / ".git" / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    if "[remote" not in text.lower():
        return {}  # no server: no process spent on asking git
    result: dict[str, dict[str, list[str]]] = {}
    for line in repo._git("config", "--local", "--list").splitlines():
        key, _, value = line.partition("=")
        name, _, setting = key[len("remote.") :].rpartition(".")
        if key.startswith("remote.") and name:
            result.setdefault(name, {}).setdefault(setting, []).append(value)
    return result


def contacts(repo: NoticeRepo) -> dict[str, str]:
    """Server name -> when it last answered (ISO 8601, UTC) a sync or fetch by Notice Studio."""
    try:
        data = json.loads((repo.path / ".git" / CONTACT_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def clear_written_passwords(repo: NoticeRepo, settings: dict[str, dict[str, list[str]]]) -> list[str]:
    """Take any password or token out of the servers' addresses (kept in plain text in
    .git/config by versions before they were refused), keeping the rest of each address, and give
    a user name and password to git's credential helper when one is set up, so syncing goes on
    working; one sentence for each server changed. Only a notice opened for editing is changed."""
    messages = []
    for name, values in settings.items():
        cleaned: list[str] = []
        helpers: set[str] = set()
        for setting in ("url", "pushurl"):
            urls = values.get(setting, [])
            written = [written_credentials(url) for url in urls]
            if not any(written):
                continue
            for url, found in zip(urls, written, strict=True):
                if found is not None and (helper := _give_to_helper(repo, url, found)):
                    helpers.add(helper)
            kept = [w.without if w else url for url, w in zip(urls, written, strict=True)]
            key = f"remote.{name}.{setting}"
            repo._git("config", "--local", "--replace-all", key, kept[0])
            for more in kept[1:]:
                repo._git("config", "--local", "--add", key, more)
            cleaned.append(kept[0])
        if not cleaned:
            continue
        said = (
            f"The address of the server '{name}' held a password or token in plain text in the notice's git "
            f"settings, so it was taken out (the address is now {cleaned[0]})"
        )
        if helpers:
            messages.append(f"{said} and given to git's credential helper ({', '.join(sorted(helpers))}) to keep.")
        else:
            messages.append(
                f"{said}; if syncing then asks for it, let git's credential helper keep it "
                "(git config --global credential.helper) or use an ssh key."
            )
    return messages


def _give_to_helper(repo: NoticeRepo, url: str, written: Written) -> str:
    """Hand an https user name and password to the credential helper git uses for `url`; the
    helper's name, or '' when none is set up (or it is ssh, or a token without a user name)."""
    if written.ssh or not written.user:
        return ""
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    git = ["git", "-C", str(repo.path)]
    found = subprocess.run(
        [*git, "config", "--get-urlmatch", "credential.helper", written.without],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    helper = found.stdout.strip()
    if found.returncode != 0 or not helper:
        return ""
    given = subprocess.run(
        [*git, "credential", "approve"], input=f"url={url}\n\n", capture_output=True, text=True, env=env
    )
    return helper if given.returncode == 0 else ""


def versions_not_here(repo: NoticeRepo, settings: dict[str, dict[str, list[str]]]) -> list[str]:
    """One sentence for each server whose published versions this copy lacks: those a sync or
    'status --fetch' saw on it and not received since, or, for a copy cloned with --no-tags that
    has no version and has never synced, all of them."""
    if not settings:
        return []
    here, refs = _version_refs(repo)
    answered = contacts(repo)
    messages = []
    for name, values in settings.items():
        missing = _missing(here, refs, name)
        if missing:
            messages.append(
                f"The server '{name}' has published {', '.join(missing)}, which this copy of the notice has not "
                f"received, so 'Last updated' and the change notices here do not yet count "
                f"{plural_word(len(missing), 'it', 'them')}; sync to receive {plural_word(len(missing), 'it', 'them')}."
            )
        elif "--no-tags" in values.get("tagopt", []) and name not in answered and not any(map(is_version, here)):
            messages.append(
                f"This copy of the notice was made without its published versions (git clone --no-tags from the "
                f"server '{name}'), so if any were published, 'Last updated', the version numbers and the change "
                "notices here would be wrong; sync with the server, or run 'git fetch --tags' in the notice "
                "folder, before you publish."
            )
    return messages


def missing_versions(repo: NoticeRepo, name: str) -> tuple[str, ...]:
    """The versions the server `name` had when last asked that this copy has not received."""
    here, refs = _version_refs(repo)
    return _missing(here, refs, name)


def unsent_versions(repo: NoticeRepo, name: str) -> tuple[str, ...]:
    """The versions published here that the server `name` did not have when last asked (one
    it refused, or one published since); meaningful once the notice has synced with it."""
    here, refs = _version_refs(repo)
    prefix = f"{MIRROR}{name}/tags/"
    there = {r[len(prefix) :] for r in refs if r.startswith(prefix)}
    return tuple(sorted((v for v in here if is_version(v) and v not in there), key=lambda v: int(v[1:])))


def _version_refs(repo: NoticeRepo) -> tuple[set[str], list[str]]:
    """(the tags here, every tag and mirrored tag ref), in one process."""
    refs = repo._git("for-each-ref", "--format=%(refname)", "refs/tags/", MIRROR).split()
    return {r[len("refs/tags/") :] for r in refs if r.startswith("refs/tags/")}, refs


def _missing(here: set[str], refs: list[str], name: str) -> tuple[str, ...]:
    prefix = f"{MIRROR}{name}/tags/"
    seen = [r[len(prefix) :] for r in refs if r.startswith(prefix)]
    return tuple(sorted((v for v in seen if is_version(v) and v not in here), key=lambda v: int(v[1:])))


def is_version(tag: str) -> bool:
    """A published version's tag: v1, v2, ..."""
    return tag.startswith("v") and tag[1:].isdigit()
