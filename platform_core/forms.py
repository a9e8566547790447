"""Form helpers shared by the staff pages."""

import uuid

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Shows a service's field errors on the form's matching fields (others at the top)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, messages in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def uuid_param(request, name: str) -> uuid.UUID | None:
    """The query parameter ``name`` as a UUID, or None when it is missing or malformed."""
    try:
        return uuid.UUID(request.GET.get(name, ""))
    except ValueError:
        return None
