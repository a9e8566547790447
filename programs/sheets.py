"""The printable sign-in sheet of a session (παρουσιολόγιο): programme, date, place, facilitator,
then one row per participant with an empty signature column, as ESF audits ask for."""

from django.db import connection
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from platform_core.pdf import PdfDocument
from programs.models import Session
from programs.services.attendance import register_enrolments


def attendance_sheet_pdf(*, session: Session, user) -> bytes:
    programme = session.programme
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    centre = getattr(connection, "tenant", None)
    document = PdfDocument(title=_("Παρουσιολόγιο"), subtitle=programme.title,
                           footer=getattr(centre, "name", "") or "")
    place = session.site.name + (f" · {session.room.name}" if session.room else "")
    facilitator = session.facilitator.get_full_name() if session.facilitator else "—"
    document.fields([
        (_("Πρόγραμμα"), f"{programme.title} ({programme.get_kind_display()})"),
        (_("Ημερομηνία"), formats.date_format(start, "DATE_FORMAT")),
        (_("Ώρα"), f"{start:%H:%M}–{end:%H:%M}"),
        (_("Τόπος"), place),
        (_("Εμψυχωτής/τρια"), facilitator),
        (_("Θέμα"), session.topic or "—"),
    ])
    rows = [[index, f"{enrolment.person.last_name} {enrolment.person.first_name}", ""]
            for index, enrolment in enumerate(register_enrolments(session), start=1)]
    document.table([_("α/α"), _("Ονοματεπώνυμο"), _("Υπογραφή")], rows, col_widths=(1, 7, 6))
    document.paragraph(_("Υπογραφή εμψυχωτή/τριας: ______________________"))
    return document.output()
