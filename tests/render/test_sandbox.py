"""Hostile user templates (--templates DIR): the sandbox stops every escape, nothing leaks.

tests/test_render.py proves one escape (`map.__class__.__init__.__globals__`); here every
classic route to Python internals and to files outside the templates folder is tried.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, run_cjm

SECRET = "TOP-SECRET-7f3a9c"

ESCAPES = {
    "str-mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "str-class": "{{ ''.__class__ }}",
    "cycler-globals": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "joiner-globals": "{{ joiner.__init__.__globals__ }}",
    "namespace-globals": "{{ namespace.__init__.__globals__ }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "map-globals": "{{ map.__class__.__init__.__globals__ }}",
    "t-globals": "{{ t.__globals__ }}",
    "t-func-code": "{{ t.__func__.__code__ }}",
    "attr-filter": "{{ map|attr('__class__')|attr('__mro__') }}",
    "format-string": "{{ '{0.__class__.__mro__}'.format(map) }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': map}) }}",
    "self-module": "{{ self._TemplateReference__context }}",
    "request-config": "{{ config.items() }}",
    "range-bomb": "{{ range(10**9)|list|length }}",
}
READS = {
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-parent": "{% include '../secret.txt' %}",
    "include-deep-parent": "{% include '../../secret.txt' %}",
    "import-parent": "{% import '../secret.txt' as s %}{{ s }}",
    "extends-parent": "{% extends '../secret.txt' %}",
    "include-backslash": "{% include '..\\\\secret.txt' %}",
}


def _project(tmp_path: Path, template: str) -> Path:
    project = tmp_path / "project"
    (project / "mine").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (project / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (project / "mine" / "journey.md.j2").write_text(template + "\n", encoding="utf-8")
    return project


def _assert_stopped(project: Path, result) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output
    assert SECRET not in output and "root:x:0:0" not in output and "uid=" not in output
    assert "<class" not in output and "__builtins__" not in output
    assert not (project / "journey.md").exists()


@pytest.mark.parametrize("template", ESCAPES.values(), ids=ESCAPES.keys())
def test_escapes_to_python_internals_are_stopped(tmp_path: Path, template: str) -> None:
    project = _project(tmp_path, template)
    result = run_cjm("render", "-f", "md", "--templates", "mine", cwd=project, timeout=60)
    _assert_stopped(project, result)
    assert "template" in result.stderr


@pytest.mark.parametrize("template", READS.values(), ids=READS.keys())
def test_templates_cannot_read_files_outside_their_folders(tmp_path: Path, template: str) -> None:
    project = _project(tmp_path, template)
    result = run_cjm("render", "-f", "md", "--templates", "mine", cwd=project, timeout=60)
    _assert_stopped(project, result)
    assert "template" in result.stderr


RUNTIME_ERRORS = {
    "division": "{{ 1 / 0 }}",
    "type": "{{ 'a' + 1 }}",
    "index": "{{ [][1] }}",
    "value": "{{ '%d' % 'x' }}",
    "undefined": "{{ map.no_such_thing }}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
}


@pytest.mark.parametrize("template", RUNTIME_ERRORS.values(), ids=RUNTIME_ERRORS.keys())
def test_a_template_that_fails_at_run_time_is_a_user_error(tmp_path: Path, template: str) -> None:
    project = _project(tmp_path, template)
    result = run_cjm("render", "-f", "md", "--templates", "mine", cwd=project, timeout=60)
    _assert_stopped(project, result)
    assert "template error" in result.stderr
