"""Reception contacts, cases (φάκελοι) with their status history, pathway plans and notes."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from platform_core import bounds
from platform_core.labels import day, moment
from platform_core.models import TimeStampedModel, UUIDModel

from .people import Household, Person


class Topic(models.TextChoices):
    """What a reception contact was about (the Platanias centre's information areas)."""

    BENEFITS = "benefits", _("Επιδόματα και παροχές")
    UNEMPLOYMENT = "unemployment", _("Ανεργία και απασχόληση")
    FOREIGNERS = "foreigners", _("Θέματα αλλοδαπών")
    PENSIONS = "pensions", _("Συντάξεις και ασφάλιση")
    SOCIAL = "social", _("Κοινωνικά θέματα")
    CREATIVE = "creative", _("Δημιουργική απασχόληση")
    OTHER = "other", _("Άλλο")


class ReceptionContact(TimeStampedModel):
    """A walk-in, call or message at reception, with or without a registered person."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("Αυτοπροσώπως")
        PHONE = "phone", _("Τηλεφωνικά")
        EMAIL = "email", _("Ηλεκτρονικά")
        OUTREACH = "outreach", _("Κινητή μονάδα / επίσκεψη")

    class Outcome(models.TextChoices):
        INFORMED = "informed", _("Ενημερώθηκε")
        SUPPORTED = "supported", _("Υποστηρίχθηκε (π.χ. αίτηση)")
        CASE_OPENED = "case_opened", _("Άνοιξε φάκελος")
        REFERRED = "referred", _("Παραπέμφθηκε")
        APPOINTMENT = "appointment", _("Ορίστηκε ραντεβού")
        OTHER = "other", _("Άλλο")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts",
                               verbose_name=_("ωφελούμενος/η"))
    visitor_name = models.CharField(_("όνομα επισκέπτη"), max_length=120, blank=True,
                                    help_text=_("Αν δεν έχει καταχωριστεί ως ωφελούμενος/η."))
    contacted_at = models.DateTimeField(_("ημερομηνία και ώρα"), validators=bounds.RECORD_DATE)
    channel = models.CharField(_("τρόπος"), max_length=10, choices=Channel.choices, default=Channel.IN_PERSON)
    topic = models.CharField(_("θέμα"), max_length=14, choices=Topic.choices)
    summary = models.TextField(_("περιγραφή"), blank=True, max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    outcome = models.CharField(_("έκβαση"), max_length=12, choices=Outcome.choices, default=Outcome.INFORMED)
    case = models.ForeignKey("casework.Case", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="contacts", verbose_name=_("φάκελος"))
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("εξυπηρέτησε"))
    site = models.ForeignKey("casework.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("δομή"))

    class Meta:
        ordering = ["-contacted_at"]
        verbose_name = _("επαφή υποδοχής")
        verbose_name_plural = _("επαφές υποδοχής")
        constraints = [
            models.CheckConstraint(condition=models.Q(person__isnull=False) | ~models.Q(visitor_name=""),
                                   name="contact_names_someone"),
        ]

    def __str__(self) -> str:
        return f"{moment(self.contacted_at)} · {self.get_topic_display()}"


class Need(models.TextChoices):
    SOCIOECONOMIC = "socioeconomic", _("Κοινωνικοοικονομική στήριξη")
    MENTAL_HEALTH = "mental_health", _("Ψυχική υγεία")
    EMPLOYMENT = "employment", _("Απασχόληση")
    HOUSING = "housing", _("Στέγαση")
    HEALTH = "health", _("Υγεία")
    EDUCATION = "education", _("Εκπαίδευση")
    FAMILY = "family", _("Οικογενειακά / γονεϊκότητα")
    LEGAL = "legal", _("Νομικά / διοικητικά")
    OTHER = "other", _("Άλλο")


class Case(TimeStampedModel):
    """A person's file (φάκελος): intake, the worker in charge, needs and status."""

    class Status(models.TextChoices):
        OPEN = "open", _("Ανοιχτός")
        ON_HOLD = "on_hold", _("Σε αναμονή")
        CLOSED = "closed", _("Κλειστός")

    class ClosedReason(models.TextChoices):
        GOALS_MET = "goals_met", _("Επίτευξη στόχων")
        REFERRED = "referred", _("Παραπομπή σε άλλη υπηρεσία")
        WITHDREW = "withdrew", _("Αποχώρηση / άρνηση")
        MOVED = "moved", _("Μετεγκατάσταση")
        NO_CONTACT = "no_contact", _("Απώλεια επαφής")
        DECEASED = "deceased", _("Θάνατος")
        OTHER = "other", _("Άλλος λόγος")

    number = models.CharField(_("αριθμός φακέλου"), max_length=12, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cases", verbose_name=_("ωφελούμενος/η"))
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases",
                                  verbose_name=_("νοικοκυριό"))
    intake_date = models.DateField(_("ημερομηνία εισαγωγής"), validators=bounds.RECORD_DATE)
    assigned_worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="caseload",
                                        verbose_name=_("υπεύθυνος/η"))
    needs = ArrayField(models.CharField(max_length=16, choices=Need.choices), verbose_name=_("ανάγκες"), default=list)
    summary = models.TextField(_("περιγραφή αιτήματος"), blank=True,
                               max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    status = models.CharField(_("κατάσταση"), max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_reason = models.CharField(_("λόγος κλεισίματος"), max_length=12, choices=ClosedReason.choices, blank=True)
    closed_at = models.DateTimeField(_("κλείσιμο"), null=True, blank=True)
    site = models.ForeignKey("casework.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="cases",
                             verbose_name=_("δομή"))

    class Meta:
        ordering = ["-intake_date", "-number"]
        verbose_name = _("φάκελος")
        verbose_name_plural = _("φάκελοι")
        indexes = [models.Index(fields=["assigned_worker", "status"], name="case_caseload")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="closed") & ~models.Q(closed_reason="") & models.Q(closed_at__isnull=False))
                | (~models.Q(status="closed") & models.Q(closed_reason="")),
                name="case_closed_has_reason"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def needs_display(self) -> str:
        labels = dict(Need.choices)
        return ", ".join(str(labels.get(need, need)) for need in self.needs)


class CaseNumberSequence(models.Model):
    """The last case number given in a year, per centre (each schema has its own rows): the
    next number is taken with one ``INSERT … ON CONFLICT … DO UPDATE … RETURNING``, which
    PostgreSQL serialises on the year's row, so concurrent intakes never share a number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}/{self.last_number:04d}"


class CaseEvent(UUIDModel):
    """One entry of a case's status history (opening, status changes, change of worker)."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Άνοιγμα φακέλου")
        HELD = "held", _("Σε αναμονή")
        REOPENED = "reopened", _("Επανενεργοποίηση")
        CLOSED = "closed", _("Κλείσιμο")
        REASSIGNED = "reassigned", _("Αλλαγή υπευθύνου")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("ενέργεια"), max_length=10, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("υπεύθυνος/η"))
    from_status = models.CharField(max_length=8, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(max_length=8, choices=Case.Status.choices)
    reason = models.CharField(max_length=12, choices=Case.ClosedReason.choices, blank=True)
    note = models.TextField(blank=True, max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {moment(self.at)}"


class PathwayPlan(TimeStampedModel):
    """An individualised pathway (εξατομικευμένο σχέδιο) towards social inclusion or work."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan", verbose_name=_("φάκελος"))
    summary = models.TextField(_("σύνοψη"), blank=True, max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    agreed_on = models.DateField(_("συμφωνήθηκε στις"), null=True, blank=True, validators=bounds.RECORD_DATE)
    review_on = models.DateField(_("επανεξέταση"), null=True, blank=True, validators=bounds.RECORD_DATE)

    class Meta:
        verbose_name = _("εξατομικευμένο σχέδιο")
        verbose_name_plural = _("εξατομικευμένα σχέδια")

    def __str__(self) -> str:
        return gettext("Σχέδιο φακέλου %(case)s") % {"case": self.case}


class PathwayGoal(TimeStampedModel):
    plan = models.ForeignKey(PathwayPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("στόχος"), max_length=200)
    area = models.CharField(_("τομέας"), max_length=16, choices=Need.choices, default=Need.OTHER)
    achieved = models.BooleanField(_("επιτεύχθηκε"), default=False)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("στόχος")
        verbose_name_plural = _("στόχοι")

    def __str__(self) -> str:
        return self.title


class PathwayStep(TimeStampedModel):
    class State(models.TextChoices):
        PLANNED = "planned", _("Προγραμματισμένο")
        IN_PROGRESS = "in_progress", _("Σε εξέλιξη")
        DONE = "done", _("Ολοκληρώθηκε")
        CANCELLED = "cancelled", _("Ακυρώθηκε")

    goal = models.ForeignKey(PathwayGoal, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("βήμα"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pathway_steps",
                              verbose_name=_("υπεύθυνος/η"))
    due_date = models.DateField(_("προθεσμία"), validators=bounds.RECORD_DATE)
    state = models.CharField(_("κατάσταση"), max_length=12, choices=State.choices, default=State.PLANNED)
    completed_on = models.DateField(_("ολοκληρώθηκε στις"), null=True, blank=True, validators=bounds.RECORD_DATE)

    OPEN_STATES = (State.PLANNED, State.IN_PROGRESS)

    class Meta:
        ordering = ["due_date"]
        verbose_name = _("βήμα")
        verbose_name_plural = _("βήματα")
        indexes = [models.Index(fields=["owner", "state", "due_date"], name="step_owner_due")]

    def __str__(self) -> str:
        return f"{self.title} · {day(self.due_date)}"


class ContactNote(TimeStampedModel):
    """A contact or counselling note. Sensitive notes (mental health) are read only by their author,
    psychologists and the coordinator: ``casework.selectors.notes_visible_to`` is the one filter."""

    class Kind(models.TextChoices):
        COUNSELLING = "counselling", _("Συνεδρία συμβουλευτικής")
        CONTACT = "contact", _("Επαφή")
        PHONE = "phone", _("Τηλεφωνική επικοινωνία")
        HOME_VISIT = "home_visit", _("Κατ' οίκον επίσκεψη")
        GROUP = "group", _("Ομαδική συνεδρία")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_notes",
                               verbose_name=_("ωφελούμενος/η"))
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="contact_notes",
                             verbose_name=_("φάκελος"))
    kind = models.CharField(_("είδος"), max_length=12, choices=Kind.choices, default=Kind.COUNSELLING)
    occurred_at = models.DateTimeField(_("ημερομηνία και ώρα"), validators=bounds.RECORD_DATE)
    duration_minutes = models.PositiveSmallIntegerField(_("διάρκεια (λεπτά)"), null=True, blank=True)
    text = models.TextField(_("σημείωση"), max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    sensitive = models.BooleanField(_("ευαίσθητη (ψυχική υγεία)"), default=False,
                                    help_text=_("Τη βλέπουν μόνο ο/η συντάκτης/τρια, οι ψυχολόγοι "
                                                "και ο/η συντονιστής/τρια."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("συντάκτης/τρια"))

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("σημείωση")
        verbose_name_plural = _("σημειώσεις")
        permissions = [("view_sensitive_note", _("Ανάγνωση ευαίσθητων σημειώσεων (ψυχική υγεία)"))]

    def __str__(self) -> str:
        # Never the text: a sensitive note's label may be seen where its text may not.
        return f"{self.get_kind_display()} · {moment(self.occurred_at)}"
