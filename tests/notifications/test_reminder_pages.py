"""Staff pages: the unread count in the header, the reminders a worker is concerned with (failed
ones highlighted with their reason), in-app notifications marked as read."""

import datetime

from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from notifications.dispatch import reminders_dispatch
from notifications.models import Channel, Reminder, StaffNotification
from notifications.services import reminder_create_custom
from platform_core.accounts.roles import Role


def notify(world, role: Role, *, count: int = 1) -> None:
    with schema_context(world.centre.schema_name):
        for n in range(count):
            StaffNotification.objects.create(user=world.users[role], subject="Υπενθύμιση", text=f"Κείμενο {n}")


def unread_badge(html: str) -> str:
    start = html.index('data-testid="unread-notifications"')
    return html[start: html.index("</a>", start)]


def test_the_header_shows_the_unread_count_of_the_signed_in_worker(world_a):
    notify(world_a, Role.SOCIAL_WORKER, count=3)
    notify(world_a, Role.COORDINATOR, count=1)

    html = world_a.client(Role.SOCIAL_WORKER).get("/").content.decode()

    assert '<span class="count"' in unread_badge(html)
    assert ">3</span>" in unread_badge(html)


def test_the_header_count_is_one_cheap_query(world_a, django_assert_max_num_queries):
    notify(world_a, Role.SOCIAL_WORKER, count=2)
    client = world_a.client(Role.SOCIAL_WORKER)
    client.get("/")

    with schema_context(world_a.centre.schema_name):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get("/")
    assert sum("notifications_staffnotification" in query["sql"] for query in queries.captured_queries) == 1


def test_marking_all_notifications_read_clears_the_count(world_a):
    notify(world_a, Role.SOCIAL_WORKER, count=2)
    client = world_a.client(Role.SOCIAL_WORKER)

    response = client.post("/reminders/notifications/read/", follow=True)

    assert ">0</span>" in unread_badge(response.content.decode())


def test_marking_one_notification_read_leaves_the_others(world_a):
    notify(world_a, Role.SOCIAL_WORKER, count=2)
    with schema_context(world_a.centre.schema_name):
        first = StaffNotification.objects.filter(user=world_a.users[Role.SOCIAL_WORKER]).first()

    world_a.client(Role.SOCIAL_WORKER).post("/reminders/notifications/read/", {"notification": str(first.pk)})

    with schema_context(world_a.centre.schema_name):
        assert StaffNotification.objects.filter(user=world_a.users[Role.SOCIAL_WORKER],
                                                read_at__isnull=True).count() == 1


def test_a_worker_cannot_mark_another_workers_notification_read(world_a):
    notify(world_a, Role.COORDINATOR)
    with schema_context(world_a.centre.schema_name):
        theirs = StaffNotification.objects.get(user=world_a.coordinator)

    response = world_a.client(Role.SOCIAL_WORKER).post("/reminders/notifications/read/",
                                                       {"notification": str(theirs.pk)})

    assert response.status_code == 404


def test_the_reminders_page_highlights_a_failed_reminder_with_its_reason(world_a):
    with schema_context(world_a.centre.schema_name):
        worker = world_a.users[Role.SOCIAL_WORKER]
        reminder_create_custom(by=worker, person=PersonFactory(email=""), channel=Channel.EMAIL,
                               due_at=timezone.now() - datetime.timedelta(minutes=1), text="Ραντεβού")
        reminders_dispatch()

    html = world_a.client(Role.SOCIAL_WORKER).get("/reminders/").content.decode()

    assert 'data-testid="failed-reminder"' in html
    assert str(Reminder.FailureReason.NO_ADDRESS.label) in html


def test_a_worker_sees_the_reminders_they_are_concerned_with_only(world_a):
    with schema_context(world_a.centre.schema_name):
        reminder_create_custom(by=world_a.coordinator, staff=world_a.coordinator, channel=Channel.IN_APP,
                               due_at=timezone.now(), text="Μόνο για τον συντονιστή")
        reminder_create_custom(by=world_a.coordinator, staff=world_a.users[Role.SOCIAL_WORKER],
                               channel=Channel.IN_APP, due_at=timezone.now(), text="Για την κοινωνική λειτουργό")

    worker_html = world_a.client(Role.SOCIAL_WORKER).get("/reminders/").content.decode()
    coordinator_html = world_a.client(Role.COORDINATOR).get("/reminders/").content.decode()

    assert worker_html.count('class="reminder reminder-') == 1
    assert coordinator_html.count('class="reminder reminder-') >= 2


