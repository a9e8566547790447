"""Sending due reminders of the current centre: claim, send, record — never lost, never twice.

How a run goes (``reminders_dispatch``, called by the per-centre Celery task every minute):

1. **Claim** (one short transaction): ``SELECT … FOR UPDATE SKIP LOCKED`` picks up to
   ``REMINDER_BATCH_SIZE`` due rows — ``scheduled`` with ``next_attempt_at <= now``, or ``sending``
   with a claim older than ``REMINDER_LEASE_SECONDS`` (a worker died holding it) — and moves them
   to ``sending`` with ``claimed_at`` and a fresh ``claim_token``. Concurrent runs (two workers,
   a beat tick while the last run is still going) get disjoint rows.
2. **Send** each row through its channel, outside any transaction, passing the reminder's
   ``idempotency_key`` to the provider.
3. **Record** (one short transaction per row): the ``DeliveryAttempt`` and the row's new state
   commit together, and only if the row still carries this run's ``claim_token``. Temporary
   failures go back to ``scheduled`` with exponential backoff; permanent ones (no address,
   not a mobile number, opted out, provider refusal) become ``failed`` with a reason staff see.

Why this is "exactly once" — honestly: the transport is at-least-once, the send is idempotent.

* Nothing is lost: the rows in PostgreSQL are the only state. A lost Celery message (Redis
  flushed, worker killed before ack) only means the next beat tick's run finds the rows again;
  a row left in ``sending`` by a dead worker is claimed again once its lease has expired.
* A row is sent twice only if a worker dies (or loses its lease) *after* the provider accepted
  the message and *before* step 3 committed. Then the row is claimed again and re-sent with the
  same idempotency key, and the provider must drop it: the file SMS backend does (it appends a
  key at most once, under a file lock), an HTTP gateway gets the key as ``Idempotency-Key``
  (the adapter cannot make a gateway that ignores it deduplicate), e-mail carries it in its
  ``Message-ID`` (SMTP itself has no idempotency: that window, between the server's "250 OK"
  and our commit, a few milliseconds, is the one remaining at-least-once gap). In-app
  notifications are rows written in step 3's transaction: exactly once, with no gap.
* A batch never outlives its lease: a run that has spent half the lease on a batch gives the rest
  of it back (``scheduled``) for the next run, so a slow provider does not make rows claimable
  by two live workers. The ``delivery_sent_once`` constraint makes a second "sent" record for a
  reminder impossible whatever happens.
"""

import contextlib
import datetime
import logging
import smtplib
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import sms
from .messages import message_render
from .models import Channel, ChannelOptOut, DeliveryAttempt, Reminder, StaffNotification
from .services import notification_settings_get
from .sms import PermanentFailure, TemporaryFailure, sms_number

logger = logging.getLogger(__name__)


@dataclass
class DispatchResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    released: int = 0
    batches: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"sent": self.sent, "retrying": self.retrying, "failed": self.failed, "released": self.released,
                "batches": self.batches}


def _claimable(now: datetime.datetime, *, sms_allowed: bool):
    lease = datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    due = (Q(state=Reminder.State.SCHEDULED, next_attempt_at__lte=now)
           | Q(state=Reminder.State.SENDING, claimed_at__lt=now - lease))
    reminders = Reminder.objects.filter(due)
    if not sms_allowed:
        reminders = reminders.exclude(channel=Channel.SMS)
    return reminders


def sms_allowed_at(now: datetime.datetime, details=None) -> bool:
    """SMS wait while the centre's quiet hours last (its wall clock, Europe/Athens)."""
    details = details or notification_settings_get()
    return not details.in_quiet_hours(timezone.localtime(now).time())


def reminders_claim(*, now: datetime.datetime, batch_size: int, token: uuid.UUID, sms_allowed: bool = True) -> list:
    """Moves up to ``batch_size`` due rows to ``sending`` under ``token``; their ids. Rows locked
    by another transaction are skipped, not waited for."""
    with transaction.atomic():
        ids = list(
            _claimable(now, sms_allowed=sms_allowed).select_for_update(skip_locked=True)
            .order_by("next_attempt_at").values_list("pk", flat=True)[:batch_size]
        )
        if ids:
            Reminder.objects.filter(pk__in=ids).update(state=Reminder.State.SENDING, claimed_at=now,
                                                       claim_token=token)
    return ids


