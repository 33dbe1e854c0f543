"""What every code of `cjm check` means, for the formats that explain codes (SARIF) and `cjm rules`.

The rules explain themselves (their docstrings). The codes of findings that come from no rule
(`vocabulary.NON_RULE_CODES`: a file that does not load, the coverage minimum) are explained
here, so a viewer such as GitHub code scanning can show a user what to do about them too.
Every code has a section of its own in docs/rules.md, which `reference_markdown()` writes
(a test keeps the page and the registry in step), and SARIF links each code to its section
at the release's tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cjm import __version__
from cjm.vocabulary import NON_RULE_CODES

PROJECT_URL = "https://github.com/journeymap/cjm"
REFERENCE_PAGE = "rules.md"

# A readable name and a full explanation for each code that is not a rule's.
_NON_RULE_NAMES = {
    "syntax": "valid-yaml",
    "load": "valid-map",
    "settings": "valid-settings",
    "min-coverage": "coverage-minimum",
}
_NON_RULE_EXPLANATIONS = {
    "syntax": """\
The file cannot be read as YAML: an indentation that does not line up, a missing colon or
closing quote, a tab used to indent, a YAML tag, or nesting deeper than 64 levels. The finding
points at the place the YAML parser stopped; the mistake is often on the line above it.
Nothing else is checked in the file until it reads. Always an error: `cjm check` exits 2.""",
    "load": """\
The file is YAML but not a journey map of the format: a required key is missing (`cjm`,
`title`, `business`, `personas`, `stages`), a key is unknown (usually a typo; the message
suggests the key meant), a value has the wrong type or is out of range (an emotion outside
-2..2), an id is used twice, or a reference (`channel`, `personas`, `touchpoint`, `addresses`,
`ignore`) names nothing. Every problem of the file is reported at once, each at its key or
value. Always an error: `cjm check` exits 2, and `cjm render` refuses the map too.""",
    "settings": """\
The project's cjm.yaml is wrong: an unknown key, a rule code that does not exist (the message
suggests the code meant), a severity other than error, warning, info or off, a minimum coverage
outside 0-100, or a path that leads outside the project folder. Reported at the setting.
Always an error: every command that reads the cjm.yaml exits 2.""",
    "min-coverage": """\
The map's coverage (the share of CJM101-CJM108 checks that hold, in percent) is below the
minimum the project sets in cjm.yaml (`check: min_coverage: N`) or the run sets with
`--min-coverage N`. Reported at the start of the map. Fix the CJM101-CJM108 findings of the
map to raise its coverage, or lower the minimum. An error: `cjm check` exits 1.""",
}


@dataclass(frozen=True)
class CodeHelp:
    """What a code is called, what it checks in one line and in full, and where its docs are."""

    code: str
    name: str
    summary: str
    explanation: str
    severity: str

    @property
    def heading(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def help_uri(self) -> str:
        return docs_url(REFERENCE_PAGE, github_anchor(self.heading))


def all_codes() -> list[CodeHelp]:
    """Every rule of the registry, then the codes of findings that come from no rule."""
    from cjm.rules import RULES

    found = [CodeHelp(r.code, r.name, r.summary, r.explanation, r.severity) for r in RULES.values()]
    return found + [non_rule_help(code) for code in NON_RULE_CODES]


def non_rule_help(code: str) -> CodeHelp:
    """A non-rule code's help; always an error, as no setting changes its severity."""
    return CodeHelp(code, _NON_RULE_NAMES[code], NON_RULE_CODES[code], _NON_RULE_EXPLANATIONS[code], "error")


def find_non_rule(code_or_name: str) -> CodeHelp | None:
    """The non-rule code with this code or readable name (any case), if there is one."""
    text = code_or_name.strip().lower()
    for code, name in _NON_RULE_NAMES.items():
        if text in (code, name):
            return non_rule_help(code)
    return None


def github_anchor(heading: str) -> str:
    """The fragment GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as '-'."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def reference_markdown() -> str:
    """docs/rules.md: a section per code, in the order of `cjm rules`."""
    intro = (
        "# The codes of `cjm check`\n\n"
        "Written by `cjm rules --markdown > docs/rules.md` from the rules' own explanations\n"
        "(`cjm rules CODE` prints the same); SARIF links each finding to its section here. The rules,\n"
        "their defaults and the settings are described in [check.md](check.md#rules).\n"
    )
    sections = [_section(code) for code in all_codes()]
    return intro + "".join(sections)


def _section(code: CodeHelp) -> str:
    is_rule = code.code.upper().startswith("CJM")
    severity = (
        f" Default severity: {code.severity} (`check: rules:` in cjm.yaml changes it)." if is_rule else ""
    )
    return f"\n## {code.heading}\n\n**{code.summary}**{severity}\n\n{code.explanation}\n"


def docs_url(page: str, fragment: str = "") -> str:
    """A page of docs/ as it is at this version's tag (at main for a version not released)."""
    return f"{PROJECT_URL}/blob/{release_ref(__version__)}/docs/{page}" + (f"#{fragment}" if fragment else "")


def release_ref(version: str) -> str:
    """The git tag of a released version (v0.2.0); main for a development or local build."""
    return "main" if is_development(version) else f"v{version}"


def is_development(version: str) -> bool:
    """Whether a PEP 440 version is a development or local build, which PyPI never has."""
    return ".dev" in version or "+" in version


_PEP440 = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)*[-_.]?(.*)")


def semantic_version(version: str) -> str:
    """A PEP 440 version as Semantic Versioning 2.0 spells it (SARIF's `semanticVersion`):
    0.2.0 stays, 0.2 is 0.2.0, 0.2.0rc1 is 0.2.0-rc1, 0.2.0.dev3 is 0.2.0-dev3."""
    match = _PEP440.fullmatch(version.strip())
    if match is None:
        return "0.0.0-" + (re.sub(r"[^0-9A-Za-z.-]+", "-", version).strip("-.") or "unknown")
    major, minor, patch, rest = match.groups()
    core = f"{int(major)}.{int(minor or 0)}.{int(patch or 0)}"
    local = ""
    if "+" in rest:
        rest, local = rest.split("+", 1)
        local = "+" + _identifiers(local)
    pre = _identifiers(rest)
    return core + (f"-{pre}" if pre else "") + local


def _identifiers(text: str) -> str:
    """Dot-separated SemVer identifiers: only [0-9A-Za-z-], none empty, numbers without leading zeros."""
    parts = [part for part in re.split(r"[^0-9A-Za-z-]+", text) if part]
    return ".".join(str(int(part)) if part.isdigit() else part for part in parts)
