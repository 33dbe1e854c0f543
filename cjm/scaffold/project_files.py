"""The files around a map that make it a project: settings, schema, CI and git hooks."""

from __future__ import annotations

import json

from cjm import __version__

OUTPUT_FOLDER = "build"
DISTRIBUTION = "journeymap"


def settings_yaml(map_name: str) -> str:
    return f"""\
# Settings of this cjm project. Every key is optional; delete what you do not need.
maps:                       # the journey maps of this project
  - {map_name}
check:
  min_coverage: 0           # fail `cjm check` below this coverage, in percent (0-100)
  strict: false             # true: warnings fail the check too
  rules: {{}}                 # change a rule's severity, e.g. {{CJM107: off, CJM106: error}}
render:
  formats: [html, md]       # what `cjm render` writes: html, md, pdf
  output: {OUTPUT_FOLDER}             # the folder it writes into (ignored by git)
theme: {{}}                   # brand of rendered maps, e.g. {{color: "#0b5fff", logo: logo.png}}
"""


def workflow_yaml() -> str:
    major_minor = ".".join(__version__.split(".")[:2])
    return f"""\
# Checks the journey maps on every push and pull request: GitHub marks the lines
# that need attention, and the check fails when a map is missing something essential.
# On a pull request, the job summary also shows what changed in the journey (cjm diff).
name: cjm

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install cjm
        run: pip install "{DISTRIBUTION}~={major_minor}"
      - name: Summarise the journey changes of this pull request
        if: github.event_name == 'pull_request'
        continue-on-error: true  # a map that does not load is for the check below to report
        run: |
          base="$GITHUB_BASE_REF"  # the branch the pull request goes into
          git fetch --no-tags --depth=1 origin "+refs/heads/$base:refs/remotes/origin/$base"
          cjm diff --format markdown "origin/$base" -- >> "$GITHUB_STEP_SUMMARY"
      - name: Check the journey maps
        run: cjm check
"""


def pre_commit_yaml() -> str:
    # A local hook installs cjm from the package index: no git repository to pin.
    major_minor = ".".join(__version__.split(".")[:2])
    return f"""\
# Runs `cjm check` before every commit (https://pre-commit.com): pip install pre-commit,
# then `pre-commit install` once in this repository.
repos:
  - repo: local
    hooks:
      - id: cjm-check
        name: cjm check
        entry: cjm check
        language: python
        additional_dependencies: ["{DISTRIBUTION}~={major_minor}"]
        files: (^|/)(journey|cjm|[^/]*\\.journey)\\.ya?ml$
        pass_filenames: false
"""


def gitignore() -> str:
    return f"""\
# Rendered journey maps (cjm render): rebuilt from the YAML, so not committed.
/{OUTPUT_FOLDER}/
"""


def schema_json() -> str:
    from cjm.model.schema import journey_schema

    return json.dumps(journey_schema(), indent=2, ensure_ascii=False) + "\n"