def test_cancelling_from_the_page_cancels_the_reminder(world_a):
    with schema_context(world_a.centre.schema_name):
        reminder = reminder_create_custom(by=world_a.coordinator, staff=world_a.coordinator, channel=Channel.IN_APP,
                                          due_at=timezone.now(), text="x")

    world_a.client(Role.COORDINATOR).post(f"/reminders/{reminder.pk}/cancel/")

    with schema_context(world_a.centre.schema_name):
        reminder.refresh_from_db()
    assert reminder.state == Reminder.State.CANCELLED


def test_a_worker_sees_the_reminders_of_people_on_their_caseload(world_a):
    from casework.factories import CaseFactory
    from notifications.selectors import reminders_visible_to

    worker = world_a.users[Role.SOCIAL_WORKER]
    with schema_context(world_a.centre.schema_name):
        mine, theirs = PersonFactory(), PersonFactory()
        CaseFactory(person=mine, assigned_worker=worker)
        CaseFactory(person=theirs, assigned_worker=world_a.coordinator)
        for person in (mine, theirs):
            reminder_create_custom(by=world_a.coordinator, person=person, channel=Channel.SMS,
                                   due_at=timezone.now(), text="Ραντεβού")

        visible = {reminder.person_id for reminder in reminders_visible_to(worker)}

    assert visible == {mine.pk}


def test_the_coordinator_sets_the_centres_quiet_hours(world_a):
    from notifications.models import NotificationSettings

    response = world_a.client(Role.COORDINATOR).post("/reminders/settings/", {
        "quiet_start": "22:30", "quiet_end": "07:30", "contact_phone": "2825023456"})

    assert response.status_code == 302
    with schema_context(world_a.centre.schema_name):
        row = NotificationSettings.objects.get()
    assert (row.quiet_start.strftime("%H:%M"), row.quiet_end.strftime("%H:%M")) == ("22:30", "07:30")


def test_a_social_worker_may_not_change_the_quiet_hours(world_a):
    assert world_a.client(Role.SOCIAL_WORKER).get("/reminders/settings/").status_code == 403


def test_a_step_reminder_and_its_notification_name_the_person_and_the_case(world_a, in_centre_a, pathway_step):
    from casework.reminders import step_reminder_sync

    step_reminder_sync(step=pathway_step)
    reminders_dispatch(now=datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC))
    case = pathway_step.goal.plan.case

    html = world_a.client(Role.COORDINATOR).get("/reminders/").content.decode()

    cells = [cell[: cell.index("</td>")] for cell in html.split('data-testid="reminder-whose"')[1:]]
    assert any(f'href="/people/{case.person_id}/"' in cell and case.person.last_name in cell
               and f'href="/cases/{case.pk}/"' in cell and case.number in cell for cell in cells)
    notification = html[html.index('data-testid="notification-whose"'):]
    assert f'href="/cases/{case.pk}/"' in notification[: notification.index("</div>")]


def test_the_reminders_page_reads_whose_they_are_in_one_query_per_kind(world_a, in_centre_a, pathway_step,
                                                                        benefit_application):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casework.reminders import benefit_reminders_sync, step_reminder_sync

    client = world_a.client(Role.COORDINATOR)
    step_reminder_sync(step=pathway_step)
    benefit_reminders_sync(application=benefit_application)
    client.get("/reminders/")
    with CaptureQueriesContext(connection) as few:
        client.get("/reminders/")
    for n in range(5):
        goal = pathway_step.goal
        step_reminder_sync(step=goal.steps.create(title=f"Βήμα {n}", owner=world_a.coordinator,
                                                  due_date=datetime.date(2026, 12, 2 + n)))
    with CaptureQueriesContext(connection) as many:
        html = client.get("/reminders/").content.decode()

    assert html.count(f'href="/people/{pathway_step.goal.plan.case.person_id}/"') >= 8  # 6 steps, 2 renewals
    assert len(many.captured_queries) == len(few.captured_queries)
