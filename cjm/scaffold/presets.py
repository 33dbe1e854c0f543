"""Stage presets from the field, in English, Spanish and Polish.

Each stage sets `phase`, so `cjm check` can tell whether the journey goes on after the
purchase (CJM202) even when the stage names are in another language. The stages are tables,
not catalog messages: their ids are the keys of an answers file's `stages` (docs/init.md), so
each language's ids stay as they are, next to its names.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjm.vocabulary import PHASES


@dataclass(frozen=True)
class PresetStage:
    id: str
    name: str
    phase: str | None
    description: str | None = None
    duration: str | None = None


@dataclass(frozen=True)
class Preset:
    key: str
    label: str  # shown in the wizard's menu, before the stage names
    stages: dict[str, tuple[PresetStage, ...]]  # by language


S = PresetStage

CLASSIC = Preset(
    "classic",
    "Classic five",
    {
        "en": (
            S("discovery", "Discovery", "discovery", "The customer becomes aware of the brand."),
            S("consideration", "Consideration", "consideration", "The customer compares the options."),
            S("decision", "Decision", "decision", "The customer chooses and buys."),
            S("retention", "Retention", "retention", "The customer uses the product and gets support."),
            S("advocacy", "Advocacy", "advocacy", "The customer recommends the brand to others."),
        ),
        "es": (
            S("descubrimiento", "Descubrimiento", "discovery", "El cliente descubre la marca."),
            S("consideracion", "Consideración", "consideration", "El cliente compara las opciones."),
            S("decision", "Decisión", "decision", "El cliente elige y compra."),
            S("retencion", "Retención", "retention", "El cliente usa el producto y recibe ayuda."),
            S("recomendacion", "Recomendación", "advocacy", "El cliente recomienda la marca a otros."),
        ),
        "pl": (
            S("odkrycie", "Odkrycie", "discovery", "Klient dowiaduje się o marce."),
            S("ocena-alternatyw", "Ocena alternatyw", "consideration", "Klient porównuje dostępne opcje."),
            S("akcja-kupna", "Akcja kupna", "decision", "Klient wybiera i kupuje."),
            S(
                "serwis-posprzedazowy",
                "Serwis posprzedażowy",
                "retention",
                "Klient korzysta z produktu i otrzymuje wsparcie.",
            ),
            S("lojalnosc", "Lojalność", "advocacy", "Klient wraca i poleca markę innym."),
        ),
    },
)

ECOMMERCE = Preset(
    "ecommerce",
    "Online shop",
    {
        "en": (
            S("discovery", "Discovery", "discovery", "The shopper finds the shop or the product."),
            S(
                "evaluation",
                "Evaluation",
                "consideration",
                "The shopper compares products, prices and reviews.",
            ),
            S(
                "purchase-delivery",
                "Purchase and delivery",
                "decision",
                "Cart, checkout, payment, shipping and unboxing.",
            ),
            S(
                "loyalty",
                "Loyalty: up- and cross-selling",
                "retention",
                "The shopper comes back and buys more, or something better.",
            ),
            S("recommendation", "Recommendation", "advocacy", "The shopper reviews and recommends the shop."),
        ),
        "es": (
            S(
                "descubrimiento",
                "Descubrimiento",
                "discovery",
                "El cliente encuentra la tienda o el producto.",
            ),
            S(
                "evaluacion",
                "Evaluación",
                "consideration",
                "El cliente compara productos, precios y opiniones.",
            ),
            S("compra-entrega", "Compra y entrega", "decision", "Carrito, pago, envío y desembalaje."),
            S(
                "fidelizacion",
                "Fidelización: venta adicional y cruzada",
                "retention",
                "El cliente vuelve y compra más, o algo mejor.",
            ),
            S("recomendacion", "Recomendación", "advocacy", "El cliente opina y recomienda la tienda."),
        ),
        "pl": (
            S("odkrycie", "Odkrycie", "discovery", "Klient trafia do sklepu lub na produkt."),
            S("ocena", "Ocena", "consideration", "Klient porównuje produkty, ceny i opinie."),
            S("zakup-dostawa", "Zakup i dostawa", "decision", "Koszyk, płatność, wysyłka i rozpakowanie."),
            S(
                "lojalnosc",
                "Lojalność: up-selling i cross-selling",
                "retention",
                "Klient wraca i kupuje więcej albo coś lepszego.",
            ),
            S("rekomendacja", "Rekomendacja", "advocacy", "Klient wystawia opinię i poleca sklep."),
        ),
    },
)

B2B = Preset(
    "b2b",
    "B2B, longer and decided by a buying committee",
    {
        "en": (
            S(
                "problem",
                "Problem recognition",
                "discovery",
                "Someone in the company names a problem.",
                "weeks",
            ),
            S(
                "research",
                "Research and shortlist",
                "consideration",
                "The team looks for vendors and draws up a shortlist.",
                "weeks to months",
            ),
            S(
                "committee",
                "Evaluation by the buying committee",
                "consideration",
                "Users, IT, finance and management compare demos, trials and proposals.",
                "months",
            ),
            S(
                "procurement",
                "Procurement and contract",
                "decision",
                "Negotiation, legal and security review, signature.",
                "weeks to months",
            ),
            S(
                "onboarding",
                "Onboarding and implementation",
                "retention",
                "The product is set up and the team is trained.",
                "weeks",
            ),
            S(
                "adoption",
                "Adoption and renewal",
                "retention",
                "The team uses the product every day; the contract comes up for renewal.",
                "months to years",
            ),
            S(
                "expansion",
                "Advocacy and expansion",
                "advocacy",
                "The customer buys more and becomes a reference.",
                "ongoing",
            ),
        ),
        "es": (
            S(
                "problema",
                "Reconocimiento del problema",
                "discovery",
                "Alguien en la empresa identifica un problema.",
                "semanas",
            ),
            S(
                "investigacion",
                "Investigación y preselección",
                "consideration",
                "El equipo busca proveedores y hace una lista corta.",
                "semanas a meses",
            ),
            S(
                "comite",
                "Evaluación por el comité de compra",
                "consideration",
                "Usuarios, TI, finanzas y dirección comparan demos, pruebas y propuestas.",
                "meses",
            ),
            S(
                "compras-contrato",
                "Compras y contrato",
                "decision",
                "Negociación, revisión legal y de seguridad, firma.",
                "semanas a meses",
            ),
            S(
                "implantacion",
                "Implantación y puesta en marcha",
                "retention",
                "Se configura el producto y se forma al equipo.",
                "semanas",
            ),
            S(
                "adopcion",
                "Adopción y renovación",
                "retention",
                "El equipo usa el producto a diario; llega la renovación del contrato.",
                "meses a años",
            ),
            S(
                "expansion",
                "Recomendación y expansión",
                "advocacy",
                "El cliente compra más y se convierte en referencia.",
                "continuo",
            ),
        ),
        "pl": (
            S("problem", "Rozpoznanie problemu", "discovery", "Ktoś w firmie nazywa problem.", "tygodnie"),
            S(
                "research",
                "Research i krótka lista dostawców",
                "consideration",
                "Zespół szuka dostawców i tworzy krótką listę.",
                "tygodnie do miesięcy",
            ),
            S(
                "komitet",
                "Ocena przez komitet zakupowy",
                "consideration",
                "Użytkownicy, IT, finanse i zarząd porównują dema, testy i oferty.",
                "miesiące",
            ),
            S(
                "zakupy-umowa",
                "Zakupy i umowa",
                "decision",
                "Negocjacje, przegląd prawny i bezpieczeństwa, podpisanie umowy.",
                "tygodnie do miesięcy",
            ),
            S(
                "wdrozenie",
                "Wdrożenie",
                "retention",
                "Produkt jest konfigurowany, zespół szkolony.",
                "tygodnie",
            ),
            S(
                "adopcja",
                "Adopcja i odnowienie umowy",
                "retention",
                "Zespół korzysta z produktu na co dzień; zbliża się odnowienie umowy.",
                "miesiące do lat",
            ),
            S(
                "rozwoj",
                "Rekomendacja i rozwój współpracy",
                "advocacy",
                "Klient kupuje więcej i staje się referencją.",
                "stale",
            ),
        ),
    },
)

CUSTOM_LABEL = "Custom: I will name the stages myself"
PRESETS: dict[str, Preset] = {preset.key: preset for preset in (CLASSIC, ECOMMERCE, B2B)}


def preset_stages(key: str, language: str) -> tuple[PresetStage, ...]:
    """The stages of a preset in a language; the custom preset has none of its own."""
    if key == "custom":
        return ()
    return PRESETS[key].stages[language]


def preset_label(preset: Preset, language: str) -> str:
    """`Classic five: Discovery, Consideration, ...` with the stage names in the map's language."""
    return f"{preset.label}: {', '.join(stage.name for stage in preset.stages[language])}"


def default_preset(business: str) -> str:
    return "b2b" if business == "b2b" else "classic"


def guess_phase(index: int, count: int) -> str:
    """The phase a custom stage probably belongs to, from where it sits in the journey."""
    if count <= 1:
        return PHASES[0]
    return PHASES[round(index * (len(PHASES) - 1) / (count - 1))]
