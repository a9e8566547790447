"""Template filters every page may use (a builtin, no ``{% load %}``): amounts and the vocative."""

from django import template
from django.utils.translation import get_language

from platform_core import greek, labels

register = template.Library()


@register.filter
def money(amount) -> str:
    """``{{ amount|money }}`` → «1.200,00 €»."""
    return labels.money(amount)


@register.filter
def vocative(first_name: str) -> str:
    """A first name as the greeting calls the person: the vocative in Greek, as written in English."""
    first_name = str(first_name or "")
    return greek.vocative(first_name) if (get_language() or "el").startswith("el") else first_name
