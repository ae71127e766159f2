"""Fastställ in the background: the request queues an AnnualReportJob, the task worker runs it."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reporting import writers
from reporting.annual_report import (
    AlreadyFrozen,
    annual_report_freeze,
    assemble,
    file_checksum,
    scope_measures,
)
from reporting.models import AnnualReportDownload, AnnualReportFile, AnnualReportJob

logger = logging.getLogger(__name__)

JOB_FIELDS = ("plan", "round", "decision_body", "whole_plan", "diary_number", "author")


def _enqueue(job: AnnualReportJob) -> None:
    from reporting.tasks import freeze_annual_report

    job.task_id = str(freeze_annual_report.enqueue(job.pk).id)
    job.save(update_fields=["task_id"])


def _active_twin(arguments: dict) -> AnnualReportJob | None:
    return AnnualReportJob.objects.active().filter(**arguments).first()


def freeze_start(*, user, **arguments) -> AnnualReportJob:
    """Queues freezing the report chosen by `arguments` (AnnualReportForm.report_arguments()). While the
    same freeze is queued or running, that job is returned instead of a second one (the database keeps
    one: annual_report_job_one_active)."""
    arguments = {name: arguments[name] for name in JOB_FIELDS}
    twin = _active_twin(arguments)
    if twin and not fail_if_stale(twin):
        return twin
    try:
        with transaction.atomic():
            job = AnnualReportJob.objects.create(**arguments, started_by=user)
            _enqueue(job)
    except IntegrityError:
        twin = _active_twin(arguments)
        if twin is None:
            raise
        return twin
    return job


def freeze_retry(job: AnnualReportJob) -> AnnualReportJob:
    """Queues a failed job again; the job to follow is returned (another one, if the same freeze has been
    started again meanwhile)."""
    if not job.is_failed:
        return job
    try:
        with transaction.atomic():
            job.state, job.step, job.error = AnnualReportJob.State.QUEUED, "", ""
            job.started_at = job.finished_at = None
            job.save()
            _enqueue(job)
    except IntegrityError:
        job.refresh_from_db()
        return _active_twin({name: getattr(job, name) for name in JOB_FIELDS}) or job
    return job


def fail_if_stale(job: AnnualReportJob) -> bool:
    """Marks a job whose worker died as failed, so that it can be retried; nothing was stored."""
    if not job.is_stale():
        return False
    _fail(job, _("Arbetet avbröts innan rapporten var fastställd. Ingenting sparades. Försök igen."))
    return True


def _fail(job: AnnualReportJob, message: str) -> None:
    job.state, job.error, job.finished_at = AnnualReportJob.State.FAILED, message, timezone.now()
    job.report, job.already_frozen = None, False
    job.save()


def _failure_message(job: AnnualReportJob, error: Exception) -> str:
    if isinstance(error, ValidationError):
        return _("Rapporten kunde inte fastställas: %(reason)s") % {"reason": " ".join(error.messages)}
    if job.step:
        return _(
            "Det gick inte att ta fram %(format)s-filen, så rapporten är inte fastställd och ingenting "
            "sparades. Försök igen; händer det igen, kontakta den som förvaltar Tillsammans."
        ) % {"format": job.get_step_display()}
    return _(
        "Rapporten kunde inte sammanställas, så den är inte fastställd och ingenting sparades. Försök igen; "
        "händer det igen, kontakta den som förvaltar Tillsammans."
    )


def freeze_run(job_id: int) -> None:
    """Runs a queued job: assembles the report, renders the files (the job shows which), and stores the
    frozen report and marks the job done in one transaction."""
    job = (
        AnnualReportJob.objects.select_related("plan", "round", "decision_body", "started_by")
        .filter(pk=job_id)
        .first()
    )
    if job is None or job.state != AnnualReportJob.State.QUEUED:
        return  # gone, or already run (a task delivered twice)
    job.state, job.started_at, job.attempts = AnnualReportJob.State.RUNNING, timezone.now(), job.attempts + 1
    job.save()

    def on_step(format):
        job.step = format
        job.save(update_fields=["step"])

    def on_stored(report):
        _finish(job, report, already_frozen=False)

    try:
        annual_report_freeze(
            **{name: getattr(job, name) for name in JOB_FIELDS},
            user=job.started_by,
            on_step=on_step,
            on_stored=on_stored,
        )
    except AlreadyFrozen as twin:
        _finish(job, twin.report, already_frozen=True)
    except Exception as error:
        logger.exception("Freezing annual report job %s failed at step %r", job.pk, job.step)
        _fail(job, _failure_message(job, error))


def _finish(job, report, *, already_frozen: bool) -> None:
    job.state, job.report, job.already_frozen = AnnualReportJob.State.DONE, report, already_frozen
    job.finished_at = timezone.now()
    job.save()


def job_status(job: AnnualReportJob) -> dict:
    """What the job page's script shows (the JSON status endpoint)."""
    from django.urls import reverse

    files = []
    if job.is_done and job.report_id:
        order = AnnualReportFile.Format.values
        for format in sorted(job.report.files.values_list("format", flat=True), key=order.index):
            label = AnnualReportFile.Format(format).label
            files.append(
                {
                    "label": _("Ladda ner %(format)s") % {"format": label},
                    "url": reverse("annual-report-frozen-file", args=[job.report_id, format]),
                }
            )
    return {
        "state": job.state,
        "state_label": job.get_state_display(),
        "step": job.step,
        "text": job.progress_text,
        "finished": not job.is_active,
        "report_url": job.report.get_absolute_url() if job.report_id else "",
        "files": files,
    }


