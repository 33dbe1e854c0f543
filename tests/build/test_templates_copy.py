"""`cjm templates copy` gives the site's templates too, and a build with the copy is the same site."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cjm

PAGES = ("index.html", "backlog.html", "data.html", "personas.html")


def test_a_copy_of_the_templates_builds_the_same_site_and_its_edits_show(portfolio: Path) -> None:
    copied = run_cjm("templates", "copy", "own", cwd=portfolio)
    assert copied.returncode == 0, copied.stderr
    assert "own/site/index.html.j2" in copied.stdout.splitlines() and "own/journey.html.j2" in copied.stdout
    plain_build = run_cjm("build", "-o", "plain", cwd=portfolio)  # exit 2: the portfolio has a broken map
    copied_build = run_cjm("build", "-o", "copied", "--templates", "own", cwd=portfolio)
    assert plain_build.returncode == copied_build.returncode
    assert (portfolio / "copied" / "index.html").exists()
    for page in PAGES:
        plain = (portfolio / "plain" / page).read_text("utf-8")
        assert (portfolio / "copied" / page).read_text("utf-8") == plain, page
    base = portfolio / "own" / "site" / "base.html.j2"
    base.write_text(base.read_text("utf-8").replace("</body>", "<p>Our own footer</p></body>"), "utf-8")
    run_cjm("build", "-o", "copied", "--templates", "own", cwd=portfolio)
    assert "Our own footer" in (portfolio / "copied" / "index.html").read_text("utf-8")
