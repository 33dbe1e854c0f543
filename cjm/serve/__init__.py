"""The live preview of `cjm serve`: a map or a project rendered again whenever a file it reads changes.

`pages.py` renders what a preview shows (in a worker process, `worker.py`, so that every render
is bounded by a timeout); `watch.py` notices changes (watchfiles, else polling); `preview.py`
keeps the last good pages and tells open pages to reload; `overlay.py` adds the problems and the
live script to a page; `server.py` serves the pages and nothing else. Nothing here prints or exits.
"""
