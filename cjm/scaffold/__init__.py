"""From answers to the files of a new journey project: pure functions, no I/O.

`cjm init` asks the questions (or reads an answers file) and writes what `files()`
returns; nothing here prints, prompts or touches the disk.
"""

from __future__ import annotations

from cjm.scaffold.answers import Answers, Draft, resolve
from cjm.scaffold.journey import journey_yaml
from cjm.scaffold.project_files import (
    ProjectFiles,
    gitignore,
    pre_commit_yaml,
    schema_json,
    settings_yaml,
    workflow_yaml,
)

MAP_NAME = "journey.yaml"

# Files cjm owns, which --force may replace; the others belong to other tools and are kept.
OWN_FILES = (MAP_NAME, "cjm.yaml", ".cjm/journey.schema.json")


def files(draft: Draft) -> ProjectFiles:
    """Every file of the project, by path relative to its folder, in the map's language. The
    map is checked to load."""
    from cjm.load.journey import load_map_text

    text = journey_yaml(draft)
    load_map_text(text, MAP_NAME)  # raises LoadError: a bug here must never reach the disk
    language = draft.language
    contents = {
        MAP_NAME: text,
        "cjm.yaml": settings_yaml(MAP_NAME, language),
        ".cjm/journey.schema.json": schema_json(),
        ".github/workflows/cjm.yml": workflow_yaml(language=language),
        ".pre-commit-config.yaml": pre_commit_yaml(language=language),
        ".gitignore": gitignore(language),
    }
    return ProjectFiles(contents, language)


def placeholders(map_text: str) -> int:
    """How many placeholders the map still holds: exactly the findings of CJM212, by its own rule."""
    from cjm.load.journey import load_map_text
    from cjm.rules.blueprint import no_placeholders

    return sum(1 for _ in no_placeholders.function(load_map_text(map_text, MAP_NAME)))


__all__ = [
    "MAP_NAME",
    "OWN_FILES",
    "Answers",
    "Draft",
    "ProjectFiles",
    "files",
    "journey_yaml",
    "placeholders",
    "resolve",
]
