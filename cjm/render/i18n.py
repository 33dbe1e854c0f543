"""Labels of the rendered deliverable, one table per language, with each language's plural rule.

A label with plural forms is a tuple ordered as the language's `plural_form` numbers them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cjm.vocabulary import EMOTIONS, emotion_word

Label = str | tuple[str, ...]


def _english_plural(count: int) -> int:
    return 0 if count == 1 else 1


def _polish_plural(count: int) -> int:
    """1 / 2-4 except 12-14 / everything else (5 okien, 22 okna, 112 okien)."""
    if count == 1:
        return 0
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return 1
    return 2


ENGLISH: dict[str, Label] = {
    "b2c": "B2C · consumers",
    "b2b": "B2B · businesses",
    "journey_map": "Customer journey map",
    "value_proposition": "Value proposition",
    "owner": "Owner",
    "updated": "Updated",
    "personas": "Personas",
    "persona": "Persona",
    "goals": "Goals",
    "needs": "Needs",
    "frustrations": "Frustrations",
    "stage": "Stage",
    "stages": ("stage", "stages"),
    "journey": "The journey",
    "stage_goal": "Stage goal",
    "duration": "Duration",
    "touchpoints": "Touchpoints",
    "touchpoint_count": ("touchpoint", "touchpoints"),
    "pain_point_count": ("pain point", "pain points"),
    "opportunity_count": ("opportunity", "opportunities"),
    "source_count": ("source", "sources"),
    "channel": "Channel",
    "emotion": "Emotion",
    "emotion_curve": "Emotion curve",
    "thoughts": "Thoughts",
    "pain_points": "Pain points",
    "opportunities": "Opportunities",
    "kpis": "KPIs",
    "target": "Target",
    "current": "Current",
    "content": "Content planned",
    "data": "Data collected",
    "personal": "personal",
    "purpose": "purpose",
    "no_purpose": "no purpose stated",
    "evidence": "Evidence",
    "assumption": "Assumption",
    "assumption_help": "Dashed: no research behind it yet",
    "severity": "Severity",
    "priority": "Priority",
    "addresses": "Addresses",
    "at": "At",
    "low": "low",
    "medium": "medium",
    "high": "high",
    "not_reviewed": "Not reviewed yet",
    "none_found": "None found",
    "none": "—",
    "legend": "Legend",
    "low_point": "Low point",
    "everyone": "All personas",
    "phase_discovery": "Discovery",
    "phase_consideration": "Consideration",
    "phase_decision": "Decision",
    "phase_retention": "Retention",
    "phase_advocacy": "Advocacy",
    "page": "Page",
    "of": "of",
    "filtered_for": "Filtered for",
    "made_with": "Made with cjm",
    "curve_run": "{touchpoints}, average {mean}, from {low} to {high}",
    "curve_run_short": "{touchpoints}, average {mean}",
    "curve_persona_summary": "{name}: {touchpoints}; lowest {score} at “{action}” ({stage}).",
    "curve_persona_empty": "{name}: no emotion recorded.",
    "poster": "The journey at a glance",
    "stage_by_stage": "Stage by stage",
    "more": "more",
    "scroll_hint": "Scroll sideways to see every stage",
    "logo": "Logo",
    "decimal_separator": ".",
}

SPANISH: dict[str, Label] = {
    "b2c": "B2C · consumidores",
    "b2b": "B2B · empresas",
    "journey_map": "Mapa del recorrido del cliente",
    "value_proposition": "Propuesta de valor",
    "owner": "Responsable",
    "updated": "Actualizado",
    "personas": "Personas",
    "persona": "Persona",
    "goals": "Objetivos",
    "needs": "Necesidades",
    "frustrations": "Frustraciones",
    "stage": "Etapa",
    "stages": ("etapa", "etapas"),
    "journey": "El recorrido",
    "stage_goal": "Objetivo de la etapa",
    "duration": "Duración",
    "touchpoints": "Puntos de contacto",
    "touchpoint_count": ("punto de contacto", "puntos de contacto"),
    "pain_point_count": ("punto de dolor", "puntos de dolor"),
    "opportunity_count": ("oportunidad", "oportunidades"),
    "source_count": ("fuente", "fuentes"),
    "channel": "Canal",
    "emotion": "Emoción",
    "emotion_curve": "Curva emocional",
    "thoughts": "Pensamientos",
    "pain_points": "Puntos de dolor",
    "opportunities": "Oportunidades",
    "kpis": "Indicadores (KPI)",
    "target": "Meta",
    "current": "Actual",
    "content": "Contenido previsto",
    "data": "Datos recogidos",
    "personal": "personal",
    "purpose": "finalidad",
    "no_purpose": "sin finalidad declarada",
    "evidence": "Evidencia",
    "assumption": "Suposición",
    "assumption_help": "Borde discontinuo: aún sin investigación que lo respalde",
    "severity": "Gravedad",
    "priority": "Prioridad",
    "addresses": "Resuelve",
    "at": "En",
    "low": "baja",
    "medium": "media",
    "high": "alta",
    "not_reviewed": "Aún sin revisar",
    "none_found": "Ninguno encontrado",
    "none": "—",
    "legend": "Leyenda",
    "low_point": "Punto bajo",
    "everyone": "Todas las personas",
    "phase_discovery": "Descubrimiento",
    "phase_consideration": "Consideración",
    "phase_decision": "Decisión",
    "phase_retention": "Retención",
    "phase_advocacy": "Recomendación",
    "page": "Página",
    "of": "de",
    "filtered_for": "Filtrado para",
    "made_with": "Hecho con cjm",
    "curve_run": "{touchpoints}, media {mean}, de {low} a {high}",
    "curve_run_short": "{touchpoints}, media {mean}",
    "curve_persona_summary": "{name}: {touchpoints}; el más bajo, {score}, en «{action}» ({stage}).",
    "curve_persona_empty": "{name}: sin emociones registradas.",
    "poster": "El recorrido de un vistazo",
    "stage_by_stage": "Etapa por etapa",
    "more": "más",
    "scroll_hint": "Desplázate en horizontal para ver todas las etapas",
    "logo": "Logotipo",
    "decimal_separator": ",",
}

POLISH: dict[str, Label] = {
    "b2c": "B2C · klienci indywidualni",
    "b2b": "B2B · firmy",
    "journey_map": "Mapa podróży klienta",
    "value_proposition": "Propozycja wartości",
    "owner": "Właściciel",
    "updated": "Aktualizacja",
    "personas": "Persony",
    "persona": "Persona",
    "goals": "Cele",
    "needs": "Potrzeby",
    "frustrations": "Frustracje",
    "stage": "Etap",
    "stages": ("etap", "etapy", "etapów"),
    "journey": "Podróż",
    "stage_goal": "Cel etapu",
    "duration": "Czas trwania",
    "touchpoints": "Punkty styku",
    "touchpoint_count": ("punkt styku", "punkty styku", "punktów styku"),
    "pain_point_count": ("punkt bólu", "punkty bólu", "punktów bólu"),
    "opportunity_count": ("szansa", "szanse", "szans"),
    "source_count": ("źródło", "źródła", "źródeł"),
    "channel": "Kanał",
    "emotion": "Emocje",
    "emotion_curve": "Krzywa emocji",
    "thoughts": "Myśli",
    "pain_points": "Punkty bólu",
    "opportunities": "Szanse",
    "kpis": "Wskaźniki (KPI)",
    "target": "Cel",
    "current": "Obecnie",
    "content": "Planowane treści",
    "data": "Zbierane dane",
    "personal": "osobowe",
    "purpose": "cel",
    "no_purpose": "brak podanego celu",
    "evidence": "Dowody",
    "assumption": "Założenie",
    "assumption_help": "Linia przerywana: brak badań, które to potwierdzają",
    "severity": "Dotkliwość",
    "priority": "Priorytet",
    "addresses": "Rozwiązuje",
    "at": "Przy",
    "low": "niska",
    "medium": "średnia",
    "high": "wysoka",
    "not_reviewed": "Jeszcze nie przejrzano",
    "none_found": "Nie znaleziono",
    "none": "—",
    "legend": "Legenda",
    "low_point": "Punkt krytyczny",
    "everyone": "Wszystkie persony",
    "phase_discovery": "Odkrywanie",
    "phase_consideration": "Rozważanie",
    "phase_decision": "Decyzja",
    "phase_retention": "Utrzymanie",
    "phase_advocacy": "Polecanie",
    "page": "Strona",
    "of": "z",
    "filtered_for": "Widok dla",
    "made_with": "Wygenerowano przez cjm",
    "curve_run": "{touchpoints}, średnio {mean}, od {low} do {high}",
    "curve_run_short": "{touchpoints}, średnio {mean}",
    "curve_persona_summary": "{name}: {touchpoints}; najniższa ocena {score}: „{action}” ({stage}).",
    "curve_persona_empty": "{name}: brak zapisanych emocji.",
    "poster": "Podróż w skrócie",
    "stage_by_stage": "Etap po etapie",
    "more": "więcej",
    "scroll_hint": "Przewiń w bok, aby zobaczyć wszystkie etapy",
    "logo": "Logo",
    "decimal_separator": ",",
}

_EMOTION_KEYS = {f"emotion_{value}": value for value in EMOTIONS}

PLURAL_RULES: dict[str, Callable[[int], int]] = {
    "en": _english_plural,
    "es": _english_plural,
    "pl": _polish_plural,
}
TABLES: dict[str, Mapping[str, Label]] = {"en": ENGLISH, "es": SPANISH, "pl": POLISH}


@dataclass(frozen=True)
class Labels:
    """The labels of one language; templates call `t("key")` and `plural(3, "stages")`."""

    language: str

    def text(self, key: str) -> str:
        if key in _EMOTION_KEYS:  # emotion_-2 ... emotion_2: the words of the scale
            return emotion_word(_EMOTION_KEYS[key], self.language).capitalize()
        label = TABLES[self.language].get(key, ENGLISH.get(key, key))
        return label if isinstance(label, str) else label[0]

    def plural(self, count: int, key: str) -> str:
        """'3 stages', '5 etapów': the count and the form its language wants for it."""
        forms = TABLES[self.language].get(key) or ENGLISH[key]
        if isinstance(forms, str):
            return f"{count} {forms}"
        return f"{count} {forms[min(PLURAL_RULES[self.language](count), len(forms) - 1)]}"
