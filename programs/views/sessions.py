"""Staff pages: a session's register (filled on a tablet: "all present", then the exceptions),
its sign-in sheet (PDF) and signed scan, moving and cancelling it."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.services.access import access_record_many, logged_read
from platform_core import labels
from platform_core.downloads import private
from programs import selectors
from programs.api.sessions import signed_sheet_response
from programs.forms import MARK_CHOICES, SessionMoveForm, SignedSheetForm
from programs.models import Session
from programs.services import attendance as attendance_services
from programs.services import sessions as services
from programs.sheets import attendance_sheet_pdf

from ._base import attempt, staff_perm


def _session(pk) -> Session:
    return get_object_or_404(selectors.session_list(), pk=pk)


def _page(request, session, *, move_form=None, upload_form=None, errors=None, status=200):
    register = selectors.register_of(session)
    access_record_many(user=request.user, objects=[row["enrolment"] for row in register])
    local = timezone.localtime
    return render(request, "programs/session_detail.html", {
        "session": session, "register": register, "marks": MARK_CHOICES, "errors": errors or [],
        "title": f"{session.programme.title} · {labels.day(local(session.starts_at))}",
        "can_mark": request.user.has_perm("programs.add_attendance") and session.status == Session.Status.SCHEDULED
        and local(session.starts_at).date() <= timezone.localdate(),
        "move_form": move_form or SessionMoveForm(initial={
            "starts_at": local(session.starts_at), "ends_at": local(session.ends_at),
            "facilitator": session.facilitator_id, "room": session.room_id}),
        "upload_form": upload_form or SignedSheetForm(),
    }, status=status)


@staff_perm("programs.view_session")
@require_GET
@logged_read
def session_detail_view(request, pk):
    return _page(request, _session(pk))


@staff_perm("programs.add_attendance")
@require_POST
@logged_read
def attendance_mark_view(request, pk):
    """The register's form: ``all_present`` (a button) and ``mark-<person id>`` radios."""
    session = _session(pk)
    marks = {key.removeprefix("mark-"): value for key, value in request.POST.items()
             if key.startswith("mark-") and value}
    from django.core.exceptions import ValidationError

    try:
        attendance_services.attendance_record(session=session, by=request.user, marks=marks,
                                              all_present="all_present" in request.POST)
    except ValidationError as exc:
        return _page(request, session, errors=[m for messages_ in exc.message_dict.values() for m in messages_],
                     status=400)
    messages.success(request, _("Οι παρουσίες αποθηκεύτηκαν."))
    return redirect("programs:session-detail", pk=session.pk)


@staff_perm("programs.view_attendance")
@require_GET
@logged_read
def sheet_view(request, pk):
    session = _session(pk)
    access_record_many(user=request.user, objects=[row["enrolment"] for row in selectors.register_of(session)])
    return private(HttpResponse(attendance_sheet_pdf(session=session, user=request.user),
                                content_type="application/pdf"), f"attendance-{session.pk}.pdf")


@staff_perm("programs.add_attendance")
@require_POST
@logged_read
def signed_sheet_upload_view(request, pk):
    session = _session(pk)
    form = SignedSheetForm(request.POST, request.FILES)
    done = attempt(form, lambda data: attendance_services.signed_sheet_upload(session=session, upload=data["file"],
                                                                              by=request.user))
    if done is None:
        return _page(request, session, upload_form=form, status=400)
    messages.success(request, _("Η σάρωση του παρουσιολογίου αποθηκεύτηκε."))
    return redirect("programs:session-detail", pk=session.pk)


@staff_perm("programs.view_attendance")
@require_GET
def signed_sheet_download_view(request, pk):
    return signed_sheet_response(_session(pk))


@staff_perm("programs.change_session")
@require_POST
@logged_read
def session_move_view(request, pk):
    session = _session(pk)
    form = SessionMoveForm(request.POST)
    moved = attempt(form, lambda data: services.session_move(session=session, by=request.user, **data))
    if moved is None:
        return _page(request, session, move_form=form, status=400)
    messages.success(request, _("Η συνάντηση μετακινήθηκε· οι υπενθυμίσεις ενημερώθηκαν."))
    return redirect("programs:session-detail", pk=session.pk)


@staff_perm("programs.change_session")
@require_POST
def session_cancel_view(request, pk):
    from django.core.exceptions import ValidationError

    session = _session(pk)
    try:
        services.session_cancel(session=session, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Η συνάντηση ακυρώθηκε· οι υπενθυμίσεις ακυρώθηκαν."))
    return redirect("programs:session-detail", pk=session.pk)


urlpatterns = [
    path("sessions/<uuid:pk>/", session_detail_view, name="session-detail"),
    path("sessions/<uuid:pk>/attendance/", attendance_mark_view, name="session-attendance"),
    path("sessions/<uuid:pk>/sheet.pdf", sheet_view, name="session-sheet"),
    path("sessions/<uuid:pk>/signed-sheet/", signed_sheet_upload_view, name="session-signed-sheet-upload"),
    path("sessions/<uuid:pk>/signed-sheet/download/", signed_sheet_download_view, name="session-signed-sheet"),
    path("sessions/<uuid:pk>/move/", session_move_view, name="session-move"),
    path("sessions/<uuid:pk>/cancel/", session_cancel_view, name="session-cancel"),
]
