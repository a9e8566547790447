"""What the programme pages share: permission guard, running a service with a form's data."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError

from platform_core.forms import add_service_errors


def staff_perm(perm: str):
    """Signed in (else to the login page) and holding ``perm`` (else 403)."""
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def attempt(form, call):
    """Runs the service ``call`` with the form's cleaned data; its errors land on the form."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
