"""Problems a user can fix, and the one exception that carries them to the CLI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Position:
    """Where something sits in a file; line and column are 1-based, as editors count."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """A load error: something wrong with a file, at a position, in plain words."""

    position: Position
    message: str
    code: str = "load"

    def __str__(self) -> str:
        return f"{self.position}: {self.message}"


class InvalidValue(ValueError):
    """A value a person typed, or gave as a flag, that cannot be taken; says what to type instead."""


class UserError(Exception):
    """Something the user can fix: printed to stderr in plain words, exit code 2."""

    exit_code = 2

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        if self.problems:
            return "\n".join(str(problem) for problem in self.problems)
        return super().__str__()


class LoadError(UserError):
    """A map or settings file that cannot be loaded; carries every problem found at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)", problems)
