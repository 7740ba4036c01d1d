"""Publish tags signed with a real gpg key (a temporary GNUPGHOME, a key without passphrase);
status shows whether each version's signature verifies here."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from gpg_support import NO_GPG, WHY, gpg_keys, sign_with
from notice_support import assert_fsck_clean, git
from remote_support import OTHER, edit, shared_notice, sync

from notice_studio.cli import main
from notice_studio.core.notice import store_remote
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Workspace

pytestmark = pytest.mark.skipif(NO_GPG, reason=WHY)
PUBLISH = ("--effective", "2026-03-01", "--force", "--approved-by", "GC")


@pytest.fixture
def gpg_homes() -> Iterator[tuple[Path, str, Path, str]]:
    """Two GNUPGHOMEs, each with its own signing key: (home, fingerprint) for Jane and for an outsider."""
    with gpg_keys("Jane Counsel <jane@example.com>", "Omar Outside <omar@example.com>") as keys:
        (jane_home, jane_key), (outsider_home, outsider_key) = keys
        yield jane_home, jane_key, outsider_home, outsider_key


def _status(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[dict[str, str], str]:
    assert main(["status", str(folder), "--json"]) == 0
    signatures = json.loads(capsys.readouterr().out)["signatures"]
    assert main(["status", str(folder)]) == 0
    return signatures, capsys.readouterr().out


def test_publish_signs_the_tag_with_gpg_and_status_shows_which_verify(
    tmp_path: Path, gpg_homes: tuple[Path, str, Path, str], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    jane_home, jane_key, outsider_home, outsider_key = gpg_homes
    server, yours, theirs = shared_notice(tmp_path)
    monkeypatch.setenv("GNUPGHOME", str(jane_home))
    sign_with(yours, jane_key)
    edit(yours, lambda n: n.set_body("security", "We protect your data with encryption at rest."))
    assert main(["publish", str(yours), *PUBLISH]) == 0
    capsys.readouterr()
    raw = git(yours, "cat-file", "-p", "v1")
    assert "-----BEGIN PGP SIGNATURE-----" in raw  # the tag itself carries the signature
    verify = subprocess.run(["git", "-C", str(yours), "verify-tag", "v1"], capture_output=True, text=True)
    assert verify.returncode == 0 and "Good signature" in verify.stderr and "Jane Counsel" in verify.stderr
    with NoticeRepo.open(yours) as repo:
        assert store_remote.signing_configured(repo)
        signature = store_remote.version_signatures(repo)["v1"]
        assert signature.state == "verified" and "jane@example.com" in signature.signer
    signatures, text = _status(capsys, yours)
    assert signatures == {"v1": "verified"} and "Signed versions: v1 verified." in text
    assert sync(yours).sent

    # An outsider publishes v2 with a key this keyring has never seen.
    monkeypatch.setenv("GNUPGHOME", str(outsider_home))
    sync(theirs, OTHER)
    sign_with(theirs, outsider_key)
    edit(theirs, lambda n: n.set_body("children", "Not meant for anyone under 13."), author=OTHER)
    assert main(["publish", str(theirs), "--effective", "2026-04-01", *PUBLISH[2:]]) == 0
    capsys.readouterr()
    assert sync(theirs, OTHER).sent
    signatures, _ = _status(capsys, theirs)
    assert signatures == {"v1": "not verified", "v2": "verified"}  # the outsider does not know Jane's key

    monkeypatch.setenv("GNUPGHOME", str(jane_home))
    sync(yours)
    signatures, text = _status(capsys, yours)
    assert signatures == {"v1": "verified", "v2": "not verified"}
    assert "Signed versions: v1 verified, v2 not verified." in text
    # The log says it on each version line, and in its JSON.
    assert main(["log", str(yours)]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.startswith("  v")}
    assert "2026-03-01" in lines["v1"] and lines["v1"].endswith("signed, verified (Jane Counsel <jane@example.com>)")
    assert lines["v2"].endswith("signed, NOT verified")
    assert main(["log", str(yours), "--json"]) == 0
    logged = {v["version"]: v["signature"] for v in json.loads(capsys.readouterr().out)["versions"]}
    assert logged == {
        "v1": {"state": "verified", "signer": "Jane Counsel <jane@example.com>"},
        "v2": {"state": "not verified", "signer": ""},
    }
    # An open notice verifies each tag once (the History panel reads this after every save);
    # opening it again checks again, here with the outsider's keyring, which does not know Jane.
    with Workspace.open(yours) as ws:
        assert ws.version_signatures()["v1"].state == "verified"
        monkeypatch.setenv("GNUPGHOME", str(outsider_home))
        assert ws.version_signatures()["v1"].state == "verified"
    with Workspace.open(yours) as ws:
        assert ws.version_signatures()["v1"].state == "not verified"
    for folder in (server, yours, theirs):
        assert_fsck_clean(folder)
