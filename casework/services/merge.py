"""Merging two records of the same person into one (the coordinator's verb).

Why nothing is lost or left behind:

1. *Every reference moves.* ``casework.merge`` holds one entry per foreign key to ``Person`` in
   every app; a test fails when a model gains one that is not there. The merged record is deleted
   only after all of them have been re-pointed, so nothing is deleted with it by CASCADE.
2. *Constraints hold on the way.* Where a plain re-pointing would break a unique constraint (one
   entry/exit snapshot per stage, one household per person, one active enrolment per programme,
   one opt-out per channel), the entry's own ``move`` keeps the survivor's row and drops or
   withdraws the duplicate.
3. *One transaction, rows locked.* Both people are locked (``SELECT … FOR UPDATE``, in id order
   so that two merges of the same pair cannot deadlock) before the checks; a failure anywhere
   rolls the whole merge back.
4. *The merge is kept.* The merged record is removed rather than kept as a tombstone: a tombstone
   would be counted by every list, search, export and ESF indicator unless each of them learned
   to skip it. What remains is a ``PersonMerge`` row on the survivor (shown on its page) with
   the merged record's id, so an old link to it leads to the survivor.
"""

from django.db import transaction

from casework.merge import merge_refusal, person_references
from casework.models import Person, PersonMerge

from .people import PERSON_FIELDS, person_update


def _blank(value) -> bool:
    return value in ("", None, [], "declined")


@transaction.atomic
def person_merge(*, survivor: Person, merged: Person, by) -> PersonMerge:
    """Moves everything of ``merged`` to ``survivor`` and deletes ``merged``. The survivor's own
    details stay; the ones it lacks (ΑΜΚΑ, phone, address…) are taken from the merged record."""
    locked = {person.pk: person for person in
              Person.objects.select_for_update().filter(pk__in=[survivor.pk, merged.pk]).order_by("pk")}
    survivor, merged = locked[survivor.pk], locked.get(merged.pk, merged)
    merge_refusal(survivor=survivor, merged=merged)
    moved: dict[str, int] = {}
    for reference in person_references():
        count = reference.moved_by(merged, survivor)
        if count:
            moved[reference.key] = count
    taken = {field: getattr(merged, field) for field in sorted(PERSON_FIELDS)
             if _blank(getattr(survivor, field)) and not _blank(getattr(merged, field))}
    log = PersonMerge.objects.create(survivor=survivor, merged_id=merged.pk, merged_label=str(merged)[:170],
                                     moved=moved, by=by)
    merged.delete()
    if taken:
        person_update(person=survivor, by=by, **taken)
    return log
