"""The access log: every read of a person's record, note or document is written in the same
transaction as the read."""

from django.db import transaction

from casework.models import AccessLog, Person


def access_record(*, user, person: Person | str, obj=None, action: str = AccessLog.Action.VIEW,
                  channel: str = AccessLog.Channel.UI) -> AccessLog:
    """Logs that ``user`` read ``obj`` (default: the person record itself). Call it inside the
    request's transaction, before the response is built, so a read is never served unlogged."""
    person_id = person.pk if isinstance(person, Person) else person
    obj = obj if obj is not None else person
    with transaction.atomic():
        return AccessLog.objects.create(
            user=user, person_id=person_id, action=action, channel=channel,
            object_type=obj._meta.model_name, object_id=obj.pk)
