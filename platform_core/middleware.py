"""Request middleware: a suspended or archived centre answers nothing but its status; every
response carries the ``Permissions-Policy`` header."""

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

ALWAYS_OPEN_PATHS = ("/static/",)


class CentreStatusMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        centre = getattr(request, "tenant", None)
        if centre is None or centre.is_public or centre.is_active:
            return self.get_response(request)
        if request.path.startswith(ALWAYS_OPEN_PATHS):
            return self.get_response(request)
        return centre_unavailable_response(request, centre)


def centre_unavailable_response(request, centre):
    message = centre.unavailable_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": f"centre_{centre.status}"}, status=503)
    response = TemplateResponse(
        request,
        "platform_core/centre_unavailable.html",
        {"unavailable_centre": centre, "message": message, "title": _("Μη διαθέσιμο κέντρο")},
        status=503,
    )
    return response.render()


class PermissionsPolicyMiddleware:
    """Adds ``settings.PERMISSIONS_POLICY`` to every response (pages, API, static files)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
