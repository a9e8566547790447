"""Request middleware: a suspended or archived centre answers nothing but its status; an
onboarded coordinator who has not set up their account is led to do so; every response carries
the ``Permissions-Policy`` header."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
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


# What a coordinator who must complete set-up may still reach: the set-up page itself, signing
# out, the language switch. The API and static files are not pages and are never redirected.
SETUP_OPEN_URL_NAMES = frozenset({"first-login", "logout", "set_language"})
SETUP_OPEN_PATHS = ("/api/", "/static/")


class FirstLoginMiddleware:
    """While the signed-in user ``must_complete_setup``, every centre page redirects to the
    first-login page. Checked in ``process_view``, where the URL has been resolved against the
    host's URL conf; the flag comes with the user row the request loads anyway (no query of its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(SETUP_OPEN_PATHS) or request.resolver_match.view_name in SETUP_OPEN_URL_NAMES:
            return None
        centre = getattr(request, "tenant", None)
        if centre is None or centre.is_public:
            return None
        user = getattr(request, "user", None)
        if user and user.is_authenticated and getattr(user, "must_complete_setup", False):
            return redirect("first-login")
        return None


class PermissionsPolicyMiddleware:
    """Adds ``settings.PERMISSIONS_POLICY`` to every response (pages, API, static files)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
