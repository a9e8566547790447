"""The set-up checklist on a new centre's home page: what the coordinator still has to set up
before the centre works as it should (sites, staff, aid thresholds, quiet hours, the contact
details messages are signed with). Each app declares its own items where their data lives::

    @setup_item(label=_("Όρια επιλεξιμότητας"), url_name="casework:aid-rules", order=30)
    def aid_thresholds_set(*, user) -> bool: ...

Each item is computed from the data (one cheap query; nothing is ticked by hand) and links to the
page where it is done; the panel shows the items not done yet to whoever manages the centre's
staff, and disappears once every item is done.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .accounts.models import User
from .dashboard import dashboard_panel

ItemDone = Callable[..., bool]


@dataclass(frozen=True)
class SetupItem:
    label: str
    url_name: str
    order: int
    done: ItemDone


_items: list[SetupItem] = []


def setup_item(*, label, url_name: str, order: int = 100) -> Callable[[ItemDone], ItemDone]:
    """Registers ``done(*, user) -> bool`` as an item of the checklist."""

    def register(func: ItemDone) -> ItemDone:
        if all(item.done is not func for item in _items):
            _items.append(SetupItem(label=label, url_name=url_name, order=order, done=func))
        return func

    return register


def setup_items_pending(*, user) -> list[dict]:
    """The items not done yet, in order: ``{"label", "url"}`` each (url None if the page is absent)."""
    pending = []
    for item in sorted(_items, key=lambda item: item.order):
        if item.done(user=user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            url = None
        pending.append({"label": item.label, "url": url})
    return pending


@setup_item(label=_("Λογαριασμοί προσωπικού: τουλάχιστον ένα ακόμη μέλος"), url_name="accounts:staff-create",
            order=20)
def other_staff_exist(*, user) -> bool:
    return User.objects.filter(is_active=True).exclude(pk=user.pk).exists()


@dashboard_panel(template="platform_core/setup_checklist.html", order=0)
def setup_checklist(request) -> dict | None:
    if not request.user.has_perm("accounts.manage_staff"):
        return None
    pending = setup_items_pending(user=request.user)
    return {"items": pending} if pending else None
