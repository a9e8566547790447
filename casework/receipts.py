"""The printable receipt of aid (απόδειξη παραλαβής): one page per household and round with what
was handed over and a line for the signature of whoever collected it, kept with the round's
papers; the same PDF helpers and fonts as the programmes' sign-in sheet."""

from django.db import connection
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from casework.models import AidReceipt
from platform_core.pdf import PdfDocument

SIGNATURE_LINE = "______________________________"


def aid_receipt_pdf(*, receipt: AidReceipt) -> bytes:
    aid_round = receipt.round
    centre = getattr(connection, "tenant", None)
    document = PdfDocument(title=_("Απόδειξη παραλαβής"),
                           subtitle=f"{aid_round.get_kind_display()} · {aid_round.title}",
                           footer=getattr(centre, "name", "") or "")
    received_at = timezone.localtime(receipt.received_at)
    document.fields([
        (_("Διανομή"), f"{aid_round.title} ({formats.date_format(aid_round.distributed_on, 'DATE_FORMAT')})"),
        (_("Νοικοκυριό"), str(receipt.household)),
        (_("Παραλαβή"), formats.date_format(received_at, "DATETIME_FORMAT")),
        (_("Είδη και ποσότητες"), receipt.items or aid_round.items or "—"),
        (_("Καταχώρισε"), receipt.recorded_by.get_full_name() or receipt.recorded_by.email),
    ])
    document.paragraph(_("Βεβαιώνω ότι παρέλαβα τα παραπάνω είδη για το νοικοκυριό μου."))
    document.paragraph(_("Ονοματεπώνυμο παραλαβόντος/ούσας: %(name)s") % {
        "name": str(receipt.received_by) if receipt.received_by else SIGNATURE_LINE})
    document.paragraph(_("Υπογραφή παραλαβόντος/ούσας: %(line)s") % {"line": SIGNATURE_LINE})
    document.paragraph(_("Για το Κέντρο Κοινότητας: %(line)s") % {"line": SIGNATURE_LINE})
    return document.output()
