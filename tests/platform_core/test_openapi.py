"""Both hosts publish a valid OpenAPI 3 schema of their own API, without generator warnings."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.parametrize("urlconf", ["platform_core.urls_tenant", "platform_core.urls_public"])
def test_openapi_schema_is_valid_and_complete(urlconf):
    out = StringIO()

    call_command("spectacular", urlconf=urlconf, validate=True, fail_on_warn=True, stdout=out)

    assert "/api/v1/" in out.getvalue()


def test_centre_schema_documents_staff_and_public_schema_documents_operator_api(world_a, public_world):
    centre = world_a.client(None).get("/api/v1/schema/?format=json").json()
    public = public_world.client(None).get("/api/v1/schema/?format=json").json()

    assert "/api/v1/staff/" in centre["paths"] and "/api/v1/operator/centres/" not in centre["paths"]
    assert "/api/v1/operator/centres/" in public["paths"] and "/api/v1/staff/" not in public["paths"]