def reminders_release(*, ids: list, token: uuid.UUID) -> int:
    """Gives claimed rows back unsent (still due), if this run still holds them."""
    return Reminder.objects.filter(pk__in=ids, claim_token=token, state=Reminder.State.SENDING).update(
        state=Reminder.State.SCHEDULED, claimed_at=None, claim_token=None)


def reminders_dispatch(*, now: datetime.datetime | None = None, batch_size: int | None = None,
                       time_budget: float | None = None) -> DispatchResult:
    """Sends every due reminder of the current centre, batch by batch, for at most
    ``REMINDER_RUN_SECONDS`` (the next beat tick continues); what happened."""
    fixed_now = now
    time_budget = settings.REMINDER_RUN_SECONDS if time_budget is None else time_budget
    batch_size = batch_size or settings.REMINDER_BATCH_SIZE
    result = DispatchResult()
    started = time.monotonic()
    sender = _Sender()
    try:
        while time.monotonic() - started < time_budget:
            now = fixed_now or timezone.now()
            token = uuid.uuid4()
            ids = reminders_claim(now=now, batch_size=batch_size, token=token,
                                  sms_allowed=sms_allowed_at(now, sender.details))
            if not ids:
                break
            result.batches += 1
            _send_batch(ids, token=token, now=now, fixed_now=fixed_now, sender=sender, result=result)
            if len(ids) < batch_size:
                break
    finally:
        sender.close()
    if result.batches:
        logger.info("Reminders dispatched: %(sent)s sent, %(retrying)s to retry, %(failed)s failed, "
                    "%(released)s released in %(batches)s batches", result.as_dict())
    return result


def _send_batch(ids: list, *, token, now, fixed_now, sender: "_Sender", result: DispatchResult) -> None:
    claimed_at = time.monotonic()
    held = Reminder.objects.filter(pk__in=ids, claim_token=token).select_related("person", "staff")
    reminders = {reminder.pk: reminder for reminder in held}
    opted_out = set(ChannelOptOut.objects.filter(person__in=[r.person_id for r in reminders.values() if r.person_id])
                    .values_list("person_id", "channel"))
    ordered = [reminders[pk] for pk in ids if pk in reminders]
    for index, reminder in enumerate(ordered):
        if time.monotonic() - claimed_at > settings.REMINDER_LEASE_SECONDS / 2:
            result.released += reminders_release(ids=[r.pk for r in ordered[index:]], token=token)
            return
        moment = fixed_now or timezone.now()
        outcome = _deliver(reminder, token=token, now=moment, sender=sender,
                           opted_out=(reminder.person_id, reminder.channel) in opted_out)
        setattr(result, outcome, getattr(result, outcome) + 1)


