"""Inputs for fuzzing cjm, and one in-process run of the whole pipeline on one input.

Shared by the property tests (tests/test_hardening_fuzz.py) and the long fuzz run
(fuzz/run.py), so that both hunt with the same generators and judge with the same oracle:
every run ends with exit 0, 1 or 2 and a message, never a traceback.
"""

from __future__ import annotations

import contextlib
import copy
import io
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# Every key of format v1, so random documents hit the model's real fields, not just unknown keys.
FORMAT_KEYS = [
    "cjm", "title", "business", "language", "value_proposition", "owner", "updated", "personas",
    "channels", "stages", "ignore", "id", "name", "description", "goals", "needs", "frustrations",
    "evidence", "kind", "phase", "goal", "duration", "kpis", "target", "current", "content",
    "touchpoints", "action", "channel", "emotion", "thoughts", "data", "personal", "purpose",
    "pain_points", "touchpoint", "severity", "opportunities", "addresses", "priority",
]  # fmt: skip

# Text that is hostile to some layer: YAML, HTML, Markdown, Mermaid, Jinja, terminals, CSV.
NASTY_TEXT = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "http://127.0.0.1:9/x",
    "url(http://127.0.0.1:9/x)",
    "@import 'http://127.0.0.1:9/x.css';",
    "{{ 7*7 }}",
    "{% raw %}",
    "{{ ''.__class__.__mro__ }}",
    "| a | b |\n|---|",
    "\u202egnp.exe",
    "\u200b\u200d\ufeff",
    "Zażółć gęślą jaźń",
    "¿Será de confianza?",
    "%(x)s %s {0}",
    "\x1b[31mred\x1b[0m",
    "a\tb",
    "```",
    "]]>",
    "-->",
    ":::",
    "x" * 300,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
    "ـــ",
]
YAML_PIECES = [
    "cjm: 1\n", "title: T\n", "business: b2c\n", "personas:\n", "stages:\n", "channels:\n",
    "  - id: a\n", "    name: A\n", "- ", ": ", "? ", "&a ", "*a", "!!str ", "!!python/object:os.system ",
    "!tag ", "[", "]", "{", "}", ",", "'", '"', "|\n", ">\n", "#", "---\n", "...\n", "%YAML 1.2\n",
    "<<: *a\n", "\n", "  ", "\t", "~", "null", "yes", "3.10", "-2", "0x1F", "1e9", "\\0", "\\x00",
    "\u202e", "é", "ł", "😀", "\ufeff",
]  # fmt: skip


def _sample_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.yaml"))]
    return texts


SAMPLE_TEXTS = _sample_texts()
# libyaml, as cjm reads them (PyYAML's pure-Python parser rejects `wiesz?”` inside a flow list).
SAMPLE_DATA = [yaml.load(text, Loader=yaml.CSafeLoader) for text in SAMPLE_TEXTS]

# --- generators ----------------------------------------------------------------------------

any_text = st.text(max_size=40) | st.sampled_from(NASTY_TEXT)
scalars = (
    any_text
    | st.integers(-5, 5)
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
    | st.sampled_from(FORMAT_KEYS)
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FORMAT_KEYS) | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)


@st.composite
def yamlish_text(draw: st.DrawFn) -> str:
    """Text glued from YAML syntax, format keys and random Unicode: mostly syntax errors."""
    pieces = st.sampled_from(YAML_PIECES) | st.sampled_from(FORMAT_KEYS) | any_text
    parts = draw(st.lists(pieces, max_size=40))
    return "".join(parts)


@st.composite
def dumped_document(draw: st.DrawFn) -> str:
    """A random structured document, written out by yaml.safe_dump: valid YAML, odd maps."""
    document: dict[str, Any] = {"cjm": draw(st.sampled_from([1, 1, 1, 2, "1", None]))}
    document.update(draw(st.dictionaries(st.sampled_from(FORMAT_KEYS), values, max_size=8)))
    return _dump(document, draw)


