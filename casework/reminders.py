"""What casework reminds people and staff about, kept in step with the records: a pathway step's
owner on the morning it is due, and a ΚΕΑ/ΕΕΕ renewal two weeks before it is due (the person by
SMS, or e-mail without a mobile, and the worker who handles it in the app). The services call
these after every change; scheduling is an upsert by key, so calling again updates the reminder.
"""

import datetime

from django.utils import timezone

from casework.models import BenefitApplication, Case, PathwayStep
from notifications.models import Channel
from notifications.services import reminder_schedule, reminders_cancel
from notifications.whose import whose_paths

# Whom casework's reminders are about, for the lists that name the person and the case.
whose_paths("casework.pathwaystep", case="goal__plan__case")
whose_paths("casework.benefitapplication", person="person")
whose_paths("casework.referral", person="person", case="case")

STEP_REMINDER_TIME = datetime.time(8, 30)
RENEWAL_NOTICE = datetime.timedelta(days=14)
RENEWAL_REMINDER_TIME = datetime.time(10, 0)


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def step_reminder_sync(*, step: PathwayStep, by=None) -> None:
    """An open step reminds its owner on its due date; a done or cancelled one reminds nobody."""
    if step.state not in PathwayStep.OPEN_STATES:
        reminders_cancel(about=step)
        return
    reminder_schedule(about=step, channel=Channel.IN_APP, staff=step.owner, by=by,
                      due_at=_at(step.due_date, STEP_REMINDER_TIME), template="pathway_step_due",
                      context={"step_title": step.title, "due_date": step.due_date.isoformat()})


def case_reminders_cancel(*, case: Case) -> None:
    """A closed case's open steps remind nobody (they stay as they were, for the record)."""
    for step in PathwayStep.objects.filter(goal__plan__case=case, state__in=PathwayStep.OPEN_STATES):
        reminders_cancel(about=step)


def benefit_reminders_sync(*, application: BenefitApplication, by=None) -> None:
    """A submitted or approved ΚΕΑ/ΕΕΕ application with a renewal date reminds the person and
    the worker; any other state cancels what was scheduled."""
    due = application.renewal_due
    if due is None or application.status not in (BenefitApplication.Status.SUBMITTED,
                                                  BenefitApplication.Status.APPROVED):
        reminders_cancel(about=application)
        return
    remind_at = _at(max(due - RENEWAL_NOTICE, timezone.localdate()), RENEWAL_REMINDER_TIME)
    context = {"benefit": str(application.get_kind_display()), "renewal_due": due.isoformat()}
    person = application.person
    person_channel = Channel.SMS if person.phone else Channel.EMAIL if person.email else None
    if person_channel:
        reminder_schedule(about=application, purpose="renewal:person", channel=person_channel, person=person,
                          due_at=remind_at, template="benefit_renewal", context=context, by=by)
    reminder_schedule(about=application, purpose="renewal:worker", channel=Channel.IN_APP,
                      staff=application.handled_by, due_at=remind_at, template="benefit_renewal",
                      context=context, by=by)
