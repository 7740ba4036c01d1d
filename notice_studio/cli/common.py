"""What every command shares: opening a notice, printing JSON, turning errors into one sentence."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.model import NoticeError


class CommandError(Exception):
    """A failure to report as one sentence with exit status 1."""


def run_command(func: Callable[[argparse.Namespace], int | None], args: argparse.Namespace, debug: bool = False) -> int:
    try:
        return int(func(args) or 0)
    except (CommandError, NoticeError, FormatError) as exc:
        print(f"notice-studio: {_sentence(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("notice-studio: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if debug:
            raise
        print(
            f"notice-studio: something unexpected went wrong ({exc.__class__.__name__}: {exc}); "
            "run again with NOTICE_STUDIO_DEBUG=1 for details and report it.",
            file=sys.stderr,
        )
        return 1


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."


@contextmanager
def open_notice(folder: str, write: bool = False) -> Iterator:
    """Open a notice folder for a command; reports repairs the store made on stderr."""
    from notice_studio.core.notice.store import NoticeRepo

    repo = NoticeRepo.open(folder, write=write)
    try:
        for message in repo.recovery.messages:
            print(f"notice-studio: {message}", file=sys.stderr)
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


def split_list(values: list[str] | None) -> list[str]:
    """`--jurisdiction gdpr,ccpa --jurisdiction uk_gdpr` -> ['gdpr', 'ccpa', 'uk_gdpr']."""
    result: list[str] = []
    for value in values or []:
        result += [v.strip() for v in value.split(",") if v.strip()]
    return result


def author():
    """Who the command records: the name set in the app, else git config, else a clear prompt value."""
    from notice_studio.core.notice.store import resolve_author

    name = email = ""
    try:
        from PySide6.QtCore import QSettings

        settings = QSettings("Notice Studio", "Notice Studio")
        name = str(settings.value("author/name", "") or "")
        email = str(settings.value("author/email", "") or "")
    except ImportError:  # the command line also works where Qt is not installed
        pass
    return resolve_author(name, email)
