"""Calling a route as someone, and judging what came back: leaks, and answers that should be refusals."""

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.test import Client

from .routes import Route

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# What a caller with no business on a route (or with another centre's object id in it) may get:
# sent to log in, refused, not found.
REFUSALS = {401, 403, 404, 405}


@dataclass(frozen=True)
class Credential:
    """Who calls: a session cookie, an API token, or neither (anonymous)."""

    label: str
    session_key: str = ""
    token: str = ""

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(value for value in (self.session_key, self.token) if value)


ANONYMOUS = Credential("anonymous")


class Caller:
    """One test client for every call: cookies are set afresh each time, so nothing one call
    answers (a new session, a language cookie, a logout) carries over to the next."""

    def __init__(self) -> None:
        # CSRF checks stay off (the test client's default): they must not be what keeps a
        # caller out, so the harness calls as a script would, past them.
        self.client = Client(raise_request_exception=False)

    def __call__(self, method: str, host: str, path: str, credential: Credential) -> HttpResponse:
        self.client.cookies = SimpleCookie()
        if credential.session_key:
            self.client.cookies[settings.SESSION_COOKIE_NAME] = credential.session_key
        headers = {"authorization": f"Token {credential.token}"} if credential.token else {}
        body = "" if method == "GET" else "{}"
        return self.client.generic(
            method, path, data=body, content_type="application/json", headers=headers, HTTP_HOST=host,
        )


def response_text(response: HttpResponse) -> str:
    """Body and headers, where a leak could hide (a Location or a cookie carries data too)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = "\n".join(f"{name}: {value}" for name, value in response.headers.items())
    return headers + "\n" + body.decode("utf-8", errors="replace")


def leaked(response: HttpResponse, secrets: Iterable[str], *, asked_with: Sequence[str]) -> list[str]:
    """The secrets found in the answer; those the caller sent (an id in the path, echoed in a
    login redirect's ``next``, or the caller's own token) are not a leak."""
    text = response_text(response)
    return sorted(secret for secret in secrets if secret in text and not any(secret in sent for sent in asked_with))


def server_error(response: HttpResponse) -> str | None:
    if response.status_code < 500:
        return None
    exc_info = getattr(response, "exc_info", None)
    return f"server error{f': {exc_info[1]!r}' if exc_info else ''}"


def refusal_problem(response: HttpResponse) -> str | None:
    """Why the answer is not a refusal (sent to a login page, 401/403/404/405), or None."""
    status = response.status_code
    if status in REFUSALS:
        return None
    if 300 <= status < 400:
        location = urlsplit(response.headers.get("Location", "")).path
        return None if location.endswith("/login/") else f"redirected to {location!r}, not to a login page"
    if 200 <= status < 300:
        return "answered with success"
    return "answered something other than a refusal"


Judge = Callable[[HttpResponse], str | None]


def walk(
    call: Caller, *, route: Route, host: str, object_ids: Sequence[str], credentials: Collection[Credential],
    secrets: Collection[str], judge: Judge | None, methods: Sequence[str] = METHODS,
) -> list[str]:
    """Calls every path of ``route`` with every credential and method; returns one line per problem."""
    paths = route.paths(object_ids)
    if not paths:
        return [f"{route.display}: no concrete path fits this route; add a value for its parameters "
                "to PLAUSIBLE_VALUES in tests/isolation/routes.py"]
    problems = []
    for path in paths:
        for credential in credentials:
            for method in methods:
                response = call(method, host, path, credential)
                found = [
                    server_error(response),
                    judge(response) if judge else None,
                    *(f"leaked {secret!r}" for secret in leaked(
                        response, secrets, asked_with=(path, *credential.secrets))),
                ]
                problems += [
                    f"{method} {host}{path} as {credential.label} -> {response.status_code}: {problem}"
                    for problem in found if problem
                ]
    return problems
