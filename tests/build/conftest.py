"""A portfolio project: the samples plus maps written for what a portfolio must handle.

- `journeys/privacy.yaml` (in a subfolder): personal data without a purpose, hostile text in
  every field the site shows (HTML, formulas, Markdown table breakers, control characters),
  a persona id shared with the Spanish sample (`lucia`), a done opportunity that resolves a
  pain point, a pain point nothing addresses, and opportunities that test the ranking.
- `archived.yaml`: status archived, with an open opportunity and personal data that the
  backlog and the data register must leave out.
- `broken.yaml`: does not load (an emotion out of range and an unknown key).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, write_tree

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"

PRIVACY = f"""\
cjm: 1
title: "Suscripción {HOSTILE} | tabla | rota"
business: b2c
language: es
status: draft
owner: "=cmd|' /C calc'!A0"
personas:
  - id: lucia
    name: "Lucía <b>negrita</b>"
    goals: [Pagar sin registrarse]
  - id: pablo
    name: Pablo
channels:
  - id: web
    name: "Web javascript:alert(3)"
stages:
  - id: alta
    name: "Alta | con barra"
    touchpoints:
      - id: formulario
        action: "Rellena el formulario\\x1b[31m rojo \\x07"
        channel: web
        emotion: -2
        owner: "@SUM(1+1)*cmd"
        data:
          - name: fecha de nacimiento
            personal: true
          - name: "=HYPERLINK(\\"http://evil.example\\",\\"clic\\")"
            personal: true
          - name: email
            personal: true
            purpose: Confirmar el alta
          - name: idioma del navegador
      - id: bienvenida
        action: Recibe el email de bienvenida
        channel: web
        personas: [pablo]
        emotion: 1
    pain_points:
      - id: campos-de-mas
        description: "Pide datos que no necesita </td></tr></table><script>alert(4)</script>"
        touchpoint: formulario
        severity: high
      - id: captcha
        description: "+1 el captcha falla | en móvil"
        severity: low
      - id: sin-plan
        description: "-2 nadie lo ha planificado"
        severity: medium
      - id: ya-resuelto
        description: El botón no se veía
        severity: high
    opportunities:
      - id: menos-campos
        description: "=1+1 Pedir solo el email"
        addresses: [campos-de-mas]
        priority: low
        effort: low
        owner: "-Producto"
      - id: captcha-nuevo
        description: "@captcha invisible"
        addresses: [captcha]
        priority: high
        effort: high
      - id: boton-visible
        description: Botón con contraste
        addresses: [ya-resuelto]
        priority: high
        status: done
      - id: sin-prioridad
        description: Revisar los textos del formulario
        addresses: [campos-de-mas]
"""

ARCHIVED = """\
cjm: 1
title: Old loyalty programme
business: b2c
status: archived
personas:
  - id: lucia
    name: Lucía
channels:
  - id: app
stages:
  - id: club
    name: Club
    touchpoints:
      - action: Joins the club
        channel: app
        emotion: 0
        data:
          - name: loyalty card number
            personal: true
    pain_points:
      - id: old-pain
        description: Points expire
    opportunities:
      - id: old-idea
        description: ARCHIVED-OPPORTUNITY keep points for two years
        addresses: [old-pain]
        priority: high
"""

BROKEN = """\
cjm: 1
title: Broken map
business: b2c
personas:
  - id: someone
    name: Someone
channels:
  - id: web
stages:
  - id: only
    name: Only
    touchpoints:
      - action: Visits
        channel: web
        emotion: 7
        colour: red
"""

MAP_FILES = [
    "saas-b2b.yaml",
    "sklep-internetowy.yaml",
    "tienda-online.yaml",
    "journeys/privacy.yaml",
    "archived.yaml",
    "broken.yaml",
]
SETTINGS = "maps:\n" + "".join(f"  - {name}\n" for name in MAP_FILES)
LOADED_SLUGS = ["saas-b2b", "sklep-internetowy", "tienda-online", "journeys-privacy", "archived"]


def make_portfolio(folder: Path) -> Path:
    """The portfolio project in `folder` (created), returned."""
    folder.mkdir(parents=True, exist_ok=True)
    for sample in sorted(SAMPLES.glob("*.yaml")):
        shutil.copyfile(sample, folder / sample.name)
    write_tree(
        folder,
        {
            "cjm.yaml": SETTINGS,
            "journeys/privacy.yaml": PRIVACY,
            "archived.yaml": ARCHIVED,
            "broken.yaml": BROKEN,
        },
    )
    return folder


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    return make_portfolio(tmp_path / "project")
