"""The menu links to the pages each host has, shows apps still to come as upcoming, and follows roles."""

from platform_core import navigation
from platform_core.accounts.roles import Role


def test_centre_menu_links_every_landed_app_for_the_coordinator(world_a):
    page = world_a.client(Role.COORDINATOR).get("/").content.decode()

    for url in ("/staff/", "/partners/", "/programmes/", "/calendar/", "/referrals/", "/indicators/"):
        assert f'href="{url}"' in page, url
    assert 'class="upcoming"' not in page  # every app of the menu has landed
    assert 'href="/operator/"' not in page


def test_an_entry_whose_app_has_no_page_yet_is_shown_as_upcoming(world_a, monkeypatch):
    monkeypatch.setattr(navigation, "CENTRE_NAV",
                        [*navigation.CENTRE_NAV, navigation.NavEntry("Αρχείο", "archive:not-yet")])

    page = world_a.client(Role.COORDINATOR).get("/").content.decode()

    assert '<span class="upcoming" aria-disabled="true" title="Έρχεται σύντομα">Αρχείο</span>' in page


def test_reception_sees_colleagues_but_not_the_new_staff_button(world_a):
    page = world_a.client(Role.RECEPTION).get("/staff/").content.decode()
    coordinator_page = world_a.client(Role.COORDINATOR).get("/staff/").content.decode()

    assert world_a.coordinator.email in page
    assert 'href="/staff/new/"' not in page
    assert 'href="/staff/new/"' in coordinator_page


def test_public_menu_links_the_operator_console_for_operators_only(public_world):
    operator_page = public_world.client(public_world.operator).get("/").content.decode()
    anonymous_page = public_world.client(None).get("/").content.decode()

    assert 'href="/operator/"' in operator_page
    assert 'href="/operator/"' not in anonymous_page
    assert 'href="/staff/"' not in operator_page
