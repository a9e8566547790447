"""The public tenant and its domain PLATFORM_DOMAIN exist after migrate, created once and only once."""

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django_tenants.utils import get_public_schema_name

from tenants.models import Centre, Domain
from tenants.services import public_tenant_ensure


def _public_rows() -> tuple[list, list]:
    centres = list(Centre.objects.filter(schema_name=get_public_schema_name()).values_list("pk", flat=True))
    domains = list(Domain.objects.filter(domain=settings.PLATFORM_DOMAIN).values_list("pk", "tenant_id"))
    return centres, domains


def test_migrated_database_has_the_public_tenant_on_the_platform_domain(db):
    domain = Domain.objects.select_related("tenant").get(domain=settings.PLATFORM_DOMAIN)

    assert domain.tenant.schema_name == get_public_schema_name()
    assert domain.is_primary


def test_public_tenant_ensure_twice_creates_nothing_new(db):
    before = _public_rows()

    public_tenant_ensure()
    public_tenant_ensure()

    assert _public_rows() == before


def test_shared_migrate_recreates_a_missing_public_tenant_and_domain(db):
    Centre.objects.filter(schema_name=get_public_schema_name()).delete()

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)

    centres, domains = _public_rows()
    assert len(centres) == 1
    assert domains == [(domains[0][0], centres[0])]


def test_public_site_answers_after_shared_migrate_recreated_its_tenant(db):
    Centre.objects.filter(schema_name=get_public_schema_name()).delete()
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)

    response = Client(HTTP_HOST=settings.PLATFORM_DOMAIN).get("/")

    assert response.status_code == 200
