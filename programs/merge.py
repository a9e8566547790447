"""Programmes' references to a person, for ``casework.merge`` (registered on import)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.merge import person_reference
from programs.models import Appointment, Enrolment, Programme


def _move_enrolments(merged, survivor) -> int:
    """One active enrolment per programme and person: where both records are enrolled or
    waitlisted in the same programme, the one holding a place stays (the survivor's when both or
    neither do) and the other is withdrawn (its attendance moves all the same); a place freed
    that way goes to the first on the waitlist, as any withdrawal's does."""
    from programs.services.enrolments import waitlist_promote

    ours = {enrolment.programme_id: enrolment for enrolment in
            Enrolment.objects.select_for_update().filter(person=survivor, status__in=Enrolment.ACTIVE)}
    freed = set()
    for theirs in Enrolment.objects.select_for_update().filter(person=merged, status__in=Enrolment.ACTIVE,
                                                                programme_id__in=list(ours)):
        mine = ours[theirs.programme_id]
        keep_theirs = theirs.status == Enrolment.Status.ENROLLED and mine.status != Enrolment.Status.ENROLLED
        withdrawn = mine if keep_theirs else theirs
        if withdrawn.status == Enrolment.Status.ENROLLED:
            freed.add(withdrawn.programme_id)
        withdrawn.status, withdrawn.status_changed_at = Enrolment.Status.WITHDRAWN, timezone.now()
        withdrawn.reason = _("Διπλή εγγραφή του ίδιου προσώπου (συγχώνευση).")
        withdrawn.save(update_fields=["status", "reason", "status_changed_at", "updated_at"])
    moved = Enrolment.objects.filter(person=merged).update(person=survivor)
    for programme in Programme.objects.select_for_update().filter(pk__in=freed):
        waitlist_promote(programme=programme, by=None)
    return moved


person_reference(Enrolment, "person", label=gettext_lazy("Εγγραφές σε προγράμματα"), move=_move_enrolments)
person_reference(Enrolment, "guardian", label=gettext_lazy("Κηδεμονία σε εγγραφές"))
person_reference(Appointment, "person", label=gettext_lazy("Ραντεβού"))
