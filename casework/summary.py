"""The summary at the top of the person page, fed by providers that each app registers.

A provider takes the person, the household (or None) and the reading user and returns
``SummaryFact`` objects, or none for a user who may not see them; it costs the same few queries
however many records the person has (the person page's query count is tested). Programmes add
the next appointment with ``@summary_provider`` in their own module, without touching casework.

The actions below the summary are a registry too: ``person_action(group, label, url_name,
permission)`` puts a link in one of ``ACTION_GROUPS`` (programmes add «Νέο ραντεβού»).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class SummaryLine:
    text: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class SummaryFact:
    order: int  # where it stands among the facts, smallest first
    key: str  # machine name, e.g. "open_cases" (the page's data-testid)
    label: str  # translated heading
    empty: str  # what the page says when there are no lines
    lines: list[SummaryLine] = field(default_factory=list)


Provider = Callable[..., Iterable[SummaryFact]]
_providers: list[Provider] = []


def summary_provider(func: Provider) -> Provider:
    if func not in _providers:
        _providers.append(func)
    return func


def person_summary(*, person, user, household=None) -> list[SummaryFact]:
    facts: list[SummaryFact] = []
    for provider in _providers:
        facts.extend(provider(person=person, household=household, user=user))
    return sorted(facts, key=lambda fact: fact.order)


# --- The person page's actions, in groups -----------------------------------------------------

ACTION_GROUPS = {
    "record": gettext_lazy("Καταγραφή"),
    "case": gettext_lazy("Φάκελος"),
    "benefits": gettext_lazy("Παροχές"),
    "exports": gettext_lazy("Εξαγωγές"),
    "administration": gettext_lazy("Διαχείριση εγγραφής"),
}


@dataclass(frozen=True)
class PersonAction:
    group: str
    label: object
    url_name: str  # takes the person's id, or (with ``query``) takes it as ``?<query>=``
    permission: str
    query: str = ""


_actions: list[PersonAction] = []


def person_action(group: str, label, url_name: str, permission: str, *, query: str = "") -> None:
    """Adds a link to the person page's actions, after those of its group already added."""
    if group not in ACTION_GROUPS:
        raise ValueError(f"unknown group {group!r}; one of {list(ACTION_GROUPS)}")
    action = PersonAction(group, label, url_name, permission, query)
    if action not in _actions:
        _actions.append(action)


def person_actions(*, user, person) -> list[tuple[str, list[tuple[str, str]]]]:
    """The groups of actions ``user`` may take on ``person``'s record, each as (label, [(label,
    url)]), in ``ACTION_GROUPS`` order; a group with none is left out."""
    links: dict[str, list[tuple[str, str]]] = {group: [] for group in ACTION_GROUPS}
    for action in _actions:
        if not user.has_perm(action.permission):
            continue
        try:
            url = reverse(action.url_name) if action.query else reverse(action.url_name, args=[person.pk])
        except NoReverseMatch:  # the page's app is not installed
            continue
        links[action.group].append((action.label, f"{url}?{action.query}={person.pk}" if action.query else url))
    return [(ACTION_GROUPS[group], group_links) for group, group_links in links.items() if group_links]


for _group, _label, _url_name, _permission, _query in [
    ("record", gettext_lazy("Καταγραφή επαφής"), "casework:reception", "casework.add_receptioncontact", "person"),
    ("record", gettext_lazy("Νέα σημείωση"), "casework:note-create", "casework.add_contactnote", ""),
    ("record", gettext_lazy("Σημειώσεις"), "casework:note-list", "casework.view_contactnote", ""),
    ("record", gettext_lazy("Έγγραφα"), "casework:document-list", "casework.view_document", ""),
    ("case", gettext_lazy("Νέος φάκελος"), "casework:case-create", "casework.add_case", ""),
    ("case", gettext_lazy("Νέα αξιολόγηση"), "casework:assessment-create", "casework.add_assessment", ""),
    ("case", gettext_lazy("Νέα παραπομπή"), "casework:referral-create", "casework.add_referral", "person"),
    ("case", gettext_lazy("Συγκαταθέσεις"), "casework:person-consents", "casework.view_consent", ""),
    ("benefits", gettext_lazy("Νέα αίτηση παροχής"), "casework:benefit-create", "casework.add_benefitapplication", ""),
    ("exports", gettext_lazy("Εξαγωγή JSON"), "casework:person-export-json", "casework.export_person", ""),
    ("exports", gettext_lazy("Εξαγωγή PDF"), "casework:person-export-pdf", "casework.export_person", ""),
    ("administration", gettext_lazy("Ιστορικό πρόσβασης"), "casework:person-access-log", "casework.view_access_log",
     ""),
    ("administration", gettext_lazy("Συγχώνευση διπλοεγγραφής"), "casework:person-merge", "casework.merge_person", ""),
]:
    person_action(_group, _label, _url_name, _permission, query=_query)
