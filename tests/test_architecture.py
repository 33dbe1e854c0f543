"""The shape of the package: no import cycle, no private name borrowed, one vocabulary, a light CLI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from cjm import vocabulary

PACKAGE = Path(__file__).resolve().parents[1] / "cjm"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every cjm import in a file, at module level or inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cjm"):
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names if alias.name.startswith("cjm")]
    return found


def graph() -> dict[str, set[str]]:
    """Module -> the cjm modules it imports (a name that is a submodule counts as that module)."""
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for module, names in imports(path):
            targets = {f"{module}.{item}" for item in names if f"{module}.{item}" in MODULES}
            if not targets or len(targets) < len(names):
                targets.add(module)
            edges[name] |= targets - {name}
    return edges


def test_no_module_imports_a_private_name_of_another() -> None:
    borrowed = [
        f"{name}: from {module} import {item}"
        for name, path in MODULES.items()
        for module, names in imports(path)
        for item in names
        if item.startswith("_") and not item.startswith("__")
    ]
    assert borrowed == []


def test_there_is_no_import_cycle() -> None:
    edges = graph()
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        for target in sorted(edges.get(node, ())):
            if target in trail:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in done:
                visit(target, [*trail, target])
        done.add(node)

    done: set[str] = set()
    for start in sorted(edges):
        if start not in done:
            visit(start, [start])
    assert cycles == []


STAGES = ["load", "check", "rules", "reports", "render", "scaffold", "edit", "diff", "cli"]


@pytest.mark.parametrize("folder", STAGES)
def test_each_stage_says_what_it_owns(folder: str) -> None:
    docstring = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and docstring.splitlines()[0].endswith(".")


SPEAKING = {"sys.exit", "sys.stdout.write", "sys.stderr.write"}


def test_only_the_cli_prints_and_exits() -> None:
    speakers = [
        f"{name}:{node.lineno}"
        for name, path in MODULES.items()
        if not name.startswith("cjm.cli")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id in {"print", "exit"})
            or (
                isinstance(node.func, ast.Attribute)
                and ast.unparse(node.func) in {"sys.exit", "sys.stdout.write"}
            )
        )
    ]
    assert speakers == []


def test_the_vocabulary_is_written_once() -> None:
    """The phase and language lists appear in no module but the vocabulary."""
    phases = repr(vocabulary.PHASES)[1:-1]  # "'discovery', 'consideration', ..."
    for name, path in MODULES.items():
        if name != "cjm.vocabulary":
            text = path.read_text(encoding="utf-8")
            assert phases not in text and '"discovery", "consideration"' not in text, name
            assert '("en", "es", "pl")' not in text and '"en", "es", "pl"' not in text, name


def test_the_report_formats_are_the_printers() -> None:
    from cjm.reports import PRINTERS

    assert tuple(PRINTERS) == vocabulary.CHECK_FORMATS


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys; sys.argv = ['cjm', '--help']\n"
        "from cjm.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'jinja2', 'weasyprint', 'ruamel', 'yaml') if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "[]", result.stderr


def test_every_library_imported_is_a_declared_dependency() -> None:
    """A library the package imports must be in pyproject's dependencies: one that only arrives
    with another (click came with typer until typer vendored it) breaks the wheel installed alone."""
    import importlib.metadata as metadata
    import re

    declared = {
        re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        for requirement in metadata.requires("journeymap") or []
        if "extra ==" not in requirement
    }
    declared.add("pydantic-core")  # pydantic pins its own core exactly; it is pydantic's API
    providers = metadata.packages_distributions()
    undeclared = set()
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top == "cjm" or top in sys.stdlib_module_names:
                    continue
                names = {name.lower().replace("_", "-") for name in providers.get(top, [top])}
                if not names & declared:
                    undeclared.add(f"{path.relative_to(PACKAGE.parent)}: {top}")
    assert sorted(undeclared) == []
