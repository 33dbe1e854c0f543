"""Typer choices made from the vocabulary, so that a flag takes exactly the words the format takes."""

from __future__ import annotations

from enum import Enum

from cjm import vocabulary


def choice(name: str, values: tuple[str, ...] | dict[str, str]) -> type[Enum]:
    """A str Enum whose values are `values` (what Typer shows and accepts)."""
    return Enum(name, [(value.replace("-", "_"), value) for value in values], type=str)  # type: ignore[return-value]


Business = choice("Business", vocabulary.BUSINESSES)
Language = choice("Language", vocabulary.LANGUAGES)
Level = choice("Level", vocabulary.LEVELS)
Phase = choice("Phase", vocabulary.PHASES)
Preset = choice("Preset", vocabulary.STAGE_PRESETS)
ElementKind = choice("ElementKind", vocabulary.ELEMENT_KINDS)
