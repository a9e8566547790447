"""API plumbing shared by every app: one exception handler, so every error has one shape."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from platform_core.input_guards import is_driver_nul_error, nul_message

# Parameters of a service's error that a client acts on, put beside the messages in the body:
# ``duplicate_of`` (the id of the record that already has this ΑΜΚΑ/ΑΦΜ) and ``candidates``
# (ids of possible duplicates the caller must confirm), each with the error's ``code``.
EXPOSED_PARAMS = ("duplicate_of", "candidates")
# Error codes a client branches on, put in the body as ``code`` even without parameters:
# ``consent_required`` (a referral without a valid consent covering what it shares).
EXPOSED_CODES = ("consent_required",)


def _leaf_errors(exc: DjangoValidationError) -> list[DjangoValidationError]:
    if hasattr(exc, "error_dict"):
        return [error for errors in exc.error_dict.values() for error in errors]
    return list(exc.error_list)


def _exposed(exc: DjangoValidationError) -> dict:
    extra: dict = {}
    for error in _leaf_errors(exc):
        for key in EXPOSED_PARAMS:
            if error.params and key in error.params and key not in extra:
                extra[key] = error.params[key]
                extra.setdefault("code", error.code)
        if error.code in EXPOSED_CODES:
            extra.setdefault("code", error.code)
    return extra


def exception_handler(exc, context):
    """Turns a service's Django ``ValidationError`` into HTTP 400 with field errors (plus the
    exposed parameters, see ``EXPOSED_PARAMS``), and a NUL character that reached the database
    driver into 400 too (see ``platform_core.input_guards``)."""
    if is_driver_nul_error(exc):
        exc = exceptions.ParseError(nul_message())
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field: messages
                      for field, messages in exc.message_dict.items()}
        else:
            detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        extra = _exposed(exc)
        exc = exceptions.ValidationError(detail=detail)
        response = drf_exception_handler(exc, context)
        if response is not None:
            response.data.update(extra)
        return response
    return drf_exception_handler(exc, context)
