"""Navigation of the staff UI. Each entry names a URL; entries whose URL does not exist yet are
shown as upcoming, so an app that adds its pages appears in the menu without template edits."""

import functools
from dataclasses import dataclass

from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    permission: str | None = None


CENTRE_NAV = [
    NavEntry(_("Αρχική"), "home"),
    NavEntry(_("Υποδοχή"), "casework:reception", "casework.view_receptioncontact"),
    NavEntry(_("Ωφελούμενοι"), "casework:person-list", "casework.view_person"),
    NavEntry(_("Οικογένειες"), "casework:household-list", "casework.view_household"),
    NavEntry(_("Φάκελοι"), "casework:case-list", "casework.view_case"),
    NavEntry(_("Παροχές & ΤΕΒΑ"), "casework:benefit-list", "casework.view_benefitapplication"),
    NavEntry(_("Διανομές"), "casework:aidround-list", "casework.view_aidround"),
    NavEntry(_("Προγράμματα"), "programs:programme-list", "programs.view_programme"),
    NavEntry(_("Ημερολόγιο"), "programs:calendar", "programs.view_session"),
    NavEntry(_("Παραπομπές"), "casework:referral-list", "casework.view_referral"),
    NavEntry(_("Υπενθυμίσεις"), "notifications:reminder-list", "notifications.view_reminder"),
    NavEntry(_("Αναφορές"), "notifications:report-list", "notifications.view_report"),
    NavEntry(_("Δείκτες"), "centre_indicators:overview", "notifications.view_report"),
    NavEntry(_("Φορείς"), "partners:list"),
    NavEntry(_("Προσωπικό"), "accounts:staff-list", "accounts.view_user"),
    NavEntry(_("Ιστορικό πρόσβασης"), "casework:access-log", "casework.view_access_log"),
]

PUBLIC_NAV = [
    NavEntry(_("Φορείς"), "partners:list"),
    NavEntry(_("Διαχείριση κέντρων"), "tenants:console", "tenants.operate_centres"),
    NavEntry(_("Περιφέρεια"), "regional:console"),
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
