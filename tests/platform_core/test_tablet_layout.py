"""Layout at tablet width: the menu folds behind a button below 900 px, wide tables scroll in their
own box, and the site has a favicon (the pixels themselves: docs/screenshots.py)."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from platform_core.accounts.roles import Role

ROOT = Path(settings.BASE_DIR)
CSS = ROOT / "platform_core" / "static" / "platform_core" / "koinotita.css"


def test_the_menu_has_a_button_that_works_without_javascript(world_a):
    page = world_a.client().get("/").content.decode()
    nav = page[page.index('<nav class="main-nav"'):page.index("</nav>")]

    assert '<input type="checkbox" id="main-nav-toggle" class="nav-toggle">' in nav
    assert '<label for="main-nav-toggle" class="nav-toggle-button" data-testid="menu-button">Μενού</label>' in nav
    assert nav.index("nav-toggle-button") < nav.index("<ul>")


def test_below_900_px_the_menu_folds_and_the_button_opens_it():
    css = CSS.read_text(encoding="utf-8")
    narrow = css[css.index("@media (max-width: 899.98px)"):]

    assert re.search(r"\.main-nav ul \{ display: none;", narrow)
    assert ".nav-toggle:checked ~ ul { display: flex; }" in narrow
    assert re.search(r"\.nav-toggle-button \{ display: none; \}", css[:css.index("@media (max-width: 899.98px)")])


def test_the_menu_has_no_home_entry_the_centre_name_leads_home(world_a):
    """Fifteen entries do not fit one row at 1280 px; the header's centre name is the way home."""
    page = world_a.client(Role.COORDINATOR).get("/").content.decode()
    nav = page[page.index('<nav class="main-nav"'):page.index("</nav>")]

    assert 'href="/"' not in nav
    assert re.search(r'<div class="brand">\s*<a href="/">', page)


def test_every_table_scrolls_inside_its_own_box():
    bare = []
    for path in ROOT.glob("*/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        bare += [f"{path.relative_to(ROOT)}" for match in re.finditer(r"<table[\s>]", text)
                 if not re.search(r'<div class="table-scroll">\s*$', text[:match.start()])]
    assert bare == []


def test_pages_name_the_favicon(world_a):
    page = world_a.client().get("/").content.decode()

    assert f'<link rel="icon" href="{static("platform_core/favicon.svg")}" type="image/svg+xml">' in page
    assert finders.find("platform_core/favicon.svg")


def test_favicon_ico_answers_on_both_hosts(world_a, public_world):
    for client in (world_a.client(None), public_world.client(None)):
        response = client.get("/favicon.ico")

        assert response.status_code == 301
        assert response["Location"] == static("platform_core/favicon.svg")
