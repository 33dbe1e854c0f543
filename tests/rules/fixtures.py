"""The rule fixtures: tests/rules/fixtures/CODE.yaml holds a rule's failing and passing cases.

Every case is good.yaml (which passes every rule) with a few edits, so the position of each
finding is known exactly. tests/rules runs them in process; tests/check through the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parent / "fixtures"
GOOD = (FOLDER / "good.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    code: str
    why: str
    text: str
    found: tuple[tuple[int, int], ...]  # (line, column) of each finding; empty for a passing case

    @property
    def id(self) -> str:
        return f"{self.code}: {self.why}"


def edited(*edits: tuple[str, str], base: str = GOOD) -> str:
    """`base` with each (old, new) applied; each old text must occur exactly once."""
    text = base
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} must occur once"
        text = text.replace(old, new)
    return text


def cases(code: str) -> list[Case]:
    document = yaml.safe_load((FOLDER / f"{code}.yaml").read_text(encoding="utf-8"))
    found: list[Case] = []
    for kind in ("failing", "passing"):
        for case in document[kind]:
            edits = [(edit["replace"], edit["with"]) for edit in case.get("edits", [])]
            where = tuple(tuple(point) for point in case.get("found", []))
            found.append(Case(code, case["why"], edited(*edits), where))
    return found


def all_cases(kind: str) -> list[Case]:
    """Every failing (or passing) case of every rule that has a fixture."""
    codes = sorted(path.stem for path in FOLDER.glob("CJM*.yaml"))
    return [case for code in codes for case in cases(code) if bool(case.found) == (kind == "failing")]
