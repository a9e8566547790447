"""Whose a reminder is: the person and the case it concerns, so that lists can name and link them.

A reminder to a staff member about a pathway step, a renewal or a referral is addressed to the
worker, yet the worker needs to know whom it is about. Each app declares, next to the reminders it
schedules, how to reach the person and the case from the object a reminder is about
(``whose_paths("casework.pathwaystep", case="goal__plan__case")``); ``reminders_whose`` reads
them for a page of reminders in one query per kind of object, never one per row.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Whose:
    person: object | None = None  # casework.Person
    case: object | None = None  # casework.Case


@dataclass(frozen=True)
class _Paths:
    person: str | None
    case: str | None


_PATHS: dict[str, _Paths] = {}


def whose_paths(about_type: str, *, person: str | None = None, case: str | None = None) -> None:
    """Declares how a reminder about ``about_type`` (``app_label.model``) reaches its person and
    case: relation paths in the ORM's ``__`` notation. Without a person path, the case's person."""
    if person is None and case is None:
        raise ValueError(f"{about_type}: give the path to the person, the case or both")
    _PATHS[about_type] = _Paths(person=person, case=case)


def _follow(obj, path: str | None):
    for name in path.split("__") if path else ():
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj if path else None


def _whose_of(about_type: str, ids: set) -> dict:
    paths = _PATHS[about_type]
    person_path = paths.person or (f"{paths.case}__person" if paths.case else None)
    related = [path for path in (person_path, paths.case) if path]
    objects = apps.get_model(about_type).objects.filter(pk__in=ids).select_related(*related)
    return {obj.pk: Whose(person=_follow(obj, person_path), case=_follow(obj, paths.case)) for obj in objects}


def reminders_whose(reminders: Iterable) -> list:
    """The reminders as a list, each with ``whose``: the person (the one the object concerns, else
    the recipient) and the case it is about, or None where there is none."""
    reminders = list(reminders)
    wanted: dict[str, set] = defaultdict(set)
    for reminder in reminders:
        if reminder.about_type in _PATHS and reminder.about_id:
            wanted[reminder.about_type].add(reminder.about_id)
    found = {(about_type, pk): whose for about_type, ids in wanted.items()
             for pk, whose in _whose_of(about_type, ids).items()}
    for reminder in reminders:
        whose = found.get((reminder.about_type, reminder.about_id), Whose())
        reminder.whose = Whose(person=whose.person or reminder.person, case=whose.case)
    return reminders
