"""axe-core in headless Chromium over the exported pages: no WCAG 2.2 A/AA violations, no sideways
scrolling at 320 px, contents links at least 24 px tall.

Needs chromium (system package) and axe-core + puppeteer-core (npm), which `.ci/run` installs
into `.ci/axe/`; `NOTICE_STUDIO_AXE_DIR` may point at another folder holding `node_modules`.
Skipped, with the reason, where they are missing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from notice_support import AUTHOR, small_notice

from notice_studio.core.export.fragment import notice_fragment
from notice_studio.core.export.html_page import notice_page, page_html
from notice_studio.core.export.site import build_site
from notice_studio.core.notice.model import Clause
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.render.renderer import RenderOptions, render

ROOT = Path(__file__).resolve().parents[1]


def _tools() -> tuple[str, Path, Path]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    node = shutil.which("node")
    folder = Path(os.environ.get("NOTICE_STUDIO_AXE_DIR", ROOT / ".ci" / "axe")) / "node_modules"
    axe = folder / "axe-core" / "axe.min.js"
    if not chromium or not node:
        pytest.skip("headless Chromium or node is not installed (.ci/run installs chromium with apt-get)")
    if not axe.is_file() or not (folder / "puppeteer-core").is_dir():
        pytest.skip(f"axe-core and puppeteer-core are not installed in {folder} (.ci/run installs them with npm)")
    return chromium, axe, folder


def _wide_table_notice():
    notice = small_notice()
    header = "| " + " | ".join(f"Category of personal information {i}" for i in range(7)) + " |"
    rule = "|" + "---|" * 7
    row = "| " + " | ".join("Identifiers such as name, e-mail address and account number" for _ in range(7)) + " |"
    notice.add(
        Clause(
            "categories",
            "Categories we collected in the last 12 months",
            f"Write to privacy@acme.example or see https://acme.example/privacy.\n\n{header}\n{rule}\n{row}\n",
        )
    )
    return notice


def test_exported_pages_pass_axe(tmp_path: Path) -> None:
    chromium, axe, modules = _tools()
    notice = _wide_table_notice()
    rendered = render(notice, RenderOptions(last_updated=dt.date(2026, 3, 1), version_label="v1"))
    pages = {
        "page.html": notice_page(rendered),
        "fragment.html": page_html("Fragment", notice_fragment(rendered), "en"),
        "fragment-bare.html": page_html("Bare fragment", notice_fragment(rendered, bare=True), "en"),
    }
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "acme"
    with NoticeRepo.create(folder, notice, AUTHOR) as repo:
        repo.publish(dt.date(2026, 3, 1), "First version.", True, "Jane Counsel", AUTHOR)
        changed = repo.load()
        changed.variables["organisation.name"] = "Acme Group"
        repo.save(changed, "Renamed the organisation", AUTHOR)
        repo.publish(dt.date(2026, 6, 1), "We changed our name.", False, "Jane Counsel", AUTHOR)
        build_site(repo, tmp_path / "site")
    files = [tmp_path / name for name in pages] + sorted((tmp_path / "site").glob("*.html"))
    assert any(f.name == "v1.html" for f in files)  # the archive page, with its banner
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "axe_check.js"), chromium, str(axe), str(modules), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    problems = {Path(f).name: r["violations"] for f, r in report.items() if r["violations"]}
    assert problems == {}
    for file, outcome in report.items():
        assert outcome["scrollWidth"] <= 320, f"{Path(file).name} scrolls sideways at 320 px"
        assert outcome["smallestTocLink"] >= 24, f"{Path(file).name}: a contents link is under 24 px tall"
