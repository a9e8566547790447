"""The stored centre report (centre schema): its period, how it came about and its two files."""

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from platform_core.labels import day
from platform_core.models import UUIDModel


def report_file_path(report: "Report", filename: str) -> str:
    """Per centre: ``centres/<schema>/reports/<year>/<file>``, never served as public media."""
    return f"centres/{connection.schema_name}/reports/{report.period_start:%Y}/{filename}"


class Report(UUIDModel):
    """A report of the centre for a period. One monthly report per month (the job's), any number
    generated on demand."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Μηνιαία")
        ON_DEMAND = "on_demand", _("Κατ' απαίτηση")

    class Status(models.TextChoices):
        READY = "ready", _("Έτοιμη")
        FAILED = "failed", _("Απέτυχε")

    kind = models.CharField(_("είδος"), max_length=10, choices=Kind.choices)
    period_start = models.DateField(_("από"))
    period_end = models.DateField(_("έως"))
    status = models.CharField(_("κατάσταση"), max_length=8, choices=Status.choices)
    generated_at = models.DateTimeField(_("δημιουργήθηκε"))
    # Null for the scheduled job.
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("από"))
    xlsx_file = models.FileField(upload_to=report_file_path, max_length=200, blank=True)
    pdf_file = models.FileField(upload_to=report_file_path, max_length=200, blank=True)
    emailed_at = models.DateTimeField(_("στάλθηκε"), null=True, blank=True)
    # Empty: the whole centre (always so for the monthly report).
    site = models.ForeignKey("casework.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("δομή"))
    error = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["-period_start", "-generated_at"]
        verbose_name = _("αναφορά")
        verbose_name_plural = _("αναφορές")
        constraints = [
            models.UniqueConstraint(fields=["period_start", "period_end"], condition=models.Q(kind="monthly"),
                                    name="report_one_monthly_per_period"),
            models.CheckConstraint(condition=models.Q(period_start__lte=models.F("period_end")),
                                   name="report_period_ordered"),
            models.CheckConstraint(condition=~models.Q(kind="monthly") | models.Q(site__isnull=True),
                                   name="report_monthly_is_for_the_whole_centre"),
        ]

    def __str__(self) -> str:
        return f"{day(self.period_start)}–{day(self.period_end)}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    def file_name(self, extension: str) -> str:
        """The download's name: the period, no personal data."""
        site = f"-domi-{str(self.site_id)[:8]}" if self.site_id else ""
        return f"anafora-{self.period_start:%Y-%m-%d}-{self.period_end:%Y-%m-%d}{site}.{extension}"

