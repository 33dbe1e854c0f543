"""Every command under an output encoding narrower than UTF-8: `PYTHONIOENCODING=ascii`, a C locale
without Python's UTF-8 mode, Latin-1. The exit code is the one of ordinary streams, never a
traceback (`UnicodeEncodeError`), and the output is in the encoding: text with backslash escapes
for the letters it lacks, JSON and SARIF with `\\u` escapes and JUnit with character references,
so that they stay valid and mean the same.
"""

from __future__ import annotations

import json
import xml.dom.minidom
from pathlib import Path

import pytest

from tests.cli.test_output_streams import COMMANDS, _folder, _no_traceback, shell

ENCODINGS = {
    "PYTHONIOENCODING=ascii": ({"PYTHONIOENCODING": "ascii"}, "ascii"),
    "C locale, no UTF-8 mode": ({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}, "ascii"),
    "PYTHONIOENCODING=latin-1": ({"PYTHONIOENCODING": "latin-1"}, "latin-1"),
}


# Every command in ASCII; the other encodings on the commands whose output carries the map's letters.
CASES = [
    *((name, "PYTHONIOENCODING=ascii") for name in COMMANDS),
    *(
        (name, encoding)
        for name in ("check fails", "check json", "add", "schema")
        for encoding in list(ENCODINGS)[1:]
    ),
]


@pytest.mark.parametrize(("name", "encoding"), CASES)
def test_a_narrow_output_encoding(tmp_path: Path, name: str, encoding: str) -> None:
    args, code = COMMANDS[name]
    env, codec = ENCODINGS[encoding]
    result = shell("", args, _folder(tmp_path), env, capture_output=True)
    _no_traceback(result.stderr)
    assert result.returncode == code
    result.stdout.decode(codec)  # strict: the output is in the encoding
    result.stderr.decode(codec)
    if name in ("check json", "schema"):
        json.loads(result.stdout)


@pytest.mark.parametrize("fmt", ["sarif", "junit", "text"])
def test_machine_formats_stay_valid_and_mean_the_same_in_ascii(tmp_path: Path, fmt: str) -> None:
    folder = _folder(tmp_path)
    utf8 = shell("", ["check", "-f", fmt, "fail.yaml"], folder, capture_output=True)
    ascii_ = shell(
        "", ["check", "-f", fmt, "fail.yaml"], folder, {"PYTHONIOENCODING": "ascii"}, capture_output=True
    )
    assert (utf8.returncode, ascii_.returncode) == (1, 1)
    assert ascii_.stdout.isascii()
    if fmt in ("json", "sarif"):
        assert json.loads(ascii_.stdout) == json.loads(utf8.stdout)
    elif fmt == "junit":
        assert (
            xml.dom.minidom.parseString(ascii_.stdout).toxml()
            == xml.dom.minidom.parseString(utf8.stdout).toxml()
        )
    else:
        assert b"\\u0141" in ascii_.stdout or b"\\u017c" in ascii_.stdout  # Ł, ż as escapes, not '?'
