"""The command itself: version, help, and the promise that it starts fast."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cjm import __version__
from tests.conftest import SAMPLES, run_cjm

HEAVY_MODULES = ("weasyprint", "jinja2", "ruamel", "pydyf", "fontTools", "PIL")


def test_version() -> None:
    result = run_cjm("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"cjm {__version__}"


def test_help_lists_every_command_with_one_line() -> None:
    result = run_cjm("--help")
    assert result.returncode == 0
    for command in ("init", "add", "check", "render", "rules", "schema", "templates"):
        assert f" {command} " in result.stdout, command
    commands = result.stdout.split("Commands:")[1]
    assert "..." not in commands, "a command's one-line help is cut short"


def test_no_arguments_shows_help() -> None:
    result = run_cjm()
    assert "Usage" in result.stdout + result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = run_cjm("chekc")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_shell_completion_is_offered() -> None:
    assert "--install-completion" in run_cjm("--help").stdout


def imported_after(*argv: str) -> set[str]:
    """Top-level modules imported by running `cjm ARGV` in a fresh interpreter."""
    program = (
        "import sys\n"
        f"sys.argv = ['cjm', *{list(argv)!r}]\n"
        "from cjm.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('MODULES', ' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    output = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    line = next(line for line in output.stdout.splitlines() if line.startswith("MODULES"))
    return set(line.split()[1:])


@pytest.mark.parametrize(
    "argv",
    [("--help",), ("--version",), ("check", "--help"), ("render", "--help")],
    ids=["help", "version", "check-help", "render-help"],
)
def test_startup_imports_nothing_heavy(argv: tuple[str, ...]) -> None:
    loaded = imported_after(*argv)
    assert not loaded & set(HEAVY_MODULES), loaded & set(HEAVY_MODULES)


def test_check_does_not_import_the_renderer() -> None:
    samples = sorted(SAMPLES.glob("*.yaml"))
    if not samples:
        pytest.skip("no samples yet")
    loaded = imported_after("check", "--format", "json", str(samples[0]))
    assert "weasyprint" not in loaded and "jinja2" not in loaded
