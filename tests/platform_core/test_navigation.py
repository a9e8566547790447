"""The menu links to the pages each host has, shows apps still to come as upcoming, and follows roles."""

from platform_core.accounts.roles import Role


def test_centre_menu_links_staff_pages_for_the_coordinator_and_marks_upcoming_apps(world_a):
    page = world_a.client(Role.COORDINATOR).get("/").content.decode()

    assert 'href="/staff/"' in page and 'href="/partners/"' in page
    assert 'class="upcoming" aria-disabled="true"' in page
    assert 'href="/operator/"' not in page


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
