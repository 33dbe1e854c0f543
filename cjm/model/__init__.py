"""The model: a journey map as typed elements that know where they are written, and what follows from them."""

from cjm.model.elements import (
    Channel,
    DataItem,
    Element,
    JourneyMap,
    Kpi,
    Opportunity,
    PainPoint,
    Persona,
    RuleCode,
    Stage,
    Touchpoint,
)

__all__ = [
    "Channel",
    "DataItem",
    "Element",
    "JourneyMap",
    "Kpi",
    "Opportunity",
    "PainPoint",
    "Persona",
    "RuleCode",
    "Stage",
    "Touchpoint",
]
