"""Noticing that a file a preview reads has changed: watchfiles (inotify and its kin), else polling.

What is watched comes from the last render: its files (the maps, cjm.yaml, the logo), its
template folders, and for a project without a `maps:` list, its folder (a new map). The
folders holding them are watched one level deep and the changes filtered, so an editor that
saves by writing a new file and renaming it over the old one is noticed too.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

POLL_SECONDS = 0.1
MAX_FOLDERS = 256  # template folders and their subfolders: a bound on what one preview watches
MAX_ENTRIES = 10_000  # entries of one folder looked at when polling
MAP_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class WatchList:
    """The files and folders one render read."""

    files: frozenset[str] = frozenset()
    trees: tuple[str, ...] = ()  # a change anywhere inside these counts (template folders)
    map_folder: str | None = None  # a YAML file appearing or changing here counts
    folders: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, files: Iterable[str], trees: Iterable[str], map_folder: str | None) -> WatchList:
        real = frozenset(os.path.realpath(name) for name in files)
        real_trees = tuple(os.path.realpath(name) for name in trees)
        folder = os.path.realpath(map_folder) if map_folder else None
        return cls(real | frozenset(files), real_trees, folder, _folders(real, real_trees, folder))

    def concerns(self, path: str) -> bool:
        """Whether a change at `path` can change what the preview shows."""
        real = os.path.realpath(path)
        if path in self.files or real in self.files:
            return True
        if any(real == tree or real.startswith(tree + os.sep) for tree in self.trees):
            return True
        return (
            self.map_folder is not None
            and os.path.dirname(real) == self.map_folder
            and real.endswith(MAP_SUFFIXES)
        )


def _folders(files: frozenset[str], trees: tuple[str, ...], map_folder: str | None) -> tuple[str, ...]:
    folders = {os.path.dirname(name) for name in files}
    folders |= {map_folder} if map_folder else set()
    for tree in trees:
        folders |= set(_subfolders(tree))
    existing = sorted(folder for folder in folders if os.path.isdir(folder))
    return tuple(existing[:MAX_FOLDERS])


def _subfolders(tree: str) -> list[str]:
    found: list[str] = []
    for folder, names, _files in os.walk(tree):
        found.append(folder)
        names[:] = [name for name in names if not name.startswith(".")]
        if len(found) >= MAX_FOLDERS:
            break
    return found


class Watcher:
    """Calls `changed()` after a file of the current watch list changes; runs in its own thread."""

    def __init__(self, changed: Callable[[], None], force_polling: bool = False) -> None:
        self.changed = changed
        self.force_polling = force_polling
        self.watch_list = WatchList()
        self.renewed = threading.Event()  # the watch list changed: start watching anew
        self.stopped = threading.Event()
        self.method = "polling" if force_polling else "watchfiles"
        self.baseline: dict[str, tuple[int, int, int]] = {}

    def follow(self, watch_list: WatchList) -> None:
        """Watch these files from now on. A change made while the watch is set up is caught by
        comparing the files, once watching, with how they were when this was called."""
        if watch_list != self.watch_list:
            self.baseline = snapshot(watch_list)
            self.watch_list = watch_list
            self.renewed.set()

    def stop(self) -> None:
        self.stopped.set()
        self.renewed.set()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.renewed.clear()
            watch_list, baseline = self.watch_list, self.baseline
            if self.method == "watchfiles" and not self._watch_with_watchfiles(watch_list, baseline):
                self.method = "polling"
            if self.method == "polling":
                self._poll(watch_list, baseline)

    def _watch_with_watchfiles(
        self, watch_list: WatchList, baseline: dict[str, tuple[int, int, int]]
    ) -> bool:
        """Watch until the list is renewed; False when watchfiles is missing or fails here."""
        try:
            from watchfiles import watch
        except ImportError:
            return False
        if not watch_list.folders:
            self.renewed.wait()
            return True
        try:
            changes = watch(
                *watch_list.folders,
                watch_filter=lambda _change, path: watch_list.concerns(path),
                debounce=400,
                step=10,  # ms of quiet that end a burst: an editor's save is one
                stop_event=self.renewed,
                recursive=False,
                rust_timeout=100,
                yield_on_timeout=True,  # the first (empty) yield says the watch is set up
            )
            watching = False
            for found in changes:
                if found or (not watching and snapshot(watch_list) != baseline):
                    self.changed()
                watching = True
        except Exception:  # no inotify watches left, a folder gone, ...: poll instead
            return self.renewed.is_set()
        return True

    def _poll(self, watch_list: WatchList, baseline: dict[str, tuple[int, int, int]]) -> None:
        """Look at the size, time and inode of every concerned file, ten times a second."""
        before = baseline
        while not self.renewed.wait(POLL_SECONDS):
            now = snapshot(watch_list)
            if now != before:
                before = now
                self.changed()


def snapshot(watch_list: WatchList) -> dict[str, tuple[int, int, int]]:
    """(inode, size, modification time) of every concerned file in the watched folders."""
    state: dict[str, tuple[int, int, int]] = {}
    for folder in watch_list.folders:
        try:
            with os.scandir(folder) as entries:
                for count, entry in enumerate(entries):
                    if count >= MAX_ENTRIES:
                        break
                    _note(state, entry, watch_list)
        except OSError:
            state[folder] = (0, 0, 0)  # a folder gone is a change too
    return state


def _note(state: dict[str, tuple[int, int, int]], entry: os.DirEntry[str], watch_list: WatchList) -> None:
    if not watch_list.concerns(entry.path):
        return
    try:
        status = os.stat(entry.path)
    except OSError:
        return
    state[entry.path] = (status.st_ino, status.st_size, status.st_mtime_ns)
