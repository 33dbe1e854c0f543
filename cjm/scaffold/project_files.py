"""The files around a map that make it a project: settings, schema, CI and git hooks.

The CI files work the day they are written. The workflow installs the very version of cjm
that wrote it (and says so plainly when the package index does not have it); the
pre-commit hook runs the `cjm` the user installed (`language: system`: nothing to
download) on the files of each commit, and `cjm check --changed` checks the maps among
them. In a project that is a folder of a bigger git repository, both live at the
repository's root, where GitHub and pre-commit read them, and point into the folder.
Their comments, and the names of the workflow's steps, are in the map's language.
"""

from __future__ import annotations

import json
import re

from cjm import __version__
from cjm.edit.scalars import flow_list, scalar
from cjm.i18n import DEFAULT_LANGUAGE, N_, translation
from cjm.reports.codes import PROJECT_URL, is_development
from cjm.scaffold.journey import comments, line

OUTPUT_FOLDER = "build"
DISTRIBUTION = "journeymap"
WORKFLOW = ".github/workflows/cjm.yml"
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"
HOOK_ID = "cjm-check"
HOOK_ENTRY = "cjm check --changed"

# What a project folder may be called for its path to be written into a workflow and a
# pre-commit pattern as it is: letters and digits of any script, '-', '_', '.', spaces
# between words. Anything else (`$`, `{`, quotes, '\\') could mean something to GitHub's
# expressions, to a shell or to a regular expression.
_SAFE_FOLDER = re.compile(r"[\w.-]+( [\w.-]+)*(/[\w.-]+( [\w.-]+)*)*")
_REGEX_SPECIAL = re.compile(r"([.^$*+?{}\[\]\\|()])")


