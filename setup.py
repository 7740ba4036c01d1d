"""Copies the top-level data folders into the wheel as notice_studio/_data/.

`clause_library/` and `resources/` live at the top of the repository (they are data, edited by
people who never open the package); the wheel carries them inside the package so that
`notice_studio.paths` finds them the same way from a checkout, a wheel and a frozen build.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("clause_library", "resources")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).parent
        for name in DATA_FOLDERS:
            target = Path(self.build_lib) / "notice_studio" / "_data" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(root / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
