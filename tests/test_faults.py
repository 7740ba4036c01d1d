"""Fault harness: crashes at every write step, hostile names and values, YAML bombs, full disks.

Each numbered section reproduces one item of the reliability audit (issue 15) with real git
repositories and real processes: kill -9 is a real SIGKILL of a child process, and every
command-line check runs `python -m notice_studio` in a subprocess.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import html5lib
import pytest
from fault_injection import edit_killed_at
from markdown_it import MarkdownIt
from notice_support import AUTHOR, assert_fsck_clean, git, small_notice

from notice_studio.core.export.markdown import _body, markdown_is_inert, notice_markdown_text
from notice_studio.core.library.catalog import load_library
from notice_studio.core.library.parse import parse_clause_file
from notice_studio.core.library.templates import build_notice, list_templates, load_templates
from notice_studio.core.notice.autosave import AutoSaver
from notice_studio.core.notice.frontmatter import FormatError, load_yaml
from notice_studio.core.notice.model import Clause, Notice, NoticeError, Table
from notice_studio.core.notice.notice_format import NOTICE_FILE, notice_files
from notice_studio.core.notice.store import CorruptNoticeError, NoticeLockedError, NoticeRepo
from notice_studio.core.render.renderer import RenderOptions
from notice_studio.core.render.renderer import render as render_notice

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "notice_studio", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )


def assert_one_sentence(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 1, and stderr is one plain sentence (no traceback) that contains `words`."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("notice-studio: ") and lines[0].endswith("."), lines[0]
    for word in words:
        assert word in lines[0], lines[0]


def assert_sentence(message: str, *words: str) -> None:
    """A single plain sentence (no traceback, no line breaks) that contains `words`."""
    assert "\n" not in message and "Traceback" not in message and message.endswith("."), message
    for word in words:
        assert word in message, message


def files_in(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if ".git" not in p.parts}


# ===== 1. No write outside the notice; no symbolic link followed ==================================
def hostile_library(tmp_path: Path, table_name: str = "../../outside", outline: str = "- introduction") -> Path:
    library = tmp_path / "firm-library"
    (library / "templates").mkdir(parents=True)
    (library / "templates" / "evil.yaml").write_text(
        "id: evil\ntitle: Evil\njurisdictions: [gdpr]\n"
        f"outline:\n  {outline}\n"
        f"tables:\n  '{table_name}':\n    columns: [a]\n    rows: [[planted by a template]]\n"
    )
    return library


@pytest.mark.parametrize("table_name", ["../../outside", "/tmp/outside", "..", "a/b", "Cookies", "x.csv\\..\\y"])
def test_a_template_table_name_can_never_write_outside_the_notice(tmp_path: Path, table_name: str) -> None:
    library = hostile_library(tmp_path, table_name)
    templates, problems = load_templates([library])
    assert "evil" not in [t.id for t in templates]
    assert any("is not valid" in p.message and "evil.yaml" in str(p.path) for p in problems)
    before = files_in(tmp_path)
    result = cli("new", str(tmp_path / "work" / "notice"), "--template", "evil", "--library-dir", str(library))
    assert_one_sentence(result, "evil")
    assert files_in(tmp_path) == before  # nothing written anywhere, no half-made folder


def test_a_template_outline_id_that_is_a_path_is_refused(tmp_path: Path) -> None:
    library = hostile_library(tmp_path, "cookies", outline="- ../../escape")
    templates, problems = load_templates([library])
    assert "evil" not in [t.id for t in templates]
    assert any("not a valid clause id" in p.message for p in problems)


@pytest.mark.parametrize("bad", ["../x", "../../etc/passwd", "/abs", "a/b", ".hidden", "UPPER", "a\\b", "", "x" * 81])
def test_hostile_clause_ids_and_table_names_are_refused_before_any_write(tmp_path: Path, bad: str) -> None:
    notice = small_notice()
    with pytest.raises(NoticeError, match="not a valid clause id"):
        notice.add(Clause(bad, "T"))
    sneaky = small_notice()
    sneaky.find("children").id = bad  # as a buggy importer or workspace might
    with pytest.raises(NoticeError, match="not a valid clause id"):
        notice_files(sneaky)
    tabled = small_notice()
    tabled.tables[bad] = Table(["a"], [["b"]])
    with pytest.raises(NoticeError, match="not a valid table name"):
        notice_files(tabled)
    before = files_in(tmp_path)
    with pytest.raises(NoticeError):
        NoticeRepo.create(tmp_path / "n", tabled, AUTHOR)
    assert files_in(tmp_path) == before
    with NoticeRepo.create(tmp_path / "ok", small_notice(), AUTHOR) as repo:
        head = repo.head()
        with pytest.raises(NoticeError):
            repo.save(tabled, "x", AUTHOR)
        assert repo.head() == head
    assert files_in(tmp_path) - before == files_in(tmp_path / "ok") | {tmp_path / "ok"}


@pytest.mark.parametrize("bad", ["../../escape", "/etc/passwd", "a/../../b"])
def test_notice_yaml_naming_a_path_is_refused_with_a_sentence(tmp_path: Path, bad: str) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    yaml_path = tmp_path / "n" / NOTICE_FILE
    yaml_path.write_text(yaml_path.read_text().replace("- introduction", f"- '{bad}'"))
    for command in (["outline"], ["check"], ["set", "x=1"], ["export", "--format", "md", "--out", "o.md"]):
        result = cli(command[0], str(tmp_path / "n"), *command[1:])
        assert_one_sentence(result, "not a valid clause id")


def test_variable_names_from_the_command_line_are_checked(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    assert_one_sentence(cli("set", str(tmp_path / "n"), "../x=1"), "not a valid placeholder name")


def test_imported_headings_never_become_paths(tmp_path: Path) -> None:
    source = tmp_path / "policy.md"
    source.write_text(
        "# Policy\n\n## ../../escape\n\nText one.\n\n## /etc/passwd\n\nText two.\n\n## ..\\\\win\n\nText three.\n"
    )
    result = cli("import", str(source), str(tmp_path / "imported"))
    assert result.returncode == 0, result.stderr
    outside = files_in(tmp_path) - files_in(tmp_path / "imported") - {source, tmp_path / "imported"}
    assert outside == set()
    with NoticeRepo.open(tmp_path / "imported") as repo:
        ids = [c.id for c in repo.load().all_clauses()]
    assert ids and all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


@pytest.mark.parametrize("linked", ["clauses/security.md", "clauses", "tables", "library-base/retention.md"])
def test_symbolic_links_inside_the_notice_are_refused_not_followed(tmp_path: Path, linked: str) -> None:
    notice = small_notice()
    notice.tables["cookies"] = Table(["Name"], [["session"]])
    with NoticeRepo.create(tmp_path / "n", notice, AUTHOR):
        pass
    secret_dir = tmp_path / "secrets"
    secret_dir.mkdir()
    target = tmp_path / "n" / linked
    if target.is_dir():
        shutil.copytree(target, secret_dir / target.name)
        for f in (secret_dir / target.name).iterdir():
            f.write_text(f.read_text() + "\nTOP-SECRET-OUTSIDE-TEXT\n")
        shutil.rmtree(target)
        target.symlink_to(secret_dir / target.name)
    else:
        (secret_dir / "file").write_text(target.read_text() + "\nTOP-SECRET-OUTSIDE-TEXT\n")
        target.unlink()
        target.symlink_to(secret_dir / "file")
    for command in (["outline"], ["show"], ["export", "--format", "html", "--out", str(tmp_path / "o.html")]):
        assert_one_sentence(cli(command[0], str(tmp_path / "n"), *command[1:]), "symbolic link")
    assert_one_sentence(cli("set", str(tmp_path / "n"), "organisation.name=X"), "symbolic link")
    assert not (tmp_path / "o.html").exists()
    history = git(tmp_path / "n", "log", "-p", "--all")
    assert "TOP-SECRET-OUTSIDE-TEXT" not in history
    with pytest.raises(CorruptNoticeError, match="symbolic link"):
        NoticeRepo.open(tmp_path / "n", write=True)


def test_saving_never_writes_through_a_linked_folder(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR) as repo:
        notice = repo.load()
        outside = tmp_path / "outside"
        outside.mkdir()
        shutil.rmtree(tmp_path / "n" / "clauses")
        (tmp_path / "n" / "clauses").symlink_to(outside)
        notice.set_body("security", "changed")
        with pytest.raises(NoticeError, match="symbolic link"):
            repo.save(notice, "x", AUTHOR)
        assert list(outside.iterdir()) == []


# ===== 2. Markdown export is safe in any CommonMark renderer ======================================
class _TrustingRenderer(MarkdownIt):
    """CommonMark with raw HTML passed through and no URL check at all: the worst renderer."""

    def validateLink(self, url: str) -> bool:
        return True


TRUSTING = _TrustingRenderer("commonmark", {"html": True}).enable("table")
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "srcset", "poster", "background"}
_LIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "form", "base", "style", "meta", "link"}


def live_content(page: str) -> list[str]:
    """What in `page` could run script: a live tag, a handler attribute, a non-web URL."""
    found = []
    for element in html5lib.parse(page, namespaceHTMLElements=False).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _LIVE_TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{name}={value!r}")
            if name in _URL_ATTRS:
                squashed = re.sub(r"[\x00-\x20\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+", "", value).lower()
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", squashed)
                if scheme and scheme.group(1) not in ("http", "https", "mailto", "tel"):
                    found.append(f"{name}={value!r}")
    return found


MD_BODIES = [
    "\\`<img src=x onerror=alert(1)>\\`",  # looks like a code span, is not one
    "``<img src=x onerror=alert(1)>`",
    "a ` b\n` <img src=x onerror=alert(1)> `",  # a code span across lines shifts the pairing
    "| a |\n|---|\n| \\`<img src=x onerror=alert(1)>\\` |",
    "`a`<img src=x onerror=alert(1)>`b`",
    "<div>\n\n<img src=x onerror=alert(1)>\n\n</div>",
    "x <!-- y --> <img src=x onerror=alert(1)>",
    "[r]: {{evil}}\n\n[x][r]",
    "[x][r]\n\n[r]: {{evil}}",
    "<{{evil}}>",
    "[x]({{evil}})",
    "![x]({{evil}})",
    "[x](<{{evil}}>)",
    '[x](https://ok.example "{{evil}}")',
    "[r]: java{{tail}}\n\n[r]",
    "[x](java{{tail}})",
    "<java{{tail}}>",
    "[r]: &#106;avascript:alert(1)\n\n[r]",
    "[r]: javascript&colon;alert(1)\n\n[r]",
    "[r]: <javascript&colon;alert(1)>\n\n[r]",
    "[x](javascript&colon;alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "<&#106;avascript:alert(1)>",
    "[x](javascript\\:alert(1))",
    "[r]:\n  javascript:alert(1)\n\n[r]",
    "[x](\njavascript:alert(1))",
    "- [r]: javascript:alert(1)\n\n[r]",
    "> [r]: javascript:alert(1)\n\n[r]",
    '[r]\n[r]: javascript:alert(1) "t"',
    "[![i](x)](javascript:alert(1))",
    "[x](javascript:alert%281%29)",
    "<JAVASCRIPT:alert(1)>",
    "[x](<java script:alert(1)>)",
    "[x](java%09script:alert(1))",
]
MD_VALUES = [
    "javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "javascript\\:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    'x" onmouseover="alert(1)',
    "\\`<img src=x onerror=alert(1)>\\`",
    "https://ok.example/",
]


@pytest.mark.parametrize("body", MD_BODIES, ids=range(len(MD_BODIES)))
def test_markdown_export_is_inert_in_a_raw_html_commonmark_renderer(body: str) -> None:
    for value in MD_VALUES:
        notice = Notice(title="T {{ evil }}")
        notice.variables = {"evil": value, "tail": value[4:] if value.lower().startswith("java") else value}
        notice.add(Clause("a", "A {{ evil }}", body))
        notice.add(Clause("b", "B", "{{evil}} and [x][r] and [[a]]"))
        notice.tables["t"] = Table(["h"], [[body.replace("\n", " ")], ["{{ evil }}"]])
        notice.add(Clause("c", "C", "[[table:t]]"))
        exported = notice_markdown_text(notice)
        assert live_content(TRUSTING.render(exported)) == [], (body, value, exported)
        assert markdown_is_inert(exported)


def test_a_hostile_paragraph_is_escaped_and_the_rest_of_its_clause_keeps_its_formatting() -> None:
    notice = Notice(title="T")
    body = (
        "We **never** sell your data.\n\n"
        "- first item\n- second item\n\n"
        "Hostile <img src=x onerror=alert(1)> text.\n\n"
        "```\ncode with a blank line\n\nstill code\n```\n\n"
        "See [our site](https://ok.example)."
    )
    notice.add(Clause("a", "A", body))
    exported = notice_markdown_text(notice)
    assert markdown_is_inert(exported) and live_content(TRUSTING.render(exported)) == []
    assert "We **never** sell" in exported and "- first item" in exported
    assert "[our site](https://ok.example)" in exported
    assert "code with a blank line\n\nstill code" in exported
    assert "\\<img" in exported  # the hostile paragraph alone is escaped
    # An unsafe reference definition is escaped where it is, and the reference stays plain text.
    together = Notice(title="T")
    together.add(Clause("a", "A", "See [x][r].\n\n**Bold**\n\n[r]: javascript&colon;alert(1)"))
    exported = notice_markdown_text(together)
    assert markdown_is_inert(exported) and "**Bold**" in exported and "\\[r]: javascript" in exported
    assert live_content(TRUSTING.render(exported)) == []


def test_markdown_safety_net_spots_raw_html_and_unsafe_definitions() -> None:
    assert not markdown_is_inert("<img src=x onerror=alert(1)>")
    assert not markdown_is_inert("[r]\n\n[r]: javascript&colon;alert(1)")  # defined, even if unused
    assert not markdown_is_inert("[x](java%09script:alert(1))")
    assert markdown_is_inert("[x](https://ok.example) <mailto:a@b.example> `<b>`")


def test_shipped_templates_export_to_markdown_without_the_safety_fallback() -> None:
    library = load_library()
    for template in list_templates():
        notice = build_notice(template.id, "Acme Ltd", library=library)
        numbers = notice.numbers()
        for clause, depth, _number in notice.walk():
            body = _body(clause.body, min(depth + 2, 6), notice, numbers, RenderOptions(), "en")
            assert markdown_is_inert(body), (template.id, clause.id)


def test_placeholders_in_image_sources_are_filled_and_checked() -> None:
    notice = Notice(title="T")
    notice.variables = {"logo": "https://cdn.example/logo.png", "bad": "javascript:alert(1)"}
    notice.add(Clause("a", "A", "![Logo]({{logo}}) ![Bad]({{bad}})"))
    page = render_notice(notice).html
    assert "https://cdn.example/logo.png" in page and "%7B%7Blogo%7D%7D" not in page
    assert "javascript" not in page.lower()


# ===== 3. A notice from a newer Notice Studio is refused, never rewritten =========================
def test_a_newer_format_is_refused_and_left_untouched(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    yaml_path = tmp_path / "n" / NOTICE_FILE
    yaml_path.write_text(re.sub(r"(?m)^format: \d+$", "format: 99", yaml_path.read_text()) + "reviewers: [ann, bo]\n")
    git(tmp_path / "n", "-c", "user.name=A", "-c", "user.email=a@b.example", "commit", "-qam", "Saved by version 2")
    before = yaml_path.read_bytes()
    for command in (["outline"], ["set", "organisation.name=X"], ["check"]):
        assert_one_sentence(cli(command[0], str(tmp_path / "n"), *command[1:]), "newer Notice Studio", "update")
    with pytest.raises(NoticeError, match="newer Notice Studio"):
        NoticeRepo.open(tmp_path / "n", write=True)
    assert yaml_path.read_bytes() == before
    assert git(tmp_path / "n", "status", "--porcelain") == ""


# ===== 4. kill -9 at every write step of every edit kind ==========================================
EDIT_KINDS = ["create", "edit", "add", "insert", "remove", "move", "variable", "table", "publish", "restore"]


def _base_repo(tmp_path: Path) -> Path:
    base = tmp_path / "base"
    with NoticeRepo.create(base, small_notice(), AUTHOR) as repo:
        notice = repo.load()
        notice.set_body("children", "Our service is not meant for children under 13.")
        repo.save(notice, "Edited 'Children'", AUTHOR)
    return base


def _age_git_locks(folder: Path) -> None:
    """As if the user reopened the notice a minute after the crash."""
    old = time.time() - 60
    for lock in (folder / ".git").rglob("*.lock"):
        with contextlib.suppress(FileNotFoundError):  # a git the killed process started may still finish
            os.utime(lock, (old, old))


def _notice_state(folder: Path, write: bool = True) -> tuple[dict[str, str], list[str]]:
    with NoticeRepo.open(folder, write=write) as repo:
        notice = repo.load()
        notice.notice_id = ""  # made afresh by each create: not part of what was saved
        files = notice_files(notice)
        tags = [v.name for v in repo.versions()]
        if write:
            assert git(folder, "status", "--porcelain", "--", NOTICE_FILE, "clauses", "library-base", "tables") == ""
    return files, tags


@pytest.mark.parametrize("kind", EDIT_KINDS)
def test_kill_9_at_every_write_step_leaves_a_notice_that_reopens(tmp_path: Path, kind: str) -> None:
    base = _base_repo(tmp_path)
    before = _notice_state(base) if kind != "create" else None
    done = tmp_path / "done"
    if kind != "create":
        shutil.copytree(base, done)
    assert edit_killed_at(done, kind, 10_000)
    after = _notice_state(done)
    kills = 0
    for step in range(1, 200):
        folder = tmp_path / f"kill-{step}"
        if kind != "create":
            shutil.copytree(base, folder)
        if edit_killed_at(folder, kind, step):
            break
        kills += 1
        if kind == "create" and not folder.exists():
            continue  # killed before the finished notice was moved into place: nothing half-made
        _age_git_locks(folder)
        assert_fsck_clean(folder)
        seen = _notice_state(folder, write=False)  # what `outline` or `show` would print now
        assert seen in (before, after), f"{kind}: killed at step {step}, a reader sees a half-saved notice"
        state = _notice_state(folder)
        assert state in (before, after), f"{kind}: killed at step {step}, the notice is neither before nor after"
        assert_fsck_clean(folder)
        shutil.rmtree(folder)
    else:
        pytest.fail("the edit never finished")
    assert kills >= 4  # every kind has at least its writes and its commit to be killed in


# ===== 5. Stale git locks of every kind are recovered ============================================
@pytest.mark.parametrize(
    "lock", ["index.lock", "HEAD.lock", "config.lock", "refs/heads/main.lock", "next-index-42.lock"]
)
def test_a_stale_git_lock_of_any_kind_is_recovered(tmp_path: Path, lock: str) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    path = tmp_path / "n" / ".git" / lock
    path.write_text("")
    old = time.time() - 60
    os.utime(path, (old, old))
    result = cli("set", str(tmp_path / "n"), "organisation.name=Acme Group")
    assert result.returncode == 0, result.stderr
    assert "lock file left by an earlier crash" in result.stderr
    assert f"removed ({lock})" in result.stderr  # the lock cleared is named ...
    rebuilt = "index rebuilt" in result.stderr  # ... and the index said rebuilt only when its lock was the one
    assert rebuilt == (lock == "index.lock" or lock.startswith("next-index-")), result.stderr
    assert not path.exists()
    assert "Acme Group" in git(tmp_path / "n", "show", "HEAD:notice.yaml")
    assert_fsck_clean(tmp_path / "n")


# ===== 6. A damaged version tag is named, not silently dropped ====================================
def test_a_damaged_version_tag_is_reported_by_log_and_site(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    with NoticeRepo.create(folder, small_notice(), AUTHOR) as repo:
        repo.publish(dt.date(2026, 1, 1), "First.", True, "Jane", AUTHOR)
        notice = repo.load()
        notice.set_body("security", "Changed.")
        repo.save(notice, "Edited", AUTHOR)
        repo.publish(dt.date(2026, 2, 1), "Second.", True, "Jane", AUTHOR)
    (folder / ".git" / "refs" / "tags" / "v2").write_text("0123456789012345678901234567890123456789\n")
    git(folder, "tag", "v3", "HEAD")  # a lightweight tag: no date, no change notice
    for command in (["log"], ["site", "--out", str(tmp_path / "site")]):
        result = cli(command[0], str(folder), *command[1:])
        assert "v2 is damaged" in result.stderr and "v3 is damaged" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        if command == ["log"]:  # the readable versions are still listed (their signatures read one by one)
            assert result.returncode == 0 and "  v1  effective 2026-01-01" in result.stdout, result.stdout


# ===== 7. The notice lock is taken atomically =====================================================
_HOLDER = """
import sys, time
from notice_studio.core.notice.store import NoticeRepo, NoticeLockedError
try:
    repo = NoticeRepo.open(sys.argv[1], write=True)
