"""The headless command line. Every command shares the core with the app.

Each command group lives in its own module with a `register(subparsers)` function; errors
reach the user as one plain sentence on stderr (exit 1), usage errors exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from notice_studio import __version__
from notice_studio.cli.common import CommandError, run_command
from notice_studio.cli.output import terminal_safe_output
from notice_studio.core.notice.lockfile import held_by_command

COMMAND_MODULES = (
    "notice_cmds",
    "edit_cmds",
    "library_cmd",
    "check_cmd",
    "export_cmd",
    "diff_cmd",
    "import_cmd",
    "remote_cmd",
    "practices_cmd",
    "review_word_cmd",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: {message} (see '{self.prog} --help').\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="notice-studio",
        description="Draft, version and publish privacy notices. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"notice-studio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue  # that command group has not been built yet
            raise
        module.register(sub)
    for action in sub._choices_actions:  # each command's --help starts with its one-line summary
        command = sub.choices[action.dest]
        if command.description is None and action.help:
            command.description = action.help[0].upper() + action.help[1:] + "."
    return parser


def main(argv: list[str] | None = None) -> int:
    with terminal_safe_output():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    with held_by_command(f"notice-studio {args.command}"):
        return run_command(args.func, args, debug=bool(os.environ.get("NOTICE_STUDIO_DEBUG")))


__all__ = ["CommandError", "build_parser", "main"]
