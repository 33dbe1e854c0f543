"""The portfolio: every map of a project as one static site, one backlog and one data register.

`site.build_site` plans the build, reuses what its cache proves unchanged and rebuilds the
rest in parallel (`workers.py`); `summary.py` keeps of each map what the portfolio pages
show; `backlog.py`, `register.py` and `personas.py` gather those across maps; `pages.py`
renders the site's own pages. Nothing here prints or exits.
"""
