"""Random mutations of real maps: cjm answers 0, 1 or 2 with a message, never a traceback."""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINIMAL_MAP, SAMPLES, run_cjm
from tests.fuzzing import run_in_process


def seed_maps() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.yaml"))]
    return texts or [MINIMAL_MAP]


SEEDS = seed_maps()
SNIPPETS = st.sampled_from(
    [
        "",
        " ",
        "-",
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "!!python/object:os.system",
        "---",
        "emotion: 7",
        "id: x",
        "? ",
        "|",
        ">",
        "'",
        '"',
        "\t",
        "\x00",
        "\ufeff",
        "é",
        "ł",
        "\u202e",
        "null",
        "~",
        "yes",
        "3.10",
        "-2",
        "personas: []",
        "stages: {}",
        "<<: *a",
        "%YAML 1.1",
    ]
)


@st.composite
def mutated_map(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SEEDS)).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "indent"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "insert":
            lines.insert(index, draw(SNIPPETS | st.text(max_size=20)))
        elif action == "replace":
            head = lines[index].split(":", 1)[0]
            lines[index] = f"{head}: {draw(SNIPPETS | st.text(max_size=20))}"
        else:
            lines[index] = draw(st.sampled_from(["", " ", "  ", "    "])) + lines[index].lstrip()
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_map())
def test_mutated_maps_never_crash_check(tmp_path: Path, text: str) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, output = astuple(run_in_process("check", "--format", "json", str(path)))
    assert code in (0, 1, 2), output
    assert "Traceback" not in output
    if code == 2:
        assert "journey.yaml" in output


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_map())
def test_mutated_maps_through_the_real_command(tmp_path: Path, text: str) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = run_cjm("check", path)
    assert result.returncode in (0, 1, 2)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("garbage", [b"\xff\xfe\x00", b"\x00\x00", b"cjm: 1\n\x85title", b"\xef\xbb\xbf"])
def test_binary_garbage(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "journey.yaml"
    path.write_bytes(garbage)
    code, output = astuple(run_in_process("check", str(path)))
    assert code == 2, output