class ProjectFiles(dict[str, str]):
    """The files of a new project by path, and the language they are written in: the map's,
    which the CI files placed at a repository's root (scaffold.write) are written in too."""

    def __init__(self, contents: dict[str, str], language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(contents)
        self.language = language


SETTINGS_INTRO = N_("Settings of this cjm project. Every key is optional; delete what you do not need.")


def settings_yaml(map_name: str, language: str = DEFAULT_LANGUAGE) -> str:
    words = translation(language)
    settings = [
        *comments(words.gettext(SETTINGS_INTRO)),
        line(0, "maps:", words.gettext("the journey maps of this project")),
        f"  - {map_name}",
        "check:",
        line(2, "min_coverage: 0", words.gettext("fail `cjm check` below this coverage, in percent (0-100)")),
        line(2, "strict: false", words.gettext("true: warnings fail the check too")),
        line(2, "rules: {}", words.gettext("change a rule's severity, e.g. {CJM107: off, CJM106: error}")),
        "render:",
        line(2, "formats: [html, md]", words.gettext("what `cjm render` writes: html, md, pdf")),
        line(2, f"output: {OUTPUT_FOLDER}", words.gettext("the folder it writes into (ignored by git)")),
        line(
            0, "theme: {}", words.gettext('brand of rendered maps, e.g. {color: "#0b5fff", logo: logo.png}')
        ),
    ]
    return "\n".join(settings) + "\n"


def safe_folder(folder: str) -> bool:
    """Whether a project's path in its repository can be written into the CI files as it is."""
    return not folder or (bool(_SAFE_FOLDER.fullmatch(folder)) and ".." not in folder.split("/"))


def workflow_path(folder: str = "") -> str:
    """`.github/workflows/cjm.yml` at the root; `cjm-FOLDER.yml` for a project in a folder,
    so that each project of a repository has its own."""
    if not folder:
        return WORKFLOW
    return f".github/workflows/cjm-{re.sub(r'[/ ]+', '-', folder)}.yml"


WORKFLOW_INTRO = N_("""\
Checks the journey maps on every push and pull request: GitHub marks
the lines that need attention, and the check fails when a map is missing something essential.
On a pull request, the job summary also shows what changed in the journey (cjm diff).""")
FOLDER_WORKFLOW_INTRO = N_("""\
Checks the journey maps of {folder}/ on every push and pull request: GitHub marks
the lines that need attention, and the check fails when a map is missing something essential.
On a pull request, the job summary also shows what changed in the journey (cjm diff).""")


def workflow_yaml(folder: str = "", version: str = __version__, language: str = DEFAULT_LANGUAGE) -> str:
    """The GitHub workflow of a project at `folder` of its repository ('' at the root)."""
    words = translation(language)
    name = "cjm" if not folder else scalar(f"cjm ({folder})")
    intro = (
        words.gettext(FOLDER_WORKFLOW_INTRO).format(folder=folder)
        if folder
        else words.gettext(WORKFLOW_INTRO)
    )
    summarise = scalar(words.gettext("Summarise the journey changes of this pull request"))
    unloadable = words.gettext("a map that does not load is for the check below to report")
    base_branch = words.gettext("the branch the pull request goes into")
    check = scalar(words.gettext("Check the journey maps"))
    return f"""\
{_comment_block(intro)}
name: {name}

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
{_working_directory(folder, language)}    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
{_install_step(version, language)}      - name: {summarise}
        if: github.event_name == 'pull_request'
        continue-on-error: true  # {unloadable}
        run: |
          base="$GITHUB_BASE_REF"  # {base_branch}
          git fetch --no-tags --depth=1 origin "+refs/heads/$base:refs/remotes/origin/$base"
          cjm diff --format markdown "origin/$base" -- >> "$GITHUB_STEP_SUMMARY"
      - name: {check}
        run: cjm check
"""


def _comment_block(text: str, indent: int = 0) -> str:
    return "\n".join(comments(text, indent))


def _working_directory(folder: str, language: str) -> str:
    if not folder:
        return ""
    where = translation(language).gettext("the project's folder in this repository")
    return f"""\
    defaults:
      run:
        working-directory: {scalar(folder)}  # {where}
"""


DEVELOPMENT_NOTE = N_("""\
cjm {version} is a development version: neither PyPI nor a tag has it. Install cjm
here the way you installed it, or pin a released version.""")
INSTALL_NOTE = N_("""\
The version of cjm that wrote this workflow, so CI judges the maps as your machine does:
from PyPI, or else from the release's tag in cjm's repository.""")
# A workflow command's title and message (GitHub's annotation): the title holds no ':' or ',',
# and neither holds a double quote, since both are inside the shell's "...".
INSTALL_ERROR_TITLE = N_("cjm {version} could not be installed")
INSTALL_ERROR = N_(
    "cjm {version}, the version that wrote this workflow, is neither on PyPI nor tagged at {url} "
    "(see pip's messages above). Install cjm in this step the way you installed it on your "
    "machine, or pin a released version."
)


def _install_step(version: str, language: str) -> str:
    """Installs exactly `version`: from PyPI, else from the project's git tag of it; and when
    neither has it (a version not released yet), an error that says what to do."""
    words = translation(language)
    requirement = f"{DISTRIBUTION}=={version}"
    from_tag = f"{DISTRIBUTION} @ git+{PROJECT_URL}@v{version}"
    or_tag = "" if is_development(version) else f' || pip install "{from_tag}"'
    development = is_development(version)
    note = (
        _comment_block(words.gettext(DEVELOPMENT_NOTE).format(version=version), 6) + "\n"
        if development
        else ""
    )
    title = words.gettext(INSTALL_ERROR_TITLE).format(version=version)
    message = words.gettext(INSTALL_ERROR).format(version=version, url=PROJECT_URL)
    install = scalar(words.gettext("Install cjm {version}").format(version=version))
    return f"""\
{note}{_comment_block(words.gettext(INSTALL_NOTE), 6)}
      - name: {install}
        run: |
          pip install "{requirement}"{or_tag} || {{
            echo "::error title={title}::{message}"
            exit 1
          }}
"""


def files_pattern(folder: str) -> str:
    """The pre-commit `files:` pattern of the files under `folder` (a Python regular expression)."""
    return "^" + _REGEX_SPECIAL.sub(r"\\\1", folder) + "/"


HookValue = str | bool | list[str]


def pre_commit_hook(folder: str = "") -> dict[str, HookValue]:
    """The local hook: the user's own `cjm`, given the YAML files of the commit under the project
    (maps and cjm.yaml files are YAML; `--changed` picks them out, whatever the maps are called).
    `require_serial`: pre-commit would otherwise split the files between several cjm at once,
    each printing a report of its own."""
    hook: dict[str, HookValue] = {
        "id": HOOK_ID,
        "name": "cjm check",
        "entry": HOOK_ENTRY,
        "language": "system",
        "types": ["yaml"],
    }
    if folder:
        hook["files"] = files_pattern(folder)
    hook["require_serial"] = True
    return hook


def pre_commit_repo_line(folder: str = "") -> str:
    """The hook as one `repos:` item in flow style, for a user to paste into a config."""
    pairs = [f"{key}: {yaml_value(value, flow=True)}" for key, value in pre_commit_hook(folder).items()]
    return "- {repo: local, hooks: [{" + ", ".join(pairs) + "}]}"


PRE_COMMIT_INTRO = N_("""\
Runs `cjm check` on the journey maps of each commit (https://pre-commit.com):
pip install pre-commit, then `pre-commit install` once in this repository.
The hook runs the cjm you installed (language: system) and gives it the YAML files of
the commit; `--changed` checks the maps among them and the projects of changed cjm.yaml.""")


def pre_commit_yaml(folder: str = "", language: str = DEFAULT_LANGUAGE) -> str:
    lines = [f"        {key}: {yaml_value(value)}" for key, value in pre_commit_hook(folder).items()]
    lines[0] = "      - " + lines[0].lstrip()
    intro = _comment_block(translation(language).gettext(PRE_COMMIT_INTRO))
    return f"{intro}\nrepos:\n  - repo: local\n    hooks:\n" + "\n".join(lines) + "\n"


def yaml_value(value: HookValue, flow: bool = False) -> str:
    """A hook's value as YAML text (the edit engine's scalars, which are never booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return flow_list(list(value)) if isinstance(value, list) else scalar(value, flow)


def ci_files(folder: str = "", language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The workflow and the pre-commit config of a project at `folder` of its repository."""
    return {
        workflow_path(folder): workflow_yaml(folder, language=language),
        PRE_COMMIT_CONFIG: pre_commit_yaml(folder, language),
    }


def gitignore(language: str = DEFAULT_LANGUAGE) -> str:
    why = translation(language).gettext(
        "Rendered journey maps (cjm render): rebuilt from the YAML, so not committed."
    )
    return f"{_comment_block(why)}\n/{OUTPUT_FOLDER}/\n"


def schema_json() -> str:
    from cjm.model.schema import journey_schema

    return json.dumps(journey_schema(), indent=2, ensure_ascii=False) + "\n"
