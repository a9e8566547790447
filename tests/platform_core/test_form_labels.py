"""Labels, not objects: every choice in every form shows a human label (an assessment as its date,
assessor and outcome), never Django's «Assessment object (uuid)». Every page of both hosts is
rendered with real records of centre A, and every model of the project has its own label."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django_tenants.utils import schema_context

from platform_core.accounts.roles import Role
from tests.isolation.routes import PUBLIC_URLCONF, TENANT_URLCONF, routes_of

DEFAULT_LABEL = "object ("
PROJECT_APPS = {"platform_core", "accounts", "tenants", "casework", "programs", "notifications", "partners",
                "regional"}


def _project_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models()
            if model._meta.app_config.label in PROJECT_APPS and not model._meta.abstract]


# Most pages hang off a person, a household or a case: their ids are tried first.
FIRST_MODELS = ("casework.Person", "casework.Household", "casework.Case")


def _own_ids(world) -> list[str]:
    """One id of every kind of centre A's records (and its coordinator's), people first."""
    with schema_context(world.centre.schema_name):
        tenant_models = [model for model in _project_models()
                         if model._meta.app_config.name in settings.TENANT_APPS
                         and isinstance(model._meta.pk, models.UUIDField)]
        tenant_models.sort(key=lambda model: (model._meta.label not in FIRST_MODELS,
                                              FIRST_MODELS.index(model._meta.label)
                                              if model._meta.label in FIRST_MODELS else 0))
        ids = [str(pk) for model in tenant_models
               for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:1]]
        return [*ids, str(world.coordinator.pk)]


def _page_routes(urlconf: str):
    return [route for route in routes_of(urlconf) if not route.display.startswith(("/api/", "/static/"))]


def _candidate_paths(route, ids):
    """The route's paths, id by id, computed only as far as they are tried."""
    if not route.takes_object_id:
        yield from route.paths([])
        return
    for object_id in ids:
        yield from route.paths([object_id])


def _pages_showing_default_labels(client, routes, ids) -> tuple[list[str], int]:
    client.raise_request_exception = False
    offending, rendered = [], 0
    for route in routes:
        # One page per route: the first id (of each kind of record in turn) that the route shows.
        for path in _candidate_paths(route, ids):
            response = client.get(path)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            rendered += 1
            html = response.content.decode()
            if DEFAULT_LABEL in html:
                start = html.index(DEFAULT_LABEL)
                offending.append(f"{path}: …{html[max(0, start - 80):start + 50]}…")
            break
    return offending, rendered


def test_every_model_of_the_project_has_its_own_label():
    default = [model._meta.label for model in _project_models()
               if next(klass for klass in model.__mro__ if "__str__" in klass.__dict__) is models.Model]

    assert default == []


def test_no_page_or_form_of_a_centre_shows_an_object_instead_of_a_label(world_a):
    # The coordinator may do everything in a centre, so every form of every page is shown to them.
    offending, rendered = _pages_showing_default_labels(world_a.client(Role.COORDINATOR), _page_routes(TENANT_URLCONF),
                                                        _own_ids(world_a))

    assert rendered > 20
    assert offending == []


@pytest.mark.parametrize("account", ["operator", "region_user"])
def test_no_page_or_form_of_the_public_host_shows_an_object_instead_of_a_label(public_world, account):
    offending, rendered = _pages_showing_default_labels(
        public_world.client(getattr(public_world, account)), _page_routes(PUBLIC_URLCONF), ["1", "crete"])

    assert rendered > 3
    assert offending == []


def test_the_benefit_applications_assessment_choice_shows_date_assessor_and_outcome(world_a):
    import datetime

    from casework.factories import PersonFactory
    from casework.services.assessments import assessment_record

    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
        assessment_record(person=person, by=world_a.coordinator, assessed_on=datetime.date(2024, 3, 5), adults=1,
                          incomes=[])

    html = world_a.client().get(f"/people/{person.pk}/benefits/new/").content.decode()

    assert f"05/03/2024 · {world_a.coordinator.get_full_name()} · ΚΕΑ/ΕΕΕ: " in html
