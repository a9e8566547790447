"""The staff pages and API show when each member last signed in («ποτέ» when never)."""

import datetime

from django.utils import timezone
from django_tenants.utils import schema_context

from platform_core.accounts.models import User
from platform_core.accounts.roles import Role


def _set_last_login(world, role, when):
    with schema_context(world.centre.schema_name):
        User.objects.filter(pk=world.users[role].pk).update(last_login=when)


def test_the_staff_list_shows_each_members_last_login_or_never(world_a):
    when = timezone.make_aware(datetime.datetime(2026, 3, 14, 9, 26))
    _set_last_login(world_a, Role.AUDITOR, when)
    _set_last_login(world_a, Role.RECEPTION, None)

    page = world_a.client().get("/staff/").content.decode()

    assert "Τελευταία σύνδεση" in page
    assert "14/03/2026 09:26" in page and "ποτέ" in page


def test_the_staff_page_shows_the_members_last_login(world_a):
    _set_last_login(world_a, Role.RECEPTION, None)

    page = world_a.client().get(f"/staff/{world_a.users[Role.RECEPTION].pk}/").content.decode()

    assert "Τελευταία σύνδεση" in page and "ποτέ" in page


def test_signing_in_is_what_the_staff_page_shows(world_a):
    member = world_a.users[Role.RECEPTION]
    _set_last_login(world_a, Role.RECEPTION, None)
    world_a.client(Role.RECEPTION)  # force_login records the login as a sign-in does

    page = world_a.client().get(f"/staff/{member.pk}/").content.decode()

    assert timezone.localtime().strftime("%d/%m/%Y") in page.split("Τελευταία σύνδεση")[1]


def test_the_staff_api_gives_the_last_login(world_a):
    when = timezone.make_aware(datetime.datetime(2026, 3, 14, 9, 26))
    _set_last_login(world_a, Role.AUDITOR, when)

    body = world_a.api().get(f"/api/v1/staff/{world_a.users[Role.AUDITOR].pk}/").json()

    assert datetime.datetime.fromisoformat(body["last_login"]) == when
