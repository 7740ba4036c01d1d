"""Workflow files that publish the notice's website from CI when a version is published.

A published version is a tag `v<N>`, a withdrawn one also has a tag `withdrawn/v<N>`; the
workflow runs on either tag's push, builds the website folder with `notice-studio site` and
deploys it to GitHub Pages or GitLab Pages. It also runs
daily, because a version published ahead of its effective date must replace the one in force on
that date (the site shows the version in force on the day it is built).
"""

from __future__ import annotations

RECIPES: dict[str, tuple[str, str]] = {
    "github": (
        ".github/workflows/notice-site.yml",
        """\
# Publishes the notice's website to GitHub Pages when a version (tag v1, v2, ...) or a withdrawal
# (withdrawn/v2) is pushed, and daily, so a version announced ahead of its effective date takes
# over on that date.
# Written by `notice-studio ci-recipe github`. Settings > Pages > Source: GitHub Actions.
name: Publish the privacy notice
on:
  push:
    tags: ["v*", "withdrawn/v*"]
  schedule:
    - cron: "0 5 * * *"
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  site:
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deploy.outputs.page_url }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # every version, for the archive and the changes page
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "{package}"
      - run: notice-studio site . --out public
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
      - id: deploy
        uses: actions/deploy-pages@v4
""",
    ),
    "gitlab": (
        ".gitlab-ci.yml",
        """\
# Publishes the notice's website to GitLab Pages when a version (tag v1, v2, ...) or a withdrawal
# (withdrawn/v2) is pushed, and on a daily pipeline schedule (Build > Pipeline schedules > New
# schedule, "0 5 * * *"), so a version announced ahead of its effective date takes over on that date.
# Written by `notice-studio ci-recipe gitlab`.
pages:
  image: python:3.12
  variables:
    GIT_DEPTH: "0"  # every version, for the archive and the changes page
  rules:
    - if: '$CI_COMMIT_TAG =~ /^v[0-9]+$/'
    - if: '$CI_COMMIT_TAG =~ /^withdrawn\\/v[0-9]+$/'
    - if: '$CI_PIPELINE_SOURCE == "schedule"'
  script:
    - pip install "{package}"
    - notice-studio site . --out public
  artifacts:
    paths:
      - public
""",
    ),
}


def recipe(kind: str, package: str = "notice-studio") -> tuple[str, str]:
    """(path in the notice folder, file text) for 'github' or 'gitlab'."""
    path, text = RECIPES[kind]
    return path, text.replace("{package}", package)
