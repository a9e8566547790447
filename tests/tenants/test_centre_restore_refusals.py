"""A restore refuses, with a sentence and nothing written, an archive that is not ours, was changed,
comes from newer code or does not hold what it says, and a slug already in use."""

import gzip
import io
import tarfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tenants.utils import schema_exists

from tenants.archive import centre_export_now, centre_restore, export_file
from tenants.models import Centre, Domain

from .archive_helpers import repack

pytestmark = pytest.mark.django_db

NEW = "alpha-copy"
NOT_OURS = "Το αρχείο δεν είναι αρχείο εξαγωγής κέντρου αυτής της πλατφόρμας."


@pytest.fixture
def archive_a(centre_a, export_root):
    return export_file(centre_export_now(centre=centre_a))


def _refusal(path, slug=NEW) -> dict:
    with pytest.raises(ValidationError) as caught:
        centre_restore(archive=path, slug=slug)
    return caught.value.message_dict


def _nothing_written(slug=NEW) -> bool:
    return (not Centre.objects.filter(slug=slug).exists() and not schema_exists(slug.replace("-", "_"))
            and not Domain.objects.filter(domain__startswith=f"{slug}.").exists())


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_bytes(b"PK\x03\x04 this is a spreadsheet")

    assert _refusal(path) == {"archive": [NOT_OURS]}
    assert _nothing_written()


def test_an_archive_of_another_product_is_refused(tmp_path):
    path = tmp_path / "other.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        body = b'{"format": "other-backup", "product": "someone-else"}'
        info = tarfile.TarInfo("manifest.json")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))

    assert _refusal(path) == {"archive": [NOT_OURS]}
    assert _nothing_written()


def test_a_gzip_that_is_not_a_tar_is_refused(tmp_path):
    path = tmp_path / "plain.gz"
    path.write_bytes(gzip.compress(b"just text"))

    assert _refusal(path) == {"archive": [NOT_OURS]}


def test_a_changed_dump_with_the_old_checksum_is_refused(archive_a, tmp_path):
    changed = repack(archive_a, tmp_path / "changed.tar.gz", dump=lambda sql: sql.replace("Ελένη", "Ελενη"),
                     recompute=False)

    assert _refusal(changed) == {"archive": [
        "Το αρχείο είναι αλλοιωμένο: το άθροισμα ελέγχου του «schema.sql» δεν ταιριάζει με την περιγραφή του."]}
    assert _nothing_written()


def test_a_changed_media_file_is_refused(archive_a, tmp_path):
    with tarfile.open(archive_a) as tar:
        document = next(name for name in tar.getnames() if name.startswith("media/documents/"))
    changed = repack(archive_a, tmp_path / "changed.tar.gz", members={document: b"other bytes"}, recompute=False)

    assert "άθροισμα ελέγχου" in _refusal(changed)["archive"][0]
    assert _nothing_written()


def test_an_archive_from_a_newer_code_version_is_refused(archive_a, tmp_path):
    newer = repack(archive_a, tmp_path / "newer.tar.gz", manifest=lambda m: {**m, "code_version": "99.0.0"})

    message = _refusal(newer)["archive"][0]
    assert message.startswith("Το αρχείο γράφτηκε από νεότερη έκδοση της πλατφόρμας (99.0.0")
    assert _nothing_written()


def test_an_archive_with_migrations_this_code_does_not_have_is_refused(archive_a, tmp_path):
    def future(manifest):
        manifest["migrations"]["casework"].append("9999_from_the_future")
        return manifest

    message = _refusal(repack(archive_a, tmp_path / "future.tar.gz", manifest=future))["archive"][0]

    assert "νεότερη έκδοση" in message and "casework/9999_from_the_future" in message
    assert _nothing_written()


def test_a_dump_with_a_statement_a_centre_dump_never_holds_is_refused_before_running(archive_a, tmp_path):
    forged = repack(archive_a, tmp_path / "forged.tar.gz",
                    dump=lambda sql: sql + "\nDROP TABLE public.tenants_domain;\n")

    assert _refusal(forged) == {"archive": [NOT_OURS]}
    assert Domain.objects.exists()
    assert _nothing_written()


def test_a_dump_about_another_schema_is_refused(archive_a, tmp_path, centre_b):
    forged = repack(archive_a, tmp_path / "forged.tar.gz",
                    dump=lambda sql: sql + "\nCREATE INDEX evil ON beta.casework_person USING btree (id);\n")

    assert _refusal(forged) == {"archive": [NOT_OURS]}
    assert _nothing_written()


def test_row_counts_that_differ_from_the_manifest_are_refused_and_leave_nothing(archive_a, tmp_path):
    def more_people(manifest):
        manifest["row_counts"]["casework_person"] += 1
        return manifest

    message = _refusal(repack(archive_a, tmp_path / "counts.tar.gz", manifest=more_people))["archive"][0]

    assert message.startswith("Οι γραμμές των πινάκων μετά την επαναφορά δεν είναι όσες αναφέρει το αρχείο")
    assert "casework_person" in message
    assert _nothing_written()


@pytest.mark.parametrize("slug", ["beta", "alpha"])
def test_a_slug_already_in_use_is_refused_before_the_archive_is_read(archive_a, slug):
    assert _refusal(archive_a, slug=slug) == {"slug": [f"Υπάρχει ήδη κέντρο με αναγνωριστικό «{slug}»."]}


def test_a_reserved_or_malformed_slug_is_refused(archive_a):
    assert _refusal(archive_a, slug="admin") == {"slug": ["Το αναγνωριστικό «admin» είναι δεσμευμένο."]}
    assert "slug" in _refusal(archive_a, slug="Νέο")


def test_the_restore_command_exits_2_with_the_sentence(archive_a, tmp_path):
    path = tmp_path / "other.tar.gz"
    path.write_bytes(b"not an archive")

    with pytest.raises(CommandError) as caught:
        call_command("centre_restore", str(path), "--slug", NEW)

    assert caught.value.returncode == 2
    assert NOT_OURS in str(caught.value)


def test_the_restore_command_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("centre_restore", str(tmp_path / "missing.tar.gz"), "--slug", NEW)

    assert caught.value.returncode == 2 and "No archive file" in str(caught.value)


def test_the_restore_command_refuses_a_slug_in_use_with_exit_2(archive_a):
    with pytest.raises(CommandError) as caught:
        call_command("centre_restore", str(archive_a), "--slug", "beta")

    assert caught.value.returncode == 2 and "slug: Υπάρχει ήδη κέντρο" in str(caught.value)


def test_the_export_command_names_an_unknown_centre(tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("centre_export", "--slug", "nowhere", "--out", str(tmp_path))

    assert caught.value.returncode == 2


def test_an_older_archive_is_migrated_forward(archive_a, tmp_path):
    """An archive missing the code's newest migration (a permission change) is restored and then
    migrated: the restored schema records it."""
    newest = ["0003_user_export_centre_permission", "0004_merge_tokens_and_export_permission"]

    def older_dump(sql: str) -> str:
        return "\n".join(line for line in sql.split("\n") if not any(name in line for name in newest))

    def older_manifest(manifest):
        for name in newest:
            manifest["migrations"]["accounts"].remove(name)
        manifest["row_counts"]["django_migrations"] -= len(newest)
        return manifest

    older = repack(archive_a, tmp_path / "older.tar.gz", dump=older_dump, manifest=older_manifest)

    centre = centre_restore(archive=older, slug=NEW)

    from platform_core.migration_state import applied_migrations

    assert {("accounts", name) for name in newest} <= set(applied_migrations(centre.schema_name))
