"""An export over EXPORT_STREAM_LIMIT rows is built in the background: a progress page, then a download that
works only for who asked for it, until it expires; expired files are purged; a broken broker leaves the job
waiting and the page saying so, never an error."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.exports import jobs, registry, selectors, tasks
from dashboard.exports.registry import Column
from dashboard.models import ExportJob
from tests.communications.reminders.helpers import celery_broker
from tests.dashboard.exports.helpers import export_url
from tests.factories import CoordinatorFactory, LogEntryFactory

pytestmark = pytest.mark.django_db

Status = ExportJob.Status


@pytest.fixture(autouse=True)
def small_limit(settings, tmp_path):
    settings.EXPORT_STREAM_LIMIT = 2
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def calls():
    """Three phone calls and an email in the log: the phone calls are over the limit of two."""
    for summary in ("First call.", "Second call.", "Third call."):
        LogEntryFactory(channel="phone", summary=summary)
    LogEntryFactory(channel="email", summary="An email.")


def ask(client, captured, **query):
    """Ask for the log export as the list's button does; the task is queued, not run (captured)."""
    with captured(execute=False):
        response = client.get(export_url("log", **query))
    return response


def test_a_large_export_takes_you_to_a_progress_page(
    calls, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    response = ask(coordinator_client, django_capture_on_commit_callbacks, channel="phone")

    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("exports:job", args=[job.pk])
    assert (job.kind, job.query, job.rows_total, job.status, job.requested_by) == (
        "log", "channel=phone", 3, Status.QUEUED, coordinator
    )  # fmt: skip
    page = coordinator_client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in page and 'aria-valuenow="0"' in page
    assert "Waiting for the exporter to start" in page
    assert "js/import-progress.js" in page  # the import's progress bar, reused
    assert "try starting it again" in page


def test_the_progress_page_shows_how_far_the_worker_has_got(calls, coordinator, coordinator_client):
    job = ExportJob.objects.create(
        kind="log", requested_by=coordinator, status=Status.RUNNING, rows_total=4, rows_done=1
    )

    status = coordinator_client.get(reverse("exports:job_status", args=[job.pk])).json()
    page = coordinator_client.get(reverse("exports:job", args=[job.pk])).content.decode()

    assert status == {"status": "running", "label": "Running", "percent": 25, "text": "Writing the file: 1 of 4 rows"}
    assert 'aria-valuenow="25"' in page and "Writing the file: 1 of 4 rows" in page


def test_the_worker_writes_the_file_in_chunks_moving_the_progress(calls, coordinator, monkeypatch):
    job = ExportJob.objects.create(kind="log", query="channel=phone", requested_by=coordinator, rows_total=3)
    monkeypatch.setattr(selectors, "CHUNK", 2)
    seen = []
    progress = jobs._progress

    def watched(job_id, rows_done):
        progress(job_id, rows_done)
        seen.append(ExportJob.objects.get(pk=job_id).rows_done)

    monkeypatch.setattr(jobs, "_progress", watched)

    assert tasks.build_export(job.pk) == "done"

    assert seen == [2, 3]  # a step for each chunk of two rows
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == (Status.DONE, 3, 3)
    assert job.expires_at == job.finished_at + datetime.timedelta(hours=24)
    assert job.file.name.startswith("exports/") and job.file.name.endswith(".csv")


def test_the_finished_file_downloads_for_who_asked_with_only_the_filtered_rows(
    calls, coordinator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the task runs (eagerly) once the request commits
        response = coordinator_client.get(export_url("log", channel="phone"))
    job = ExportJob.objects.get()
    assert job.status == Status.DONE

    page = coordinator_client.get(response["Location"]).content.decode()
    download = coordinator_client.get(reverse("exports:download", args=[job.pk]))

    assert "Your file is ready: 3 rows." in page and reverse("exports:download", args=[job.pk]) in page
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="log-{timezone.localdate():%Y-%m-%d}.csv"'
    assert "no-cache" in download["Cache-Control"]
    text = b"".join(download.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffID,When,Partnership")
    assert "First call." in text and "Third call." in text and "An email." not in text


def test_asking_twice_while_it_runs_gives_the_same_job(calls, coordinator_client, django_capture_on_commit_callbacks):
    first = ask(coordinator_client, django_capture_on_commit_callbacks, channel="phone")
    second = ask(coordinator_client, django_capture_on_commit_callbacks, channel="phone")

    assert first["Location"] == second["Location"]
    assert ExportJob.objects.count() == 1


def test_another_persons_export_is_not_found(calls, coordinator, client):
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=3)
    tasks.build_export(job.pk)
    client.force_login(CoordinatorFactory())

    for name in ("exports:job", "exports:job_status", "exports:download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name
    assert client.post(reverse("exports:retry", args=[job.pk])).status_code == 404
    assert reverse("exports:job", args=[job.pk]) not in client.get(reverse("exports:list")).content.decode()


def test_a_download_before_the_file_is_ready_goes_to_the_progress_page(coordinator, coordinator_client):
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=3)

    response = coordinator_client.get(reverse("exports:download", args=[job.pk]))

    assert response.status_code == 302 and response["Location"] == reverse("exports:job", args=[job.pk])


def test_an_expired_export_says_to_run_it_again(calls, coordinator, coordinator_client):
    job = ExportJob.objects.create(kind="log", query="channel=phone", requested_by=coordinator, rows_total=3)
    tasks.build_export(job.pk)
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = coordinator_client.get(reverse("exports:download", args=[job.pk]))
    page = coordinator_client.get(reverse("exports:job", args=[job.pk])).content.decode()
    listed = coordinator_client.get(reverse("exports:list")).content.decode()

    assert response.status_code == 410
    assert "This export has expired, run it again." in response.content.decode()
    assert reverse("communications:log_list") + "?channel=phone" in response.content.decode()
    assert "This export has expired, run it again." in page
    assert "Expired" in listed and reverse("exports:download", args=[job.pk]) not in listed


def test_purging_deletes_the_files_of_expired_exports_only(calls, coordinator, settings):
    old, fresh = (ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=4) for _ in range(2))
    for job in (old, fresh):
        tasks.build_export(job.pk)
    ExportJob.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    old.refresh_from_db()
    fresh.refresh_from_db()
    old_path = Path(settings.MEDIA_ROOT) / old.file.name

    assert tasks.purge_expired_exports() == 1

    assert not old_path.exists()
    assert (Path(settings.MEDIA_ROOT) / fresh.file.name).exists()
    old.refresh_from_db()
    assert old.file.name == "" and old.status == Status.DONE  # the job stays, saying it expired
    assert tasks.purge_expired_exports() == 0  # safe to run again


def test_a_broken_broker_leaves_the_job_waiting_and_the_page_working(
    calls, coordinator_client, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def down(*args):
        raise OSError("connection refused")

    monkeypatch.setattr(tasks.build_export, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.get(export_url("log", channel="phone"))

    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == Status.QUEUED
    assert "broker is unavailable" in caplog.text
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Waiting for the exporter to start" in page
    assert "the background worker may be unavailable: the export waits until it is back" in page


def test_trying_again_queues_a_waiting_job_once_more(
    calls, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=4)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("exports:retry", args=[job.pk]))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.DONE


def test_a_job_is_built_once_however_often_it_is_delivered(calls, coordinator):
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=4)

    assert tasks.build_export(job.pk) == "done"
    assert tasks.build_export(job.pk) == "not queued"


def test_a_job_that_breaks_is_marked_failed_in_plain_words(calls, coordinator, coordinator_client, monkeypatch):
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=4)
    log = registry.get("log")

    def broken(summary):
        raise ValueError("a cell that cannot be written")

    broken_column = Column("Broken", ("summary",), make=broken)
    monkeypatch.setitem(registry.KINDS, "log", dataclasses.replace(log, columns=(broken_column,)))
    assert tasks.build_export(job.pk) == "failed"

    job.refresh_from_db()
    assert job.status == Status.FAILED and not job.file
    assert job.error == (
        f"Something went wrong while writing the file. Run the export again; if it fails again, report export {job.pk}."
    )
    page = coordinator_client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert "The export stopped, and no file was made." in page and job.error in page


