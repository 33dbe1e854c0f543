"""What a rule is, what it finds, and how findings name the element they are about.

A rule is a plain function from a map to the gaps it sees, wrapped by `@rule` with its
stable code, a readable name and a default severity. Its docstring is the user
documentation: `cjm rules CODE` prints it.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from cjm.errors import Position
from cjm.i18n import gettext as _
from cjm.model import Element, JourneyMap, PainPoint, Persona, Stage, Touchpoint

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# The elements a finding is about, outermost first; any of them (or the map) may ignore it.
Scope = tuple[Element, ...]


@dataclass(frozen=True)
class Gap:
    """What a rule function yields: something missing, where, and how to fix it."""

    element: str
    position: Position
    message: str
    scope: Scope = ()


@dataclass(frozen=True)
class Finding:
    """A gap reported by a rule, with the rule's code and the severity it has in this run."""

    rule: str
    severity: str
    message: str
    position: Position
    element: str | None
    scope: Scope = field(default=(), compare=False, repr=False)

    def record(self) -> dict[str, object]:
        """The plain record every report format is built from (FORMAT.md's JSON finding)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "path": self.position.path,
            "line": self.position.line,
            "column": self.position.column,
            "element": self.element,
        }


CheckFunction = Callable[[JourneyMap], Iterator[Gap]]
SubjectsFunction = Callable[[JourneyMap], Iterator[Scope]]


@dataclass(frozen=True)
class Rule:
    """One rule: stable code, readable name, default severity, documentation, check."""

    code: str
    name: str
    severity: Severity
    function: CheckFunction
    # Coverage rules (CJM101-CJM108) say which (rule, element) pairs they judge.
    subjects: SubjectsFunction | None = None

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    @property
    def explanation(self) -> str:
        """Everything after the summary line: why it matters, a failing and a passing snippet."""
        return "\n".join(self.doc.splitlines()[1:]).strip()

    @property
    def translated_summary(self) -> str:
        """The summary in the interface language (`cjm rules`); `summary` stays as written (SARIF)."""
        return _(self.summary)

    @property
    def translated_explanation(self) -> str:
        """The explanation in the interface language: its prose translated, its snippets as written."""
        return translate_prose(self.explanation)

    @property
    def is_coverage(self) -> bool:
        return self.subjects is not None

    def check(self, journey: JourneyMap, severity: str | None = None) -> Iterator[Finding]:
        for gap in self.function(journey):
            yield Finding(
                self.code, severity or self.severity, gap.message, gap.position, gap.element, gap.scope
            )


def rule(
    code: str, name: str, severity: Severity, subjects: SubjectsFunction | None = None
) -> Callable[[CheckFunction], Rule]:
    """Turn a function from a map to gaps into a Rule."""

    def wrap(function: CheckFunction) -> Rule:
        return Rule(code, name, severity, function, subjects)

    return wrap


# --- the documentation in the interface language -----------------------------------------

SNIPPET_INDENT = "    "  # a docstring's YAML snippets are indented; its prose is not
PROSE_WIDTH = 84


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def prose_message(paragraph: str) -> str | None:
    """The catalog message of a paragraph of prose (one line), or None for a snippet."""
    if not paragraph.strip() or paragraph.lstrip("\n").startswith(SNIPPET_INDENT):
        return None
    return " ".join(paragraph.split())


def translate_prose(text: str) -> str:
    """Translate each paragraph of prose, keeping the YAML snippets byte for byte (they are the
    format: keys, ids and values that a translation would break)."""
    blocks = []
    for paragraph in paragraphs(text):
        message = prose_message(paragraph)
        translated = _(message) if message else paragraph
        unchanged = message is None or translated == message
        blocks.append(paragraph if unchanged else textwrap.fill(translated, PROSE_WIDTH))
    return "\n\n".join(blocks)


def documentation_messages(rule: Rule) -> list[str]:
    """What a catalog needs to translate `cjm rules CODE`: the summary and the prose paragraphs."""
    found = [prose_message(paragraph) for paragraph in paragraphs(rule.explanation)]
    return [rule.summary, *(message for message in found if message)]


# --- element labels: how a finding names what it is about ------------------------------


def stage_label(stage: Stage) -> str:
    return f"stages[{stage.id}]"


def persona_label(persona: Persona) -> str:
    return f"personas[{persona.id}]"


def item_label(parent: str, key: str, ident: str | None, index: int) -> str:
    """`stages[x].touchpoints[anuncio-ig]`, or the 1-based position when the item has no id."""
    return f"{parent}.{key}[{ident or index}]"


def touchpoint_label(stage: Stage, touchpoint: Touchpoint, index: int) -> str:
    return item_label(stage_label(stage), "touchpoints", touchpoint.id, index)


def pain_point_label(stage: Stage, pain_point: PainPoint, index: int) -> str:
    return item_label(stage_label(stage), "pain_points", pain_point.id, index)


def quoted(text: str, limit: int = 60) -> str:
    """A user's text inside a message, shortened so the line stays readable."""
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 3]}...'"


# --- the elements coverage rules judge -----------------------------------------------------


def each_stage(journey: JourneyMap) -> Iterator[Scope]:
    for stage in journey.stages:
        yield (stage,)


def each_touchpoint(journey: JourneyMap) -> Iterator[Scope]:
    for stage in journey.stages:
        for touchpoint in stage.touchpoints:
            yield (stage, touchpoint)


def each_pain_point(journey: JourneyMap) -> Iterator[Scope]:
    for stage in journey.stages:
        for pain_point in stage.pain_points or ():
            yield (stage, pain_point)


def each_stage_and_persona(journey: JourneyMap) -> Iterator[Scope]:
    """Every (stage, persona) cell of the matrix, for stages that have touchpoints at all."""
    for stage in journey.stages:
        if stage.touchpoints:
            for persona in journey.personas:
                yield (stage, persona)
