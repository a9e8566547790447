"""Failed sign-ins counted three ways, each with its own limit (django-axes' database handler).

django-axes counts the failures of each lockout parameter within the cool-off time, but compares
all of them with one limit. The policy here needs three:

- one account from one address: ``AXES_FAILURE_LIMIT`` (5) — a mistyped password locks only
  that person's own browser for a while;
- one account from any addresses: ``LOGIN_ACCOUNT_FAILURE_LIMIT`` (20) — a guesser who changes
  address still stops; since a locked address's attempts are not counted
  (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``), locking an account for everyone
  takes failures from at least four addresses, never one attacker's address alone;
- one address on any accounts: ``LOGIN_ADDRESS_FAILURE_LIMIT`` (20) — password spraying (one
  guess at each of many usernames) stops after 20 usernames.

``get_failures`` therefore answers "at the limit" when any count reaches its own limit. A
successful sign-in (page or API) clears that account's failures from every address, and nothing
else: an attacker who signs into an account of their own does not clear their address's count of
failures on other accounts. The client address is ``platform_core.client_address``'s.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

LOCKED_OUT_MESSAGE = _("Πολλές αποτυχημένες προσπάθειες σύνδεσης. Δοκιμάστε ξανά αργότερα.")


class LoginThrottleHandler(AxesDatabaseHandler):
    def _limits(self) -> list[int]:
        # In the order of AXES_LOCKOUT_PARAMETERS: (account, address), account, address.
        return [settings.AXES_FAILURE_LIMIT, settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
                settings.LOGIN_ADDRESS_FAILURE_LIMIT]

    def get_failures(self, request, credentials=None) -> int:
        counts = [attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
                  for attempts in self.get_user_attempts(request, credentials)]
        limit = settings.AXES_FAILURE_LIMIT
        if any(count >= own_limit for count, own_limit in zip(counts, self._limits(), strict=True)):
            return limit
        return min(counts[0], limit - 1) if counts else 0

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        deleted, _details = AccessAttempt.objects.filter(username=username).delete()
        return deleted
