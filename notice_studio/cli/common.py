"""What every command shares: opening a notice, printing JSON, turning errors into one sentence."""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.oserrors import failure_sentence
from notice_studio.core.wording import STOPPED

if TYPE_CHECKING:
    from notice_studio.core.notice.store import Author
    from notice_studio.core.workspace import Workspace


class CommandError(Exception):
    """A failure to report as one sentence with exit status 1."""


def run_command(func: Callable[[argparse.Namespace], int | None], args: argparse.Namespace, debug: bool = False) -> int:
    _interrupt_raises()
    try:
        _check_arguments(args)
        return int(func(args) or 0)
    except (CommandError, NoticeError, FormatError) as exc:
        print(f"notice-studio: {_sentence(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"notice-studio: {STOPPED}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if _interrupted(exc):  # Ctrl+C inside a module loaded on the way (3.11 wraps it in a RuntimeError)
            print(f"notice-studio: {STOPPED}", file=sys.stderr)
            return 130
        if debug:
            raise
        known = failure_sentence(exc, "The command could not finish")  # a full disk, a read-only folder, ...
        if known is not None:
            print(f"notice-studio: {known}", file=sys.stderr)
            return 1
        print(
            f"notice-studio: something unexpected went wrong ({exc.__class__.__name__}: {exc}); "
            "run again with NOTICE_STUDIO_DEBUG=1 for details and report it.",
            file=sys.stderr,
        )
        return 1


def _interrupt_raises() -> None:
    """From here Ctrl+C raises KeyboardInterrupt (caught above), so a save it cuts into is rolled
    back; the entry point's start-up handler, which stops at once, is replaced."""
    with suppress(ValueError):  # not the main thread: signals are not ours to change
        if getattr(signal.getsignal(signal.SIGINT), "while_starting", False):
            signal.signal(signal.SIGINT, signal.default_int_handler)


def _interrupted(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse an argument that is not UTF-8 (as files and standard input are) before anything runs."""
    from notice_studio.core.text_input import shown, utf8_text

    for value in vars(args).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                utf8_text(item, f"The argument '{shown(item)}'", "give it as UTF-8 text and try again")


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."


@contextmanager
def open_notice(folder: str, write: bool = False) -> Iterator:
    """Open a notice folder for a command; reports repairs the store made on stderr."""
    from notice_studio.core.notice.store import NoticeRepo
    from notice_studio.core.workspace.outside import NOT_SETTLED, settle_outside_changes

    repo = NoticeRepo.open(folder, write=write, keep_outside_changes=False)
    try:
        for message in repo.recovery.messages:
            print(f"notice-studio: {message}", file=sys.stderr)
        if write and not settle_outside_changes(repo, Prompt(), author()):
            raise CommandError(NOT_SETTLED)
        yield repo
    finally:
        repo.close()


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def add_folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", help="the notice folder")


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print stable JSON instead of text")


def version_ref(text: str) -> str:
    """A version as typed on the command line: 'V2' and ' v2 ' are v2, 'Draft' is the draft; a
    saved edit's commit id is kept as given."""
    shown = text.strip()
    return shown.lower() if re.fullmatch(r"[vV]\d+|[dD][rR][aA][fF][tT]", shown) else shown


def add_version(parser: argparse.ArgumentParser, default: str | None = "draft", help: str = "") -> None:
    """--version V (stored as `at`): which version a command reads."""
    parser.add_argument(
        "--version",
        dest="at",
        default=default,
        metavar="V",
        type=version_ref,
        help=help or "v1, v2, ..., draft (default), or a saved edit",
    )


def split_list(values: list[str] | None) -> list[str]:
    """`--jurisdiction gdpr,ccpa --jurisdiction uk_gdpr` -> ['gdpr', 'ccpa', 'uk_gdpr']."""
    result: list[str] = []
    for value in values or []:
        result += [v.strip() for v in value.split(",") if v.strip()]
    return result


def author() -> Author:
    """Who the command records: the name set in Notice Studio, else git config, else a prompt value."""
    from notice_studio.core.workspace.identity import current_author

    return current_author()


class Prompt:
    """The command line's answers to the workspace's questions: flags first, else ask on a terminal."""

    def __init__(self, *, yes: bool = False, choice: str | None = None, flag: str = "--yes") -> None:
        self.yes, self.choice, self.flag = yes, choice, flag

    def confirm(self, question: str, *, default: bool = False) -> bool:
        if self.yes:
            return True
        if not sys.stdin.isatty():
            raise CommandError(f"{question.rstrip('?')}? Run again with {self.flag} to say yes")
        answer = input(f"{question} [{'Y/n' if default else 'y/N'}] ").strip().lower()
        return default if not answer else answer in ("y", "yes")

    def choose(self, question: str, options: Sequence[tuple[str, str]], *, unattended: str = "") -> str | None:
        keys = [key for key, _label in options]
        if self.choice in keys:
            return self.choice
        if not sys.stdin.isatty():
            raise CommandError(unattended or f"{question} Run again with --keep " + "|".join(keys))
        print(question, file=sys.stderr)
        for key, label in options:
            print(f"  {key}: {label}", file=sys.stderr)
        answer = input(f"Choose {'/'.join(keys)} (Enter cancels): ").strip().lower()
        return answer if answer in keys else None

    def inform(self, message: str) -> None:
        print(f"notice-studio: {message}", file=sys.stderr)


@contextmanager
def open_workspace(
    folder: str,
    write: bool = False,
    interaction: Prompt | None = None,
    library_dirs: Sequence[str] = (),
    read_draft: bool = True,
) -> Iterator[Workspace]:
    """Open a notice folder as a workspace for one command; repairs the store made go to stderr.
    `read_draft=False` for commands that work from the history alone (log, restore)."""
    from notice_studio.core.workspace import Workspace

    with Workspace.open(
        folder,
        write=write,
        author=author(),
        interaction=interaction or Prompt(),
        library_folders=library_dirs,
        read_draft=read_draft,
    ) as ws:
        for message in ws.repo.recovery.messages:
            print(f"notice-studio: {message}", file=sys.stderr)
        if write and ws.author.is_unknown:
            from notice_studio.core.wording import UNKNOWN_AUTHOR_WARNING

            print(f"notice-studio: warning: {UNKNOWN_AUTHOR_WARNING}", file=sys.stderr)
        yield ws


def name_values(
    items: Sequence[str], example: str, *, form: str = "NAME=VALUE", strip: bool = True
) -> list[tuple[str, str]]:
    """'name=value' arguments as pairs; anything else is refused with an example to follow."""
    pairs = []
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise CommandError(f"'{item}' is not {form}; write for example {example}")
        pairs.append((name.strip(), value.strip() if strip else value))
    return pairs
