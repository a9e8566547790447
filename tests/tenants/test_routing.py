"""Host routing: a centre's host reaches that centre, the platform domain the public site,
and an unknown host nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from platform_core.accounts.roles import Role
from tenants.models import Centre
from tenants.routing import centre_for_host, centre_routing_cache_clear
from tenants.services import centre_suspend


def test_centre_host_serves_that_centres_staff_ui(world_a):
    response = world_a.client(Role.COORDINATOR).get("/")

    assert response.status_code == 200
    assert world_a.centre.name in response.content.decode()


def test_platform_domain_serves_public_site(public_world):
    response = public_world.client(None).get("/")

    assert response.status_code == 200
    assert "Koinotita" in response.content.decode()


def test_unknown_host_gets_404_not_the_public_site(db, worlds):
    response = worlds["a"].client(None).get("/", HTTP_HOST="nosuchcentre.localhost")

    assert response.status_code == 404


@pytest.fixture
def routing_cache(settings):
    settings.CENTRE_ROUTING_CACHE_SECONDS = 60
    centre_routing_cache_clear()
    yield
    centre_routing_cache_clear()


def test_a_cached_host_is_served_without_looking_the_domain_up_again(world_a, routing_cache):
    client = world_a.client(None)
    client.get("/healthz")
    client.get("/accounts/login/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if "tenants_domain" in q["sql"]]


def test_suspending_a_centre_takes_effect_at_once_despite_the_cache(world_a, routing_cache):
    client = world_a.client(None)
    assert client.get("/accounts/login/").status_code == 200

    centre_suspend(centre=Centre.objects.get(pk=world_a.centre.pk))

    assert client.get("/accounts/login/").status_code == 503


def test_requests_of_one_host_do_not_share_the_cached_centre_object(world_a, routing_cache):
    from tenants.models import Domain

    first = centre_for_host(domain_model=Domain, hostname=world_a.host)
    second = centre_for_host(domain_model=Domain, hostname=world_a.host)

    assert first == second
    assert first is not second


def test_unknown_host_gets_a_plain_not_found_page_without_any_centre(db, worlds):
    response = worlds["a"].client(None).get("/", HTTP_HOST="nosuchcentre.localhost")

    assert "Η σελίδα δεν βρέθηκε" in response.content.decode()
    assert worlds["a"].centre.name not in response.content.decode()


def test_once_one_host_is_resolved_every_other_centre_host_is_served_from_the_cache(world_a, world_b,
                                                                                      routing_cache):
    # Traffic spread over many centres: one process sees each host rarely, the map stays warm.
    world_a.client(None).get("/accounts/login/")

    with CaptureQueriesContext(connection) as queries:
        response = world_b.client(None).get("/accounts/login/")

    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if "tenants_domain" in q["sql"]]


def test_a_suspension_made_by_another_process_shows_once_the_cache_time_is_up(world_a, routing_cache, settings,
                                                                             monkeypatch):
    import time as time_module

    client = world_a.client(None)
    assert client.get("/accounts/login/").status_code == 200
    # As another process would: the row changes, this process's cache is not told.
    Centre.objects.filter(pk=world_a.centre.pk).update(status=Centre.Status.SUSPENDED)
    assert client.get("/accounts/login/").status_code == 200

    later = time_module.monotonic() + settings.CENTRE_ROUTING_CACHE_SECONDS + 0.1
    monkeypatch.setattr("tenants.routing._clock", lambda: later)

    assert client.get("/accounts/login/").status_code == 503
