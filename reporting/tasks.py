"""Background tasks (Django's tasks API through django-tasks; the database backend queues them and
`manage.py db_worker` runs them). Each task only hands over to the service that does the work."""

from django_tasks import task


@task()
def freeze_annual_report(job_id: int) -> None:
    from reporting.annual_jobs import freeze_run

    freeze_run(job_id)


@task()
def render_annual_report_download(download_id: int) -> None:
    from reporting.annual_jobs import download_run

    download_run(download_id)
