"""A coordinator uploads a large class list: it is checked in the background on the import's progress page,
which then shows the problems by line and column; the corrected file shows its preview, and only the Import
click saves the students. At desktop and phone width, with axe-core on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from students.imports import tasks
from students.models import ImportJob, Student
from tests.e2e.browser import DESKTOP, PHONE, sideways_overflow
from tests.factories import SchoolFactory
from tests.students.imports.helpers import student_row, to_csv

SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])


@SIZES
def test_a_large_file_is_checked_in_the_background_then_imported(
    journey, coordinator, settings, tmp_path, monkeypatch, size
):
    settings.IMPORT_INLINE_MAX_BYTES = 200  # three students are a "large" file here
    settings.MEDIA_ROOT = tmp_path / "media"
    SchoolFactory(name="Riverside High School")
    bad = tmp_path / "class.csv"
    bad.write_bytes(to_csv([student_row("S1"), student_row("S2", grade="14"), student_row("S3")]))
    good = tmp_path / "class-fixed.csv"
    good.write_bytes(to_csv([student_row("S1"), student_row("S2"), student_row("S3")]))
    queued: list[int] = []
    monkeypatch.setattr(tasks.check_import, "delay", queued.append)  # the broker holds it for the worker
    page = journey.page
    page.set_viewport_size(size)

    journey.sign_in(coordinator)
    journey.visit(reverse("imports:students"), "import students")
    page.get_by_label("CSV file").set_input_files(bad)
    journey.press("Check the file", "waiting for the check")
    expect(page.get_by_text("Waiting for the checker to start…")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Check progress")).to_have_attribute("aria-valuenow", "0")
    assert sideways_overflow(page) == 0
    [job_id] = queued

    with page.expect_navigation():  # the page polls, and reloads itself once the check is done
        assert tasks.check_import(job_id) == "invalid"
    journey.check("problems by line and column")
    problems = page.get_by_role("region", name="Problems in the file")
    expect(problems.get_by_role("row").nth(1)).to_contain_text("3")
    expect(problems.get_by_role("row").nth(1)).to_contain_text("grade")
    expect(problems).to_contain_text("Grade must be a number from 6 to 12, not 14.")

    page.get_by_label("CSV file").set_input_files(good)
    journey.press("Check the file", "waiting for the second check")
    second = queued[-1]
    with page.expect_navigation():
        assert tasks.check_import(second) == "checked"
    journey.check("preview")
    expect(page.get_by_text("3 new, 0 updated")).to_be_visible()
    assert not Student.objects.exists()  # nothing saved until the Import click

    journey.press("Import 3 students", "imported")
    expect(page.get_by_text("Imported: 3 new, 0 updated.")).to_be_visible()
    assert Student.objects.count() == 3
    assert ImportJob.objects.get(pk=second).confirmed_at is not None
