"""Two limits on a signed-in session: idle and absolute.

``SESSION_IDLE_SECONDS`` without a request ends the session; so does ``SESSION_ABSOLUTE_SECONDS``
after signing in, however busy the session has been (a stolen cookie is not good forever). The
session remembers when it signed in and when it was last seen; "last seen" is written at most once
a minute, so a page with many requests does not write the session row each time. The cookie
itself lives ``SESSION_COOKIE_AGE`` = the absolute limit. Requests with an API token carry no
session and are not concerned.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SIGNED_IN_AT = "koinotita_signed_in_at"
LAST_SEEN_AT = "koinotita_last_seen_at"
# Seconds between two writes of "last seen" (the idle limit is enforced to this precision).
LAST_SEEN_PRECISION = 60


def session_mark_signed_in(session) -> None:
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now


@receiver(user_logged_in, dispatch_uid="koinotita-session-signed-in")
def _signed_in(sender, request, user, **kwargs):
    # Django's login() has just given the session a new key; the clocks start now.
    if request is not None and SESSION_KEY in getattr(request, "session", {}):
        session_mark_signed_in(request.session)


def session_expired(session, now: float) -> bool:
    signed_in, last_seen = session.get(SIGNED_IN_AT), session.get(LAST_SEEN_AT)
    if signed_in is None or last_seen is None:
        return True
    return now - signed_in > settings.SESSION_ABSOLUTE_SECONDS or now - last_seen > settings.SESSION_IDLE_SECONDS


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            if session_expired(request.session, now):
                logout(request)
            elif now - request.session[LAST_SEEN_AT] >= LAST_SEEN_PRECISION:
                request.session[LAST_SEEN_AT] = int(now)
        return self.get_response(request)
