"""People (Ωφελούμενοι) and households (νοικοκυριά), with the characteristics the ESF indicators
need, recorded at entry and at exit."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from platform_core import bounds
from platform_core.labels import day
from platform_core.models import TimeStampedModel, UUIDModel


class Gender(models.TextChoices):
    FEMALE = "female", _("Γυναίκα")
    MALE = "male", _("Άνδρας")
    NON_BINARY = "non_binary", _("Μη δυαδικό")
    DECLINED = "declined", _("Δεν δηλώθηκε")


class Answer(models.TextChoices):
    """A voluntary yes/no answer (special-category data under GDPR Art. 9)."""

    YES = "yes", _("Ναι")
    NO = "no", _("Όχι")
    DECLINED = "declined", _("Δεν απάντησε")


class Citizenship(models.TextChoices):
    GREEK = "greek", _("Ελληνική")
    EU = "eu", _("Άλλου κράτους-μέλους ΕΕ")
    THIRD_COUNTRY = "third_country", _("Τρίτης χώρας")
    STATELESS = "stateless", _("Ανιθαγενής")
    DECLINED = "declined", _("Δεν δηλώθηκε")


class Minority(models.TextChoices):
    NONE = "none", _("Όχι")
    ROMA = "roma", _("Ρομά")
    OTHER = "other", _("Άλλη μειονότητα")
    DECLINED = "declined", _("Δεν απάντησε")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("Εργαζόμενος/η")
    SELF_EMPLOYED = "self_employed", _("Αυτοαπασχολούμενος/η")
    UNEMPLOYED = "unemployed", _("Άνεργος/η")
    INACTIVE_EDUCATION = "inactive_education", _("Μη ενεργός/ή, σε εκπαίδευση ή κατάρτιση")
    INACTIVE = "inactive", _("Μη ενεργός/ή, όχι σε εκπαίδευση ή κατάρτιση")
    RETIRED = "retired", _("Συνταξιούχος")
    DECLINED = "declined", _("Δεν δηλώθηκε")


class Education(models.TextChoices):
    """Highest education completed, in the ISCED groups the ESF indicators use."""

    ISCED_0 = "isced_0", _("Καμία / προσχολική (ISCED 0)")
    ISCED_1_2 = "isced_1_2", _("Δημοτικό ή Γυμνάσιο (ISCED 1–2)")
    ISCED_3_4 = "isced_3_4", _("Λύκειο ή μεταλυκειακή (ISCED 3–4)")
    ISCED_5_8 = "isced_5_8", _("Ανώτατη (ISCED 5–8)")
    DECLINED = "declined", _("Δεν δηλώθηκε")


class Housing(models.TextChoices):
    OWNED = "owned", _("Ιδιόκτητη κατοικία")
    RENTED = "rented", _("Ενοίκιο")
    HOSTED = "hosted", _("Φιλοξενία")
    SOCIAL = "social", _("Δομή / κοινωνική κατοικία")
    INSECURE = "insecure", _("Επισφαλής ή ακατάλληλη στέγη (αποκλεισμός από στέγαση)")
    HOMELESS = "homeless", _("Άστεγος/η")
    DECLINED = "declined", _("Δεν δηλώθηκε")


class Vulnerability(models.TextChoices):
    SINGLE_PARENT = "single_parent", _("Μονογονεϊκή οικογένεια")
    LARGE_FAMILY = "large_family", _("Πολύτεκνη οικογένεια")
    ELDERLY_ALONE = "elderly_alone", _("Ηλικιωμένος/η που ζει μόνος/η")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Μακροχρόνια άνεργος/η")
    REFUGEE = "refugee", _("Πρόσφυγας / αιτών άσυλο")
    VIOLENCE = "violence", _("Θύμα ενδοοικογενειακής βίας")
    CHRONIC_ILLNESS = "chronic_illness", _("Χρόνια πάθηση")
    EX_OFFENDER = "ex_offender", _("Αποφυλακισμένος/η")
    OTHER = "other", _("Άλλη ευπαθής ομάδα")


class Person(TimeStampedModel):
    """A person the centre serves (ωφελούμενος/η). ΑΜΚΑ and ΑΦΜ are unique within the centre,
    enforced and looked up through keyed hashes (``platform_core.personal_ids``)."""

    first_name = models.CharField(_("όνομα"), max_length=80)
    last_name = models.CharField(_("επώνυμο"), max_length=80)
    father_name = models.CharField(_("πατρώνυμο"), max_length=80, blank=True)
    birth_date = models.DateField(_("ημερομηνία γέννησης"), null=True, blank=True, validators=bounds.BIRTH_DATE)
    gender = models.CharField(_("φύλο"), max_length=12, choices=Gender.choices, default=Gender.DECLINED)
    amka = models.CharField(_("ΑΜΚΑ"), max_length=11, blank=True)
    afm = models.CharField(_("ΑΦΜ"), max_length=9, blank=True)
    amka_hash = models.CharField(max_length=64, blank=True, editable=False)
    afm_hash = models.CharField(max_length=64, blank=True, editable=False)

    phone = models.CharField(_("τηλέφωνο"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    languages = ArrayField(models.CharField(max_length=40), verbose_name=_("γλώσσες"), default=list, blank=True)
    municipality = models.ForeignKey("regional.Municipality", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("δήμος κατοικίας"))
    settlement = models.CharField(_("οικισμός / δημοτική κοινότητα"), max_length=80, blank=True)
    street = models.CharField(_("οδός και αριθμός"), max_length=120, blank=True)
    postcode = models.CharField(_("ταχυδρομικός κώδικας"), max_length=5, blank=True)

    citizenship = models.CharField(_("υπηκοότητα"), max_length=16, choices=Citizenship.choices,
                                   default=Citizenship.DECLINED)
    country_of_birth = models.CharField(_("χώρα γέννησης"), max_length=60, blank=True)
    foreign_background = models.CharField(_("αλλοδαπή καταγωγή"), max_length=10, choices=Answer.choices,
                                          default=Answer.DECLINED)
    minority = models.CharField(_("μειονότητα"), max_length=10, choices=Minority.choices, default=Minority.DECLINED)
    disability = models.CharField(_("αναπηρία"), max_length=10, choices=Answer.choices, default=Answer.DECLINED)
    employment_status = models.CharField(_("κατάσταση απασχόλησης"), max_length=20,
                                         choices=EmploymentStatus.choices, default=EmploymentStatus.DECLINED)
    unemployed_since = models.DateField(_("άνεργος/η από"), null=True, blank=True,
                                        help_text=_("Για τον υπολογισμό της μακροχρόνιας ανεργίας (12+ μήνες)."),
                                                    validators=bounds.BIRTH_DATE)
    education = models.CharField(_("εκπαίδευση"), max_length=12, choices=Education.choices,
                                 default=Education.DECLINED)
    housing = models.CharField(_("στέγαση"), max_length=10, choices=Housing.choices, default=Housing.DECLINED)
    rural_area = models.CharField(_("κάτοικος αγροτικής περιοχής"), max_length=10, choices=Answer.choices,
                                  default=Answer.DECLINED)
    vulnerabilities = ArrayField(models.CharField(max_length=24, choices=Vulnerability.choices),
                                 verbose_name=_("ευπάθειες"), default=list, blank=True)
    notes = models.TextField(_("παρατηρήσεις"), blank=True,
                             max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)

    # Lower-case, accent-free copies of the names, kept by the services: prefix search on an index.
    search_last_name = models.CharField(max_length=80, editable=False, default="")
    search_first_name = models.CharField(max_length=80, editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("ωφελούμενος/η")
        verbose_name_plural = _("ωφελούμενοι")
        permissions = [
            ("export_person", _("Εξαγωγή των δεδομένων ωφελούμενου (αίτημα πρόσβασης GDPR)")),
            ("view_access_log", _("Προβολή του ιστορικού πρόσβασης σε φάκελο")),
            ("merge_person", _("Συγχώνευση δύο εγγραφών του ίδιου προσώπου")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["amka_hash"], condition=~models.Q(amka_hash=""), name="person_unique_amka"),
            models.UniqueConstraint(fields=["afm_hash"], condition=~models.Q(afm_hash=""), name="person_unique_afm"),
        ]
        indexes = [
            models.Index(fields=["search_last_name"], name="person_search_last",
                         opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["search_first_name"], name="person_search_first",
                         opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["phone"], name="person_phone"),
            models.Index(fields=["birth_date"], name="person_birth_date"),
        ]

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def household(self) -> "Household | None":
        """The household the person belongs to, or None (not everyone belongs to one)."""
        membership = getattr(self, "membership", None) if self.pk else None
        return membership.household if membership else None


class ParticipantRecord(UUIDModel):
    """The person's ESF characteristics as they were at entry to the operation and at exit."""

    class Stage(models.TextChoices):
        ENTRY = "entry", _("Είσοδος")
        EXIT = "exit", _("Έξοδος")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participant_records")
    stage = models.CharField(_("στάδιο"), max_length=5, choices=Stage.choices)
    recorded_on = models.DateField(_("ημερομηνία"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    gender = models.CharField(max_length=12, choices=Gender.choices)
    birth_date = models.DateField(null=True, validators=bounds.BIRTH_DATE)
    citizenship = models.CharField(max_length=16, choices=Citizenship.choices)
    foreign_background = models.CharField(max_length=10, choices=Answer.choices)
    minority = models.CharField(max_length=10, choices=Minority.choices)
    disability = models.CharField(max_length=10, choices=Answer.choices)
    employment_status = models.CharField(max_length=20, choices=EmploymentStatus.choices)
    unemployed_since = models.DateField(null=True, validators=bounds.BIRTH_DATE)
    education = models.CharField(max_length=12, choices=Education.choices)
    housing = models.CharField(max_length=10, choices=Housing.choices)
    rural_area = models.CharField(max_length=10, choices=Answer.choices)

    SNAPSHOT_FIELDS = ["gender", "birth_date", "citizenship", "foreign_background", "minority", "disability",
                       "employment_status", "unemployed_since", "education", "housing", "rural_area"]

    class Meta:
        ordering = ["person", "stage"]
        constraints = [models.UniqueConstraint(fields=["person", "stage"], name="participant_record_once_per_stage")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} · {day(self.recorded_on)}"


class Household(TimeStampedModel):
    """A family or household (οικογένεια / νοικοκυριό): the unit of aid and of ΚΕΑ/ΕΕΕ."""

    name = models.CharField(_("ονομασία"), max_length=120, blank=True,
                            help_text=_("Π.χ. «Οικογένεια Παπαδοπούλου»· αν μείνει κενό, από τον/την υπεύθυνο/η."))
    municipality = models.ForeignKey("regional.Municipality", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("δήμος"))
    settlement = models.CharField(_("οικισμός / δημοτική κοινότητα"), max_length=80, blank=True)
    street = models.CharField(_("οδός και αριθμός"), max_length=120, blank=True)
    notes = models.TextField(_("παρατηρήσεις"), blank=True,
                             max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)

    class Meta:
        ordering = ["name"]
        verbose_name = _("νοικοκυριό")
        verbose_name_plural = _("νοικοκυριά")

    def __str__(self) -> str:
        return self.name


class HouseholdMember(UUIDModel):
    class Relation(models.TextChoices):
        HEAD = "head", _("Υπεύθυνος/η νοικοκυριού")
        SPOUSE = "spouse", _("Σύζυγος / σύντροφος")
        CHILD = "child", _("Τέκνο")
        PARENT = "parent", _("Γονέας")
        SIBLING = "sibling", _("Αδελφός/ή")
        GRANDCHILD = "grandchild", _("Εγγόνι")
        GRANDPARENT = "grandparent", _("Παππούς / γιαγιά")
        OTHER_RELATIVE = "other_relative", _("Άλλος συγγενής")
        OTHER = "other", _("Άλλο μέλος")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    # A person belongs to one household at a time.
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="membership")
    relation = models.CharField(_("σχέση με τον/την υπεύθυνο/η"), max_length=16, choices=Relation.choices)
    is_dependant = models.BooleanField(_("προστατευόμενο μέλος"), default=False)

    class Meta:
        ordering = ["household", "relation"]
        constraints = [
            models.UniqueConstraint(fields=["household"], condition=models.Q(relation="head"),
                                    name="household_one_head"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relation_display()})"


class PersonMerge(UUIDModel):
    """Two records of the same person were merged: everything of ``merged_id`` moved to
    ``survivor`` and that record was removed. This row is what remains of it: its id (an old link
    to it leads to the survivor), its name as it was, and what moved (``casework.merge``)."""

    survivor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="merges",
                                 verbose_name=_("εγγραφή που διατηρήθηκε"))
    merged_id = models.UUIDField(db_index=True)
    merged_label = models.CharField(_("εγγραφή που συγχωνεύθηκε"), max_length=170)
    moved = models.JSONField(_("τι μεταφέρθηκε"), default=dict)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-at"]
        verbose_name = _("συγχώνευση εγγραφών")
        verbose_name_plural = _("συγχωνεύσεις εγγραφών")

    def __str__(self) -> str:
        return self.merged_label
