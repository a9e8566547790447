"""Pathway plans (εξατομικευμένο σχέδιο): goals and steps with owner, due date and state; the
worker's overdue steps on the home page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.factories import PathwayGoalFactory, PathwayPlanFactory, PathwayStepFactory, PersonFactory
from casework.models import PathwayPlan, PathwayStep
from casework.services import cases as services
from platform_core import dashboard
from platform_core.accounts.roles import Role

TODAY = timezone.localdate


def _days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def goal(case, worker):
    return services.goal_add(case=case, by=worker, title="Εγγραφή στη ΔΥΠΑ", area="employment")


@pytest.fixture
def step(goal, worker):
    return services.step_add(goal=goal, by=worker, title="Ραντεβού", owner=worker, due_date=_days(3))


def test_adding_a_goal_creates_the_plan_and_steps_start_planned(case, goal, step, worker):
    assert PathwayPlan.objects.get(case=case).goals.get() == goal
    assert (step.state, step.owner, step.due_date) == ("planned", worker, _days(3))


def test_plan_summary_and_dates_are_saved_once_per_case(case, worker):
    services.plan_create_or_update(case=case, by=worker, summary="Πρώτο", agreed_on=TODAY())
    plan = services.plan_create_or_update(case=case, by=worker, summary="Δεύτερο", agreed_on=TODAY(),
                                          review_on=_days(90))

    assert PathwayPlan.objects.filter(case=case).count() == 1 and plan.summary == "Δεύτερο"


def test_plan_review_before_agreement_is_refused_on_review_on(case, worker):
    with pytest.raises(ValidationError) as error:
        services.plan_create_or_update(case=case, by=worker, agreed_on=TODAY(), review_on=_days(-1))

    assert "review_on" in error.value.message_dict


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"owner": "reception"}, "owner"),
])
def test_step_with_bad_input_is_refused_on_the_field(goal, worker, world_a, fields, field):
    values = {"title": "Βήμα", "owner": worker, "due_date": _days(1)} | fields
    if values["owner"] == "reception":
        values["owner"] = world_a.users[Role.RECEPTION]

    with pytest.raises(ValidationError) as error:
        services.step_add(goal=goal, by=worker, **values)

    assert field in error.value.message_dict


def test_completing_a_step_marks_it_done_today_and_it_cannot_change_after(step, worker):
    done = services.step_complete(step=step, by=worker)

    assert (done.state, done.completed_on) == ("done", TODAY())
    with pytest.raises(ValidationError) as error:
        services.step_cancel(step=step, by=worker)
    assert "state" in error.value.message_dict


def test_step_update_moves_a_step_in_progress_but_not_to_done(step, worker, psychologist):
    moved = services.step_update(step=step, by=worker, state="in_progress", owner=psychologist, due_date=_days(10))

    assert (moved.state, moved.owner, moved.due_date) == ("in_progress", psychologist, _days(10))
    with pytest.raises(ValidationError):
        services.step_update(step=step, by=worker, state="done")


def test_the_plan_of_a_closed_case_cannot_change(case, goal, step, coordinator, worker):
    services.case_close(case=case, by=coordinator, reason="goals_met")

    with pytest.raises(ValidationError):
        services.step_complete(step=step, by=worker)
    with pytest.raises(ValidationError):
        services.goal_add(case=case, by=worker, title="Νέος")


# --- Pages ------------------------------------------------------------------------------------

def test_case_page_adds_a_goal_and_a_step_and_completes_it(world_a, case, worker):
    client = world_a.client(Role.SOCIAL_WORKER)

    client.post(f"/cases/{case.pk}/goals/", {"title": "Στέγαση", "area": "housing"})
    goal = case.plan.goals.get()
    client.post(f"/pathway-goals/{goal.pk}/steps/", {"title": "Επίσκεψη", "owner": str(worker.pk),
                                                      "due_date": _days(5).isoformat()})
    step = goal.steps.get()
    client.post(f"/pathway-steps/{step.pk}/", {"action": "complete"})
    page = client.get(f"/cases/{case.pk}/").content.decode()

    assert PathwayStep.objects.get(pk=step.pk).state == "done"
    assert "Στέγαση" in page and "Επίσκεψη" in page


@pytest.mark.parametrize(("overrides", "field"), [
    ({"due_date": ""}, "due_date"), ({"title": ""}, "title"), ({"owner": ""}, "owner"),
])
def test_case_page_shows_the_step_forms_field_error(world_a, goal, worker, overrides, field):
    data = {"title": "Βήμα", "owner": str(worker.pk), "due_date": _days(2).isoformat()} | overrides

    response = world_a.client(Role.SOCIAL_WORKER).post(f"/pathway-goals/{goal.pk}/steps/", data)

    shown = next(g for g in response.context["goals"] if g.pk == goal.pk)
    assert response.status_code == 200 and field in shown.step_form.errors
    assert not goal.steps.exists()


def test_case_page_shows_the_goal_forms_field_error(world_a, case):
    response = world_a.client(Role.SOCIAL_WORKER).post(f"/cases/{case.pk}/goals/", {"title": "", "area": "x"})

    assert {"title", "area"} <= set(response.context["goal_form"].errors)


# --- API --------------------------------------------------------------------------------------

def test_plan_api_creates_the_plan_and_adds_goals_and_steps(world_a, case, worker):
    api = world_a.api(Role.SOCIAL_WORKER)

    assert api.get(f"/api/v1/cases/{case.pk}/plan/").status_code == 404
    put = api.put(f"/api/v1/cases/{case.pk}/plan/", {"summary": "Σχέδιο", "agreed_on": TODAY().isoformat()},
                  format="json")
    goal = api.post(f"/api/v1/cases/{case.pk}/plan/goals/", {"title": "Εργασία", "area": "employment"},
                    format="json")
    step = api.post("/api/v1/pathway-steps/", {"goal": goal.json()["id"], "title": "Βιογραφικό",
                                                "owner": str(worker.pk), "due_date": _days(4).isoformat()},
                    format="json")
    plan = api.get(f"/api/v1/cases/{case.pk}/plan/").json()

    assert put.status_code == 200 and goal.status_code == 201 and step.status_code == 201, step.content
    assert plan["goals"][0]["steps"][0]["title"] == "Βιογραφικό"


@pytest.mark.parametrize(("overrides", "field"), [
    ({"due_date": None}, "due_date"), ({"title": ""}, "title"), ({"owner": None}, "owner"),
    ({"goal": "00000000-0000-0000-0000-000000000000"}, "goal"),
])
def test_steps_api_refuses_bad_input_with_the_fields_error(world_a, goal, worker, overrides, field):
    payload = {"goal": str(goal.pk), "title": "Βήμα", "owner": str(worker.pk),
               "due_date": _days(2).isoformat()} | overrides

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/pathway-steps/", payload, format="json")

    assert response.status_code == 400 and field in response.json()


def test_steps_api_lists_my_overdue_steps(world_a, goal, worker, psychologist):
    late = PathwayStepFactory(goal=goal, owner=worker, due_date=_days(-2))
    PathwayStepFactory(goal=goal, owner=worker, due_date=_days(2))
    PathwayStepFactory(goal=goal, owner=worker, due_date=_days(-2), state="done")
    PathwayStepFactory(goal=goal, owner=psychologist, due_date=_days(-2))

    rows = world_a.api(Role.SOCIAL_WORKER).get("/api/v1/pathway-steps/?owner=me&overdue=true").json()

    assert [row["id"] for row in rows["results"]] == [str(late.pk)] and rows["results"][0]["overdue"] is True


def test_steps_api_patch_completes_a_step_and_refuses_changing_it_after(world_a, step):
    api = world_a.api(Role.SOCIAL_WORKER)

    done = api.patch(f"/api/v1/pathway-steps/{step.pk}/", {"state": "done"}, format="json")
    again = api.patch(f"/api/v1/pathway-steps/{step.pk}/", {"state": "in_progress"}, format="json")

    assert done.status_code == 200 and done.json()["state"] == "done" and done.json()["completed_on"]
    assert again.status_code == 400 and "state" in again.json()


# --- Home page --------------------------------------------------------------------------------

def test_home_page_shows_the_workers_overdue_and_this_weeks_steps_and_open_cases(world_a, in_centre_a, coordinator,
                                                                                  worker, psychologist):
    case = services.case_open(person=PersonFactory(), by=coordinator, assigned_worker=worker, needs=["other"])
    goal = PathwayGoalFactory(plan=PathwayPlanFactory(case=case))
    PathwayStepFactory(goal=goal, owner=worker, due_date=_days(-3), title="Εκπρόθεσμο βήμα")
    PathwayStepFactory(goal=goal, owner=worker, due_date=_days(2), title="Βήμα της εβδομάδας")
    PathwayStepFactory(goal=goal, owner=worker, due_date=_days(30), title="Μακρινό βήμα")
    PathwayStepFactory(goal=goal, owner=psychologist, due_date=_days(-3), title="Βήμα συναδέλφου")

    response = world_a.client(Role.SOCIAL_WORKER).get("/")
    page = response.content.decode()
    panel = next(p["context"] for p in response.context["panels"] if "overdue_steps" in p["context"])

    assert [s.title for s in panel["overdue_steps"]] == ["Εκπρόθεσμο βήμα"]
    assert "Βήμα της εβδομάδας" in [s.title for s in panel["due_this_week"]]
    assert "Εκπρόθεσμο βήμα" in page and "Βήμα της εβδομάδας" in page
    assert "Μακρινό βήμα" not in page and "Βήμα συναδέλφου" not in page
    assert panel["open_cases"] == case.__class__.objects.filter(assigned_worker=worker, status="open").count()
    # Each step says whose it is: the person and the case, both linked.
    panel_html = page[page.index('data-testid="my-casework"'):]
    panel_html = panel_html[:panel_html.index("</section>")]
    assert f'href="/people/{case.person_id}/"' in panel_html
    assert f"{case.person.last_name} {case.person.first_name}" in panel_html
    assert f'href="/cases/{case.pk}/">{case.number}</a>' in panel_html


def test_home_page_shows_reception_staff_no_casework_panel(world_a):
    response = world_a.client(Role.RECEPTION).get("/")

    assert response.status_code == 200
    assert not any("overdue_steps" in panel["context"] for panel in response.context["panels"])


def test_dashboard_panels_come_from_the_registry_in_order_and_may_decline(rf, world_a, in_centre_a):
    request = rf.get("/")
    request.user = world_a.users[Role.RECEPTION]
    shown_before = len(dashboard.dashboard_panels(request))

    @dashboard.dashboard_panel(template="x.html", order=-1)
    def first(request):
        return {"hello": 1}

    @dashboard.dashboard_panel(template="y.html")
    def declined(request):
        return None

    try:
        panels = dashboard.dashboard_panels(request)
    finally:
        dashboard._panels[:] = [p for p in dashboard._panels if p.context not in (first, declined)]

    assert panels[0] == {"template": "x.html", "context": {"hello": 1}}
    assert len(panels) == shown_before + 1
