"""Personas across maps: the same id in two maps is the same persona, whatever each map calls them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cjm.build.summary import MapSummary, Moment, PersonaEntry


@dataclass(frozen=True)
class Appearance:
    """One journey a persona appears in: under which name, and their lowest moment there."""

    map: MapSummary
    persona: PersonaEntry
    moment: Moment | None


@dataclass
class PortfolioPersona:
    id: str
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(appearance.persona.name for appearance in self.appearances))

    @property
    def descriptions(self) -> list[str]:
        found = (appearance.persona.description for appearance in self.appearances)
        return list(dict.fromkeys(text for text in found if text))

    def merged(self, kind: str) -> list[str]:
        """Goals, needs or frustrations of every appearance, each once, in the order met."""
        return list(
            dict.fromkeys(
                item for appearance in self.appearances for item in getattr(appearance.persona, kind)
            )
        )


def portfolio_personas(summaries: Iterable[MapSummary]) -> list[PortfolioPersona]:
    """Every persona id of the loaded maps (archived ones too), those in most journeys first."""
    found: dict[str, PortfolioPersona] = {}
    for summary in summaries:
        if not summary.loaded:
            continue
        moments = {item.persona: item.moment for item in summary.persona_moments}
        for persona in summary.personas:
            entry = found.setdefault(persona.id, PortfolioPersona(persona.id))
            entry.appearances.append(Appearance(summary, persona, moments.get(persona.id)))
    return sorted(found.values(), key=lambda persona: (-len(persona.appearances), persona.id))
