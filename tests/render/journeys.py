"""Maps of any shape for the render tests and for looking at the output: 1 to 12 stages, 1 to
6 personas, any number of touchpoints, in English, Spanish or Polish, with text of the
lengths real maps have, or hostile text (long words, right-to-left, combining marks, emoji).

    python -m tests.render.journeys --stages 8 --personas 4 --touchpoints 60 -o big.yaml
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

WORDS = {
    "en": {
        "stages": [
            "Awareness",
            "Research",
            "Comparison",
            "Trial",
            "Purchase",
            "Delivery",
            "Onboarding",
            "First use",
            "Support",
            "Renewal",
            "Expansion",
            "Advocacy",
        ],
        "actions": [
            "Sees a sponsored post about the product",
            "Reads a comparison article on a review site",
            "Asks a colleague which tool they use",
            "Watches a two-minute demo video",
            "Opens the pricing page and looks for the total cost",
            "Starts a free trial with a work email",
            "Invites two teammates to the trial workspace",
            "Books a call with sales",
            "Waits three days for the security questionnaire to come back",
            "Pays with a company card",
            "Receives the welcome email",
            "Imports last year's data",
            "Calls support because the import failed halfway",
            "Reads the renewal quote",
            "Recommends the product in a community forum",
        ],
        "thoughts": [
            "Is this really cheaper than what we have?",
            "I need to show this to my manager.",
            "Why do I have to talk to sales for a price?",
            "That was faster than I expected.",
            "I hope nobody notices the broken report.",
        ],
        "pains": [
            "The price is only given after a call",
            "The trial ends before the data import finishes",
            "Support answers only in business hours",
            "The renewal quote arrives without warning",
        ],
        "ideas": [
            "Publish price bands on the website",
            "Extend the trial while an import runs",
            "Offer chat support in the evening",
            "Send the renewal forecast a quarter ahead",
        ],
        "goals": [
            "Be on the shortlist of every team that looks",
            "Turn trials into paying teams",
            "Keep every customer past the first year",
        ],
        "kpis": [
            ("Share of search", "12 %", "8 %"),
            ("Trial to paid", "25 %", "19 %"),
            ("Net retention", "115 %", "104 %"),
        ],
    },
    "es": {
        "stages": [
            "Descubrimiento",
            "Búsqueda",
            "Comparación",
            "Prueba",
            "Compra",
            "Envío",
            "Bienvenida",
            "Primer uso",
            "Atención",
            "Renovación",
            "Ampliación",
            "Recomendación",
        ],
        "actions": [
            "Ve un anuncio en Instagram mientras desayuna",
            "Lee una comparativa de cafeteras en un blog",
            "Pregunta a una amiga qué cafetera tiene",
            "Mira un vídeo de dos minutos en la ficha",
            "Busca el precio final con el envío incluido",
            "Se registra con su correo personal",
            "Añade un molinillo al carrito",
            "Escribe por WhatsApp para resolver una duda",
            "Descubre los gastos de envío en el último paso del pedido",
            "Paga con Bizum",
            "Recibe el correo de confirmación",
            "Sigue el paquete en la web del mensajero",
            "Llama porque el paquete no llega",
            "Recibe la oferta de suscripción",
            "Recomienda la tienda en un grupo de vecinos",
        ],
        "thoughts": [
            "¿Será más barato en otra tienda?",
            "Esto se lo enseño a mi pareja.",
            "¿Por qué no ponen el precio final desde el principio?",
            "Ha sido más rápido de lo que pensaba.",
            "Espero que llegue antes del sábado.",
        ],
        "pains": [
            "Los gastos de envío aparecen al final",
            "La ficha usa términos técnicos sin explicarlos",
            "El seguimiento del envío tarda en actualizarse",
            "El código de descuento caduca sin aviso",
        ],
        "ideas": [
            "Mostrar el envío en la ficha",
            "Explicar los términos con un glosario breve",
            "Avisar por WhatsApp de cada cambio del envío",
            "Recordar el código una semana antes",
        ],
        "goals": [
            "Que nos conozca quien busca mejorar su café",
            "Que complete la compra sin abandonar el carrito",
            "Que vuelva a comprar antes de tres meses",
        ],
        "kpis": [
            ("Tasa de conversión", "2,5 %", "1,8 %"),
            ("Abandono del carrito", "menos del 60 %", "71 %"),
            ("Recompra a 90 días", "30 %", "22 %"),
        ],
    },
    "pl": {
        "stages": [
            "Odkrycie",
            "Poszukiwanie",
            "Porównanie",
            "Próba",
            "Zakup",
            "Dostawa",
            "Powitanie",
            "Pierwsze użycie",
            "Wsparcie",
            "Odnowienie",
            "Rozszerzenie",
            "Polecenie",
        ],
        "actions": [
            "Widzi reklamę laptopa na Facebooku",
            "Czyta porównanie modeli na blogu technologicznym",
            "Pyta znajomego informatyka o radę",
            "Ogląda recenzję na YouTube",
            "Sprawdza, czy laptop jest dostępny od ręki w salonie",
            "Zakłada konto w sklepie",
            "Dodaje rozszerzoną gwarancję do koszyka",
            "Pisze na czacie z konsultantem",
            "Odkrywa dopłatę za szybką dostawę na ostatnim kroku",
            "Płaci BLIKIEM",
            "Dostaje e-mail z potwierdzeniem",
            "Śledzi paczkę w aplikacji kuriera",
            "Dzwoni na infolinię, bo laptop się przegrzewa",
            "Dostaje ofertę przedłużenia gwarancji",
            "Poleca sklep w grupie na Facebooku",
        ],
        "thoughts": [
            "Czy gdzie indziej nie będzie taniej?",
            "Muszę to mieć do poniedziałku.",
            "Dlaczego cena rośnie na końcu?",
            "Poszło szybciej, niż myślałem.",
            "Oby tylko dotarło na czas.",
        ],
        "pains": [
            "Koszt dostawy widać dopiero w koszyku",
            "Infolinia odbiera tylko w dni robocze",
            "Status zamówienia nie zmienia się przez dwa dni",
            "Gwarancja wymaga wysłania laptopa kurierem",
        ],
        "ideas": [
            "Pokazać koszt dostawy na karcie produktu",
            "Dodać czat w weekendy",
            "Wysyłać SMS przy każdej zmianie statusu",
            "Odbiór serwisowy w salonie",
        ],
        "goals": [
            "Trafić na listę sklepów, które klient porównuje",
            "Domknąć zakup w jednej sesji",
            "Zatrzymać klienta po pierwszej naprawie",
        ],
        "kpis": [
            ("Konwersja", "3 %", "2,1 %"),
            ("Porzucone koszyki", "poniżej 55 %", "68 %"),
            ("NPS", "45", "31"),
        ],
    },
}
PERSONA_NAMES = {
    "en": [
        "Priya, head of data",
        "Marek, staff engineer",
        "Ana, first-time buyer",
        "Tom, buys for his team",
        "Lena, the finance controller",
        "Sam, IT security",
    ],
    "es": [
        "Lucía, su primera cafetera",
        "Andrés, compra para regalar",
        "Marta, barista en casa",
        "Jorge, oficina pequeña",
        "Carmen, clienta habitual",
        "Pablo, estudiante",
    ],
    "pl": [
        "Michał, pilnie potrzebuje laptopa",
        "Anna, kupuje dla córki",
        "Piotr, grafik na zleceniach",
        "Ewa, księgowa w małej firmie",
        "Kasia, studentka",
        "Tomasz, kierownik IT",
    ],
}
PHASES = ("discovery", "consideration", "decision", "retention", "advocacy")
HOSTILE = [
    "Supercalifragilisticexpialidocious" * 6,
    "مرحبا بكم في المتجر \u202eevil.exe\u202c",
    "Za" + "\u0301\u0308" * 40 + "lgo",
    "🚚📦🔥 entrega 🙂" * 5,
    "x" * 600,
    "Section 2: pay; now #1 % title",
]


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


class _Writer:
    def __init__(self, language: str, rng: random.Random, hostile: bool) -> None:
        self.words = WORDS[language]
        self.rng = rng
        self.hostile = hostile

    def pick(self, key: str) -> str:
        text = self.rng.choice(self.words[key])
        if self.hostile and self.rng.random() < 0.5:
            text = f"{text} {self.rng.choice(HOSTILE)}"
        return _text(text)


def journey_map(
    stages: int = 5,
    personas: int = 2,
    touchpoints: int = 18,
    language: str = "en",
    hostile: bool = False,
    seed: int = 7,
) -> str:
    """The YAML text of a valid map of that shape (touchpoints spread over the stages)."""
    rng = random.Random(seed)
    write = _Writer(language, rng, hostile)
    names = PERSONA_NAMES[language]
    lines = [
        "cjm: 1",
        f"title: {_text(f'{stages}-stage journey, {personas} personas, {touchpoints} touchpoints')}",
        "business: b2c",
        f"language: {language}",
        f"value_proposition: {write.pick('goals')}",
        "owner: Customer experience team",
        "updated: 2026-11-20",
        "personas:",
    ]
    for index in range(personas):
        lines += [
            f"  - id: p{index}",
            f"    name: {_text(names[index % len(names)])}",
            f"    goals: [{write.pick('goals')}]",
            f"    frustrations: [{write.pick('pains')}]",
        ]
        if index % 2 == 0:
            lines.append("    evidence: [Interviews, 2026 (n=12)]")
    lines += [
        "channels:",
        "  - {id: web, name: Web shop}",
        "  - {id: mail, name: Email}",
        "  - {id: phone, name: Phone support}",
        "  - {id: social, name: Social media}",
        "stages:",
    ]
    for index in range(stages):
        count = touchpoints // stages + (index < touchpoints % stages)
        lines += _stage(index, count, personas, write)
    return "\n".join(lines) + "\n"


def _stage(index: int, count: int, personas: int, write: _Writer) -> list[str]:
    rng = write.rng
    name = write.words["stages"][index % len(write.words["stages"])]
    lines = [
        f"  - id: s{index}",
        f"    name: {_text(name if index < 12 else f'{name} {index}')}",
        f"    phase: {PHASES[min(index * len(PHASES) // 12, len(PHASES) - 1)]}",
        f"    goal: {write.pick('goals')}",
        "    kpis:",
    ]
    kpi = rng.choice(write.words["kpis"])
    lines += [f"      - {{name: {_text(kpi[0])}, target: {_text(kpi[1])}, current: {_text(kpi[2])}}}"]
    lines += ["    touchpoints:"] if count else ["    touchpoints: []"]
    for number in range(count):
        lines += [
            f"      - id: t{index}-{number}",
            f"        action: {write.pick('actions')}",
            f"        channel: {rng.choice(['web', 'mail', 'phone', 'social'])}",
            f"        emotion: {rng.choice([-2, -1, -1, 0, 1, 1, 2])}",
        ]
        if personas > 1 and rng.random() < 0.4:
            lines.append(f"        personas: [p{rng.randrange(personas)}]")
        if rng.random() < 0.4:
            lines.append(f"        thoughts: {write.pick('thoughts')}")
        if rng.random() < 0.5:
            lines.append("        evidence: [Session recordings]")
    lines += ["    pain_points:"]
    pains = rng.randint(0, 2)
    lines += [
        f"      - {{id: pain-{index}-{number}, description: {write.pick('pains')}, severity: "
        f"{rng.choice(['low', 'medium', 'high'])}}}"
        for number in range(pains)
    ] or ["      []"]
    if pains:
        lines += ["    opportunities:"]
        lines += [
            f"      - {{description: {write.pick('ideas')}, addresses: [pain-{index}-{number}], priority: "
            f"{rng.choice(['low', 'medium', 'high'])}}}"
            for number in range(pains)
        ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--stages", type=int, default=8)
    parser.add_argument("--personas", type=int, default=4)
    parser.add_argument("--touchpoints", type=int, default=60)
    parser.add_argument("--language", choices=sorted(WORDS), default="en")
    parser.add_argument("--hostile", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    text = journey_map(args.stages, args.personas, args.touchpoints, args.language, args.hostile, args.seed)
    args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
