"""Bundled samples: they pass every rule, match the JSON Schema, and the schema documents every key."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cjm.load.journey import TYPED_KEYS
from cjm.load.yaml_events import load_yaml_file
from tests.conftest import run_cjm, sample_paths

SAMPLES = sample_paths()


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = run_cjm("schema")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def read_as_cjm_does(path: Path) -> Any:
    data, problems = load_yaml_file(path, typed_keys=TYPED_KEYS)
    assert problems == []
    return data


def schema_errors(schema: dict[str, Any], data: Any) -> list[str]:
    validator = Draft202012Validator(schema)
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(data)]


def test_the_three_samples_are_bundled() -> None:
    names = {path.name for path in SAMPLES}
    assert names >= {"tienda-online.yaml", "sklep-internetowy.yaml", "saas-b2b.yaml"}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_sample_is_complete(path: Path) -> None:
    # The samples show what a finished map looks like: no finding of any severity.
    result = run_cjm("check", "--format", "json", path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["maps"][0]["findings"] == []
    assert report["summary"]["coverage"] == 100.0


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_sample_matches_schema(schema: dict[str, Any], path: Path) -> None:
    assert schema_errors(schema, read_as_cjm_does(path)) == []


def test_schema_rejects_what_cjm_rejects(schema: dict[str, Any]) -> None:
    # Guards the test above: a sample broken in three ways must fail the schema three times.
    data = copy.deepcopy(read_as_cjm_does(SAMPLES[0]))
    touchpoint = data["stages"][0]["touchpoints"][0]
    touchpoint["emotion"] = 3
    touchpoint["mood"] = "happy"
    data["stages"][0]["id"] = "has spaces"
    assert len(schema_errors(schema, data)) == 3


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every (definition, key, property schema) of the map schema and its $defs."""
    definitions = {"(map)": schema, **schema.get("$defs", {})}
    for definition, body in definitions.items():
        for key, prop in body.get("properties", {}).items():
            yield definition, key, prop


def test_schema_documents_every_key(schema: dict[str, Any]) -> None:
    found = list(properties(schema))
    undocumented = [f"{definition}.{key}" for definition, key, prop in found if not prop.get("description")]
    assert len(found) > 50
    assert undocumented == []
