"""A coordinator exports a filtered list and gets only the filtered rows; a large export shows its progress and
then a download link. At desktop and phone width, with axe-core on every page."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from dashboard.exports import jobs, selectors, tasks
from dashboard.models import ExportJob
from tests.e2e.browser import DESKTOP, PHONE, sideways_overflow
from tests.factories import BusinessFactory, LogEntryFactory, PartnershipFactory, active_partnership

SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])


def read_csv(path: str | Path) -> list[dict[str, str]]:
    text = Path(path).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff"), "the file starts with the byte-order mark spreadsheets look for"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@SIZES
def test_a_coordinator_exports_the_filtered_partnerships_and_the_file_has_only_those(journey, coordinator, size):
    active_partnership(business=BusinessFactory(name="Acme Robotics"), name="Acme Robotics internships")
    PartnershipFactory(business=BusinessFactory(name="Zenith Bakery"), name="Zenith Bakery tours", status="prospect")
    page = journey.page
    page.set_viewport_size(size)

    journey.sign_in(coordinator)
    journey.visit(reverse("partnerships:list"), "partnerships")
    journey.open_filters()
    page.get_by_label("Status").select_option(label="Prospect")
    journey.press("Filter", "filtered")
    expect(page.get_by_text("1 partnership", exact=True)).to_be_visible()
    assert sideways_overflow(page) == 0

    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    file = download.value

    assert file.suggested_filename.startswith("partnerships-") and file.suggested_filename.endswith(".csv")
    rows = read_csv(file.path())
    assert [(row["Partnership"], row["Status"]) for row in rows] == [("Zenith Bakery tours", "Prospect")]


@SIZES
def test_a_large_export_shows_its_progress_then_a_download_link(
    journey, coordinator, settings, tmp_path, monkeypatch, size
):
    settings.EXPORT_STREAM_LIMIT = 2  # three phone calls are a "large" export here
    settings.MEDIA_ROOT = tmp_path
    for summary in ("First call.", "Second call.", "Third call."):
        LogEntryFactory(channel="phone", summary=summary)
    LogEntryFactory(channel="email", summary="An email.")
    queued = []
    monkeypatch.setattr(tasks.build_export, "delay", queued.append)  # the broker holds it for the worker
    page = journey.page
    page.set_viewport_size(size)
    bar = page.get_by_role("progressbar", name="Export progress")

    journey.sign_in(coordinator)
    journey.visit(reverse("communications:log_list"), "the log")
    journey.open_filters()
    page.get_by_label("Channel").select_option(label="Phone")
    journey.press("Filter", "phone calls")
    journey.follow("Export CSV", "export waiting")
    expect(page.get_by_text("Waiting for the exporter to start…")).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "0")
    assert sideways_overflow(page) == 0
    [job_id] = queued

    # The worker, a row a chunk: once it has written the first the page (polling) shows a third done.
    monkeypatch.setattr(selectors, "CHUNK", 1)
    progress = jobs._progress

    def watched(job, rows_done):
        progress(job, rows_done)
        if rows_done == 1:
            expect(bar).to_have_attribute("aria-valuenow", "33")
            expect(page.get_by_text("Writing the file: 1 of 3 rows")).to_be_visible()

    monkeypatch.setattr(jobs, "_progress", watched)
    with page.expect_navigation():  # once the job is done the page reloads itself
        assert tasks.build_export(job_id) == "done"
    journey.check("export ready")
    expect(page.get_by_text("Your file is ready: 3 rows.")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the CSV file").click()
    rows = read_csv(download.value.path())
    assert sorted(row["Summary"] for row in rows) == ["First call.", "Second call.", "Third call."]

    journey.visit(reverse("exports:list"), "your exports")
    expect(page.get_by_role("cell", name="Ready")).to_be_visible()
    assert ExportJob.objects.get(pk=job_id).status == ExportJob.Status.DONE
