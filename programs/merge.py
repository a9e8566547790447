"""Programmes' references to a person, for ``casework.merge`` (registered on import)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.merge import person_reference
from programs.models import Appointment, Enrolment


def _move_enrolments(merged, survivor) -> int:
    """One active enrolment per programme and person: where both records are enrolled or
    waitlisted in the same programme, the survivor's stays and the merged one's is withdrawn
    (its attendance moves with it all the same)."""
    both = Enrolment.objects.filter(person=survivor, status__in=Enrolment.ACTIVE).values("programme_id")
    Enrolment.objects.filter(person=merged, status__in=Enrolment.ACTIVE, programme_id__in=both).update(
        status=Enrolment.Status.WITHDRAWN, reason=_("Διπλή εγγραφή του ίδιου προσώπου (συγχώνευση)."),
        status_changed_at=timezone.now())
    return Enrolment.objects.filter(person=merged).update(person=survivor)


person_reference(Enrolment, "person", label=gettext_lazy("Εγγραφές σε προγράμματα"), move=_move_enrolments)
person_reference(Enrolment, "guardian", label=gettext_lazy("Κηδεμονία σε εγγραφές"))
person_reference(Appointment, "person", label=gettext_lazy("Ραντεβού"))
