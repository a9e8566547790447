"""``hsds_export`` writes the directory as an HSDS dataset; ``hsds_import`` reads one back: create
or update by id, a dry run changes nothing, errors are per record and nothing is half-imported."""

import json
import uuid

import pytest
from django.core.management import CommandError, call_command

from partners.models import Organization, Service


def _dataset(**organization) -> dict:
    org_id = str(uuid.uuid4())
    return {"organizations": [{
        "id": org_id, "name": "Φορέας Εισαγωγής", "description": "Από αρχείο HSDS",
        "services": [{"id": str(uuid.uuid4()), "name": "Υπηρεσία Εισαγωγής", "status": "active",
                      "attributes": [{"taxonomy_term": {"code": "housing"}}]}],
        **organization,
    }]}


def _write(tmp_path, data) -> str:
    path = tmp_path / "hsds.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_import_creates_organisations_and_services_by_id(db, worlds, tmp_path):
    data = _dataset()

    call_command("hsds_import", _write(tmp_path, data))

    organization = Organization.objects.get(pk=data["organizations"][0]["id"])
    service = organization.services.get()
    assert str(service.pk) == data["organizations"][0]["services"][0]["id"]
    assert [term.code for term in service.categories.all()] == ["housing"]


def test_importing_again_updates_by_id(db, worlds, tmp_path):
    data = _dataset()
    call_command("hsds_import", _write(tmp_path, data))
    data["organizations"][0]["description"] = "Νέα περιγραφή"

    call_command("hsds_import", _write(tmp_path, data))

    assert Organization.objects.get(pk=data["organizations"][0]["id"]).description == "Νέα περιγραφή"


def test_dry_run_changes_nothing(db, worlds, tmp_path):
    data = _dataset()

    call_command("hsds_import", _write(tmp_path, data), "--dry-run")

    assert not Organization.objects.filter(pk=data["organizations"][0]["id"]).exists()


def test_one_bad_record_imports_nothing_and_names_the_record(db, worlds, tmp_path, capsys):
    data = _dataset()
    data["organizations"].append({"id": "not-a-uuid", "name": "Χαλασμένος"})
    data["organizations"][0]["services"][0]["status"] = "open"

    with pytest.raises(CommandError, match="2 record"):
        call_command("hsds_import", _write(tmp_path, data))

    errors = capsys.readouterr().err
    assert "organizations[0].services[0]: status 'open'" in errors and "organizations[1]: id" in errors
    assert not Organization.objects.filter(name="Φορέας Εισαγωγής").exists()


def test_a_file_that_is_not_hsds_is_refused(db, worlds, tmp_path):
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("hsds_import", _write(tmp_path, {"people": []}))
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not a readable JSON file"):
        call_command("hsds_import", str(path))


def test_export_then_import_gives_back_the_same_directory(directory, tmp_path):
    out = tmp_path / "export.json"
    call_command("hsds_export", str(out))
    exported = json.loads(out.read_text())
    Service.objects.filter(pk=directory["mental"].pk).update(description="Αλλαγμένη")

    call_command("hsds_import", str(out))

    assert exported["hsds_version"] == "3.0"
    assert Service.objects.get(pk=directory["mental"].pk).description == "Συνεδρίες ψυχοθεραπείας."
