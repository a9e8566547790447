"""The person page's one timeline, fed by providers that each app registers.

A provider takes the person, the household (or None) and the reading user, and returns
``TimelineEntry`` objects. It must apply its own visibility rules (sensitive notes): the
timeline shows exactly what the provider returns. Programmes and referrals add their entries
with ``@timeline_provider`` in their own modules, without touching casework.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    kind: str  # machine name, e.g. "contact", "note", "pathway_step", "benefit", "aid"
    label: str  # what kind of thing it is, translated ("Συνεδρία συμβουλευτικής")
    title: str  # one line about it
    url: str = ""
    detail: str = ""
    sensitive: bool = False
    about_household: bool = False  # the entry is about another member or the household as a whole


Provider = Callable[..., Iterable[TimelineEntry]]
_providers: list[Provider] = []


def timeline_provider(func: Provider) -> Provider:
    if func not in _providers:
        _providers.append(func)
    return func


def as_datetime(value: datetime.date | datetime.datetime) -> datetime.datetime:
    """Dates sort among datetimes at the start of their day, in the current time zone (the
    timeline shows a time only when it is not midnight)."""
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def person_timeline(*, person, user, household=None) -> list[TimelineEntry]:
    """Every provider's entries about the person (and their household), newest first."""
    entries: list[TimelineEntry] = []
    for provider in _providers:
        entries.extend(provider(person=person, household=household, user=user))
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
