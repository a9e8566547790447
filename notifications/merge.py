"""Reminders' and opt-outs' references to a person, for ``casework.merge`` (registered on import)."""

from django.utils.translation import gettext_lazy

from casework.merge import person_reference
from notifications.models import ChannelOptOut, Reminder


def _move_opt_outs(merged, survivor) -> int:
    """A channel either record refused stays refused: the survivor's opt-outs and the merged one's."""
    ChannelOptOut.objects.filter(person=merged, channel__in=survivor.channel_opt_outs.values("channel")).delete()
    return ChannelOptOut.objects.filter(person=merged).update(person=survivor)


person_reference(Reminder, "person", label=gettext_lazy("Υπενθυμίσεις"))
person_reference(ChannelOptOut, "person", label=gettext_lazy("Αρνήσεις καναλιών"), move=_move_opt_outs)
