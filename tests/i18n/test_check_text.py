"""`cjm check` in each language on real maps: a draft with a gap for most rules and a map that
does not load. The golden files are what a person reads; CJM_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cjm.i18n import use_language
from cjm.rules import RULES
from tests.conftest import run_cjm, without_messages

MAPS = Path(__file__).parent / "maps"
GOLDEN = Path(__file__).parent / "golden"
LANGUAGES = ("en", "es", "pl")


def check(language: str, *arguments: str) -> tuple[int, str, str]:
    result = run_cjm("check", "borrador.yaml", "rota.yaml", *arguments, cwd=MAPS, env={"CJM_LANG": language})
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_text_in_each_language(language: str) -> None:
    code, stdout, stderr = check(language)
    text = f"exit {code}\n--- stdout\n{stdout}--- stderr\n{stderr}"
    golden = GOLDEN / f"check.{language}.txt"
    if os.environ.get("CJM_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_json_keeps_its_shape_and_stable_parts_in_every_language() -> None:
    """Only `message` is translated: rule codes, keys, element labels and positions stay."""
    reports = {language: json.loads(check(language, "--format", "json")[1]) for language in LANGUAGES}

    assert without_messages(reports["es"]) == without_messages(reports["en"])
    assert without_messages(reports["pl"]) == without_messages(reports["en"])
    messages = [[item["message"] for item in report["maps"][0]["findings"]] for report in reports.values()]
    assert all(len(set(triple)) == 3 for triple in zip(*messages, strict=True))  # all three differ


@pytest.mark.parametrize("language", ["es", "pl"])
def test_rule_explanations_translate_the_prose_and_keep_the_snippets(language: str) -> None:
    use_language(language)
    try:
        for rule in RULES.values():
            english, translated = rule.explanation.split("\n\n"), rule.translated_explanation.split("\n\n")
            assert len(english) == len(translated), rule.code
            snippets = [block for block in english if block.startswith("    ")]
            assert snippets == [block for block in translated if block.startswith("    ")], rule.code
            assert rule.translated_summary != rule.summary, rule.code
            assert translated != english, rule.code
    finally:
        use_language("en")
