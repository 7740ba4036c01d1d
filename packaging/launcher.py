"""Entry point for frozen builds: the same `main` as the `notice-studio` command."""

import sys

from notice_studio.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
