"""The person page's reminder channels: staff record which of e-mail and SMS the person accepts."""

from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from notifications.models import ChannelOptOut
from platform_core.accounts.roles import Role


def person_of(world):
    with schema_context(world.centre.schema_name):
        return PersonFactory()


def declined(world, person) -> set[str]:
    with schema_context(world.centre.schema_name):
        return set(ChannelOptOut.objects.filter(person=person).values_list("channel", flat=True))


def test_unticking_sms_stores_the_opt_out_and_returns_to_the_person_page(world_a):
    person = person_of(world_a)

    response = world_a.client(Role.SOCIAL_WORKER).post(f"/people/{person.pk}/channels/", {"accepted": ["email"]})

    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.pk}/"
    assert declined(world_a, person) == {"sms"}


def test_ticking_a_declined_channel_again_accepts_it(world_a):
    person = person_of(world_a)
    client = world_a.client(Role.SOCIAL_WORKER)
    client.post(f"/people/{person.pk}/channels/", {})

    client.post(f"/people/{person.pk}/channels/", {"accepted": ["email", "sms"]})

    assert declined(world_a, person) == set()


def test_the_person_page_shows_which_channels_the_person_accepts(world_a):
    person = person_of(world_a)
    client = world_a.client(Role.SOCIAL_WORKER)
    client.post(f"/people/{person.pk}/channels/", {"accepted": ["sms"]})

    html = client.get(f"/people/{person.pk}/").content.decode()

    form = html[html.index('data-testid="person-channels"'):]
    form = form[:form.index("</form>")]
    assert 'value="sms" checked' in form
    assert 'value="email">' in form


def test_reception_can_record_an_opt_out(world_a):
    person = person_of(world_a)

    response = world_a.client(Role.RECEPTION).post(f"/people/{person.pk}/channels/", {"accepted": ["sms"]})

    assert response.status_code == 302
    assert declined(world_a, person) == {"email"}


def test_the_auditor_sees_the_channels_but_cannot_change_them(world_a):
    person = person_of(world_a)
    client = world_a.client(Role.AUDITOR)

    response = client.post(f"/people/{person.pk}/channels/", {})

    assert response.status_code == 403
    assert declined(world_a, person) == set()
    assert 'data-testid="person-channels"' in client.get(f"/people/{person.pk}/").content.decode()


def test_another_centres_person_is_not_found(world_a, world_b):
    person = person_of(world_b)

    response = world_a.client(Role.SOCIAL_WORKER).post(f"/people/{person.pk}/channels/", {})

    assert response.status_code == 404
    assert declined(world_b, person) == set()
