"""An answers file of `cjm init --answers FILE`: read, and checked like a map, with positions."""

from __future__ import annotations

from pathlib import Path

from cjm.errors import LoadError, Position, Problem
from cjm.i18n import gettext as _
from cjm.load.messages import validate
from cjm.load.yaml_events import load_yaml_file
from cjm.scaffold.answers import Answers


def load_answers(answers_file: Path | None, flags: dict[str, str]) -> Answers:
    """The answers file's answers (or none), with the command-line flags taking precedence."""
    data: dict[str, object] = {}
    display = _("the command line")
    if answers_file is not None:
        display = str(answers_file)
        loaded, problems = load_yaml_file(answers_file, display, {"emotion"})
        if problems:
            raise LoadError(problems)
        if loaded is not None and not isinstance(loaded, dict):
            message = _("the answers must be a mapping (title: ..., ...)")

            raise LoadError([Problem(Position(display, 1, 1), message)])
        data = loaded if loaded is not None else {}  # keeps the marks for FILE:LINE:COLUMN
    data.update(flags)
    return validate(Answers, data, display)
