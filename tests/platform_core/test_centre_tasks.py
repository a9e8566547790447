"""Centre tasks run in the schema of the centre that queued them, on a real worker, or not at all."""

from uuid import uuid4

import pytest
from django.db import transaction
from django_tenants.utils import schema_context

from platform_core.accounts.roles import Role
from platform_core.accounts.services import staff_create
from platform_core.accounts.tasks import staff_welcome_email
from platform_core.tasks import CentreContextRequired
from tests.celery_worker import TASK_TIMEOUT, PublishedTask
from tests.conftest import PASSWORD


def new_staff_email(world) -> str:
    return f"new-{uuid4().hex[:8]}@{world.centre.schema_name}.test"


def staff_create_through_api(world, *, email: str):
    return world.api(Role.COORDINATOR).post("/api/v1/staff/", {
        "email": email, "first_name": "Ελένη", "last_name": "Νέα", "role": Role.RECEPTION.value,
        "password": PASSWORD,
    }, format="json")


def welcome_task(published: list[PublishedTask]) -> PublishedTask:
    [task] = [task for task in published if task.name == staff_welcome_email.name]
    return task


@pytest.mark.worker
@pytest.mark.parametrize("centre", ["a", "b"])
def test_welcome_task_queued_by_a_centres_api_runs_in_that_centres_schema(
        centre, worlds, celery_worker, committed_db, published_tasks):
    world = worlds[centre]

    response = staff_create_through_api(world, email=new_staff_email(world))

    assert response.status_code == 201
    assert welcome_task(published_tasks).result() == world.centre.schema_name


@pytest.mark.worker
@pytest.mark.parametrize(("centre", "other"), [("a", "b"), ("b", "a")])
def test_welcome_email_from_the_worker_names_the_centre_and_the_new_username(
        centre, other, worlds, celery_worker, committed_db, published_tasks):
    world, email = worlds[centre], new_staff_email(worlds[centre])
    staff_create_through_api(world, email=email)
    welcome_task(published_tasks).result()

    [message] = celery_worker.mail_to(email)

    text = f"{message['Subject']}\n{message.get_body().get_content()}"
    assert world.centre.name in text
    assert email in text
    assert world.host in text
    assert worlds[other].centre.name not in text


@pytest.mark.worker
def test_welcome_email_from_the_worker_does_not_contain_the_password(
        worlds, celery_worker, committed_db, published_tasks):
    email = new_staff_email(worlds["a"])
    staff_create_through_api(worlds["a"], email=email)
    welcome_task(published_tasks).result()

    [message] = celery_worker.mail_to(email)

    assert PASSWORD not in message.as_string()


@pytest.mark.worker
def test_one_worker_runs_consecutive_tasks_of_two_centres_each_in_its_own_schema(
        worlds, celery_worker, committed_db, published_tasks):
    for centre in ("a", "b", "a"):
        world = worlds[centre]
        staff_create_through_api(world, email=new_staff_email(world))

    schemas = [task.result() for task in published_tasks]

    assert schemas == [worlds[centre].centre.schema_name for centre in ("a", "b", "a")]


@pytest.mark.worker
def test_task_queued_in_a_centre_runs_there_even_when_the_commit_comes_after_leaving_it(
        worlds, celery_worker, committed_db, published_tasks):
    centre = worlds["a"].centre
    # atomic() is the outer context: it commits after schema_context has switched back to public.
    with transaction.atomic(), schema_context(centre.schema_name):
        staff_create(email=new_staff_email(worlds["a"]), password=PASSWORD, role=Role.RECEPTION)

    assert welcome_task(published_tasks).result() == centre.schema_name


@pytest.fixture
def task_started_without_a_centre(worlds, celery_worker, committed_db):
    """The welcome task sent from the public schema, for an account that exists there: were it
    run anyway, it would find the operator and e-mail them."""
    return staff_welcome_email.apply_async(kwargs={"user_id": str(worlds["public"].operator.pk)})


@pytest.mark.worker
def test_centre_task_started_without_a_centre_is_refused_by_the_worker(task_started_without_a_centre):
    with pytest.raises(CentreContextRequired):
        task_started_without_a_centre.get(timeout=TASK_TIMEOUT)


@pytest.mark.worker
def test_centre_task_refused_by_the_worker_sends_no_email(worlds, celery_worker, task_started_without_a_centre):
    with pytest.raises(CentreContextRequired):  # the worker is done with it
        task_started_without_a_centre.get(timeout=TASK_TIMEOUT)

    assert celery_worker.mail_to(worlds["public"].operator.email) == []


def test_centre_task_applied_in_process_without_a_centre_raises(public_world, mailoutbox):
    with pytest.raises(CentreContextRequired):
        staff_welcome_email.apply(kwargs={"user_id": str(public_world.operator.pk)}, throw=True)

    assert mailoutbox == []
