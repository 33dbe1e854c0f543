"""A preview's state: the last good page at each address, the problems now, and who to tell.

One thread renders (`Renderer.run`): it waits for a change (the watcher groups a burst of
events into one), asks the worker for a render and publishes it, unless a newer change
arrived meanwhile (that render is superseded, and the next one starts at once). Open pages
wait on `Preview.wait`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from cjm.i18n import gettext as _
from cjm.serve.pages import Page, Rendering
from cjm.serve.watch import Watcher, WatchList
from cjm.serve.worker import RenderWorker


@dataclass(frozen=True)
class Shown:
    """What one address shows now: the last good HTML (None if never), and the problems on top."""

    html: str | None
    problems: list[str]
    findings: list[str]
    script_hashes: list[str]
    generation: int


class Preview:
    """The pages as last rendered, kept across renders that fail."""

    def __init__(self) -> None:
        self.good: dict[str, Page] = {}
        self.rendering = Rendering({})
        self.generation = 0
        self.closed = False
        self.condition = threading.Condition()
        self.published_at = 0.0  # time.perf_counter() of the last publish (for the benchmark)

    def publish(self, rendering: Rendering) -> None:
        with self.condition:
            for address, page in rendering.pages.items():
                if page.html is not None:
                    self.good[address] = page
            self.rendering = rendering
            self.generation += 1
            self.published_at = time.perf_counter()
            self.condition.notify_all()

    def page(self, address: str) -> Shown | None:
        """The page at `address`, or None when there is none (and never was)."""
        with self.condition:
            current = self.rendering.pages.get(address)
            good = self.good.get(address)
            failed = bool(self.rendering.problems)  # the project as a whole did not render
            # A page that went away, the project fine, is gone; while the project does not
            # render, every page keeps its last render, and the first page shows the problems.
            if current is None and not (failed and (good is not None or address == "/")):
                return None
            page = current or Page(None)
            shown = page if page.html is not None else good or page
            problems = [*self.rendering.problems, *page.problems]
            return Shown(shown.html, problems, page.findings, shown.script_hashes, self.generation)

    def wait(self, seen: int, timeout: float) -> int:
        """The generation once it is past `seen` (or the timeout passes, or the preview closes)."""
        with self.condition:
            self.condition.wait_for(lambda: self.generation != seen or self.closed, timeout)
            return self.generation

    def wait_ready(self, timeout: float) -> bool:
        return self.wait(0, timeout) > 0

    def close(self) -> None:
        with self.condition:
            self.closed = True
            self.condition.notify_all()


class Renderer:
    """Renders whenever the watcher says a file changed; publishes each render that is current."""

    def __init__(self, preview: Preview, worker: RenderWorker, watcher: Watcher) -> None:
        self.preview = preview
        self.worker = worker
        self.watcher = watcher
        self.dirty = threading.Event()
        self.changes = 0  # counts changes, so that a render knows whether one came meanwhile
        self.lock = threading.Lock()
        self.stopped = False

    def changed(self) -> None:
        with self.lock:
            self.changes += 1
        self.dirty.set()

    def render_once(self) -> None:
        """One render, published unless a newer change came while it ran."""
        with self.lock:
            started = self.changes
        rendering = self.worker.render()
        self.watcher.follow(WatchList.of(rendering.files, rendering.folders, rendering.map_folder))
        with self.lock:
            superseded = self.changes != started
        if not superseded or not self.preview.generation:
            self.preview.publish(rendering)

    def run(self) -> None:
        while not self.stopped:
            self.dirty.wait()
            if self.stopped:
                return
            self.dirty.clear()
            try:
                self.render_once()
            except Exception as error:  # a fault of cjm's own must not end the preview
                message = _("cjm serve could not render ({error}); save again to retry").format(
                    error=f"{type(error).__name__}: {error}"
                )
                self.preview.publish(Rendering({}, [message]))

    def stop(self) -> None:
        self.stopped = True
        self.dirty.set()
