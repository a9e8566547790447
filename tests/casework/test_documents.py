"""Scanned documents: upload with type and size limits, stored under the centre's own folder,
downloaded only through the authorised, logged view, never by a media URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from django.views.static import serve as static_serve
from django_tenants.utils import schema_context

from casework.factories import TINY_PDF, TINY_PNG, DocumentFactory, PersonFactory
from casework.models import AccessLog, Document
from platform_core.accounts.roles import Role
from tests.isolation.routes import routes_of

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def person(world_a):
    with schema_context(world_a.centre.schema_name):
        return PersonFactory()


def _document(world, **kwargs) -> Document:
    with schema_context(world.centre.schema_name):
        return DocumentFactory(uploaded_by=world.coordinator, **kwargs)


def _upload(client, person, *, name="scan.pdf", data=TINY_PDF, content_type="application/pdf", kind="identity"):
    form = {"kind": kind, "title": "Ταυτότητα"}
    if data is not None:
        form["file"] = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(f"/people/{person.pk}/documents/upload/", form)


def _api_upload(world, role, person, *, name="scan.png", data=TINY_PNG, kind="tax"):
    return world.api(role).post(
        f"/api/v1/persons/{person.pk}/documents/",
        {"file": SimpleUploadedFile(name, data, content_type="image/png"), "kind": kind}, format="multipart")


def _documents(world, person):
    with schema_context(world.centre.schema_name):
        return list(Document.objects.filter(person=person))


def _log(world, **filters):
    with schema_context(world.centre.schema_name):
        return list(AccessLog.objects.filter(**filters))


def test_reception_uploads_a_scanned_pdf_stored_under_the_centres_folder_with_no_name_in_the_path(
        world_a, person, media):
    response = _upload(world_a.client(Role.RECEPTION), person, name="Ταυτότητα Παπαδοπούλου.pdf")

    assert response.status_code == 302
    [document] = _documents(world_a, person)
    assert document.file.name.startswith(f"centres/{world_a.centre.schema_name}/documents/")
    assert document.file.name.endswith(".pdf") and "Παπαδοπ" not in document.file.name
    assert (media / document.file.name).read_bytes() == TINY_PDF
    assert (document.content_type, document.size, document.original_name) == (
        "application/pdf", len(TINY_PDF), "Ταυτότητα Παπαδοπούλου.pdf")


def test_the_stored_extension_follows_the_content_not_the_name(world_a, person):
    _upload(world_a.client(Role.RECEPTION), person, name="photo.pdf", data=TINY_PNG, content_type="application/pdf")

    [document] = _documents(world_a, person)
    assert document.content_type == "image/png" and document.file.name.endswith(".png")


def test_an_exe_renamed_to_pdf_is_refused_with_a_message_on_the_file_field(world_a, person, media):
    response = _upload(world_a.client(Role.RECEPTION), person, name="scan.pdf", data=EXE)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["Επιτρέπονται μόνο αρχεία PDF, JPEG και PNG."]
    assert _documents(world_a, person) == [] and not any(media.rglob("*.*"))


def test_a_file_over_the_size_limit_is_refused(world_a, person, settings, media):
    settings.DOCUMENT_MAX_BYTES = 100

    response = _upload(world_a.client(Role.RECEPTION), person, data=TINY_PDF + b"\n" * 100)

    assert response.status_code == 400
    assert "μεγαλύτερο από" in response.context["form"].errors["file"][0]
    assert _documents(world_a, person) == [] and not any(media.rglob("*.*"))


def test_an_upload_without_a_file_asks_for_one(world_a, person):
    response = _upload(world_a.client(Role.RECEPTION), person, data=None)

    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert _documents(world_a, person) == []


def test_the_auditor_cannot_upload(world_a, person):
    assert _upload(world_a.client(Role.AUDITOR), person).status_code == 403
    assert _documents(world_a, person) == []


def test_the_document_page_lists_the_persons_documents_and_logs_the_view(world_a):
    document = _document(world_a, title="Κάρτα ανεργίας 2026")

    response = world_a.client(Role.SOCIAL_WORKER).get(f"/people/{document.person_id}/documents/")

    assert response.status_code == 200
    assert "Κάρτα ανεργίας 2026" in response.content.decode()
    assert len(_log(world_a, person=document.person_id, action="view", channel="ui")) == 1


def test_download_serves_the_file_as_a_private_attachment_and_logs_it(world_a):
    document = _document(world_a, original_name="Παπαδοπούλου.png")

    response = world_a.client(Role.SOCIAL_WORKER).get(f"/documents/{document.pk}/download/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TINY_PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="document-{document.pk}.png"'
    assert response["Cache-Control"] == "no-store" and response["X-Content-Type-Options"] == "nosniff"
    [entry] = _log(world_a, object_id=document.pk)
    assert (entry.action, entry.object_type, entry.channel, entry.user) == (
        "download", "document", "ui", world_a.users[Role.SOCIAL_WORKER])


def test_a_document_whose_file_is_missing_is_not_found_and_not_logged(world_a, media):
    document = _document(world_a)
    (media / document.file.name).unlink()

    response = world_a.client().get(f"/documents/{document.pk}/download/")

    assert response.status_code == 404
    assert _log(world_a, object_id=document.pk) == []


def test_anonymous_callers_are_sent_to_log_in_and_get_no_file(world_a):
    document = _document(world_a)

    response = world_a.client(None).get(f"/documents/{document.pk}/download/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert world_a.api(None).get(f"/api/v1/documents/{document.pk}/download/").status_code == 401


def test_another_centres_document_is_not_found_by_id(world_a, world_b):
    foreign = _document(world_b)

    assert world_a.client().get(f"/documents/{foreign.pk}/download/").status_code == 404
    assert world_a.api().get(f"/api/v1/documents/{foreign.pk}/download/").status_code == 404
    assert world_a.api().get(f"/api/v1/documents/{foreign.pk}/").status_code == 404
    assert world_a.client().get(f"/people/{foreign.person_id}/documents/").status_code == 404


def test_no_route_serves_media_so_another_centres_file_cannot_be_fetched_by_its_path(world_a, world_b):
    foreign = _document(world_b)
    client = world_a.client()

    for path in (f"/media/{foreign.file.name}", f"/{foreign.file.name}", f"/static/{foreign.file.name}"):
        response = client.get(path)
        assert response.status_code == 404
        assert TINY_PNG not in response.content
        for urlconf in ("platform_core.urls_tenant", "platform_core.urls_public"):
            with pytest.raises(Resolver404):
                resolve(path, urlconf=urlconf)


@pytest.mark.parametrize("urlconf", ["platform_core.urls_tenant", "platform_core.urls_public"])
def test_no_url_conf_has_a_static_file_server_for_uploads(urlconf):
    assert static_serve not in {route.callback for route in routes_of(urlconf)}


def test_api_upload_returns_the_documents_metadata(world_a, person):
    response = _api_upload(world_a, Role.RECEPTION, person)

    assert response.status_code == 201
    assert response.json()["content_type"] == "image/png" and response.json()["kind"] == "tax"
    assert [str(document.pk) for document in _documents(world_a, person)] == [response.json()["id"]]


def test_api_upload_errors_are_given_per_field(world_a, person):
    missing = world_a.api(Role.RECEPTION).post(
        f"/api/v1/persons/{person.pk}/documents/", {"kind": "no-such-kind"}, format="multipart")
    renamed_exe = _api_upload(world_a, Role.RECEPTION, person, name="scan.pdf", data=EXE)

    assert missing.status_code == 400 and set(missing.json()) == {"file", "kind"}
    assert renamed_exe.status_code == 400
    assert renamed_exe.json() == {"file": ["Επιτρέπονται μόνο αρχεία PDF, JPEG και PNG."]}
    assert _documents(world_a, person) == []


def test_api_lists_metadata_and_downloads_through_the_api_channel(world_a):
    document = _document(world_a)
    api = world_a.api(Role.AUDITOR)

    listing = api.get(f"/api/v1/persons/{document.person_id}/documents/").json()
    detail = api.get(f"/api/v1/documents/{document.pk}/").json()
    download = api.get(f"/api/v1/documents/{document.pk}/download/")

    assert [item["id"] for item in listing["results"]] == [str(document.pk)]
    assert detail["size"] == len(TINY_PNG) and "file" not in detail
    assert b"".join(download.streaming_content) == TINY_PNG
    assert download["Content-Disposition"].startswith("attachment;") and download["Cache-Control"] == "no-store"
    assert {(entry.action, entry.channel) for entry in _log(world_a, person=document.person_id)} == {
        ("view", "api"), ("download", "api")}


def test_api_upload_is_refused_to_the_auditor(world_a, person):
    assert _api_upload(world_a, Role.AUDITOR, person).status_code == 403