def _dump(document: Any, draw: st.DrawFn, quoted: bool = True) -> str:
    # Quoting every scalar also quotes `cjm: 1` and `emotion: 1`, which the loader rightly refuses.
    style = draw(st.sampled_from([None, '"', "'"])) if quoted else None
    flow = draw(st.sampled_from([False, None]))
    unicode = draw(st.booleans())
    return yaml.safe_dump(document, allow_unicode=unicode, default_style=style, default_flow_style=flow)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


@st.composite
def mutated_sample_document(draw: st.DrawFn) -> str:
    """A sample map with a few values replaced, keys dropped or added: deep into the model."""
    document = copy.deepcopy(draw(st.sampled_from(SAMPLE_DATA)))
    for _ in range(draw(st.integers(1, 4))):
        paths = [path for path in _paths(document) if path]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "text", "text", "delete", "add", "empty"]))
        last = path[-1]
        if action == "replace":
            parent[last] = draw(values)
        elif action == "text":
            parent[last] = draw(any_text)
        elif action == "delete":
            del parent[last]
        elif action == "empty":
            parent[last] = type(parent[last])() if isinstance(parent[last], (list, dict, str)) else None
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(FORMAT_KEYS) | st.text(max_size=8))] = draw(values)
        else:
            parent.insert(last, draw(values))
    return _dump(document, draw, quoted=draw(st.integers(0, 4)) == 0)


@st.composite
def unicode_sample_document(draw: st.DrawFn) -> str:
    """A sample map, still valid, with random Unicode in its free-text fields."""
    document = copy.deepcopy(draw(st.sampled_from(SAMPLE_DATA)))
    text_keys = {"title", "description", "name", "goal", "thoughts", "action", "owner", "duration", "target"}
    for path in _paths(document):
        if path and path[-1] in text_keys and draw(st.integers(0, 3)) == 0:
            parent = document
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = draw(any_text.filter(lambda text: text.strip() != ""))
    return _dump(document, draw, quoted=False)


@st.composite
def mutated_sample_bytes(draw: st.DrawFn) -> bytes:
    """A sample's bytes with a few bytes flipped, inserted or cut: encoding and syntax edges."""
    data = bytearray(draw(st.sampled_from(SAMPLE_TEXTS)).encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "cut"]))
        if action == "flip":
            data[index] = draw(st.integers(0, 255))
        elif action == "insert":
            data[index:index] = draw(st.binary(min_size=1, max_size=4))
        else:
            del data[index : index + draw(st.integers(1, 200))]
    return bytes(data)


def any_input() -> st.SearchStrategy[str | bytes]:
    """Every kind of input above, in one strategy (for the long fuzz run)."""
    return st.one_of(
        yamlish_text(),
        dumped_document(),
        mutated_sample_document(),
        unicode_sample_document(),
        mutated_sample_bytes(),
    )


# --- the oracle ----------------------------------------------------------------------------


@dataclass
class Outcome:
    code: int
    output: str

    @property
    def crashed(self) -> bool:
        return self.code not in (0, 1, 2) or "Traceback" in self.output or not self.output.strip()


def run_in_process(*argv: str) -> Outcome:
    """Run cjm's real entry point in this process; an escaping exception is a crash (-1)."""
    from cjm.cli import main

    output = io.StringIO()
    saved = sys.argv
    sys.argv = ["cjm", *argv]
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            main()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
        return Outcome(code, output.getvalue())
    except BaseException:  # a traceback is exactly what the fuzzer hunts for
        return Outcome(-1, output.getvalue() + traceback.format_exc())
    finally:
        sys.argv = saved
    return Outcome(0, output.getvalue())


def run_pipeline(folder: Path, content: str | bytes, formats: str = "html,md") -> list[Outcome]:
    """Write one input as a map, then `check` and `render` it; the outcomes of both."""
    path = folder / "journey.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(content)
    out = folder / "out"
    check = run_in_process("check", "--format", "json", str(path))
    render = run_in_process("render", "-f", formats, "-o", str(out), str(path))
    for outcome in (check, render):
        if outcome.code == 2 and "journey.yaml" not in outcome.output and "cjm:" not in outcome.output:
            outcome.output += "\n[oracle] exit 2 without naming the file or the problem"
            outcome.code = -2
    return [check, render]
