"""Nothing a map or a file name holds can forge output: in every format of `cjm check` (text, json,
github, sarif, junit) and in every message on stderr, control characters (ESC, BEL, NUL, C1,
DEL), line and paragraph separators, NEL, bidi overrides, zero-width and tag characters and
noncharacters come out as visible escapes. So no forged `::error` line reaches GitHub Actions,
no escape sequence reaches a terminal, JSON strings decode to inert text, and JUnit is XML a
strict parser reads.

Hostile text is put where user text reaches output: unknown keys (load problems), ids quoted in
messages, persona and stage names (the text report's table), actions and descriptions quoted by
rules, and the map's file name.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
import xml.dom.minidom
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.check.config import CheckOptions
from cjm.check.run import check_targets
from cjm.reports import Report, Style, render_report
from cjm.reports.escape import visible
from cjm.vocabulary import CHECK_FORMATS
from tests.conftest import run_cjm

HOSTILE = [
    "\n::error file=README.md,line=1::forged",
    "\r\n::warning::forged too",
    "\x1b[2J\x1b[31mred",
    "\x1b]0;window title\x07",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "bell\x07",
    "nul\x00byte",
    "c1 \x9b31m csi",
    "nel\x85line",
    "del\x7f",
    "ls\u2028ps\u2029",
    "\u202eevil.yaml\u202c",
    "\u2066isolate\u2069",
    "zero\u200bwidth\ufeff",
    "tag\U000e0041\U000e0042",
    "non\ufffechar\uffff",
    "vt\x0bff\x0c",
]
FORBIDDEN = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\U000e0000-\U000e007f]"
)


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every unusual character written as an escape."""
    out = []
    for character in text:
        point = ord(character)
        if character in '"\\':
            out.append("\\" + character)
        elif 0x20 <= point < 0x7F:
            out.append(character)
        elif point < 0x100:
            out.append(f"\\x{point:02x}")
        elif point < 0x10000:
            out.append(f"\\u{point:04x}")
        else:
            out.append(f"\\U{point:08x}")
    return '"' + "".join(out) + '"'


def hostile_map(texts: list[str]) -> str:
    """A map that loads, with hostile text in names, actions and descriptions that rules quote."""
    personas = "".join(
        f"  - id: p{index}\n    name: {yaml_quoted('persona ' + text)}\n" for index, text in enumerate(texts)
    )
    touchpoints = "".join(
        f"      - action: {yaml_quoted('action ' + text)}\n        channel: web\n        emotion: -1\n"
        for text in texts
    )
    opportunities = "".join(f"      - description: {yaml_quoted('idea ' + text)}\n" for text in texts)
    return (
        f"cjm: 1\ntitle: Hostile\nbusiness: b2c\npersonas:\n{personas}"
        "channels:\n  - {id: web, name: Web}\n"
        f"stages:\n  - id: s1\n    name: {yaml_quoted('stage ' + texts[0])}\n"
        f"    touchpoints:\n{touchpoints}    opportunities:\n{opportunities}"
    )


def broken_map(texts: list[str]) -> str:
    """A map that does not load: hostile unknown keys, and hostile text in wrong ids."""
    keys = "".join(f"    {yaml_quoted('key' + text)}: x\n" for text in texts)
    return (
        "cjm: 1\ntitle: Broken\nbusiness: b2c\npersonas:\n"
        f"  - id: {yaml_quoted('bad id ' + texts[0])}\n    name: B\n{keys}"
        "stages:\n  - {id: s1, name: S}\n"
    )


def assert_inert(text: str, where: str) -> None:
    found = FORBIDDEN.search(text)
    assert found is None, (
        f"{where}: {found.group()!r} in {text[max(0, found.start() - 60) : found.end() + 20]!r}"
    )


def assert_output_inert(fmt: str, stdout: bytes, stderr: bytes, findings: int | None) -> None:
    """No hidden character anywhere; with `findings`, one github command per finding, no more."""
    out, err = stdout.decode("utf-8"), stderr.decode("utf-8")  # strict: no lone surrogates either
    for line in err.split("\n"):  # not splitlines: it would split at the very characters looked for
        assert_inert(line, "stderr")
        assert not line.startswith("::"), line
    for line in out.split("\n"):
        assert_inert(line, fmt)
    if fmt == "github":
        commands = [line for line in out.split("\n") if line.startswith("::")]
        assert findings is None or len(commands) == findings
        assert all(
            re.match(r"::(error|warning|notice) file=[^,:]*(,line=\d+,col=\d+)?,title=[^:]*::", c)
            for c in commands
        )
    elif fmt in ("json", "sarif"):
        assert_inert(repr(json.loads(out)), f"{fmt}, decoded")  # the values themselves, not only the text
    elif fmt == "junit":
        document = xml.dom.minidom.parseString(stdout)  # expat: refuses what XML 1.0 forbids
        assert_inert(document.toxml(), "junit, parsed")


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("forgery")
    (folder / "hostile.yaml").write_text(hostile_map(HOSTILE), encoding="utf-8")
    (folder / "broken.yaml").write_text(broken_map(HOSTILE), encoding="utf-8")
    return folder


