"""Casework's figures in the operator's health view (``tenants.health``): counts only."""

from django.utils.translation import gettext_lazy as _

from tenants.health import health_figure

from .models import Case, Person


@health_figure(code="people", label=_("Ωφελούμενοι"), order=20)
def people() -> int:
    return Person.objects.count()


@health_figure(code="open_cases", label=_("Ανοιχτοί φάκελοι"), order=30)
def open_cases() -> int:
    return Case.objects.filter(status=Case.Status.OPEN).count()
