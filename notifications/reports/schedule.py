"""The monthly report's beat entry is ``monthly-centre-reports`` in ``settings.CELERY_BEAT_SCHEDULE``,
declared like every other job's. Before that it was a row created after ``migrate_schemas``
under this name; ``regional`` migration 0005 removes that row so the job does not run twice."""

LEGACY_PERIODIC_TASK_NAME = "notifications: monthly centre reports"
