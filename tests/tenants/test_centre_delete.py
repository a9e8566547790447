"""Deleting an archived centre: only once an export exists and its slug is typed; then its schema,
domain, media and cached route are gone, the deletion is logged in public, and its export can
still be restored."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django_tenants.utils import schema_exists

from tenants.archive import centre_export_now, centre_restore, export_file
from tenants.models import Centre, CentreEvent, CentreExport, Domain
from tenants.routing import _map
from tenants.services import centre_archive, centre_create, centre_delete


@pytest.fixture
def gamma(db, export_root):
    """A centre of this test alone, archived, with one file and a ready export on disk (pg_dump
    cannot see a centre made inside the test's transaction, so the export's file is a stand-in)."""
    centre = centre_create(slug="gamma", name="Κέντρο Γάμμα", municipality="apokoronas", region="crete").centre
    media = Path(settings.MEDIA_ROOT) / "centres" / centre.schema_name / "documents"
    media.mkdir(parents=True)
    (media / "scan.png").write_bytes(b"png")
    centre_archive(centre=centre)
    return centre


def _ready_export(centre) -> CentreExport:
    export = CentreExport.objects.create(centre=centre, centre_slug=centre.slug, centre_schema=centre.schema_name,
                                         requested_by="operator", status=CentreExport.Status.READY)
    path = export_file(export)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"archive")
    return export


def _error(**kwargs) -> dict:
    with pytest.raises(ValidationError) as caught:
        centre_delete(**kwargs)
    return caught.value.message_dict


def test_an_active_centre_cannot_be_deleted(centre_a):
    assert _error(centre=centre_a, confirmation=centre_a.slug) == {
        "status": ["Διαγράφεται μόνο αρχειοθετημένο κέντρο."]}
    assert schema_exists(centre_a.schema_name)


def test_an_archived_centre_without_an_export_cannot_be_deleted(gamma):
    assert _error(centre=gamma, confirmation="gamma") == {
        "export": ["Δεν υπάρχει ολοκληρωμένη εξαγωγή του κέντρου· κάντε πρώτα εξαγωγή."]}
    assert schema_exists("gamma")


def test_an_export_whose_file_is_gone_does_not_count(gamma):
    export_file(_ready_export(gamma)).unlink()

    assert "export" in _error(centre=gamma, confirmation="gamma")


def test_a_wrong_confirmation_deletes_nothing(gamma):
    _ready_export(gamma)

    assert _error(centre=gamma, confirmation="gama") == {
        "confirmation": ["Πληκτρολογήστε το αναγνωριστικό «gamma» για επιβεβαίωση."]}
    assert schema_exists("gamma") and Domain.objects.filter(tenant=gamma).exists()


def test_deletion_removes_schema_domain_media_and_cached_route_and_is_logged(gamma, public_world,
                                                                         django_capture_on_commit_callbacks):
    export = _ready_export(gamma)
    Client(HTTP_HOST="gamma.localhost").get("/accounts/login/")  # the route is now cached

    with django_capture_on_commit_callbacks(execute=True):
        centre_delete(centre=gamma, confirmation="gamma", by_id=str(public_world.operator.pk))

    gamma = Centre.objects.get(pk=gamma.pk)
    assert gamma.deleted_at is not None and gamma.status == Centre.Status.ARCHIVED
    assert not schema_exists("gamma")
    assert not Domain.objects.filter(tenant=gamma).exists()
    assert not (Path(settings.MEDIA_ROOT) / "centres" / "gamma").exists()
    assert "gamma.localhost" not in _map["hosts"]
    assert Client(HTTP_HOST="gamma.localhost").get("/accounts/login/").status_code == 404
    event = CentreEvent.objects.get(centre_slug="gamma", action="deleted")
    assert event.by_id == str(public_world.operator.pk) and event.details == {"export": str(export.pk)}
    assert export_file(export).is_file()


def test_a_deleted_centre_cannot_be_deleted_or_reactivated_again(gamma):
    _ready_export(gamma)
    centre_delete(centre=gamma, confirmation="gamma")

    assert _error(centre=gamma, confirmation="gamma") == {"status": ["Το κέντρο έχει ήδη διαγραφεί."]}


def test_migrate_schemas_passes_over_a_deleted_centre(gamma):
    from django.core.management import call_command

    _ready_export(gamma)
    centre_delete(centre=gamma, confirmation="gamma")

    call_command("migrate_schemas", interactive=False, verbosity=0)

    assert not schema_exists("gamma")


def test_a_deleted_centres_export_restores_under_a_new_slug(centre_a, export_root):
    """Centre A itself is not deleted here (other tests need it): its export stands for the last
    export of a centre whose schema is gone."""
    export = centre_export_now(centre=centre_a)

    restored = centre_restore(archive=export_file(export), slug="alpha-back")

    assert schema_exists(restored.schema_name)


def test_the_console_asks_for_the_slug_before_deleting(public_world, gamma):
    _ready_export(gamma)
    client = public_world.client(public_world.operator)

    asked = client.post(f"/operator/centres/{gamma.pk}/delete/")
    assert asked.status_code == 200 and 'name="slug"' in asked.content.decode()
    wrong = client.post(f"/operator/centres/{gamma.pk}/delete/", {"confirmed": "yes", "slug": "beta"})
    assert wrong.status_code == 400 and schema_exists("gamma")

    done = client.post(f"/operator/centres/{gamma.pk}/delete/", {"confirmed": "yes", "slug": "gamma"}, follow=True)

    assert "Τα δεδομένα του κέντρου διαγράφηκαν" in done.content.decode()
    assert not schema_exists("gamma")


def test_the_api_deletes_only_with_the_typed_slug(public_world, gamma):
    _ready_export(gamma)
    api = public_world.api(public_world.operator_token)

    refused = api.post(f"/api/v1/operator/centres/{gamma.pk}/delete/", {}, format="json")
    deleted = api.post(f"/api/v1/operator/centres/{gamma.pk}/delete/", {"confirmation": "gamma"}, format="json")

    assert refused.status_code == 400 and "confirmation" in refused.json()
    assert deleted.status_code == 200 and not schema_exists("gamma")



def test_the_console_links_a_deleted_centre_whose_export_can_be_restored(public_world, gamma):
    export = _ready_export(gamma)
    centre_delete(centre=gamma, confirmation="gamma")
    client = public_world.client(public_world.operator)

    console = client.get("/operator/").content.decode()
    page = client.get(f"/operator/centres/{gamma.pk}/").content.decode()

    assert f"/operator/centres/{gamma.pk}/" in console
    assert f"/operator/exports/{export.pk}/restore/" in page
