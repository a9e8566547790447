"""Through PgBouncer in session mode (infra/compose.yaml), requests of two centres taking turns on
one pooled PostgreSQL backend each see their own centre only: the search_path is set for every
request, and nothing one centre's request leaves on a backend answers the next one.

The requests run in a thread of their own, whose database connection goes through the pool (the
test's own connection stays in its transaction, straight to the server); they only read what the
session's centres committed.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections

from .calls import Caller, Credential, leaked

# Centre B's staff carry LEAK_MARKER in their names (tests/conftest.py).
STAFF = "/api/v1/staff/"


@dataclass(frozen=True)
class Answer:
    centre: str
    status: int
    emails: frozenset[str]
    leaked: tuple[str, ...]
    backend: int


def _through_pool(pgbouncer, work: Callable):
    """``work(connection)`` in a thread whose default connection goes through ``pgbouncer``."""
    outcome = {}

    def run() -> None:
        connection = connections["default"]  # this thread's own, not yet connected
        connection.settings_dict = pgbouncer.database_settings(connection.settings_dict)
        try:
            outcome["value"] = work(connection)
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _turns(isolation, worlds) -> list[tuple[str, str, Credential, frozenset[str]]]:
    """A, B, A, B, A, B: each centre's staff list with its own coordinator's token."""
    turns = []
    for _round in range(3):
        for centre, host, token in (("A", isolation.a_host, "A coordinator token"),
                                    ("B", isolation.b_host, "B coordinator token")):
            world = worlds[centre.lower()]
            turns.append((centre, host, isolation[token], frozenset(user.email for user in world.users.values())))
    return turns


def _ask(caller: Caller, connection, isolation, centre: str, host: str, credential: Credential) -> Answer:
    response = caller("GET", host, STAFF, credential)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    # What of A's alone (its ids, tokens, e-mails) B must not see, and the other way round.
    secrets = isolation.b_secrets if centre == "A" else isolation.public_secrets - isolation.b_secrets
    return Answer(
        centre=centre, status=response.status_code,
        emails=frozenset(row["email"] for row in response.json().get("results", [])),
        leaked=tuple(leaked(response, secrets, asked_with=(STAFF, *credential.secrets))),
        backend=backend,
    )


def _expected(turns) -> list[tuple[str, int, frozenset[str], tuple]]:
    return [(centre, 200, emails, ()) for centre, _host, _credential, emails in turns]


def _seen(answers: list[Answer]) -> list[tuple[str, int, frozenset[str], tuple]]:
    return [(answer.centre, answer.status, answer.emails, answer.leaked) for answer in answers]


def test_centres_taking_turns_on_one_kept_pooled_connection_see_only_their_own_staff(
        pgbouncer, caller, isolation, worlds, db):
    """One client connection kept from request to request (CONN_MAX_AGE), pinned to one backend."""
    turns = _turns(isolation, worlds)

    answers = _through_pool(pgbouncer, lambda connection: [
        _ask(caller, connection, isolation, centre, host, credential) for centre, host, credential, _emails in turns])

    assert _seen(answers) == _expected(turns)
    assert len({answer.backend for answer in answers}) == 1


def test_centres_taking_turns_on_new_connections_to_one_pooled_backend_see_only_their_own_staff(
        pgbouncer, caller, isolation, worlds, db):
    """A new client connection for each request (a connection past CONN_MAX_AGE, another process):
    PgBouncer hands each the same backend the other centre's request used just before."""
    turns = _turns(isolation, worlds)

    def each_on_a_new_connection(connection) -> list[Answer]:
        answers = []
        for centre, host, credential, _emails in turns:
            answers.append(_ask(caller, connection, isolation, centre, host, credential))
            connection.close()
        return answers

    answers = _through_pool(pgbouncer, each_on_a_new_connection)

    assert _seen(answers) == _expected(turns)
    # One backend served them all: without the pool each new connection would have its own.
    assert len({answer.backend for answer in answers}) == 1
