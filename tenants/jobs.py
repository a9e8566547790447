"""Records the last run of each scheduled job (``JobRun``, public schema) for the operator console."""

import contextlib
import logging
from collections.abc import Iterator

from django.db import connection
from django.db.models import F
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from .models import JobRun

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def job_run_recorded(job: str, *, centre_schema: str | None = None) -> Iterator[dict]:
    """Runs the block as one run of ``job`` for the current schema (public: the platform), or for
    ``centre_schema`` when a public job acts on one centre (an export, a restore drill), and
    records its outcome; the exception, if any, is re-raised after being recorded. The block may
    put figures (counts, never personal data) in the dict it receives."""
    schema = centre_schema or connection.schema_name
    centre_schema = "" if schema == get_public_schema_name() else schema
    started, summary = timezone.now(), {}
    try:
        yield summary
    except BaseException as exc:
        try:
            _record(job, centre_schema, started=started, error=exc, summary=summary)
        except Exception:  # the database may be what failed: the job's own error matters more
            logger.exception("Could not record the failed run of %s", job)
        raise
    _record(job, centre_schema, started=started, error=None, summary=summary)


def _record(job: str, centre_schema: str, *, started, error: BaseException | None, summary: dict) -> None:
    finished = timezone.now()
    # JobRun lives in public; a centre's search_path ends with public, so no schema switch is needed.
    values = {"started_at": started, "finished_at": finished, "summary": summary}
    if error is None:
        values |= {"status": JobRun.Status.SUCCEEDED, "error_class": "", "last_success_at": finished,
                   "failures_in_a_row": 0}
    else:
        values |= {"status": JobRun.Status.FAILED,
                   "error_class": f"{type(error).__module__}.{type(error).__qualname__}"[:200]}
    updated = JobRun.objects.filter(job=job, centre_schema=centre_schema).update(
        **values, **({} if error is None else {"failures_in_a_row": F("failures_in_a_row") + 1}))
    if not updated:
        JobRun.objects.get_or_create(job=job, centre_schema=centre_schema,
                                     defaults={**values, "failures_in_a_row": 0 if error is None else 1})
