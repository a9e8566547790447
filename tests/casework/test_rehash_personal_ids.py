import io

from django.core.management import call_command
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from casework.identifiers import id_hash
from casework.models import Person


def test_after_the_hash_key_changes_rehash_makes_people_findable_by_amka_again(centre_a, settings):
    with schema_context(centre_a.schema_name):
        person = PersonFactory()
    settings.PERSONAL_ID_HASH_KEY = "a-new-key"

    with schema_context(centre_a.schema_name):
        assert not Person.objects.filter(amka_hash=id_hash("amka", person.amka)).exists()
    call_command("rehash_personal_ids", "--centre", centre_a.slug, stdout=io.StringIO())

    with schema_context(centre_a.schema_name):
        assert Person.objects.get(amka_hash=id_hash("amka", person.amka)).pk == person.pk
        assert Person.objects.get(afm_hash=id_hash("afm", person.afm)).pk == person.pk