# Downloads of a large report that is not frozen -------------------------------------------------------


def download_in_background(arguments: dict) -> bool:
    """Whether the chosen report is too large to render inside the request."""
    measures = scope_measures(
        plan=arguments["plan"], decision_body=arguments["decision_body"], whole_plan=arguments["whole_plan"]
    )
    return measures.count() > settings.ANNUAL_REPORT_BACKGROUND_MEASURES


def download_start(*, format: str, user, **arguments) -> AnnualReportDownload:
    """Queues rendering one file of the chosen report; downloads older than a day are removed."""
    from reporting.tasks import render_annual_report_download

    AnnualReportDownload.objects.filter(
        created_at__lt=timezone.now() - AnnualReportDownload.KEPT_FOR
    ).delete()
    with transaction.atomic():
        download = AnnualReportDownload.objects.create(
            **{name: arguments[name] for name in JOB_FIELDS}, format=format, requested_by=user
        )
        download.task_id = str(render_annual_report_download.enqueue(download.pk).id)
        download.save(update_fields=["task_id"])
    return download


def download_run(download_id: int) -> None:
    download = AnnualReportDownload.objects.filter(
        pk=download_id, state=AnnualReportDownload.State.QUEUED
    ).first()
    if download is None:
        return
    download.state = AnnualReportDownload.State.RUNNING
    download.save()
    try:
        content = assemble(**{name: getattr(download, name) for name in JOB_FIELDS})
        data = writers.WRITERS[download.format](content)
    except Exception:
        logger.exception("Rendering annual report download %s failed", download.pk)
        download.state = AnnualReportDownload.State.FAILED
        download.error = _(
            "Det gick inte att ta fram %(format)s-filen. Försök igen; händer det igen, kontakta den som "
            "förvaltar Tillsammans."
        ) % {"format": download.get_format_display()}
    else:
        download.state, download.data, download.sha256 = (
            AnnualReportDownload.State.DONE,
            data,
            file_checksum(data),
        )
        download.file_name = writers.file_name(content, download.format)
    download.finished_at = timezone.now()
    download.save()


def download_status(download: AnnualReportDownload) -> dict:
    from django.urls import reverse

    files = []
    if download.state == AnnualReportDownload.State.DONE:
        label = _("Ladda ner %(format)s") % {"format": download.get_format_display()}
        files.append({"label": label, "url": reverse("annual-report-download-file", args=[download.pk])})
    return {
        "state": download.state,
        "state_label": download.get_state_display(),
        "step": download.format,
        "text": download.progress_text,
        "finished": not download.is_active,
        "report_url": "",
        "files": files,
    }
