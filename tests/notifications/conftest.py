"""Fixtures of the notifications tests: casework objects reminders are about, the clock, a local
HTTP SMS gateway."""

import datetime
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest

from casework import models as casework
from casework.factories import CaseFactory, PersonFactory

ATHENS = ZoneInfo("Europe/Athens")


def athens(year, month, day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ATHENS)


@pytest.fixture
def person(in_centre_a):
    return PersonFactory(email="maria@example.org", phone="6912345678")


@pytest.fixture
def pathway_step(world_a, in_centre_a, person):
    case = CaseFactory(person=person, assigned_worker=world_a.coordinator)
    plan = casework.PathwayPlan.objects.create(case=case)
    goal = casework.PathwayGoal.objects.create(plan=plan, title="Εύρεση εργασίας")
    return casework.PathwayStep.objects.create(goal=goal, title="Εγγραφή στη ΔΥΠΑ", owner=world_a.coordinator,
                                               due_date=datetime.date(2026, 12, 1))


@pytest.fixture
def benefit_application(world_a, in_centre_a, person):
    return casework.BenefitApplication.objects.create(
        person=person, kind=casework.BenefitApplication.Kind.KEA,
        status=casework.BenefitApplication.Status.APPROVED, renewal_due=datetime.date(2026, 12, 15),
        handled_by=world_a.coordinator,
    )


@dataclass
class Gateway:
    """A tiny HTTP SMS gateway on localhost: answers each POST with the next status in
    ``statuses`` (then 200), records what it received."""

    url: str
    statuses: list[int] = field(default_factory=list)
    delay: float = 0.0
    received: list[dict] = field(default_factory=list)


@pytest.fixture
def sms_gateway() -> Iterator[Gateway]:
    gateway = Gateway(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            gateway.received.append({"body": body, "headers": dict(self.headers)})
            if gateway.delay:
                threading.Event().wait(gateway.delay)
            status = gateway.statuses.pop(0) if gateway.statuses else 200
            answer = json.dumps({"id": f"gw-{len(gateway.received)}"} if status < 300 else {"error": "x"}).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/send"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield gateway
    server.shutdown()
    server.server_close()
