"""Shared by the centre tests (command, operator API and console, suspension): input and checks."""

from django.conf import settings
from django_tenants.utils import schema_exists

from tenants.models import Centre, Domain
from tenants.services import schema_name_for

NEW_SLUG = "gamma"
NEW_ADMIN_EMAIL = "coordinator@gamma.test"
NEW_ADMIN_PASSWORD = "Olive-Harbour-Lantern-7"


def valid_centre_input(**overrides) -> dict:
    """Everything a new centre needs, as the service, API and console take it."""
    data = {
        "slug": NEW_SLUG,
        "name": "Κέντρο Κοινότητας Γάμμα",
        "municipality": "kissamos",
        "region": "crete",
        "admin_email": NEW_ADMIN_EMAIL,
        "admin_password": NEW_ADMIN_PASSWORD,
    }
    data.update(overrides)
    return data


def fresh(centre: Centre) -> Centre:
    """The centre as stored now: the session fixtures' objects must not carry one test's changes."""
    return Centre.objects.get(pk=centre.pk)


def host_of(slug: str) -> str:
    return f"{slug}.{settings.PLATFORM_DOMAIN}"


def traces_of(slug: str) -> dict:
    """What onboarding ``slug`` would leave behind: its schema, Centre row and Domain rows."""
    return {
        "schema": schema_exists(schema_name_for(slug)),
        "centre": Centre.objects.filter(slug=slug).exists(),
        "domains": list(Domain.objects.filter(domain=host_of(slug)).values_list("tenant__slug", flat=True)),
    }


NO_TRACE = {"schema": False, "centre": False, "domains": []}
