"""Rule codes written in maps and cjm.yaml: known ones pass, unknown ones are load problems.

An unknown code in an `ignore` list is a typo that silently ignores nothing, so it is
refused where the file is read: `cjm check`, `cjm render` and every other command then
agree on whether a map loads.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.errors import Problem
from cjm.i18n import gettext as _
from cjm.load.lookalikes import closest, did_you_mean_text, lookalike_note
from cjm.model import Element, JourneyMap
from cjm.rules import RULES

RULE_NAMES = {rule.name: code for code, rule in RULES.items()}


def suggest_rule(code_or_name: str) -> str:
    """' (did you mean CJM104?)' for a near miss of a code or a rule name (look-alike letters
    and full-width digits included), else ''."""
    text = code_or_name.strip()
    # A code is a near miss when one character differs (CJM109 for CJM108), not two (CJM999).
    found = closest(text.upper(), RULES, cutoff=0.8)
    if found is None:
        name = closest(text.lower(), RULE_NAMES)
        found = RULE_NAMES[name] if name is not None else None
    if found is None:
        return ""
    note = lookalike_note(text)
    return did_you_mean_text(found, note)


def unknown_rule_message(code: str, where: str) -> str:
    return _("unknown rule code '{code}' in {where}{suggestion}; 'cjm rules' lists them").format(
        code=code, where=where, suggestion=suggest_rule(code)
    )


def unknown_ignored_codes(journey: JourneyMap) -> Iterator[Problem]:
    """A problem at each code of an `ignore` list (of the map or any element) that no rule has."""
    for element in _elements_with_ignore(journey):
        for index, code in enumerate(element.ignore):  # type: ignore[attr-defined]
            if code not in RULES:
                where = element.key_position(f"ignore[{index}]")
                yield Problem(where, unknown_rule_message(code, "'ignore'"))


def _elements_with_ignore(journey: JourneyMap) -> Iterator[Element]:
    yield journey
    yield from journey.personas
    for stage in journey.stages:
        yield stage
        yield from stage.touchpoints
        yield from stage.pain_points or ()
