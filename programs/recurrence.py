"""Occurrences of a recurrence rule (RFC 5545 RRULE, read by python-dateutil) on the centre's wall
clock, without Greek public holidays (the ``holidays`` package, moveable Orthodox feasts included:
Καθαρά Δευτέρα, Μεγάλη Παρασκευή, Easter Monday, Αγίου Πνεύματος) and the centre's closure days."""

import datetime
from dataclasses import dataclass

import holidays
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

# A rule without an end stops at the programme's last day; this caps a mistyped rule.
MAX_OCCURRENCES = 800


@dataclass(frozen=True)
class Skipped:
    day: datetime.date
    reason: str


def public_holidays(years) -> dict[datetime.date, str]:
    """Greece's public holidays of ``years``, named in Greek."""
    return dict(holidays.country_holidays("GR", years=list(years), language="el"))


def closure_days(*, date_from: datetime.date, date_to: datetime.date, site=None) -> dict[datetime.date, str]:
    from programs.models import ClosureDay

    days = ClosureDay.objects.filter(day__range=(date_from, date_to))
    days = days.filter(Q(site__isnull=True) | Q(site=site)) if site is not None else days.filter(site__isnull=True)
    return {closure.day: closure.reason or _("Κλειστό") for closure in days}


def _rule(rule: str, dtstart: datetime.datetime, until: datetime.datetime):
    text = rule.strip()
    if not text:
        raise ValidationError({"rule": _("Γράψτε τον κανόνα επανάληψης.")})
    if not text.upper().startswith(("RRULE:", "FREQ=")):
        raise ValidationError({"rule": _("Ο κανόνας πρέπει να είναι RRULE, π.χ. FREQ=WEEKLY;BYDAY=TU,TH.")})
    try:
        parsed = rrulestr(text, dtstart=dtstart, ignoretz=True)
    except (ValueError, TypeError) as exc:
        raise ValidationError({"rule": _("Μη έγκυρος κανόνας επανάληψης: %(error)s") % {"error": exc}}) from None
    if getattr(parsed, "_until", None) is None and getattr(parsed, "_count", None) is None:
        parsed = parsed.replace(until=until)
    return parsed


def occurrences(*, rule: str, first_starts_at: datetime.datetime, last_day: datetime.date,
                site=None) -> tuple[list[datetime.datetime], list[Skipped]]:
    """The aware start times the rule gives from ``first_starts_at`` (up to ``last_day`` when the
    rule has no end of its own), and the days skipped as holidays or closures."""
    local_start = timezone.localtime(first_starts_at).replace(tzinfo=None)
    until = datetime.datetime.combine(last_day, datetime.time.max)
    starts: list[datetime.datetime] = []
    for moment in _rule(rule, local_start, until):
        starts.append(moment)
        if len(starts) > MAX_OCCURRENCES:
            raise ValidationError({"rule": _("Ο κανόνας δίνει πάνω από %(max)d συναντήσεις.")
                                   % {"max": MAX_OCCURRENCES}})
    if not starts:
        return [], []
    days = {moment.date() for moment in starts}
    closed = public_holidays(range(min(days).year, max(days).year + 1))
    closed |= closure_days(date_from=min(days), date_to=max(days), site=site)
    kept, skipped = [], []
    for moment in starts:
        if moment.date() in closed:
            skipped.append(Skipped(moment.date(), closed[moment.date()]))
        else:
            kept.append(timezone.make_aware(moment))
    return kept, skipped
