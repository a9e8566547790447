"""Home pages: a centre's staff dashboard, and the public site's landing page; the favicon."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _

from platform_core.dashboard import dashboard_panels
from platform_core.permissions import is_operator, region_of


@login_required
def centre_home(request):
    return render(request, "platform_core/centre_home.html", {
        "title": _("Αρχική"), "panels": dashboard_panels(request),
    })


def public_home(request):
    return render(request, "platform_core/public_home.html", {
        "title": _("Koinotita — Κέντρα Κοινότητας"),
        "is_operator": is_operator(request.user), "user_region": region_of(request.user),
    })


def favicon(request):
    """``/favicon.ico``, which browsers and bookmarks ask for whatever the page says: the SVG icon."""
    return redirect(static("platform_core/favicon.svg"), permanent=True)
