"""Adding cjm's hook to a pre-commit config a user already has, changing nothing else in it.

A `.pre-commit-config.yaml` is the user's text, comments and all, so it gets the care `cjm
add` gives a map: the hook is inserted as new lines at the end of the `repos:` list, at
offsets taken from the parser's marks (`cjm.edit.yaml_text`), indented as the file's own
items and in its own line ending, and the result must mean the old config plus the hook,
or nothing is written. Where that cannot be done safely the file is kept as it is, and the
reason says what to add by hand.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

import yaml

from cjm.edit.yaml_text import EditRefused, MapText
from cjm.i18n import gettext as _
from cjm.scaffold.project_files import (
    HOOK_ENTRY,
    HOOK_ID,
    HookValue,
    pre_commit_hook,
    pre_commit_repo_line,
    pre_commit_yaml,
    yaml_value,
)

BOM = b"\xef\xbb\xbf"
Merged = tuple[bytes | None, str]  # the new bytes, or None and why the file is kept


def merged_config(existing: bytes, folder: str, ours: str | None = None) -> Merged:
    """The user's config with the cjm-check hook added; or (None, why it is kept and what to add).

    `ours`: cjm's whole config (`pre_commit_yaml`, in the map's language), for a config that
    holds nothing but comments."""
    line = pre_commit_repo_line(folder)
    if existing.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in existing:
        return None, _(
            "it is not UTF-8 text, which pre-commit reads; add this item under repos: {line}"
        ).format(line=line)
    try:
        text = existing.removeprefix(BOM).decode("utf-8")
        data = yaml.safe_load(text)
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
        message = _(
            "pre-commit cannot read it as it is (not UTF-8 or not valid YAML); fix it, then "
            "add this item under repos: {line}"
        )
        return None, message.format(line=line)
    if data is None:
        merged = _after_comments(text, ours if ours is not None else pre_commit_yaml(folder))
    else:
        why = _why_not(data, folder)
        if why:
            return None, why
        try:
            merged = _with_hook(text, folder)
        except EditRefused as refusal:
            message = _(
                "cjm could not add to it without changing your lines ({reason}); "
                "add this item under repos: {line}"
            )
            return None, message.format(reason=refusal.reason, line=line)
    if not _means_the_config_plus_the_hook(data, merged, folder):
        message = _(
            "cjm could not add to it without changing what it means; add this item under repos: {line}"
        )
        return None, message.format(line=line)
    return (BOM if existing.startswith(BOM) else b"") + merged.encode("utf-8"), ""


def _why_not(data: object, folder: str) -> str:
    """Why the hook cannot or need not be added to a config that reads as `data`, and what to
    add by hand when it cannot; '' when it can."""
    line = pre_commit_repo_line(folder)
    if not isinstance(data, dict) or not isinstance(data.get("repos", []) or [], list):
        message = _(
            "it is not a mapping with a repos: list, as pre-commit needs; add this item under repos: {line}"
        )
        return message.format(line=line)
    hooks = [hook for repo in data.get("repos") or [] for hook in _hooks(repo)]
    for hook in hooks:
        if hook.get("id") == HOOK_ID and _covers(hook, folder):
            if hook.get("language") == "system" and HOOK_ENTRY not in str(hook.get("entry", "")):
                message = _(
                    "its cjm-check hook does not give cjm the changed files (an older cjm init wrote it); "
                    "add this item under repos: {line}"
                )
                return message.format(line=line)
            if folder:
                return _("it already runs the {hook} hook on {folder}").format(hook=HOOK_ID, folder=folder)
            return _("it already runs the {hook} hook on the repository").format(hook=HOOK_ID)
    return ""


def _hooks(repo: object) -> list[dict]:
    hooks = repo.get("hooks") if isinstance(repo, dict) else None
    return [hook for hook in hooks if isinstance(hook, dict)] if isinstance(hooks, list) else []


def _covers(hook: dict, folder: str) -> bool:
    """Whether a hook's `files:` pattern takes the project's map (pre-commit searches the path)."""
    pattern = hook.get("files", "")
    sample = f"{folder}/journey.yaml" if folder else "journey.yaml"
    try:
        return isinstance(pattern, str) and re.search(pattern, sample) is not None
    except re.error:
        return False


def _with_hook(text: str, folder: str) -> str:
    """Two insertions by the edit engine: `- repo: local` at the end of `repos`, then its `hooks`."""
    config = MapText(text, ".pre-commit-config.yaml")
    root = config.layout.root
    repos = root.get("repos")
    if repos is not None and repos.flow:
        raise EditRefused(_("its repos list is written in [...] style"))
    text = config.add_to_list([root], "repos", {"repo": "local"}).applied_to(text)
    config = MapText(text, ".pre-commit-config.yaml")
    root = config.layout.root
    repos = root.get("repos")
    assert repos is not None and repos.children  # just inserted
    item = repos.children[-1]
    insertion = config.add_to_list([root, repos, item], "hooks", _as_text(pre_commit_hook(folder)))
    return replace(insertion, text=_unquoted_booleans(insertion.text)).applied_to(text)


def _as_text(hook: dict[str, HookValue]) -> dict[str, object]:
    # The edit engine writes text and numbers only: a boolean goes in as its word, quoted.
    return {key: yaml_value(value) if isinstance(value, bool) else value for key, value in hook.items()}


def _unquoted_booleans(inserted: str) -> str:
    """The hook's booleans as YAML booleans, in the lines just inserted (pre-commit wants a bool)."""
    return re.sub(r": '(true|false)'(\r?\n|$)", r": \1\2", inserted)


def _after_comments(text: str, ours: str) -> str:
    """A config of comments only (or nothing): cjm's after them, below a blank line."""
    if not text:
        return ours
    newline = "\r\n" if "\r\n" in text else "\n"
    ending = "" if text.endswith(("\n", "\r")) else newline
    return text + ending + newline + ours.replace("\n", newline)


def _means_the_config_plus_the_hook(data: object, merged: str, folder: str) -> bool:
    """Whether the merged text reads as the user's config with one repo more: the hook."""
    try:
        after = yaml.safe_load(merged)
    except yaml.YAMLError:
        return False
    expected = copy.deepcopy(data) if isinstance(data, dict) else {}
    ours = {"repo": "local", "hooks": [pre_commit_hook(folder)]}
    expected["repos"] = [*(expected.get("repos") or []), ours]
    return after == expected
