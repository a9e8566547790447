"""Staff pages: programmes (list, create, edit, detail with sessions, enrolments and waitlist),
enrolment and withdrawal."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.models import Person
from casework.services.access import access_record_many, logged_read
from platform_core import labels
from platform_core.confirm import confirmation_page, is_confirmed
from platform_core.forms import uuid_param
from programs import selectors
from programs.forms import EnrolForm, FinishForm, ProgrammeFilterForm, ProgrammeForm, ReasonForm, SessionAddForm
from programs.models import Enrolment, Programme
from programs.services import enrolments as enrolment_services
from programs.services import programmes as services
from programs.services import sessions as session_services

from ._base import attempt, staff_perm

PAGE_SIZE = 30


@staff_perm("programs.view_programme")
def programme_list_view(request):
    form = ProgrammeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    programmes = selectors.programme_list(site=filters.get("site"), kind=filters.get("kind", ""),
                                          status=filters.get("status", ""))
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "programs/programme_list.html", {"form": form, "page": page, "title": _("Προγράμματα")})


def _programme_form_page(request, form, *, programme=None, status=200):
    title = _("Επεξεργασία προγράμματος") if programme else _("Νέο πρόγραμμα")
    return render(request, "programs/programme_form.html", {"form": form, "programme": programme, "title": title},
                  status=status)


@staff_perm("programs.add_programme")
def programme_create_view(request):
    form = ProgrammeForm(request.POST or None, initial={"status": Programme.Status.OPEN, "capacity": 15})
    if request.method == "POST":
        programme = attempt(form, lambda data: services.programme_create(by=request.user, **data))
        if programme is not None:
            messages.success(request, _("Το πρόγραμμα δημιουργήθηκε."))
            return redirect("programs:programme-detail", pk=programme.pk)
        return _programme_form_page(request, form, status=400)
    return _programme_form_page(request, form)


@staff_perm("programs.change_programme")
def programme_edit_view(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    initial = {field: getattr(programme, field) for field in
               ("title", "kind", "description", "site", "room", "target_group", "age_min", "age_max", "capacity",
                "starts_on", "ends_on", "access", "status")}
    initial["facilitators"] = list(programme.facilitators.all())
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST":
        updated = attempt(form, lambda data: services.programme_update(programme=programme, by=request.user, **data))
        if updated is not None:
            messages.success(request, _("Οι αλλαγές αποθηκεύτηκαν."))
            return redirect("programs:programme-detail", pk=programme.pk)
        return _programme_form_page(request, form, programme=programme, status=400)
    return _programme_form_page(request, form, programme=programme)


def _detail_page(request, programme, *, session_form=None, enrol_form=None, status=200):
    enrolments = list(selectors.enrolment_list(programme=programme).filter(status__in=[
        Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED, Enrolment.Status.COMPLETED,
        Enrolment.Status.DROPPED_OUT]))
    # The page names the participants: each read is logged, in one statement.
    access_record_many(user=request.user, objects=enrolments)
    rates = selectors.attendance_rates(programme=programme)
    for enrolment in enrolments:
        enrolment.rate = rates["by_enrolment"].get(enrolment.pk)
    now = timezone.now()
    sessions = selectors.session_list(programme=programme)
    return render(request, "programs/programme_detail.html", {
        "programme": programme, "title": programme.title, "rates": rates,
        "enrolled": [e for e in enrolments if e.status == Enrolment.Status.ENROLLED],
        "waitlist": [e for e in enrolments if e.status == Enrolment.Status.WAITLISTED],
        "finished": [e for e in enrolments if e.status in (Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED_OUT)],
        "upcoming": sessions.filter(starts_at__gte=now)[:12], "past": sessions.filter(starts_at__lt=now).reverse()[:12],
        "session_count": sessions.count(),
        "session_form": session_form or (SessionAddForm() if request.user.has_perm("programs.add_session") else None),
        "enrol_form": enrol_form or (EnrolForm() if request.user.has_perm("programs.add_enrolment") else None),
        "reason_form": ReasonForm(), "finish_form": FinishForm(),
    }, status=status)


@staff_perm("programs.view_programme")
@logged_read
def programme_detail_view(request, pk):
    programme = get_object_or_404(selectors.programme_list().prefetch_related("facilitators"), pk=pk)
    return _detail_page(request, programme)


@staff_perm("programs.add_session")
@require_POST
@logged_read
def session_add_view(request, pk):
    programme = get_object_or_404(selectors.programme_list(), pk=pk)
    form = SessionAddForm(request.POST)

    def add(data):
        common = {"facilitator": data["facilitator"], "room": data["room"], "topic": data["topic"]}
        if data["rule"]:
            return session_services.sessions_schedule(programme=programme, by=request.user, rule=data["rule"],
                                                      first_starts_at=data["starts_at"],
                                                      duration_minutes=data["duration_minutes"], **common)
        return [session_services.session_add(programme=programme, by=request.user, starts_at=data["starts_at"],
                                             ends_at=data["ends_at"], **common)], []

    result = attempt(form, add)
    if result is None:
        return _detail_page(request, programme, session_form=form, status=400)
    sessions, skipped = result
    messages.success(request, _("Προστέθηκαν %(n)d συναντήσεις.") % {"n": len(sessions)})
    if skipped:
        messages.info(request, _("Παραλείφθηκαν: %(days)s.") % {
            "days": ", ".join(f"{labels.day(item.day)} ({item.reason})" for item in skipped)})
    return redirect("programs:programme-detail", pk=programme.pk)


@staff_perm("programs.add_enrolment")
@logged_read
def enrol_view(request, pk):
    programme = get_object_or_404(selectors.programme_list(), pk=pk)
    person_id = uuid_param(request, "person")
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    if request.method != "POST":
        return render(request, "programs/enrol_form.html", {
            "programme": programme, "form": EnrolForm(person=person), "title": _("Εγγραφή στο πρόγραμμα")})
    form = EnrolForm(request.POST, person=person)
    enrolment = attempt(form, lambda data: enrolment_services.enrolment_create(
        programme=programme, by=request.user, person=data["person"], guardian=data["guardian"]))
    if enrolment is None:
        return _detail_page(request, programme, enrol_form=form, status=400)
    if enrolment.status == Enrolment.Status.ENROLLED:
        messages.success(request, _("Η εγγραφή έγινε."))
    else:
        messages.info(request, _("Οι θέσεις είναι πλήρεις: ο/η ωφελούμενος/η μπήκε στη λίστα αναμονής."))
    return redirect("programs:programme-detail", pk=programme.pk)


def _withdrawal_consequences(enrolment: Enrolment) -> list[str]:
    names = {"person": enrolment.person, "programme": enrolment.programme.title}
    if enrolment.status == Enrolment.Status.WAITLISTED:
        return [_("Ο/Η %(person)s βγαίνει από τη λίστα αναμονής του «%(programme)s».") % names]
    waiting = selectors.waitlist_of(enrolment.programme).first()
    return [
        _("Ο/Η %(person)s αποσύρεται από το «%(programme)s»· το ιστορικό παρουσιών του/της μένει.") % names,
        _("Τη θέση παίρνει ο/η %(next)s, πρώτος/η στη λίστα αναμονής.") % {"next": waiting.person} if waiting
        else _("Η θέση μένει ελεύθερη: η λίστα αναμονής είναι κενή."),
    ]


@staff_perm("programs.change_enrolment")
@require_POST
def enrolment_withdraw_view(request, pk):
    enrolment = get_object_or_404(Enrolment.objects.select_related("person", "programme"), pk=pk)
    form = ReasonForm(request.POST)
    if enrolment.status in Enrolment.ACTIVE and not is_confirmed(request) and form.is_valid():
        return confirmation_page(request, title=_("Απόσυρση εγγραφής"), consequences=_withdrawal_consequences(
            enrolment), submit=_("Απόσυρση εγγραφής"),
            cancel_url=reverse("programs:programme-detail", kwargs={"pk": enrolment.programme_id}))
    done = attempt(form, lambda data: enrolment_services.enrolment_withdraw(enrolment=enrolment, by=request.user,
                                                                            reason=data["reason"]))
    if done is None:
        messages.error(request, _("Γράψτε τον λόγο της αποχώρησης."))
    else:
        messages.success(request, _("Η εγγραφή αποσύρθηκε."))
    return redirect("programs:programme-detail", pk=enrolment.programme_id)


@staff_perm("programs.change_enrolment")
@require_POST
def enrolment_finish_view(request, pk):
    enrolment = get_object_or_404(Enrolment, pk=pk)
    form = FinishForm(request.POST)
    done = attempt(form, lambda data: enrolment_services.enrolment_finish(enrolment=enrolment, by=request.user,
                                                                          **data))
    if done is None:
        messages.error(request, "; ".join(str(m) for errors in form.errors.values() for m in errors))
    else:
        messages.success(request, _("Η εγγραφή ενημερώθηκε."))
    return redirect("programs:programme-detail", pk=enrolment.programme_id)


urlpatterns = [
    path("programmes/", programme_list_view, name="programme-list"),
    path("programmes/new/", programme_create_view, name="programme-create"),
    path("programmes/<uuid:pk>/", programme_detail_view, name="programme-detail"),
    path("programmes/<uuid:pk>/edit/", programme_edit_view, name="programme-edit"),
    path("programmes/<uuid:pk>/sessions/", session_add_view, name="session-add"),
    path("programmes/<uuid:pk>/enrol/", enrol_view, name="enrol"),
    path("enrolments/<uuid:pk>/withdraw/", enrolment_withdraw_view, name="enrolment-withdraw"),
    path("enrolments/<uuid:pk>/finish/", enrolment_finish_view, name="enrolment-finish"),
]
