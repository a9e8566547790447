"""Staff pages: reception, cases and caseloads, pathway plans, contact and counselling notes."""

import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from casework.forms.cases import (
    CaseCloseForm,
    CaseFilterForm,
    CaseHoldForm,
    CaseOpenForm,
    CaseReassignForm,
    CaseUpdateForm,
    ContactForm,
    GoalForm,
    NoteForm,
    PlanForm,
    ReceptionSiteForm,
    StepActionForm,
    StepForm,
)
from casework.models import AccessLog, Case, PathwayGoal, PathwayStep, Person, ReceptionContact
from casework.selectors import cases as selectors
from casework.services import access_record
from casework.services import cases as services
from platform_core.confirm import confirmation_page, is_confirmed
from platform_core.forms import add_service_errors

CASES_PER_PAGE = 50


def staff_perm(perm: str):
    """Signed in (else to the login page) and holding ``perm`` (else 403)."""
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _attempt(form, call) -> object | None:
    """Runs the service ``call`` with the form's data; its errors land on the form's fields."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


# --- Reception --------------------------------------------------------------------------------

def _person_from_query(request) -> Person | None:
    try:
        person_id = uuid.UUID(request.GET.get("person", ""))
    except ValueError:
        return None
    return Person.objects.filter(pk=person_id).first()


@staff_perm("casework.view_receptioncontact")
def reception_view(request):
    person = _person_from_query(request)
    can_open_case = request.user.has_perm("casework.add_case")
    if request.method == "POST":
        _require(request, "casework.add_receptioncontact")
        form = ContactForm(request.POST, person=person, can_open_case=can_open_case)
        contact = _attempt(form, lambda data: services.contact_log(by=request.user, **data))
        if contact is not None:
            messages.success(request, _("Η επαφή καταγράφηκε."))
            if contact.case_id:
                messages.success(request, _("Άνοιξε ο φάκελος %(number)s.") % {"number": contact.case.number})
            if contact.outcome == ReceptionContact.Outcome.APPOINTMENT and contact.person_id:
                # «Ορίστηκε ραντεβού» opens the booking form (programmes' page, by URL name).
                return redirect(f"{reverse('programs:appointment-new')}?person={contact.person_id}")
            return redirect("casework:reception")
    else:
        form = ContactForm(person=person, can_open_case=can_open_case)
    site_filter = ReceptionSiteForm(request.GET)
    contacts = selectors.contacts_on(day=timezone.localdate())
    if site_filter.is_valid() and site_filter.cleaned_data["site"]:
        contacts = contacts.filter(site=site_filter.cleaned_data["site"])
    return render(request, "casework/reception.html", {
        "form": form, "site_filter": site_filter, "contacts": contacts, "title": _("Υποδοχή"),
    })


# --- Cases ------------------------------------------------------------------------------------

@staff_perm("casework.view_case")
def case_list_view(request):
    # Without filters: the signed-in worker's open cases.
    form = CaseFilterForm(request.GET or {"worker": CaseFilterForm.MINE, "status": Case.Status.OPEN})
    cases = selectors.case_list()
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            cases = cases.filter(status=data["status"])
        if data["worker"] == CaseFilterForm.MINE:
            cases = cases.filter(assigned_worker=request.user)
        elif data["worker"] and data["worker"] != CaseFilterForm.ANYONE:
            cases = cases.filter(assigned_worker_id=data["worker"])
        if data["need"]:
            cases = cases.filter(needs__contains=[data["need"]])
        if data["site"]:
            cases = cases.filter(site=data["site"])
    else:
        cases = cases.none()
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "casework/case_list.html", {
        "form": form, "cases": page.object_list, "page": page, "query": query.urlencode(), "title": _("Φάκελοι"),
    })


@staff_perm("casework.view_case")
def caseload_view(request):
    return render(request, "casework/caseload.html", {
        "workers": selectors.caseload(), "title": _("Φόρτος εργασίας ανά εργαζόμενο"),
    })


@staff_perm("casework.add_case")
def case_create_view(request, person_pk):
    person = get_object_or_404(Person, pk=person_pk)
    form = CaseOpenForm(request.POST or None, initial={"assigned_worker": request.user.pk})
    if request.method == "POST":
        case = _attempt(form, lambda data: services.case_open(person=person, by=request.user, **data))
        if case is not None:
            messages.success(request, _("Άνοιξε ο φάκελος %(number)s.") % {"number": case.number})
            return redirect("casework:case-detail", pk=case.pk)
    return render(request, "casework/case_form.html", {"form": form, "person": person, "title": _("Νέος φάκελος")})


def _case_page(request, case: Case, *, step_form: StepForm | None = None, step_goal: PathwayGoal | None = None,
               **forms):
    """The case page: history, plan, notes, and the forms the user may use (bound ones, with their
    errors, replace the empty ones)."""
    user = request.user
    access_record(user=user, person=case.person, obj=case, channel=AccessLog.Channel.UI)
    plan = selectors.plan_of(case=case) if user.has_perm("casework.view_pathwayplan") else None
    goals = list(plan.goals.all()) if plan else []
    for goal in goals:
        goal.step_form = step_form if step_goal is not None and goal.pk == step_goal.pk else StepForm(
            auto_id=f"step-{goal.pk}-%s", initial={"owner": user.pk})
    context = {
        "case": case, "title": _("Φάκελος %(number)s") % {"number": case.number},
        "events": selectors.case_events(case=case), "plan": plan, "goals": goals, "step_goal": step_goal,
        "notes": selectors.note_list(user=user).filter(case=case),
        "hold_form": CaseHoldForm(), "reopen_form": CaseHoldForm(), "close_form": CaseCloseForm(),
        "reassign_form": CaseReassignForm(),
        "update_form": CaseUpdateForm(initial={"needs": case.needs, "summary": case.summary}),
        "plan_form": PlanForm(initial={"summary": plan.summary, "agreed_on": plan.agreed_on,
                                       "review_on": plan.review_on} if plan else None),
        "goal_form": GoalForm(),
    }
    context.update(forms)
    return render(request, "casework/case_detail.html", context)


def _case(pk) -> Case:
    return get_object_or_404(selectors.case_list(), pk=pk)


@staff_perm("casework.view_case")
@transaction.atomic
def case_detail_view(request, pk):
    return _case_page(request, _case(pk))


def _case_action(form_class, form_name: str, service, success: str, confirm=None):
    """A POST that changes a case through ``service``; the page shows the form again on errors.
    With ``confirm`` (case, the form's data → the confirmation page's title, consequences and
    button) a valid form asks first."""
    @staff_perm("casework.change_case")
    @require_POST
    def view(request, pk):
        case = _case(pk)
        form = form_class(request.POST)
        if confirm is not None and not is_confirmed(request) and form.is_valid():
            title, consequences, submit = confirm(case, form.cleaned_data)
            return confirmation_page(request, title=title, consequences=consequences, submit=submit,
                                     cancel_url=reverse("casework:case-detail", kwargs={"pk": case.pk}))
        done = _attempt(form, lambda data: service(case=case, by=request.user, **data))
        if done is None:
            return _case_page(request, case, **{form_name: form})
        messages.success(request, success)
        return redirect("casework:case-detail", pk=case.pk)

    return view


case_hold_view = _case_action(CaseHoldForm, "hold_form", services.case_hold, _("Ο φάκελος τέθηκε σε αναμονή."))
case_reopen_view = _case_action(CaseHoldForm, "reopen_form", services.case_reopen, _("Ο φάκελος άνοιξε ξανά."))
def _close_consequences(case: Case, data: dict) -> tuple[str, list[str], str]:
    steps = selectors.steps_open_of(case=case).count()
    reason = dict(Case.ClosedReason.choices).get(data["reason"], data["reason"])
    return _("Κλείσιμο φακέλου %(number)s") % {"number": case.number}, [
        _("Ο φάκελος %(number)s του/της %(person)s κλείνει με λόγο «%(reason)s».") % {
            "number": case.number, "person": case.person, "reason": reason},
        ngettext("Το %(n)d ανοιχτό βήμα του σχεδίου μένει όπως είναι, χωρίς υπενθυμίσεις.",
                 "Τα %(n)d ανοιχτά βήματα του σχεδίου μένουν όπως είναι, χωρίς υπενθυμίσεις.", steps) % {"n": steps},
        _("Ο φάκελος μπορεί να ανοίξει ξανά με «Επανενεργοποίηση»."),
    ], _("Κλείσιμο φακέλου")


case_close_view = _case_action(CaseCloseForm, "close_form", services.case_close, _("Ο φάκελος έκλεισε."),
                               confirm=_close_consequences)
case_reassign_view = _case_action(CaseReassignForm, "reassign_form", services.case_reassign,
                                  _("Ο φάκελος ανατέθηκε."))
case_update_view = _case_action(CaseUpdateForm, "update_form", services.case_update, _("Ο φάκελος ενημερώθηκε."))


# --- Pathway plans ----------------------------------------------------------------------------

@staff_perm("casework.change_pathwayplan")
@require_POST
def plan_edit_view(request, pk):
    case = _case(pk)
    _require(request, "casework.add_pathwayplan")
    form = PlanForm(request.POST)
    if _attempt(form, lambda data: services.plan_create_or_update(case=case, by=request.user, **data)) is None:
        return _case_page(request, case, plan_form=form)
    messages.success(request, _("Το σχέδιο αποθηκεύτηκε."))
    return redirect("casework:case-detail", pk=case.pk)


@staff_perm("casework.add_pathwaygoal")
@require_POST
def goal_add_view(request, pk):
    case = _case(pk)
    form = GoalForm(request.POST)
    if _attempt(form, lambda data: services.goal_add(case=case, by=request.user, **data)) is None:
        return _case_page(request, case, goal_form=form)
    messages.success(request, _("Ο στόχος προστέθηκε."))
    return redirect("casework:case-detail", pk=case.pk)


@staff_perm("casework.add_pathwaystep")
@require_POST
def step_add_view(request, pk):
    goal = get_object_or_404(PathwayGoal.objects.select_related("plan__case"), pk=pk)
    case = goal.plan.case
    form = StepForm(request.POST, auto_id=f"step-{goal.pk}-%s")
    if _attempt(form, lambda data: services.step_add(goal=goal, by=request.user, **data)) is None:
        return _case_page(request, case, step_form=form, step_goal=goal)
    messages.success(request, _("Το βήμα προστέθηκε."))
    return redirect("casework:case-detail", pk=case.pk)


@staff_perm("casework.change_pathwaystep")
@require_POST
def step_action_view(request, pk):
    step = get_object_or_404(selectors.step_list(), pk=pk)
    form = StepActionForm(request.POST)
    actions = {
        StepActionForm.START: lambda: services.step_update(step=step, by=request.user,
                                                           state=PathwayStep.State.IN_PROGRESS),
        StepActionForm.COMPLETE: lambda: services.step_complete(step=step, by=request.user),
        StepActionForm.CANCEL: lambda: services.step_cancel(step=step, by=request.user),
    }
    if form.is_valid():
        try:
            actions[form.cleaned_data["action"]]()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Το βήμα ενημερώθηκε."))
    else:
        messages.error(request, _("Άγνωστη ενέργεια."))
    return redirect("casework:case-detail", pk=step.goal.plan.case_id)


@staff_perm("casework.change_pathwaystep")
def step_edit_view(request, pk):
    step = get_object_or_404(selectors.step_list(), pk=pk)
    form = StepForm(request.POST or None, initial={"title": step.title, "owner": step.owner_id,
                                                   "due_date": step.due_date})
    if request.method == "POST":
        done = _attempt(form, lambda data: services.step_update(step=step, by=request.user, **data))
        if done is not None:
            messages.success(request, _("Το βήμα ενημερώθηκε."))
            return redirect("casework:case-detail", pk=step.goal.plan.case_id)
    return render(request, "casework/step_form.html", {"form": form, "step": step, "title": _("Αλλαγή βήματος")})


# --- Notes ------------------------------------------------------------------------------------

@staff_perm("casework.view_contactnote")
def note_list_view(request, person_pk):
    person = get_object_or_404(Person, pk=person_pk)
    return render(request, "casework/note_list.html", {
        "person": person, "notes": selectors.note_list(user=request.user).filter(person=person),
        "title": _("Σημειώσεις"),
    })


@staff_perm("casework.add_contactnote")
def note_create_view(request, person_pk):
    person = get_object_or_404(Person, pk=person_pk)
    form = NoteForm(request.POST or None, person=person)
    if request.method == "POST":
        note = _attempt(form, lambda data: services.note_add(person=person, by=request.user, **data))
        if note is not None:
            messages.success(request, _("Η σημείωση αποθηκεύτηκε."))
            return redirect("casework:note-detail", pk=note.pk)
    return render(request, "casework/note_form.html", {"form": form, "person": person, "title": _("Νέα σημείωση")})


def _visible_note(request, pk):
    """The note if this user may read it; 404 otherwise (as if it did not exist)."""
    return get_object_or_404(selectors.note_list(user=request.user), pk=pk)


@staff_perm("casework.view_contactnote")
@transaction.atomic
def note_detail_view(request, pk):
    note = _visible_note(request, pk)
    access_record(user=request.user, person=note.person, obj=note, channel=AccessLog.Channel.UI)
    return render(request, "casework/note_detail.html", {
        "note": note, "can_edit": services.can_edit_note(note=note, user=request.user),
        "title": note.get_kind_display(),
    })


@staff_perm("casework.change_contactnote")
def note_edit_view(request, pk):
    note = _visible_note(request, pk)
    if not services.can_edit_note(note=note, user=request.user):
        raise PermissionDenied
    initial = {field: getattr(note, field) for field in ("kind", "occurred_at", "duration_minutes", "text",
                                                         "sensitive")}
    form = NoteForm(request.POST or None, person=note.person, initial={**initial, "case": note.case_id})
    if request.method == "POST":
        done = _attempt(form, lambda data: services.note_update(note=note, by=request.user, **data))
        if done is not None:
            messages.success(request, _("Η σημείωση αποθηκεύτηκε."))
            return redirect("casework:note-detail", pk=note.pk)
    return render(request, "casework/note_form.html", {
        "form": form, "person": note.person, "note": note, "title": _("Αλλαγή σημείωσης"),
    })


urlpatterns = [
    path("reception/", reception_view, name="reception"),
    path("cases/", case_list_view, name="case-list"),
    path("cases/caseload/", caseload_view, name="caseload"),
    path("people/<uuid:person_pk>/cases/new/", case_create_view, name="case-create"),
    path("cases/<uuid:pk>/", case_detail_view, name="case-detail"),
    path("cases/<uuid:pk>/hold/", case_hold_view, name="case-hold"),
    path("cases/<uuid:pk>/reopen/", case_reopen_view, name="case-reopen"),
    path("cases/<uuid:pk>/close/", case_close_view, name="case-close"),
    path("cases/<uuid:pk>/reassign/", case_reassign_view, name="case-reassign"),
    path("cases/<uuid:pk>/edit/", case_update_view, name="case-update"),
    path("cases/<uuid:pk>/plan/", plan_edit_view, name="plan-edit"),
    path("cases/<uuid:pk>/goals/", goal_add_view, name="goal-add"),
    path("pathway-goals/<uuid:pk>/steps/", step_add_view, name="step-add"),
    path("pathway-steps/<uuid:pk>/", step_action_view, name="step-action"),
    path("pathway-steps/<uuid:pk>/edit/", step_edit_view, name="step-edit"),
    path("people/<uuid:person_pk>/notes/", note_list_view, name="note-list"),
    path("people/<uuid:person_pk>/notes/new/", note_create_view, name="note-create"),
    path("notes/<uuid:pk>/", note_detail_view, name="note-detail"),
    path("notes/<uuid:pk>/edit/", note_edit_view, name="note-edit"),
]
