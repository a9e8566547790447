"""A centre exported and restored under a new slug comes back whole: every table's rows and every
file, staff who can sign in, and the original untouched and working."""

import json
import tarfile

import pytest
from django.core.management import call_command
from django.test import Client
from django_tenants.utils import schema_context

from platform_core.accounts.models import User
from tenants.archive import MANIFEST, centre_export_now, centre_restore, export_file
from tenants.models import Centre, CentreEvent, Domain
from tests.conftest import PASSWORD

from .archive_helpers import media_checksums, table_rows

SECRETS = ("django_session", "accounts_apitoken")


@pytest.fixture
def export_a(centre_a, export_root):
    return centre_export_now(centre=centre_a)


def test_the_archive_holds_the_dump_the_media_and_a_manifest_of_counts_and_checksums(export_a, centre_a):
    with tarfile.open(export_file(export_a)) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile(MANIFEST).read())

    assert names[0] == MANIFEST and "schema.sql" in names
    assert any(name.startswith("media/documents/") for name in names)
    assert set(manifest["members"]) == set(names) - {MANIFEST}
    assert all(len(member["sha256"]) == 64 for member in manifest["members"].values())
    assert manifest["centre"]["slug"] == centre_a.slug
    assert manifest["row_counts"]["casework_person"] >= 1
    assert "0001_initial" in manifest["migrations"]["casework"]
    assert export_a.status == "ready" and export_a.summary["rows"] == sum(manifest["row_counts"].values())


def test_a_restored_centre_has_every_row_and_file_of_the_original(export_a, centre_a):
    original_rows = table_rows(centre_a.schema_name, file_prefix="centres/SCHEMA/")
    original_files = media_checksums(centre_a.schema_name)

    restored = centre_restore(archive=export_file(export_a), slug="alpha-copy")

    restored_rows = table_rows(restored.schema_name, file_prefix="centres/SCHEMA/")
    assert set(restored_rows) == set(original_rows)
    for table in original_rows:
        if table in SECRETS:
            assert restored_rows[table] == [], table
        else:
            assert restored_rows[table] == original_rows[table], table
    assert media_checksums(restored.schema_name) == original_files
    assert original_files


def test_the_restored_centre_has_its_own_domain_and_the_original_keeps_working(export_a, centre_a, world_a):
    restored = centre_restore(archive=export_file(export_a), slug="alpha-copy")

    assert Domain.objects.get(tenant=restored).domain == "alpha-copy.localhost"
    assert restored.schema_name == "alpha_copy" and restored.name == centre_a.name
    assert world_a.client().get("/people/").status_code == 200
    assert Centre.objects.get(pk=centre_a.pk).status == Centre.Status.ACTIVE
    assert CentreEvent.objects.filter(centre_slug="alpha-copy", action="restored").exists()


def test_the_restored_centres_staff_sign_in_with_their_passwords(export_a, world_a):
    centre_restore(archive=export_file(export_a), slug="alpha-copy")
    client = Client(HTTP_HOST="alpha-copy.localhost")

    response = client.post("/accounts/login/", {"username": world_a.coordinator.username, "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/people/").status_code == 200


def test_the_restored_centre_does_not_accept_the_originals_sessions_or_tokens(export_a, world_a):
    restored = centre_restore(archive=export_file(export_a), slug="alpha-copy")
    from tests.conftest import CentreWorld

    copy = CentreWorld(centre=restored, host="alpha-copy.localhost")
    api = copy.api(None)
    api.credentials(HTTP_AUTHORIZATION=f"Token {world_a.tokens[next(iter(world_a.tokens))]}")

    assert api.get("/api/v1/persons/").status_code == 401
    with schema_context(restored.schema_name):
        assert User.objects.filter(email=world_a.coordinator.email).exists()


def test_the_restored_documents_are_its_own_files(export_a, world_a, centre_a):
    from casework.models import Document

    restored = centre_restore(archive=export_file(export_a), slug="alpha-copy")

    with schema_context(restored.schema_name):
        names = list(Document.objects.values_list("file", flat=True))
    assert names and all(name.startswith("centres/alpha_copy/") for name in names)


def test_centre_export_and_centre_restore_commands(centre_a, export_root, tmp_path, capsys):
    call_command("centre_export", "--slug", centre_a.slug, "--out", str(tmp_path / "out"))
    archive = next((tmp_path / "out").glob("alpha-*.tar.gz"))

    call_command("centre_restore", str(archive), "--slug", "alpha-two")

    assert "Restored as alpha-two" in capsys.readouterr().out
    assert Centre.objects.filter(slug="alpha-two").exists()
