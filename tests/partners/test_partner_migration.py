"""Migration 0003 carries every row of the old flat Partner table into the HSDS-shaped directory
without loss: same id, names, description, contacts, regions, active flag, kind as a category."""

import importlib
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from partners.models import Organization
from regional.models import Region

migration = importlib.import_module("partners.migrations.0003_partners_into_hsds")


@pytest.fixture
def old_apps(db, worlds):
    """The models as they were before 0003, with the old Partner tables created for this test
    (PostgreSQL's DDL is transactional: the test's rollback removes them)."""
    state = MigrationExecutor(connection).loader.project_state(("partners", "0002_hsds_directory"))
    apps = state.apps
    with connection.schema_editor() as editor:
        editor.create_model(apps.get_model("partners", "Partner"))
    return apps


def _partner(apps, **fields):
    Partner = apps.get_model("partners", "Partner")
    return Partner.objects.create(id=uuid.uuid4(), **fields)


def test_each_partner_becomes_an_organisation_with_the_same_id_and_a_service(old_apps):
    partner = _partner(old_apps, name="Κέντρο Ψυχικής Υγείας Παλιό", short_name="ΚΨΥ Π", kind="mental_health",
                       description="Περιγραφή", address="Οδός 1, Χανιά", phone="2821000000", email="kpsy@example.gr",
                       website="https://kpsy.example.gr", is_active=True)
    partner.regions.set([old_apps.get_model("regional", "Region").objects.get(slug="crete")])

    migration.forwards(old_apps, None)

    organization = Organization.objects.get(pk=partner.pk)
    service = organization.services.get()
    assert (organization.name, organization.alternate_name, organization.description, organization.email,
            organization.website) == ("Κέντρο Ψυχικής Υγείας Παλιό", "ΚΨΥ Π", "Περιγραφή", "kpsy@example.gr",
                                      "https://kpsy.example.gr")
    assert list(organization.regions.all()) == [Region.objects.get(slug="crete")]
    assert organization.locations.get().address_1 == "Οδός 1, Χανιά"
    assert organization.phones.get().number == "2821000000"
    assert service.name == partner.name and service.status == "active"
    assert [term.code for term in service.categories.all()] == ["mental_health"]
    assert organization.created_at == partner.created_at


def test_an_inactive_ngo_keeps_its_kind_and_status(old_apps):
    partner = _partner(old_apps, name="ΜΚΟ Παλιά", kind="ngo", is_active=False)

    migration.forwards(old_apps, None)

    organization = Organization.objects.get(pk=partner.pk)
    assert organization.legal_status == migration.NGO_LEGAL_STATUS and not organization.is_active
    assert organization.services.get().status == "inactive"
