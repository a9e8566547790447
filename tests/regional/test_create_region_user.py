"""`manage.py create_region_user` makes a public account bound to one region, or says why not."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from platform_core.accounts.models import User
from tests.conftest import PASSWORD


def test_region_user_is_created_in_public_and_bound_to_its_region(worlds, db):
    call_command("create_region_user", region="crete", email="new.region@crete.test", password=PASSWORD)

    user = User.objects.get(username="new.region@crete.test")
    assert user.region_membership.region.slug == "crete"
    assert not user.is_staff


def test_unknown_region_is_refused_with_every_field_error_and_nothing_created(worlds, db):
    with pytest.raises(CommandError) as refused:
        call_command("create_region_user", region="atlantis", email="not-an-email", password="short")

    assert refused.value.returncode == 2
    message = str(refused.value)
    assert "region:" in message and "email:" in message and "password:" in message
    assert not User.objects.filter(username="not-an-email").exists()


def test_weak_password_for_a_known_region_is_refused(worlds, db):
    with pytest.raises(CommandError, match="password:"):
        call_command("create_region_user", region="crete", email="weak@crete.test", password="123")

    assert not User.objects.filter(username="weak@crete.test").exists()
