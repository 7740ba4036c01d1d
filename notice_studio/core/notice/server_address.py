"""Server addresses: which the user may give, and the password or token one must never hold.

Light on purpose (no merge machinery): opening a notice uses `written_credentials` to clear a
password an earlier version stored, and `store_remote` uses `server_address` for every address
typed in. One rule for both: what counts as a password or token written into an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from notice_studio.core.notice.model import NoticeError


class RemoteError(NoticeError):
    """Sync or a server operation failed; the message says what to do."""


def public_url(url: str) -> str:
    """The address without any user name or password written into it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme and parts.netloc and "@" in parts.netloc:
        return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
    return url


_SCHEMES = ("https", "http", "ssh", "file")
SCP_LIKE = re.compile(r"[^/:\s]+:")
"""git's short ssh form, [user@]host:path: a colon before any slash (a drive letter is a folder)."""
DRIVE = re.compile(r"[A-Za-z]:[\\/]")
_TOKEN_PREFIXES = ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "gldt-", "glptt-")
"""How GitHub's and GitLab's access tokens begin: written as the user name, they are a password."""
_ACCEPTED = "an https://, http:// or ssh:// address, git@host:path, a folder, or a file:// address"


@dataclass(frozen=True)
class Written:
    """A password or token written into an address."""

    without: str
    """The same address without it (a user name alone is kept: it is no secret)."""
    user: str
    secret: str
    ssh: bool


def written_credentials(url: str) -> Written | None:
    """The password or token written into `url` (`https://alice:TOKEN@host/…`, a GitHub or
    GitLab token as the user name, `alice:TOKEN@host:path`), or None when it holds none."""
    scheme, sep, rest = url.partition("://")
    if sep:
        if scheme.lower() not in _SCHEMES or scheme.lower() == "file":
            return None
        try:
            netloc = urlsplit(url).netloc
        except ValueError:
            return None
        userinfo, at, host = netloc.rpartition("@")
        if not at:
            return None
        found = _secret(userinfo, scheme.lower() == "ssh")
        if found is None:
            return None
        user, secret = found
        kept = f"{user}@{host}" if user else host
        return Written(url.replace(netloc, kept, 1), unquote(user), unquote(secret), scheme.lower() == "ssh")
    if DRIVE.match(url) or not SCP_LIKE.match(url):
        return None  # a folder
    userinfo, at, rest = url.partition("@")
    if not at or not SCP_LIKE.match(rest):
        return None
    found = _secret(userinfo, True)
    if found is None:
        return None
    user, secret = found
    return Written(f"{user}@{rest}" if user else rest, user, secret, True)


def _secret(userinfo: str, ssh: bool) -> tuple[str, str] | None:
    """(the user name to keep, the secret) from an address's 'user:password' part."""
    user, colon, password = userinfo.partition(":")
    if user.startswith(_TOKEN_PREFIXES):
        return "", user + colon + password
    if colon and password:
        return user, password
    return None


def server_address(text: str) -> str:
    """The server address to remember for what the user typed (`remote add`, `clone`, the app's
    dialogs), or a RemoteError saying why it cannot be used: an unknown kind of address, or a
    password or token written into it (it would be kept in plain text in the notice's git
    settings; git's credential helper or the ssh agent supplies it instead). A folder becomes an
    absolute path."""
    url = text.strip()
    if not url:
        raise RemoteError(f"Give the server's address: {_ACCEPTED}.")
    scheme, sep, _ = url.partition("://")
    if sep:
        if scheme.lower() not in _SCHEMES:
            raise RemoteError(
                f"'{public_url(url)}' is not a server address Notice Studio knows (it starts '{scheme}://'); "
                f"give {_ACCEPTED}."
            )
        url = scheme.lower() + url[len(scheme) :]  # git knows 'https', not 'HTTPS'
    elif DRIVE.match(url) or not SCP_LIKE.match(url):
        return str(Path(url).expanduser().absolute())  # a folder: remember where, whatever the current folder
    written = written_credentials(url)
    if written is not None:
        supplier = "your ssh key supply the access" if written.ssh else "git's credential helper supply the password"
        raise RemoteError(
            "The address has a password or token written into it, which Notice Studio never stores; "
            f"give the address without it ({written.without}) and let {supplier}."
        )
    return url