def test_a_redis_broker_that_is_not_there_does_not_break_the_export(
    calls, coordinator_client, django_capture_on_commit_callbacks, caplog
):
    with celery_broker("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.get(export_url("log", channel="phone"))

    assert response.status_code == 302
    assert ExportJob.objects.get().status == Status.QUEUED
    assert "broker is unavailable" in caplog.text


def test_the_file_is_never_served_by_a_public_url(calls, coordinator, coordinator_client, anon_client, settings):
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=4)
    tasks.build_export(job.pk)
    job.refresh_from_db()
    assert (Path(settings.MEDIA_ROOT) / job.file.name).exists()

    address = f"/{settings.MEDIA_URL}{job.file.name}"
    assert coordinator_client.get(address).status_code == 404
    assert anon_client.get(address)["Location"].startswith(reverse("login"))


def test_the_same_filters_in_another_order_or_with_unknown_words_are_one_export(
    calls, coordinator_client, django_capture_on_commit_callbacks
):
    first = ask(coordinator_client, django_capture_on_commit_callbacks, channel="phone", x="1")
    second = ask(coordinator_client, django_capture_on_commit_callbacks, x="2", channel="phone")

    assert first["Location"] == second["Location"]
    assert ExportJob.objects.get().query == "channel=phone"


def test_a_person_may_have_only_a_few_exports_waiting_at_once(
    calls, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    for channel in ("phone", "email", "meeting"):
        ExportJob.objects.create(kind="log", query=f"channel={channel}", requested_by=coordinator)

    response = ask(coordinator_client, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response["Location"] == reverse("exports:list")
    assert ExportJob.objects.count() == 3
    page = coordinator_client.get(response["Location"])
    assert "You already have 3 exports waiting or running." in page.content.decode()


def test_a_job_whose_worker_was_lost_is_taken_over_by_the_next_delivery(calls, coordinator):
    """A worker killed at the time limit (or by a restart) leaves its job "running": later, it is not."""
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=4)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ExportJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, started_at=long_ago)

    assert tasks.build_export(job.pk) == "done"


def test_a_job_running_now_is_left_to_its_worker(calls, coordinator):
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=4)
    ExportJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, started_at=timezone.now())

    assert tasks.build_export(job.pk) == "not queued"


def test_the_purge_marks_failed_a_job_whose_worker_was_lost(calls, coordinator):
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=4)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    ExportJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, started_at=long_ago)

    jobs.export_jobs_purge()

    job.refresh_from_db()
    assert (job.status, job.error) == (Status.FAILED, "The export stopped before it finished. Run it again.")
