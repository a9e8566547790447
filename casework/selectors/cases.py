"""Casework selectors: reception contacts, cases and caseloads, pathway steps, notes; and the
person timeline's providers for all of them."""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case, CaseEvent, ContactNote, PathwayPlan, PathwayStep, Person, ReceptionContact
from casework.summary import SummaryFact, SummaryLine, summary_provider
from casework.timeline import TimelineEntry, as_datetime, timeline_provider
from platform_core.accounts.models import User
from platform_core.labels import person_name

from .notes import notes_visible_to

CASE_WORKER_GROUPS = ("coordinator", "social_worker", "psychologist")


# --- Reception --------------------------------------------------------------------------------

def contact_list() -> QuerySet[ReceptionContact]:
    return ReceptionContact.objects.select_related("person", "staff", "case")


def contacts_on(*, day: datetime.date) -> QuerySet[ReceptionContact]:
    """The contacts of one day (in the centre's time zone), newest first."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return contact_list().filter(contacted_at__gte=start, contacted_at__lt=start + datetime.timedelta(days=1))


# --- Cases ------------------------------------------------------------------------------------

def case_workers() -> QuerySet[User]:
    """Active staff who may be in charge of a case or own a pathway step."""
    return (User.objects.filter(is_active=True, groups__name__in=CASE_WORKER_GROUPS).distinct()
            .order_by("last_name", "first_name"))


def case_list() -> QuerySet[Case]:
    return Case.objects.select_related("person", "assigned_worker")


def case_events(*, case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("by", "assigned_worker").order_by("at")


def _overdue(today: datetime.date | None = None) -> Q:
    return Q(state__in=PathwayStep.OPEN_STATES, due_date__lt=today or timezone.localdate())


def _per_worker(queryset: QuerySet, worker_field: str) -> Coalesce:
    """How many rows of ``queryset`` belong to the outer query's user (0 if none)."""
    counts = (queryset.filter(**{worker_field: OuterRef("pk")}).order_by().values(worker_field)
              .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counts[:1], output_field=IntegerField()), Value(0))


def caseload() -> QuerySet[User]:
    """Every case worker with their open and on-hold cases and their overdue steps."""
    return case_workers().annotate(
        open_cases=_per_worker(Case.objects.filter(status=Case.Status.OPEN), "assigned_worker"),
        on_hold_cases=_per_worker(Case.objects.filter(status=Case.Status.ON_HOLD), "assigned_worker"),
        overdue_steps=_per_worker(PathwayStep.objects.filter(_overdue()), "owner"),
    )


# --- Pathway plans ----------------------------------------------------------------------------

def plan_of(*, case: Case) -> PathwayPlan | None:
    return (PathwayPlan.objects.filter(case=case)
            .prefetch_related("goals__steps__owner").first())


def step_list() -> QuerySet[PathwayStep]:
    return PathwayStep.objects.select_related("owner", "goal__plan__case__person")


def steps_open_of(*, case: Case) -> QuerySet[PathwayStep]:
    """The case's plan steps still planned or in progress (closing the case silences their reminders)."""
    return step_list().filter(goal__plan__case=case, state__in=PathwayStep.OPEN_STATES)


def steps_overdue(*, owner: User, today: datetime.date | None = None) -> QuerySet[PathwayStep]:
    return step_list().filter(_overdue(today), owner=owner).order_by("due_date")


def steps_due_this_week(*, owner: User, today: datetime.date | None = None) -> QuerySet[PathwayStep]:
    """Open steps due from today to the end of the next seven days."""
    today = today or timezone.localdate()
    return step_list().filter(owner=owner, state__in=PathwayStep.OPEN_STATES,
                              due_date__gte=today, due_date__lt=today + datetime.timedelta(days=7))


# --- Notes ------------------------------------------------------------------------------------

def note_list(*, user: User) -> QuerySet[ContactNote]:
    """The notes ``user`` may read (sensitivity applied by ``notes_visible_to``)."""
    return notes_visible_to(user, ContactNote.objects.select_related("author", "case", "person"))


# --- Timeline providers -----------------------------------------------------------------------

def _people_of(person: Person, household) -> tuple[list, set]:
    """The people the timeline covers and which of them are the person's household, not the person."""
    household = household if household is not None else person.household
    others = set()
    if household is not None:  # no query when the page loaded the members (household_members_loaded)
        others = {member.person_id for member in household.members.all() if member.person_id != person.pk}
    return [person.pk, *others], others


@summary_provider
def open_cases_summary(*, person, household, user) -> list[SummaryFact]:
    if not user.has_perm("casework.view_case"):
        return []
    cases = Case.objects.filter(person=person, status=Case.Status.OPEN).select_related("assigned_worker")
    lines = [SummaryLine(text=case.number, detail=_("υπεύθυνος/η: %(worker)s") % {
        "worker": person_name(case.assigned_worker)}, url=reverse("casework:case-detail", args=[case.pk]))
        for case in cases]
    return [SummaryFact(order=10, key="open_cases", label=_("Ανοιχτοί φάκελοι"), lines=lines,
                        empty=_("Κανένας ανοιχτός φάκελος."))]


@timeline_provider
def contacts_timeline(*, person: Person, household, user) -> list[TimelineEntry]:
    if not user.has_perm("casework.view_receptioncontact"):
        return []
    people, others = _people_of(person, household)
    return [
        TimelineEntry(
            at=contact.contacted_at, kind="contact", label=_("Επαφή υποδοχής"),
            title=f"{contact.get_topic_display()} · {contact.get_outcome_display()}",
            about_household=contact.person_id in others,
        )
        for contact in ReceptionContact.objects.filter(person__in=people)
    ]


@timeline_provider
def notes_timeline(*, person: Person, household, user) -> list[TimelineEntry]:
    """Notes as the user may see them; the text stays on the note's page, where reading is logged."""
    people, others = _people_of(person, household)
    return [
        TimelineEntry(
            at=note.occurred_at, kind="note", label=note.get_kind_display(),
            title=note.author.get_full_name() or note.author.username,
            url=reverse("casework:note-detail", args=[note.pk]), sensitive=note.sensitive,
            about_household=note.person_id in others,
        )
        for note in note_list(user=user).filter(person__in=people)
    ]


@timeline_provider
def case_events_timeline(*, person: Person, household, user) -> list[TimelineEntry]:
    if not user.has_perm("casework.view_case"):
        return []
    people, others = _people_of(person, household)
    events = CaseEvent.objects.filter(case__person__in=people).select_related("case")
    return [
        TimelineEntry(
            at=event.at, kind="case_event", label=_("Φάκελος %(number)s") % {"number": event.case.number},
            title=event.get_kind_display(), url=reverse("casework:case-detail", args=[event.case_id]),
            detail=event.get_reason_display() if event.reason else "",
            about_household=event.case.person_id in others,
        )
        for event in events
    ]


@timeline_provider
def pathway_steps_timeline(*, person: Person, household, user) -> list[TimelineEntry]:
    if not user.has_perm("casework.view_pathwaystep"):
        return []
    people, others = _people_of(person, household)
    steps = step_list().filter(goal__plan__case__person__in=people)
    return [
        TimelineEntry(
            at=as_datetime(step.completed_on or step.due_date), kind="pathway_step", label=_("Βήμα σχεδίου"),
            title=step.title, detail=step.get_state_display(),
            url=reverse("casework:case-detail", args=[step.goal.plan.case_id]),
            about_household=step.goal.plan.case.person_id in others,
        )
        for step in steps
    ]
