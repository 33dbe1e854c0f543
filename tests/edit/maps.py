"""Random maps that `cjm check` accepts, written every way YAML allows, and random additions to them.

A generated map uses, by draw: LF or CR LF, a byte-order mark, `%YAML 1.1`, `---` and `...`,
lists flush with their key or indented 2 or 4, item keys 2 or 4 after the "- ", comments
everywhere (section headings, an item's own notes, trailing ones, the last line), a missing
final line break, and in text fields values that a dump would rewrite: numbers written as
text, timestamps, YAML 1.1 words, huge integers, impossible dates, escapes, tabs, NEL,
multi-line and block scalars (`|`, `|-`, `|+`, `>`), quotes of both kinds. Stage lists are
block lists, flow lists (`[{...}]`), `[]`, a key with no value, or absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

# Plain scalars that are text to cjm (text fields stay text) but that a YAML dump rewrites.
PLAIN_AS_WRITTEN = [
    "+5", "99.99999999999999999", "1e400", "1_000.5", "-0x1", "0o17", "1:30:00", ".inf", "-.NaN",
    "2026-02-30", "2001-12-14t21:59:43.10-05:00", "2026-11-20", "True", "FALSE", "yes", "No", "on",
    "Off", "y", "=", "9" * 5000, "a\tb", "Sr. Jiménez ñ 😀", "tienda-online", "a 'quoted' word",
]  # fmt: skip
QUOTED_AS_WRITTEN = [
    "'it''s'", "'+5'", '"tab\\there \\u00e9 \\x41 \\N end"', '"line\\nbreak"', '"\\e[31m"', "'a\x85b'",
    '"unicode \\U0001F600"', "''", '"  spaces  "', "'multi\n      line'",
]  # fmt: skip
BLOCK_HEADERS = ["|", "|-", "|+", ">", ">-", "|2"]
COMMENTS = ["# a note", "#", "# TODO: ask support", "# ---", "#: odd", "# é ñ 😀"]


@dataclass
class Drawn:
    """A generated map: its text, and how each list an addition may go into is written."""

    text: str
    newline: str
    styles: dict[str, str] = field(default_factory=dict)  # "stages/s1/touchpoints": "block", "flow", ...
    stages: list[str] = field(default_factory=list)
    pain_points: dict[str, list[str]] = field(default_factory=dict)


class _Writer:
    def __init__(self, draw, step: int, gap: int) -> None:
        self.draw = draw
        self.lines: list[str] = []
        self.step = step  # how far a list's "-" is indented under its key
        self.gap = gap  # how far an item's keys are after its "-"

    def comment(self, indent: int, chance: float = 0.3) -> None:
        if self.draw(st.floats(0, 1)) < chance:
            self.lines.append(
                " " * self.draw(st.integers(0, indent + 2)) + self.draw(st.sampled_from(COMMENTS))
            )

    def trailing(self) -> str:
        return self.draw(st.sampled_from(["", "", "   ", "  # note", "\t# tab before"]))

    def text_value(self, indent: int, key: str, optional: bool = False) -> None:
        """`key: <value>` at `indent`, the value written one of many ways."""
        kind = self.draw(st.sampled_from(["plain", "plain", "quoted", "block", "multiline"]))
        prefix = " " * indent + key + ":"
        if kind == "plain":
            value = self.draw(st.sampled_from([*PLAIN_AS_WRITTEN, *(["~"] if optional else [])]))
            self.lines.append(f"{prefix} {value}{self.trailing()}")
        elif kind == "quoted":
            choices = QUOTED_AS_WRITTEN if optional else [text for text in QUOTED_AS_WRITTEN if text != "''"]
            value = self.draw(st.sampled_from(choices)).replace("\n      ", "\n" + " " * (indent + 2))
            self.lines.extend(f"{prefix} {value}{self.trailing()}".split("\n"))
        elif kind == "multiline":
            self.lines += [f"{prefix} first line", " " * (indent + 2) + "goes on here"]
        else:
            header = self.draw(st.sampled_from(BLOCK_HEADERS))
            lines = st.sampled_from(["text", "", "  more indented", "# not a comment"])
            body = ["first line", *self.draw(st.lists(lines, max_size=4))]
            self.lines.append(f"{prefix} {header}")
            self.lines += [(" " * (indent + 2) + line) if line else "" for line in body]

    def item_start(self, dash: int, key: str, value: str) -> None:
        self.lines.append(" " * dash + "-" + " " * (self.gap - 1) + f"{key}: {value}")


@st.composite
def maps(draw) -> Drawn:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    writer = _Writer(draw, step=draw(st.sampled_from([0, 2, 4])), gap=draw(st.sampled_from([2, 4])))
    drawn = Drawn("", newline)
    lines = writer.lines
    header = draw(st.sampled_from(["", "---", "%YAML 1.1\n---", "--- # start"]))
    lines += header.split("\n") if header else []
    writer.comment(0, 0.7)
    lines += ["cjm: 1"]
    writer.text_value(0, "title")
    lines += ["business: b2c"]
    writer.text_value(0, "value_proposition", optional=True)
    _personas(writer, drawn)
    _channels(writer)
    _stages(writer, drawn)
    writer.comment(0, 0.5)
    if draw(st.booleans()) and not header.startswith("%"):
        lines.append("...")
    text = newline.join(lines) + (newline if draw(st.integers(0, 2)) else "")
    drawn.text = ("\ufeff" if draw(st.integers(0, 4)) == 0 else "") + text
    return drawn


def _personas(writer: _Writer, drawn: Drawn) -> None:
    draw, lines = writer.draw, writer.lines
    if draw(st.integers(0, 4)) == 0:
        lines.append("personas: [{id: p1, name: Primera}]" + writer.trailing())
        drawn.styles["personas"] = "flow"
        return
    lines.append("personas:")
    drawn.styles["personas"] = "block"
    for number in range(1, draw(st.integers(1, 2)) + 1):
        writer.comment(writer.step)
        dash = writer.step
        writer.item_start(dash, "id", f"p{number}")
        writer.text_value(dash + writer.gap, "name")
        if draw(st.booleans()):
            lines.append(" " * (dash + writer.gap) + "goals: [Ahorrar, Comparar precios]")
        writer.comment(dash + writer.gap, 0.4)
    if draw(st.booleans()):
        lines.append("")


def _channels(writer: _Writer) -> None:
    draw, lines = writer.draw, writer.lines
    writer.comment(0, 0.5)
    lines.append("channels:")
    if draw(st.booleans()):
        lines.append(" " * writer.step + "- {id: web, name: Web, kind: digital}" + writer.trailing())
    else:
        writer.item_start(writer.step, "id", "web")
        writer.text_value(writer.step + writer.gap, "name")


def _stages(writer: _Writer, drawn: Drawn) -> None:
    draw, lines = writer.draw, writer.lines
    lines.append("stages:")
    spaced = draw(st.booleans())
    for number in range(1, draw(st.integers(1, 3)) + 1):
        if spaced and number > 1:
            lines.append("")
        writer.comment(writer.step)
        ident = f"s{number}"
        drawn.stages.append(ident)
        dash = writer.step
        keys = dash + writer.gap
        writer.item_start(dash, "id", ident)
        writer.text_value(keys, "name")
        _touchpoints(writer, drawn, ident, keys)
        _pain_points(writer, drawn, ident, keys)
        writer.comment(keys, 0.4)


def _touchpoints(writer: _Writer, drawn: Drawn, stage: str, keys: int) -> None:
    draw, lines = writer.draw, writer.lines
    style = draw(st.sampled_from(["block", "block", "flow", "empty-flow"]))
    drawn.styles[f"stages/{stage}/touchpoints"] = style
    if style == "flow":
        lines.append(" " * keys + "touchpoints: [{action: Mira, channel: web}]" + writer.trailing())
        return
    if style == "empty-flow":
        lines.append(" " * keys + "touchpoints: []" + writer.trailing())
        return
    lines.append(" " * keys + "touchpoints:" + writer.trailing())
    for _ in range(draw(st.integers(1, 2))):
        dash = keys + writer.step
        writer.item_start(dash, "action", draw(st.sampled_from(["Mira la web", "yes", "'+5'", "Compra   "])))
        lines.append(" " * (dash + writer.gap) + "channel: web")
        if draw(st.booleans()):
            writer.text_value(dash + writer.gap, "thoughts", optional=True)
        writer.comment(dash + writer.gap, 0.3)


def _pain_points(writer: _Writer, drawn: Drawn, stage: str, keys: int) -> None:
    draw, lines = writer.draw, writer.lines
    style = draw(st.sampled_from(["absent", "empty-flow", "no-value", "block"]))
    drawn.styles[f"stages/{stage}/pain_points"] = style
    drawn.pain_points[stage] = []
    if style == "empty-flow":
        lines.append(" " * keys + "pain_points: []" + writer.trailing())
    elif style == "no-value":
        lines.append(" " * keys + "pain_points:" + writer.trailing())
    elif style == "block":
        lines.append(" " * keys + "pain_points:")
        dash = keys + writer.step
        writer.item_start(dash, "id", f"{stage}-pain")
        writer.text_value(dash + writer.gap, "description")
        drawn.pain_points[stage].append(f"{stage}-pain")


# Values a user may type for text flags: plain words, and words YAML would read as something else.
TYPED_TEXT = st.one_of(
    st.sampled_from(
        [
            "Nueva clienta", "yes", "No", "1e3", "+5", "2026-02-30", "a: b", "#hash", "- dash", "[x]",
            "{y}", "it's", 'say "hi"', "tab\there", "x, y", "~", "null", "Zażółć gęślą jaźń", "😀",
            "trailing:", "@at", "`tick`", "%pct", "&anchor", "*alias", "!tag", "|pipe", ">gt", "?q",
            "line\nbreak", "\u2028sep", "a  #  b", "9" * 40,
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
)  # fmt: skip
