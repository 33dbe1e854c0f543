"""The words of the map format and of cjm's own codes, each defined once.

Plain tuples and dicts, no pydantic: the model builds its types from them, and the command
line builds its choices from them without paying for the model at `cjm --help` time.
"""

from __future__ import annotations

from cjm.errors import InvalidValue

FORMAT_VERSIONS = (1,)

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "pl": "Polski"}
BUSINESSES: dict[str, str] = {
    "b2c": "B2C: you sell to consumers",
    "b2b": "B2B: you sell to other businesses",
}
PHASES = ("discovery", "consideration", "decision", "retention", "advocacy")
LEVELS = ("low", "medium", "high")  # severity, priority, effort
MAP_STATUSES = ("draft", "validated", "archived")  # a portfolio lists archived maps apart
OPPORTUNITY_STATUSES = ("idea", "planned", "in-progress", "done")
# Service blueprint lanes (NN/g) of a touchpoint, in the order they are drawn; a map is a
# blueprint when any touchpoint has one of the first three.
BLUEPRINT_LANES = ("frontstage", "backstage", "support", "physical_evidence")
BLUEPRINT_MARKERS = ("frontstage", "backstage", "support")
PLACEHOLDER_PREFIX = "TODO"  # what `cjm init` starts every placeholder with (CJM212)

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
ID_RULE = "1-64 letters, digits, '-' or '_'"
RULE_CODE_PATTERN = r"^CJM[0-9]{3}$"

EMOTIONS = (-2, -1, 0, 1, 2)
EMOTION_WORDS: dict[str, dict[int, str]] = {
    "en": {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"},
    "es": {-2: "muy negativa", -1: "negativa", 0: "neutral", 1: "positiva", 2: "muy positiva"},
    "pl": {-2: "bardzo negatywne", -1: "negatywne", 0: "neutralne", 1: "pozytywne", 2: "bardzo pozytywne"},
}
EMOTION_HELP = "a whole number from -2 (very negative) to 2 (very positive)"


def emotion_word(value: int, language: str) -> str:
    """The word for an emotion score in a language ('muy negativa' for -2 in Spanish)."""
    return EMOTION_WORDS.get(language, EMOTION_WORDS["en"])[value]


def parse_emotion(text: str) -> int:
    """An emotion typed by a person ('-1', ' 2', '+1'); InvalidValue when it is not one."""
    try:
        value = int(text.strip()) if len(text) < 10 else None
    except (TypeError, ValueError):
        value = None
    if value not in EMOTIONS:
        raise InvalidValue(f"type {EMOTION_HELP}")
    return value


# What `cjm add` adds, and the stage sets `cjm init` starts from.
ELEMENT_KINDS = ("persona", "channel", "stage", "touchpoint", "pain-point", "opportunity")
STAGE_PRESETS = ("classic", "ecommerce", "b2b", "custom")

SEVERITIES = ("error", "warning", "info")  # of a finding

# Codes of findings that come from no rule of the registry: problems reading a file, and
# the coverage minimum. Every report format lists them beside the rules.
NON_RULE_CODES: dict[str, str] = {
    "syntax": "The file is valid YAML.",
    "load": "The file is a valid journey map (format, types, ids, references).",
    "settings": "The project's cjm.yaml is valid (keys, types, rule codes).",
    "min-coverage": "The map's coverage is at least the configured minimum.",
}
LOAD_CODES = frozenset({"syntax", "load", "settings"})  # a map or its settings did not load
MIN_COVERAGE_CODE = "min-coverage"

CHECK_FORMATS = ("text", "json", "github", "sarif", "junit")
RENDER_FORMATS = ("html", "md", "pdf")

# `cjm render --format pdf`: the PDF flavours WeasyPrint writes (`none`: untagged, plain PDF)
# and the named paper sizes of CSS @page, portrait, in millimetres.
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "none")
DEFAULT_PDF_VARIANT = "pdf/ua-1"
# The images a theme's logo may be, and a page may show, by file suffix: their media types.
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "a0": (841, 1189),
    "a1": (594, 841),
    "a2": (420, 594),
    "a3": (297, 420),
    "a4": (210, 297),
    "a5": (148, 210),
    "a6": (105, 148),
    "b4": (250, 353),
    "b5": (176, 250),
    "letter": (215.9, 279.4),
    "legal": (215.9, 355.6),
    "ledger": (279.4, 431.8),
}

# `cjm diff --format`: for people on a terminal, for programs, for a pull request, for Actions.
DIFF_FORMATS = ("text", "json", "markdown", "github")

# The brand colour of cjm.yaml's theme: what CSS gets, so nothing but a hex colour.
COLOR_PATTERN = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
COLOR_RULE = "#rrggbb or #rgb, in quotes ('#0b7285'), since # starts a YAML comment"

# Spreadsheet tables of `cjm export` / `cjm import` (FORMAT.md "Spreadsheet tables"): one table a
# kind of element, its columns in order; the first are the ones a row is matched by.
TABLES: dict[str, tuple[str, ...]] = {
    "touchpoints": (
        "stage", "id", "action", "channel", "personas", "emotion", "target_emotion", "moment_of_truth",
        "thoughts", "owner", "evidence", "frontstage", "backstage", "support", "physical_evidence",
    ),
    "pain_points": ("stage", "id", "description", "touchpoint", "personas", "severity", "evidence"),
    "opportunities": ("stage", "id", "description", "addresses", "owner", "priority", "status", "effort"),
    "kpis": ("stage", "id", "name", "target", "current", "source"),
    "data": ("stage", "touchpoint", "name", "personal", "purpose"),
}  # fmt: skip
ALL_TABLES = "all"  # `cjm export --table all --format xlsx`: one workbook, a sheet per table
SHEET_FORMATS = ("csv", "xlsx")
LIST_SEPARATOR = "; "  # between the items of a list in one cell

# `cjm build` and `cjm backlog`: the portfolio of a project's maps.
BACKLOG_FORMATS = ("text", "csv", "json", "markdown")
