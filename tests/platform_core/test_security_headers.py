"""Every response of every host — a centre's pages and API, the public site, the operator's and
the region's consoles — carries the Content-Security-Policy (scripts only from the host itself,
nothing inline), the Permissions-Policy and the other browser protections; no template holds an
inline script or event handler, which the policy would block."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from platform_core.accounts.roles import Role

CENTRE_PAGES = ["/accounts/login/", "/", "/people/", "/staff/", "/api/v1/persons/", "/api/v1/docs/",
                "/api/v1/docs/?script=", "/api/v1/redoc/", "/api/v1/schema/", "/no-such-page/"]
PUBLIC_PAGES = ["/", "/accounts/login/", "/partners/", "/api/hsds/services", "/api/v1/docs/", "/no-such-page/"]
OPERATOR_PAGES = ["/operator/", "/operator/jobs/"]
REGION_PAGES = ["/region/", "/region/esf/"]


def _responses(world_a, public_world):
    for path in CENTRE_PAGES:
        yield f"centre {path}", world_a.client(Role.COORDINATOR).get(path)
    for path in PUBLIC_PAGES:
        yield f"public {path}", public_world.client(None).get(path)
    for path in OPERATOR_PAGES:
        yield f"operator {path}", public_world.client(public_world.operator).get(path)
    for path in REGION_PAGES:
        yield f"region {path}", public_world.client(public_world.region_user).get(path)


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def responses(world_a, public_world):
    return list(_responses(world_a, public_world))


def test_every_page_of_every_host_answers_for_the_header_checks(responses):
    # 302: the login page sends a signed-in coordinator home.
    assert all(response.status_code in (200, 302, 404) for _name, response in responses), [
        (name, response.status_code) for name, response in responses if response.status_code not in (200, 302, 404)]


def test_scripts_come_only_from_the_host_itself_and_never_inline(responses):
    for name, response in responses:
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], name
        assert policy["default-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert "'unsafe-inline'" not in policy.get("script-src", []) + policy.get("default-src", []), name
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], name


def test_every_response_switches_off_unused_browser_features(responses):
    for name, response in responses:
        assert "camera=()" in response["Permissions-Policy"], name
        assert "microphone=()" in response["Permissions-Policy"], name
        assert "geolocation=()" in response["Permissions-Policy"], name


def test_every_response_forbids_framing_sniffing_and_leaking_the_referrer(responses):
    for name, response in responses:
        assert response["X-Frame-Options"] == "DENY", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name


def test_the_session_and_csrf_cookies_are_not_readable_by_scripts(world_a):
    from django.test import Client

    from tests.conftest import PASSWORD

    client = Client(HTTP_HOST=world_a.host)
    client.get("/accounts/login/")
    response = client.post("/accounts/login/", {"username": world_a.coordinator.username, "password": PASSWORD})

    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]
    assert response.cookies[settings.SESSION_COOKIE_NAME]["samesite"] == "Lax"
    assert client.cookies[settings.CSRF_COOKIE_NAME]["httponly"]


# --- no inline script anywhere ------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=[\"']application/(?:ld\+)?json)[^>]*>",
                           re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"(?:href|src|action)\s*=\s*[\"']\s*javascript:", re.IGNORECASE)
HTMX_INLINE = re.compile(r"\bhx-on(?::|-)", re.IGNORECASE)


def _templates() -> list[Path]:
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for app in apps.get_app_configs():
        folder = Path(app.path).resolve() / "templates"
        if folder.is_dir() and base in folder.parents and ".venv" not in folder.parts:
            found += list(folder.rglob("*.html"))
    return found


def _inline_code(html: str) -> list[str]:
    return [match.group(0) for pattern in (INLINE_SCRIPT, EVENT_HANDLER, JAVASCRIPT_URL, HTMX_INLINE)
            for match in pattern.finditer(html)]


def test_the_scan_recognises_inline_scripts_handlers_and_javascript_urls():
    html = """<script>alert(1)</script><button onclick="go()">x</button><a href="javascript:void(0)">y</a>
    <div hx-on:click="x()"></div><script src="/static/a.js"></script><script type="application/json">{}</script>"""

    assert len(_inline_code(html)) == 4


def test_no_template_holds_inline_script(world_a):
    offending = {str(path.relative_to(settings.BASE_DIR)): found for path in _templates()
                 if (found := _inline_code(path.read_text(encoding="utf-8")))}

    assert offending == {}


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_api_docs_pages_hold_no_inline_script(world_a, path):
    assert _inline_code(world_a.client(None).get(path).content.decode()) == []
