"""Colours a reader can read: cjm's own palette, and a brand colour darkened to the nearest
shade that passes WCAG AA, with a warning that names both."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cjm.render.colors import TEXT_CONTRAST, WHITE, accent_contrast, contrast, mix_with_white, readable_accent
from cjm.render.view import EMOTION_COLORS, PERSONA_COLORS
from tests.conftest import run_cjm, sample_paths


def test_contrast_is_the_wcag_ratio() -> None:
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#7a8394", "#ffffff"), 2) == 3.82  # the old grey: 3.81:1 by axe
    assert round(contrast("#ffffff", "#dc6803"), 2) == 3.49  # the old -1 chip


def test_white_text_on_every_persona_and_emotion_colour_passes() -> None:
    for color in (*PERSONA_COLORS, *EMOTION_COLORS.values()):
        assert contrast(WHITE, color) >= TEXT_CONTRAST, color


def test_a_readable_brand_colour_is_used_as_given() -> None:
    for color in ("#2f5d8a", "#aa3355", "#000000", "#0f766e"):
        chosen = readable_accent(color)
        assert chosen.color == color and not chosen.changed


@given(st.from_regex(r"#[0-9a-f]{6}", fullmatch=True))
def test_any_brand_colour_becomes_the_nearest_shade_that_passes(color: str) -> None:
    chosen = readable_accent(color)
    assert accent_contrast(chosen.color) >= TEXT_CONTRAST
    assert contrast(chosen.color, mix_with_white(chosen.color, 0.9)) >= TEXT_CONTRAST
    if chosen.changed:
        assert chosen.given_contrast < TEXT_CONTRAST
        lighter = "#" + "".join(f"{min(255, int(chosen.color[i : i + 2], 16) + 6):02x}" for i in (1, 3, 5))
        assert accent_contrast(lighter) < TEXT_CONTRAST + 0.35, "no much lighter shade would have passed"


def test_a_yellow_brand_is_darkened_with_a_warning_that_names_both(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(sample_paths()[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "cjm.yaml").write_text('theme:\n  color: "#ffcc00"\n', encoding="utf-8")
    result = run_cjm("render", "journey.yaml", "-f", "html,pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "cjm.yaml:2:3: theme colour #ffcc00 gives text a contrast of 1.4:1, below the 4.5:1 of WCAG AA; "
        "using the darker #926200 instead\n"
    )
    assert "--accent: #926200;" in (tmp_path / "journey.html").read_text(encoding="utf-8")
    assert (tmp_path / "journey.pdf").read_bytes().startswith(b"%PDF-")


def test_a_readable_brand_colour_is_used_without_a_word(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(sample_paths()[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "cjm.yaml").write_text("theme:\n  color: '#aa3355'\n", encoding="utf-8")
    result = run_cjm("render", "journey.yaml", "-f", "html", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert re.search(r"--accent: #aa3355;", (tmp_path / "journey.html").read_text(encoding="utf-8"))
