"""Recomputes the keyed hashes of ΑΜΚΑ/ΑΦΜ in every centre after PERSONAL_ID_HASH_KEY (or the
SECRET_KEY it defaults from) changed; until then duplicates and searches by number miss."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django_tenants.utils import schema_context

from casework.identifiers import id_hash
from casework.models import Person
from tenants.selectors import centre_list


class Command(BaseCommand):
    help = "Recomputes the ΑΜΚΑ/ΑΦΜ lookup hashes of every centre with the current key (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--centre", help="only this centre's slug")

    def handle(self, *args, **options):
        centres = centre_list()
        if options["centre"]:
            centres = centres.filter(slug=options["centre"])
        changed = 0
        for centre in centres:
            with schema_context(centre.schema_name), transaction.atomic():
                people = list(Person.objects.only("id", "amka", "afm", "amka_hash", "afm_hash"))
                for person in people:
                    person.amka_hash, person.afm_hash = id_hash("amka", person.amka), id_hash("afm", person.afm)
                Person.objects.bulk_update(people, ["amka_hash", "afm_hash"], batch_size=1000)
                changed += len(people)
        self.stdout.write(self.style.SUCCESS(f"Hashes recomputed for {changed} people in {len(centres)} centre(s)."))
