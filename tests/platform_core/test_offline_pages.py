"""No page of the platform loads anything from another host: the templates of every app name no
external script, stylesheet, image or frame, and the API docs (Swagger UI, ReDoc) come from this
project's static files (drf-spectacular-sidecar), pinned, on both hosts."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders

# src/href of the elements that make a browser fetch something (plus <source> and <object>).
LOADING_ATTRIBUTE = re.compile(
    r"<(?:script|link|img|iframe|source|object|embed)\b[^>]*?\b(?:src|href|data|srcset)\s*=\s*[\"']([^\"']*)[\"']",
    re.IGNORECASE,
)
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_EXTERNAL = re.compile(r"(?:@import|url\()\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)


def _project_templates() -> list[Path]:
    base = Path(settings.BASE_DIR).resolve()
    files = []
    for app in apps.get_app_configs():
        folder = Path(app.path).resolve() / "templates"
        if folder.is_dir() and base in folder.parents and ".venv" not in folder.parts:
            files += [path for path in folder.rglob("*") if path.suffix in (".html", ".txt", ".js", ".css")]
    return files


def _external_references(html: str) -> list[str]:
    found = [url for url in LOADING_ATTRIBUTE.findall(html) if EXTERNAL.match(url)]
    return found + [match.group(0) for match in CSS_EXTERNAL.finditer(html)]


def test_the_scan_finds_the_templates_of_every_project_app():
    folders = {path.relative_to(settings.BASE_DIR).parts[0] for path in _project_templates()}

    assert {"platform_core", "casework", "notifications", "partners", "regional", "tenants"} <= folders


def test_the_scan_recognises_an_external_script_stylesheet_image_and_frame():
    html = """<script src="https://cdn.example.org/x.js"></script><link rel="stylesheet" href="//cdn.example.org/a.css">
    <img alt="" src="http://example.org/i.png"><iframe src='https://example.org/'></iframe>
    <style>@import url("https://fonts.example.org/f.css");</style><a href="https://example.org/">a link is fine</a>"""

    assert len(_external_references(html)) == 5


def test_no_template_of_any_app_loads_anything_from_another_host():
    offending = {str(path.relative_to(settings.BASE_DIR)): refs for path in _project_templates()
                 if (refs := _external_references(path.read_text(encoding="utf-8")))}

    assert offending == {}


def _loaded_files(html: str) -> list[str]:
    return LOADING_ATTRIBUTE.findall(html)


@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
@pytest.mark.parametrize("host", ["centre", "public"])
def test_api_docs_load_only_this_projects_static_files(page, host, world_a, public_world):
    client = world_a.client(None) if host == "centre" else public_world.client(None)

    response = client.get(page)

    html = response.content.decode()
    assert response.status_code == 200
    assert _external_references(html) == []
    assert "cdn.jsdelivr.net" not in html and "fonts.googleapis.com" not in html
    scripts = [url for url in _loaded_files(html) if url.endswith(".js")]
    assert scripts, "the docs page loads its UI from a script"
    for url in _loaded_files(html):
        if url.startswith(f"{page}?script"):
            # Swagger UI's start-up script, served by the docs view itself (no inline script).
            assert client.get(url).status_code == 200
            continue
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), f"{url} is not among the static files"


def test_swagger_ui_does_not_call_the_online_validator(world_a):
    script = world_a.client(None).get("/api/v1/docs/?script=").content.decode()

    assert '"validatorUrl": null' in script
