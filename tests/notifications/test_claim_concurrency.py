"""Two dispatchers claiming at the same time, on two database connections, get disjoint rows:
SELECT … FOR UPDATE SKIP LOCKED skips what the other holds instead of waiting for it."""

import datetime
import threading
import uuid

from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from notifications.dispatch import reminders_claim
from notifications.models import Channel, Reminder
from notifications.services import reminder_create_custom


def test_two_connections_claiming_at_once_get_disjoint_sets(worlds, committed_db):
    schema = worlds["a"].centre.schema_name
    now = timezone.now()
    with schema_context(schema):
        person = PersonFactory()
        ids = {reminder_create_custom(by=worlds["a"].coordinator, person=person, channel=Channel.EMAIL,
                                      due_at=now - datetime.timedelta(minutes=1), text=f"{n}").pk
               for n in range(12)}
    other: list = []
    holding = threading.Event()
    try:
        with schema_context(schema), transaction.atomic():
            # This connection claims 5 and keeps them locked (its transaction is still open)…
            mine = reminders_claim(now=now, batch_size=5, token=uuid.uuid4())
            holding.set()

            def claim_on_another_connection():
                try:
                    with schema_context(schema):
                        other.extend(reminders_claim(now=now, batch_size=100, token=uuid.uuid4()))
                finally:
                    connection.close()

            # …while another connection claims everything it can.
            thread = threading.Thread(target=claim_on_another_connection)
            thread.start()
            thread.join(timeout=10)
        assert not thread.is_alive(), "the second claim waited for the first instead of skipping"
        assert len(mine) == 5
        assert set(mine).isdisjoint(other)
        assert set(mine) | set(other) >= ids
    finally:
        with schema_context(schema):
            person.delete()


def test_claimed_rows_are_marked_sending_with_the_claim_time(in_centre_a, world_a):
    now = timezone.now()
    reminder = reminder_create_custom(by=world_a.coordinator, person=PersonFactory(), channel=Channel.EMAIL,
                                      due_at=now, text="x")

    [claimed] = reminders_claim(now=now, batch_size=10, token=uuid.uuid4())

    reminder.refresh_from_db()
    assert claimed == reminder.pk
    assert (reminder.state, reminder.claimed_at) == (Reminder.State.SENDING, now)
