"""The few words `cjm init` writes into a skeleton map, per language."""

from __future__ import annotations

# Placeholders of the --no-input skeleton: each one says what to write in its place.
PLACEHOLDERS: dict[str, dict[str, str]] = {
    "en": {
        "title": "TODO: name of this journey",
        "persona": "TODO: name of a kind of customer",
        "persona_description": "TODO: who they are, in a sentence",
        "goals": "TODO: what they want to achieve",
        "needs": "TODO: what they need from us",
        "frustrations": "TODO: what annoys them today",
        "channel": "Website",
        "action": "TODO: what does the customer do here?",
    },
    "es": {
        "title": "TODO: nombre de este recorrido",
        "persona": "TODO: nombre de un tipo de cliente",
        "persona_description": "TODO: quién es, en una frase",
        "goals": "TODO: qué quiere conseguir",
        "needs": "TODO: qué necesita de nosotros",
        "frustrations": "TODO: qué le molesta hoy",
        "channel": "Sitio web",
        "action": "TODO: ¿qué hace el cliente aquí?",
    },
    "pl": {
        "title": "TODO: nazwa tej ścieżki klienta",
        "persona": "TODO: nazwa typu klienta",
        "persona_description": "TODO: kim jest, w jednym zdaniu",
        "goals": "TODO: co chce osiągnąć",
        "needs": "TODO: czego od nas potrzebuje",
        "frustrations": "TODO: co go dziś irytuje",
        "channel": "Strona internetowa",
        "action": "TODO: co klient tu robi?",
    },
}

DEFAULT_PERSONA_ID = "customer"
DEFAULT_CHANNEL_ID = "website"
