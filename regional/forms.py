"""The period and unit filters of the region console (and the centre's own indicators page)."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import RegionalUnit
from .periods import Period, last_months, month_of, period_parse

MAX_RANGE_MONTHS = 36


@dataclass(frozen=True)
class Selection:
    periods: list[Period]  # one period, or the months of a custom range
    unit: RegionalUnit | None
    is_range: bool

    @property
    def period(self) -> Period:
        return self.periods[-1]

    @property
    def label(self) -> str:
        if self.is_range:
            return f"{self.periods[0].code} – {self.periods[-1].code}"
        return self.period.code

    @property
    def trend_months(self) -> list[Period]:
        """The 12 months ending with the selection's last month."""
        return last_months(today=self.period.end, count=12)


def default_period() -> Period:
    """The last complete month."""
    return month_of(timezone.localdate().replace(day=1) - datetime.timedelta(days=1))


class PeriodFilterForm(forms.Form):
    period = forms.CharField(label=gettext_lazy("Περίοδος"), required=False,
                             help_text=gettext_lazy("Μήνας 2026-03, τρίμηνο 2026-Q1 ή έτος 2026."))
    date_from = forms.CharField(label=gettext_lazy("Από μήνα"), required=False,
                                widget=forms.TextInput(attrs={"type": "month"}))
    date_to = forms.CharField(label=gettext_lazy("Έως μήνα"), required=False,
                              widget=forms.TextInput(attrs={"type": "month"}))
    unit = forms.ChoiceField(label=gettext_lazy("Περιφερειακή ενότητα"), required=False)

    def __init__(self, data=None, *, region=None):
        super().__init__(data)
        self.units = {unit.slug: unit for unit in RegionalUnit.objects.filter(region=region)} if region else {}
        self.fields["unit"].choices = [("", _("Όλη η περιφέρεια")),
                                       *((slug, unit.name) for slug, unit in self.units.items())]
        if region is None:
            del self.fields["unit"]

    def _parse(self, name: str, *, months_only: bool = False) -> Period | None:
        code = (self.cleaned_data.get(name) or "").strip()
        if not code:
            return None
        try:
            period = period_parse(code)
        except ValueError:
            self.add_error(name, _("Άγνωστη περίοδος «%(code)s»: μήνας 2026-03, τρίμηνο 2026-Q1 ή έτος 2026.")
                           % {"code": code})
            return None
        if months_only and period.kind != "month":
            self.add_error(name, _("Δώστε μήνα (ΕΕΕΕ-ΜΜ)."))
            return None
        if period.is_future():
            self.add_error(name, _("Η περίοδος %(code)s δεν έχει αρχίσει ακόμη.") % {"code": code})
            return None
        return period

    def clean(self):
        data = super().clean()
        self._selected = None
        period = self._parse("period")
        start, end = self._parse("date_from", months_only=True), self._parse("date_to", months_only=True)
        unit = self.units.get(data.get("unit") or "")
        if start or end:
            start, end = start or end, end or start
            if start.start > end.start:
                self.add_error("date_to", _("Ο τελικός μήνας είναι πριν από τον αρχικό."))
            else:
                months = [m for m in last_months(today=end.start, count=MAX_RANGE_MONTHS) if m.start >= start.start]
                self._selected = Selection(months, unit, True)
        elif period:
            self._selected = Selection([period], unit, False)
        else:
            self._selected = Selection([default_period()], unit, False)
        return data

    def selection(self) -> Selection:
        """The chosen periods; the last complete month when nothing (valid) is chosen."""
        if self.is_bound and self.is_valid() and self._selected:
            return self._selected
        return Selection([default_period()], None, False)
