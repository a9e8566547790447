"""Every write of reports: one generated on demand for a period, the monthly report (one per
month: a month that already has a ready report is left as it is) and its e-mail to the
coordinators."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core import labels
from platform_core.accounts.models import User
from platform_core.accounts.roles import Role

from .models import Report
from .registry import report_sections
from .render import ReportHeading, report_pdf, report_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def month_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of ``day``'s month."""
    first = day.replace(day=1)
    next_first = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, next_first - datetime.timedelta(days=1)


def previous_month(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    return month_of(day.replace(day=1) - datetime.timedelta(days=1))


def _one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def report_period_validate(*, date_from: datetime.date, date_to: datetime.date) -> None:
    """A period ends today at the latest, starts on or before its end and spans at most a year."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if date_from > today:
        errors["date_from"] = [_("Η περίοδος δεν μπορεί να αρχίζει στο μέλλον.")]
    if date_to > today:
        errors["date_to"] = [_("Η περίοδος δεν μπορεί να τελειώνει στο μέλλον.")]
    elif date_from > date_to:
        errors["date_to"] = [_("Η λήξη πρέπει να είναι ίδια ή μεταγενέστερη της έναρξης.")]
    elif date_to >= _one_year_after(date_from):
        errors["date_to"] = [_("Η περίοδος δεν μπορεί να ξεπερνά το ένα έτος.")]
    if errors:
        raise ValidationError(errors)


def _heading(report: Report) -> ReportHeading:
    from tenants.models import Centre

    centre = Centre.objects.get(schema_name=connection.schema_name)
    kind = _("Μηνιαία αναφορά") if report.kind == Report.Kind.MONTHLY else _("Αναφορά δραστηριότητας")
    if report.site_id:
        kind = _("%(kind)s της δομής «%(site)s»") % {"kind": kind, "site": report.site.name}
    period = _("Περίοδος: %(start)s – %(end)s") % {
        "start": labels.day(report.period_start),
        "end": labels.day(report.period_end),
    }
    generated = _("Δημιουργήθηκε: %(at)s") % {
        "at": labels.moment(report.generated_at)}
    return ReportHeading(title=f"{kind} — {centre.name}", period=period, generated=generated)


def _render_files(report: Report) -> None:
    """Computes the sections and stores both files on ``report`` (saved by the caller)."""
    sections = report_sections(date_from=report.period_start, date_to=report.period_end, site=report.site)
    heading = _heading(report)
    report.xlsx_file.save(report.file_name("xlsx"), ContentFile(report_xlsx(heading=heading, sections=sections)),
                          save=False)
    report.pdf_file.save(report.file_name("pdf"), ContentFile(report_pdf(heading=heading, sections=sections)),
                         save=False)


@transaction.atomic
def report_generate(*, date_from: datetime.date, date_to: datetime.date, by: User | None, site=None) -> Report:
    """A report for any period, on demand: of the whole centre, or of one ``site`` (the sections
    whose records carry a site)."""
    report_period_validate(date_from=date_from, date_to=date_to)
    report = Report(kind=Report.Kind.ON_DEMAND, period_start=date_from, period_end=date_to, site=site,
                    status=Report.Status.READY, generated_at=timezone.now(), generated_by=by)
    _render_files(report)
    report.full_clean()
    report.save()
    return report


def monthly_report_ensure(*, month: datetime.date) -> Report:
    """The monthly report of ``month``'s month: created, or regenerated in place when the last
    attempt failed; a ready one is returned untouched (it may already have been e-mailed). A
    failure is recorded on the row (visible in the list) and raised again for the job."""
    period_start, period_end = month_of(month)
    try:
        with transaction.atomic():
            report = (Report.objects.select_for_update()
                      .filter(kind=Report.Kind.MONTHLY, period_start=period_start, period_end=period_end).first())
            if report is not None and report.is_ready:
                return report
            report = report or Report(kind=Report.Kind.MONTHLY, period_start=period_start, period_end=period_end)
            report.status, report.error, report.generated_at = Report.Status.READY, "", timezone.now()
            _render_files(report)
            report.full_clean()
            report.save()
            return report
    except Exception as exc:
        _monthly_report_mark_failed(period_start=period_start, period_end=period_end, error=exc)
        raise


@transaction.atomic
def _monthly_report_mark_failed(*, period_start: datetime.date, period_end: datetime.date, error: Exception) -> None:
    defaults = {"status": Report.Status.FAILED, "generated_at": timezone.now(), "error": type(error).__name__[:200]}
    existing = Report.objects.select_for_update().filter(kind=Report.Kind.MONTHLY, period_start=period_start,
                                                        period_end=period_end).first()
    if existing is None:
        Report.objects.create(kind=Report.Kind.MONTHLY, period_start=period_start, period_end=period_end, **defaults)
    elif not existing.is_ready:
        for name, value in defaults.items():
            setattr(existing, name, value)
        existing.save(update_fields=list(defaults))


def report_recipients() -> list[str]:
    """The e-mail addresses of the centre's active coordinators."""
    return list(User.objects.filter(is_active=True, groups__name=Role.COORDINATOR.value).exclude(email="")
                .order_by("email").values_list("email", flat=True).distinct())


@transaction.atomic
def report_email_coordinators(*, report: Report) -> int:
    """E-mails the report's two files to the active coordinators, once; returns how many got it."""
    from tenants.models import Centre
    from tenants.services import centre_url

    report = Report.objects.select_for_update().get(pk=report.pk)
    recipients = report_recipients()
    if report.emailed_at is not None or not report.is_ready or not recipients:
        return 0
    centre = Centre.objects.get(schema_name=connection.schema_name)
    context = {"report": report, "centre": centre,
               "url": centre_url(centre).rstrip("/") + reverse("notifications:report-list")}
    message = EmailMessage(
        subject=render_to_string("notifications/email/report_subject.txt", context).strip(),
        body=render_to_string("notifications/email/report_body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=recipients,
    )
    for field, extension, content_type in ((report.xlsx_file, "xlsx", XLSX_TYPE),
                                           (report.pdf_file, "pdf", "application/pdf")):
        with field.open("rb") as file:
            message.attach(report.file_name(extension), file.read(), content_type)
    message.send()
    report.emailed_at = timezone.now()
    report.save(update_fields=["emailed_at"])
    return len(recipients)


def monthly_report_send(*, month: datetime.date) -> Report:
    """The monthly job's work in one centre: the month's report, e-mailed if not yet."""
    report = monthly_report_ensure(month=month)
    report_email_coordinators(report=report)
    report.refresh_from_db()
    return report
