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
        "frontstage": "TODO: what the customer sees the company do",
        "backstage": "TODO: what the team does behind the scenes",
        "support": "TODO: systems and processes behind it",
        "physical_evidence": "TODO: what the customer sees or keeps (email, receipt, parcel)",
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
        "frontstage": "TODO: qué ve el cliente que hace la empresa",
        "backstage": "TODO: qué hace el equipo entre bastidores",
        "support": "TODO: sistemas y procesos que lo sostienen",
        "physical_evidence": "TODO: qué ve o conserva el cliente (email, ticket, paquete)",
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
        "frontstage": "TODO: co klient widzi, że robi firma",
        "backstage": "TODO: co zespół robi za kulisami",
        "support": "TODO: systemy i procesy, które za tym stoją",
        "physical_evidence": "TODO: co klient widzi lub zachowuje (e-mail, paragon, paczka)",
    },
}

DEFAULT_PERSONA_ID = "customer"
DEFAULT_CHANNEL_ID = "website"
