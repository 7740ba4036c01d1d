"""`notice-studio`: with no arguments opens the app; with a command works headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
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


if __name__ == "__main__":
    sys.exit(main())
