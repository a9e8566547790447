"""Navigation of the staff UI. Each entry names a URL; entries whose URL does not exist yet are
shown as upcoming, so an app that adds its pages appears in the menu without template edits.
The labels are the menu's own (context ``menu``), short enough for every entry to fit one row at
1280 px in both languages; the home page is the centre's name in the header, not an entry."""

import functools
from dataclasses import dataclass

from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    permission: str | None = None


CENTRE_NAV = [
    NavEntry(pgettext_lazy("menu", "Υποδοχή"), "casework:reception", "casework.view_receptioncontact"),
    NavEntry(pgettext_lazy("menu", "Ωφελούμενοι"), "casework:person-list", "casework.view_person"),
    NavEntry(pgettext_lazy("menu", "Οικογένειες"), "casework:household-list", "casework.view_household"),
    NavEntry(pgettext_lazy("menu", "Φάκελοι"), "casework:case-list", "casework.view_case"),
    NavEntry(pgettext_lazy("menu", "Παροχές & ΤΕΒΑ"), "casework:benefit-list", "casework.view_benefitapplication"),
    NavEntry(pgettext_lazy("menu", "Διανομές"), "casework:aidround-list", "casework.view_aidround"),
    NavEntry(pgettext_lazy("menu", "Προγράμματα"), "programs:programme-list", "programs.view_programme"),
    NavEntry(pgettext_lazy("menu", "Ημερολόγιο"), "programs:calendar", "programs.view_session"),
    NavEntry(pgettext_lazy("menu", "Παραπομπές"), "casework:referral-list", "casework.view_referral"),
    NavEntry(pgettext_lazy("menu", "Υπενθυμίσεις"), "notifications:reminder-list", "notifications.view_reminder"),
    NavEntry(pgettext_lazy("menu", "Αναφορές"), "notifications:report-list", "notifications.view_report"),
    NavEntry(pgettext_lazy("menu", "Δείκτες"), "centre_indicators:overview", "notifications.view_report"),
    NavEntry(pgettext_lazy("menu", "Φορείς"), "partners:list"),
    NavEntry(pgettext_lazy("menu", "Προσωπικό"), "accounts:staff-list", "accounts.view_user"),
]

PUBLIC_NAV = [
    NavEntry(pgettext_lazy("menu", "Φορείς"), "partners:list"),
    NavEntry(pgettext_lazy("menu", "Διαχείριση κέντρων"), "tenants:console", "tenants.operate_centres"),
    NavEntry(pgettext_lazy("menu", "Περιφέρεια"), "regional:console"),
]


@functools.cache
def _url_of(urlconf: str | None, url_name: str) -> str | None:
    """The entry's URL in this URL conf, or None while its app has no such page (every page
    render asks, and URL confs do not change while a process runs)."""
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def nav_items(entries: list[NavEntry], user, current_path: str) -> list[dict]:
    items = []
    for entry in entries:
        if entry.permission and not (user.is_authenticated and user.has_perm(entry.permission)):
            continue
        url = _url_of(get_urlconf(), entry.url_name)
        active = bool(url) and (current_path == url if url == "/" else current_path.startswith(url))
        items.append({"label": entry.label, "url": url, "active": active})
    return items
