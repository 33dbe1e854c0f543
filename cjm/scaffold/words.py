"""The words `cjm init` writes into a map, in the map's language (not the interface's).

Sentences (placeholders, and the comments of journey.py and project_files.py) are messages of
the catalogs, read with `cjm.i18n.translation(language)`: a Spanish map gets Spanish words
whatever language the command line speaks. Ids are not free text for a translator: they are
ASCII slugs (FORMAT.md) that answers files and `cjm add` refer to, so they are a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjm.i18n import N_, translation

# Placeholders of the --no-input skeleton: each one says what to write in its place (CJM212
# finds them by their TODO, which every language keeps).
WORDS: dict[str, str] = {
    "title": N_("TODO: name of this journey"),
    "persona": N_("TODO: name of a kind of customer"),
    "persona_description": N_("TODO: who they are, in a sentence"),
    "goals": N_("TODO: what they want to achieve"),
    "needs": N_("TODO: what they need from us"),
    "frustrations": N_("TODO: what annoys them today"),
    "channel": N_("Website"),  # a real channel's name, not a placeholder: most journeys have one
    "action": N_("TODO: what does the customer do here?"),
    "frontstage": N_("TODO: what the customer sees the company do"),
    "backstage": N_("TODO: what the team does behind the scenes"),
    "support": N_("TODO: systems and processes behind it"),
    "physical_evidence": N_("TODO: what the customer sees or keeps (email, receipt, parcel)"),
}

# The ids cjm init suggests where nothing else gives one: the skeleton's persona and channel,
# and what an id made from a name falls back to when the name has no letter or digit for it.
SUGGESTED_IDS: dict[str, dict[str, str]] = {
    "en": {
        "customer": "customer",
        "website": "website",
        "persona": "persona",
        "channel": "channel",
        "stage": "stage",
        "touchpoint": "touchpoint",
        "pain_point": "pain",
    },
    "es": {
        "customer": "cliente",
        "website": "sitio-web",
        "persona": "persona",
        "channel": "canal",
        "stage": "etapa",
        "touchpoint": "punto-de-contacto",
        "pain_point": "dolor",
    },
    "pl": {
        "customer": "klient",
        "website": "strona-www",
        "persona": "persona",
        "channel": "kanal",
        "stage": "etap",
        "touchpoint": "punkt-styku",
        "pain_point": "punkt-bolu",
    },
}


@dataclass(frozen=True)
class MapWords:
    """The words of one map's language: its placeholders and the ids cjm init suggests."""

    language: str

    def text(self, key: str) -> str:
        """A placeholder (or the skeleton's channel name) of WORDS, in the map's language."""
        return translation(self.language).gettext(WORDS[key])

    def suggested_id(self, kind: str) -> str:
        """The id of the skeleton's persona ('customer') or channel ('website'), or the fallback
        of an id made from a name: 'persona', 'channel', 'stage', 'touchpoint', 'pain_point'."""
        return SUGGESTED_IDS[self.language][kind]
