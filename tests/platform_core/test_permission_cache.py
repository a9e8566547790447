"""A user's permissions come from the cache (per centre, user and role version) and follow every
change of roles and memberships (platform_core/accounts/permission_cache.py)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from platform_core.accounts.models import User
from platform_core.accounts.permission_cache import VERSION_KEY, permissions_cache_key
from platform_core.accounts.roles import Role

REPORT_PERM = "notifications.view_report"  # the coordinator's and the auditor's, not reception's


def fresh(user: User) -> User:
    """The user as the next request loads them (nothing memoised on the object)."""
    return User.objects.get(pk=user.pk)


def sql_queries(context) -> list[dict]:
    return [query for query in context.captured_queries if not query["sql"].startswith("SET search_path")]


@pytest.fixture
def reception(world_a, in_centre_a) -> User:
    return world_a.users[Role.RECEPTION]


@pytest.fixture
def reception_group(in_centre_a) -> Group:
    return Group.objects.get(name=Role.RECEPTION.value)


def report_permission() -> Permission:
    app_label, codename = REPORT_PERM.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_a_second_request_resolves_permissions_without_a_query(reception):
    fresh(reception).has_perm("casework.view_person")
    user = fresh(reception)
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("casework.view_person")
        assert not user.has_perm(REPORT_PERM)
    assert sql_queries(queries) == []


def test_a_permission_added_to_a_role_applies_to_the_next_request(reception, reception_group):
    assert not fresh(reception).has_perm(REPORT_PERM)
    reception_group.permissions.add(report_permission())
    assert fresh(reception).has_perm(REPORT_PERM)


def test_a_permission_removed_from_a_role_applies_to_the_next_request(reception, reception_group):
    assert fresh(reception).has_perm("casework.view_person")
    reception_group.permissions.clear()
    assert not fresh(reception).has_perm("casework.view_person")


def test_a_user_given_another_role_gets_its_permissions_on_the_next_request(reception):
    assert not fresh(reception).has_perm(REPORT_PERM)
    reception.groups.add(Group.objects.get(name=Role.AUDITOR.value))
    assert fresh(reception).has_perm(REPORT_PERM)


def test_a_role_taken_away_from_the_group_side_applies_too(reception, reception_group):
    assert fresh(reception).has_perm("casework.view_person")
    reception_group.user_set.remove(reception)
    assert not fresh(reception).has_perm("casework.view_person")


def test_a_permission_given_to_the_user_directly_applies_to_the_next_request(reception):
    assert not fresh(reception).has_perm(REPORT_PERM)
    reception.user_permissions.add(report_permission())
    assert fresh(reception).has_perm(REPORT_PERM)


def test_a_deleted_role_group_takes_its_permissions_with_it(reception, reception_group):
    assert fresh(reception).has_perm("casework.view_person")
    reception_group.delete()
    assert not fresh(reception).has_perm("casework.view_person")


def test_nothing_is_cached_from_a_transaction_that_changed_permissions(reception, reception_group):
    # The change could still be rolled back: what it computed must not outlive it.
    reception_group.permissions.add(report_permission())
    fresh(reception).has_perm(REPORT_PERM)
    entry = cache.get(permissions_cache_key(reception))
    assert entry is None or entry[0] != cache.get(VERSION_KEY)


def test_a_deactivated_user_has_no_permission_at_once(reception):
    fresh(reception).has_perm("casework.view_person")
    User.objects.filter(pk=reception.pk).update(is_active=False)
    assert not fresh(reception).has_perm("casework.view_person")


def test_the_cache_keys_of_one_centre_are_not_read_in_another(centre_a, centre_b):
    key = permissions_cache_key(User(pk="00000000-0000-0000-0000-000000000001"))
    with schema_context(centre_a.schema_name):
        key_in_a = cache.make_key(key)
        cache.set(key, ("v", ["casework.view_person"]))
        cache.set(VERSION_KEY, "v")
    with schema_context(centre_b.schema_name):
        assert cache.make_key(key) != key_in_a
        assert cache.get(key) is None
        assert cache.get(VERSION_KEY) != "v"
    with schema_context(centre_a.schema_name):
        cache.delete(key)


def test_a_role_change_in_one_centre_leaves_the_other_centres_cache_alone(world_a, world_b, centre_a, centre_b):
    with schema_context(centre_b.schema_name):
        fresh(world_b.users[Role.RECEPTION]).has_perm("casework.view_person")
        version_b = cache.get(VERSION_KEY)
    with schema_context(centre_a.schema_name):
        Group.objects.get(name=Role.RECEPTION.value).permissions.clear()
    with schema_context(centre_b.schema_name):
        assert cache.get(VERSION_KEY) == version_b
        assert fresh(world_b.users[Role.RECEPTION]).has_perm("casework.view_person")


def test_with_the_cache_off_permissions_are_read_from_the_database(reception, settings):
    settings.PERMISSION_CACHE_SECONDS = 0
    fresh(reception).has_perm("casework.view_person")
    user = fresh(reception)
    with CaptureQueriesContext(connection) as queries:
        user.has_perm("casework.view_person")
    assert len(sql_queries(queries)) == 2


def test_the_me_endpoint_reads_the_users_roles_once(world_a):
    api = world_a.api(Role.SOCIAL_WORKER)

    with CaptureQueriesContext(connection) as context:
        response = api.get("/api/v1/me/")

    assert response.status_code == 200 and response.json()["role"] == Role.SOCIAL_WORKER.value
    group_reads = [q for q in sql_queries(context) if '"auth_group"' in q["sql"]]
    assert len(group_reads) == 1, [q["sql"] for q in group_reads]


def test_a_role_change_is_seen_on_the_same_user_object(world_a, in_centre_a):
    from platform_core.accounts.services import staff_set_role

    user = fresh(world_a.users[Role.RECEPTION])
    assert user.role == Role.RECEPTION

    staff_set_role(user=user, role=Role.AUDITOR)

    assert user.role == Role.AUDITOR and fresh(user).role == Role.AUDITOR
