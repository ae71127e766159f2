"""The task worker of the database backend (django-tasks-db's db_worker), run in the test's own thread
and database connection: every queued task, then it stops (--batch)."""

from unittest import mock

from django_tasks_db.management.commands import db_worker


def run_tasks() -> int:
    """Runs the queued tasks as `manage.py db_worker --batch` does; returns how many ran."""
    worker = db_worker.Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # The worker closes connections it finds stale; inside a test's transaction that would end the test's
    # database connection, so that part stays out.
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
    return worker._run_tasks
