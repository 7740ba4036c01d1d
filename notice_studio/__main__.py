"""`notice-studio`: with no arguments opens the app; with a command works headless."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

from notice_studio.core.wording import STOPPED

# Commands that never open a notice, so they work without the git program.
_NO_GIT_NEEDED = {"library", "--help", "-h", "--version"}
_APP = ("--open", "open", "--self-test")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] not in _APP and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _stopped_while_starting)
    return _main(args)


def _stopped_while_starting(signum: int, frame: FrameType | None) -> None:
    """Ctrl+C while a command's modules load: nothing has been done yet, so stop at once with the
    same sentence as later. (A KeyboardInterrupt raised mid-import can surface as another error,
    or be printed and ignored, so none is raised.) `run_command` puts Python's handler back
    before the command starts, so an edit being saved is rolled back as usual."""
    sys.stderr.write(f"notice-studio: {STOPPED}\n")
    sys.stderr.flush()
    os._exit(130)


_stopped_while_starting.while_starting = True  # type: ignore[attr-defined]  # run_command's cue


def _main(args: list[str]) -> int:
    if not args[:1] or args[0] not in _NO_GIT_NEEDED:
        from notice_studio.core.notice.git_program import find_git, missing_git_message

        if find_git() is None:
            return _no_git(missing_git_message(), with_window=not args or args[0] in ("--open", "open"))
    if args[:1] == ["--self-test"] and len(args) == 2:
        from notice_studio.ui.app import run_self_test

        return run_self_test(args[1])
    if not args or args[0] in ("--open", "open"):
        try:
            from notice_studio.ui.app import run_app
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("notice_studio.ui"):
                raise
            from notice_studio.cli import main as cli_main

            return cli_main(["--help"])
        return run_app(args[1:])
    from notice_studio.cli import main as cli_main

    return cli_main(args)


def _no_git(message: str, with_window: bool) -> int:
    """Say what to install: on stderr, and in a message box when the app was started."""
    print(f"notice-studio: {message}", file=sys.stderr)
    if with_window:
        try:
            from notice_studio.ui.app import show_start_problem
        except ImportError:  # no Qt in this installation: the sentence above is all we can do
            return 1
        show_start_problem(message)
    return 1


if __name__ == "__main__":
    sys.exit(main())