except NoticeLockedError:
    print("refused"); sys.exit(0)
print("holder", flush=True)
time.sleep(1.5)  # hold it while the others try
repo.close()
"""


def test_four_processes_racing_over_a_stale_lock_leave_one_holder(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    lock = tmp_path / "n" / ".git" / "notice-studio.lock"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _trial in range(5):
        lock.write_text("999999 " + os.uname().nodename + "\n")  # left by a process that died
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _HOLDER, str(tmp_path / "n")], stdout=subprocess.PIPE, text=True, env=env
            )
            for _ in range(4)
        ]
        outputs = [p.communicate(timeout=60)[0] for p in procs]
        assert sum("holder" in out for out in outputs) == 1, outputs


def test_a_lock_naming_a_live_unrelated_process_does_not_block_forever(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    (tmp_path / "n" / ".git" / "notice-studio.lock").write_text(f"1 {os.uname().nodename}\n")  # pid 1 lives
    with NoticeRepo.open(tmp_path / "n", write=True) as repo:
        assert any("closed unexpectedly" in m for m in repo.recovery.messages)
        with pytest.raises(NoticeLockedError, match="close it there"):
            NoticeRepo.open(tmp_path / "n", write=True)


# ===== 8. YAML bombs in every reader ==============================================================
BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
)
RECURSIVE = "a: &a [*a]\n"


@pytest.mark.parametrize("where", ["notice.yaml", "front matter"])
@pytest.mark.parametrize("bomb", [BOMB, RECURSIVE], ids=["bomb", "recursive"])
def test_yaml_bombs_in_a_notice_are_refused_quickly(tmp_path: Path, where: str, bomb: str) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    if where == "notice.yaml":
        path = tmp_path / "n" / NOTICE_FILE
        path.write_text(path.read_text() + "settings:\n  " + bomb.replace("\n", "\n  ").rstrip() + "\n")
    else:
        path = tmp_path / "n" / "clauses" / "security.md"
        path.write_text(path.read_text().replace("---\n", "---\n" + bomb, 1))
    started = time.monotonic()
    for command in (
        ["outline"],
        ["show"],
        ["check"],
        ["set", "organisation.name=X"],
        ["export", "--format", "md", "--out", str(tmp_path / "o.md")],
    ):
        assert_one_sentence(cli(command[0], str(tmp_path / "n"), *command[1:], timeout=30), "alias")
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("bomb", [BOMB, RECURSIVE], ids=["bomb", "recursive"])
def test_yaml_bombs_in_the_library_and_templates_are_problems(tmp_path: Path, bomb: str) -> None:
    text = "---\nid: bomb\ntitle: Bomb\ntopic: security\njurisdictions: [all]\nversion: 1\n" + bomb + "---\nBody.\n"
    parsed = parse_clause_file(text, tmp_path / "bomb.md")
    assert parsed.clause is None and "alias" in parsed.problems[0].message
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "bomb.yaml").write_text("id: bomb\ntitle: B\n" + bomb)
    templates, problems = load_templates([tmp_path])
    assert not templates and "alias" in problems[0].message
    with pytest.raises(FormatError, match="alias"):
        load_yaml(bomb, "v1")


def test_duplicate_yaml_keys_are_refused_with_the_line() -> None:
    with pytest.raises(FormatError, match=r"notice.yaml, line 3: .*'title' is given twice"):
        load_yaml("format: 1\ntitle: A\ntitle: B\n", "notice.yaml")


# ===== 9. Errors the user can meet are sentences ==================================================
def test_a_clause_path_that_is_a_folder_is_a_sentence(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    (tmp_path / "n" / "clauses" / "security.md").unlink()
    (tmp_path / "n" / "clauses" / "security.md").mkdir()
    assert_one_sentence(cli("outline", str(tmp_path / "n")), "is a folder")


def test_no_git_on_the_path_is_a_sentence(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    python_dir = str(Path(sys.executable).parent)
    result = cli("outline", str(tmp_path / "n"), env={"PATH": python_dir})
    assert_one_sentence(result, "git program", "install")


def test_a_missing_git_object_is_a_sentence(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR) as repo:
        repo.publish(dt.date(2026, 1, 1), "First.", True, "Jane", AUTHOR)
    blob = git(tmp_path / "n", "rev-parse", "HEAD:clauses/security.md").strip()
    (tmp_path / "n" / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    assert_one_sentence(cli("show", str(tmp_path / "n"), "--version", "v1"), "damaged", "backup")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders, so this cannot fail as root")
def test_a_read_only_notice_is_a_sentence(tmp_path: Path) -> None:  # pragma: no cover - not as root
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    for path in [tmp_path / "n", *(tmp_path / "n").rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        assert_one_sentence(cli("set", str(tmp_path / "n"), "organisation.name=X"), "cannot be written")
    finally:
        for path in [tmp_path / "n", *(tmp_path / "n").rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)


def _small_tmpfs(tmp_path: Path) -> Path | None:
    mount = tmp_path / "tiny"
    mount.mkdir()
    if shutil.which("mount") is None:
        return None
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True)
    return mount if done.returncode == 0 else None


def test_a_full_disk_is_a_sentence_and_loses_nothing(tmp_path: Path) -> None:
    mount = _small_tmpfs(tmp_path)
    if mount is None:
        pytest.skip("this machine does not allow mounting a small tmpfs (needs root outside a container)")
    try:
        with NoticeRepo.create(mount / "n", small_notice(), AUTHOR):
            pass
        filler = mount / "filler"
        fd = os.open(filler, os.O_CREAT | os.O_WRONLY)
        try:
            while os.write(fd, b"x" * 4096):
                pass
        except OSError:
            pass  # the disk is full now
        finally:
            os.close(fd)
        result = cli("set", str(mount / "n"), "organisation.name=" + "Y" * 50_000)
        assert_one_sentence(result, "disk is full")
        filler.unlink()
        assert cli("outline", str(mount / "n")).returncode == 0  # no empty lock file blocks it
        assert cli("set", str(mount / "n"), "organisation.name=Z").returncode == 0
        assert_fsck_clean(mount / "n")
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_read_only_disk_is_a_sentence(tmp_path: Path) -> None:
    mount = _small_tmpfs(tmp_path)
    if mount is None:
        pytest.skip("this machine does not allow mounting a small tmpfs (needs root outside a container)")
    try:
        with NoticeRepo.create(mount / "n", small_notice(), AUTHOR):
            pass
        assert subprocess.run(["mount", "-o", "remount,ro", str(mount)], capture_output=True).returncode == 0
        assert_one_sentence(cli("set", str(mount / "n"), "organisation.name=X"), "cannot be written")
        assert cli("outline", str(mount / "n")).returncode == 0  # reading still works
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


# ===== 12. Smaller ones ==========================================================================
def test_notice_files_are_readable_by_the_group_like_any_saved_file(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
            pass
    finally:
        os.umask(old)
    for path in (tmp_path / "n" / NOTICE_FILE, tmp_path / "n" / "clauses" / "security.md"):
        assert path.stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "n").stat().st_mode & 0o777 == 0o755


# ===== 11. Continuous typing is committed at least every second ===================================
def test_autosave_commits_within_a_second_while_typing_never_pauses(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR) as repo:
        saved: list[float] = []
        saver = AutoSaver(repo, AUTHOR, idle_seconds=1.5, max_wait_seconds=0.5, on_saved=lambda _c: saved.append(1))
        notice = repo.load()
        typing = threading.Event()
        started = time.monotonic()
        keystrokes = 0
        while time.monotonic() - started < 2.0:  # a keystroke every 50 ms, never a 1.5 s pause
            keystrokes += 1
            notice.set_body("security", "x" * keystrokes)
            saver.edited(notice_files(notice), clause_title="Security")
            typing.wait(0.05)
        committed_while_typing = len(saved)
        saver.flush()
        assert committed_while_typing >= 2  # the idle pause alone would have committed nothing yet
        assert repo.load().find("security").body == "x" * keystrokes


# ===== 9 and 12: empty lock files, packing after command-line saves ===============================
def test_an_empty_lock_file_left_by_a_full_disk_does_not_block_opening(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    (tmp_path / "n" / ".git" / "notice-studio.lock").write_text("")
    started = time.monotonic()
    with NoticeRepo.open(tmp_path / "n", write=True) as repo:
        assert repo.load().title
    assert time.monotonic() - started < 5


def test_closing_after_saves_packs_the_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(NoticeRepo, "PACK_LOOSE_OBJECTS", 10)
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    for i in range(4):  # four separate command-line runs, each one save
        with NoticeRepo.open(tmp_path / "n", write=True) as repo:
            notice = repo.load()
            notice.set_variable("organisation.name", f"Acme {i}")
            repo.save(notice, "Filled in", AUTHOR)
    loose = dict(line.split(": ") for line in git(tmp_path / "n", "count-objects", "-v").splitlines())
    assert int(loose["count"]) < 10 and int(loose["in-pack"]) > 0
    assert_fsck_clean(tmp_path / "n")


# ===== 10. Imports and checks stay bounded on huge or hostile input ===============================
def test_html_nested_thousands_deep_imports_without_a_recursion_error(tmp_path: Path) -> None:
    from notice_studio.core.importer import import_file

    page = tmp_path / "deep.html"
    depth = 20_000
    page.write_text(
        "<html><body><h1>Privacy notice</h1><h2>Who we are</h2><p>We are a small shop.</p>"
        + "<div>" * depth
        + "<p>Deep words survive.</p>"
        + "</div>" * depth
        + "<h2>Your rights</h2><p>You may ask for a copy.</p></body></html>",
        encoding="utf-8",
    )
    outline = import_file(page)
    assert [s.title for s in outline.sections] == ["Who we are", "Your rights"]
    assert "Deep words survive." in outline.sections[0].body


def _padded_docx(path: Path, padding: int) -> None:
    """A real Word file whose document part carries `padding` spaces: tiny packed, huge unpacked."""
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("We are a small shop.")
    plain = path.with_suffix(".plain.docx")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * padding, 1)
            out.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def test_a_word_file_that_unpacks_huge_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from notice_studio.core import zipguard
    from notice_studio.core.importer import ImportProblem, import_file

    bomb = tmp_path / "bomb.docx"
    _padded_docx(bomb, zipguard.MAX_UNPACKED + 1024)
    assert bomb.stat().st_size < 1024 * 1024  # small on disk
    with pytest.raises(ImportProblem) as problem:
        import_file(bomb)
    assert_sentence(str(problem.value), "far more than any notice")
    ordinary = tmp_path / "ordinary.docx"
    _padded_docx(ordinary, 1024)
    assert "small shop" in import_file(ordinary).sections[0].body


def test_a_word_review_copy_that_unpacks_huge_is_refused(tmp_path: Path) -> None:
    from notice_studio.core import zipguard
    from notice_studio.core.wordreview import read_review

    bomb = tmp_path / "review.docx"
    _padded_docx(bomb, zipguard.MAX_UNPACKED + 1024)
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR) as repo, pytest.raises(NoticeError) as problem:
        read_review(repo, bomb)
    assert_sentence(str(problem.value), "far more than any notice")


def test_checking_a_section_of_many_megabytes_reads_only_its_first_million_characters() -> None:
    from notice_studio.core.checks import run_checks
    from notice_studio.core.checks.scan import CHECKED_CHARS

    notice = small_notice()
    sentence = "We keep records as long as needed, then delete them. "
    notice.set_body("security", sentence * (3 * CHECKED_CHARS // len(sentence)) + "[TBD]")
    report = run_checks(notice)
    too_large = [f for f in report.findings if f.rule == "clause-too-large"]
    assert len(too_large) == 1 and too_large[0].clause_id == "security" and too_large[0].severity == "error"
    assert f"{CHECKED_CHARS:,}" in too_large[0].message
    assert not [f for f in report.findings if f.rule == "drafting-marker"]  # past the checked part
    assert all((f.end or 0) <= CHECKED_CHARS for f in report.findings if f.clause_id == "security")
    notice.set_body("security", "We protect your data. [TBD]")
    rules = {f.rule for f in run_checks(notice).findings}
    assert "drafting-marker" in rules and "clause-too-large" not in rules