class _Sender:
    """What a run needs to send: the centre's name and details, one e-mail connection."""

    def __init__(self):
        from tenants.models import Centre

        self.details = notification_settings_get()
        centre = Centre.objects.filter(schema_name=connection.schema_name).first()
        self.centre_name = centre.name if centre else ""
        self._mail = None

    def email(self, *, to: str, subject: str, text: str, key: str) -> str:
        if self._mail is None:
            self._mail = get_connection(fail_silently=False)
        message_id = f"<{key}@{settings.PLATFORM_DOMAIN}>"
        try:
            EmailMessage(subject, text, None, [to], connection=self._mail,
                         headers={"Message-ID": message_id}).send()
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentFailure("recipient refused by the mail server") from exc
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanentFailure(f"mail server answered {exc.smtp_code}") from exc
            self._reset()
            raise TemporaryFailure(f"mail server answered {exc.smtp_code}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            self._reset()
            raise TemporaryFailure(f"mail server unreachable: {type(exc).__name__}") from exc
        return message_id

    def _reset(self) -> None:
        if self._mail is not None:
            with contextlib.suppress(Exception):  # a broken connection is dropped either way
                self._mail.close()
            self._mail = None

    def close(self) -> None:
        self._reset()


def _address(reminder: Reminder) -> tuple[str | None, str]:
    """The address for the reminder's channel, or (None, failure reason)."""
    recipient = reminder.recipient
    if reminder.channel == Channel.IN_APP:
        return str(reminder.staff_id), ""
    if reminder.channel == Channel.EMAIL:
        return (recipient.email, "") if recipient.email else (None, Reminder.FailureReason.NO_ADDRESS)
    phone = getattr(recipient, "phone", "")
    if not phone:
        return None, Reminder.FailureReason.NO_ADDRESS
    number = sms_number(phone)
    return (number, "") if number else (None, Reminder.FailureReason.INVALID_PHONE)


def _deliver(reminder: Reminder, *, token, now, sender: _Sender, opted_out: bool) -> str:
    """Sends one claimed reminder and records the outcome; "sent", "retrying" or "failed"."""
    if opted_out:
        return _record_failure(reminder, token=token, now=now, reason=Reminder.FailureReason.OPTED_OUT)
    address, reason = _address(reminder)
    if address is None:
        return _record_failure(reminder, token=token, now=now, reason=reason)
    subject, text = message_render(template=reminder.template, context=reminder.context,
                                   centre_name=sender.centre_name, details=sender.details,
                                   short=reminder.channel == Channel.SMS, signed=reminder.channel != Channel.IN_APP)
    try:
        if reminder.channel == Channel.IN_APP:
            return _record_sent(reminder, token=token, now=now, provider_id="",
                                notification={"subject": subject, "text": text})
        if reminder.channel == Channel.EMAIL:
            provider_id = sender.email(to=address, subject=subject, text=text, key=reminder.idempotency_key)
        else:
            provider_id = sms.send(address, text, idempotency_key=reminder.idempotency_key)
    except TemporaryFailure as exc:
        return _record_temporary(reminder, token=token, now=now, error=str(exc))
    except PermanentFailure as exc:
        return _record_failure(reminder, token=token, now=now, reason=Reminder.FailureReason.REJECTED,
                               error=str(exc))
    return _record_sent(reminder, token=token, now=now, provider_id=provider_id)


def _held(reminder: Reminder, token):
    """The row, if this run still holds its claim (locked until the recording transaction ends)."""
    return Reminder.objects.select_for_update().filter(
        pk=reminder.pk, claim_token=token, state=Reminder.State.SENDING)


def _attempt(reminder: Reminder, *, now, outcome: str, provider_id: str = "", error: str = "") -> None:
    DeliveryAttempt.objects.create(reminder=reminder, number=reminder.attempts + 1, at=now, channel=reminder.channel,
                                   outcome=outcome, provider_id=provider_id[:120], error=error[:300])


@transaction.atomic
def _record_sent(reminder: Reminder, *, token, now, provider_id: str, notification: dict | None = None) -> str:
    if not _held(reminder, token).update(state=Reminder.State.SENT, sent_at=now, provider_id=provider_id[:120],
                                         attempts=F("attempts") + 1, claim_token=None, failure_reason="",
                                         last_error=""):
        return "released"  # another run took the row over after our lease; it sends idempotently
    if notification is not None:
        StaffNotification.objects.create(user_id=reminder.staff_id, reminder=reminder, **notification)
    _attempt(reminder, now=now, outcome=DeliveryAttempt.Outcome.SENT, provider_id=provider_id)
    return "sent"


@transaction.atomic
def _record_failure(reminder: Reminder, *, token, now, reason: str, error: str = "") -> str:
    if not _held(reminder, token).update(state=Reminder.State.FAILED, failure_reason=reason,
                                         last_error=error[:300], attempts=F("attempts") + 1, claim_token=None):
        return "released"
    _attempt(reminder, now=now, outcome=DeliveryAttempt.Outcome.PERMANENT_FAILURE,
             error=error or Reminder.FailureReason(reason).label)
    return "failed"


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff after the ``attempts``-th failed try: base, 2×base, 4×base, … (≤ 1 day)."""
    return datetime.timedelta(seconds=min(settings.REMINDER_RETRY_SECONDS * 2 ** (attempts - 1), 86400))


@transaction.atomic
def _record_temporary(reminder: Reminder, *, token, now, error: str) -> str:
    attempts = reminder.attempts + 1
    if attempts >= settings.REMINDER_MAX_ATTEMPTS:
        changes = {"state": Reminder.State.FAILED, "failure_reason": Reminder.FailureReason.GAVE_UP}
        outcome = "failed"
    else:
        changes = {"state": Reminder.State.SCHEDULED, "next_attempt_at": now + retry_delay(attempts)}
        outcome = "retrying"
    if not _held(reminder, token).update(attempts=attempts, last_error=error[:300], claim_token=None, **changes):
        return "released"
    _attempt(reminder, now=now, outcome=DeliveryAttempt.Outcome.TEMPORARY_FAILURE, error=error)
    return outcome
