"""The CI recipes also run daily: a version published ahead of its date takes over on that date."""

from __future__ import annotations

import yaml

from notice_studio.core.remote.ci import recipe


def test_github_recipe_runs_on_version_tags_and_daily() -> None:
    _path, text = recipe("github")
    workflow = yaml.safe_load(text)
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["tags"] == ["v*", "withdrawn/v*"]  # a withdrawal rebuilds the site at once
    assert triggers["schedule"] == [{"cron": "0 5 * * *"}]
    steps = [step.get("run", "") for step in workflow["jobs"]["site"]["steps"]]
    assert "notice-studio site . --out public" in steps


def test_gitlab_recipe_runs_on_version_tags_and_on_its_schedule() -> None:
    _path, text = recipe("gitlab")
    rules = [rule["if"] for rule in yaml.safe_load(text)["pages"]["rules"]]
    assert "$CI_COMMIT_TAG =~ /^v[0-9]+$/" in rules and '$CI_PIPELINE_SOURCE == "schedule"' in rules
    assert "$CI_COMMIT_TAG =~ /^withdrawn\\/v[0-9]+$/" in rules
    assert "Pipeline schedules" in text  # the comment says how to create the daily schedule
