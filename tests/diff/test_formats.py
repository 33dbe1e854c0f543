"""Every format escapes hostile map text; Markdown stays under GitHub's limit; colour is for terminals."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cjm.diff.markdown import MAX_CHARACTERS, render_markdown
from cjm.diff.text import render_text
from cjm.diff.words import grouped
from cjm.reports import Style
from tests.conftest import run_cjm
from tests.diff.helpers import one_stage, review_texts

MAPS = Path(__file__).parent / "maps"
# Double-quoted YAML, so the escapes below are the characters themselves.
HOSTILE = (
    "\\e[31mred\\u202Eevil\\n::error file=x::forged\\r\\n# heading\\u0007 | cell | "
    "<script>alert(1)</script> [link](javascript:alert(1)) *bold*"
)


def hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    old = MAPS / "base.yaml"
    text = old.read_text(encoding="utf-8")
    new = tmp_path / "hostile.yaml"
    new.write_text(
        text.replace("action: Sees an ad", f'action: "{HOSTILE}"')
        .replace("name: Regular customer", f'name: "{HOSTILE}"')
        .replace("goal: Convert", f'goal: "{HOSTILE}"'),
        encoding="utf-8",
    )
    return old, new


def test_hostile_text_is_inert_in_every_format(tmp_path: Path) -> None:
    old, new = hostile_pair(tmp_path)
    text = run_cjm("diff", old, new)
    assert text.returncode == 0
    for forbidden in ("\x1b", "\u202e", "\x07", "\r"):
        assert forbidden not in text.stdout
    assert "\\x1b[31mred\\u202eevil\\n::error file=x::forged\\r\\n# heading\\x07" in text.stdout
    assert not any(line.startswith("::") for line in text.stdout.splitlines())

    github = run_cjm("diff", old, new, "--format", "github")
    lines = github.stdout.splitlines()
    assert all(line.startswith(("::notice ", "::warning ", "cjm diff: ")) for line in lines)
    assert "\x1b" not in github.stdout and "\u202e" not in github.stdout
    touchpoint = next(line for line in lines if "touchpoint changed" in line)
    assert touchpoint.endswith(
        r"'\x1b[31mred\u202eevil\n::error file=x::forged\r\n# heading\x07 | cell | <scri...'"
    )

    markdown = run_cjm("diff", old, new, "--format", "markdown").stdout
    for forbidden in ("\x1b", "\u202e", "<script", "](javascript", "\n# heading", "\r"):
        assert forbidden not in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert rows and all(len(re.findall(r"(?<!\\)\|", row)) == 5 for row in rows)

    document = json.loads(run_cjm("diff", old, new, "--format", "json").stdout)
    values = [change["new"] for change in document["maps"][0]["changes"] if change["change"] == "changed"]
    raw = "\x1b[31mred\u202eevil\n::error file=x::forged\r\n# heading\x07 | cell | "
    assert (
        values[0] == raw + "<script>alert(1)</script> [link](javascript:alert(1)) *bold*"
    )  # JSON keeps the text, escaped by JSON


def test_markdown_stays_under_the_comment_limit_and_says_how_much_is_left_out() -> None:
    old = one_stage(
        *(
            f"{{id: t{n}, action: Step {n} with a longer description of it, channel: web, emotion: 1}}"
            for n in range(3000)
        )
    )
    new = old.replace("emotion: 1", "emotion: -1")
    found = review_texts(old, new)
    page = render_markdown([found])
    assert len(page) <= MAX_CHARACTERS
    shown = sum(1 for line in page.splitlines() if re.match(r"\| \d", line))
    left_out = int(re.search(r"\n\.\.\. and (\d+) more \(", page).group(1))  # type: ignore[union-attr]
    rows = (
        sum(len(changes) for _, changes in grouped(found))
        + len(found.new_findings)
        + len(found.fixed_findings)
    )
    assert shown > 0 and shown + left_out == rows
    assert page.startswith("### cjm diff\n\n3000 changed, 1 emotion change(s); 3000 new finding(s), 0 fixed")


def test_colour_only_when_asked_and_map_text_cannot_colour_the_terminal() -> None:
    found = review_texts(
        one_stage("{action: Sees an ad, channel: web}"), one_stage('{action: "\\e[2J gone", channel: web}')
    )
    coloured = render_text([found], Style(color="truecolor"))
    assert "\x1b[" in coloured and "\x1b[2J" not in coloured
    assert "\\x1b[2J gone" in coloured
    assert "\x1b" not in render_text([found], Style())


def test_the_diff_formats_are_the_printers() -> None:
    from cjm.diff import PRINTERS
    from cjm.vocabulary import DIFF_FORMATS

    assert tuple(PRINTERS) == DIFF_FORMATS
