"""Input PostgreSQL cannot store, refused with 400 before it reaches a query.

PostgreSQL text cannot hold a NUL character (psycopg2 raises ``ValueError`` when one is bound to
a query; ``jsonb`` refuses ``\\u0000``), and Python's JSON decoder recurses once per nesting
level, so ``[`` × 100,000 exhausts the stack. Both used to surface as a 500 from any search box or
JSON endpoint. Three guards, one rule ("a NUL character is bad input"):

- ``NulCharacterMiddleware`` checks the path, query string, form fields, uploaded file names,
  cookies and the ``Authorization`` header of every request (pages and API alike);
- ``BoundedJSONParser``, DRF's default JSON parser, refuses JSON nested deeper than
  ``JSON_MAX_DEPTH`` and strings or keys holding NUL;
- a NUL that still reaches the database driver (say, from a header nobody thought of) is turned
  into 400 by the middleware's ``process_exception`` for pages and by
  ``platform_core.api.exception_handler`` for the API.
"""

from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

NUL = "\x00"
# Deepest nesting a JSON body may have; the API's deepest payload (an assessment with its income
# lines) needs 3 levels.
JSON_MAX_DEPTH = 32
# psycopg2's message when a NUL is bound to a query ("A string literal cannot contain NUL (0x00)
# characters.").
DRIVER_NUL_MESSAGE = "NUL (0x00)"


def nul_message() -> str:
    return _("Τα δεδομένα περιέχουν μη επιτρεπτό χαρακτήρα (NUL).")


def is_driver_nul_error(exc: BaseException) -> bool:
    return isinstance(exc, ValueError) and DRIVER_NUL_MESSAGE in str(exc)


def _holds_nul(values) -> bool:
    return any(NUL in value for value in values if isinstance(value, str))


def request_holds_nul(request: HttpRequest) -> bool:
    if NUL in request.path or _holds_nul([request.META.get("HTTP_AUTHORIZATION", "")]):
        return True
    if _holds_nul(request.COOKIES.keys()) or _holds_nul(request.COOKIES.values()):
        return True
    if any(_holds_nul([key, *values]) for key, values in request.GET.lists()):
        return True
    if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded",
                                                             "multipart/form-data"):
        if any(_holds_nul([key, *values]) for key, values in request.POST.lists()):
            return True
        if any(_holds_nul([key, *(upload.name for upload in uploads)]) for key, uploads in request.FILES.lists()):
            return True
    return False


def bad_input_response(request: HttpRequest, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "invalid_character"}, status=400)
    response = TemplateResponse(request, "400.html", {"message": message, "title": _("Μη έγκυρο αίτημα")},
                                status=400)
    return response.render()


class NulCharacterMiddleware:
    """400 for any request whose path, query, form, file names, cookies or token hold NUL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_holds_nul(request):
            return bad_input_response(request, nul_message())
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_driver_nul_error(exception):
            return bad_input_response(request, nul_message())
        return None


def _check_depth_and_nul(data) -> None:
    """Walks the parsed body without recursion (the body may be as deep as the parser allowed)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            if depth > JSON_MAX_DEPTH:
                raise ParseError(_("Το JSON είναι υπερβολικά εμφωλευμένο."))
            if _holds_nul(value.keys()):
                raise ParseError(nul_message())
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            if depth > JSON_MAX_DEPTH:
                raise ParseError(_("Το JSON είναι υπερβολικά εμφωλευμένο."))
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and NUL in value:
            raise ParseError(nul_message())


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser, refusing bodies nested deeper than ``JSON_MAX_DEPTH`` (the decoder's
    own ``RecursionError`` included) and strings holding NUL, with 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("Το JSON είναι υπερβολικά εμφωλευμένο.")) from exc
        _check_depth_and_nul(data)
        return data