def _findings(folder: Path, name: str) -> int:
    report = json.loads(run_cjm("check", "-f", "json", name, cwd=folder).stdout)
    return sum(len(entry["findings"]) for entry in report["maps"])


@pytest.mark.parametrize("name", ["hostile.yaml", "broken.yaml"])
@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_every_format_escapes_what_a_map_writes(maps: Path, name: str, fmt: str) -> None:
    env = {"GITHUB_ACTIONS": "true"} if fmt == "github" else {}
    result = run_cjm_bytes(["check", "-f", fmt, name], maps, env)
    assert result.returncode in ((0, 1) if name == "hostile.yaml" else (2,)), result.stderr
    assert_output_inert(fmt, result.stdout, result.stderr, _findings(maps, name) if fmt == "github" else None)
    assert "\\x1b" in result.stdout.decode() + result.stderr.decode()  # escaped, not dropped


def test_the_text_report_escapes_names_in_its_table_even_in_colour(maps: Path) -> None:
    """On a terminal the report has colours of its own; none come from the map."""
    result = run_cjm_bytes(
        ["check", "hostile.yaml"], maps, {"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm"}
    )
    text = result.stdout.decode()
    own = re.sub(r"\x1b\[[0-9;]*m", "", text)  # Rich's SGR colour codes, which are cjm's own
    assert_inert(own, "text in colour")
    assert "persona \\x1b[2J\\x1b[31mred" in own


HOSTILE_NAMES = [
    "evil\x1b[31m.yaml",
    "line\nbreak.yaml",
    "rtl\u202eymal.yaml",
    "bad\udcff.yaml",
    "nel\x85.yaml",
]


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_hostile_file_names_are_escaped_everywhere(tmp_path: Path, fmt: str) -> None:
    """(Not UTF-8, `bad\\xff.yaml` reaches cjm as a lone surrogate, which is escaped too.)"""
    for name in HOSTILE_NAMES:
        (tmp_path / name).write_text(broken_map(["x"]), encoding="utf-8")
    result = run_cjm_bytes([b"check", b"-f", fmt.encode(), b"."], tmp_path, {})
    assert result.returncode == 2
    assert_output_inert(fmt, result.stdout, result.stderr, None)
    assert "evil\\x1b[31m.yaml" in result.stdout.decode() + result.stderr.decode()


def test_plain_cjm_errors_escape_too(tmp_path: Path) -> None:
    """`cjm: message` errors: an unknown rule given on the command line, a report over its input."""
    result = run_cjm("rules", "CJM1\x1b[31m\n::error::x")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert_inert(result.stderr.rstrip("\n"), "stderr")


# --- every printer, on random text (in process: the printers are pure functions) --------------

HIDDEN_TEXT = st.text(
    st.one_of(
        st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co"]),
        st.sampled_from(
            ["\ufffe", "\uffff", "\U0001fffe", "\x85", "\u2028", ":", ",", "%", "<", "&", "]", ">"]
        ),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(HIDDEN_TEXT, min_size=1, max_size=3))
def test_every_printer_makes_random_text_inert(tmp_path_factory, texts: list[str]) -> None:
    folder = tmp_path_factory.mktemp("random")
    (folder / "good.yaml").write_text(hostile_map(texts), encoding="utf-8")
    (folder / "bad.yaml").write_text(broken_map(texts), encoding="utf-8")
    report = Report(check_targets([folder / "good.yaml", folder / "bad.yaml"], CheckOptions()))
    findings = sum(len(result.findings) for result in report.results)
    for fmt in CHECK_FORMATS:
        text = render_report(report, fmt, Style(True, None, 120))
        assert_output_inert(fmt, text.encode("utf-8"), b"", findings)


def test_visible_escapes_exactly_the_hidden_characters_of_this_python() -> None:
    """The escape table against the running Python's Unicode data: nothing hidden slips through."""
    for point in range(sys.maxunicode + 1):
        character = chr(point)
        hidden = unicodedata.category(character) in {"Cc", "Cf", "Zl", "Zp", "Cs"} and point not in (
            0x200C,
            0x200D,
        )
        hidden = hidden or (point & 0xFFFE) == 0xFFFE or 0xFDD0 <= point <= 0xFDEF
        if hidden:
            assert visible(character).isascii() and visible(character).isprintable(), hex(point)
        elif point > 0x20 and point != 0x5C:
            assert visible(character) == character, hex(point)


def run_cjm_bytes(args: list, cwd: Path, env: dict[str, str]):
    """run_cjm, but with bytes out (to see exactly what reaches the terminal) and bytes arguments."""
    import os
    import subprocess

    from tests.conftest import cjm_command

    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **env}
    if "GITHUB_ACTIONS" not in env:
        environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run([*cjm_command(), *args], cwd=cwd, env=environment, capture_output=True, timeout=120)
